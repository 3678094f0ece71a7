"""Computing, applying and inverting amendments.

`diff` aligns blocks (`amendtrack.diffing.alignment`), pairs the leftovers into modified and moved
blocks (`amendtrack.diffing.pairing`), and diffs each modified block word by word
(`amendtrack.diffing.word_diff` over `amendtrack.diffing.tokens`). `apply` rebuilds NEW exactly
and checks both content hashes; `invert` gives the amendment from NEW back to OLD. No time
budget is applied (every amendment is minimal, `Amendment.minimal`); versions over the size
budget are refused first (`diffing.budget`).
"""

from __future__ import annotations

import functools
import gc
from bisect import bisect_left
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import replace
from typing import ParamSpec, TypeVar

from amendtrack.diffing import budget, structure
from amendtrack.diffing.engine import encode_apart
from amendtrack.diffing.fields import apply_changes, metadata_changes
from amendtrack.diffing.pairing import BlockWords, pair_leftovers
from amendtrack.errors import AmendmentError
from amendtrack.model import (
    Amendment,
    Block,
    BlockOp,
    BlockOpKind,
    InlineOp,
    InlineOpKind,
    Version,
    normalise_inline,
)
from amendtrack.translation import _
from amendtrack.version_xml import content_hash

_P = ParamSpec("_P")
_R = TypeVar("_R")

# --- diff -------------------------------------------------------------------------------------


