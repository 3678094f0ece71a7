"""Runs: pieces of text that say what happened to them, and the helpers that cut them.

Part of the renderer API; import these names from `amendtrack.rendering.api`, which re-exports
them. A `Run` is text with its marks and its `Change`; `inline_runs` turns a block operation
into runs, `segments` groups them into what a renderer marks (whole words).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from typing import assert_never

from amendtrack.model import (
    LINE_BREAK,
    BlockOp,
    BlockOpKind,
    Inline,
    InlineOpKind,
    Mark,
    inline_text,
)
from amendtrack.rendering.api import Deletions
from amendtrack.rendering.kept_words import Side, changed_gaps


class Change(StrEnum):
    """What happened to a run of text, as a renderer shows it."""

    SAME = "same"
    """Unchanged text."""
    ADDED = "added"
    """Text NEW adds (an <ins>, bold in the act)."""
    DELETED = "deleted"
    """Text of OLD that NEW removes (a <del>; only present with `Deletions.SHOW`)."""
    ALTERED = "altered"
    """The same words in another form (formatting, typography, whitespace); NEW's form."""


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with its marks and what happened to it. ``"\\n"`` is a line break."""

    text: str
    marks: frozenset[Mark]
    change: Change


def runs_of(content: Inline, change: Change) -> tuple[Run, ...]:
    """Inline content as runs that all carry one change."""
    return tuple(Run(span.text, span.marks, change) for span in content)


def inline_runs(op: BlockOp, deletions: Deletions = Deletions.SHOW) -> tuple[Run, ...]:
    """The runs of one block operation, neighbouring runs of one kind and marks merged.

    A modified block shows changed words whole, punctuation attached: « [-123-1,-]{+123-1-9,+} »."""
    match op.kind:
        case BlockOpKind.KEEP:
            runs = runs_of(_content(op.new), Change.SAME)
        case BlockOpKind.INSERT:
            runs = runs_of(_content(op.new), Change.ADDED)
        case BlockOpKind.DELETE:
            runs = runs_of(_content(op.old), Change.DELETED)
            if deletions is Deletions.HIDE:
                runs = ()
        case BlockOpKind.MODIFY | BlockOpKind.MOVE:
            runs = _modified_runs(op, deletions) if op.inline else runs_of(
                _content(op.new), Change.SAME
            )
        case _ as unreachable:
            assert_never(unreachable)
    return merge_runs(runs)


def _content(block: object) -> Inline:
    content = getattr(block, "content", None)
    return () if content is None else content


def _modified_runs(op: BlockOp, deletions: Deletions) -> tuple[Run, ...]:
    # The core's inline ops are finer than words (punctuation and elided articles are tokens
    # of their own); a reader, and « rajout en gras », marks whole words: OLD's form of a
    # changed word struck out, NEW's added. The amendment keeps the fine ops (JSON, légistique).
    old, new = Side(), Side()
    fine: list[tuple[Run, bool, int]] = []  # a run, whether it is placed in NEW, its offset
    for inline in op.inline:
        aligned = inline.kind in _ALIGNED
        old_start, new_start = len(old.partner), len(new.partner)
        old.add(inline.old, aligned, new_start, len(inline_text(inline.new)))
        new.add(inline.new, aligned, old_start, len(inline_text(inline.old)),
                same=inline.kind is InlineOpKind.EQUAL and inline.old == inline.new)
        change = _CHANGES[inline.kind]
        in_new = change is not Change.DELETED
        start = new_start if in_new else old_start
        for run in runs_of(inline.new if in_new else inline.old, change):
            fine.append((run, in_new, start))
            start += len(run.text)
    # Pieces alternate: an unchanged stretch (even index), then a gap holding a change.
    gaps = changed_gaps(old, new)
    old_bounds = [*(end for gap in gaps for end in gap[:2]), len(old.partner)]
    new_bounds = [*(end for gap in gaps for end in gap[2:]), len(new.partner)]
    parts: list[list[Run]] = [[] for _ in old_bounds]
    for run, in_new, start in fine:
        if run.change is Change.DELETED and deletions is Deletions.HIDE:
            continue
        bounds, position = (new_bounds if in_new else old_bounds), start
        while position < start + len(run.text):
            index = bisect_right(bounds, position)
            end = min(bounds[index], start + len(run.text))
            text = run.text[position - start : end - start]
            parts[index].append(Run(text, run.marks, run.change))
            position = end
    runs: list[Run] = []
    for index, piece in enumerate(parts):
        if index % 2 == 0:
            runs.extend(piece)
        else:
            shown = tuple(run for run in piece if run.change is not Change.DELETED)
            runs.extend(_whole_words(old, new, gaps[index // 2], shown, deletions))
    return tuple(runs)


_ALIGNED = frozenset(InlineOpKind) - {InlineOpKind.INSERT, InlineOpKind.DELETE}
_CHANGES = {InlineOpKind.EQUAL: Change.SAME, InlineOpKind.INSERT: Change.ADDED,
            InlineOpKind.DELETE: Change.DELETED, InlineOpKind.FORMAT: Change.ALTERED,
            InlineOpKind.TYPOGRAPHY: Change.ALTERED, InlineOpKind.WHITESPACE: Change.ALTERED}
def _cut(side: Side, start: int, end: int, change: Change) -> list[Run]:
    """The runs of `side`'s characters start..end, with their marks."""
    runs: list[Run] = []
    index = max(bisect_right(side.offsets, start) - 1, 0)
    while index < len(side.spans) and side.offsets[index] < end:
        offset, span = side.offsets[index], side.spans[index]
        low, high = max(start - offset, 0), min(end - offset, len(span.text))
        if low < high:
            runs.append(Run(span.text[low:high], span.marks, change))
        index += 1
    return runs


