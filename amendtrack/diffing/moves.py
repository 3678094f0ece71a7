"""Moved and modified blocks: the leftovers of the alignment paired anywhere in the document.

A block no gap paired may have moved and changed: its rare words find its candidates
(`amendtrack.diffing.alignment.rare_word_candidates`), the exact bounds of
`amendtrack.diffing.bounds` drop the candidates that cannot reach `MOVED_SIMILARITY` without
diffing them, and the others are scored by their word diff and taken greedily
(`amendtrack.diffing.alignment.pair_across`).
"""

from __future__ import annotations

from typing import Protocol

from amendtrack.diffing import alignment
from amendtrack.diffing.bounds import SimilarityBounds

MOVED_SIMILARITY = 0.6
"""Blocks in different places pair as a moved and modified block above this similarity."""
MOVED_MIN_WORDS = 5
"""…and only when both have at least this many words (short headings would pair at random)."""


class BlockTexts(Protocol):
    """The words of the blocks being paired (``is_new`` chooses the version) and their diffs."""

    def vocabulary(self, is_new: bool, index: int) -> str:
        """The block's distinct words, one symbol each."""

    def word_count(self, is_new: bool, index: int) -> int:
        """The number of words in the block."""

    def word_sequence(self, is_new: bool, index: int) -> str:
        """The block's words in order, one symbol each."""

    def spelling(self, symbol: str) -> str:
        """The word a symbol stands for."""

    def similarity(self, old_index: int, new_index: int) -> float:
        """2 × (words kept by the word diff) / (words of both blocks)."""


def pair_moved(old_left: list[int], new_left: list[int], texts: BlockTexts,
               ) -> list[tuple[int, int]]:
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
    bounds = SimilarityBounds(texts.word_sequence)
    across = [
        (i, j, score)
        for i, found in alignment.rare_word_candidates(old_vocabulary, new_vocabulary,
                                                       spelling=texts.spelling)
        for j in bounds.reachable(i, found, MOVED_SIMILARITY)
        if (score := texts.similarity(i, j)) >= MOVED_SIMILARITY
    ]
    return [(i, j) for i, j, _ in alignment.pair_across(across)]


__all__ = ["MOVED_MIN_WORDS", "MOVED_SIMILARITY", "BlockTexts", "pair_moved"]
