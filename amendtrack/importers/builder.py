"""Turning a stream of block starts and inline spans into `SourceDocument` blocks.

The ODT, DOCX and HTML readers walk their trees and feed this builder. A block ends where the
next one starts, so a reader can drop a block start (a paragraph mark deleted by a tracked
change) to merge two paragraphs, or add one (a deleted paragraph restored) to split one.
Blocks without visible text (spacing paragraphs) are left out, and so are spaces (U+0020) at
the very end of a block: invisible in every format, they are also what LibreOffice leaves when
it converts HTML list items.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from amendtrack.importers.source import SourceBlock, SourceDocument
from amendtrack.model import BlockKind, Mark, Span, normalise_inline
from amendtrack.translation import _, ngettext

_PAGE_NUMBERING = re.compile(r"(?:page|p\.)?#(?:(?:sur|de|of|/)#)?")


def page_numbering_only(text: str) -> bool:
    """Whether the text of a page header or footer is its page number and nothing else
    (« Page 2 sur 5 », « 2/5 », « - 2 - »): page furniture a reader drops without a word,
    unlike a header or footer with words in it, whose loss it reports."""
    squeezed = re.sub(r"\d+", "#", re.sub(r"[\s\-–—]+", "", text.lower()))
    return _PAGE_NUMBERING.fullmatch(squeezed) is not None


def collapse_whitespace(
    text: str, collapsible: str, space_before: bool, *, line_breaks: bool = False
) -> tuple[str, bool]:
    """Collapse runs of `collapsible` characters to one space, as HTML and ODF display text.

    `space_before` says whether the text shown so far ends with a collapsed space; the new
    value is returned with the text. With `line_breaks` (CSS ``pre-line``) a newline is kept,
    and the spaces before it are dropped.
    """
    kept: list[str] = []
    for character in text:
        if line_breaks and character == "\n":
            while kept and kept[-1] == " ":
                kept.pop()
            kept.append("\n")
            space_before = True
        elif character in collapsible:
            if not space_before:
                kept.append(" ")
            space_before = True
        else:
            kept.append(character)
            space_before = False
    return "".join(kept), space_before


@dataclass(frozen=True, slots=True)
class TextFormat:
    """Inline properties as a source states them: None means "not said here, inherit"."""

    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    strike: bool | None = None
    position: Mark | None = None
    """SUPERSCRIPT or SUBSCRIPT; set `baseline` to state "neither" explicitly."""
    baseline: bool = False

    def over(self, outer: TextFormat) -> TextFormat:
        """These properties, with what is unsaid taken from `outer`."""
        keep_position = self.position is not None or self.baseline
        return TextFormat(
            bold=outer.bold if self.bold is None else self.bold,
            italic=outer.italic if self.italic is None else self.italic,
            underline=outer.underline if self.underline is None else self.underline,
            strike=outer.strike if self.strike is None else self.strike,
            position=self.position if keep_position else outer.position,
            baseline=self.baseline if keep_position else outer.baseline,
        )

    def marks(self) -> frozenset[Mark]:
        """The model marks these properties amount to."""
        found: set[Mark] = set()
        if self.bold:
            found.add(Mark.BOLD)
        if self.italic:
            found.add(Mark.ITALIC)
        if self.underline:
            found.add(Mark.UNDERLINE)
        if self.strike:
            found.add(Mark.STRIKE)
        if self.position is not None:
            found.add(self.position)
        return frozenset(found)


PLAIN = TextFormat()


@dataclass(slots=True)
class BlockBuilder:
    """Collects blocks and warnings while a reader walks a document."""

    name: str
    """The source file, named at the start of every warning."""
    blocks: list[SourceBlock] = field(default_factory=list)
    _kind: BlockKind | None = None
    _level: int | None = None
    _list_key: int | None = None
    _spans: list[Span] = field(default_factory=list)
    _warnings: Counter[str] = field(default_factory=Counter)

    def start(
        self, kind: BlockKind, *, level: int | None = None, list_key: int | None = None
    ) -> None:
        """End the current block and start a new one."""
        self._flush()
        self._kind, self._level, self._list_key = kind, level, list_key

    def text(self, text: str, marks: frozenset[Mark] = frozenset()) -> None:
        """Append characters to the current block (starting a paragraph if there is none)."""
        if not text:
            return
        if self._kind is None:
            self._kind = BlockKind.PARAGRAPH
        self._spans.append(Span(text, marks))

    def current_text(self) -> str:
        """The characters of the block being built (for whitespace decisions)."""
        return "".join(span.text for span in self._spans)

    def strip_trailing(self, characters: str) -> None:
        """Remove trailing `characters` from the block being built (HTML line ends)."""
        while self._spans:
            last = self._spans[-1]
            stripped = last.text.rstrip(characters)
            if stripped:
                self._spans[-1] = Span(stripped, last.marks)
                return
            self._spans.pop()

    @staticmethod
    def displayed_field(name: str | None) -> str:
        """The warning saying that the displayed text of the field `name` was kept."""
        if not name:
            return _("kept the displayed text of a field without a name")
        return _("kept the displayed text of field {name}").format(name=name)

    def warn(self, message: str) -> None:
        """Record a warning; repeated warnings are reported once with a count."""
        self._warnings[message] += 1

    def document(self) -> SourceDocument:
        """The blocks and warnings collected so far."""
        self._flush()
        warnings = tuple(
            _("{file}: {warning}").format(file=self.name, warning=message) if count == 1 else
            ngettext("{file}: {warning} ({count} time)", "{file}: {warning} ({count} times)",
                     count).format(file=self.name, warning=message, count=count)
            for message, count in self._warnings.items()
        )
        return SourceDocument(blocks=tuple(self.blocks), warnings=warnings)

    def _flush(self) -> None:
        self.strip_trailing(" ")
        content = normalise_inline(self._spans)
        if self._kind is not None and "".join(span.text for span in content).strip():
            self.blocks.append(
                SourceBlock(
                    kind=self._kind,
                    content=content,
                    level=self._level if self._kind is BlockKind.HEADING else None,
                    list_key=self._list_key if self._kind is BlockKind.ITEM else None,
                )
            )
        self._kind, self._level, self._list_key = None, None, None
        self._spans = []