def _whole_words(
    old: Side, new: Side, gap: tuple[int, int, int, int], shown: tuple[Run, ...],
    deletions: Deletions,
) -> tuple[Run, ...]:
    """A gap holding a change: OLD's words deleted, NEW's added, edge whitespace kept.

    `shown` are the fine runs of NEW's characters in the gap. Whitespace at the edges keeps
    its fine change where it was inserted (`segments` shows it as SAME; `runs` stay close to
    the amendment) and is SAME otherwise.
    """
    old_start, old_end, new_start, new_end = gap
    old_first, old_last = _words(old.text, old_start, old_end)
    first, last = (k - new_start for k in _words(new.text, new_start, new_end))
    if first == last:
        # Nothing added: the deletion keeps OLD's space on one side (`segments` sets it apart
        # from the words beside it, as for a deletion of the core); NEW's whitespace follows.
        deleted = (old_start, old_last) if old_start < old_first else (old_first, old_end)
        first = last = 0
    else:
        deleted = (old_first, old_last)
    removed = _cut(old, *deleted, Change.DELETED) if deletions is Deletions.SHOW else []
    return (
        *_edge(_slice(shown, 0, first)),
        *removed,
        *(Run(run.text, run.marks, Change.ADDED) for run in _slice(shown, first, last)),
        *_edge(_slice(shown, last, new_end - new_start)),
    )


