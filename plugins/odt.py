"""The ODT renderer (odfdo): a LibreOffice Writer document.

Additions carry the named character style « Ajout » (bold) and deletions « Suppression »
(struck through), the label of a moved block « Déplacement » (italic): staff find them in
Writer's style list and can restyle them for a house style. Lists are real ODF lists; runs of
spaces, tabs and line breaks are kept (``text:s``, ``text:tab``, ``text:line-break``). With
``-O tracked_changes=true`` the changes are written as native ODF tracked changes instead, to
accept or reject one by one in Writer (deletions are then always included, so rejecting every
change gives back OLD); the insertions keep the style « Ajout », so accepting every change
leaves the additions in bold, as the act's notice says. Pages are A4 with their number at the
foot (« Page 1 sur 3 »), and no paragraph leaves a single line alone at the top or the foot of
a page (a list's « … Monsieur le Maire : » stays with the line before it).

The output is deterministic: fixed dates in meta.xml and in the zip entries, and it is valid
against the OASIS ODF 1.3 schema (LibreOffice's own extension markup is left out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from html import escape
from types import MappingProxyType
from typing import Any, BinaryIO, ClassVar, assert_never

from amendtrack.model import BlockKind, BlockOpKind, Mark
from amendtrack.rendering import (
    API_VERSION,
    Change,
    Deletions,
    Elision,
    RenderBlock,
    RenderJob,
    Run,
    View,
    ViewItem,
    change_summary,
    check_view,
    document_keywords,
    drawn_items,
    elision_text,
    move_label,
    segments,
)
from amendtrack.translation import N_

from .odf_package import repack
from .odf_page import page_style

ADDED_STYLE = "Ajout"
DELETED_STYLE = "Suppression"
MOVED_STYLE = "Deplacement"
LIST_STYLE = "Liste_20_amendtrack"
AUTHOR = "amendtrack"

_COMMON_STYLES = (
    f'<style:style style:name="{ADDED_STYLE}" style:display-name="Ajout" style:family="text">'
    '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" '
    'style:font-weight-complex="bold"/></style:style>',
    f'<style:style style:name="{DELETED_STYLE}" style:display-name="Suppression" '
    'style:family="text"><style:text-properties style:text-line-through-style="solid" '
    'style:text-line-through-type="single"/></style:style>',
    f'<style:style style:name="{MOVED_STYLE}" style:display-name="Déplacement" '
    'style:family="text"><style:text-properties fo:font-style="italic" '
    'style:font-style-asian="italic" style:font-style-complex="italic"/></style:style>',
    f'<text:list-style style:name="{LIST_STYLE}" style:display-name="Liste amendtrack">'
    '<text:list-level-style-bullet text:level="1" text:bullet-char="-">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="listtab" '
    'text:list-tab-stop-position="1.27cm" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/>'
    '</style:list-level-properties></text:list-level-style-bullet></text:list-style>',
)
_MARK_PROPERTIES = {
    Mark.BOLD: 'fo:font-weight="bold" style:font-weight-asian="bold" '
               'style:font-weight-complex="bold"',
    Mark.ITALIC: 'fo:font-style="italic" style:font-style-asian="italic" '
                 'style:font-style-complex="italic"',
    Mark.UNDERLINE: 'style:text-underline-style="solid" style:text-underline-width="auto" '
                    'style:text-underline-color="font-color"',
    Mark.STRIKE: 'style:text-line-through-style="solid" style:text-line-through-type="single"',
    Mark.SUPERSCRIPT: 'style:text-position="super 58%"',
    Mark.SUBSCRIPT: 'style:text-position="sub 58%"',
}
_BODY_STYLE = 'text:style-name="Text_20_body"'
_BREAKS = re.compile(r"( {2,}|\t|\n)")


class OdtRenderer:
    """An OpenDocument text (.odt) for LibreOffice Writer."""

    name: ClassVar[str] = "odt"
    description: ClassVar[str] = N_(
        "LibreOffice Writer document: styles « Ajout » and « Suppression »")
    media_type: ClassVar[str] = "application/vnd.oasis.opendocument.text"
    extensions: ClassVar[tuple[str, ...]] = ("odt",)
    options: ClassVar[Mapping[str, str]] = MappingProxyType({
        "tracked_changes": N_("true/false: write native ODF tracked changes (default false)"),
    })
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT, View.DOCUMENT)
    api_version: ClassVar[int] = API_VERSION

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the document."""
        check_view(self, job)
        tracked = job.flag("tracked_changes", False) and job.view is not View.DOCUMENT
        writer = _Writer(job, tracked=tracked)
        stream.write(writer.build())


