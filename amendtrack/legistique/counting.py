"""Counting alinéas, tirets and articles: how an `Address` names a block, both ways.

Counting (documented in `Address`): a block that is not a list item is an alinéa; a list item is
a tiret of the alinéa before it. An article is an article block of the structure (its alinéas
as `amendtrack.model.divisions` says: from its first alinéa, which is the opening block itself
in « Article 3 : Le tarif … », up to the next block of another kind), or in a text without
structure a heading « Article 2 » and the blocks up to the next article heading; without an
article, counting covers the whole text. When the text has no
article headings at all, an instruction naming an article applies to the whole text (a note
says so): the legi corpus stores one article per file. The applier (`resolve`) and the writer
(`address_of`) count the same way.
"""

from __future__ import annotations

import re

from amendtrack.french.ordinals import ordinal
from amendtrack.legistique.instructions import (
    Address,
    InstructionFailure,
    Unit,
)
from amendtrack.model import Block, BlockKind, find_divisions

_SUFFIXES = "bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies"
_ARTICLE_HEADING = re.compile(
    rf"\s*art(?:icle|\.)\s+((?:[LRD]\.?\s?)?[\w-]+(?:\s+(?:{_SUFFIXES}))?)\b.*",
    re.IGNORECASE | re.DOTALL,
)


def article_label(block: Block) -> str | None:
    """The number of an article heading (« 2 » for « Article 2 »), None for other blocks."""
    if block.kind is BlockKind.ARTICLE:
        return block.number
    if block.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH):
        return None
    match = _ARTICLE_HEADING.fullmatch(block.text)
    if match is None or (block.kind is BlockKind.PARAGRAPH and len(block.text.split()) > 3):
        return None
    return match.group(1)


def _same_article(left: str, right: str) -> bool:
    def key(label: str) -> str:
        label = re.sub(r"[\s.]", "", label.lower())
        return re.sub(r"^(?:1er|1re|premier|première)$", "1", label)

    return key(left) == key(right)


def _structured(body: tuple[Block, ...], article: str) -> tuple[int, int] | None:
    """The alinéas of an article of the structure, or None when the text has no such article."""
    for division in find_divisions(body):
        if division.kind is BlockKind.ARTICLE and division.number is not None and (
                _same_article(division.number, article)):
            return division.first_alinea, division.end
    return None


def scope(body: tuple[Block, ...], article: str | None, notes: list[str]) -> tuple[int, int]:
    """The blocks an address counts in: ``(start, end)`` indices of the article's body."""
    if article is None:
        return 0, len(body)
    structured = _structured(body, article)
    if structured is not None:
        return structured
    headings = [index for index, block in enumerate(body) if article_label(block)]
    if not headings:
        notes.append(f"the text has no article headings: article {article} is the whole text")
        return 0, len(body)
    for position, index in enumerate(headings):
        label = article_label(body[index])
        if label is not None and _same_article(label, article):
            end = headings[position + 1] if position + 1 < len(headings) else len(body)
            return index + 1, end
    raise InstructionFailure(f"article {article} not found")


_PREAMBLE = {Unit.VISA: BlockKind.VISA, Unit.CONSIDERANT: BlockKind.CONSIDERANT}
_NOT_ALINEAS = frozenset({BlockKind.ITEM, *_PREAMBLE.values()})


def unit_of(block: Block) -> Unit:
    """The unit a block is counted in: tiret, visa, considérant or alinéa."""
    if block.kind is BlockKind.ITEM:
        return Unit.TIRET
    return {kind: unit for unit, kind in _PREAMBLE.items()}.get(block.kind, Unit.ALINEA)


def _alineas(body: tuple[Block, ...], start: int, end: int,
             unit: Unit = Unit.ALINEA) -> list[int]:
    if unit in _PREAMBLE:
        return [i for i in range(start, end) if body[i].kind is _PREAMBLE[unit]]
    return [i for i in range(start, end) if body[i].kind not in _NOT_ALINEAS]


def _tirets(body: tuple[Block, ...], owner: int | None, start: int, end: int) -> list[int]:
    first = start if owner is None else owner + 1
    found: list[int] = []
    for index in range(first, end):
        if body[index].kind is not BlockKind.ITEM:
            if body[index].kind in _NOT_ALINEAS:
                continue  # a visa or considérant between an alinéa and its tirets
            break
        found.append(index)
    return found


def _pick(indices: list[int], position: int, what: str) -> int:
    count = len(indices)
    if position == 0 or not -count <= position <= count or (position > 0 and position > count):
        have = f"{count} {what}s" if count != 1 else f"one {what}"
        raise InstructionFailure(
            f"{what} out of range: no {ordinal(position) if position else 'zeroth'} {what} "
            f"(there {'is' if count == 1 else 'are'} {have})"
        )
    return indices[position - 1 if position > 0 else position]


