"""The bounds that let moved blocks skip word diffs: exact, never below the similarity."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.diffing import alignment
from amendtrack.diffing.bounds import (
    SimilarityBounds,
    common_subsequence,
    occurrences,
    word_masks,
)
from amendtrack.diffing.pairing import MOVED_SIMILARITY
from amendtrack.diffing.pairing import BlockWords as _BlockWords
from amendtrack.model import Block, BlockKind, plain

WORDS = st.text(alphabet="abcdé\u4e00", max_size=60)
"""Sequences of words, one symbol each (a few distinct ones, so that they repeat)."""


def lcs_by_table(old: str, new: str) -> int:
    """The longest common subsequence by the textbook dynamic programme."""
    row = [0] * (len(new) + 1)
    for letter in old:
        previous = 0
        for k, other in enumerate(new, 1):
            previous, row[k] = row[k], (previous + 1 if letter == other
                                        else max(row[k], row[k - 1]))
    return row[-1]


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS)
def test_the_bit_parallel_subsequence_is_the_longest(old: str, new: str) -> None:
    assert common_subsequence(old, word_masks(old), new) == lcs_by_table(old, new)


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS)
def test_occurrence_sets_intersect_as_multisets(old: str, new: str) -> None:
    assert len(occurrences(old) & occurrences(new)) == (Counter(old) & Counter(new)).total()
    if old or new:
        bag = alignment.bag_similarity(Counter(old), Counter(new))
        assert 2 * len(occurrences(old) & occurrences(new)) / (len(old) + len(new)) == bag


def test_a_word_repeated_many_times_counts_each_time() -> None:
    assert len(occurrences("a" * 5000) & occurrences("a" * 3000 + "b")) == 3000


SENTENCES = st.lists(st.sampled_from(["le", "conseil", "vote", "la", "subvention", "de",
                                      "l’association", "euros", "1 200", "adopte"]),
                     min_size=0, max_size=25).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(SENTENCES, min_size=1, max_size=4), st.lists(SENTENCES, min_size=1, max_size=4),
       st.sampled_from([0.3, 0.5, MOVED_SIMILARITY, 0.9]))
def test_no_pair_that_reaches_the_threshold_is_dropped(
    old: list[str], new: list[str], threshold: float
) -> None:
    def blocks(texts: list[str]) -> tuple[Block, ...]:
        return tuple(Block(f"p{n}", BlockKind.PARAGRAPH, plain(text))
                     for n, text in enumerate(texts))

    texts = _BlockWords(blocks(old), blocks(new))
    bounds = SimilarityBounds(texts.word_sequence)
    for i in range(len(old)):
        kept = bounds.reachable(i, range(len(new)), threshold)
        reaching = [j for j in range(len(new)) if texts.similarity(i, j) >= threshold]
        assert set(reaching) <= set(kept), (old[i], [new[j] for j in reaching])


def test_far_apart_blocks_are_dropped_without_a_word_diff() -> None:
    # Same words, another order: the multiset bound passes, the sequence bound does not.
    old = Block("p1", BlockKind.PARAGRAPH, plain("un deux trois quatre cinq six sept huit"))
    new = Block("p2", BlockKind.PARAGRAPH, plain("huit sept six cinq quatre trois deux un"))
    texts = _BlockWords((old,), (new,))
    assert SimilarityBounds(texts.word_sequence).reachable(0, [0], MOVED_SIMILARITY) == []
    assert SimilarityBounds(texts.word_sequence).reachable(0, [0], 0.1) == [0]  # 2 × 1 / 16