class _Writer:
    """The document: odfdo's template and styles, and the body written as ODF text.

    The body is never built as elements: each block is written out as XML text (escaped by
    `odf_text`), the pieces kept in `body` in document order, and spliced into content.xml once
    when the package is written (`amendtrack_plugins.odf_package.repack`). Parsing an XML
    snippet per block, as odfdo's ``Element.from_tag`` does, cost more than the whole diff.
    """

    def __init__(self, job: RenderJob, tracked: bool) -> None:
        import odfdo

        self.odfdo: Any = odfdo
        self.job = job
        self.tracked = tracked
        self.document: Any = odfdo.Document("text")
        self.mark_styles: dict[frozenset[Mark], str] = {}
        self.changes: list[str] = []
        """The tracked changes' regions (``text:changed-region``), as XML text."""
        self.body: list[str] = []
        """The body's pieces of XML text, in document order."""
        self.last_paragraph: int | None = None
        """The index in `body` of the last ``text:p`` written (where trailing deletions go)."""
        self.pending_deletions: list[RenderBlock] = []

    def build(self) -> bytes:
        self.document.body.clear()
        for style in _COMMON_STYLES:
            self.document.insert_style(style)
        page_style(self.document)
        title = self._fill()
        if self.changes:
            self.body.insert(0, f"<text:tracked-changes>{''.join(self.changes)}"
                                "</text:tracked-changes>")
        self._meta(title)
        return repack(self.document, self.body)

    # --- content ------------------------------------------------------------------------------

    def _fill(self) -> str:
        items, title = self._items()
        self._append(items)
        if self.pending_deletions:
            span = f"<text:span>{self._deletion_mark(self.pending_deletions, at_end=True)}" \
                   "</text:span>"
            if self.last_paragraph is None:
                self.body.append(f"<text:p>{span}</text:p>")
            else:
                self.body[self.last_paragraph] = _appended(self.body[self.last_paragraph], span)
            self.pending_deletions = []
        if self.job.view is View.DIFF:
            summary = change_summary(self.job.amendment)
            self._add_paragraph(self._paragraph(
                [Run(f"Résumé : {summary}", frozenset(), Change.SAME)]))
        return title

    def _items(self) -> tuple[list[ViewItem], str]:
        """What to draw, and the document's title."""
        job = self.job
        if self.tracked and job.deletions is Deletions.HIDE:
            # Tracked changes need every deletion, or rejecting them would not give OLD.
            job = self.job = replace(job, deletions=Deletions.SHOW)
        return drawn_items(job)

    def _append(self, items: list[ViewItem]) -> None:
        # A list stays open while its items follow one another (`_close_list` ends it).
        current_list: tuple[str | None] | None = None
        for item in items:
            if isinstance(item, Elision):
                self._close_list(current_list)
                current_list = None
                self._add_paragraph(self._paragraph([Run(elision_text(item.count), frozenset({
                    Mark.ITALIC}), Change.SAME)]))
                continue
            if self.tracked and item.change is BlockOpKind.DELETE:
                self.pending_deletions.append(item)
                continue
            element = self._block(item)
            if item.kind is BlockKind.ITEM:
                if current_list is None or current_list[0] != item.list_id:
                    self._close_list(current_list)
                    self.body.append(f'<text:list text:style-name="{LIST_STYLE}">')
                    current_list = (item.list_id,)
                self.body.append("<text:list-item>")
                self._add_block(element, item)
                self.body.append("</text:list-item>")
            else:
                self._close_list(current_list)
                current_list = None
                self._add_block(element, item)
        self._close_list(current_list)

    def _close_list(self, current_list: tuple[str | None] | None) -> None:
        if current_list is not None:
            self.body.append("</text:list>")

    def _add_block(self, element: str, block: RenderBlock) -> None:
        if block.kind is BlockKind.HEADING:
            self.body.append(element)
        else:
            self._add_paragraph(element)

    def _add_paragraph(self, element: str) -> None:
        self.last_paragraph = len(self.body)
        self.body.append(element)

    def _block(self, block: RenderBlock) -> str:
        """The block as an element, XML text (a heading or a paragraph)."""
        prefix = ""
        if self.pending_deletions:
            prefix = self._deletion_mark(self.pending_deletions, at_end=False)
            self.pending_deletions = []
        content = prefix + self._inline(block.runs, block.change)
        label = move_label(block, self.job)
        if label:
            content = (f'<text:span text:style-name="{MOVED_STYLE}">{odf_text(label, True)}'
                       f"</text:span> {content}")
        if block.kind is BlockKind.HEADING:
            level = min(block.level or 1, 10)
            return _element("text:h", f'text:style-name="Heading_20_{level}" '
                                      f'text:outline-level="{level}"', content)
        return _element("text:p", _BODY_STYLE, content)

    def _paragraph(self, runs: Iterable[Run], change: BlockOpKind = BlockOpKind.KEEP) -> str:
        """A paragraph of body text, XML text."""
        return _element("text:p", _BODY_STYLE, self._inline(runs, change))

    # Inline content is written as XML text (odfdo's own append() re-scans the whole paragraph
    # for spaces on every call: minutes on a code).

    def _inline(self, runs: Iterable[Run], change: BlockOpKind) -> str:
        runs = tuple(runs)
        if self.tracked and change is BlockOpKind.INSERT:
            region = self._region("text:insertion")
            return (_mark("text:change-start", region) + _added(self._plain_runs(runs, True))
                    + _mark("text:change-end", region))
        out: list[str] = []
        at_start = True
        previous: Change | None = None
        for kind, group in segments(runs):
            if not self.tracked and {previous, kind} == {Change.ADDED, Change.DELETED}:
                out.append(" ")  # struck and bold words read apart, as wdiff separates them
            previous = kind
            match kind:
                case Change.SAME | Change.ALTERED:
                    out.append(self._plain_runs(group, at_start))
                case Change.ADDED if self.tracked:
                    region = self._region("text:insertion")
                    out.append(_mark("text:change-start", region)
                               + _added(self._plain_runs(group, at_start))
                               + _mark("text:change-end", region))
                case Change.DELETED if self.tracked:
                    deleted = f"<text:p>{self._plain_runs(group, True)}</text:p>"
                    out.append(_mark("text:change", self._region("text:deletion", deleted)))
                case Change.ADDED | Change.DELETED:
                    style = ADDED_STYLE if kind is Change.ADDED else DELETED_STYLE
                    out.append(f'<text:span text:style-name="{style}">'
                               f"{self._plain_runs(group, at_start)}</text:span>")
                case _ as unreachable:
                    assert_never(unreachable)
            at_start = False
        return "".join(out)

    def _plain_runs(self, runs: Iterable[Run], at_start: bool) -> str:
        out: list[str] = []
        for run in runs:
            text = odf_text(run.text, at_start)
            if run.marks:
                style = self._mark_style(run.marks)
                text = f'<text:span text:style-name="{style}">{text}</text:span>'
            out.append(text)
            at_start = False
        return "".join(out)

    def _mark_style(self, marks: frozenset[Mark]) -> str:
        if marks not in self.mark_styles:
            name = "T_" + "_".join(sorted(mark.value for mark in marks))
            properties = " ".join(_MARK_PROPERTIES[mark] for mark in sorted(marks))
            self.document.insert_style(
                f'<style:style style:name="{name}" style:family="text">'
                f"<style:text-properties {properties}/></style:style>", automatic=True)
            self.mark_styles[marks] = name
        return self.mark_styles[marks]

    # --- tracked changes ----------------------------------------------------------------------

    def _region(self, kind: str, content: str = "") -> str:
        identifier = f"ct{len(self.changes) + 1}"
        self.changes.append(
            f'<text:changed-region text:id="{identifier}" xml:id="{identifier}"><{kind}>'
            f"<office:change-info><dc:creator>{AUTHOR}</dc:creator>"
            f"<dc:date>{self._date()}</dc:date></office:change-info>{content}</{kind}>"
            "</text:changed-region>")
        return identifier

    def _deletion_mark(self, blocks: list[RenderBlock], at_end: bool) -> str:
        # The deleted paragraphs and the paragraph break that went with them: the first and
        # last <text:p> of a deletion merge with the text around the mark.
        paragraphs = [f"<text:p>{self._plain_runs(block.runs, True)}</text:p>" for block in blocks]
        content = ["<text:p/>", *paragraphs] if at_end else [*paragraphs, "<text:p/>"]
        return _mark("text:change", self._region("text:deletion", "".join(content)))

    # --- metadata -----------------------------------------------------------------------------

    def _date(self) -> str:
        return f"{self.job.new.info.date}T00:00:00"

    def _meta(self, title: str) -> None:
        meta = self.document.meta
        fixed = datetime.fromisoformat(self._date())
        meta.set_creation_date(fixed)
        meta.set_modification_date(fixed)
        meta.set_title(title)
        meta.set_subject(title)
        meta.set_keywords(document_keywords(self.job))  # the versions' hashes, our version
        meta.set_language("fr-FR")
        meta.set_generator("amendtrack")
        meta.set_editing_cycles(1)
        meta.set_initial_creator(AUTHOR)


