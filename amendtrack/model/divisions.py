"""Articles and annexes: the divisions of a body, found from its flat sequence of blocks.

A body stays one flat sequence of blocks (what amendments, renderers and the légistique walk);
its articles and annexes are read off it by one rule, the same everywhere:

- an **article** is an `BlockKind.ARTICLE` block (its heading, « Article 2 bis – Tarifs », or
  an alinéa that opens with its number, « Article 3 : Le tarif … ») and the paragraphs and list
  items that follow it, up to the next block of any other kind (another article, an annex, a
  heading, the vote, a signature …);
- an **annex** is an `BlockKind.ANNEX` block and every block after it up to the next annex, the
  vote block or a signature (an annex is a document of its own: it may hold headings).

`Version.divisions`, `Version.articles` and `Version.division_of` give them; an article's
number is `Division.number` (« 1er », « 2 bis », as written), the blocks it holds are
``body[division.start:division.end]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from amendtrack.model.blocks import Block, BlockKind


@dataclass(frozen=True, slots=True)
class Division:
    """An article or an annex: its opening block and the run of blocks it holds."""

    kind: BlockKind
    """`BlockKind.ARTICLE` or `BlockKind.ANNEX`."""
    number: str | None
    """The number as written (« 1er », « 2 bis », « 1 »); None for an annex without one."""
    title: str | None
    """Its title (« Tarifs »), None when it has none."""
    start: int
    """Index in the body of the opening block (the ARTICLE or ANNEX block)."""
    end: int
    """Index in the body just after its last block."""
    block_id: str
    """The id of the opening block."""

    def __contains__(self, index: object) -> bool:
        """Whether the block at body index `index` belongs to this division."""
        return isinstance(index, int) and self.start <= index < self.end

    alinea: bool = False
    """Whether the opening block is also the first alinéa (« Article 3 : Le tarif … »)
    rather than a heading alone (« Article 3 – Tarifs »)."""

    @property
    def first_alinea(self) -> int:
        """Index in the body of the first alinéa: the opening block itself, or the next one."""
        return self.start if self.alinea else self.start + 1


def find_divisions(body: Sequence[Block]) -> tuple[Division, ...]:
    """The articles and annexes of a body, in reading order (see the module's rule)."""
    # The members looked up once: on Python 3.11 each ``BlockKind.X`` is a property call.
    article, annex = BlockKind.ARTICLE, BlockKind.ANNEX
    inside_article = {BlockKind.PARAGRAPH, BlockKind.ITEM}
    annex_ends = {BlockKind.ANNEX, BlockKind.VOTE, BlockKind.SIGNATURE}
    kinds = [block.kind for block in body]
    found: list[Division] = []
    index = 0
    while index < len(kinds):
        kind = kinds[index]
        if kind is not article and kind is not annex:
            index += 1
            continue
        end = index + 1
        if kind is article:
            while end < len(kinds) and kinds[end] in inside_article:
                end += 1
        else:
            while end < len(kinds) and kinds[end] not in annex_ends:
                end += 1
        block = body[index]
        found.append(Division(kind, block.number, block.title, index, end, block.id,
                              block.alinea))
        index = end
    return tuple(found)


__all__ = ["Division", "find_divisions"]