def _edge(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    return tuple(run if run.change is Change.ADDED else _as_same((run,))[0] for run in runs)


def _words(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the words of text[start:end] start and end (equal when it has none)."""
    piece = text[start:end]
    first = start + len(piece) - len(piece.lstrip())
    return first, max(first, start + len(piece.rstrip()))


def merge_runs(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Drop empty runs and join neighbours with the same change and marks."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].change is run.change and merged[-1].marks == run.marks:
            merged[-1] = Run(merged[-1].text + run.text, run.marks, run.change)
        else:
            merged.append(run)
    return tuple(merged)


def change_groups(runs: Iterable[Run]) -> Iterator[tuple[Change, tuple[Run, ...]]]:
    """Consecutive runs grouped by change (marks may differ inside a group).

    One group of ADDED runs is one addition: one ``<ins>``, one ``**…**`` however many
    formats it crosses.
    """
    group: list[Run] = []
    for run in runs:
        if group and group[-1].change is not run.change:
            yield group[0].change, tuple(group)
            group = []
        group.append(run)
    if group:
        yield group[0].change, tuple(group)


def segments(runs: Iterable[Run]) -> Iterator[tuple[Change, tuple[Run, ...]]]:
    """Like `change_groups`, but an addition or deletion never starts or ends with whitespace.

    Whitespace at the edge of an addition is part of NEW's text and comes out as SAME. At the
    edge of a deletion it is left out (NEW's text keeps its own spaces), except where the
    deleted words would otherwise touch a word beside them: « élections␣complémentaires, »
    with « ␣complémentaires » deleted shows as « élections [-complémentaires-], », as wdiff
    does. An addition made of whitespace only comes out as SAME, a deletion of whitespace
    only not at all. This is what renderers mark: words, so a bold span or an ``<ins>``
    starts and ends on a word.
    """
    groups = list(change_groups(runs))
    last = ""  # the last character yielded
    for index, (change, group) in enumerate(groups):
        pieces: list[tuple[Change, tuple[Run, ...]]]
        if change not in (Change.ADDED, Change.DELETED):
            pieces = [(change, group)]
        else:
            lead, core, trail = _trim_group(group)
            if change is Change.DELETED:
                following = _first_char(groups, index + 1)
                lead = lead if core and last and not last.isspace() else ()
                trail = trail if core and following and not following.isspace() else ()
            pieces = [(Change.SAME, lead), (change, core), (Change.SAME, trail)]
        for kind, piece in pieces:
            if piece:
                last = piece[-1].text[-1:] or last
                yield kind, piece


def _first_char(groups: list[tuple[Change, tuple[Run, ...]]], start: int) -> str:
    # The first character NEW shows after a deletion (deleted text between is skipped).
    for change, group in islice(groups, start, None):
        if change is Change.DELETED:
            continue
        text = "".join(run.text for run in group)
        if text:
            return text[0]
    return ""


def _trim_group(group: tuple[Run, ...]) -> tuple[tuple[Run, ...], tuple[Run, ...], tuple[Run, ...]]:
    text = group[0].text if len(group) == 1 else "".join(run.text for run in group)
    if text and not text[0].isspace() and not text[-1].isspace():
        return (), group, ()  # the common case: nothing to trim
    stripped = text.strip()
    if not stripped:
        return _as_same(group), (), ()
    start = len(text) - len(text.lstrip())
    end = start + len(stripped)
    return (
        _as_same(_slice(group, 0, start)),
        _slice(group, start, end),
        _as_same(_slice(group, end, len(text))),
    )


def _slice(group: tuple[Run, ...], start: int, end: int) -> tuple[Run, ...]:
    pieces: list[Run] = []
    offset = 0
    for run in group:
        low, high = max(start - offset, 0), min(end - offset, len(run.text))
        if low < high:
            pieces.append(Run(run.text[low:high], run.marks, run.change))
        offset += len(run.text)
    return tuple(pieces)


def _as_same(group: tuple[Run, ...]) -> tuple[Run, ...]:
    return tuple(Run(run.text, run.marks, Change.SAME) for run in group)


def split_lines(runs: Iterable[Run]) -> list[list[Run]]:
    """Runs cut at line breaks: one list of runs per line (a block has at least one line)."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        pieces = run.text.split(LINE_BREAK)
        for index, piece in enumerate(pieces):
            if index:
                lines.append([])
            if piece:
                lines[-1].append(Run(piece, run.marks, run.change))
    return lines


__all__ = [
    "Change",
    "Deletions",
    "Run",
    "change_groups",
    "inline_runs",
    "merge_runs",
    "runs_of",
    "segments",
    "split_lines",
]
