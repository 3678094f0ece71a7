"""The renderer protocol and the helpers a renderer plugin needs: the only API a plugin uses.

A renderer turns a `RenderJob` (an amendment, the two versions and the user's choices) into
bytes on a binary stream. Renderers are found through the entry-point group
``amendtrack.renderers`` (see `amendtrack.registry`); the built-in ones are declared there
exactly like third-party ones.

A plugin never walks the amendment model by hand: `view_items` gives the blocks to show (with
unchanged stretches elided unless the job asks for the full text), each as a `RenderBlock` of
`Run` s that say whether a piece of text was added, deleted, altered or kept. `summarise` and
`summary_text` give the French summary (« 3 paragraphes modifiés, 12 mots insérés,
2 supprimés »). `compose_act` gives the amending act (« rajout en gras ») as a neutral structure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, BinaryIO, ClassVar, Protocol, assert_never, runtime_checkable

from amendtrack.errors import UsageError
from amendtrack.model import (
    LINE_BREAK,
    Amendment,
    BlockKind,
    BlockOp,
    BlockOpKind,
    Inline,
    InlineOpKind,
    Mark,
    Version,
)

if TYPE_CHECKING:
    from amendtrack.act import Act

API_VERSION = 1
"""Version of this protocol. A renderer declares the version it was written for."""

ENTRY_POINT_GROUP = "amendtrack.renderers"
"""The entry-point group renderers are declared in."""

CONTEXT_BLOCKS = 1
"""Unchanged blocks shown on each side of a change when the job is not `RenderJob.full`."""


class View(StrEnum):
    """What to render."""

    DIFF = "diff"
    """The changes between OLD and NEW (``amendtrack diff``)."""
    ACT = "act"
    """The amending act: NEW's whole text with the additions in bold (``amendtrack amend``)."""


class Deletions(StrEnum):
    """Whether deleted text appears in the output."""

    SHOW = "show"
    HIDE = "hide"


class Change(StrEnum):
    """What happened to a run of text, as a renderer shows it."""

    SAME = "same"
    """Unchanged text."""
    ADDED = "added"
    """Text NEW adds (an <ins>, bold in the act)."""
    DELETED = "deleted"
    """Text of OLD that NEW removes (a <del>; only present with `Deletions.SHOW`)."""
    ALTERED = "altered"
    """The same words in another form (formatting, typography, whitespace); NEW's form."""


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with its marks and what happened to it. ``"\\n"`` is a line break."""

    text: str
    marks: frozenset[Mark]
    change: Change


@dataclass(frozen=True, slots=True)
class RenderBlock:
    """One block to render, as runs."""

    kind: BlockKind
    change: BlockOpKind
    """KEEP, MODIFY, INSERT, DELETE or MOVE."""
    runs: tuple[Run, ...]
    level: int | None = None
    """Heading level (1 highest), None for other kinds."""
    list_id: str | None = None
    """For an item: the list it belongs to (consecutive items with one list_id form a list)."""
    position: int = 0
    """Index of the operation in `Amendment.blocks` (reading order of the amended text)."""

    @property
    def text(self) -> str:
        """All the text of the runs, deletions included."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True, slots=True)
class Elision:
    """A stretch of unchanged blocks left out of the output; renderers must say so."""

    count: int
    """How many blocks were left out."""


ViewItem = RenderBlock | Elision
"""What `view_items` yields."""


def _frozen_options() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RenderJob:
    """Everything a renderer needs: the amendment, both versions and the user's choices."""

    amendment: Amendment
    old: Version
    new: Version
    view: View = View.DIFF
    deletions: Deletions = Deletions.SHOW
    options: Mapping[str, str] = field(default_factory=_frozen_options)
    """The ``-O key=value`` options, already checked against `Renderer.options`."""
    full: bool = False
    """Show every block; otherwise only changes with `CONTEXT_BLOCKS` of context (diff view)."""
    color: bool = True
    """Colour allowed (False with ``--no-color`` or ``NO_COLOR``); bold, underline, strike stay."""
    interactive: bool = False
    """The output is a terminal that understands escape sequences (not a pipe, not TERM=dumb)."""
    width: int = 80
    """Width of the terminal, in columns."""
    side_by_side: bool = False
    """Show OLD and NEW in two columns (renderers that cannot, ignore it)."""

    def option(self, key: str, default: str) -> str:
        """The value of an ``-O`` option, or `default`."""
        return self.options.get(key, default)

    def flag(self, key: str, default: bool = False) -> bool:
        """A yes/no ``-O`` option (true/false, yes/no, oui/non, 1/0)."""
        value = self.options.get(key)
        if value is None:
            return default
        lowered = value.strip().lower()
        if lowered in ("true", "yes", "oui", "1", "on"):
            return True
        if lowered in ("false", "no", "non", "0", "off"):
            return False
        raise UsageError(f"-O {key} takes true or false, not {value!r}")


