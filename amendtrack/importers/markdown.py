"""Markdown reader: the Markdown a clerk or a converter writes for a deliberation.

Supported, after CommonMark where it matters:

- blocks: paragraphs separated by blank lines; ATX headings (``#`` … ``######``); bullet list items
  (``-``, ``*``, ``+``; consecutive items form one list, nested items are flattened into it);
  thematic breaks (``---``) end a block and are dropped;
- inside a paragraph: a line ending in two or more spaces or a backslash is a hard line break
  (``"\\n"`` in the content, the spaces dropped); any other newline is a soft break and becomes one
  space; leading indentation of a line is dropped;
- inline: ``**bold**``/``__bold__``, ``*italic*``/``_italic_`` (see
  `amendtrack.importers.markdown_inline`), the HTML tags ``<b> <strong> <i> <em> <u> <sup> <sub>
  <br>``, backslash escapes and character references (``&nbsp;``).

Anything else (tables, block quotes, code) is read as paragraph text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from amendtrack.importers.markdown_inline import parse_inline
from amendtrack.importers.source import SourceBlock, SourceDocument
from amendtrack.model import BlockKind

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(.*)$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")


@dataclass
class _Builder:
    """Collects the lines of the block being read and the finished blocks."""

    blocks: list[SourceBlock] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    kind: BlockKind = BlockKind.PARAGRAPH
    list_key: int | None = None
    lists: int = 0
    last_was_item: bool = False
    """True while list items may still continue the current list (blank lines allowed)."""

    def flush(self) -> None:
        """Finish the block being read, if any."""
        if not self.lines:
            return
        content, problems = parse_inline(_join_lines(self.lines))
        self.warnings.extend(problems)
        if content:
            self.blocks.append(SourceBlock(self.kind, content, list_key=self.list_key))
        self.lines = []

    def start(self, kind: BlockKind, first_line: str) -> None:
        """Start a paragraph or an item with its first line."""
        self.flush()
        if kind is BlockKind.ITEM:
            if not self.last_was_item:
                self.lists += 1
            self.list_key = self.lists
        else:
            self.list_key = None
        self.kind = kind
        self.lines = [first_line]
        self.last_was_item = kind is BlockKind.ITEM


def _join_lines(lines: list[str]) -> str:
    """One paragraph's source: hard breaks become "\\n", soft breaks one space."""
    pieces: list[str] = []
    for position, line in enumerate(lines):
        text = line.lstrip(" \t")
        if position == len(lines) - 1:
            pieces.append(text.rstrip(" \t"))
        elif _HARD_BREAK.search(text):
            pieces.append(text.rstrip(" ").removesuffix("\\") + "\n")
        else:
            pieces.append(text.rstrip(" \t") + " ")
    return "".join(pieces)


def read_markdown(text: str) -> SourceDocument:
    """Read Markdown text into source blocks (no title-block or formula recognition here)."""
    builder = _Builder()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            builder.flush()
            continue
        if _THEMATIC_BREAK.match(line):
            builder.flush()
            builder.last_was_item = False
            builder.warnings.append("a horizontal rule (---) was dropped")
            continue
        heading = _HEADING.match(line)
        if heading:
            builder.flush()
            builder.last_was_item = False
            content, problems = parse_inline((heading.group(2) or "").strip())
            builder.warnings.extend(problems)
            if content:
                level = len(heading.group(1))
                builder.blocks.append(SourceBlock(BlockKind.HEADING, content, level=level))
            continue
        bullet = _BULLET.match(line)
        if bullet:
            builder.start(BlockKind.ITEM, bullet.group(1))
            continue
        if builder.lines:
            builder.lines.append(line)  # continuation (lazy) line of a paragraph or an item
        else:
            builder.start(BlockKind.PARAGRAPH, line)
    builder.flush()
    return SourceDocument(blocks=tuple(builder.blocks), warnings=tuple(builder.warnings))

