"""Block alignment and pairing."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.diffing.alignment import (
    NEAREST,
    align,
    longest_increasing,
    nearest,
    pair_across,
    pair_in_order,
    rare_word_pairs,
)


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


def test_nearest_takes_the_closest_indices_and_the_earlier_on_a_tie() -> None:
    assert list(nearest([1, 5, 9, 20], 8.0, 2)) == [9, 5]
    assert list(nearest([1, 5, 9, 20], 7.0, 2)) == [5, 9]
    assert list(nearest([1, 5, 9, 20], 100.0, 3)) == [20, 9, 5]
    assert list(nearest([1, 5], 3.0, 4)) == [1, 5]


@st.composite
def _vocabularies(draw: st.DrawFn) -> dict[int, list[str]]:
    size = draw(st.integers(0, 12))
    words = st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), unique=True, max_size=6)
    return {index: draw(words) for index in sorted(draw(st.sets(st.integers(0, 60),
                                                                 max_size=size)))}


def _exhaustive(old: dict[int, list[str]], new: dict[int, list[str]]) -> set[tuple[int, int]]:
    """Every pair sharing a rare word (no bound): what the bounded search must equal."""
    chosen_old = _rarest_of(old, new, old)
    chosen_new = _rarest_of(old, new, new)
    return {(i, j) for i in old for j in new if set(chosen_old[i]) & set(chosen_new[j])}


def _rarest_of(old: dict[int, list[str]], new: dict[int, list[str]],
               side: dict[int, list[str]]) -> dict[int, list[str]]:
    frequency = Counter(w for words in [*old.values(), *new.values()] for w in set(words))
    return {index: sorted(words, key=lambda w: (frequency[w], w))[:3]
            for index, words in side.items()}


@settings(max_examples=300, deadline=None)
@given(_vocabularies(), _vocabularies())
def test_rare_word_pairs_are_every_pair_sharing_a_rare_word_when_words_are_rare(
    old: dict[int, list[str]], new: dict[int, list[str]]
) -> None:
    pairs = set(rare_word_pairs(old, new))
    rarest_old, rarest_new = _rarest_of(old, new, old), _rarest_of(old, new, new)
    for word in {w for words in [*rarest_old.values(), *rarest_new.values()] for w in words}:
        holders_old = [i for i, words in rarest_old.items() if word in words]
        holders_new = [j for j, words in rarest_new.items() if word in words]
        shared = {(i, j) for i in holders_old for j in holders_new}
        if len(holders_old) <= NEAREST and len(holders_new) <= NEAREST:
            assert shared <= pairs  # a word in few blocks: every pair it makes is a candidate
    assert pairs <= _exhaustive(old, new)  # and never a pair without a shared rare word


def test_a_word_recurring_in_many_blocks_makes_a_linear_number_of_pairs() -> None:
    # Block k of each side holds the word "loi" and its own number: like one alinéa copied
    # into k acts of a registry. Without a bound, "loi" would pair every block with every one.
    copies = 200
    old = {k: ["loi", f"n{k}"] for k in range(copies)}
    new = {k: ["loi", f"x{k}"] for k in range(copies)}
    pairs = rare_word_pairs(old, new, per_block=2)
    assert len(pairs) <= 2 * NEAREST * copies
    assert {(k, k) for k in range(copies)} <= set(pairs)  # its own copy is the nearest


def test_each_block_is_paired_with_the_blocks_nearest_its_place() -> None:
    old = {0: ["rare"]}
    new = {j: ["rare"] for j in range(0, 100, 10)}
    pairs = rare_word_pairs(old, new, old_place=lambda index: 42.0)
    assert {j for i, j in pairs if i == 0} >= {40, 50}
    # Each new block also takes its nearest old one: the lone old block.
    assert {j for _, j in pairs} == set(range(0, 100, 10))
