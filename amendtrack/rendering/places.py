"""Where a block stands in a version, in French: « deuxième alinéa de l'article 2 », « visa »…

Renderers name the place a moved block came from with it (`RenderBlock.moved_from`). Counting
follows the structure (`amendtrack.model.divisions`): inside an article, its alinéas from the
first one (the opening block counts when it is itself an alinéa) and a list item as a tiret of
its list; outside articles, visas, considérants and alinéas each counted among their kind.
"""

from __future__ import annotations

from bisect import bisect_right

from amendtrack.french.ordinals import ordinal
from amendtrack.model import Block, BlockKind, Division, Version


class _Structure:
    """A body's divisions, their starts, and the blocks of each kind outside them."""

    __slots__ = ("divisions", "outside", "starts")

    def __init__(self, version: Version) -> None:
        self.divisions = version.divisions()
        self.starts = [division.start for division in self.divisions]
        self.outside: dict[BlockKind, list[int]] = {}
        for index, block in enumerate(version.body):
            if self.division_of(index) is None:
                self.outside.setdefault(block.kind, []).append(index)

    def division_of(self, index: int) -> Division | None:
        position = bisect_right(self.starts, index) - 1
        if position >= 0 and index in self.divisions[position]:
            return self.divisions[position]
        return None


_FOUND: list[tuple[tuple[Block, ...], _Structure]] = []
"""The structure of the last few bodies asked about: a body is walked once, not once per block
named (a whole code names thousands)."""


def _structure(version: Version) -> _Structure:
    for body, structure in _FOUND:
        if body is version.body:
            return structure
    structure = _Structure(version)
    _FOUND.insert(0, (version.body, structure))
    del _FOUND[4:]
    return structure

_NOUNS = {
    BlockKind.VISA: "visa",
    BlockKind.CONSIDERANT: "considérant",
    BlockKind.DECISION: "formule de décision",
    BlockKind.VOTE: "mention du vote",
    BlockKind.SIGNATURE: "ligne de signature",
    BlockKind.HEADING: "intitulé",
}
_FEMININE = frozenset({BlockKind.DECISION, BlockKind.VOTE, BlockKind.SIGNATURE})


def place_in(version: Version, index: int) -> str:
    """Where the block at body index `index` stands, in the words of an act."""
    body = version.body
    block = body[index]
    structure = _structure(version)
    division = structure.division_of(index)
    if division is not None:
        return _in_division(body, division, index)
    if block.kind is BlockKind.ITEM:
        return _tiret(body, index, 0)
    if block.kind in (BlockKind.ARTICLE, BlockKind.ANNEX):
        return _division_name(block)
    same = bisect_right(structure.outside.get(block.kind, []), index)
    noun = _NOUNS.get(block.kind, "alinéa")
    return f"{ordinal(same, feminine=block.kind in _FEMININE)} {noun}"


def _division_name(block: Block) -> str:
    if block.kind is BlockKind.ARTICLE:
        return f"article {block.number}"
    return f"annexe {block.number}" if block.number else "annexe"


def _in_division(body: tuple[Block, ...], division: Division, index: int) -> str:
    owner = _division_name(body[division.start])
    of = f"de l'{owner}"
    if index == division.start and not division.alinea:
        return f"intitulé {of}"
    if body[index].kind is BlockKind.ITEM:
        return f"{_tiret(body, index, division.start)} {of}"
    alineas = [i for i in range(division.first_alinea, index + 1)
               if body[i].kind is not BlockKind.ITEM]
    return f"{ordinal(len(alineas))} alinéa {of}"


def _tiret(body: tuple[Block, ...], index: int, start: int) -> str:
    first = index
    while first > start and body[first - 1].kind is BlockKind.ITEM and (
            body[first - 1].list_id == body[index].list_id):
        first -= 1
    return f"{ordinal(index - first + 1)} tiret"


__all__ = ["place_in"]
