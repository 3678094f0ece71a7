"""Aligning the blocks of two versions, and pairing the blocks left over.

`align` matches identical blocks in order: common prefix and suffix, then patience anchors
(blocks that occur exactly once on each side, kept in their longest increasing order), recursing
between anchors; a stretch with no unique block falls back to a minimal edit script
(diff-match-patch through `amendtrack.diffing.engine`). Everything is linear or n log n except that
fallback, which only sees the stretches between anchors.

`pair_in_order` then pairs removed and added blocks inside one gap, keeping their order, and
`pair_across` pairs what is left anywhere in the document (moved and modified blocks). Both
take candidate pairs scored by the caller (`amendtrack.diffing.pairing`) and are exact over
them; `rare_word_pairs` proposes the candidates of the document-wide search, a bounded number
per block (`NEAREST`), so that the search stays linear however often words recur.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping, Sequence
from itertools import chain

from amendtrack.diffing.engine import Edit, SymbolTable, diff_keys

Pair = tuple[int, int]
"""An old index and a new index."""


def align(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Pair]:
    """Index pairs of equal items, increasing on both sides (a common subsequence)."""
    pairs: list[Pair] = []
    _align(old, new, 0, len(old), 0, len(new), pairs, SymbolTable())
    return pairs


def _align(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    old_lo: int,
    old_hi: int,
    new_lo: int,
    new_hi: int,
    pairs: list[Pair],
    table: SymbolTable,
) -> None:
    while old_lo < old_hi and new_lo < new_hi and old[old_lo] == new[new_lo]:
        pairs.append((old_lo, new_lo))
        old_lo += 1
        new_lo += 1
    suffix: list[Pair] = []
    while old_hi > old_lo and new_hi > new_lo and old[old_hi - 1] == new[new_hi - 1]:
        old_hi -= 1
        new_hi -= 1
        suffix.append((old_hi, new_hi))
    if old_lo < old_hi and new_lo < new_hi:
        anchors = _unique_anchors(old, new, old_lo, old_hi, new_lo, new_hi)
        if anchors:
            start_old, start_new = old_lo, new_lo
            for old_index, new_index in anchors:
                _align(old, new, start_old, old_index, start_new, new_index, pairs, table)
                pairs.append((old_index, new_index))
                start_old, start_new = old_index + 1, new_index + 1
            _align(old, new, start_old, old_hi, start_new, new_hi, pairs, table)
        else:
            _minimal(old, new, old_lo, old_hi, new_lo, new_hi, pairs, table)
    pairs.extend(reversed(suffix))


def _unique_anchors(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    old_lo: int,
    old_hi: int,
    new_lo: int,
    new_hi: int,
) -> list[Pair]:
    old_counts = Counter(old[old_lo:old_hi])
    new_positions: dict[Hashable, int] = {}
    new_counts: Counter[Hashable] = Counter()
    for index in range(new_lo, new_hi):
        key = new[index]
        if old_counts.get(key) == 1:
            new_counts[key] += 1
            new_positions[key] = index
    candidates = [
        (index, new_positions[old[index]])
        for index in range(old_lo, old_hi)
        if old_counts[old[index]] == 1 and new_counts.get(old[index]) == 1
    ]
    return longest_increasing(candidates)


def longest_increasing(pairs: Sequence[Pair]) -> list[Pair]:
    """The longest subsequence of `pairs` (sorted by old index) increasing in new index.

    Patience sorting; among equally long answers it keeps the one with the smallest new
    indices, so when a block could be either kept or moved, the later one is the move.
    """
    tails: list[int] = []
    tail_items: list[int] = []
    previous: list[int] = []
    for item, (_, new_index) in enumerate(pairs):
        pile = bisect_left(tails, new_index)
        previous.append(tail_items[pile - 1] if pile else -1)
        if pile == len(tails):
            tails.append(new_index)
            tail_items.append(item)
        else:
            tails[pile] = new_index
            tail_items[pile] = item
    chain: list[Pair] = []
    item = tail_items[-1] if tail_items else -1
    while item >= 0:
        chain.append(pairs[item])
        item = previous[item]
    chain.reverse()
    return chain


def _minimal(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    old_lo: int,
    old_hi: int,
    new_lo: int,
    new_hi: int,
    pairs: list[Pair],
    table: SymbolTable,
) -> None:
    old_index, new_index = old_lo, new_lo
    for run in diff_keys(old[old_lo:old_hi], new[new_lo:new_hi], table):
        if run.edit is Edit.EQUAL:
            pairs.extend((old_index + k, new_index + k) for k in range(run.length))
            old_index += run.length
            new_index += run.length
        elif run.edit is Edit.DELETE:
            old_index += run.length
        else:
            new_index += run.length


# --- pairing leftovers ------------------------------------------------------------------------

ScoredPair = tuple[int, int, float]
"""An old index, a new index and a similarity in (0, 1]."""


def pair_in_order(candidates: Sequence[ScoredPair]) -> list[ScoredPair]:
    """The non-crossing subset of `candidates` with the greatest total similarity.

    Exact (a maximum-weight increasing subsequence), in O(n log n) over the candidates, so a
    gap of any size is paired without a bound.
    """
    ordered = sorted(candidates, key=lambda pair: (pair[0], -pair[1]))
    new_values = sorted({pair[1] for pair in ordered})
    rank = {value: position + 1 for position, value in enumerate(new_values)}
    size = len(new_values)
    tree_best = [0.0] * (size + 1)
    tree_item = [-1] * (size + 1)
    best_total: list[float] = []
    previous: list[int] = []
    for item, (_, new_index, score) in enumerate(ordered):
        # Best chain ending with a new index strictly smaller (Fenwick prefix maximum).
        position = rank[new_index] - 1
        total, before = 0.0, -1
        while position > 0:
            if tree_best[position] > total:
                total, before = tree_best[position], tree_item[position]
            position -= position & -position
        best_total.append(total + score)
        previous.append(before)
        position = rank[new_index]
        while position <= size:
            if best_total[item] > tree_best[position]:
                tree_best[position], tree_item[position] = best_total[item], item
            position += position & -position
    if not ordered:
        return []
    item = max(range(len(ordered)), key=lambda k: (best_total[k], -k))
    chain: list[ScoredPair] = []
    while item >= 0:
        chain.append(ordered[item])
        item = previous[item]
    chain.reverse()
    return chain


def pair_across(candidates: Sequence[ScoredPair]) -> list[ScoredPair]:
    """Pairs taken greedily by decreasing similarity, each index used once (order ignored)."""
    used_old: set[int] = set()
    used_new: set[int] = set()
    chosen: list[ScoredPair] = []
    for old_index, new_index, score in sorted(candidates, key=lambda p: (-p[2], p[0], p[1])):
        if old_index in used_old or new_index in used_new:
            continue
        used_old.add(old_index)
        used_new.add(new_index)
        chosen.append((old_index, new_index, score))
    return chosen


def bag_similarity(old: Counter[str], new: Counter[str], total: int | None = None) -> float:
    """Dice similarity of two word multisets: an upper bound of the similarity by LCS.

    `total`, when the caller knows it, is the number of words of both.
    """
    if total is None:
        total = old.total() + new.total()
    if not total:
        return 1.0
    common = 0
    for word in old.keys() & new.keys():  # the set of shared words is built in C
        count, other = old[word], new[word]
        common += count if count < other else other
    return 2 * common / total


NEAREST = 2
"""Of the blocks that share a rare word, each block is compared with at most this many."""


def rare_word_pairs(
    old: Mapping[int, Collection[str]],
    new: Mapping[int, Collection[str]],
    per_block: int = 3,
    spelling: Callable[[str], str] = str,
    *,
    neighbours: int = NEAREST,
    old_place: Callable[[int], float] = float,
    new_place: Callable[[int], float] = float,
) -> list[Pair]:
    """Pairs of blocks that share one of the `per_block` rarest words of each (`old` and `new`
    give each block's distinct words).

    Used to look for moved and modified blocks anywhere in the document without comparing
    every pair: two versions of one alinéa share its rare words (names, references). Equally
    rare words are taken in the order of their `spelling` (the word itself, or the key an
    encoded word stands for).

    The candidates are bounded per block, so the search is linear in the document: of the
    blocks on the other side that have the word among their rarest, each block takes the
    `neighbours` nearest to its place there (`old_place(i)` is where old block i would stand among
    the new blocks, `new_place(j)` the reverse; ties go to the earlier block). A word in k
    blocks then makes at most 2 × neighbours × k pairs instead of k²; when no word is shared by
    more than `neighbours` blocks of a side, the pairs are all the pairs sharing a rare word.
    """
    old_rarest, new_rarest = _rarest_words(old, new, per_block, spelling)
    pairs = set(_near(old_rarest, _postings(new_rarest), old_place, neighbours))
    pairs.update((i, j) for j, i in _near(new_rarest, _postings(old_rarest), new_place,
                                          neighbours))
    return sorted(pairs)


def _near(rarest: Mapping[int, list[str]], postings: Mapping[str, list[int]],
          place: Callable[[int], float], neighbours: int) -> Iterator[Pair]:
    """(block, other) for each block and the `neighbours` others nearest its place that hold
    one of its rare words (`postings`: the other side's blocks by rare word)."""
    for block, words in rarest.items():
        where = place(block)
        for word in words:
            found = postings.get(word)
            if found:
                yield from ((block, other) for other in nearest(found, where, neighbours))


def _rarest_words(
    old: Mapping[int, Collection[str]],
    new: Mapping[int, Collection[str]],
    per_block: int,
    spelling: Callable[[str], str],
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The `per_block` words of each block that occur in the fewest blocks of both sides
    (each block's words are distinct)."""
    frequency = Counter(chain.from_iterable(chain(old.values(), new.values())))
    count = frequency.__getitem__

    def rarest(words: Collection[str]) -> list[str]:
        if len(words) <= per_block:
            return list(words)
        counts = sorted(map(count, words))
        cut = counts[per_block - 1]
        if len(counts) == per_block or counts[per_block] > cut:
            return [word for word in words if count(word) <= cut]  # no tie at the cut
        # Spell out only the words tied at the cut (spelling may be a look-up).
        rarer = [word for word in words if count(word) < cut]
        tied = sorted([word for word in words if count(word) == cut], key=spelling)
        return rarer + tied[: per_block - len(rarer)]

    return (
        {index: rarest(words) for index, words in old.items()},
        {index: rarest(words) for index, words in new.items()},
    )


def _postings(rarest: Mapping[int, list[str]]) -> dict[str, list[int]]:
    """For each word, the blocks that have it among their rarest, in increasing order."""
    postings: dict[str, list[int]] = defaultdict(list)
    for block in sorted(rarest):
        for word in rarest[block]:
            postings[word].append(block)
    return postings


def nearest(indices: Sequence[int], place: float, count: int) -> Sequence[int]:
    """The `count` items of increasing `indices` closest to `place` (ties: the smaller)."""
    if len(indices) <= count:
        return indices
    after = bisect_left(indices, place)
    before = after - 1
    chosen: list[int] = []
    while len(chosen) < count:
        if after >= len(indices) or (
            before >= 0 and place - indices[before] <= indices[after] - place
        ):
            chosen.append(indices[before])
            before -= 1
        else:
            chosen.append(indices[after])
            after += 1
    return chosen


def rare_word_candidates(
    old: Mapping[int, Collection[str]],
    new: Mapping[int, Collection[str]],
    per_block: int = 3,
    spelling: Callable[[str], str] = str,
) -> list[tuple[int, list[int]]]:
    """For each old block (in order), all the new blocks (in order) sharing one of its rare
    words (the `per_block` rarest of each, as in `rare_word_pairs`, which bounds them)."""
    old_rarest, new_rarest = _rarest_words(old, new, per_block, spelling)
    postings = _postings(new_rarest)
    candidates: list[tuple[int, list[int]]] = []
    for old_index in sorted(old_rarest):
        found: set[int] = set()
        for word in old_rarest[old_index]:
            found.update(postings.get(word, ()))
        if found:
            candidates.append((old_index, sorted(found)))
    return candidates


__all__ = [
    "NEAREST",
    "Pair",
    "ScoredPair",
    "align",
    "bag_similarity",
    "longest_increasing",
    "nearest",
    "pair_across",
    "pair_in_order",
    "rare_word_candidates",
    "rare_word_pairs",
]
