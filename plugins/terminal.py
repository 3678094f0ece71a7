"""The terminal renderer: additions bold and underlined, deletions struck through, lines wrapped.

On a terminal, additions are green, bold and underlined, deletions red and struck through.
Without colour (``--no-color``, ``NO_COLOR``) bold, underline and strike stay and wdiff-style
markers ``{+…+}`` and ``[-…-]`` come around the changes too, so that a terminal that cannot
strike still shows a deletion. When the output is not a terminal (a pipe, a file, TERM=dumb) the
text is plain, with the markers, and lines are left whole (as git leaves them); on a terminal
they are wrapped at its width between words, the lines of a list item (« 1° », « a) », « — »)
hanging under its text. A moved alinéa is labelled (« ⇢ [déplacé : auparavant …] »), a
superscript shown as one (« 1ᵉʳ », or « 1^(…) » when Unicode has no such letters), and a stretch
of unchanged paragraphs is elided only when that saves lines. A French summary ends the diff.
Control characters of the document (C0 and C1 controls, CR, bidirectional overrides) are shown
escaped (``\\x9b``), never sent to the terminal raw.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, BinaryIO, ClassVar, assert_never

from amendtrack.errors import UsageError
from amendtrack.files.display import shown
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
    render_block,
    segments,
    view_items,
)
from amendtrack.rendering.wrapping import Fragment, hanging_indent, wrap

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

MARKERS = {Change.ADDED: ("{+", "+}"), Change.DELETED: ("[-", "-]")}
"""wdiff's markers, used when the output is not a terminal or has no colour."""

MOVE_SIGN = "⇢"
"""Opens the label of a moved block."""

SUPERSCRIPTS = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW",
                         "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ",
                         strict=True))
"""The letters and signs Unicode has in superscript."""
SUBSCRIPTS = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
                       strict=True))
"""The letters and signs Unicode has in subscript."""


@dataclass(frozen=True, slots=True)
class Look:
    """How a job is drawn: escape sequences or plain text, markers, colour, the width."""

    escapes: bool
    """Bold, underline and strike as escape sequences (a terminal, or ``-O markers=false``)."""
    markers: bool
    """wdiff markers around additions and deletions."""
    color: bool
    """Colours in the escape sequences."""
    width: int | None
    """Wrap lines at this many cells; None: lines left whole."""


def look(job: RenderJob) -> Look:
    """The look of `job`: its terminal, its colour, and the ``-O markers`` and ``-O width``."""
    escapes = job.interactive or not job.flag("markers", True)
    markers = job.flag("markers", not (escapes and job.color))
    width: int | None = job.width if job.wrap else None
    asked = job.option("width", "")
    if asked:
        if not asked.isdigit():
            raise UsageError(f"-O width takes a number of columns, not {asked!r}")
        width = int(asked) or None
    return Look(escapes, markers, escapes and job.color, width)


# --- the text of runs ---------------------------------------------------------------------------


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


def lifted(text: str, table: Mapping[str, str], sign: str) -> str:
    """A superscript (or subscript) in Unicode's small letters (« ᵉʳ »), or after `sign` when
    Unicode has not all of them (« ^(bis) »: « ^ » alone before a single letter)."""
    if all(char in table for char in text):
        return "".join(table[char] for char in text)
    return f"{sign}{text}" if len(text) == 1 else f"{sign}({text})"


def run_text(run: Run) -> str:
    """The text a terminal shows for a run: control characters escaped, superscripts lifted."""
    text = safe(run.text)
    if Mark.SUPERSCRIPT in run.marks and text.strip():
        return lifted(text, SUPERSCRIPTS, "^")
    if Mark.SUBSCRIPT in run.marks and text.strip():
        return lifted(text, SUBSCRIPTS, "_")
    return text


def marked_text(runs: Iterable[Run]) -> str:
    """Runs as plain text with wdiff markers around additions and deletions."""
    plain = Look(escapes=False, markers=True, color=False, width=None)
    return "".join(text for text, _style in _run_fragments(runs, plain))


