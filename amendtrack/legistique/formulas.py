"""The word-level formulas of an amending sentence, clause by clause.

Quotations have been taken out of the sentence before it gets here and replaced by numbered
slots (`QUOTE`), so the patterns only see the words of the formula. A sentence may hold several
clauses on one place (« les mots : « A » sont remplacés par les mots : « B » et les mots : « C »
sont supprimés ») and a clause its own place (« … et à la deuxième phrase, les mots … »);
`read_clauses` reads them all. The nouns before a quotation (« le mot », « les mots », « le
signe », « la mention », « la référence », « le chiffre », « la date » …) are read alike:
what counts is the quoted text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from amendtrack.french.ordinals import parse_ordinal
from amendtrack.legistique.instructions import Address, Instruction, WordChange, WordChangeKind
from amendtrack.legistique.places import CARDINAL, ORD, Context, count_of, places, within

OPEN, CLOSE = "\ue000", "\ue001"
QUOTE = rf"{OPEN}(\d+){CLOSE}"
SPACES = " \u00a0\u202f\t"
FLAGS = re.IGNORECASE

NOUN = (r"(?:(?:le|la|les|l')\s?)?(?:mots?|termes?|signes?|chiffres?|nombres?|montants?"
        r"|dates?|références?|expressions?|lettres?|caractères?|mentions?|taux|pourcentages?"
        r"|sommes?|années?|numéros?|phrases?|dispositions?|ponctuations?)")
_OCC = (rf"(?:(?:la\s+)?(?P<O>{ORD})\s+occurrence|(?P<E>chaque|toutes\s+les|les\s+"
        rf"(?P<EN>{CARDINAL}))\s+occurrences?)\s+(?:du|des|de\s+la|de\s+l')\s?")


def _slot(name: str) -> str:
    return QUOTE.replace("(", f"(?P<{name}>", 1)


_X = rf"(?:{_OCC})?(?:{NOUN}\s*:?\s*)?{_slot('X')}(?:,?\s+(?P<T>deux|trois|quatre)\s+fois)?"
_Y = rf"(?:{NOUN}\s*:?\s*)?{_slot('Y')}"
_IN = r"(?:il\s+)?(?:est|sont)\s+(?:insérée?s?|ajoutée?s?)"
_SENTENCE_Y = rf"(?:une|deux|trois|des)\s+phrases?\s+ainsi\s+rédigées?\s*:?\s*{_slot('Y')}"
_WORD_PATTERNS: tuple[tuple[str, WordChangeKind], ...] = (
    (rf"{_X},?\s+(?:est|sont)\s+remplacée?s?,?\s+par\s+{_Y}", WordChangeKind.REPLACE),
    (rf"{_X},?\s+(?:est|sont)\s+(?:supprimée?s?|abrogée?s?)", WordChangeKind.DELETE),
    (rf"après\s+{_X},?\s+{_IN}\s*{_Y}", WordChangeKind.INSERT_AFTER),
    (rf"avant\s+{_X},?\s+{_IN}\s*{_Y}", WordChangeKind.INSERT_BEFORE),
    (rf"{_IN}\s*{_Y},?\s+après\s+{_X}", WordChangeKind.INSERT_AFTER),
    (rf"{_IN}\s*{_Y},?\s+avant\s+{_X}", WordChangeKind.INSERT_BEFORE),
    (rf"{_IN},?\s+après\s+{_X},?\s+{_Y}", WordChangeKind.INSERT_AFTER),
    (rf"(?:il\s+|elle\s+)?(?:est|sont)\s+complétée?s?\s+par\s+{_SENTENCE_Y}",
     WordChangeKind.APPEND_SENTENCE),
    (rf"(?:il\s+|elle\s+)?(?:est|sont)\s+complétée?s?\s+par\s+{_Y}", WordChangeKind.APPEND),
    (rf"(?:il\s+|elle\s+)?est\s+précédée?\s+(?:des\s+mots|du\s+mot|de\s+la\s+mention"
     rf"|d'une\s+phrase\s+ainsi\s+rédigée|par\s+{NOUN})?\s*:?\s*{_slot('Y')}",
     WordChangeKind.INSERT_START),
)
_AT_EDGE: tuple[tuple[str, WordChangeKind], ...] = (
    (rf"{_IN}\s*{_Y}", WordChangeKind.INSERT_START),
)
_COMPILED = tuple((re.compile(pattern, FLAGS), kind) for pattern, kind in _WORD_PATTERNS)
_COMPILED_EDGE = tuple((re.compile(pattern, FLAGS), kind) for pattern, kind in _AT_EDGE)
_SPLIT = re.compile(rf"(?<={CLOSE})(?:\s*,\s*et\s+|\s*,\s+|\s+et\s+)(?=\S)")
_LEAD = re.compile(
    r"(?P<edge>au\s+début|à\s+la\s+fin)(?:\s+(?:du|de\s+la|de\s+l'|des)\s*(?P<of>[^,]*?))?"
    r"\s*,\s*"
    r"|(?P<place>(?:(?:au|aux|à\s+la|dans\s+les?|dans\s+la|en)\s+|(?:à|dans)\s+l')"
    r"[^,]+?)\s*(?:,\s*|\s+et\s+(?=(?:au|aux|à|dans)\b))", FLAGS)

Quotes = list[tuple[str, ...]]


def quote(quotes: Quotes, match: re.Match[str], group: str) -> str:
    """The text of a quotation slot (its alinéas joined by a blank line)."""
    return "\n\n".join(quotes[int(match.group(group))])


def leads(sentence: str, context: Context) -> tuple[list[Address], str, str | None]:
    """The places a sentence opens with (« Au premier alinéa de l'article X, à l'article Y, »),
    each merged with the context; the rest; « start » or « end » for « au début », « à la
    fin »."""
    found: list[Address] = []
    edge: str | None = None
    rest = sentence
    while (match := _LEAD.match(rest)) is not None and rest[match.end() :].strip():
        if match.group("edge"):
            edge = "start" if match.group("edge").lower().startswith("au") else "end"
            named = places(match.group("of") or "", context)
        else:
            named = places(match.group("place"), context)
        if named is None:
            break
        found = _nested(found, list(named.addresses), context)
        rest = rest[match.end() :]
    return found, rest, edge


def _nested(found: list[Address], new: list[Address], context: Context) -> list[Address]:
    """A lead place either adds to the list (« au second alinéa de l'article X, à l'article
    Y ») or narrows the one before (« Au deuxième alinéa, à la première phrase, »)."""
    if found and all(not a.names_unit for a in new) and all(
            _deeper(a, found[-1]) for a in new):
        return [*found[:-1], *(within(found[-1], address) for address in new)]
    return [*found, *(within(context.base, address) for address in new)]


def _deeper(address: Address, than: Address) -> bool:
    if address.sentence is not None and than.sentence is None:
        return address.alinea is None and address.label is None
    if address.tiret is not None and than.tiret is None:
        return address.alinea is None and address.label is None
    return False


def _change(match: re.Match[str], kind: WordChangeKind, quotes: Quotes, line: int,
            where: Address) -> WordChange:
    groups = match.groupdict()
    anchor = quote(quotes, match, "X") if groups.get("X") else ""
    words = quote(quotes, match, "Y") if groups.get("Y") else ""
    occurrence = parse_ordinal(groups["O"]) if groups.get("O") else None
    every: int | None = None
    if groups.get("E"):
        every = count_of(groups["EN"]) if groups.get("EN") else 0
    if groups.get("T"):
        every = count_of(groups["T"])
    return WordChange(kind, where, anchor, words, occurrence, line, every)


def _clause(text: str, quotes: Quotes, line: int, where: Address,
            edge: str | None) -> WordChange | None:
    patterns = _COMPILED if edge != "start" else _COMPILED_EDGE + _COMPILED
    for pattern, kind in patterns:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if edge == "end" and kind is WordChangeKind.INSERT_START:
            kind = WordChangeKind.APPEND
        change = _change(match, kind, quotes, line, where)
        if edge == "end" and kind in (WordChangeKind.REPLACE, WordChangeKind.DELETE) and \
                change.occurrence is None and change.every is None:
            change = replace(change, occurrence=-1)  # « à la fin » : the last one
        return change
    return None


def read_clauses(text: str, quotes: Quotes, context: Context, line: int,
                 bases: list[Address], edge: str | None) -> list[Instruction] | None:
    """Every word change of `text` at every place of `bases`; None if a clause is unread."""
    whole = [_clause(text, quotes, line, base, edge) for base in bases]
    if all(change is not None for change in whole):
        return [change for change in whole if change is not None]
    for split in _SPLIT.finditer(text):
        head = [_clause(text[: split.start()], quotes, line, base, edge) for base in bases]
        if any(change is None for change in head):
            continue
        tail = _tail(text[split.end() :], quotes, context, line, bases)
        if tail is not None:
            return [*(change for change in head if change is not None), *tail]
    return None


def _tail(text: str, quotes: Quotes, context: Context, line: int,
          bases: list[Address]) -> list[Instruction] | None:
    """The clauses after the first, each at every base: with a place of their own (« et à la
    deuxième phrase, … » narrows each base) or not."""
    result: list[Instruction] = []
    for base in bases:
        own, rest, edge = leads(text, Context(context.act, base))
        read = read_clauses(rest, quotes, context, line, own, edge) if own else read_clauses(
            text, quotes, context, line, [base], None)
        if read is None:
            return None
        result.extend(read)
    return result


__all__ = ["CLOSE", "FLAGS", "NOUN", "OPEN", "QUOTE", "SPACES", "Quotes", "leads", "quote",
           "read_clauses"]
