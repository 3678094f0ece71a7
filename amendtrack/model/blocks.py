"""The blocks of a body: what each one is (`BlockKind`) and its content (`Block`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from amendtrack.model.text import Inline, inline_text


class BlockKind(StrEnum):
    """What a body block is. The value is the XML element name."""

    HEADING = "heading"
    PARAGRAPH = "p"
    """An alinéa (of the exposé, of an article, of an annex)."""
    ITEM = "item"
    """An item of a list; consecutive items with the same `Block.list_id` form one list."""
    VISA = "visa"
    """A visa (« Vu le code général des collectivités territoriales, … ; »)."""
    CONSIDERANT = "considerant"
    """A considérant (« Considérant que … ; »)."""
    DECISION = "decision"
    """The decision formula (« Le Conseil Municipal, après en avoir délibéré, … », « DÉCIDE : »)."""
    ARTICLE = "article"
    """The opening of an article, with its `Block.number` (« Article 2 bis – Tarifs »); the
    article runs over the paragraphs and items after it (`amendtrack.model.divisions`)."""
    ANNEX = "annex"
    """The opening of an annex (« Annexe 1 : grille tarifaire »), and of the blocks after it."""
    VOTE = "vote"
    """The result of the vote, as a block of its own (« Adopté à l'unanimité. »)."""
    SIGNATURE = "signature"
    """A signature line (« Fait et délibéré … », « Le Président, »)."""


MAX_HEADING_LEVEL = 100
"""The deepest heading level amendtrack reads (renderers write ``#`` or indents per level)."""


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the body: a heading, a paragraph (alinéa), a list item, a formula."""

    id: str
    """Stable identifier, unique in the version, kept across versions for the same block."""
    kind: BlockKind
    content: Inline
    list_id: str | None = None
    """For an item: the identifier of the list it belongs to; None otherwise."""
    level: int | None = None
    """For a heading: its level, 1 being the highest; None otherwise."""
    number: str | None = None
    """For an article or an annex: its number as written (« 1er », « 2 bis »); None otherwise."""
    title: str | None = None
    """For an article or an annex: its title (« Tarifs »); None when it has none."""
    alinea: bool = False
    """For an article: the block is also its first alinéa (« Article 3 : Le tarif … »), not a
    heading alone."""

    @property
    def text(self) -> str:
        """The plain text of the block."""
        return inline_text(self.content)


__all__ = ["Block", "BlockKind"]
