"""Counting in a text: its articles and divisions, and the alinéas, tirets and parts inside one.

Structure. `article_number` is the one place that decides which block heads an article: today a
heading, or a paragraph holding only « Article 2 », « Art. 3 », « Article L. 2122-8 »,
« Article R*136 », « Article LO135-2 », « Article 1er », « Article 2 bis » (the legi corpus's
whole codes are written so); when versions carry article elements, it reads them instead.
`division_of` recognises the headings of divisions (« Chapitre II : Listes électorales »,
« Partie législative », « Section 1 bis »), `annex_label` those of annexes; the units these
headings open are cut by `amendtrack.legistique.units`.

Counting inside a unit (documented in `Address`): a block that is not a list item, a visa or a
considérant is an alinéa, a list item is a tiret of the alinéa before it, visas and considérants
are counted among their own kind (`counted_as`); « le II » is the alinéas from the one that
starts with « II. » to the next numbered part. `locate` finds the block an address names,
`address_of` names a block: both count the unit's blocks as they stand in the text before
amendment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from amendtrack.french.ordinals import ordinal
from amendtrack.legistique.instructions import Address, InstructionFailure
from amendtrack.legistique.instructions import Unit as Counted
from amendtrack.legistique.labels import (
    ARTICLE_NUMBER,
    DIVISION_KINDS,
    DIVISION_NUMBER,
)
from amendtrack.model import Block, BlockKind
from amendtrack.translation import _, ngettext

ARTICLE_HEADING = re.compile(
    rf"\s*(?:article|art\.)\s+({ARTICLE_NUMBER})(?P<rest>(?:[\s.:\-–—].*)?)",
    re.IGNORECASE | re.DOTALL,
)
DIVISION_HEADING = re.compile(
    rf"\s*(?P<kind>{'|'.join(DIVISION_KINDS[::-1])})\s+(?P<number>{DIVISION_NUMBER})"
    rf"(?:\s*(?:[:.\-–—]\s*(?P<title>\S.*))?|\s*)",
    re.IGNORECASE | re.DOTALL,
)
_ANNEX_HEADING = re.compile(
    r"\s*(?:article\s+)?annexe(?:\s+(?P<label>(?:n°\s*)?[\w°]+(?:\s+[\w°()]+){0,4}?))?"
    r"(?:\s*[:\-–—]\s*(?P<title>\S.*)|\s*\.?\s*)",
    re.IGNORECASE | re.DOTALL,
)
_STRUCTURAL = (BlockKind.HEADING, BlockKind.PARAGRAPH)
MAX_TITLE_WORDS = 40
"""A paragraph longer than this is text, not a division heading."""


_MAYBE = re.compile(r"\s*(?:art|annexe|partie|livre|titre|chapitre|section|sous-|paragraphe)",
                    re.IGNORECASE)
"""How every heading the module knows begins: a quick test before the full ones."""


def could_head(block: Block) -> bool:
    """Whether a block may be a heading of an article, annex or division (a quick test)."""
    if block.kind not in _STRUCTURAL or not block.content:
        return False
    start = "".join(span.text for span in block.content[:4])
    return _MAYBE.match(start) is not None


def article_number(block: Block) -> str | None:
    """The number of the article a block heads (« 2 » for « Article 2 »), None otherwise.

    A heading may carry a title after its number (« Article 3 - Tarifs »); a paragraph heads an
    article only when it holds the number alone (« Article 3 », « Article 3. »), so that
    « Article 3 : Le conseil décide … » stays an alinéa.
    """
    if block.kind is BlockKind.ARTICLE:
        return block.number  # the version's structure says it
    if block.kind not in _STRUCTURAL:
        return None
    match = ARTICLE_HEADING.fullmatch(block.text)
    if match is None:
        return None
    if block.kind is BlockKind.PARAGRAPH and match.group("rest").strip(" \u00a0.:-–—"):
        return None
    return re.sub(r"\s+", " ", match.group(1).strip())


@dataclass(frozen=True, slots=True)
class DivisionHeading:
    """What a division heading says: « Chapitre II : Listes électorales »."""

    kind: str
    """« partie », « livre », « titre », « chapitre », « section », … (lower case)."""
    number: str
    """As written: « II », « Ier », « 1 bis », « législative »."""
    title: str | None


def division_of(block: Block) -> DivisionHeading | None:
    """The division a block heads, if it is a division heading."""
    if block.kind not in _STRUCTURAL:
        return None
    text = block.text
    if block.kind is BlockKind.PARAGRAPH and len(text.split()) > MAX_TITLE_WORDS:
        return None
    match = DIVISION_HEADING.fullmatch(text)
    if match is None:
        return None
    return DivisionHeading(match.group("kind").lower(), re.sub(r"\s+", " ", match.group("number")),
                           match.group("title"))


def annex_label(block: Block) -> str | None:
    """The label of an annex heading (« tableau n° 4 » for « Article Annexe tableau n° 4 »;
    « » for a lone « Annexe »), None for other blocks."""
    if block.kind is BlockKind.ANNEX:
        return block.number or ""
    if block.kind not in _STRUCTURAL or len(block.text.split()) > 8:
        return None
    match = _ANNEX_HEADING.fullmatch(block.text)
    if match is None or (block.kind is BlockKind.PARAGRAPH and match.group("title")):
        return None
    return re.sub(r"\s+", " ", match.group("label") or "")


# --- counting inside one unit -------------------------------------------------------------------

def _item(block: Block) -> bool:
    return block.kind is BlockKind.ITEM


_OWN_COUNT = {Counted.VISA: BlockKind.VISA, Counted.CONSIDERANT: BlockKind.CONSIDERANT}
_NOT_ALINEAS = frozenset((BlockKind.ITEM, BlockKind.VISA, BlockKind.CONSIDERANT))


def counted_as(block: Block) -> Counted:
    """What a block is counted among: tirets, visas, considérants or alinéas."""
    if block.kind is BlockKind.ITEM:
        return Counted.TIRET
    return {kind: unit for unit, kind in _OWN_COUNT.items()}.get(block.kind, Counted.ALINEA)


def alineas(blocks: Sequence[Block], start: int = 0, end: int | None = None,
            unit: Counted = Counted.ALINEA) -> list[int]:
    """Indices of the alinéas (blocks that are not list items, visas or considérants) in
    ``blocks[start:end]``; with `unit`, of the visas or the considérants."""
    stop = len(blocks) if end is None else end
    if unit in _OWN_COUNT:
        return [i for i in range(start, stop) if blocks[i].kind is _OWN_COUNT[unit]]
    return [i for i in range(start, stop) if blocks[i].kind not in _NOT_ALINEAS]


def tirets(blocks: Sequence[Block], owner: int | None, start: int = 0,
           end: int | None = None) -> list[int]:
    """Indices of the tirets of alinéa `owner` (or, without one, those before any alinéa); a
    visa or considérant between them is not one and does not end them."""
    stop = len(blocks) if end is None else end
    found: list[int] = []
    for index in range(start if owner is None else owner + 1, stop):
        if blocks[index].kind in _OWN_COUNT.values():
            continue
        if not _item(blocks[index]):
            break
        found.append(index)
    return found


def pick(indices: list[int], position: int, what: str) -> int:
    """The `position`-th of `indices` (1-based, -1 for the last), or a failure saying why."""
    count = len(indices)
    if position == 0 or not -count <= position <= count:
        nth = ordinal(position) if position and position >= -2 else str(position)
        raise InstructionFailure(ngettext(
            "{unit} out of range: no {nth} {unit} (there is {count} {unit})",
            "{unit} out of range: no {nth} {unit} (there are {count} {unit}s)",
            count).format(unit=what, nth=nth, count=count))
    return indices[position - 1 if position > 0 else position]


_PART = re.compile(r"\s*(?P<label>[IVXLC]+|\d+)\s*(?:\.\s*[-–—]?|[-–—])")


def part_label(text: str) -> str | None:
    """The number of the part an alinéa opens: « II » for « II. - Les … », « 4 » for « 4. Au »."""
    match = _PART.match(text)
    return None if match is None else match.group("label")


def _part_range(blocks: Sequence[Block], part: str) -> tuple[int, int]:
    roman = bool(re.fullmatch(r"[IVXLC]+", part))
    starts = [i for i in alineas(blocks)
              if (label := part_label(blocks[i].text)) is not None
              and bool(re.fullmatch(r"[IVXLC]+", label)) == roman]
    found = [i for i in starts if part_label(blocks[i].text) == part]
    if len(found) != 1:
        raise InstructionFailure(
            _("no part « {part} » in that article").format(part=part) if not found
            else _("{count} alinéas open a part « {part} »").format(count=len(found), part=part))
    later = [i for i in starts if i > found[0]]
    return found[0], later[0] if later else len(blocks)


def starts_with_label(text: str, label: str) -> bool:
    """Whether an alinéa opens with its own number (« 3° », « a) »)."""
    text = text.lstrip()
    return text.startswith(label) and (len(text) == len(label) or text[len(label)].isspace()
                                       or label.endswith(")"))


def _labelled(blocks: Sequence[Block], label: str, start: int, end: int) -> int:
    found = [i for i in alineas(blocks, start, end) if starts_with_label(blocks[i].text, label)]
    if not found:
        raise InstructionFailure(_("no alinéa starts with « {label} »").format(label=label))
    if len(found) > 1:
        raise InstructionFailure(_("{count} alinéas start with « {label} »").format(
            count=len(found), label=label))
    return found[0]


def label_of(block: Block) -> str | None:
    """The « 3° » an alinéa starts with, if any."""
    match = re.match(r"\s*(\d+°)(?=\s|$)", block.text)
    return None if match is None else match.group(1)


def locate(blocks: Sequence[Block], address: Address) -> int:
    """The index in `blocks` (a unit's blocks before amendment) of the block `address` names."""
    start, end = (0, len(blocks)) if address.part is None else _part_range(blocks, address.part)
    owner: int | None = None
    if address.label is not None:
        owner = _labelled(blocks, address.label, start, end)
    elif address.alinea is not None:
        owner = pick(alineas(blocks, start, end, address.unit), address.alinea,
                     address.unit.value)
    elif address.part is not None and address.tiret is None:
        return start
    if address.tiret is None:
        if owner is None:
            raise InstructionFailure(_("the instruction names no alinéa"))
        return owner
    return pick(tirets(blocks, owner, start, end), address.tiret, "tiret")


def part_blocks(blocks: Sequence[Block], part: str) -> range:
    """The indices of the blocks of part `part` (« le II »)."""
    start, end = _part_range(blocks, part)
    return range(start, end)


def address_of(blocks: Sequence[Block], index: int, article: str | None) -> Address:
    """How the writer names block `index` of a unit: « le 3° », « le deuxième alinéa »,
    « le premier tiret du dernier alinéa » (the last of three or more is « dernier », the
    second of two « second »)."""
    own = counted_as(blocks[index])
    if own in _OWN_COUNT:
        counted = alineas(blocks, unit=own)
        number = counted.index(index) + 1
        position = -1 if number == len(counted) >= 3 else number
        return Address(article, position, unit=own, second=number == 2 == len(counted))
    numbered = alineas(blocks)
    if not _item(blocks[index]):
        alinea, label, second = _alinea_fields(blocks, numbered, index)
        return Address(article, alinea, label=label, second=second)
    owner = max((i for i in numbered if i < index), default=None)
    siblings = tirets(blocks, owner)
    tiret = siblings.index(index) + 1
    second = tiret == 2 == len(siblings)
    if tiret == len(siblings) and len(siblings) >= 3:
        tiret = -1
    if owner is None:
        return Address(article, tiret=tiret, second=second)
    alinea, label, _ = _alinea_fields(blocks, numbered, owner)
    return Address(article, alinea, tiret, label, second=second)


def _alinea_fields(
    blocks: Sequence[Block], numbered: list[int], index: int
) -> tuple[int | None, str | None, bool]:
    label = label_of(blocks[index])
    if label is not None:
        same = [i for i in numbered if starts_with_label(blocks[i].text, label)]
        if len(same) == 1:
            return None, label, False
    number = numbered.index(index) + 1
    if number == len(numbered) and number >= 3:
        return -1, None, False
    return number, None, number == 2 == len(numbered)


__all__ = [
    "DivisionHeading",
    "address_of",
    "alineas",
    "annex_label",
    "article_number",
    "counted_as",
    "division_of",
    "label_of",
    "locate",
    "part_blocks",
    "part_label",
    "pick",
    "starts_with_label",
    "tirets",
]
