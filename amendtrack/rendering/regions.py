"""Changes close together read as one: « ~~22 voix pour et 2 abstentions~~ **21 voix pour, 2 contre
et 1 abstention** » rather than a word-by-word interleaving.

The word diff is exact and minimal, so a rewritten vote formula comes out as a string of small
replacements between the words both versions share (« par ~~22~~ **21** voix ~~pour et~~ **pour,**
2 … »). An act is read by councillors: `coalesce` joins changes separated only by a short
unchanged stretch (`GAP_WORDS` words at most, no line break) into one region, its old words
struck through then its new words in bold. The text on each side is unchanged (OLD's words
are the struck and unchanged ones, NEW's the bold and unchanged ones), so an act read back
gives the same versions.
"""

from __future__ import annotations

from collections.abc import Iterable

from amendtrack.model import LINE_BREAK
from amendtrack.rendering.runs import Change, Run, change_groups, merge_runs

GAP_WORDS = 2
"""An unchanged stretch of at most this many words between two changes is part of the region."""
_CHANGES = frozenset({Change.ADDED, Change.DELETED})


def coalesce(runs: Iterable[Run], gap_words: int = GAP_WORDS) -> tuple[Run, ...]:
    """The runs with changes separated by short unchanged stretches joined into regions."""
    groups = list(change_groups(runs))
    out: list[Run] = []
    index = 0
    while index < len(groups):
        change, group = groups[index]
        if change not in _CHANGES:
            out.extend(group)
            index += 1
            continue
        end = _region_end(groups, index, gap_words)
        region = groups[index:end]
        if sum(1 for kind, _ in region if kind in _CHANGES) < 2 or not (
                {kind for kind, _ in region} >= _CHANGES):
            out.extend(group)  # a lone change, or changes of one kind: nothing to join
            index += 1
            continue
        out.extend(_side(region, Change.DELETED))
        out.extend(_side(region, Change.ADDED))
        index = end
    return merge_runs(out)


def _region_end(groups: list[tuple[Change, tuple[Run, ...]]], start: int, gap_words: int) -> int:
    """The index after the last change reachable from `start` through short unchanged gaps."""
    end = start + 1
    probe = start + 1
    while probe < len(groups):
        change, group = groups[probe]
        if change in _CHANGES:
            end = probe = probe + 1
            continue
        text = "".join(run.text for run in group)
        if change is not Change.SAME or LINE_BREAK in text or len(text.split()) > gap_words:
            break
        if probe + 1 >= len(groups) or groups[probe + 1][0] not in _CHANGES:
            break
        probe += 1
    return end


def _side(region: list[tuple[Change, tuple[Run, ...]]], side: Change) -> list[Run]:
    """One side of a region: its runs of that change, and its unchanged runs as that change."""
    return [Run(run.text, run.marks, side) for change, group in region
            if change is side or change is Change.SAME for run in group]


__all__ = ["GAP_WORDS", "coalesce"]
