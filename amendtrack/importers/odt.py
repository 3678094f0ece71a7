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
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from amendtrack.errors import SourceError
from amendtrack.importers.bounds import MAX_REPEAT, MAX_SPACES, ExpansionBudget, document_number
from amendtrack.importers.builder import (
    PLAIN,
    BlockBuilder,
    TextFormat,
    collapse_whitespace,
    page_numbering_only,
)
from amendtrack.importers.odt_styles import OdfElement, Styles, outline_level
from amendtrack.importers.options import TrackedChanges
from amendtrack.importers.packages import (
    ContainerKind,
    check_xml_members,
    open_container,
    read_member,
)
from amendtrack.importers.source import SourceDocument
from amendtrack.model import BlockKind
from amendtrack.translation import _

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

_FOREIGN = "{}"
"""The tag `_tag` gives an element of a namespace odfdo does not know (XInclude, say)."""


def read_odt(
    data: bytes, path: Path, *, tracked_changes: TrackedChanges = TrackedChanges.REFUSE
) -> SourceDocument:
    """Read the bytes of an ODT file; `tracked_changes` says what to do with tracked changes."""
    archive = open_container(data, path, ContainerKind.ODT)
    check_xml_members(archive, path)
    if "styles.xml" not in archive.namelist():
        data = _with_empty_styles(archive, path)  # optional in ODF; odfdo needs one
    from odfdo import Document  # a required dependency, imported only when an ODT file is read

    try:
        document = Document(io.BytesIO(data))
        body = document.body
    except Exception as error:  # odfdo raises many kinds on damaged parts
        raise SourceError(_("cannot read the ODT document: {problem}").format(problem=error),
                          path) from None
    try:
        styles = Styles(document, path)
    except ValueError:  # odfdo knows no prefix for a namespace a style's attribute uses
        raise SourceError(_("cannot read the ODT document: a style uses a namespace that "
                            "OpenDocument does not define"), path) from None
    reader = _OdtReader(BlockBuilder(str(path)), styles, tracked_changes, ExpansionBudget(path))
    reader.read_tracked_changes(body, path)
    _warn_page_furniture(document, reader.builder)
    reader.blocks(body)
    return reader.builder.document()


def _warn_page_furniture(document: OdfElement, builder: BlockBuilder) -> None:
    for master in document.styles.get_elements("//style:master-page"):
        for part in master.children:
            shown = part.get_attribute("style:display") is not False
            tag = _tag(part)
            if tag not in _MASTER_PAGE_PARTS or not shown or not part.children:
                continue
            numbered = any(part.get_elements(f"descendant::{field}") for field in _PAGE_FIELDS)
            if not (numbered and page_numbering_only(part.text_recursive)):
                builder.warn(_("dropped the page header") if "header" in tag
                             else _("dropped the page footer"))


def _with_empty_styles(archive: zipfile.ZipFile, path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in archive.infolist():
            copy.writestr(member, read_member(archive, member.filename, path))
        copy.writestr("styles.xml", _EMPTY_STYLES)
    return buffer.getvalue()


_EMPTY_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office='
    '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"/>'
)


def _tag(element: OdfElement) -> str:
    """The element's prefixed tag (``text:p``), or `_FOREIGN` for an unknown namespace."""
    try:
        return str(element.tag)
    except ValueError:  # odfdo knows no prefix for the namespace
        return _FOREIGN


