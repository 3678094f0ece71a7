"""Computing, applying and inverting amendments.

`diff` aligns blocks (`amendtrack.diffing.alignment`), pairs the leftovers into modified and moved
blocks, and diffs each modified block word by word (`amendtrack.diffing.word_diff` over
`amendtrack.diffing.tokens`). `apply` rebuilds NEW exactly and checks both content hashes; `invert`
gives the amendment from NEW back to OLD. No time budget is applied (every amendment is minimal,
`Amendment.minimal`); versions over the size budget are refused first (`diffing.budget`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace

from amendtrack.diffing import alignment, budget, structure
from amendtrack.diffing.engine import Edit, SymbolTable
from amendtrack.diffing.fields import apply_changes, metadata_changes
from amendtrack.diffing.inline import inline_ops
from amendtrack.diffing.moves import pair_moved
from amendtrack.diffing.tokens import WHITESPACE_KEY, folded_tokens, tokens_and_keys
from amendtrack.diffing.word_diff import symbol_runs
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
from amendtrack.version_xml import content_hash

SIMILARITY = 0.5
"""Two blocks of one gap pair as a modification when 2·(common words)/(all words) ≥ this."""


# --- diff -------------------------------------------------------------------------------------


def diff(old: Version, new: Version) -> Amendment:
    """The amendment that turns `old` into `new` (block operations in NEW's reading order)."""
    budget.check_budget(old, new)  # InputError before any memory is spent
    # Hashed first, so that the serialisations are gone before the diff's own working set.
    base_hash, result_hash = content_hash(old), content_hash(new)
    # One symbol per distinct block: the alignment then compares and counts characters.
    blocks = SymbolTable()
    old_keys = blocks.encode([structure.block_key(block) for block in old.body])
    new_keys = blocks.encode([structure.block_key(block) for block in new.body])
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
    texts = _BlockWords(old.body, new.body)
    modified, moved_modified = _pair_leftovers(aligned, removed, added, texts)
    modified = _with_pairs_by_kind(aligned, modified, moved_modified, removed, added, old, new)
    modified.extend(renumbered)
    inline = {pair: texts.inline_ops(*pair) for pair in (*modified, *moved_modified)}
    del texts  # its symbol table is the largest thing the diff holds
    ops: list[BlockOp] = []
    ops.extend(BlockOp(BlockOpKind.KEEP, i, j, old.body[i], new.body[j]) for i, j in kept)
    ops.extend(BlockOp(BlockOpKind.MOVE, i, j, old.body[i], new.body[j]) for i, j in moves)
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


def _pair_leftovers(
    kept: list[tuple[int, int]], removed: list[int], added: list[int], texts: _BlockWords
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Modified pairs (in order, inside one gap) and moved-and-modified pairs (anywhere)."""
    modified = _pair_in_gaps(kept, removed, added, texts)
    used_old = {i for i, _ in modified}
    used_new = {j for _, j in modified}
    old_left = [i for i in removed if i not in used_old]
    new_left = [j for j in added if j not in used_new]
    return modified, pair_moved(old_left, new_left, texts)


def _pair_in_gaps(
    kept: list[tuple[int, int]], removed: list[int], added: list[int], texts: _BlockWords
) -> list[tuple[int, int]]:
    """Modified pairs, in order, inside each gap between kept blocks.

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
        if not gap_old or not gap_new:
            continue
        # Word bags only live while their gap is paired: a whole code has thousands.
        old_bags = {i: texts.words(False, i) for i in gap_old}
        new_bags = {j: texts.words(True, j) for j in gap_new}
        scored = [
            (i, j, score)
            for i in gap_old
            for j in gap_new
            if alignment.bag_similarity(old_bags[i], new_bags[j]) >= SIMILARITY
            and (score := texts.similarity(i, j)) >= SIMILARITY
        ]
        modified.extend((i, j) for i, j, _ in alignment.pair_in_order(scored))
    return modified


class _BlockWords:
    """The blocks being paired, their encoded tokens and the word diffs between them.

    A block's tokens are kept as one symbol per token key (`SymbolTable`, folding whitespace
    into `WHITESPACE_KEY`), the compact form the pairing needs; the tokens themselves are cut
    again only for the pairs kept.
    """

    def __init__(self, old: tuple[Block, ...], new: tuple[Block, ...]) -> None:
        self._old, self._new = old, new
        self._table = table = SymbolTable(whitespace=WHITESPACE_KEY)
        self._space = table.encode([WHITESPACE_KEY])
        self._symbols: dict[tuple[bool, int], str] = {}
        self._runs: dict[tuple[int, int], list[tuple[Edit, int]]] = {}

    def symbols(self, is_new: bool, index: int) -> str:
        """The block's token keys, one symbol each."""
        key = (is_new, index)
        found = self._symbols.get(key)
        if found is None:
            text = (self._new if is_new else self._old)[index].text
            found = self._symbols[key] = self._table.encode(folded_tokens(text))
        return found

    def spelling(self, symbol: str) -> str:
        """The token key a symbol stands for."""
        return str(self._table.key(symbol))

    def words(self, is_new: bool, index: int) -> Counter[str]:
        """The block's words (token keys other than whitespace) as a multiset of symbols.

        Not kept: a multiset costs a dictionary, and the pairing needs few at a time.
        """
        words = Counter(self.symbols(is_new, index))
        del words[self._space]
        return words

    def word_sequence(self, is_new: bool, index: int) -> str:
        """The block's words (token keys other than whitespace) in order, one symbol each."""
        return self.symbols(is_new, index).replace(self._space, "")

    def vocabulary(self, is_new: bool, index: int) -> str:
        """The block's distinct words, one symbol each (in no particular order)."""
        return "".join(set(self.symbols(is_new, index)).difference(self._space))

    def word_count(self, is_new: bool, index: int) -> int:
        """The number of words (tokens other than whitespace) in the block."""
        symbols = self.symbols(is_new, index)
        return len(symbols) - symbols.count(self._space)

    def runs(self, old_index: int, new_index: int) -> list[tuple[Edit, int]]:
        """The word diff of two blocks (computed once)."""
        key = (old_index, new_index)
        found = self._runs.get(key)
        if found is None:
            found = self._runs[key] = symbol_runs(
                self.symbols(False, old_index), self.symbols(True, new_index), self._table
            )
        return found

    def similarity(self, old_index: int, new_index: int) -> float:
        """2 × (words kept by the word diff) / (words of both blocks)."""
        old, new, space = self.symbols(False, old_index), self.symbols(True, new_index), self._space
        common = position = 0
        for edit, length in self.runs(old_index, new_index):
            if edit is Edit.EQUAL:
                common += length - old.count(space, position, position + length)
            if edit is not Edit.INSERT:
                position += length
        total = len(old) - old.count(space) + len(new) - new.count(space)
        return 2 * common / total if total else 1.0

    def inline_ops(self, old_index: int, new_index: int) -> tuple[InlineOp, ...]:
        """The inline operations of a kept pair."""
        old, new = self._old[old_index], self._new[new_index]
        return inline_ops(
            old.content,
            new.content,
            tokens_and_keys(old.text)[0],
            tokens_and_keys(new.text)[0],
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
