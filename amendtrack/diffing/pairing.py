"""Pairing the blocks the alignment left over: modified in place, and moved and modified.

After `amendtrack.diffing.alignment.align` has kept the identical blocks, the removed and
added blocks are paired in two passes:

- inside each gap between kept blocks, in order (`alignment.pair_in_order`): a removed and an
  added block pair as a modification when their word similarity is at least `SIMILARITY`;
- then anywhere in the document (`alignment.pair_across`): blocks of at least
  `MOVED_MIN_WORDS` words that share one of their rarest words pair as a moved and modified
  block above `MOVED_SIMILARITY`.

Each candidate pair is checked with a bag-of-words bound first (for moved blocks, the exact
bounds of `amendtrack.diffing.bounds`: multiset, then longest common subsequence), then with
the word diff itself.
The work is linear in the document: a gap of up to `GAP_PAIRS` removed × added pairs (every gap
of the corpus) compares every pair, a larger one compares each block with the `BAND` blocks
nearest its place on the other side and with those sharing a rare word; among the blocks that
share a rare word, each block is compared with at most `alignment.NEAREST` of them, the
nearest to its place (`Places`). So a word that recurs in k blocks, as in a registry of similar
acts, makes at most 2 × NEAREST × k candidates, not k² (see docs/performance.md).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence

from amendtrack.diffing import alignment
from amendtrack.diffing.bounds import SimilarityBounds
from amendtrack.diffing.engine import Edit, SymbolTable
from amendtrack.diffing.inline import inline_ops
from amendtrack.diffing.tokens import WHITESPACE_KEY, folded_tokens, tokenize
from amendtrack.diffing.word_diff import symbol_runs
from amendtrack.model import Block, InlineOp

SIMILARITY = 0.5
"""Two blocks of one gap pair as a modification when 2·(common words)/(all words) ≥ this."""
MOVED_SIMILARITY = 0.6
"""Blocks in different places pair as a moved and modified block above this similarity."""
MOVED_MIN_WORDS = 5
"""…and only when both have at least this many words (short headings would pair at random)."""
GAP_PAIRS = 2_500
"""A gap with at most this many removed × added pairs compares them all (the corpus: ≤ 324)."""
BAND = 4
"""In a larger gap, each block is compared with this many blocks nearest its place."""

Pair = tuple[int, int]


def pair_leftovers(
    kept: Sequence[Pair], removed: list[int], added: list[int], texts: BlockWords
) -> tuple[list[Pair], list[Pair]]:
    """Modified pairs (in order, inside one gap) and moved-and-modified pairs (anywhere)."""
    places = Places(kept, len(texts.old), len(texts.new))
    modified = _pair_in_gaps(kept, removed, added, texts, places)
    used_old = {i for i, _ in modified}
    used_new = {j for _, j in modified}
    old_left = [i for i in removed if i not in used_old]
    new_left = [j for j in added if j not in used_new]
    return modified, _pair_moved(old_left, new_left, texts, places)


class Places:
    """Where a block of one side would stand on the other, from the kept blocks around it.

    Between two kept pairs (a, b) and (a', b'), old block i stands at b + (i - a)(b' - b)/(a' - a)
    among the new blocks, and the other way round: « the nearest » candidates are the nearest
    to that place, so that a moved block is looked for first where it was.
    """

    def __init__(self, kept: Sequence[Pair], old_size: int, new_size: int) -> None:
        self._old = [-1, *(i for i, _ in kept), old_size]
        self._new = [-1, *(j for _, j in kept), new_size]

    def of_old(self, index: int) -> float:
        """The place of old block `index` among the new blocks."""
        return _interpolate(index, self._old, self._new)

    def of_new(self, index: int) -> float:
        """The place of new block `index` among the old blocks."""
        return _interpolate(index, self._new, self._old)


def _interpolate(index: int, source: list[int], target: list[int]) -> float:
    after = bisect_right(source, index)
    before = after - 1
    if after == len(source):  # not expected: the last entry is the side's size
        return float(target[-1] + index - source[-1])
    span = source[after] - source[before]
    return target[before] + (index - source[before]) * (target[after] - target[before]) / span


def _pair_in_gaps(
    kept: Sequence[Pair], removed: list[int], added: list[int], texts: BlockWords,
    places: Places,
) -> list[Pair]:
    """Modified pairs, in order, inside each gap between kept blocks."""
    kept_old = [i for i, _ in kept]
    kept_new = [j for _, j in kept]
    gaps: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in removed:
        gaps[bisect_left(kept_old, i)][0].append(i)
    for j in added:
        gaps[bisect_left(kept_new, j)][1].append(j)
    modified: list[Pair] = []
    for gap_old, gap_new in gaps.values():
        if not gap_old or not gap_new:
            continue
        # Word bags only live while their gap is paired (a whole code has thousands), and are
        # made only for the blocks of a pair whose sizes allow the similarity.
        bags: dict[tuple[bool, int], Counter[str]] = {}
        scored = [
            (i, j, score)
            for i, j in _gap_candidates(gap_old, gap_new, texts, places)
            if _bags_allow(texts, bags, i, j)
            and (score := texts.similarity(i, j, SIMILARITY)) >= SIMILARITY
        ]
        modified.extend((i, j) for i, j, _ in alignment.pair_in_order(scored))
    return modified


def _bags_allow(texts: BlockWords, bags: dict[tuple[bool, int], Counter[str]], old_index: int,
                new_index: int) -> bool:
    """Whether blocks can reach `SIMILARITY` by their word bags (upper bounds of the similarity
    by the word diff): first by their sizes alone, 2·min(a, b)/(a + b), then by the bags
    themselves (made once per block of the gap, in `bags`)."""
    old_size, new_size = texts.word_count(False, old_index), texts.word_count(True, new_index)
    total = old_size + new_size
    if total and 2 * min(old_size, new_size) / total < SIMILARITY:
        return False
    old_bag = bags.get((False, old_index))
    if old_bag is None:
        old_bag = bags[False, old_index] = texts.words(False, old_index)
    new_bag = bags.get((True, new_index))
    if new_bag is None:
        new_bag = bags[True, new_index] = texts.words(True, new_index)
    return alignment.bag_similarity(old_bag, new_bag, total) >= SIMILARITY


def _gap_candidates(gap_old: list[int], gap_new: list[int], texts: BlockWords,
                    places: Places) -> list[Pair]:
    """Every pair of a small gap; in a large one, the pairs near the diagonal or sharing a
    rare word (so the work stays linear in the size of the gap)."""
    if len(gap_old) * len(gap_new) <= GAP_PAIRS:
        return [(i, j) for i in gap_old for j in gap_new]
    nearest = alignment.nearest
    pairs = {(i, j) for i in gap_old for j in nearest(gap_new, places.of_old(i), BAND)}
    pairs.update((i, j) for j in gap_new for i in nearest(gap_old, places.of_new(j), BAND))
    pairs.update(alignment.rare_word_pairs(
        {i: texts.vocabulary(False, i) for i in gap_old},
        {j: texts.vocabulary(True, j) for j in gap_new},
        spelling=texts.spelling, old_place=places.of_old, new_place=places.of_new,
    ))
    return sorted(pairs)


def _pair_moved(old_left: list[int], new_left: list[int], texts: BlockWords,
                places: Places) -> list[Pair]:
    """Moved-and-modified pairs among the blocks no gap paired, anywhere in the document."""
    old_vocabulary = {
        i: texts.vocabulary(False, i)
        for i in old_left
        if texts.word_count(False, i) >= MOVED_MIN_WORDS
    }
    new_vocabulary = {
        j: texts.vocabulary(True, j)
        for j in new_left
        if texts.word_count(True, j) >= MOVED_MIN_WORDS
    }
    candidates = alignment.rare_word_pairs(
        old_vocabulary, new_vocabulary, spelling=texts.spelling,
        old_place=places.of_old, new_place=places.of_new,
    )
    del old_vocabulary, new_vocabulary
    # The exact bounds (multiset, then longest common subsequence) drop the candidates that
    # cannot reach the threshold before any word diff; each old block's data is built once.
    by_old: dict[int, list[int]] = defaultdict(list)
    for i, j in candidates:
        by_old[i].append(j)
    bounds = SimilarityBounds(texts.word_sequence)
    across = [
        (i, j, score)
        for i, found in by_old.items()
        for j in bounds.reachable(i, found, MOVED_SIMILARITY)
        if (score := texts.similarity(i, j, MOVED_SIMILARITY)) >= MOVED_SIMILARITY
    ]
    return [(i, j) for i, j, _ in alignment.pair_across(across)]


class BlockWords:
    """The blocks being paired, their encoded tokens and the word diffs between them.

    A block's tokens are kept as one symbol per token key (`SymbolTable`, folding whitespace
    into `WHITESPACE_KEY`), the compact form the pairing needs; the tokens themselves are cut
    again only for the pairs kept. Word diffs are kept only for pairs similar enough to be
    chosen; the similarity of every pair compared is kept (a float), so none is diffed twice.
    """

    def __init__(self, old: tuple[Block, ...], new: tuple[Block, ...]) -> None:
        self.old, self.new = old, new
        self._table = table = SymbolTable(whitespace=WHITESPACE_KEY)
        self._space = table.encode([WHITESPACE_KEY])
        self._symbols: dict[tuple[bool, int], str] = {}
        self._runs: dict[Pair, list[tuple[Edit, int]]] = {}
        self._scores: dict[Pair, float] = {}

    def symbols(self, is_new: bool, index: int) -> str:
        """The block's token keys, one symbol each."""
        key = (is_new, index)
        found = self._symbols.get(key)
        if found is None:
            text = (self.new if is_new else self.old)[index].text
            found = self._symbols[key] = self._table.encode(folded_tokens(text))
        return found

    def spelling(self, symbol: str) -> str:
        """The token key a symbol stands for."""
        return str(self._table.key(symbol))

    def words(self, is_new: bool, index: int) -> Counter[str]:
        """The block's words (token keys other than whitespace) as a multiset of symbols."""
        words = Counter(self.symbols(is_new, index))
        del words[self._space]
        return words

    def word_sequence(self, is_new: bool, index: int) -> str:
        """The block's words (token keys other than whitespace) in order, one symbol each
        (what `amendtrack.diffing.bounds` reads)."""
        return self.symbols(is_new, index).replace(self._space, "")

    def vocabulary(self, is_new: bool, index: int) -> str:
        """The block's distinct words, one symbol each (in no particular order)."""
        distinct = set(self.symbols(is_new, index))
        distinct.discard(self._space)
        return "".join(distinct)

    def word_count(self, is_new: bool, index: int) -> int:
        """The number of words (tokens other than whitespace) in the block."""
        symbols = self.symbols(is_new, index)
        return len(symbols) - symbols.count(self._space)

    def runs(self, old_index: int, new_index: int) -> list[tuple[Edit, int]]:
        """The word diff of two blocks (computed once for a pair that is kept)."""
        key = (old_index, new_index)
        found = self._runs.get(key)
        if found is None:
            found = symbol_runs(
                self.symbols(False, old_index), self.symbols(True, new_index), self._table
            )
        return found

    def similarity(self, old_index: int, new_index: int, keep: float = 0.0) -> float:
        """2 × (words kept by the word diff) / (words of both blocks).

        The word diff is kept for `inline_ops` when the similarity reaches `keep`.
        """
        key = (old_index, new_index)
        score = self._scores.get(key)
        if score is not None:
            return score
        runs = self.runs(old_index, new_index)
        old, new, space = self.symbols(False, old_index), self.symbols(True, new_index), self._space
        common = position = 0
        for edit, length in runs:
            if edit is Edit.EQUAL:
                common += length - old.count(space, position, position + length)
            if edit is not Edit.INSERT:
                position += length
        total = len(old) - old.count(space) + len(new) - new.count(space)
        score = self._scores[key] = 2 * common / total if total else 1.0
        if score >= keep:
            self._runs[key] = runs
        return score

    def inline_ops(self, old_index: int, new_index: int) -> tuple[InlineOp, ...]:
        """The inline operations of a kept pair."""
        old, new = self.old[old_index], self.new[new_index]
        return inline_ops(
            old.content,
            new.content,
            # The tokens of the text itself: folding never moves a token boundary
            # (`amendtrack.diffing.tokens.tokens_and_keys`), so they match the symbols.
            tokenize(old.text),
            tokenize(new.text),
            self.runs(old_index, new_index),
        )


__all__ = [
    "BAND",
    "GAP_PAIRS",
    "MOVED_MIN_WORDS",
    "MOVED_SIMILARITY",
    "SIMILARITY",
    "BlockWords",
    "Places",
    "pair_leftovers",
]

