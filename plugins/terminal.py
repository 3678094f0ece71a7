"""The terminal renderer (rich): additions bold and underlined, deletions struck through.

Colour (green additions, red deletions) only when the job allows it; bold, underline and
strike stay without colour. When the output is not a terminal (a pipe, a file, TERM=dumb) the
marks become wdiff-style markers ``{+…+}`` and ``[-…-]`` so nothing is lost. A French summary
ends the diff; by default only changed paragraphs are shown, with their context. Control
characters of the document (C0 and C1 controls, CR, bidirectional overrides) are shown escaped
(``\x9b``), never sent to the terminal raw.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, BinaryIO, ClassVar, assert_never

from amendtrack.files.display import shown
from amendtrack.model import BlockKind, Mark
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

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

MARKERS = {Change.ADDED: ("{+", "+}"), Change.DELETED: ("[-", "-]")}
"""wdiff's markers, used when the output is not a terminal."""


# --- plain text with markers ------------------------------------------------------------------


def separated(runs: Iterable[Run]) -> Iterator[tuple[Change, tuple[Run, ...]]]:
    """`segments`, with a space between a deletion and the addition that replaces it.

    As wdiff does (« [-old-] {+new+} »): without it, struck and bold words would touch.
    """
    previous: Change | None = None
    for change, group in segments(runs):
        if previous in MARKERS and change in MARKERS and previous is not change:
            yield Change.SAME, (Run(" ", frozenset(), Change.SAME),)
        yield change, group
        previous = change


def safe(text: str) -> str:
    """A document's text with its control characters escaped (``\\x1b``): a document must
    never drive the terminal. Newlines and tabs stay."""
    return shown(text, "\n\t")


def marked_text(runs: Iterable[Run]) -> str:
    """Runs as plain text with wdiff markers around additions and deletions."""
    out: list[str] = []
    for change, group in separated(runs):
        text = safe("".join(run.text for run in group))
        match change:
            case Change.SAME | Change.ALTERED:
                out.append(text)
            case Change.ADDED | Change.DELETED:
                start, end = MARKERS[change]
                out.append(f"{start}{text}{end}")
            case _ as unreachable:
                assert_never(unreachable)
    return "".join(out)


def _prefix(block: RenderBlock) -> str:
    label = move_label(block)
    return _kind_prefix(block) + (f"{label} " if label else "")


def _kind_prefix(block: RenderBlock) -> str:
    match block.kind:
        case BlockKind.ITEM:
            return "- "
        case BlockKind.HEADING:
            return "#" * (block.level or 1) + " "
        case (BlockKind.PARAGRAPH | BlockKind.VISA | BlockKind.CONSIDERANT | BlockKind.DECISION
              | BlockKind.ARTICLE | BlockKind.ANNEX | BlockKind.VOTE | BlockKind.SIGNATURE):
            return ""
        case _ as unreachable:
            assert_never(unreachable)


def _plain(items: Iterable[ViewItem], summary: str | None) -> str:
    parts: list[str] = []
    for item in items:
        if isinstance(item, Elision):
            parts.append(elision_text(item.count))
        else:
            parts.append(_prefix(item) + marked_text(item.runs))
    if summary is not None:
        parts.append(safe(f"Résumé : {summary}"))
    return "\n\n".join(parts) + "\n"


# --- rich -------------------------------------------------------------------------------------


def _styles(color: bool) -> dict[Change, str]:
    if color:
        return {Change.ADDED: "bold underline green", Change.DELETED: "strike red",
                Change.ALTERED: "", Change.SAME: ""}
    return {Change.ADDED: "bold underline", Change.DELETED: "strike",
            Change.ALTERED: "", Change.SAME: ""}


def _mark_style(marks: frozenset[Mark]) -> str:
    names = {Mark.BOLD: "bold", Mark.ITALIC: "italic", Mark.UNDERLINE: "underline",
             Mark.STRIKE: "strike"}
    return " ".join(names[mark] for mark in sorted(marks) if mark in names)


def rich_text(block: RenderBlock, color: bool) -> Text:
    """A block as rich Text with the styles of additions and deletions."""
    from rich.text import Text

    styles = _styles(color)
    text = Text(_prefix(block))
    for change, group in separated(block.runs):
        for run in group:
            style = " ".join(s for s in (_mark_style(run.marks), styles[change]) if s)
            text.append(safe(run.text), style=style or None)
    return text


