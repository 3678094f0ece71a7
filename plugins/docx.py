"""The DOCX renderer (python-docx): a Microsoft Word document.

Additions carry the character style « Ajout » (bold), deletions « Suppression » (struck
through), the label of a moved block « Déplacement » (italic): a house style changes them in
one place in Word's style list. Lists are real Word lists (one numbering instance each),
superscripts are superscripts, tabs, line breaks and runs of spaces are kept. Pages are A4 with
« Page N sur M » at their foot. With ``-O tracked_changes=true`` the changes are native Word
tracked changes (``w:ins``/``w:del``) instead, to accept or reject one by one; insertions keep
the style « Ajout », so accepting every change leaves the additions bold, and deletions are
always included, so rejecting every change gives back OLD.

The file is deterministic: fixed dates in the properties, the tracked changes and the zip
entries, and a fixed member order. The versions' hashes and amendtrack's version are in the
document properties (keywords).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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

from .docx_package import (
    ADDED_STYLE,
    BODY_STYLE,
    DELETED_STYLE,
    LIST_STYLE,
    MOVED_STYLE,
    element,
    new_list,
    package,
    prepare,
    qualified,
    set_properties,
)

AUTHOR = "amendtrack"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_FONT_MARKS = (
    (Mark.BOLD, "bold"), (Mark.ITALIC, "italic"), (Mark.UNDERLINE, "underline"),
    (Mark.STRIKE, "strike"), (Mark.SUPERSCRIPT, "superscript"), (Mark.SUBSCRIPT, "subscript"),
)


class DocxRenderer:
    """A Word document (.docx)."""

    name: ClassVar[str] = "docx"
    description: ClassVar[str] = N_("Word document: styles « Ajout » and « Suppression »")
    media_type: ClassVar[str] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    extensions: ClassVar[tuple[str, ...]] = ("docx",)
    options: ClassVar[Mapping[str, str]] = MappingProxyType({
        "tracked_changes": N_("true/false: write native Word tracked changes (default false)"),
    })
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT, View.DOCUMENT)
    api_version: ClassVar[int] = API_VERSION

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the document."""
        check_view(self, job)
        stream.write(_Writer(job, tracked=job.flag("tracked_changes", False)).build())


class _Writer:
    def __init__(self, job: RenderJob, tracked: bool) -> None:
        import docx

        if tracked and job.deletions is Deletions.HIDE:
            # Tracked changes need every deletion, or rejecting them would not give OLD.
            from dataclasses import replace

            job = replace(job, deletions=Deletions.SHOW)
        self.job = job
        self.tracked = tracked and job.view is not View.DOCUMENT
        self.document: Any = docx.Document()
        self.changes = 0
        self.list_number: tuple[str | None, str] | None = None

    def build(self) -> bytes:
        body = self.document.element.body
        for paragraph in list(body.iterchildren(qualified("w:p"))):
            body.remove(paragraph)  # the template's empty paragraph
        prepare(self.document)
        items, title = drawn_items(self.job)
        for item in items:
            self._item(item)
        if self.job.view is View.DIFF:
            self._paragraph([Run(f"Résumé : {change_summary(self.job.amendment)}",
                                 frozenset(), Change.SAME)])
        set_properties(self.document, title, self.job.new.info.date,
                       document_keywords(self.job), title)
        return package(self.document)

    # --- blocks -------------------------------------------------------------------------------

    def _item(self, item: ViewItem) -> None:
        if isinstance(item, Elision):
            self.list_number = None
            self._paragraph([Run(elision_text(item.count), frozenset({Mark.ITALIC}),
                                 Change.SAME)])
            return
        paragraph = self._paragraph_for(item)
        label = move_label(item, self.job)
        if label:
            self._run(paragraph, label, frozenset(), MOVED_STYLE)
            self._run(paragraph, " ", frozenset(), None)
        self._inline(paragraph, item.runs, item.change)
        if self.tracked and item.change in (BlockOpKind.INSERT, BlockOpKind.DELETE):
            kind = "w:ins" if item.change is BlockOpKind.INSERT else "w:del"
            mark = paragraph._p.get_or_add_pPr()
            properties = mark.find(qualified("w:rPr"))
            if properties is None:
                properties = element("w:rPr")
                mark.append(properties)
            properties.append(self._change(kind))

    def _paragraph_for(self, block: RenderBlock) -> Any:
        if block.kind is BlockKind.HEADING:
            self.list_number = None
            level = min(block.level or 1, 9)
            return self.document.add_paragraph(style=f"Heading {level}")
        if block.kind is not BlockKind.ITEM:
            self.list_number = None
            return self.document.add_paragraph(style=BODY_STYLE)
        if self.list_number is None or self.list_number[0] != block.list_id:
            self.list_number = (block.list_id, new_list(self.document))
        paragraph = self.document.add_paragraph(style=LIST_STYLE)
        numbering = element("w:numPr")
        numbering.append(element("w:ilvl", val="0"))
        numbering.append(element("w:numId", val=self.list_number[1]))
        paragraph._p.get_or_add_pPr().append(numbering)
        return paragraph

    def _paragraph(self, runs: Iterable[Run]) -> None:
        self.list_number = None
        paragraph = self.document.add_paragraph(style=BODY_STYLE)
        self._inline(paragraph, tuple(runs), BlockOpKind.KEEP)

    # --- runs ---------------------------------------------------------------------------------

    def _inline(self, paragraph: Any, runs: tuple[Run, ...], change: BlockOpKind) -> None:
        previous: Change | None = None
        for kind, group in segments(runs):
            if not self.tracked and {previous, kind} == {Change.ADDED, Change.DELETED}:
                self._run(paragraph, " ", frozenset(), None)  # struck and bold words apart
            previous = kind
            match kind:
                case Change.SAME | Change.ALTERED:
                    for run in group:
                        self._run(paragraph, run.text, run.marks, None)
                case Change.ADDED | Change.DELETED if self.tracked:
                    self._tracked(paragraph, group, kind is Change.ADDED)
                case Change.ADDED | Change.DELETED:
                    style = ADDED_STYLE if kind is Change.ADDED else DELETED_STYLE
                    for run in group:
                        self._run(paragraph, run.text, run.marks, style)
                case _ as unreachable:
                    assert_never(unreachable)

    def _tracked(self, paragraph: Any, group: Iterable[Run], inserted: bool) -> None:
        """Runs inside one ``w:ins`` (style « Ajout ») or ``w:del`` (``w:delText``)."""
        wrapper = self._change("w:ins" if inserted else "w:del")
        for run in group:
            made = self._run(paragraph, run.text, run.marks, ADDED_STYLE if inserted else None)
            if not inserted:
                for text in made._r.iterchildren(qualified("w:t")):
                    text.tag = qualified("w:delText")
            wrapper.append(made._r)  # moves the run into the change
        paragraph._p.append(wrapper)

    def _run(self, paragraph: Any, text: str, marks: frozenset[Mark], style: str | None) -> Any:
        run = paragraph.add_run(text, style=None)
        if style is not None:
            run.element.get_or_add_rPr().insert(0, element("w:rStyle", val=style))
        for mark, attribute in _FONT_MARKS:
            if mark in marks:
                setattr(run.font, attribute, True)
        for piece in run._r.iterchildren(qualified("w:t")):
            piece.set(_XML_SPACE, "preserve")  # runs of spaces, as written
        return run

    def _change(self, tag: str) -> Any:
        self.changes += 1
        return element(tag, id=str(self.changes), author=AUTHOR,
                       date=f"{self.job.new.info.date}T00:00:00Z")