def _labelled(body: tuple[Block, ...], label: str, start: int, end: int) -> int:
    found = [i for i in _alineas(body, start, end) if _starts_with_label(body[i].text, label)]
    if not found:
        raise InstructionFailure(f"no alinéa starts with « {label} »")
    if len(found) > 1:
        raise InstructionFailure(f"{len(found)} alinéas start with « {label} »")
    return found[0]


def _starts_with_label(text: str, label: str) -> bool:
    text = text.lstrip()
    return text.startswith(label) and (len(text) == len(label) or text[len(label)].isspace())


def label_of(block: Block) -> str | None:
    """The « 3° » an alinéa starts with, if any."""
    match = re.match(r"\s*(\d+°)(?=\s|$)", block.text)
    return None if match is None else match.group(1)


def resolve(body: tuple[Block, ...], address: Address, notes: list[str]) -> int:
    """The index of the block an address names (InstructionFailure if there is none)."""
    start, end = scope(body, address.article, notes)
    owner: int | None = None
    if address.label is not None:
        owner = _labelled(body, address.label, start, end)
    elif address.alinea is not None:
        owner = _pick(_alineas(body, start, end, address.unit), address.alinea,
                      address.unit.value)
    if address.tiret is None:
        if owner is None:
            raise InstructionFailure("the instruction names no alinéa")
        return owner
    return _pick(_tirets(body, owner, start, end), address.tiret, "tiret")


def _division_place(body: tuple[Block, ...], index: int) -> tuple[str, int, int] | None:
    """The article of the structure holding the block at `index` as one of its alinéas or
    tirets: its number and its alinéas' ``(start, end)``. None too when another article has
    the same number (one renumbered before the other), so that an address is never ambiguous."""
    articles = [d for d in find_divisions(body) if d.kind is BlockKind.ARTICLE]
    for division in articles:
        if division.first_alinea <= index < division.end and division.number is not None:
            same = [d for d in articles
                    if d.number is not None and _same_article(d.number, division.number)]
            unique = len(same) == 1
            return (division.number, division.first_alinea, division.end) if unique else None
    return None


def address_of(body: tuple[Block, ...], index: int) -> Address:
    """How the generator names a block: in its article if it has one, else in the whole text."""
    article: str | None = None
    start, end = 0, len(body)
    if any(block.kind is BlockKind.ARTICLE for block in body):
        # A structured text: a block is in an article as `amendtrack.model.divisions` says, or
        # counted in the whole text (the preamble, an article's heading, the signatures).
        placed = _division_place(body, index)
        if placed is not None:
            article, start, end = placed
        return _address_in(body, index, article, start, end)
    for position in range(index - 1, -1, -1):
        label = article_label(body[position])
        if label is not None:
            if article_label(body[index]) is None:
                article, start = label, position + 1
            break
    if article is not None:
        end = next((i for i in range(index + 1, len(body)) if article_label(body[i])), len(body))
    return _address_in(body, index, article, start, end)


def whole_text_address(body: tuple[Block, ...], index: int) -> Address:
    """How a block is named counted in the whole text, whatever article holds it."""
    return _address_in(body, index, None, 0, len(body))


def _address_in(body: tuple[Block, ...], index: int, article: str | None, start: int,
                end: int) -> Address:
    unit = unit_of(body[index])
    if unit in _PREAMBLE:
        counted = _alineas(body, start, end, unit)
        number = counted.index(index) + 1
        return Address(article, -1 if number == len(counted) >= 3 else number, unit=unit)
    alineas = _alineas(body, start, end)
    if body[index].kind is not BlockKind.ITEM:
        alinea, label = _alinea_fields(body, alineas, index)
        return Address(article, alinea, label=label)
    owner = max((i for i in alineas if i < index), default=None)
    tirets = _tirets(body, owner, start, end)
    tiret = tirets.index(index) + 1
    if tiret == len(tirets) and len(tirets) >= 3:
        tiret = -1
    if owner is None:
        return Address(article, tiret=tiret)
    alinea, label = _alinea_fields(body, alineas, owner)
    return Address(article, alinea, tiret, label)


def _alinea_fields(
    body: tuple[Block, ...], alineas: list[int], index: int
) -> tuple[int | None, str | None]:
    label = label_of(body[index])
    if label is not None:
        same = [i for i in alineas if _starts_with_label(body[i].text, label)]
        if len(same) == 1:
            return None, label
    number = alineas.index(index) + 1
    if number == len(alineas) and number >= 3:
        return -1, None
    return number, None
