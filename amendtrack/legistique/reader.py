"""Reading amending instructions in French légistique into records (`instruction_model`).

An instruction names a place (`Address`: an article, an alinéa, a tiret of an alinéa, an item
such as « 3° ») and what happens there: words replaced, deleted or inserted (`WordChange`), or
alinéas rewritten, deleted, inserted or moved (`BlockChange`). A provision that changes no text
(a date of application, say) is kept as `NoChange` so that it can be reported.

Instructions apply one after the other: each one reads the text as the previous ones left it
(the way successive provisions of an act are consolidated). `parse` reads what
`amendtrack.legistique.writer` writes and the variants people write (« est inséré le mot », « sont
ajoutés », « est abrogé », « par les mots … », without the colon, straight or curly apostrophes,
straight double quotes); `amendtrack.legistique.applier` applies the records to a version.
"""

from __future__ import annotations

import re

from amendtrack.errors import AmendmentError
from amendtrack.french.ordinals import parse_ordinal
from amendtrack.legistique.formulas import (
    CLOSE,
    OPEN,
    ORD,
    QUOTE,
    SLOT,
    SPACES,
    read_block,
    read_range,
    read_word,
    unit_named,
)
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    NoChange,
    Unit,
    WordChange,
    WordChangeKind,
)

# --- reading ----------------------------------------------------------------------------------
_SUFFIXES = "bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies"
_ARTICLE = re.compile(
    rf"(?:(?:à|a|de|dans) )?l'article ((?:[lrd]\.? ?)?[\w.-]+(?: (?:{_SUFFIXES}))?)"
    rf"(?: (?:du|de la|de l'|des|de) [^,:{OPEN}]*?)?(?=,|\s(?:est|sont|il|elle)\b|\s*:|$)"
)
_VERBS = re.compile(
    r"\b(?:est|sont) (?:ainsi )?(?:supprim|remplac|insér|ajout|rédig|abrog|complét|modifi"
    r"|plac|déplac|précéd)"
)


def parse(text: str, name: str = "<instructions>") -> tuple[Instruction, ...]:
    """Read instructions from text. Raises AmendmentError naming the line that cannot be read."""
    working, quotes, lines = _extract_quotes(text.replace("\r\n", "\n"), name)
    contexts: dict[int, Address] = {}
    result: list[Instruction] = []
    for line_number, raw in _provisions(working, lines):
        level, sentence = _strip_numbering(_normal(raw))
        for deeper in [key for key in contexts if key >= level]:
            del contexts[deeper]
        context = _merged(list(contexts.values()))
        parsed = _parse_sentence(sentence, quotes, context, line_number, name)
        if isinstance(parsed, Address):
            contexts[level] = parsed
        elif parsed is None:
            result.append(NoChange(_restore(raw, quotes).strip(), line_number))
        else:
            result.extend(parsed)
    return tuple(result)


def _fail(name: str, line: int, problem: str) -> AmendmentError:
    return AmendmentError(f"line {line}: {problem}", name)


def _strip_one(text: str, start: bool) -> str:
    if start:
        return text[1:] if text[:1] in SPACES else text
    return text[:-1] if text[-1:] in SPACES else text


def _extract_quotes(
    text: str, name: str
) -> tuple[str, list[tuple[str, ...]], list[int]]:
    """Replace every quotation by a placeholder; guillemets nest, « at a line start continues.

    Returns the text with placeholders, the quotations (each a tuple of alinéas) and, for each
    placeholder, how many line breaks it swallowed.
    """
    out: list[str] = []
    quotes: list[tuple[str, ...]] = []
    swallowed: list[int] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "«":
            parts, end = _guillemets(text, index, name)
        elif char in "\"“":
            closing = text.find('"' if char == '"' else "”", index + 1)
            if closing < 0:
                raise _fail(name, text.count("\n", 0, index) + 1, "quotation is never closed")
            parts = [_strip_one(_strip_one(text[index + 1 : closing], True), False)]
            end = closing + 1
        else:
            out.append(char)
            index += 1
            continue
        out.append(f"{OPEN}{len(quotes)}{CLOSE}")
        quotes.append(tuple(parts))
        swallowed.append(text.count("\n", index, end))
        index = end
    return _merge_quotes("".join(out), quotes, swallowed)


def _merge_quotes(
    working: str, quotes: list[tuple[str, ...]], swallowed: list[int]
) -> tuple[str, list[tuple[str, ...]], list[int]]:
    """Quotations on consecutive lines are the alinéas of one quotation (« "a"⏎"b" »)."""
    pattern = re.compile(rf"{QUOTE}[{SPACES}]*\n[{SPACES}]*{QUOTE}")
    while True:
        match = pattern.search(working)
        if match is None:
            return working, quotes, swallowed
        first, second = int(match.group(1)), int(match.group(2))
        quotes[first] = quotes[first] + quotes[second]
        swallowed[first] += swallowed[second] + 1
        working = working[: match.start()] + f"{OPEN}{first}{CLOSE}" + working[match.end() :]


def _guillemets(text: str, start: int, name: str) -> tuple[list[str], int]:
    depth, index, piece_start = 1, start + 1, start + 1
    parts: list[str] = []
    while index < len(text):
        char = text[index]
        if char == "«":
            newline = text.rfind("\n", piece_start, index)
            if depth == 1 and newline >= 0 and not text[newline + 1 : index].strip():
                # A new quoted alinéa: « opens each one, » closes only the last.
                parts.append(_strip_one(text[piece_start:newline], True))
                piece_start = index + 1
            else:
                depth += 1
        elif char == "»":
            depth -= 1
            if depth == 0:
                last = _strip_one(_strip_one(text[piece_start:index], True), False)
                return [*parts, last], index + 1
        index += 1
    raise _fail(name, text.count("\n", 0, start) + 1, "« is never closed by »")


