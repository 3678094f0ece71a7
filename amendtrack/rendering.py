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
Runs and their helpers live in `amendtrack.runs`, the summary in `amendtrack.summary`; both
are re-exported here, the one module a plugin imports.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, BinaryIO, ClassVar, Protocol, runtime_checkable

from amendtrack.errors import UsageError
from amendtrack.model import Amendment, BlockKind, BlockOp, BlockOpKind, Version
from amendtrack.runs import (
    Change,
    Deletions,
    Run,
    change_groups,
    inline_runs,
    merge_runs,
    runs_of,
    segments,
    split_lines,
)
from amendtrack.summary import (
    Summary,
    change_summary,
    elision_text,
    metadata_text,
    summarise,
    summary_text,
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


# --- blocks -------------------------------------------------------------------------------------


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


def check_view(renderer: type[object] | object, job: RenderJob) -> None:
    """Refuse a view the renderer does not declare (UsageError naming it)."""
    views: tuple[View, ...] = getattr(renderer, "views", ())
    if job.view not in views:
        name = getattr(renderer, "name", type(renderer).__name__)
        offered = ", ".join(view.value for view in views) or "none"
        raise UsageError(f"renderer {name} cannot render the {job.view.value} view "
                         f"(it renders: {offered})")


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
    "change_summary",
    "check_view",
    "compose_act",
    "elision_text",
    "inline_runs",
    "merge_runs",
    "metadata_text",
    "render_block",
    "runs_of",
    "segments",
    "split_lines",
    "summarise",
    "summary_text",
    "view_items",
]
