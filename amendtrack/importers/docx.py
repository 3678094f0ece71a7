"""Reading DOCX (Office Open XML) into a `SourceDocument`, with python-docx.

python-docx opens the package (relationships, content types, styles, header and footer parts)
with a parser that expands no entity; the body is then walked as XML, because python-docx's
paragraph API hides what this reader must see: runs inside tracked insertions and deletions,
field codes, ``w:tab`` and ``w:br`` in order.

Structure: a paragraph whose style chain or own properties carry ``w:outlineLvl`` (or a
"Heading N" / "Titre N" style) is a heading; one with ``w:numPr`` (own or from its style) is a
list item, consecutive items of one ``w:numId`` forming a list; table cells are read as
paragraphs, with a warning. Marks: ``w:b``, ``w:i``, ``w:u``, ``w:vertAlign`` (and a raised or
lowered ``w:position``, which is how LibreOffice writes 1<sup>er</sup>), resolved from the
document defaults, the paragraph style (except for headings), the character style and the run.

Text: ``w:t`` as written (without ``xml:space="preserve"`` its edge whitespace is dropped, as
Word does), ``w:tab`` a tab, ``w:br``/``w:cr`` a line break (page and column breaks ignored).
Dropped with a warning: page headers and footers, comments, notes, drawings, PAGE/NUMPAGES
fields. Other fields keep their displayed result. Tracked changes (``w:ins``, ``w:del``,
``w:moveFrom``/``w:moveTo``, ``w:rPrChange``, paragraph marks) are refused unless
`tracked_changes` is "accept" or "reject".
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from amendtrack.errors import SourceError
from amendtrack.importers.bounds import document_number, style_chain
from amendtrack.importers.builder import PLAIN, BlockBuilder, TextFormat, page_numbering_only
from amendtrack.importers.options import TrackedChanges
from amendtrack.importers.packages import ContainerKind, check_xml_members, open_container
from amendtrack.importers.source import SourceDocument
from amendtrack.model import BlockKind, Mark
from amendtrack.translation import _

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_HEADING_NAME = re.compile(r"^(?:heading|titre)\s*(\d)$", re.IGNORECASE)
_PAGE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES"}
_CHANGE_TAGS = {f"{W}{name}" for name in ("ins", "del", "moveFrom", "moveTo", "rPrChange")}
_TRANSPARENT = {f"{W}{name}" for name in ("hyperlink", "smartTag", "customXml", "dir", "bdo")}
_DROPPED_OBJECTS = {f"{W}{name}" for name in ("drawing", "pict", "object")}
_TRUE = {None, "1", "true", "on"}


def read_docx(
    data: bytes, path: Path, *, tracked_changes: TrackedChanges = TrackedChanges.REFUSE
) -> SourceDocument:
    """Read the bytes of a DOCX file; `tracked_changes` says what to do with tracked changes."""
    archive = open_container(data, path, ContainerKind.DOCX)
    check_xml_members(archive, path)
    import docx  # a required dependency, imported only when a DOCX file is read

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on damaged packages
        raise SourceError(_("cannot read the DOCX document: {problem}").format(problem=error),
                          path) from None
    body = _body(document, path)
    changes = sum(1 for element in body.iter() if element.tag in _CHANGE_TAGS)
    if changes and tracked_changes is TrackedChanges.REFUSE:
        raise SourceError(
            TrackedChanges.refused(changes),
            path,
        )
    builder = BlockBuilder(str(path))
    if changes:
        builder.warn(tracked_changes.taken(changes))
    with _damaged_parts(path):  # python-docx reads the styles and relationships lazily
        _warn_page_furniture(document, builder)
        styles = _Styles(document, path)
    accept = tracked_changes is not TrackedChanges.REJECT
    reader = _DocxReader(builder, styles, accept=accept)
    reader.blocks(body)
    return builder.document()


@contextlib.contextmanager
def _damaged_parts(path: Path) -> Iterator[None]:
    """A part python-docx cannot make sense of (a styles part with another root, a value
    outside its enumerations) is one SourceError, as a damaged package."""
    try:
        yield
    except (AttributeError, KeyError, LookupError, TypeError, ValueError) as error:
        detail = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise SourceError(_("cannot read the DOCX document: a damaged part ({detail})").format(
            detail=detail), path) from None


def _body(document: WordDocument, path: Path) -> etree._Element:
    root: etree._Element = document.element
    if root.tag != f"{W}document":
        raise SourceError(
            _("the main part is not a Word document (its root is {root!r}, not "
              "w:document)").format(root=root.tag[:80]),
            path,
        )
    body = root.find(f"{W}body")
    if body is None:
        raise SourceError(_("the main part has no body (w:body): there is no text to read"),
                          path)
    return body


def _warn_page_furniture(document: WordDocument, builder: BlockBuilder) -> None:
    for relationship in document.part.rels.values():
        kind = relationship.reltype.rsplit("/", 1)[-1]
        if kind in ("header", "footer") and not relationship.is_external:
            part = relationship.target_part
            element = getattr(part, "element", None)
            if element is not None and any(True for _ in element.iter(f"{W}r")) and not (
                    _page_numbered(element)
                    and page_numbering_only("".join(element.itertext(f"{W}t")))):
                builder.warn(_("dropped the page header") if kind == "header"
                             else _("dropped the page footer"))


def _page_numbered(part: etree._Element) -> bool:
    """Whether a header or footer holds a page number field (``PAGE``, ``NUMPAGES`` …)."""
    instructions = [*(text or "" for text in part.itertext(f"{W}instrText")),
                    *(simple.get(f"{W}instr", "") for simple in part.iter(f"{W}fldSimple"))]
    return any(instruction.split()[:1] in (["PAGE"], ["NUMPAGES"], ["SECTIONPAGES"])
               for instruction in instructions)


def _on(element: etree._Element | None) -> bool | None:
    if element is None:
        return None
    return element.get(f"{W}val") in _TRUE


def _run_format(rpr: etree._Element | None, path: Path | str) -> TextFormat:
    """The marks a ``w:rPr`` states (None where it says nothing)."""
    if rpr is None:
        return PLAIN
    underline = rpr.find(f"{W}u")
    vertical = rpr.find(f"{W}vertAlign")
    raised = rpr.find(f"{W}position")
    position: Mark | None = None
    baseline = False
    if vertical is not None:
        value = vertical.get(f"{W}val")
        position = {"superscript": Mark.SUPERSCRIPT, "subscript": Mark.SUBSCRIPT}.get(
            value or ""
        )
        baseline = position is None
    elif (amount := document_number(None if raised is None else raised.get(f"{W}val"),
                                    _("a w:position"), path)) is not None:
        position = Mark.SUPERSCRIPT if amount > 0 else Mark.SUBSCRIPT if amount < 0 else None
        baseline = amount == 0
    return TextFormat(
        bold=_on(rpr.find(f"{W}b")),
        italic=_on(rpr.find(f"{W}i")),
        underline=None if underline is None else underline.get(f"{W}val") != "none",
        strike=_on(rpr.find(f"{W}strike") if rpr.find(f"{W}strike") is not None
                   else rpr.find(f"{W}dstrike")),
        position=position,
        baseline=baseline,
    )


@dataclass(frozen=True, slots=True)
class _Style:
    text: TextFormat = PLAIN
    outline_level: int | None = None
    numbering: int | None = None


class _Styles:
    """Paragraph and character styles by id, with their base styles resolved.

    Resolved without recursion, a chain bounded by `bounds.style_chain` (a cycle inherits
    nothing).
    """

    def __init__(self, document: WordDocument, path: Path) -> None:
        self.path = path
        self._raw: dict[str, tuple[str | None, _Style]] = {}
        for style in document.styles:
            element = style.element
            ppr = element.find(f"{W}pPr")
            based = element.find(f"{W}basedOn")
            level = _outline_level(ppr, path)
            match = _HEADING_NAME.match(style.name or "")
            if level is None and match:
                level = int(match.group(1))
            self._raw[style.style_id] = (
                None if based is None else based.get(f"{W}val"),
                _Style(_run_format(element.find(f"{W}rPr"), path), level, _num_id(ppr, path)),
            )
        defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = _run_format(defaults, path)
        self._resolved: dict[str, _Style] = {}

    def get(self, style_id: str | None) -> _Style:
        """The style with inherited properties (empty if unknown)."""
        if style_id is None:
            return _Style()
        found = self._resolved.get(style_id)
        if found is not None:
            return found
        chain = style_chain(style_id, lambda child: self._raw.get(child, (None, None))[0],
                            self.path)
        parent = _Style()
        for ancestor in reversed(chain):
            resolved = self._resolved.get(ancestor)
            if resolved is None:
                raw = self._raw.get(ancestor, (None, _Style()))[1]
                resolved = _Style(
                    raw.text.over(parent.text),
                    raw.outline_level if raw.outline_level is not None else parent.outline_level,
                    raw.numbering if raw.numbering is not None else parent.numbering,
                )
                self._resolved[ancestor] = resolved
            parent = resolved
        return parent


def _outline_level(ppr: etree._Element | None, path: Path | str) -> int | None:
    level = None if ppr is None else ppr.find(f"{W}outlineLvl")
    value = document_number(None if level is None else level.get(f"{W}val"),
                            _("a w:outlineLvl"), path)
    if value is None or not 0 <= value < 9:  # 9 means body text
        return None
    return value + 1


def _num_id(ppr: etree._Element | None, path: Path | str) -> int | None:
    number = None if ppr is None else ppr.find(f"{W}numPr/{W}numId")
    value = document_number(None if number is None else number.get(f"{W}val"), _("a w:numId"),
                            path)
    return value if value is not None and value >= 0 else None


@dataclass(slots=True)
class _Field:
    instruction: str = ""
    showing_result: bool = False
    dropped: bool = False


@dataclass(slots=True)
class _DocxReader:
    builder: BlockBuilder
    styles: _Styles
    accept: bool
    _fields: list[_Field] = field(default_factory=list)
    _merge_next: bool = False

    def blocks(self, container: etree._Element) -> None:
        """Read the block-level children of the body, a cell or a content control."""
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.builder.warn(_("read a table as paragraphs, cell by cell"))
                for row in child.iterchildren(f"{W}tr"):
                    for cell in row.iterchildren(f"{W}tc"):
                        self.blocks(cell)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                self.blocks(child)

    def paragraph(self, element: etree._Element) -> None:
        """Start a block for ``w:p`` (unless a removed paragraph mark joins it) and read it."""
        ppr = element.find(f"{W}pPr")
        style_ref = None if ppr is None else ppr.find(f"{W}pStyle")
        style = self.styles.get(None if style_ref is None else style_ref.get(f"{W}val"))
        level = _outline_level(ppr, self.builder.name) or style.outline_level
        numbering = _num_id(ppr, self.builder.name)
        if numbering is None:
            numbering = style.numbering
        if not self._merge_next:
            if level is not None:
                self.builder.start(BlockKind.HEADING, level=level)
            elif numbering:
                self.builder.start(BlockKind.ITEM, list_key=numbering)
            else:
                self.builder.start(BlockKind.PARAGRAPH)
        base = self.styles.defaults if level is not None else style.text.over(
            self.styles.defaults
        )
        self.inline(element, base)
        mark = None if ppr is None else ppr.find(f"{W}rPr")
        removed = f"{W}del" if self.accept else f"{W}ins"
        self._merge_next = mark is not None and mark.find(removed) is not None

    def inline(self, container: etree._Element, base: TextFormat) -> None:
        """Read the runs of a paragraph or of an inline container."""
        for child in container:
            tag = child.tag
            if tag == f"{W}r":
                self.run(child, base)
            elif tag in _TRANSPARENT or tag in (f"{W}sdt", f"{W}sdtContent"):
                self.inline(child, base)
            elif tag in (f"{W}ins", f"{W}moveTo"):
                if self.accept:
                    self.inline(child, base)
            elif tag in (f"{W}del", f"{W}moveFrom"):
                if not self.accept:
                    self.inline(child, base)
            elif tag == f"{W}fldSimple":
                self.simple_field(child, base)
            elif tag.startswith("{http://schemas.openxmlformats.org/officeDocument/2006/math}"):
                self.builder.warn(_("dropped an equation"))

    def simple_field(self, element: etree._Element, base: TextFormat) -> None:
        """``w:fldSimple``: its displayed result, unless it is a page number."""
        name = _field_name(element.get(f"{W}instr", ""))
        if name in _PAGE_FIELDS:
            self.builder.warn(_("dropped a page field ({name})").format(name=name))
            return
        self.builder.warn(BlockBuilder.displayed_field(name))
        self.inline(element, base)

    def run(self, run: etree._Element, base: TextFormat) -> None:
        """One ``w:r``: its text, tabs and breaks in its format; fields and notes handled."""
        fmt = self.run_format(run, base)
        for child in run:
            tag = child.tag
            if tag == f"{W}fldChar":
                self.field_char(child.get(f"{W}fldCharType", ""))
            elif tag == f"{W}instrText":
                if self._fields and not self._fields[-1].showing_result:
                    self._fields[-1].instruction += child.text or ""
            elif tag in (f"{W}t", f"{W}delText"):
                text = child.text or ""
                if child.get(_XML_SPACE) != "preserve":
                    text = text.strip(" \t\r\n")
                self.emit(text, fmt)
            elif tag == f"{W}tab":
                self.emit("\t", fmt)
            elif tag == f"{W}cr" or (
                tag == f"{W}br" and child.get(f"{W}type") in (None, "textWrapping")
            ):
                self.emit("\n", fmt)
            elif tag == f"{W}noBreakHyphen":
                self.emit("\u2011", fmt)
            elif tag == f"{W}commentReference":
                self.builder.warn(_("dropped a comment"))
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                self.builder.warn(_("dropped a footnote or endnote"))
            elif tag in _DROPPED_OBJECTS:
                self.builder.warn(_("dropped a drawing or image"))
            elif tag == f"{W}sym":
                self.builder.warn(_("dropped a symbol-font character (w:sym)"))

    def run_format(self, run: etree._Element, base: TextFormat) -> TextFormat:
        """The run's marks: its character style and direct properties over `base`."""
        rpr = run.find(f"{W}rPr")
        if rpr is not None and not self.accept:
            change = rpr.find(f"{W}rPrChange/{W}rPr")
            if change is not None:
                rpr = change  # rejecting a format change: the properties before it
        style_ref = None if rpr is None else rpr.find(f"{W}rStyle")
        character = self.styles.get(None if style_ref is None else style_ref.get(f"{W}val"))
        return _run_format(rpr, self.builder.name).over(character.text.over(base))

    def field_char(self, kind: str) -> None:
        """Follow complex fields: instruction hidden, result shown (page fields dropped)."""
        if kind == "begin":
            self._fields.append(_Field())
        elif kind == "separate" and self._fields:
            current = self._fields[-1]
            current.showing_result = True
            name = _field_name(current.instruction)
            current.dropped = name in _PAGE_FIELDS
            if current.dropped:
                self.builder.warn(_("dropped a page field ({name})").format(name=name))
            else:
                self.builder.warn(BlockBuilder.displayed_field(name))
        elif kind == "end" and self._fields:
            self._fields.pop()

    def emit(self, text: str, fmt: TextFormat) -> None:
        """Add text unless it belongs to a field instruction or a dropped field result."""
        if any(not item.showing_result or item.dropped for item in self._fields):
            return
        self.builder.text(text, fmt.marks())


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""
