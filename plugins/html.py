"""The HTML renderer: one standalone HTML5 page, in French, with no external resource.

Each addition is an ``<ins>`` set in bold (browsers only underline ``<ins>``), each deletion a
``<del>`` struck through; inside each, a visually hidden label « [ajout] » / « [suppression] »
(class ``sr-only``) tells screen-reader users what the mark means; a moved block opens with a
visible label (class ``move-label``, « [déplacé : auparavant …] »). Every text is escaped.

Printed (or saved as PDF by a browser), the page is A4 with « Page N sur M » at its foot and
matches the ODT: the same serif at 12 pt, the same margins, additions bold, deletions struck
through in black, moved alinéas labelled in italic and marked in the margin.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from html import escape
from types import MappingProxyType
from typing import BinaryIO, ClassVar, assert_never

from amendtrack.model import BlockKind, BlockOpKind, Mark
from amendtrack.rendering import (
    API_VERSION,
    Change,
    Elision,
    RenderBlock,
    RenderJob,
    Run,
    View,
    ViewItem,
    change_summary,
    check_view,
    compose_act,
    compose_document,
    elision_text,
    move_label,
    segments,
    view_items,
)
from amendtrack.translation import N_

ADDED_LABEL = "[ajout] "
DELETED_LABEL = "[suppression] "

STYLESHEET = """
:root { color-scheme: light; }
body { font-family: "Liberation Serif", "Times New Roman", serif; line-height: 1.5;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #111; background: #fff; }
ins { font-weight: 700; text-decoration: none; }
del { text-decoration: line-through; color: #8b1a1a; }
.diff ins { text-decoration: underline; background: #e6f4ea; color: #0b5323; }
.diff del { background: #fbe9e9; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
           overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.elision { color: #555; font-style: italic; }
.summary { border-top: 1px solid #999; padding-top: .5rem; color: #333; }
.act-header, .act-title { text-align: left; }
.block-inserted { border-left: 3px solid #0b5323; padding-left: .5rem; }
.block-deleted { border-left: 3px solid #8b1a1a; padding-left: .5rem; }
.block-moved { border-left: 3px dashed #555; padding-left: .5rem; }
.move-label { font-style: italic; color: #444; }
p { white-space: pre-wrap; margin: 0 0 1em; }
li p { margin: 0; }
@page { size: A4; margin: 2cm;
        @bottom-center { content: "Page " counter(page) " sur " counter(pages);
                         font-family: "Liberation Serif", "Times New Roman", serif;
                         font-size: 9pt; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 12pt; line-height: 1.15; }
  p { margin: 0 0 6pt; widows: 2; orphans: 2; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  ins { font-weight: 700; text-decoration: none; color: #000; }
  del { text-decoration: line-through; text-decoration-color: #000; color: #000; }
  .diff ins { text-decoration: underline; background: none; }
  .diff del { background: none; }
  .move-label { font-style: italic; color: #000; }
  .elision, .summary { color: #000; }
  .block-inserted, .block-deleted { border-left: none; padding-left: 0; }
  .block-moved { border-left: 1px dashed #000; padding-left: .5rem; }
}
"""

_MARK_TAGS = ((Mark.SUPERSCRIPT, "sup"), (Mark.SUBSCRIPT, "sub"), (Mark.UNDERLINE, "u"),
              (Mark.STRIKE, "s"), (Mark.ITALIC, "em"), (Mark.BOLD, "strong"))
_BLOCK_CLASS = {BlockOpKind.INSERT: "block-inserted", BlockOpKind.DELETE: "block-deleted",
                BlockOpKind.MOVE: "block-moved"}


def _text(text: str) -> str:
    return escape(text, quote=False).replace("\n", "<br>")


def _run_html(run: Run, inside: Change) -> str:
    html = _text(run.text)
    if not run.marks:
        return html
    for mark, tag in _MARK_TAGS:
        if mark is Mark.BOLD and inside is Change.ADDED:
            continue  # an addition is bold already
        if mark in run.marks:
            html = f"<{tag}>{html}</{tag}>"
    return html


def inline_html(runs: Iterable[Run]) -> str:
    """Runs as HTML: additions in ``<ins>``, deletions in ``<del>``, with their labels."""
    out: list[str] = []
    previous: Change | None = None
    for change, group in segments(runs):
        inner = "".join(_run_html(run, change) for run in group)
        if {previous, change} == {Change.ADDED, Change.DELETED}:
            out.append(" ")  # <del>old</del> <ins>new</ins> read as two words
        previous = change
        match change:
            case Change.SAME:
                out.append(inner)
            case Change.ALTERED:
                out.append(f'<span class="altered">{inner}</span>')
            case Change.ADDED:
                out.append(f'<ins><span class="sr-only">{ADDED_LABEL}</span>{inner}</ins>')
            case Change.DELETED:
                out.append(f'<del><span class="sr-only">{DELETED_LABEL}</span>{inner}</del>')
            case _ as unreachable:
                assert_never(unreachable)
    return "".join(out)


def _block_html(block: RenderBlock, css: str = "") -> str:
    classes = " ".join(c for c in (_BLOCK_CLASS.get(block.change, ""), css) if c)
    attribute = f' class="{classes}"' if classes else ""
    content = inline_html(block.runs)
    label = move_label(block)
    if label:
        content = f'<span class="move-label">{_text(label)}</span> ' + content
    match block.kind:
        case BlockKind.HEADING:
            level = min((block.level or 1) + 1, 6)
            return f"<h{level}{attribute}>{content}</h{level}>"
        case BlockKind.ITEM:
            return f"<li{attribute}><p>{content}</p></li>"
        case (BlockKind.PARAGRAPH | BlockKind.VISA | BlockKind.CONSIDERANT | BlockKind.DECISION
              | BlockKind.ARTICLE | BlockKind.ANNEX | BlockKind.VOTE | BlockKind.SIGNATURE):
            kind_class = f"{classes} {block.kind.value}".strip()
            return f'<p class="{kind_class}">{content}</p>'
        case _ as unreachable:
            assert_never(unreachable)


def _body(items: Iterable[tuple[ViewItem, str]]) -> Iterator[str]:
    open_list: str | None = None
    for item, css in items:
        list_id = item.list_id if isinstance(item, RenderBlock) and (
            item.kind is BlockKind.ITEM) else None
        if open_list is not None and list_id != open_list:
            yield "</ul>"
            open_list = None
        if list_id is not None and open_list is None:
            yield "<ul>"
            open_list = list_id
        if isinstance(item, Elision):
            yield f'<p class="elision">{_text(elision_text(item.count))}</p>'
        else:
            yield _block_html(item, css)
    if open_list is not None:
        yield "</ul>"


def page(title: str, body: Iterable[str], css_class: str) -> str:
    """A complete HTML5 page around body fragments."""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="amendtrack">',
        f"<title>{_text(title)}</title>",
        f"<style>{STYLESHEET}</style>",
        "</head>",
        f'<body class="{css_class}">',
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
        "",
    ])


class HtmlRenderer:
    """A standalone HTML5 page."""

    name: ClassVar[str] = "html"
    description: ClassVar[str] = N_("standalone HTML5 page: <ins> in bold, <del> struck through")
    media_type: ClassVar[str] = "text/html"
    extensions: ClassVar[tuple[str, ...]] = ("html", "htm")
    options: ClassVar[Mapping[str, str]] = MappingProxyType({
        "title": N_("the page title (default: the objet of the deliberation)"),
    })
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT, View.DOCUMENT)
    api_version: ClassVar[int] = API_VERSION

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the page."""
        check_view(self, job)
        match job.view:
            case View.ACT:
                from amendtrack.rendering.act import ActRole  # off the diff's path

                act = compose_act(job)
                roles = {ActRole.HEADER: "act-header", ActRole.TITLE: "act-title",
                         ActRole.EXPOSE: "act-expose"}
                items = [(part.block, roles.get(part.role, "")) for part in act.blocks]
                text = page(job.option("title", act.title), _body(items), "act")
            case View.DOCUMENT:
                from amendtrack.rendering.act import ActRole

                document = compose_document(job)
                items = [(part.block, "act-header" if part.role is ActRole.HEADER else "")
                         for part in document.blocks]
                text = page(job.option("title", document.title), _body(items), "document")
            case View.DIFF:
                title = job.option("title", f"{job.new.metadata.objet} — modifications")
                summary = change_summary(job.amendment)
                body = [
                    f"<h1>{_text(title)}</h1>",
                    *_body((item, "") for item in view_items(job)),
                    f'<p class="summary">Résumé : {_text(summary)}</p>',
                ]
                text = page(title, body, "diff")
            case _ as unreachable:
                assert_never(unreachable)
        stream.write(text.encode("utf-8"))