@runtime_checkable
class Renderer(Protocol):
    """What a renderer plugin is: a class with this metadata and a `render` method.

    The entry point names the class; amendtrack instantiates it without arguments.
    A renderer whose output must carry deleted text whatever ``--deletions`` says (an
    amendment format, amending instructions) may also declare ``deletions_always = True``;
    the conformance suite then does not expect it to hide deletions.
    """

    name: ClassVar[str]
    """The name used with ``--to`` (lowercase letters, digits, ``-`` and ``_``)."""
    description: ClassVar[str]
    """One line for ``amendtrack plugins``."""
    media_type: ClassVar[str]
    """The media type of the output (``text/html``, …)."""
    extensions: ClassVar[tuple[str, ...]]
    """File extensions, without the dot, that select this renderer with ``-o FILE``."""
    options: ClassVar[Mapping[str, str]]
    """The ``-O`` keys accepted, each with a one-line help."""
    views: ClassVar[tuple[View, ...]]
    """The views the renderer can render."""
    api_version: ClassVar[int]
    """The `API_VERSION` the renderer was written for."""

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the output for `job` to `stream`. Same job, same bytes."""


# --- runs ---------------------------------------------------------------------------------------


def runs_of(content: Inline, change: Change) -> tuple[Run, ...]:
    """Inline content as runs that all carry one change."""
    return tuple(Run(span.text, span.marks, change) for span in content)


def inline_runs(op: BlockOp, deletions: Deletions = Deletions.SHOW) -> tuple[Run, ...]:
    """The runs of one block operation, neighbouring runs of one kind and marks merged."""
    match op.kind:
        case BlockOpKind.KEEP:
            runs = runs_of(_content(op.new), Change.SAME)
        case BlockOpKind.INSERT:
            runs = runs_of(_content(op.new), Change.ADDED)
        case BlockOpKind.DELETE:
            runs = runs_of(_content(op.old), Change.DELETED)
            if deletions is Deletions.HIDE:
                runs = ()
        case BlockOpKind.MODIFY | BlockOpKind.MOVE:
            runs = _modified_runs(op, deletions) if op.inline else runs_of(
                _content(op.new), Change.SAME
            )
        case _ as unreachable:
            assert_never(unreachable)
    return merge_runs(runs)


def _content(block: object) -> Inline:
    content = getattr(block, "content", None)
    return () if content is None else content


def _modified_runs(op: BlockOp, deletions: Deletions) -> tuple[Run, ...]:
    runs: list[Run] = []
    for inline in op.inline:
        match inline.kind:
            case InlineOpKind.EQUAL:
                runs.extend(runs_of(inline.new, Change.SAME))
            case InlineOpKind.INSERT:
                runs.extend(runs_of(inline.new, Change.ADDED))
            case InlineOpKind.DELETE:
                if deletions is Deletions.SHOW:
                    runs.extend(runs_of(inline.old, Change.DELETED))
            case InlineOpKind.FORMAT | InlineOpKind.TYPOGRAPHY | InlineOpKind.WHITESPACE:
                runs.extend(runs_of(inline.new, Change.ALTERED))
            case _ as unreachable:
                assert_never(unreachable)
    return tuple(runs)


def merge_runs(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Drop empty runs and join neighbours with the same change and marks."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].change is run.change and merged[-1].marks == run.marks:
            merged[-1] = Run(merged[-1].text + run.text, run.marks, run.change)
        else:
            merged.append(run)
    return tuple(merged)


def change_groups(runs: Iterable[Run]) -> Iterator[tuple[Change, tuple[Run, ...]]]:
    """Consecutive runs grouped by change (marks may differ inside a group).

    One group of ADDED runs is one addition: one ``<ins>``, one ``**…**`` however many
    formats it crosses.
    """
    group: list[Run] = []
    for run in runs:
        if group and group[-1].change is not run.change:
            yield group[0].change, tuple(group)
            group = []
        group.append(run)
    if group:
        yield group[0].change, tuple(group)


def segments(runs: Iterable[Run]) -> Iterator[tuple[Change, tuple[Run, ...]]]:
    """Like `change_groups`, but an addition or deletion never starts or ends with whitespace.

    Whitespace at the edge of an addition is part of NEW's text and comes out as SAME. At the
    edge of a deletion it is left out (NEW's text keeps its own spaces), except where the
    deleted words would otherwise touch a word beside them: « élections␣complémentaires, »
    with « ␣complémentaires » deleted shows as « élections [-complémentaires-], », as wdiff
    does. An addition made of whitespace only comes out as SAME, a deletion of whitespace
    only not at all. This is what renderers mark: words, so a bold span or an ``<ins>``
    starts and ends on a word.
    """
    groups = list(change_groups(runs))
    last = ""  # the last character yielded
    for index, (change, group) in enumerate(groups):
        pieces: list[tuple[Change, tuple[Run, ...]]]
        if change not in (Change.ADDED, Change.DELETED):
            pieces = [(change, group)]
        else:
            lead, core, trail = _trim_group(group)
            if change is Change.DELETED:
                following = _first_char(groups[index + 1:])
                lead = lead if core and last and not last.isspace() else ()
                trail = trail if core and following and not following.isspace() else ()
            pieces = [(Change.SAME, lead), (change, core), (Change.SAME, trail)]
        for kind, piece in pieces:
            if piece:
                last = piece[-1].text[-1:] or last
                yield kind, piece


def _first_char(groups: list[tuple[Change, tuple[Run, ...]]]) -> str:
    # The first character NEW shows after a deletion (deleted text between is skipped).
    for change, group in groups:
        if change is Change.DELETED:
            continue
        text = "".join(run.text for run in group)
        if text:
            return text[0]
    return ""


def _trim_group(group: tuple[Run, ...]) -> tuple[tuple[Run, ...], tuple[Run, ...], tuple[Run, ...]]:
    text = "".join(run.text for run in group)
    stripped = text.strip()
    if not stripped:
        return _as_same(group), (), ()
    start = len(text) - len(text.lstrip())
    end = start + len(stripped)
    return (
        _as_same(_slice(group, 0, start)),
        _slice(group, start, end),
        _as_same(_slice(group, end, len(text))),
    )


def _slice(group: tuple[Run, ...], start: int, end: int) -> tuple[Run, ...]:
    pieces: list[Run] = []
    offset = 0
    for run in group:
        low, high = max(start - offset, 0), min(end - offset, len(run.text))
        if low < high:
            pieces.append(Run(run.text[low:high], run.marks, run.change))
        offset += len(run.text)
    return tuple(pieces)


def _as_same(group: tuple[Run, ...]) -> tuple[Run, ...]:
    return tuple(Run(run.text, run.marks, Change.SAME) for run in group)


def render_block(op: BlockOp, position: int, deletions: Deletions) -> RenderBlock:
    """The `RenderBlock` of one operation."""
    block = op.new if op.new is not None else op.old
    assert block is not None  # every operation has a block on one side at least
    return RenderBlock(
        kind=block.kind,
        change=op.kind,
        runs=inline_runs(op, deletions),
        level=block.level,
        list_id=block.list_id,
        position=position,
    )


def all_blocks(job: RenderJob) -> Iterator[RenderBlock]:
    """Every block of the amended text in reading order (deleted ones only if shown)."""
    for position, op in enumerate(job.amendment.blocks):
        if op.kind is BlockOpKind.DELETE and job.deletions is Deletions.HIDE:
            continue
        yield render_block(op, position, job.deletions)


def view_items(job: RenderJob) -> Iterator[ViewItem]:
    """The blocks to show for the diff view: all of them when `RenderJob.full`, otherwise the
    changed ones with `CONTEXT_BLOCKS` unchanged blocks around each and an `Elision` for
    every stretch left out. Only the shown blocks are converted, so a large text stays fast.
    """
    ops = job.amendment.blocks
    if job.full:
        yield from all_blocks(job)
        return
    shown = _shown_positions(ops, job.deletions)
    skipped = 0
    for position, op in enumerate(ops):
        if position not in shown:
            if op.kind is not BlockOpKind.DELETE:
                skipped += 1
            continue
        if skipped:
            yield Elision(skipped)
            skipped = 0
        yield render_block(op, position, job.deletions)
    if skipped:
        yield Elision(skipped)


def _shown_positions(ops: tuple[BlockOp, ...], deletions: Deletions) -> set[int]:
    def visible(position: int) -> bool:
        kind = ops[position].kind
        return not (kind is BlockOpKind.DELETE and deletions is Deletions.HIDE)

    changed = [
        position
        for position, op in enumerate(ops)
        if op.kind is not BlockOpKind.KEEP and visible(position)
    ]
    shown = set(changed)
    for position in changed:
        for step in (-1, 1):
            found, cursor = 0, position + step
            while found < CONTEXT_BLOCKS and 0 <= cursor < len(ops):
                if ops[cursor].kind is BlockOpKind.KEEP:
                    shown.add(cursor)
                    found += 1
                elif visible(cursor):
                    break
                cursor += step
    return shown


def split_lines(runs: Iterable[Run]) -> list[list[Run]]:
    """Runs cut at line breaks: one list of runs per line (a block has at least one line)."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        pieces = run.text.split(LINE_BREAK)
        for index, piece in enumerate(pieces):
            if index:
                lines.append([])
            if piece:
                lines[-1].append(Run(piece, run.marks, run.change))
    return lines


def check_view(renderer: type[object] | object, job: RenderJob) -> None:
    """Refuse a view the renderer does not declare (UsageError naming it)."""
    views: tuple[View, ...] = getattr(renderer, "views", ())
    if job.view not in views:
        name = getattr(renderer, "name", type(renderer).__name__)
        offered = ", ".join(view.value for view in views) or "none"
        raise UsageError(f"renderer {name} cannot render the {job.view.value} view "
                         f"(it renders: {offered})")


# --- summary ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of what changed, for the French summary line."""

    modified: int = 0
    """Paragraphs whose text changed (moved ones with new text included)."""
    inserted: int = 0
    """Paragraphs added."""
    deleted: int = 0
    """Paragraphs removed."""
    moved: int = 0
    """Paragraphs moved."""
    words_inserted: int = 0
    words_deleted: int = 0
    altered: int = 0
    """Paragraphs changed in form only (typography, whitespace, formatting)."""


def summarise(amendment: Amendment) -> Summary:
    """Count the changed paragraphs and words of an amendment."""
    counts = dict.fromkeys(("modified", "inserted", "deleted", "moved", "altered"), 0)
    words_in = words_out = 0
    for op in amendment.changed():
        match op.kind:
            case BlockOpKind.INSERT:
                counts["inserted"] += 1
                words_in += _words(_content(op.new))
            case BlockOpKind.DELETE:
                counts["deleted"] += 1
                words_out += _words(_content(op.old))
            case BlockOpKind.MODIFY | BlockOpKind.MOVE:
                added = sum(_words(i.new) for i in op.inline if i.kind is InlineOpKind.INSERT)
                removed = sum(_words(i.old) for i in op.inline if i.kind is InlineOpKind.DELETE)
                words_in += added
                words_out += removed
                if op.kind is BlockOpKind.MOVE:
                    counts["moved"] += 1
                if added or removed:
                    counts["modified"] += 1
                elif op.kind is BlockOpKind.MODIFY:
                    counts["altered"] += 1
            case BlockOpKind.KEEP:
                pass
            case _ as unreachable:
                assert_never(unreachable)
    return Summary(words_inserted=words_in, words_deleted=words_out, **counts)


def _words(content: Inline) -> int:
    return len("".join(span.text for span in content).split())


def _count(number: int, singular: str, plural: str) -> str:
    # French: 0 and 1 take the singular.
    return f"{number} {singular if number < 2 else plural}"


def summary_text(summary: Summary) -> str:
    """The summary in French, e.g. « 3 paragraphes modifiés, 12 mots insérés, 2 supprimés »."""
    parts: list[str] = []
    if summary.modified:
        parts.append(_count(summary.modified, "paragraphe modifié", "paragraphes modifiés"))
    if summary.inserted:
        parts.append(_count(summary.inserted, "paragraphe ajouté", "paragraphes ajoutés"))
    if summary.deleted:
        parts.append(_count(summary.deleted, "paragraphe supprimé", "paragraphes supprimés"))
    if summary.moved:
        parts.append(_count(summary.moved, "paragraphe déplacé", "paragraphes déplacés"))
    if summary.altered:
        parts.append(_count(summary.altered, "paragraphe retouché (forme seule)",
                            "paragraphes retouchés (forme seule)"))
    if not parts:
        return "aucune modification"
    if summary.words_inserted or summary.words_deleted:
        parts.append(_count(summary.words_inserted, "mot inséré", "mots insérés"))
        parts.append(_count(summary.words_deleted, "supprimé", "supprimés"))
    return ", ".join(parts)


def elision_text(count: int) -> str:
    """The French note for an `Elision`: « [… 12 paragraphes inchangés …] »."""
    return f"[… {_count(count, 'paragraphe inchangé', 'paragraphes inchangés')} …]"


# --- the amending act ---------------------------------------------------------------------------


def compose_act(job: RenderJob) -> Act:
    """The amending act of `job` (« rajout en gras »), for the ACT view."""
    from amendtrack.act import compose

    return compose(job)


__all__ = [
    "API_VERSION",
    "CONTEXT_BLOCKS",
    "ENTRY_POINT_GROUP",
    "Change",
    "Deletions",
    "Elision",
    "RenderBlock",
    "RenderJob",
    "Renderer",
    "Run",
    "Summary",
    "View",
    "ViewItem",
    "all_blocks",
    "change_groups",
    "check_view",
    "compose_act",
    "elision_text",
    "inline_runs",
    "merge_runs",
    "render_block",
    "runs_of",
    "segments",
    "split_lines",
    "summarise",
    "summary_text",
    "view_items",
]
