"""Markdown reader: the Markdown a clerk or a converter writes for a deliberation.

Supported, after CommonMark (markdown-it-py, in linear time):

- blocks: paragraphs separated by blank lines; ATX headings (``#`` … ``######``); bullet list items
  (``-``, ``*``, ``+``; consecutive items form one list, whatever their bullet and the blank lines
  between them, and nested items are flattened into it); thematic breaks (``---``) end a block and
  are dropped, with a warning;
- inside a paragraph: a line ending in two or more spaces or a backslash is a hard line break
  (``"\\n"`` in the content, the spaces dropped); any other newline is a soft break and becomes one
  space; leading indentation of a line is dropped;
- inline: ``**bold**``/``__bold__``, ``*italic*``/``_italic_``, the HTML tags ``<b> <strong> <i>
  <em> <u> <sup> <sub> <br>``, backslash escapes and character references (``&nbsp;``), see
  `amendtrack.importers.markdown_inline`.

Anything else (numbered lists, tables, block quotes, code, links) is read as paragraph text. Lists
nested more than about twenty deep are refused rather than cut (markdown-it stops reading them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from amendtrack.errors import SourceError
from amendtrack.importers.markdown_inline import inline_from_tokens
from amendtrack.importers.markdown_parser import MAX_NESTING, TooDeep, parser
from amendtrack.importers.source import SourceBlock, SourceDocument
from amendtrack.model import BlockKind
from amendtrack.translation import _, ngettext

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass
class _Reader:
    """Turns markdown-it's block tokens into source blocks, as they come."""

    blocks: list[SourceBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lists: int = 0
    list_depth: int = 0
    paragraphs_in_item: list[int] = field(default_factory=list)
    """For each open list item, innermost last: how many paragraphs it has had."""
    last_was_item: bool = False
    """True while list items may still continue the current list (blank lines allowed)."""

    def token(self, token: Token, following: Token | None) -> None:
        """Read one block token (`following` is the next one: the content of an opening)."""
        kind = token.type
        if kind == "bullet_list_open":
            if self.list_depth == 0 and not self.last_was_item:
                self.lists += 1
            self.list_depth += 1
        elif kind == "bullet_list_close":
            self.list_depth -= 1
        elif kind == "list_item_open":
            self.paragraphs_in_item.append(0)
            self.last_was_item = True
        elif kind == "list_item_close":
            self.paragraphs_in_item.pop()
        elif kind == "hr":
            self.last_was_item = False
            self.warnings.append(_("a horizontal rule (---) was dropped"))
        elif kind == "heading_open" and following is not None:
            self.last_was_item = False
            self.add(BlockKind.HEADING, following, level=int(token.tag[1:]))
        elif kind == "paragraph_open" and following is not None:
            self.paragraph(following)

    def paragraph(self, inline: Token) -> None:
        """A paragraph: an item's first one is the item, any other one a paragraph."""
        if self.paragraphs_in_item and self.paragraphs_in_item[-1] == 0:
            self.paragraphs_in_item[-1] = 1
            self.add(BlockKind.ITEM, inline, list_key=self.lists)
            return
        if self.paragraphs_in_item:  # a second paragraph of an item ends the list, as before
            self.paragraphs_in_item[-1] += 1
        self.last_was_item = False
        self.add(BlockKind.PARAGRAPH, inline)

    def add(self, kind: BlockKind, inline: Token, *, level: int | None = None,
            list_key: int | None = None) -> None:
        """Add a block for an ``inline`` token, unless it has no text."""
        content, problems = inline_from_tokens(inline.children or [])
        self.warnings.extend(problems)
        if content:
            self.blocks.append(SourceBlock(kind, content, level=level, list_key=list_key))


def read_markdown(text: str, name: str = "<markdown>") -> SourceDocument:
    """Read Markdown text into source blocks (no title-block or formula recognition here).

    SourceError naming `name` for lists nested too deep to be read whole.
    """
    # A line of white space only (non-breaking spaces included) separates blocks.
    source = "\n".join(
        line if line.strip() else ""
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    markdown = parser()
    try:
        tokens = markdown.parse(source)
    except TooDeep as deep:
        raise SourceError(
            _("line {line}: lists nested more than {depth} deep; refused rather than read in "
              "part").format(line=deep.line + 1, depth=MAX_NESTING // 2),
            name,
        ) from None
    reader = _Reader()
    for position, token in enumerate(tokens):
        reader.token(token, tokens[position + 1] if position + 1 < len(tokens) else None)
    counts = Counter(reader.warnings)  # in the order first given, each once with its count
    warnings = tuple(message if count == 1 else ngettext(
        "{warning} ({count} time)", "{warning} ({count} times)", count).format(
            warning=message, count=count) for message, count in counts.items())
    return SourceDocument(blocks=tuple(reader.blocks), warnings=warnings)