_ATTRIBUTES = {Mark.BOLD: "1", Mark.ITALIC: "3", Mark.UNDERLINE: "4", Mark.STRIKE: "9"}
_CHANGES = {Change.ADDED: (("1", "4"), "32"), Change.DELETED: (("9",), "31")}
_ORDER = "123459"


@lru_cache(maxsize=256)
def style(marks: frozenset[Mark], change: Change, color: bool) -> str:
    """The SGR parameters of a run (« 1;4;32 »: bold, underlined, green); "" for none."""
    codes = {_ATTRIBUTES[mark] for mark in marks if mark in _ATTRIBUTES}
    attributes, colour = _CHANGES.get(change, ((), ""))
    codes.update(attributes)
    parameters = [code for code in _ORDER if code in codes]
    if color and colour:
        parameters.append(colour)
    return ";".join(parameters)


def _run_fragments(runs: Iterable[Run], how: Look) -> list[Fragment]:
    fragments: list[Fragment] = []
    for change, group in separated(runs):
        start, end = MARKERS.get(change, ("", "")) if how.markers else ("", "")
        if start:
            fragments.append((start, ""))
        for run in group:
            sgr = style(run.marks, change, how.color) if how.escapes else ""
            fragments.append((run_text(run), sgr))
        if end:
            fragments.append((end, ""))
    return fragments


# --- blocks as lines ----------------------------------------------------------------------------


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


def _prefix(block: RenderBlock) -> str:
    label = move_label(block)
    return _kind_prefix(block) + (f"{MOVE_SIGN} {label} " if label else "")


def block_lines(block: RenderBlock, how: Look) -> list[str]:
    """A block as the lines of the output: its prefix (« - », « # », the move label), its text,
    wrapped with the lines after the first under the text of its list label."""
    prefix = _kind_prefix(block)
    fragments: list[Fragment] = [(prefix, "")] if prefix else []
    label = move_label(block)
    if label:
        fragments.append((f"{MOVE_SIGN} {label} ", "36" if how.color else ""))
    runs = _run_fragments(block.runs, how)
    fragments.extend(runs)
    indent = len(prefix)
    if not label:
        indent += hanging_indent("".join(text for text, _style in runs[:4]))
    return [_joined(line, how.escapes) for line in wrap(fragments, how.width, indent)]


def _joined(line: list[Fragment], escapes: bool) -> str:
    if not escapes:
        return "".join(text for text, _style in line)
    out: list[str] = []
    previous, pending = "", ""
    for text, sgr in [*line, ("", "\x00")]:  # a last fragment that closes the line
        if sgr == previous:
            pending += text
            continue
        if pending:
            out.append(f"\x1b[{previous}m{pending}\x1b[0m" if previous else pending)
        previous, pending = sgr, text
    return "".join(out)


def _note(text: str, sgr: str, how: Look) -> list[str]:
    return [_joined(line, how.escapes)
            for line in wrap([(safe(text), sgr if how.escapes else "")], how.width)]


def document_lines(job: RenderJob, how: Look) -> list[list[str]]:
    """The output as paragraphs of lines: blocks, elisions, and the diff's summary."""
    paragraphs: list[list[str]] = []
    for item in _items(job, how):
        if isinstance(item, Elision):
            paragraphs.append(_note(elision_text(item.count), "2", how))
        else:
            paragraphs.append(block_lines(item, how))
    if job.view is View.DIFF:
        paragraphs.append(_note(f"Résumé : {change_summary(job.amendment)}", "1", how))
    return paragraphs


def _items(job: RenderJob, how: Look) -> list[ViewItem]:
    match job.view:
        case View.ACT:
            return [part.block for part in compose_act(job).blocks]
        case View.DOCUMENT:
            return [part.block for part in compose_document(job).blocks]
        case View.DIFF:
            return list(_saving_elisions(job, how))
        case _ as unreachable:
            assert_never(unreachable)