def _provisions(working: str, swallowed: list[int]) -> list[tuple[int, str]]:
    """Logical lines: a line that starts with a quotation continues the line before."""
    provisions: list[tuple[int, str]] = []
    line = 1
    for raw in working.split("\n"):
        stripped = raw.strip(SPACES)
        if stripped.startswith(OPEN) and provisions:
            number, before = provisions[-1]
            provisions[-1] = (number, before + " " + stripped)
        elif stripped:
            provisions.append((line, stripped))
        line += 1 + sum(swallowed[int(q)] for q in re.findall(QUOTE, raw))
    return provisions


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(f"[{SPACES}]+", " ", text).strip().lower()
    return re.sub(r"\s*(?:;|\.|;\s*et|,\s*et)\s*$", "", text).strip()


_NUMBERING = re.compile(
    r"^(?:(?P<roman>[ivxlc]+)\s*\.?\s*[-–—]\s*|(?P<arabic>\d+)\s*°\s*[-–—]?\s*"
    r"|(?P<letter>[a-z])\s*\)\s*|(?P<dash>[-–—])\s+)"
)


def _strip_numbering(sentence: str) -> tuple[int, str]:
    match = _NUMBERING.match(sentence)
    if not match:
        return 0, sentence
    level = {"roman": 1, "arabic": 2, "letter": 3, "dash": 4}[match.lastgroup or "dash"]
    return level, sentence[match.end() :]


def _merged(addresses: list[Address]) -> Address:
    article = alinea = tiret = label = None
    unit = Unit.ALINEA
    for address in addresses:
        article = address.article or article
        if not address.whole:
            alinea, tiret, label, unit = address.alinea, address.tiret, address.label, address.unit
    return Address(article, alinea, tiret, label, unit)


def _restore(raw: str, quotes: list[tuple[str, ...]]) -> str:
    return re.sub(QUOTE, lambda m: "« " + " / ".join(quotes[int(m.group(1))]) + " »", raw)


def _within(context: Address, address: Address) -> Address:
    """An address read inside a context (« Le premier alinéa est ainsi modifié : 1° … »)."""
    article = address.article or context.article
    if address.whole:
        return Address(article, context.alinea, context.tiret, context.label, context.unit)
    if address.alinea is None and address.label is None and address.tiret is not None:
        return Address(article, context.alinea, address.tiret, context.label, context.unit)
    return Address(article, address.alinea, address.tiret, address.label, address.unit)


_PLACE = re.compile(
    rf"(?:(?P<T>{ORD}) tirets? (?:du |de l'|de la )?)?"
    rf"(?:(?P<A>{ORD}) (?P<U>alin[ée]as?|visas?|consid[ée]rants?)\b|(?P<L>\d+ ?°))"
    rf"|(?P<S>{ORD}) tirets?\b"
)


def _places(sentence: str, article: str | None) -> tuple[str, list[Address]]:
    """Replace each place (« premier tiret du deuxième alinéa », « 3° ») by ``§n§``."""
    places: list[Address] = []

    def keep(match: re.Match[str]) -> str:
        def position(group: str) -> int | None:
            word = match.group(group)
            return None if word is None else parse_ordinal(word)

        label = match.group("L")
        unit = unit_named(match.group("U") or "alinéa")
        places.append(Address(article, position("A"), position("T") or position("S"),
                              None if label is None else label.replace(" ", ""), unit))
        return f"§{len(places) - 1}§"

    return _PLACE.sub(keep, sentence), places


def _parse_sentence(
    sentence: str, quotes: list[tuple[str, ...]], context: Address, line: int, name: str
) -> list[Instruction] | Address | None:
    article: str | None = None
    found = _ARTICLE.search(sentence)
    if found:
        article = found.group(1)
        sentence = re.sub(" +", " ", sentence[: found.start()] + sentence[found.end() :])
        sentence = sentence.replace(" ,", ",")
        sentence = sentence.strip(" ,")
    base = _within(context, Address(article))
    ranged = read_range(sentence, base, line)
    if ranged is not None:
        return ranged
    sentence, places = _places(sentence, None)
    sentence = re.sub(r"^(?:au|à la|à l'|le|la|les|l') ?(?=[,:]|est |sont |§)", "", sentence)
    sentence = sentence.strip(" ,")

    def place(slot: str | None) -> Address:
        return base if slot is None else _within(base, places[int(slot)])

    for reader in (read_block, read_word):
        parsed = reader(sentence, quotes, place, line)
        if parsed is not None:
            return parsed
    setter = re.fullmatch(
        rf"(?:{SLOT})? ?(?:(?:il|elle) )?(?:est |sont )?(?:ainsi modifiée?s? ?)?:", sentence
    )
    if setter:
        return place(setter.group(1))
    if OPEN in sentence or _VERBS.search(sentence):
        raise _fail(name, line, f"cannot read this instruction: {sentence[:80]!r}")
    return None


__all__ = [
    "Address",
    "BlockChange",
    "BlockChangeKind",
    "Instruction",
    "NoChange",
    "Unit",
    "WordChange",
    "WordChangeKind",
    "parse",
]
