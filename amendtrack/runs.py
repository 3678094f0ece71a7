"""Runs: pieces of text that say what happened to them, and the helpers that cut them.

Part of the renderer API; import these names from `amendtrack.rendering`, which re-exports
them. A `Run` is text with its marks and its `Change`; `inline_runs` turns a block operation
into runs, `segments` groups them into what a renderer marks (whole words).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from amendtrack.model import LINE_BREAK, BlockOp, BlockOpKind, Inline, InlineOpKind, Mark


class Deletions(StrEnum):
    """Whether deleted text appears in the output."""

    SHOW = "show"
    HIDE = "hide"


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
    """The runs of one block operation, neighbouring runs of one kind and marks merged."""
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
    runs: list[Run] = []
    for inline in op.inline:
        match inline.kind:
            case InlineOpKind.EQUAL:
                runs.extend(runs_of(inline.new, Change.SAME))
            case InlineOpKind.INSERT:
                runs.extend(runs_of(inline.new, Change.ADDED))
            case InlineOpKind.DELETE:
                if deletions is Deletions.SHOW:
                    runs.extend(runs_of(inline.old, Change.DELETED))
            case InlineOpKind.FORMAT | InlineOpKind.TYPOGRAPHY | InlineOpKind.WHITESPACE:
                runs.extend(runs_of(inline.new, Change.ALTERED))
            case _ as unreachable:
                assert_never(unreachable)
    return tuple(runs)


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
                following = _first_char(groups[index + 1:])
                lead = lead if core and last and not last.isspace() else ()
                trail = trail if core and following and not following.isspace() else ()
            pieces = [(Change.SAME, lead), (change, core), (Change.SAME, trail)]
        for kind, piece in pieces:
            if piece:
                last = piece[-1].text[-1:] or last
                yield kind, piece


def _first_char(groups: list[tuple[Change, tuple[Run, ...]]]) -> str:
    # The first character NEW shows after a deletion (deleted text between is skipped).
    for change, group in groups:
        if change is Change.DELETED:
            continue
        text = "".join(run.text for run in group)
        if text:
            return text[0]
    return ""


def _trim_group(group: tuple[Run, ...]) -> tuple[tuple[Run, ...], tuple[Run, ...], tuple[Run, ...]]:
    text = "".join(run.text for run in group)
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
