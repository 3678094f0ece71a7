"""The blocks a renderer shows: the amended text as `RenderBlock` s of runs, elided or whole.

A plugin never walks the amendment model by hand: `view_items` gives the blocks to show (with
unchanged stretches elided unless the job asks for the full text), each as a `RenderBlock` of
`Run` s that say whether a piece of text was added, deleted, altered or kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from amendtrack.model import BlockKind, BlockOp, BlockOpKind, InlineOpKind, Version
from amendtrack.rendering.api import RenderJob
from amendtrack.rendering.runs import Deletions, Run, inline_runs
from amendtrack.translation import _, ngettext

CONTEXT_BLOCKS = 1
"""Unchanged blocks shown on each side of a change when the job is not `RenderJob.full`."""


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
    moved_from: str | None = None
    """For a MOVE: where the block stood in OLD, in French (« deuxième alinéa de l'article
    2 »); renderers label moved blocks with `move_label`."""

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



def render_block(op: BlockOp, position: int, deletions: Deletions,
                 old: Version | None = None) -> RenderBlock:
    """The `RenderBlock` of one operation (`old`, when given, names where a moved one was)."""
    block = op.new if op.new is not None else op.old
    assert block is not None  # every operation has a block on one side at least
    moved_from = None
    if op.kind is BlockOpKind.MOVE and old is not None and op.old_index is not None:
        from amendtrack.rendering.places import place_in

        if 0 <= op.old_index < len(old.body):
            moved_from = place_in(old, op.old_index)
    return RenderBlock(
        kind=block.kind,
        change=op.kind,
        runs=inline_runs(op, deletions),
        level=block.level,
        list_id=block.list_id,
        position=position,
        moved_from=moved_from,
    )


def move_label(block: RenderBlock, job: RenderJob | None = None) -> str:
    """The label renderers put on a moved block: « [déplacé : auparavant deuxième alinéa de
    l'article 2] » (the house template's `marques.deplacement`); empty for other blocks."""
    if block.change is not BlockOpKind.MOVE:
        return ""
    from amendtrack.rendering.template import default_template

    template = (job.act.template if job is not None else None) or default_template()
    place = block.moved_from or "ailleurs dans le texte"
    return template.text("marques.deplacement", {"ancienne_place": place})


def hidden_deletions(job: RenderJob) -> str | None:
    """The warning that counts what ``--deletions hide`` leaves out (None: nothing hidden)."""
    if job.deletions is not Deletions.HIDE:
        return None
    blocks = sum(1 for op in job.amendment.blocks if op.kind is BlockOpKind.DELETE)
    words = sum(len("".join(span.text for span in inline.old).split())
                for op in job.amendment.blocks for inline in op.inline
                if inline.kind is InlineOpKind.DELETE)
    if not blocks and not words:
        return None
    return _("--deletions hide: the output does not show {alineas} and {words} in the alinéas "
             "it shows").format(
        alineas=ngettext("{count} deleted alinéa", "{count} deleted alinéas", blocks).format(
            count=blocks),
        words=ngettext("{count} deleted word", "{count} deleted words", words).format(
            count=words))


def all_blocks(job: RenderJob) -> Iterator[RenderBlock]:
    """Every block of the amended text in reading order (deleted ones only if shown)."""
    for position, op in enumerate(job.amendment.blocks):
        if op.kind is BlockOpKind.DELETE and job.deletions is Deletions.HIDE:
            continue
        yield render_block(op, position, job.deletions, job.old)


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
        yield render_block(op, position, job.deletions, job.old)
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
