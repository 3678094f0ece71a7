"""The ODT renderer (odfdo): a LibreOffice Writer document.

Additions carry the named character style « Ajout » (bold) and deletions « Suppression »
(struck through), the label of a moved block « Déplacement » (italic): staff find them in
Writer's style list and can restyle them for a house style. Lists are real ODF lists; runs of
spaces, tabs and line breaks are kept (``text:s``, ``text:tab``, ``text:line-break``). With
``-O tracked_changes=true`` the changes are written as native ODF tracked changes instead, to
accept or reject one by one in Writer (deletions are then always included, so rejecting every
change gives back OLD).

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
    compose_act,
    elision_text,
    move_label,
    segments,
    view_items,
)

from .odf_package import repack

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
_SPACES = re.compile(r"( {2,}|\t|\n| )")


class OdtRenderer:
    """An OpenDocument text (.odt) for LibreOffice Writer."""

    name: ClassVar[str] = "odt"
    description: ClassVar[str] = "LibreOffice Writer document: styles « Ajout » and « Suppression »"
    media_type: ClassVar[str] = "application/vnd.oasis.opendocument.text"
    extensions: ClassVar[tuple[str, ...]] = ("odt",)
    options: ClassVar[Mapping[str, str]] = MappingProxyType({
        "tracked_changes": "true/false: write native ODF tracked changes (default false)",
    })
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT)
    api_version: ClassVar[int] = API_VERSION

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the document."""
        check_view(self, job)
        writer = _Writer(job, tracked=job.flag("tracked_changes", False))
        stream.write(writer.build())


class _Writer:
    def __init__(self, job: RenderJob, tracked: bool) -> None:
        import odfdo

        self.odfdo: Any = odfdo
        self.job = job
        self.tracked = tracked
        self.document: Any = odfdo.Document("text")
        self.mark_styles: dict[frozenset[Mark], str] = {}
        self.changes: list[Any] = []
        self.pending_deletions: list[RenderBlock] = []

    def build(self) -> bytes:
        body = self.document.body
        body.clear()
        for style in _COMMON_STYLES:
            self.document.insert_style(style)
        title = self._fill(body)
        if self.changes:
            tracked = self.odfdo.Element.from_tag("text:tracked-changes")
            for region in self.changes:
                tracked.append(region)
            body.insert(tracked, position=0)
        self._meta(title)
        return repack(self.document)

    # --- content ------------------------------------------------------------------------------

    def _fill(self, body: Any) -> str:
        items, title = self._items()
        self._append(body, items)
        if self.pending_deletions:
            last = body.get_paragraphs()[-1] if body.get_paragraphs() else None
            if last is None:
                last = self.odfdo.Paragraph()
                body.append(last)
            last.append(self.odfdo.Element.from_tag(
                f"<text:span>{self._deletion_mark(self.pending_deletions, at_end=True)}"
                "</text:span>"))
            self.pending_deletions = []
        if self.job.view is View.DIFF:
            summary = change_summary(self.job.amendment)
            body.append(self._paragraph([Run(f"Résumé : {summary}", frozenset(), Change.SAME)]))
        return title

    def _items(self) -> tuple[list[ViewItem], str]:
        """What to draw, and the document's title."""
        job = self.job
        if self.tracked and job.deletions is Deletions.HIDE:
            # Tracked changes need every deletion, or rejecting them would not give OLD.
            job = self.job = replace(job, deletions=Deletions.SHOW)
        match job.view:
            case View.ACT:
                act = compose_act(job)
                return [part.block for part in act.blocks], act.title
            case View.DIFF:
                return list(view_items(job)), f"{job.new.metadata.objet} — modifications"
            case _ as unreachable:
                assert_never(unreachable)

    def _append(self, body: Any, items: list[ViewItem]) -> None:
        current_list: tuple[str | None, Any] | None = None
        for item in items:
            if isinstance(item, Elision):
                current_list = None
                body.append(self._paragraph([Run(elision_text(item.count), frozenset({
                    Mark.ITALIC}), Change.SAME)]))
                continue
            if self.tracked and item.change is BlockOpKind.DELETE:
                self.pending_deletions.append(item)
                continue
            element = self._block(item)
            if item.kind is BlockKind.ITEM:
                if current_list is None or current_list[0] != item.list_id:
                    odf_list = self.odfdo.List(style=LIST_STYLE)
                    body.append(odf_list)
                    current_list = (item.list_id, odf_list)
                list_item = self.odfdo.ListItem()
                list_item.append(element)
                current_list[1].append(list_item)
            else:
                current_list = None
                body.append(element)

    def _block(self, block: RenderBlock) -> Any:
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
            return self.odfdo.Element.from_tag(
                f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                f"{content}</text:h>")
        return self.odfdo.Element.from_tag(f"<text:p {_BODY_STYLE}>{content}</text:p>")

    def _paragraph(self, runs: Iterable[Run], change: BlockOpKind = BlockOpKind.KEEP) -> Any:
        content = self._inline(runs, change)
        return self.odfdo.Element.from_tag(f"<text:p {_BODY_STYLE}>{content}</text:p>")

    # Inline content is built as XML text and parsed once per paragraph: odfdo's own
    # append() re-scans the whole paragraph for spaces on every call (minutes on a code).

    def _inline(self, runs: Iterable[Run], change: BlockOpKind) -> str:
        runs = tuple(runs)
        if self.tracked and change is BlockOpKind.INSERT:
            region = self._region("text:insertion")
            return (_mark("text:change-start", region) + self._plain_runs(runs, True)
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
                               + self._plain_runs(group, at_start)
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
        self.changes.append(self.odfdo.Element.from_tag(
            f'<text:changed-region text:id="{identifier}" xml:id="{identifier}"><{kind}>'
            f"<office:change-info><dc:creator>{AUTHOR}</dc:creator>"
            f"<dc:date>{self._date()}</dc:date></office:change-info>{content}</{kind}>"
            "</text:changed-region>"))
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
        meta.set_language("fr-FR")
        meta.set_generator("amendtrack")
        meta.set_editing_cycles(1)
        meta.set_initial_creator(AUTHOR)


def _mark(tag: str, identifier: str) -> str:
    return f'<{tag} text:change-id="{identifier}"/>'


def odf_text(text: str, at_start: bool) -> str:
    """Escaped ODF text with runs of spaces, tabs and line breaks as elements.

    ODF collapses white space like HTML: a run of spaces keeps its first space and writes
    the others as ``text:s``; a space at the start of a paragraph or after a tab or a line
    break is a ``text:s`` too.
    """
    out: list[str] = []
    previous_break = at_start
    for piece in _SPACES.split(text):
        if not piece:
            continue
        if piece == "\t":
            out.append("<text:tab/>")
            previous_break = True
        elif piece == "\n":
            out.append("<text:line-break/>")
            previous_break = True
        elif piece.startswith(" "):
            count = len(piece) if previous_break else len(piece) - 1
            if not previous_break:
                out.append(" ")
            if count:
                out.append("<text:s/>" if count == 1 else f'<text:s text:c="{count}"/>')
            previous_break = False
        else:
            out.append(escape(piece, quote=False))
            previous_break = False
    return "".join(out)
