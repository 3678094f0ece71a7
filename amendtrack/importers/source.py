"""What every source reader (text, Markdown, ODT, DOCX, HTML) produces before it becomes a version.

Readers only recognise structure and inline marks; `amendtrack.importers.importing` then recognises
the title block, joins paragraphs split by page breaks, assigns ids and builds the `Version`.
"""

from __future__ import annotations

from dataclasses import dataclass

from amendtrack.model import BlockKind, Inline


@dataclass(frozen=True, slots=True)
class SourceBlock:
    """One block as read from a source document."""

    kind: BlockKind
    """HEADING, PARAGRAPH or ITEM as a reader finds them; the other kinds (visas, articles,
    the decision formula …) are recognised after the reader (`amendtrack.importers.structure`)."""
    content: Inline
    level: int | None = None
    """For a heading: its level (1 is the highest)."""
    list_key: int | None = None
    """For an item: consecutive items with the same key belong to one list."""
    number: str | None = None
    """For an article or an annex: its number (`amendtrack.model.Block.number`)."""
    title: str | None = None
    """For an article or an annex: its title."""
    alinea: bool = False
    """For an article: the block also holds its first alinéa."""


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A source document read into blocks, with what the reader had to drop or change."""

    blocks: tuple[SourceBlock, ...]
    warnings: tuple[str, ...] = ()
    """One line per thing dropped or changed (headers, comments, fields, tracked changes)."""
