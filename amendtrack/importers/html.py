"""Reading HTML into a `SourceDocument`, with lxml.html (imported only when used).

Structure: ``h1``–``h6`` are headings; ``li`` items (nested lists flattened into their top-level
list); ``p``, ``div`` and the other block elements paragraphs; table cells paragraphs, with a
warning. When the page has a ``main`` element, only it is read (the rest is site furniture);
``nav``, scripts, styles, forms and images are dropped (images and navigation with a warning).
``header`` and ``footer`` are kept: in an exported act they hold text such as the title block.

Marks: ``b``/``strong``, ``i``/``em``/``cite``, ``u``, ``sup``, ``sub`` and the inline ``style``
properties ``font-weight``, ``font-style``, ``text-decoration``, ``vertical-align``. Class-based
CSS is not applied. Headings are not bold by default (as in the ODT and DOCX readers).

Whitespace follows what a browser shows, which is also what LibreOffice imports: runs of
spaces, tabs and newlines collapse to one space and disappear at the edges of a block and of a
line; ``&nbsp;`` stays a non-breaking space; ``br`` is a line break. Inside ``pre`` (or
``white-space: pre``, ``pre-wrap``, ``break-spaces``) the text is kept exactly; ``pre-line``
keeps newlines and collapses spaces. ``ins``/``del`` are edits: refused unless
`tracked_changes` says to accept or reject them, or, with `edits_as_marks` (what a « rajout en
gras » act means by them), read as insertions in bold and deletions struck through.
Struck-through text (``s``, ``strike``, ``text-decoration: line-through``) carries the strike
mark. Text of the classes ``sr-only`` and ``visually-hidden`` (labels for screen readers only,
such as amendtrack's own « [ajout] ») is left out, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from amendtrack.errors import SourceError
from amendtrack.files.reading import decode_text
from amendtrack.files.safe_xml import parser_problem
from amendtrack.importers.bounds import check_elements
from amendtrack.importers.builder import PLAIN, BlockBuilder, TextFormat, collapse_whitespace
from amendtrack.importers.options import TrackedChanges
from amendtrack.importers.source import SourceDocument
from amendtrack.model import BlockKind, Mark
from amendtrack.translation import _

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SKIPPED = {"head", "script", "style", "template", "noscript", "button", "input", "select",
            "textarea", "option", "iframe", "object", "embed", "canvas", "audio", "video"}
_WARNED: dict[str, Callable[[], str]] = {"nav": lambda: _("dropped a navigation block (nav)"),
           "img": lambda: _("dropped an image"), "svg": lambda: _("dropped an image"),
           "picture": lambda: _("dropped an image")}
"""Elements dropped with a warning, and the warning (translated when it is given)."""
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
           "section", "article", "main", "header", "footer", "aside", "address", "pre",
           "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "dl", "dt", "dd",
           "figure", "figcaption", "hr", "center", "form", "fieldset", "details", "summary",
           "body", "html", "menu", "legend"}
_TAG_FORMATS = {
    "b": TextFormat(bold=True), "strong": TextFormat(bold=True),
    "i": TextFormat(italic=True), "em": TextFormat(italic=True),
    "cite": TextFormat(italic=True), "u": TextFormat(underline=True),
    "s": TextFormat(strike=True), "strike": TextFormat(strike=True),
    "sup": TextFormat(position=Mark.SUPERSCRIPT), "sub": TextFormat(position=Mark.SUBSCRIPT),
}
_COLLAPSIBLE = " \t\r\n\f"
_HIDDEN = frozenset({"sr-only", "visually-hidden"})
"""Classes of text shown only to screen readers (amendtrack's own « [ajout] » labels)."""


@dataclass(frozen=True, slots=True)
class _Context:
    fmt: TextFormat = PLAIN
    list_key: int | None = None
    white_space: str = "normal"
    kind: BlockKind = BlockKind.PARAGRAPH


def read_html(
    data: bytes, path: Path, *, tracked_changes: TrackedChanges = TrackedChanges.REFUSE,
    edits_as_marks: bool = False,
) -> SourceDocument:
    """Read the bytes of an HTML file; `tracked_changes` says what to do with tracked changes
    (`edits_as_marks`: keep them as bold and struck-through text)."""
    if data.startswith(b"PK\x03\x04"):
        raise SourceError(_("is a ZIP container (ODT or DOCX?), not HTML"), path)
    text = _XML_DECLARATION.sub("", decode_text(data, path, _charset(data)))
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise SourceError(_("cannot read the HTML: {problem}").format(problem=error),
                          path) from None
    check_elements(sum(1 for _ in root.iter()), path)
    for entry in parser.error_log:
        if entry.level_name == "FATAL":  # the parser stopped: the rest of the page is lost
            raise SourceError(
                _("cannot read the HTML past line {line}: {problem}").format(
                    line=entry.line, problem=parser_problem(entry.message)),
                path,
            )
    edits = list(root.iter("ins", "del"))
    as_marks = edits_as_marks and tracked_changes is TrackedChanges.REFUSE
    if edits and tracked_changes is TrackedChanges.REFUSE and not as_marks:
        raise SourceError(
            TrackedChanges.edits_refused(len(edits)),
            path,
        )
    builder = BlockBuilder(str(path))
    if edits and as_marks:
        builder.warn(TrackedChanges.edits_as_marks(len(edits)))
    elif edits:
        builder.warn(tracked_changes.edits_taken(len(edits)))
    main = root.find(".//main")
    reader = _HtmlReader(builder, accept=tracked_changes is TrackedChanges.ACCEPT,
                         as_marks=as_marks)
    if main is not None:
        if _visible_text(root) != _visible_text(main):
            builder.warn(_("read only the <main> element; dropped the rest of the page"))
        reader.block(main, _Context())
    else:
        reader.block(root, _Context())
    reader.end_block()
    return builder.document()


def _charset(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    found = _CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else "utf-8"


def _visible_text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _style_format(style: str, context: _Context) -> _Context:
    fmt = PLAIN
    white_space = context.white_space
    for declaration in style.split(";"):
        name, _colon, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip().lower().removesuffix("!important")
        value = value.strip()
        if name == "font-weight":
            weight = value if value.isdigit() and len(value) < 5 else None
            bold = value in ("bold", "bolder") or (weight is not None and int(weight) >= 600)
            fmt = replace(fmt, bold=bold)
        elif name == "font-style":
            fmt = replace(fmt, italic=value in ("italic", "oblique"))
        elif name in ("text-decoration", "text-decoration-line"):
            fmt = replace(fmt, underline="underline" in value.split(),
                          strike="line-through" in value.split())
        elif name == "vertical-align":
            position = {"super": Mark.SUPERSCRIPT, "sub": Mark.SUBSCRIPT}.get(value)
            fmt = replace(fmt, position=position, baseline=position is None)
        elif name == "white-space":
            white_space = value
    return replace(context, fmt=fmt.over(context.fmt), white_space=white_space)


class _HtmlReader:
    def __init__(self, builder: BlockBuilder, *, accept: bool, as_marks: bool = False) -> None:
        self.builder = builder
        self.accept = accept
        self.as_marks = as_marks
        self._space_before = True
        self._preserving = False
        self._lists = 0

    def block(self, element: HtmlElement, context: _Context) -> None:
        """A block element: its own block, then the block it sits in goes on after it."""
        tag = element.tag if isinstance(element.tag, str) else ""
        inner = context
        if tag in ("ul", "ol", "menu", "dl") and context.list_key is None:
            self._lists += 1
            inner = replace(context, list_key=self._lists)
        if tag in ("table",):
            self.builder.warn(_("read a table as paragraphs, cell by cell"))
        self.end_block()
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            inner = replace(inner, kind=BlockKind.HEADING)
            self.builder.start(BlockKind.HEADING, level=int(tag[1]))
        elif tag in ("li", "dt", "dd") and inner.list_key is not None:
            inner = replace(inner, kind=BlockKind.ITEM)
            self.builder.start(BlockKind.ITEM, list_key=inner.list_key)
        else:
            inner = replace(inner, kind=BlockKind.PARAGRAPH if tag not in ("ul", "ol") else
                            inner.kind)
            self.builder.start(BlockKind.PARAGRAPH)
        if tag == "pre":
            inner = replace(inner, white_space="pre")
        self.content(element, inner)
        self.end_block()
        self.builder.start(context.kind, list_key=context.list_key)

    def end_block(self) -> None:
        """Drop collapsible whitespace left at the end of the block being built."""
        if not self._preserving:
            self.builder.strip_trailing(" ")
        self._space_before = True

    def content(self, element: HtmlElement, context: _Context) -> None:
        """The text and children of `element`."""
        style = element.get("style")
        if style:
            context = _style_format(style, context)
        self.characters(element.text or "", context)
        for child in element:
            self.child(child, context)
            self.characters(child.tail or "", context)

    def child(self, child: HtmlElement, context: _Context) -> None:
        """One child element: skipped, a block, a line break, an edit or inline markup."""
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag or tag in _SKIPPED:
            return
        if tag in _WARNED:
            self.builder.warn(_WARNED[tag]())
        elif tag == "p" and context.kind is BlockKind.ITEM:
            # <li><p>…</p></li>: the paragraph is the item's text (a second one, a new line).
            if self.builder.current_text().strip():
                self.builder.strip_trailing(" ")
                self.builder.text("\n", context.fmt.marks())
                self._space_before = True
            self.content(child, context)
        elif tag in _BLOCKS:
            self.block(child, context)
        elif tag == "br":
            if not self._preserving:
                self.builder.strip_trailing(" ")
            self.builder.text("\n", context.fmt.marks())
            self._space_before = True
        elif tag in ("ins", "del") and self.as_marks:
            # An act's marked changes: an insertion is an addition (bold), a deletion struck.
            marked = TextFormat(bold=True) if tag == "ins" else TextFormat(strike=True)
            self.content(child, replace(context, fmt=marked.over(context.fmt)))
        elif tag in ("ins", "del"):
            if (tag == "ins") == self.accept:
                self.content(child, context)
        elif _HIDDEN.intersection((child.get("class") or "").split()):
            self.builder.warn(_("left out visually hidden labels (screen-reader text)"))
        else:
            fmt = _TAG_FORMATS.get(tag, PLAIN).over(context.fmt)
            self.content(child, replace(context, fmt=fmt))

    def characters(self, text: str, context: _Context) -> None:
        """Text, with whitespace collapsed or kept as the white-space mode says."""
        if not text:
            return
        mode = context.white_space
        self._preserving = mode in ("pre", "pre-wrap", "break-spaces")
        if self._preserving:
            self.builder.text(text, context.fmt.marks())
            self._space_before = text.endswith(tuple(_COLLAPSIBLE))
            return
        kept, self._space_before = collapse_whitespace(
            text, _COLLAPSIBLE, self._space_before, line_breaks=mode == "pre-line"
        )
        self.builder.text(kept, context.fmt.marks())
