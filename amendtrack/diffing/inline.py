"""Inline operations of a modified block, from its word diff.

`amendtrack.diffing.word_diff.token_runs` says which tokens are kept, deleted and inserted;
`inline_ops` turns those runs into the model's inline operations over the blocks' inline content
(spans with marks), telling formatting, typography and whitespace changes apart from real insertions
and deletions.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from amendtrack.diffing.engine import Edit
from amendtrack.french.typography import classify
from amendtrack.model import Inline, InlineOp, InlineOpKind, Span, inline_text, normalise_inline


class _Slicer:
    """Character ranges of inline content, as inline content."""

    def __init__(self, content: Inline) -> None:
        self._content = content
        self._starts: list[int] = []
        position = 0
        for span in content:
            self._starts.append(position)
            position += len(span.text)

    def __call__(self, start: int, end: int) -> Inline:
        if start >= end:
            return ()
        first = max(bisect_left(self._starts, start + 1) - 1, 0)
        pieces: list[Span] = []
        for index in range(first, len(self._content)):
            span_start = self._starts[index]
            if span_start >= end:
                break
            span = self._content[index]
            pieces.append(
                Span(span.text[max(start - span_start, 0) : end - span_start], span.marks)
            )
        return normalise_inline(pieces)


def inline_ops(
    old: Inline,
    new: Inline,
    old_tokens: list[str],
    new_tokens: list[str],
    runs: list[tuple[Edit, int]],
) -> tuple[InlineOp, ...]:
    """Inline operations of a modified block from its word diff (`token_runs`)."""
    old_slice, new_slice = _Slicer(old), _Slicer(new)
    old_bounds = _bounds(old_tokens)
    new_bounds = _bounds(new_tokens)
    ops: list[InlineOp] = []
    o = n = 0  # token positions
    for edit, length in runs:
        if edit is Edit.EQUAL:
            _equal_ops(
                ops,
                old_slice,
                new_slice,
                old_tokens,
                new_tokens,
                old_bounds,
                new_bounds,
                o,
                n,
                length,
            )
            o += length
            n += length
        elif edit is Edit.DELETE:
            ops.append(
                InlineOp(InlineOpKind.DELETE, old_slice(old_bounds[o], old_bounds[o + length]), ())
            )
            o += length
        else:
            ops.append(
                InlineOp(InlineOpKind.INSERT, (), new_slice(new_bounds[n], new_bounds[n + length]))
            )
            n += length
    return tuple(_whitespace_changes(ops))


def _bounds(tokens: list[str]) -> list[int]:
    # Where each token starts, and the end of the last one.
    return list(accumulate(map(len, tokens), initial=0))


def _equal_ops(
    ops: list[InlineOp],
    old_slice: _Slicer,
    new_slice: _Slicer,
    old_tokens: list[str],
    new_tokens: list[str],
    old_bounds: list[int],
    new_bounds: list[int],
    o: int,
    n: int,
    length: int,
) -> None:
    whole_old = old_slice(old_bounds[o], old_bounds[o + length])
    whole_new = new_slice(new_bounds[n], new_bounds[n + length])
    if whole_old == whole_new:
        ops.append(InlineOp(InlineOpKind.EQUAL, whole_old, whole_new))
        return
    # Something differs inside: classify token by token, then merge neighbours of one kind.
    kinds: list[InlineOpKind] = []
    for k in range(length):
        kind = classify(old_tokens[o + k], new_tokens[n + k])
        if kind is InlineOpKind.EQUAL and old_slice(
            old_bounds[o + k], old_bounds[o + k + 1]
        ) != new_slice(new_bounds[n + k], new_bounds[n + k + 1]):
            kind = InlineOpKind.FORMAT
        kinds.append(kind)
    start = 0
    for k in range(1, length + 1):
        if k == length or kinds[k] is not kinds[start]:
            ops.append(
                InlineOp(
                    kinds[start],
                    old_slice(old_bounds[o + start], old_bounds[o + k]),
                    new_slice(new_bounds[n + start], new_bounds[n + k]),
                )
            )
            start = k


def _whitespace_changes(ops: list[InlineOp]) -> list[InlineOp]:
    """A deletion or insertion of whitespace alone (or both, adjacent) is a WHITESPACE change."""
    out: list[InlineOp] = []
    for op in ops:
        if (
            op.kind in (InlineOpKind.INSERT, InlineOpKind.DELETE)
            and _blank(op.old)
            and _blank(op.new)
        ):
            if (
                out
                and out[-1].kind is InlineOpKind.WHITESPACE
                and op.kind is InlineOpKind.INSERT
                and not out[-1].new
            ):
                out[-1] = InlineOp(InlineOpKind.WHITESPACE, out[-1].old, op.new)
            else:
                out.append(InlineOp(InlineOpKind.WHITESPACE, op.old, op.new))
        else:
            out.append(op)
    return out


def _blank(content: Inline) -> bool:
    text = inline_text(content)
    return not text or text.isspace()


__all__ = ["inline_ops"]