@dataclass(slots=True)
class _OdtReader:
    builder: BlockBuilder
    styles: Styles
    tracked_changes: TrackedChanges
    budget: ExpansionBudget
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
                TrackedChanges.refused(len(regions)),
                path,
            )
        for region in regions:
            name = region.get_attribute_string("text:id") or region.get_attribute_string(
                "xml:id"
            )
            for change in region.children:
                tag = _tag(change)
                if tag == "text:deletion":
                    self._deletions[str(name)] = change
                elif tag == "text:insertion":
                    self._insertions.add(str(name))
                elif (tag == "text:format-change"
                      and self.tracked_changes is TrackedChanges.REJECT):
                    self.builder.warn(
                        _("kept the current formatting of tracked format changes (ODF does not "
                          "record the formatting before them)")
                    )
        self.builder.warn(self.tracked_changes.taken(len(regions)))

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, container: OdfElement, list_key: int | None = None) -> None:
        """Read the block-level children of `container` (body, section, cell, list item)."""
        for child in container.children:
            tag = _tag(child)
            if tag == _FOREIGN:
                self.builder.warn(_("dropped an element of an unknown namespace (an XInclude is "
                                    "never followed)"))
            elif tag in ("text:p", "text:h"):
                self.paragraph(child, list_key)
            elif tag == "text:list":
                key = list_key
                if key is None:
                    self._lists += 1
                    key = self._lists
                for item in child.children:
                    if _tag(item) in ("text:list-item", "text:list-header"):
                        self.blocks(item, key)
            elif tag == "table:table":
                self.builder.warn(_("read a table as paragraphs, cell by cell"))
                for cell in _table_cells(child, self.budget):
                    self.blocks(cell)
            elif tag in ("text:section", "text:index-body"):
                self.blocks(child, list_key)
            elif tag in ("text:change-start", "text:change-end", "text:change"):
                self.change_mark(child)
            elif tag.startswith(("text:table-of-content", "text:alphabetical-index")):
                self.builder.warn(_("dropped a generated index or table of contents"))
            elif tag.startswith("draw:"):
                self.builder.warn(_("dropped a drawing or image"))
            elif tag not in _IGNORED:
                self.blocks(child, list_key)

    def paragraph(self, element: OdfElement, list_key: int | None) -> None:
        """Start a block for ``text:p``/``text:h`` and read its content."""
        style = self.styles.get("paragraph", element.get_attribute_string("text:style-name"))
        level: int | None = None
        if _tag(element) == "text:h":
            level = self._level(element)
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

    def _level(self, heading: OdfElement) -> int:
        level = outline_level(heading.get_attribute_string("text:outline-level"),
                              self.builder.name)
        return level or 1

    def inline_element(self, child: OdfElement, fmt: TextFormat) -> None:
        """One inline element: marks, whitespace elements, fields, notes, changes."""
        tag = _tag(child)
        if tag == _FOREIGN:
            self.builder.warn(_("dropped an element of an unknown namespace (an XInclude is never "
                                "followed)"))
        elif tag == "text:span":
            style = self.styles.get("text", child.get_attribute_string("text:style-name"))
            self.inline(child, style.text.over(fmt))
        elif tag in _CONTAINERS:
            self.inline(child, fmt)
        elif tag == "text:s":
            self.literal(" " * self._spaces(child), fmt)
        elif tag == "text:tab":
            self.literal("\t", fmt)
        elif tag == "text:line-break":
            self.literal("\n", fmt)
        elif tag in ("text:change-start", "text:change-end", "text:change"):
            self.change_mark(child, fmt)
        elif tag == "office:annotation":
            self.builder.warn(_("dropped a comment (office:annotation)"))
        elif tag == "text:note":
            self.builder.warn(_("dropped a footnote or endnote"))
        elif tag in _PAGE_FIELDS:
            self.builder.warn(_("dropped a page field ({name})").format(name=tag))
        elif tag.startswith("draw:"):
            self.builder.warn(_("dropped a drawing or image"))
        elif tag in _IGNORED:
            pass
        else:
            if tag.startswith("text:"):
                self.builder.warn(BlockBuilder.displayed_field(tag))
            self.inline(child, fmt)

    def _spaces(self, element: OdfElement) -> int:
        value = element.get_attribute_string("text:c")
        count = document_number(value, _("the text:c of a text:s"), self.builder.name,
                                maximum=MAX_SPACES)
        if value is not None and count is None:
            raise SourceError(_("the text:c of a text:s is {value!r}, not a number of "
                                "spaces").format(value=value[:20]), self.builder.name)
        count = count or 1
        self.budget.spend(count, _("a text:s"))
        return count

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
        tag = _tag(mark)
        if tag == "text:change-start" and name in self._insertions:
            self._open_insertions.add(name)
        elif tag == "text:change-end":
            self._open_insertions.discard(name)
        elif tag == "text:change" and name in self._deletions:
            self.restore(self._deletions[name], fmt)

    def restore(self, deletion: OdfElement, fmt: TextFormat) -> None:
        """Put deleted content back: its first paragraph joins the current one."""
        first = True
        for element in _deleted_paragraphs(deletion):
            style = self.styles.get("paragraph", element.get_attribute_string("text:style-name"))
            if not first:
                if _tag(element) == "text:h":
                    self.builder.start(BlockKind.HEADING, level=self._level(element))
                else:
                    self.builder.start(BlockKind.PARAGRAPH)
                self._space_before = True
            self.inline(element, style.text.over(fmt) if first else style.text)
            first = False


def _deleted_paragraphs(deletion: OdfElement) -> Iterator[OdfElement]:
    for child in deletion.children:
        tag = _tag(child)
        if tag in ("text:p", "text:h"):
            yield child
        elif tag == "text:list":
            for item in child.children:
                yield from _deleted_paragraphs(item)


def _table_cells(table: OdfElement, budget: ExpansionBudget) -> Iterator[OdfElement]:
    """The cells of a table in reading order, a repeated cell or row with text repeated."""
    for child in table.children:
        tag = _tag(child)
        if tag == "table:table-cell":
            yield from [child] * _repeats(child, "table:number-columns-repeated", budget)
        elif tag == "table:table-row":
            cells = list(_table_cells(child, budget))
            for _row in range(_repeats(child, "table:number-rows-repeated", budget)):
                yield from cells
        elif tag.startswith("table:table-row") or tag in (
            "table:table-header-rows",
            "table:table-rows",
        ):
            yield from _table_cells(child, budget)


def _repeats(element: OdfElement, attribute: str, budget: ExpansionBudget) -> int:
    # LibreOffice repeats empty cells and rows by the thousand: only those with text count.
    if not element.text_recursive.strip():
        return 1
    count = document_number(element.get_attribute_string(attribute), attribute, budget.path,
                            maximum=MAX_REPEAT) or 1
    budget.spend(len(element.text_recursive) * (count - 1), attribute)
    return count
