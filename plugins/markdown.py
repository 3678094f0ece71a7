"""The markdown renderer: additions in ``**…**``, deletions in ``~~…~~``, text escaped.

Superscripts and subscripts are written as ``<sup>``/``<sub>`` (CommonMark allows inline HTML),
line breaks inside a paragraph as two spaces and a newline, list items as ``- ``; a moved
block opens with its label in italics.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import BinaryIO, ClassVar, assert_never

from amendtrack.model import BlockKind, Mark
from amendtrack.rendering import (
    API_VERSION,
    Change,
    Elision,
    RenderBlock,
    RenderJob,
    Run,
    View,
    change_summary,
    check_view,
    compose_act,
    compose_document,
    elision_text,
    move_label,
    segments,
    split_lines,
    view_items,
)
from amendtrack.translation import N_

# Characters that can start markup anywhere in a line. Parentheses, dots and quotes are
# left alone: they only matter next to brackets or at the start of a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>~|&])")
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)])(?=\s|$)")
_HTML_MARKS = ((Mark.SUPERSCRIPT, "sup"), (Mark.SUBSCRIPT, "sub"), (Mark.UNDERLINE, "u"),
               (Mark.STRIKE, "s"))


def escape(text: str) -> str:
    """Escape the characters Markdown would read as markup."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _escape_line_start(line: str) -> str:
    # A line that starts like a heading, a list item or a quote is escaped there only.
    found = _LINE_START.match(line)
    if not found:
        return line
    lead, marker = found.group(1), found.group(2)
    escaped = marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker
    return lead + escaped + line[found.end():]


def _run_markup(run: Run, inside: Change) -> str:
    text = escape(run.text)
    for mark, tag in _HTML_MARKS:
        if mark in run.marks:
            text = f"<{tag}>{text}</{tag}>"
    emphasis = ""
    if Mark.ITALIC in run.marks:
        emphasis += "*"
    # Bold inside an addition is already bold; strike inside a deletion already struck.
    if Mark.BOLD in run.marks and inside is not Change.ADDED:
        emphasis = "**" + emphasis
    if not emphasis:
        return text
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{emphasis}{core}{emphasis[::-1]}{trail}"


def render_line(runs: Iterable[Run]) -> str:
    """One line of runs as Markdown."""
    out: list[str] = []
    previous: Change | None = None
    for change, group in segments(runs):
        inner = "".join(_run_markup(run, change) for run in group)
        if {previous, change} == {Change.ADDED, Change.DELETED}:
            out.append(" ")  # ~~old~~ **new**, as wdiff separates them
        previous = change
        match change:
            case Change.SAME | Change.ALTERED:
                out.append(inner)
            case Change.ADDED:
                out.append(f"**{inner}**")
            case Change.DELETED:
                out.append(f"~~{inner}~~")
            case _ as unreachable:
                assert_never(unreachable)
    return _escape_line_start("".join(out))


def render_block(block: RenderBlock) -> str:
    """A block as Markdown (without the blank line that separates blocks); a moved block opens
    with its label in italics (« *[déplacé : auparavant …]* »)."""
    text = "  \n".join(render_line(line) for line in split_lines(block.runs))
    label = move_label(block)
    if label:
        text = f"*{escape(label)}* {text}"
    match block.kind:
        case BlockKind.HEADING:
            return "#" * min(block.level or 1, 6) + " " + text
        case BlockKind.ITEM:
            return "- " + text.replace("\n", "\n  ")
        case (BlockKind.PARAGRAPH | BlockKind.VISA | BlockKind.CONSIDERANT | BlockKind.DECISION
              | BlockKind.ARTICLE | BlockKind.ANNEX | BlockKind.VOTE | BlockKind.SIGNATURE):
            return text
        case _ as unreachable:
            assert_never(unreachable)


def _join(blocks: Iterable[RenderBlock | str]) -> str:
    out: list[str] = []
    previous: RenderBlock | None = None
    for item in blocks:
        if isinstance(item, str):
            out.append("\n\n" + item if out else item)
            previous = None
            continue
        text = render_block(item)
        same_list = (previous is not None and item.kind is BlockKind.ITEM
                     and previous.kind is BlockKind.ITEM and previous.list_id == item.list_id)
        if out:
            out.append("\n" if same_list else "\n\n")
        out.append(text)
        previous = item
    return "".join(out) + "\n"


class MarkdownRenderer:
    """Markdown (CommonMark with inline HTML for superscripts)."""

    name: ClassVar[str] = "markdown"
    description: ClassVar[str] = N_("Markdown: additions **bold**, deletions ~~struck~~")
    media_type: ClassVar[str] = "text/markdown"
    extensions: ClassVar[tuple[str, ...]] = ("md", "markdown")
    options: ClassVar[Mapping[str, str]] = MappingProxyType({
        "summary": N_("true/false: end the diff with the French summary (default true)"),
    })
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT, View.DOCUMENT)
    api_version: ClassVar[int] = API_VERSION

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the diff or the act as Markdown."""
        check_view(self, job)
        items: list[RenderBlock | str] = []
        match job.view:
            case View.ACT:
                items.extend(part.block for part in compose_act(job).blocks)
            case View.DOCUMENT:
                items.extend(part.block for part in compose_document(job).blocks)
            case View.DIFF:
                for item in view_items(job):
                    if isinstance(item, Elision):
                        items.append(f"*{escape(elision_text(item.count))}*")
                    else:
                        items.append(item)
                if job.flag("summary", True):
                    items.append("---")
                    items.append(f"*Résumé : {escape(change_summary(job.amendment))}*")
            case _ as unreachable:
                assert_never(unreachable)
        stream.write(_join(items).encode("utf-8"))