def _without_cyclic_collection(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `function` with Python's cyclic garbage collector paused, then restore it.

    The diff builds hundreds of thousands of small immutable values and no reference cycle;
    each collection would re-scan the two versions and everything built so far (15 % of the
    time on a whole code, 40 % on a 10 MB registry). Reference counting still frees them.
    """
    @functools.wraps(function)
    def paused(*arguments: _P.args, **keywords: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*arguments, **keywords)
        finally:
            if enabled:
                gc.enable()

    return paused


@_without_cyclic_collection
def diff(old: Version, new: Version) -> Amendment:
    """The amendment that turns `old` into `new` (block operations in NEW's reading order)."""
    budget.check_budget(old, new)  # InputError before any memory is spent
    # Hashed first, so that the serialisations are gone before the diff's own working set.
    base_hash, result_hash = content_hash(old), content_hash(new)
    old_keys, new_keys = _block_symbols(old, new)
    # Paired articles first, then the blocks between them (`structure.align`).
    anchors = structure.article_anchors(old.body, new.body)
    aligned = structure.align(old_keys, new_keys, anchors)
    kept, renumbered = structure.split_kept(aligned, old.body, new.body)
    removed = _unmatched(len(old.body), (pair[0] for pair in aligned))
    added = _unmatched(len(new.body), (pair[1] for pair in aligned))
    moves = _exact_moves(old_keys, new_keys, removed, added)
    moved_from = {i for i, _ in moves}
    removed = [index for index in removed if index not in moved_from]
    moved_to = {j for _, j in moves}
    added = [index for index in added if index not in moved_to]
    texts = BlockWords(old.body, new.body)
    modified, moved_modified = pair_leftovers(aligned, removed, added, texts)
    modified = _with_pairs_by_kind(aligned, modified, moved_modified, removed, added, old, new)
    modified.extend(renumbered)
    inline = {pair: texts.inline_ops(*pair) for pair in (*modified, *moved_modified)}
    del texts  # its symbol table is the largest thing the diff holds
    ops: list[BlockOp] = []
    keep, move = BlockOpKind.KEEP, BlockOpKind.MOVE  # looked up once (a property on 3.11)
    ops.extend([BlockOp(keep, i, j, old.body[i], new.body[j]) for i, j in kept])
    ops.extend([BlockOp(move, i, j, old.body[i], new.body[j]) for i, j in moves])
    for kind, pairs in ((BlockOpKind.MODIFY, modified), (BlockOpKind.MOVE, moved_modified)):
        ops.extend(
            BlockOp(kind, i, j, old.body[i], new.body[j], inline[i, j]) for i, j in pairs
        )
    paired_old = {i for i, _ in modified} | {i for i, _ in moved_modified}
    paired_new = {j for _, j in modified} | {j for _, j in moved_modified}
    ops.extend(BlockOp(BlockOpKind.DELETE, i, None, old.body[i], None)
               for i in removed if i not in paired_old)
    ops.extend(
        BlockOp(BlockOpKind.INSERT, None, j, None, new.body[j])
        for j in added
        if j not in paired_new
    )
    return Amendment(
        base_hash=base_hash,
        result_hash=result_hash,
        blocks=reading_order(ops),
        metadata=metadata_changes(old, new),
    )


def _block_symbols(old: Version, new: Version) -> tuple[str, str]:
    """One symbol per distinct block: the alignment then compares and counts characters.

    The table (a key per block) is freed on return: the symbols are all the rest needs.
    """
    return encode_apart([structure.block_key(block) for block in old.body],
                        [structure.block_key(block) for block in new.body])


def _with_pairs_by_kind(
    aligned: list[tuple[int, int]], modified: list[tuple[int, int]],
    moved_modified: list[tuple[int, int]], removed: list[int], added: list[int],
    old: Version, new: Version,
) -> list[tuple[int, int]]:
    """`modified` and the formulas left over that pair by their kind (`structure.pair_by_kind`),
    inside the gaps the aligned and modified pairs leave."""
    taken_old = {i for i, _ in (*modified, *moved_modified)}
    taken_new = {j for _, j in (*modified, *moved_modified)}
    by_kind = structure.pair_by_kind(
        sorted([*aligned, *modified]), [i for i in removed if i not in taken_old],
        [j for j in added if j not in taken_new], old.body, new.body)
    return [*modified, *by_kind]


def _unmatched(size: int, matched: Iterable[int]) -> list[int]:
    taken = set(matched)
    return [index for index in range(size) if index not in taken]


def _exact_moves(
    old_keys: Sequence[Hashable], new_keys: Sequence[Hashable], removed: list[int], added: list[int]
) -> list[tuple[int, int]]:
    waiting: dict[Hashable, deque[int]] = defaultdict(deque)
    for index in removed:
        waiting[old_keys[index]].append(index)
    moves: list[tuple[int, int]] = []
    for index in added:
        queue = waiting.get(new_keys[index])
        if queue:
            moves.append((queue.popleft(), index))
    return moves


# --- ordering, apply, invert ------------------------------------------------------------------


def reading_order(ops: Iterable[BlockOp]) -> tuple[BlockOp, ...]:
    """Operations in NEW's reading order; a DELETE right after the block before it in OLD.

    The « backbone » (KEEP and MODIFY, increasing on both sides) places each deletion; within
    a gap deletions come first, then insertions and moves by new position.
    """
    ops = list(ops)
    in_backbone = (BlockOpKind.KEEP, BlockOpKind.MODIFY)  # looked up once (a property on 3.11)
    delete = BlockOpKind.DELETE
    backbone = sorted(
        (op.old_index, op.new_index)
        for op in ops
        if op.kind in in_backbone
        and op.old_index is not None
        and op.new_index is not None
    )
    backbone_old = [pair[0] for pair in backbone]

    def key(op: BlockOp) -> tuple[int, int, int]:
        if op.kind is delete:
            assert op.old_index is not None
            anchor = bisect_left(backbone_old, op.old_index) - 1
            return (backbone[anchor][1] if anchor >= 0 else -1, 1, op.old_index)
        assert op.new_index is not None
        return (op.new_index, 0, 0)

    return tuple(sorted(ops, key=key))


def apply(amendment: Amendment, old: Version) -> Version:
    """NEW, rebuilt exactly from OLD and the amendment (AmendmentError if it does not fit)."""
    base = content_hash(old)
    if base != amendment.base_hash:
        raise AmendmentError(
            _("does not apply to this version: the amendment's base is {expected}, the version "
              "given is {given}").format(expected=amendment.base_hash, given=base)
        )
    body: list[Block] = []
    for position, op in enumerate(amendment.blocks):
        _check_old_side(op, old, position)
        if op.kind is BlockOpKind.DELETE:
            continue
        if op.new is None or op.new_index != len(body):
            raise AmendmentError(_("block operation {position} is out of order or has no "
                                   "block").format(position=position + 1))
        if op.inline and normalise_inline(s for i in op.inline for s in i.new) != op.new.content:
            raise AmendmentError(_("block operation {position}: its runs do not give its "
                                   "text").format(position=position + 1))
        body.append(op.new)
    info, metadata = apply_changes(old, amendment.metadata)
    result = Version(info=info, metadata=metadata, body=tuple(body))
    if content_hash(result) != amendment.result_hash:
        raise AmendmentError(
            _("applying it does not give the version it was made for (expected "
              "{expected})").format(expected=amendment.result_hash)
        )
    return result


def _check_old_side(op: BlockOp, old: Version, position: int) -> None:
    if op.old_index is None:
        return
    if not 0 <= op.old_index < len(old.body) or old.body[op.old_index] != op.old:
        raise AmendmentError(
            _("block operation {position} does not match block {index} of the version").format(
                position=position + 1, index=op.old_index)
        )
    if (
        op.inline
        and normalise_inline(s for i in op.inline for s in i.old) != old.body[op.old_index].content
    ):
        raise AmendmentError(_("block operation {position}: its runs do not match the "
                               "version").format(position=position + 1))


_INVERSE_BLOCK = {
    BlockOpKind.INSERT: BlockOpKind.DELETE,
    BlockOpKind.DELETE: BlockOpKind.INSERT,
}
_INVERSE_INLINE = {
    InlineOpKind.INSERT: InlineOpKind.DELETE,
    InlineOpKind.DELETE: InlineOpKind.INSERT,
}


def invert(amendment: Amendment) -> Amendment:
    """The amendment from NEW back to OLD."""
    ops = [
        replace(
            op,
            kind=_INVERSE_BLOCK.get(op.kind, op.kind),
            old_index=op.new_index,
            new_index=op.old_index,
            old=op.new,
            new=op.old,
            inline=_invert_inline(op.inline),
        )
        for op in amendment.blocks
    ]
    return replace(
        amendment,
        base_hash=amendment.result_hash,
        result_hash=amendment.base_hash,
        blocks=reading_order(ops),
        metadata=tuple(replace(c, old=c.new, new=c.old) for c in amendment.metadata),
    )


def _invert_inline(ops: tuple[InlineOp, ...]) -> tuple[InlineOp, ...]:
    inverted = [InlineOp(_INVERSE_INLINE.get(op.kind, op.kind), op.new, op.old) for op in ops]
    # A replacement reads deletion first: swap each insertion that now precedes a deletion.
    for index in range(len(inverted) - 1):
        if (
            inverted[index].kind is InlineOpKind.INSERT
            and inverted[index + 1].kind is InlineOpKind.DELETE
        ):
            inverted[index], inverted[index + 1] = inverted[index + 1], inverted[index]
    return tuple(inverted)


__all__ = ["apply", "diff", "invert", "reading_order"]
