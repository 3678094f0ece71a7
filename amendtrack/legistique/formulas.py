"""The formulas of one amending sentence: what happens to alinéas, and to words.

Quotations have been taken out of the sentence before it gets here and replaced by numbered
slots (`QUOTE`), so the patterns only see the words of the formula; `read_block` reads
« est supprimé », « est ainsi rédigé », « est inséré un alinéa ainsi rédigé », « est placé
après »; `read_range` the ranges of alinéas; `read_word` the word-level formulas.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from amendtrack.french.ordinals import ORDINAL_PATTERN, cardinal, parse_ordinal
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    Unit,
    WordChange,
    WordChangeKind,
)

_Place = Callable[[str | None], Address]

Place = Callable[[str | None], Address]
"""Resolves a numbered place slot of the sentence (None: the sentence's own place)."""

OPEN, CLOSE = "\ue000", "\ue001"
QUOTE = rf"{OPEN}(\d+){CLOSE}"
SLOT = r"§(\d+)§"
SPACES = " \u00a0\u202f\t"
ORD = ORDINAL_PATTERN


def count(word: str) -> int | None:
    if word.isdecimal():
        return int(word) if len(word) <= 9 else 10**9  # more words than any text has
    if word in ("un", "une"):
        return 1
    for number in range(2, 100):
        if word in (cardinal(number), cardinal(number).replace(" ", "-")):
            return number
    return None


def quote(quotes: list[tuple[str, ...]], match: re.Match[str], group: str) -> str:
    return "\n\n".join(quotes[int(match.group(group))])


_Q = QUOTE.replace("(", "(?P<Q>", 1)
_UNITS = "alin[ée]as?|tirets?|visas?|consid[ée]rants?"


def unit_named(word: str) -> Unit:
    """The unit a word names: « alinéas », « tiret », « visa », « considérants » …"""
    word = word.lower().replace("é", "e")
    for unit in (Unit.TIRET, Unit.VISA, Unit.CONSIDERANT):
        if word.startswith(unit.value.replace("é", "e")):
            return unit
    return Unit.ALINEA
_BLOCK_PATTERNS: tuple[tuple[str, BlockChangeKind], ...] = (
    (r"(?:§(?P<S>\d+)§ |le texte |la délibération )?(?:est|sont) (?:supprimée?s?|abrogée?s?)",
     BlockChangeKind.DELETE),
    (rf"(?:§(?P<S>\d+)§ |le texte |la délibération )?(?:est|sont) ainsi rédigée?s? ?:? ?{_Q}",
     BlockChangeKind.REWRITE),
    (rf"(?P<W>après|avant) (?:le |la |l')?§(?P<S>\d+)§,? (?:il )?(?:est|sont) (?:insérée?s?|"
     rf"ajoutée?s?) (?P<N>[\w-]+) (?P<U>{_UNITS}) ainsi rédigée?s? ?:? ?{_Q}",
     BlockChangeKind.INSERT_AFTER),
    (rf"(?:le texte |la délibération |il |elle )?(?:est|sont) complétée?s? par (?P<N>[\w-]+) "
     rf"(?P<U>{_UNITS}) ainsi rédigée?s? ?:? ?{_Q}", BlockChangeKind.APPEND),
    (r"§(?P<S>\d+)§ (?:est|sont) (?:placée?|déplacée?|inséré) (?P<W>après|avant) "
     r"(?:le |la |l')?§(?P<D>\d+)§", BlockChangeKind.MOVE_AFTER),
)


def read_block(
    sentence: str, quotes: list[tuple[str, ...]], place: Place, line: int
) -> list[Instruction] | None:
    for pattern, kind in _BLOCK_PATTERNS:
        match = re.fullmatch(pattern, sentence)
        if match is None:
            continue
        groups = match.groupdict()
        where = place(groups.get("S"))
        if kind is BlockChangeKind.DELETE:
            return [BlockChange(kind, where, line=line)]
        if kind is BlockChangeKind.MOVE_AFTER:
            if groups["W"] == "avant":
                kind = BlockChangeKind.MOVE_BEFORE
            return [BlockChange(kind, where, destination=place(groups["D"]), line=line)]
        texts = quotes[int(groups["Q"])]
        if kind is BlockChangeKind.REWRITE:
            return [BlockChange(kind, where, texts, line=line)]
        unit = unit_named(groups["U"])
        if kind is BlockChangeKind.APPEND:
            where = Address(place(None).article)
        elif groups["W"] == "avant":
            kind = BlockChangeKind.INSERT_BEFORE
        if count(groups["N"]) not in (None, len(texts)):
            return None
        return [BlockChange(kind, where, texts, unit, line=line)]
    return None


def read_range(sentence: str, base: Address, line: int) -> list[Instruction] | None:
    match = re.fullmatch(
        rf"les (?P<F>{ORD}) (?P<J>et|à) (?P<E>{ORD}) (?P<U>alin[ée]as|tirets)"
        rf"(?: (?:du|de l') (?:(?P<A>{ORD}) alin[ée]a|(?P<L>\d+ ?°)))? sont (?:supprimés|abrogés)",
        sentence,
    )
    if match is None:
        return None
    first, last = parse_ordinal(match.group("F")), parse_ordinal(match.group("E"))
    if first is None or last is None or first < 1 or last < first:
        return None
    if match.group("J") == "et" and last != first + 1:
        return None
    count = last - first + 1
    if match.group("U") != "tirets":
        return [BlockChange(BlockChangeKind.DELETE, Address(base.article, first), count=count,
                            line=line)]
    alinea = base.alinea if match.group("A") is None else parse_ordinal(match.group("A"))
    label = base.label if match.group("L") is None else match.group("L").replace(" ", "")
    if match.group("A") is not None:
        label = None
    where = Address(base.article, alinea, first, label)
    return [BlockChange(BlockChangeKind.DELETE, where, unit=Unit.TIRET, count=count, line=line)]


_NOUN = (r"(?:(?:le|la|les|l'|du|des|de la) ?)?(?:mots?|termes?|signes?|chiffres?|nombres?|"
         r"montants?|dates?|références?|expressions?|lettres?|caractères?|phrases?)")
_OCC = rf"(?:la (?P<O>{ORD}) occurrence (?:du|des|de la|de l') ?)"
_X = QUOTE.replace("(", "(?P<X>", 1)
_Y = QUOTE.replace("(", "(?P<Y>", 1)
_N = rf"(?:{_NOUN} ?:? ?)?"
_IN = r"(?:il )?(?:est|sont) (?:insérée?s?|ajoutée?s?)"
_WORD_PATTERNS: tuple[tuple[str, WordChangeKind], ...] = (
    (rf"{_OCC}?{_N}{_X},? (?:est|sont) remplacée?s?,? par {_N}{_Y}", WordChangeKind.REPLACE),
    (rf"{_OCC}?{_N}{_X},? (?:est|sont) (?:supprimée?s?|abrogée?s?)", WordChangeKind.DELETE),
    (rf"après {_OCC}?{_N}{_X},? {_IN}(?: {_NOUN})? ?:? ?{_Y}", WordChangeKind.INSERT_AFTER),
    (rf"avant {_OCC}?{_N}{_X},? {_IN}(?: {_NOUN})? ?:? ?{_Y}", WordChangeKind.INSERT_BEFORE),
    (rf"{_IN}(?: {_NOUN})? ?:? ?{_Y},? après {_OCC}?{_N}{_X}", WordChangeKind.INSERT_AFTER),
    (rf"{_IN}(?: {_NOUN})? ?:? ?{_Y},? avant {_OCC}?{_N}{_X}", WordChangeKind.INSERT_BEFORE),
    (rf"{_IN},? après {_OCC}?{_N}{_X},? {_N}{_Y}", WordChangeKind.INSERT_AFTER),
    (rf"au début(?: de l'alinéa| de la phrase| du §(?P<P>\d+)§)?,? {_IN}(?: {_NOUN})? ?:? ?{_Y}",
     WordChangeKind.INSERT_START),
    (rf"(?:§(?P<P>\d+)§ |il |elle )?est précédée? "
     rf"(?:des mots|du mot|de la phrase|par {_N}) ?:? ?{_Y}",
     WordChangeKind.INSERT_START),
    (rf"(?:§(?P<P>\d+)§ |il |elle )?est complétée? par une phrase ainsi rédigée ?:? ?{_Y}",
     WordChangeKind.APPEND_SENTENCE),
    (rf"(?:§(?P<P>\d+)§ |il |elle )?est complétée? par {_N}{_Y}", WordChangeKind.APPEND),
    (rf"à la fin(?: de l'alinéa| du §(?P<P>\d+)§)?,? {_IN}(?: {_NOUN})? ?:? ?{_Y}",
     WordChangeKind.APPEND),
)


def read_word(
    sentence: str, quotes: list[tuple[str, ...]], place: Place, line: int
) -> list[Instruction] | None:
    slot: str | None = None
    lead = re.match(rf"(?:au |à l'|à la |dans l'|dans le |aux )?{SLOT}, ?", sentence)
    if lead:
        slot, sentence = lead.group(1), sentence[lead.end() :]
    for pattern, kind in _WORD_PATTERNS:
        match = re.fullmatch(pattern, sentence)
        if match is None:
            continue
        groups = match.groupdict()
        where = place(groups.get("P") or slot)
        anchor = quote(quotes, match, "X") if groups.get("X") else ""
        words = quote(quotes, match, "Y") if groups.get("Y") else ""
        occurrence = parse_ordinal(groups["O"]) if groups.get("O") else None
        return [WordChange(kind, where, anchor, words, occurrence, line)]
    return None
