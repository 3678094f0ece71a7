"""Reading ODT (OpenDocument text) into a `SourceDocument`, with odfdo.

Structure: ``text:h`` and paragraphs whose style (or a parent style) has an outline level or is
a "Heading N" style are headings; ``text:list`` items are items (nested lists flattened into their
top-level list); table cells are read as paragraphs, with a warning. Marks come from automatic
and common text styles, parents included (``fo:font-weight``, ``fo:font-style``,
``style:text-underline-style``, ``style:text-line-through-style``, ``style:text-position``); an
ordinary paragraph's own style counts, a heading's does not (headings are bold by style, not by
choice of the writer).

Whitespace follows the ODF rules: runs of spaces, tabs and newlines in the XML collapse to one
space and are ignored at the start of a paragraph; ``text:s text:c``, ``text:tab`` and
``text:line-break`` give exactly the spaces, tabs and line breaks written.

Dropped with a warning: page headers and footers, comments (``office:annotation``), notes,
drawings and images, page-number fields. Other fields (dates, references, variables) are kept
as the text they display. Tracked changes are refused unless `tracked_changes` says to accept
or reject them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amendtrack.errors import SourceError
from amendtrack.importers.builder import PLAIN, BlockBuilder, TextFormat, collapse_whitespace
from amendtrack.importers.options import TrackedChanges
from amendtrack.importers.packages import ContainerKind, check_xml_members, open_container
from amendtrack.importers.source import SourceDocument
from amendtrack.model import BlockKind, Mark

_HEADING_STYLE = re.compile(r"^(?:Heading|Titre)_20_(\d+)$")
_COLLAPSIBLE = " \t\r\n"
_IGNORED = {
    "text:soft-page-break", "text:bookmark", "text:bookmark-start", "text:bookmark-end",
    "text:reference-mark", "text:reference-mark-start", "text:reference-mark-end",
    "text:alphabetical-index-mark", "text:alphabetical-index-mark-start",
    "text:alphabetical-index-mark-end", "text:toc-mark", "text:toc-mark-start",
    "text:toc-mark-end", "text:user-index-mark", "text:user-index-mark-start",
    "text:user-index-mark-end", "office:annotation-end", "text:sequence-decls",
    "text:variable-decls", "text:user-field-decls", "text:dde-connection-decls",
    "text:tracked-changes", "office:forms", "text:number",
}
_PAGE_FIELDS = {"text:page-number", "text:page-count", "text:page-continuation"}
_CONTAINERS = {"text:a", "text:meta", "text:ruby-base", "text:hidden-text", "text:span"}
_MASTER_PAGE_PARTS = (
    "style:header", "style:footer", "style:header-left", "style:footer-left",
    "style:header-first", "style:footer-first",
)

OdfElement = Any
"""An odfdo element (odfdo has no type hints)."""


def read_odt(
    data: bytes, path: Path, *, tracked_changes: TrackedChanges = TrackedChanges.REFUSE
) -> SourceDocument:
    """Read the bytes of an ODT file; `tracked_changes` says what to do with tracked changes."""
    archive = open_container(data, path, ContainerKind.ODT)
    check_xml_members(archive, path)
    from odfdo import Document  # a required dependency, imported only when an ODT file is read

    try:
        document = Document(io.BytesIO(data))
        body = document.body
    except Exception as error:  # odfdo raises many kinds on damaged parts
        raise SourceError(f"cannot read the ODT document: {error}", path) from None
    reader = _OdtReader(BlockBuilder(str(path)), _Styles(document), tracked_changes)
    reader.read_tracked_changes(body, path)
    _warn_page_furniture(document, reader.builder)
    reader.blocks(body)
    return reader.builder.document()


@dataclass(frozen=True, slots=True)
class _Style:
    parent: str | None
    text: TextFormat
    outline_level: int | None


class _Styles:
    """Text and paragraph styles by name, with inherited properties resolved."""

    def __init__(self, document: OdfElement) -> None:
        self._raw: dict[tuple[str, str], _Style] = {}
        for family in ("text", "paragraph"):
            for style in document.get_styles(family):
                name = style.name
                if name is None or (family, name) in self._raw:
                    continue
                level = style.get_attribute_integer("style:default-outline-level")
                match = _HEADING_STYLE.match(str(name))
                if level is None and match:
                    level = int(match.group(1))
                properties = style.get_properties(area="text") or {}
                self._raw[(family, str(name))] = _Style(
                    style.parent_style, _text_format(properties), level
                )
        self._resolved: dict[tuple[str, str], _Style] = {}

    def get(self, family: str, name: str | None) -> _Style:
        """The style with inherited properties, or an empty style if unknown."""
        if name is None:
            return _Style(None, PLAIN, None)
        key = (family, name)
        if key not in self._resolved:
            self._resolved[key] = _Style(None, PLAIN, None)  # guards against parent cycles
            raw = self._raw.get(key)
            if raw is None:
                return self._resolved[key]
            parent = self.get(family, raw.parent)
            self._resolved[key] = _Style(
                None,
                raw.text.over(parent.text),
                raw.outline_level if raw.outline_level is not None else parent.outline_level,
            )
        return self._resolved[key]


def _text_format(properties: dict[str, str]) -> TextFormat:
    weight = properties.get("fo:font-weight")
    style = properties.get("fo:font-style")
    underline = properties.get("style:text-underline-style")
    struck = properties.get("style:text-line-through-style")
    position = properties.get("style:text-position")
    return TextFormat(
        bold=None if weight is None else _is_bold(weight),
        italic=None if style is None else style in ("italic", "oblique"),
        underline=None if underline is None else underline != "none",
        strike=None if struck is None else struck != "none",
        position=_position(position),
        baseline=position is not None and _position(position) is None,
    )


def _is_bold(weight: str) -> bool:
    if weight.isdigit():
        return int(weight) >= 600
    return weight == "bold"


def _position(value: str | None) -> Mark | None:
    if value is None:
        return None
    first = value.split()[0] if value.split() else "0%"
    if first == "super":
        return Mark.SUPERSCRIPT
    if first == "sub":
        return Mark.SUBSCRIPT
    try:
        amount = float(first.rstrip("%"))
    except ValueError:
        return None
    if amount > 0:
        return Mark.SUPERSCRIPT
    return Mark.SUBSCRIPT if amount < 0 else None


def _warn_page_furniture(document: OdfElement, builder: BlockBuilder) -> None:
    for master in document.styles.get_elements("//style:master-page"):
        for part in master.children:
            shown = part.get_attribute("style:display") is not False
            if part.tag in _MASTER_PAGE_PARTS and shown and part.children:
                builder.warn(f"dropped the page {part.tag.split(':')[1].split('-')[0]}")


@dataclass(slots=True)
class _OdtReader:
    builder: BlockBuilder
    styles: _Styles
    tracked_changes: TrackedChanges
    _deletions: dict[str, OdfElement] = field(default_factory=dict)
    _insertions: set[str] = field(default_factory=set)
    _open_insertions: set[str] = field(default_factory=set)
    _space_before: bool = True
    _lists: int = 0

    def read_tracked_changes(self, body: OdfElement, path: Path) -> None:
        """Index the changed regions; refuse them unless told what to do."""
        regions = body.get_elements("text:tracked-changes/text:changed-region")
        if not regions:
            return
        if self.tracked_changes is TrackedChanges.REFUSE:
            raise SourceError(
                f"has {len(regions)} tracked change(s); choose --tracked-changes accept "
                "(the text with the changes) or reject (the text without them)",
                path,
            )
        for region in regions:
            name = region.get_attribute_string("text:id") or region.get_attribute_string(
                "xml:id"
            )
            for change in region.children:
                if change.tag == "text:deletion":
                    self._deletions[str(name)] = change
                elif change.tag == "text:insertion":
                    self._insertions.add(str(name))
                elif (change.tag == "text:format-change"
                      and self.tracked_changes is TrackedChanges.REJECT):
                    self.builder.warn(
                        "kept the current formatting of tracked format changes "
                        "(ODF does not record the formatting before them)"
                    )
        self.builder.warn(f"{self.tracked_changes}ed {len(regions)} tracked change(s)")

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, container: OdfElement, list_key: int | None = None) -> None:
        """Read the block-level children of `container` (body, section, cell, list item)."""
        for child in container.children:
            tag = child.tag
            if tag in ("text:p", "text:h"):
                self.paragraph(child, list_key)
            elif tag == "text:list":
                key = list_key
                if key is None:
                    self._lists += 1
                    key = self._lists
                for item in child.children:
                    if item.tag in ("text:list-item", "text:list-header"):
                        self.blocks(item, key)
            elif tag == "table:table":
                self.builder.warn("read a table as paragraphs, cell by cell")
                for cell in _table_cells(child):
                    self.blocks(cell)
            elif tag in ("text:section", "text:index-body"):
                self.blocks(child, list_key)
            elif tag in ("text:change-start", "text:change-end", "text:change"):
                self.change_mark(child)
            elif tag.startswith(("text:table-of-content", "text:alphabetical-index")):
                self.builder.warn("dropped a generated index or table of contents")
            elif tag.startswith("draw:"):
                self.builder.warn("dropped a drawing or image")
            elif tag not in _IGNORED:
                self.blocks(child, list_key)

    def paragraph(self, element: OdfElement, list_key: int | None) -> None:
        """Start a block for ``text:p``/``text:h`` and read its content."""
        style = self.styles.get("paragraph", element.get_attribute_string("text:style-name"))
        level: int | None = None
        if element.tag == "text:h":
            level = element.get_attribute_integer("text:outline-level") or 1
        elif style.outline_level:
            level = style.outline_level
        if not self._open_insertions:  # a paragraph start inside a rejected insertion merges
            if level is not None:
                self.builder.start(BlockKind.HEADING, level=level)
            elif list_key is not None:
                self.builder.start(BlockKind.ITEM, list_key=list_key)
            else:
                self.builder.start(BlockKind.PARAGRAPH)
            self._space_before = True
        self.inline(element, PLAIN if level is not None else style.text)

    # --- inline ---------------------------------------------------------------------------

    def inline(self, element: OdfElement, fmt: TextFormat) -> None:
        """Read the text and inline children of `element` in format `fmt`."""
        self.characters(element.text, fmt)
        for child in element.children:
            self.inline_element(child, fmt)
            self.characters(child.tail or "", fmt)

    def inline_element(self, child: OdfElement, fmt: TextFormat) -> None:
        """One inline element: marks, whitespace elements, fields, notes, changes."""
        tag = child.tag
        if tag == "text:span":
            style = self.styles.get("text", child.get_attribute_string("text:style-name"))
            self.inline(child, style.text.over(fmt))
        elif tag in _CONTAINERS:
            self.inline(child, fmt)
        elif tag == "text:s":
            self.literal(" " * (child.get_attribute_integer("text:c") or 1), fmt)
        elif tag == "text:tab":
            self.literal("\t", fmt)
        elif tag == "text:line-break":
            self.literal("\n", fmt)
        elif tag in ("text:change-start", "text:change-end", "text:change"):
            self.change_mark(child, fmt)
        elif tag == "office:annotation":
            self.builder.warn("dropped a comment (office:annotation)")
        elif tag == "text:note":
            self.builder.warn("dropped a footnote or endnote")
        elif tag in _PAGE_FIELDS:
            self.builder.warn(f"dropped a page field ({tag})")
        elif tag.startswith("draw:"):
            self.builder.warn("dropped a drawing or image")
        elif tag in _IGNORED:
            pass
        else:
            if tag.startswith("text:"):
                self.builder.warn(f"kept the displayed text of field {tag}")
            self.inline(child, fmt)

    def characters(self, text: str, fmt: TextFormat) -> None:
        """Text from the XML: whitespace collapses as the ODF rules say."""
        if not text or self._open_insertions:  # rejected text leaves no whitespace state
            return
        kept, self._space_before = collapse_whitespace(text, _COLLAPSIBLE, self._space_before)
        self._emit(kept, fmt)

    def literal(self, text: str, fmt: TextFormat) -> None:
        """Spaces, tabs or line breaks written as elements: kept exactly."""
        if not self._open_insertions:
            self._emit(text, fmt)
            self._space_before = False

    def _emit(self, text: str, fmt: TextFormat) -> None:
        if not self._open_insertions:
            self.builder.text(text, fmt.marks())

    # --- tracked changes ------------------------------------------------------------------

    def change_mark(self, mark: OdfElement, fmt: TextFormat = PLAIN) -> None:
        """Apply the accept/reject choice at a change mark in the body."""
        name = str(mark.get_attribute_string("text:change-id"))
        if self.tracked_changes is not TrackedChanges.REJECT:
            return  # accepting: insertions stay, deletions are already gone
        if mark.tag == "text:change-start" and name in self._insertions:
            self._open_insertions.add(name)
        elif mark.tag == "text:change-end":
            self._open_insertions.discard(name)
        elif mark.tag == "text:change" and name in self._deletions:
            self.restore(self._deletions[name], fmt)

    def restore(self, deletion: OdfElement, fmt: TextFormat) -> None:
        """Put deleted content back: its first paragraph joins the current one."""
        first = True
        for element in _deleted_paragraphs(deletion):
            style = self.styles.get("paragraph", element.get_attribute_string("text:style-name"))
            if not first:
                if element.tag == "text:h":
                    level = element.get_attribute_integer("text:outline-level") or 1
                    self.builder.start(BlockKind.HEADING, level=level)
                else:
                    self.builder.start(BlockKind.PARAGRAPH)
                self._space_before = True
            self.inline(element, style.text.over(fmt) if first else style.text)
            first = False


def _deleted_paragraphs(deletion: OdfElement) -> Iterator[OdfElement]:
    for child in deletion.children:
        if child.tag in ("text:p", "text:h"):
            yield child
        elif child.tag == "text:list":
            for item in child.children:
                yield from _deleted_paragraphs(item)


def _table_cells(table: OdfElement) -> Iterator[OdfElement]:
    for child in table.children:
        if child.tag == "table:table-cell":
            yield child
        elif child.tag.startswith("table:table-row") or child.tag in (
            "table:table-header-rows",
            "table:table-rows",
        ):
            yield from _table_cells(child)