def render_console(job: RenderJob, console: Console) -> None:
    """Print the job on a rich console (tests pass a recording console)."""
    from rich.text import Text

    items = _items(job)
    if job.side_by_side and job.view is View.DIFF:
        _side_by_side(items, console, lambda block: rich_text(block, job.color))
    else:
        for index, item in enumerate(items):
            if index:
                console.print()
            if isinstance(item, Elision):
                console.print(Text(elision_text(item.count), style="dim"))
            else:
                console.print(rich_text(item, job.color))
    if job.view is View.DIFF:
        console.print()
        console.print(Text(safe(f"Résumé : {change_summary(job.amendment)}"), style="bold"))


def _side_by_side(items: list[ViewItem], console: Console,
                  cell: Callable[[RenderBlock], Text]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("Avant")
    table.add_column("Après")
    for item in items:
        if isinstance(item, Elision):
            note = Text(elision_text(item.count), style="dim")
            table.add_row(note, note)
            continue
        before = RenderBlock(item.kind, item.change, tuple(
            r for r in item.runs if r.change is not Change.ADDED), item.level, item.list_id)
        after = RenderBlock(item.kind, item.change, tuple(
            r for r in item.runs if r.change is not Change.DELETED), item.level, item.list_id)
        table.add_row(cell(before), cell(after))
    console.print(table)


def _escaped(job: RenderJob) -> str:
    # The escape sequences come from rich's styles, but the layout is left to the terminal:
    # rich's line wrapping costs seconds on a whole code, the terminal wraps for free.
    from rich.color import ColorSystem
    from rich.style import Style

    # Colours are left out by the styles themselves (see _styles), so bold, underline and
    # strike still come out without colour.
    system = ColorSystem.STANDARD
    cache: dict[str, Style] = {}

    def styled(text: str, style: str) -> str:
        if not style:
            return text
        if style not in cache:
            cache[style] = Style.parse(style)
        # Each line separately: a style must not run over the newline into the next line.
        return "\n".join(cache[style].render(line, color_system=system) if line else line
                         for line in text.split("\n"))

    parts: list[str] = []
    for item in _items(job):
        if isinstance(item, Elision):
            parts.append(styled(elision_text(item.count), "dim"))
            continue
        styles = _styles(job.color)
        line = [_prefix(item)]
        for change, group in separated(item.runs):
            for run in group:
                line.append(styled(safe(run.text), " ".join(
                    s for s in (_mark_style(run.marks), styles[change]) if s)))
        parts.append("".join(line))
    if job.view is View.DIFF:
        parts.append(styled(safe(f"Résumé : {change_summary(job.amendment)}"), "bold"))
    return "\n\n".join(parts) + "\n"


def _items(job: RenderJob) -> list[ViewItem]:
    match job.view:
        case View.ACT:
            return [part.block for part in compose_act(job).blocks]
        case View.DOCUMENT:
            return [part.block for part in compose_document(job).blocks]
        case View.DIFF:
            return list(view_items(job))
        case _ as unreachable:
            assert_never(unreachable)


class TerminalRenderer:
    """Text for a terminal (rich), or wdiff-style markers when the output is not a terminal."""

    name: ClassVar[str] = "terminal"
    description: ClassVar[str] = "terminal: additions bold+underlined, deletions struck (rich)"
    media_type: ClassVar[str] = "text/plain"
    extensions: ClassVar[tuple[str, ...]] = ("txt",)
    options: ClassVar[Mapping[str, str]] = MappingProxyType({
        "markers": "true/false: force wdiff markers {+…+} [-…-] (default: when not a terminal)",
    })
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT, View.DOCUMENT)
    api_version: ClassVar[int] = API_VERSION

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write escape sequences for a terminal, or plain text with markers."""
        check_view(self, job)
        if job.flag("markers", not job.interactive):
            stream.write(self._marked(job).encode("utf-8"))
            return
        if not job.side_by_side or job.view is View.ACT:
            stream.write(_escaped(job).encode("utf-8"))
            return
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=True, width=max(job.width, 20),
                          color_system="standard", no_color=not job.color, highlight=False,
                          emoji=False, markup=False, legacy_windows=False, _environ={})
        render_console(job, console)
        stream.write(buffer.getvalue().encode("utf-8"))

    def _marked(self, job: RenderJob) -> str:
        summary = change_summary(job.amendment) if job.view is View.DIFF else None
        if job.side_by_side and job.view is View.DIFF:
            from rich.console import Console

            buffer = io.StringIO()
            console = Console(file=buffer, force_terminal=False, width=max(job.width, 20),
                              color_system=None, highlight=False, emoji=False, markup=False,
                              _environ={})
            from rich.text import Text

            _side_by_side(_items(job), console,
                          lambda block: Text(_prefix(block) + marked_text(block.runs)))
            console.print(safe(f"Résumé : {summary}"))
            return buffer.getvalue()
        return _plain(_items(job), summary)
