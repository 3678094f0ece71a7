"""Computing, applying and inverting amendments.

`diff` aligns blocks (`amendtrack.alignment`), pairs the leftovers into modified and moved
blocks, and diffs each modified block word by word (`amendtrack.diffing` over
`amendtrack.tokens`). `apply` rebuilds NEW exactly and checks both content hashes; `invert` gives
the amendment from NEW back to OLD. No size or time budget is applied anywhere, so every
amendment built here is minimal in the sense of `Amendment.minimal`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Hashable, Iterable
from dataclasses import replace

from amendtrack import alignment
from amendtrack.diffing import Edit, SymbolTable, inline_ops, token_runs
from amendtrack.documents import content_hash
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
from amendtrack.tokens import WHITESPACE_KEY, token_keys, tokenize
from amendtrack.version_fields import apply_changes, metadata_changes

SIMILARITY = 0.5
"""Two blocks of one gap pair as a modification when 2·(common words)/(all words) ≥ this."""
MOVED_SIMILARITY = 0.6
"""Blocks in different places pair as a moved and modified block above this similarity."""
MOVED_MIN_WORDS = 5
"""…and only when both have at least this many words (short headings would pair at random)."""


# --- diff -------------------------------------------------------------------------------------


def diff(old: Version, new: Version) -> Amendment:
    """The amendment that turns `old` into `new` (block operations in NEW's reading order)."""
    table = SymbolTable()
    old_keys = [_block_key(block) for block in old.body]
    new_keys = [_block_key(block) for block in new.body]
    kept = alignment.align(old_keys, new_keys)
    removed = _unmatched(len(old.body), (pair[0] for pair in kept))
    added = _unmatched(len(new.body), (pair[1] for pair in kept))
    moves = _exact_moves(old_keys, new_keys, removed, added)
    removed = [index for index in removed if index not in {i for i, _ in moves}]
    moved_to = {j for _, j in moves}
    added = [index for index in added if index not in moved_to]
    texts = _BlockWords(old.body, new.body, table)
    modified, moved_modified = _pair_leftovers(kept, removed, added, texts)
    ops: list[BlockOp] = []
    ops.extend(BlockOp(BlockOpKind.KEEP, i, j, old.body[i], new.body[j]) for i, j in kept)
    ops.extend(BlockOp(BlockOpKind.MOVE, i, j, old.body[i], new.body[j]) for i, j in moves)
    for kind, pairs in ((BlockOpKind.MODIFY, modified), (BlockOpKind.MOVE, moved_modified)):
        ops.extend(
            BlockOp(kind, i, j, old.body[i], new.body[j], texts.inline_ops(i, j)) for i, j in pairs
        )
    paired_old = {i for i, _ in modified} | {i for i, _ in moved_modified}
    paired_new = {j for _, j in modified} | {j for _, j in moved_modified}
    ops.extend(
        BlockOp(BlockOpKind.DELETE, i, None, old.body[i], None)
        for i in removed
        if i not in paired_old
    )
    ops.extend(
        BlockOp(BlockOpKind.INSERT, None, j, None, new.body[j])
        for j in added
        if j not in paired_new
    )
    return Amendment(
        base_hash=content_hash(old),
        result_hash=content_hash(new),
        blocks=reading_order(ops),
        metadata=metadata_changes(old, new),
    )


def _block_key(block: Block) -> Hashable:
    # Ids are left out: text import numbers paragraphs by position, so an insertion would
    # otherwise make every later block look changed.
    return (block.kind, block.level, block.content)


def _unmatched(size: int, matched: Iterable[int]) -> list[int]:
    taken = set(matched)
    return [index for index in range(size) if index not in taken]


def _exact_moves(
    old_keys: list[Hashable], new_keys: list[Hashable], removed: list[int], added: list[int]
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


def _pair_leftovers(
    kept: list[tuple[int, int]], removed: list[int], added: list[int], texts: _BlockWords
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Modified pairs (in order, inside one gap) and moved-and-modified pairs (anywhere).

    Inside a gap every removed block is compared with every added one (a bag-of-words bound
    first, then the word diff itself), so the pairing of a gap is exact.
    """
    kept_old = [i for i, _ in kept]
    kept_new = [j for _, j in kept]
    gaps: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in removed:
        gaps[bisect_left(kept_old, i)][0].append(i)
    for j in added:
        gaps[bisect_left(kept_new, j)][1].append(j)
    modified: list[tuple[int, int]] = []
    for gap_old, gap_new in gaps.values():
        scored = [
            (i, j, score)
            for i in gap_old
            for j in gap_new
            if alignment.bag_similarity(texts.words(False, i), texts.words(True, j)) >= SIMILARITY
            and (score := texts.similarity(i, j)) >= SIMILARITY
        ]
        modified.extend((i, j) for i, j, _ in alignment.pair_in_order(scored))
    used_old = {i for i, _ in modified}
    used_new = {j for _, j in modified}
    old_left = {
        i: texts.words(False, i)
        for i in removed
        if i not in used_old and texts.words(False, i).total() >= MOVED_MIN_WORDS
    }
    new_left = {
        j: texts.words(True, j)
        for j in added
        if j not in used_new and texts.words(True, j).total() >= MOVED_MIN_WORDS
    }
    across = [
        (i, j, score)
        for i, j in alignment.rare_word_pairs(old_left, new_left)
        if alignment.bag_similarity(old_left[i], new_left[j]) >= MOVED_SIMILARITY
        and (score := texts.similarity(i, j)) >= MOVED_SIMILARITY
    ]
    moved = [(i, j) for i, j, _ in alignment.pair_across(across)]
    return modified, moved


class _BlockWords:
    """Tokens of the blocks being paired, and the word diffs between them (computed once)."""

    def __init__(self, old: tuple[Block, ...], new: tuple[Block, ...], table: SymbolTable):
        self._old, self._new, self._table = old, new, table
        self._tokens: dict[tuple[bool, int], tuple[list[str], list[str], list[int]]] = {}
        self._words: dict[tuple[bool, int], Counter[str]] = {}
        self._runs: dict[tuple[int, int], list[tuple[Edit, int]]] = {}

    def tokens(self, is_new: bool, index: int) -> tuple[list[str], list[str], list[int]]:
        """Tokens, their keys, and the number of words before each token (and at the end)."""
        key = (is_new, index)
        found = self._tokens.get(key)
        if found is None:
            text = (self._new if is_new else self._old)[index].text
            tokens = tokenize(text)
            counts = [0]
            for token in tokens:
                counts.append(counts[-1] + (not token.isspace()))
            found = self._tokens[key] = (tokens, token_keys(text, tokens), counts)
        return found

    def words(self, is_new: bool, index: int) -> Counter[str]:
        key = (is_new, index)
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = Counter(
                k for k in self.tokens(is_new, index)[1] if k != WHITESPACE_KEY
            )
        return found

    def runs(self, old_index: int, new_index: int) -> list[tuple[Edit, int]]:
        key = (old_index, new_index)
        found = self._runs.get(key)
        if found is None:
            old_tokens, old_keys, _ = self.tokens(False, old_index)
            new_tokens, new_keys, _ = self.tokens(True, new_index)
            found = self._runs[key] = token_runs(
                old_tokens, new_tokens, self._table, old_keys, new_keys
            )
        return found

    def similarity(self, old_index: int, new_index: int) -> float:
        counts = self.tokens(False, old_index)[2]
        common = position = 0
        for edit, length in self.runs(old_index, new_index):
            if edit is Edit.EQUAL:
                common += counts[position + length] - counts[position]
            if edit is not Edit.INSERT:
                position += length
        total = counts[-1] + self.tokens(True, new_index)[2][-1]
        return 2 * common / total if total else 1.0

    def inline_ops(self, old_index: int, new_index: int) -> tuple[InlineOp, ...]:
        return inline_ops(
            self._old[old_index].content,
            self._new[new_index].content,
            self.tokens(False, old_index)[0],
            self.tokens(True, new_index)[0],
            self.runs(old_index, new_index),
        )


# --- ordering, apply, invert ------------------------------------------------------------------


def reading_order(ops: Iterable[BlockOp]) -> tuple[BlockOp, ...]:
    """Operations in NEW's reading order; a DELETE right after the block before it in OLD.

    The « backbone » (KEEP and MODIFY, increasing on both sides) places each deletion; within
    a gap deletions come first, then insertions and moves by new position.
    """
    ops = list(ops)
    backbone = sorted(
        (op.old_index, op.new_index)
        for op in ops
        if op.kind in (BlockOpKind.KEEP, BlockOpKind.MODIFY)
        and op.old_index is not None
        and op.new_index is not None
    )
    backbone_old = [pair[0] for pair in backbone]

    def key(op: BlockOp) -> tuple[int, int, int]:
        if op.kind is BlockOpKind.DELETE:
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
            f"does not apply to this version: the amendment's base is {amendment.base_hash}, "
            f"the version given is {base}"
        )
    body: list[Block] = []
    for position, op in enumerate(amendment.blocks):
        _check_old_side(op, old, position)
        if op.kind is BlockOpKind.DELETE:
            continue
        if op.new is None or op.new_index != len(body):
            raise AmendmentError(f"block operation {position + 1} is out of order or has no block")
        if op.inline and normalise_inline(s for i in op.inline for s in i.new) != op.new.content:
            raise AmendmentError(f"block operation {position + 1}: its runs do not give its text")
        body.append(op.new)
    info, metadata = apply_changes(old, amendment.metadata)
    result = Version(info=info, metadata=metadata, body=tuple(body))
    if content_hash(result) != amendment.result_hash:
        raise AmendmentError(
            "applying it does not give the version it was made for "
            f"(expected {amendment.result_hash})"
        )
    return result


def _check_old_side(op: BlockOp, old: Version, position: int) -> None:
    if op.old_index is None:
        return
    if not 0 <= op.old_index < len(old.body) or old.body[op.old_index] != op.old:
        raise AmendmentError(
            f"block operation {position + 1} does not match block {op.old_index} of the version"
        )
    if (
        op.inline
        and normalise_inline(s for i in op.inline for s in i.old) != old.body[op.old_index].content
    ):
        raise AmendmentError(f"block operation {position + 1}: its runs do not match the version")


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