def _saving_elisions(job: RenderJob, how: Look) -> Iterator[ViewItem]:
    """`view_items`, with the elision of one paragraph that takes one line replaced by the
    paragraph itself: the note would take as much room and hide it."""
    after = -1  # the position of the last block shown
    for item in view_items(job):
        if isinstance(item, Elision) and item.count == 1:
            block = _first_kept(job, after)
            if block is not None and len(block_lines(block, how)) <= 1:
                item = block
        if isinstance(item, RenderBlock):
            after = item.position
        yield item


def _first_kept(job: RenderJob, after: int) -> RenderBlock | None:
    for position in range(after + 1, len(job.amendment.blocks)):
        op = job.amendment.blocks[position]
        if op.kind is not BlockOpKind.DELETE:
            return render_block(op, position, job.deletions, job.old)
    return None


# --- side by side (rich) ------------------------------------------------------------------------


def rich_text(block: RenderBlock, how: Look) -> Text:
    """A block as rich Text with the styles (and markers) of additions and deletions."""
    from rich.style import Style
    from rich.text import Text

    text = Text(_prefix(block))
    for piece, sgr in _run_fragments(block.runs, how):
        text.append(piece, style=Style.parse(_rich_style(sgr)) if sgr else None)
    return text


def _rich_style(sgr: str) -> str:
    names = {"1": "bold", "3": "italic", "4": "underline", "9": "strike", "32": "green",
             "31": "red", "2": "dim", "36": "cyan"}
    return " ".join(names[code] for code in sgr.split(";") if code in names)


def render_console(job: RenderJob, console: Console, how: Look) -> None:
    """Print the job side by side on a rich console (tests pass a recording console)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
    table.add_column("Avant")
    table.add_column("Après")
    for item in _items(job, how):
        if isinstance(item, Elision):
            note = Text(elision_text(item.count), style="dim")
            table.add_row(note, note)
            continue
        before = _side(item, Change.ADDED)
        after = _side(item, Change.DELETED)
        table.add_row(rich_text(before, how), rich_text(after, how))
    console.print(table)
    console.print(Text(safe(f"Résumé : {change_summary(job.amendment)}"), style="bold"))


def _side(block: RenderBlock, left_out: Change) -> RenderBlock:
    return RenderBlock(block.kind, block.change,
                       tuple(run for run in block.runs if run.change is not left_out),
                       block.level, block.list_id, block.position, block.moved_from)


def _side_by_side(job: RenderJob, how: Look) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=how.escapes, width=max(how.width or 100, 40),
                      color_system="standard" if how.escapes else None,
                      no_color=not how.color, highlight=False, emoji=False, markup=False,
                      legacy_windows=False, _environ={})
    render_console(job, console, how)
    return buffer.getvalue()


class TerminalRenderer:
    """Text for a terminal, wrapped at its width, or plain text with wdiff-style markers."""

    name: ClassVar[str] = "terminal"
    description: ClassVar[str] = "terminal: additions bold+underlined, deletions struck (rich)"
    media_type: ClassVar[str] = "text/plain"
    extensions: ClassVar[tuple[str, ...]] = ("txt",)
    options: ClassVar[Mapping[str, str]] = MappingProxyType({
        "markers": "true/false: wdiff markers {+…+} [-…-] around changes (default: when "
                   "colour does not show them); false also keeps bold and strike in a pipe",
        "width": "N: wrap lines at N columns, 0: never (default: the terminal's width; "
                 "piped output is not wrapped)",
    })
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT, View.DOCUMENT)
    api_version: ClassVar[int] = API_VERSION

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the text: escape sequences for a terminal, or plain text with markers."""
        check_view(self, job)
        how = look(job)
        if job.side_by_side and job.view is View.DIFF:
            stream.write(_side_by_side(job, how).encode("utf-8"))
            return
        paragraphs = document_lines(job, how)
        text = "\n\n".join("\n".join(lines) for lines in paragraphs) + "\n"
        stream.write(text.encode("utf-8"))


__all__ = ["MARKERS", "SUBSCRIPTS", "SUPERSCRIPTS", "Look", "TerminalRenderer", "block_lines",
           "document_lines", "lifted", "look", "marked_text", "run_text", "separated", "style"]
