"""Block alignment and pairing."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.diffing.alignment import align, longest_increasing, pair_across, pair_in_order


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=40), st.lists(st.integers(0, 6), max_size=40))
def test_align_gives_increasing_pairs_of_equal_items(old: list[int], new: list[int]) -> None:
    pairs = align(old, new)
    assert all(old[i] == new[j] for i, j in pairs)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(pairs))


def test_align_keeps_every_unchanged_paragraph_around_an_insertion() -> None:
    old = ["a", "b", "c", "d"]
    new = ["a", "x", "b", "c", "d"]
    assert align(old, new) == [(0, 0), (1, 2), (2, 3), (3, 4)]


def test_longest_increasing_prefers_small_new_indices() -> None:
    assert longest_increasing([(0, 0), (1, 3), (2, 2), (3, 4)]) == [(0, 0), (2, 2), (3, 4)]


def test_pair_in_order_maximises_total_similarity_without_crossing() -> None:
    chosen = pair_in_order([(0, 1, 0.9), (1, 0, 0.6), (1, 2, 0.5), (2, 2, 0.7)])
    assert chosen == [(0, 1, 0.9), (2, 2, 0.7)]


def test_pair_across_is_greedy_by_similarity() -> None:
    assert pair_across([(0, 5, 0.7), (0, 6, 0.9), (1, 6, 0.8)]) == [(0, 6, 0.9)]