def _mark(tag: str, identifier: str) -> str:
    return f'<{tag} text:change-id="{identifier}"/>'


def _added(content: str) -> str:
    """A tracked insertion's text in the style « Ajout »: accepted, it stays bold."""
    return f'<text:span text:style-name="{ADDED_STYLE}">{content}</text:span>' if content else ""


def _element(tag: str, attributes: str, content: str) -> str:
    """An element as XML text, written as lxml writes it (empty: self-closed)."""
    if not content:
        return f"<{tag} {attributes}/>"
    return f"<{tag} {attributes}>{content}</{tag}>"


def _appended(element: str, content: str) -> str:
    """The XML text `element` (a ``text:p``) with `content` added after its last child."""
    if element.endswith("/>"):
        return f"{element[:-2]}>{content}</text:p>"
    return f"{element[: -len('</text:p>')]}{content}</text:p>"


def odf_text(text: str, at_start: bool) -> str:
    """Escaped ODF text with runs of spaces, tabs and line breaks as elements.

    ODF collapses white space like HTML: a run of spaces keeps its first space and writes
    the others as ``text:s``; a space at the start of a paragraph or after a tab or a line
    break is a ``text:s`` too. Text with none of these (most of it) is only escaped.
    """
    text = escape(text, quote=False)
    if not (at_start and text.startswith(" ")) and "  " not in text and "\t" not in text \
            and "\n" not in text:
        return text
    out: list[str] = []
    previous_break = at_start
    for piece in _BREAKS.split(text):
        if not piece:
            continue
        if piece == "\t":
            out.append("<text:tab/>")
            previous_break = True
        elif piece == "\n":
            out.append("<text:line-break/>")
            previous_break = True
        elif len(piece) > 1 and not piece.strip(" "):  # a run of spaces
            count = len(piece) if previous_break else len(piece) - 1
            if not previous_break:
                out.append(" ")
            out.append("<text:s/>" if count == 1 else f'<text:s text:c="{count}"/>')
            previous_break = False
        else:
            if previous_break and piece.startswith(" "):  # a lone space after a break
                out.append("<text:s/>")
                piece = piece[1:]
            out.append(piece)
            previous_break = False
    return "".join(out)
