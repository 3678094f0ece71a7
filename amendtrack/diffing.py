"""The one module that talks to diff-match-patch.

Sequences of comparison keys (tokens of a paragraph, or whole blocks) are encoded one character
per distinct key, as diff-match-patch's ``diff_linesToChars`` does for lines, and diffed with no
time-out (``Diff_Timeout = 0``): the result is always a minimal edit script of the sequences,
never a silent « delete everything, insert everything ». Its ``(-1/0/1, text)`` tuples are turned
at once into `Run` values counted in sequence items.

On top of that, the word diff of inline content: `token_runs` diffs two token lists (see
`amendtrack.tokens`) and absorbs whitespace between changes so they read as phrases;
`inline_ops` turns the runs into the model's inline operations, telling formatting,
typography and whitespace changes apart from real insertions and deletions.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from diff_match_patch import diff_match_patch

from amendtrack.model import Inline, InlineOp, InlineOpKind, Span, inline_text, normalise_inline
from amendtrack.tokens import token_key
from amendtrack.typography import classify


class Edit(Enum):
    """What a run of an edit script does."""

    EQUAL = 0
    DELETE = -1
    INSERT = 1


@dataclass(frozen=True, slots=True)
class Run:
    """`length` consecutive items kept, deleted (from the old side) or inserted (new side)."""

    edit: Edit
    length: int


class SymbolTable:
    """One character per distinct key, shared by all sequences diffed together."""

    __slots__ = ("_symbols",)

    # Skip the surrogate range so every symbol is a valid code point on its own.
    _SURROGATES = range(0xD800, 0xE000)

    def __init__(self) -> None:
        self._symbols: dict[object, str] = {}

    def encode(self, keys: Sequence[object]) -> str:
        """The symbol string of a sequence of hashable keys."""
        symbols = self._symbols
        out: list[str] = []
        for key in keys:
            symbol = symbols.get(key)
            if symbol is None:
                code = len(symbols) + 1
                if code >= self._SURROGATES.start:
                    code += len(self._SURROGATES)
                if code > 0x10FFFF:
                    raise OverflowError("more distinct keys than Unicode code points")
                symbol = chr(code)
                symbols[key] = symbol
            out.append(symbol)
        return "".join(out)


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # never trade exactness for time (see module docstring)
    return engine


_ENGINE = _engine()
_EDITS = {-1: Edit.DELETE, 0: Edit.EQUAL, 1: Edit.INSERT}


def diff_symbols(old: str, new: str) -> list[Run]:
    """A minimal edit script turning symbol string `old` into `new`, as runs."""
    return [Run(_EDITS[op], len(text)) for op, text in _ENGINE.diff_main(old, new, False)]


def diff_keys(old: Sequence[object], new: Sequence[object], table: SymbolTable) -> list[Run]:
    """A minimal edit script between two key sequences (through `table`'s symbols)."""
    return diff_symbols(table.encode(old), table.encode(new))


def normalise_runs(runs: list[Run]) -> list[Run]:
    """Merge neighbouring runs; between two equalities, deletions come before insertions."""
    out: list[Run] = []
    deleted = inserted = 0
    for run in runs:
        if run.length == 0:
            continue
        if run.edit is Edit.DELETE:
            deleted += run.length
        elif run.edit is Edit.INSERT:
            inserted += run.length
        else:
            _flush(out, deleted, inserted)
            deleted = inserted = 0
            if out and out[-1].edit is Edit.EQUAL:
                out[-1] = Run(Edit.EQUAL, out[-1].length + run.length)
            else:
                out.append(run)
    _flush(out, deleted, inserted)
    return out


def _flush(out: list[Run], deleted: int, inserted: int) -> None:
    if deleted:
        out.append(Run(Edit.DELETE, deleted))
    if inserted:
        out.append(Run(Edit.INSERT, inserted))


# --- word diff of inline content -------------------------------------------------------------


def token_runs(
    old_tokens: list[str],
    new_tokens: list[str],
    table: SymbolTable,
    old_token_keys: list[str] | None = None,
    new_token_keys: list[str] | None = None,
) -> list[tuple[Edit, int]]:
    """The word diff of two token lists, as runs counted in tokens.

    Two levels, both minimal: written words (tokens between spaces, « chasseurs. » or
    « qu'aux ») are diffed first, so that a word keeps its punctuation when it can; inside each
    changed stretch the tokens themselves are diffed, so that « chasseurs. » → « chasseurs »
    deletes only the full stop. Whitespace is never matched at the expense of a word: between
    two kept words it is kept too (any change in it is classified later); at the edges of a
    change, whitespace present on both sides stays outside the change.
    """
    old_tk = old_token_keys or [token_key(t) for t in old_tokens]
    new_tk = new_token_keys or [token_key(t) for t in new_tokens]
    old_units, new_units = _written_words(old_tokens), _written_words(new_tokens)
    old_keys = [tuple(old_tk[a:b]) for a, b in old_units]
    new_keys = [tuple(new_tk[a:b]) for a, b in new_units]
    matched: list[tuple[int, int]] = []
    o = n = 0
    for run in _regions(_slide_right(diff_keys(old_keys, new_keys, table), old_keys, new_keys)):
        old_span, new_span = old_units[o : o + run[0]], new_units[n : n + run[1]]
        if run[2]:
            for (a, _), (c, _) in zip(old_span, new_span, strict=True):
                matched.extend((a + k, c + k) for k in range(old_units[o][1] - old_units[o][0]))
                o += 1
                n += 1
            continue
        matched.extend(_fine_pairs(old_tk, new_tk, old_span, new_span, table))
        o += run[0]
        n += run[1]
    out: list[Run] = []
    old_at = new_at = 0
    for old_index, new_index in [*matched, (len(old_tokens), len(new_tokens))]:
        _gap(out, old_tokens, new_tokens, old_at, old_index, new_at, new_index)
        if old_index < len(old_tokens):
            out.append(Run(Edit.EQUAL, 1))
        old_at, new_at = old_index + 1, new_index + 1
    return [(run.edit, run.length) for run in normalise_runs(out)]


def _written_words(tokens: list[str]) -> list[tuple[int, int]]:
    """Token ranges of the runs of tokens between whitespace."""
    units: list[tuple[int, int]] = []
    start: int | None = None
    for index, token in enumerate([*tokens, " "]):
        if token.isspace():
            if start is not None:
                units.append((start, index))
                start = None
        elif start is None:
            start = index
    return units


def _slide_right(runs: list[Run], old_keys: list[Any], new_keys: list[Any]) -> list[Run]:
    """Slide each pure insertion or deletion as far right as it goes (equally minimal).

    « aux [+communes sièges, ainsi qu'aux +]communes » becomes « aux communes [+sièges, ainsi
    qu'aux communes +] »: kept words stay together, the change reads as one phrase.
    """
    runs = normalise_runs(runs)
    o = n = 0  # positions at the start of runs[index]
    for index, run in enumerate(runs):
        if (
            0 < index < len(runs) - 1
            and run.edit is not Edit.EQUAL
            and runs[index - 1].edit is Edit.EQUAL
            and runs[index + 1].edit is Edit.EQUAL
        ):
            keys, start = (new_keys, n) if run.edit is Edit.INSERT else (old_keys, o)
            after = runs[index + 1].length
            shift = 0
            while shift < after and keys[start + shift] == keys[start + run.length + shift]:
                shift += 1
            if shift:
                runs[index - 1] = Run(Edit.EQUAL, runs[index - 1].length + shift)
                runs[index + 1] = Run(Edit.EQUAL, after - shift)
                o += shift
                n += shift
        if run.edit is not Edit.INSERT:
            o += run.length
        if run.edit is not Edit.DELETE:
            n += run.length
    return normalise_runs(runs)


def _regions(runs: list[Run]) -> list[tuple[int, int, bool]]:
    """(old length, new length, equal?) for equalities and for whole changed stretches."""
    regions: list[tuple[int, int, bool]] = []
    for run in normalise_runs(runs):
        if run.edit is Edit.EQUAL:
            regions.append((run.length, run.length, True))
            continue
        if regions and not regions[-1][2]:
            old_length, new_length, _ = regions.pop()
        else:
            old_length = new_length = 0
        if run.edit is Edit.DELETE:
            old_length += run.length
        else:
            new_length += run.length
        regions.append((old_length, new_length, False))
    return regions


def _fine_pairs(
    old_tk: list[str],
    new_tk: list[str],
    old_units: list[tuple[int, int]],
    new_units: list[tuple[int, int]],
    table: SymbolTable,
) -> list[tuple[int, int]]:
    old_words = [k for a, b in old_units for k in range(a, b)]
    new_words = [k for a, b in new_units for k in range(a, b)]
    if not old_words or not new_words:
        return []
    old_keys = [old_tk[k] for k in old_words]
    new_keys = [new_tk[k] for k in new_words]
    runs = _whole_written_words(diff_keys(old_keys, new_keys, table), old_keys, new_keys)
    pairs: list[tuple[int, int]] = []
    o = n = 0
    for run in runs:
        if run.edit is Edit.EQUAL:
            pairs.extend((old_words[o + k], new_words[n + k]) for k in range(run.length))
        if run.edit is not Edit.INSERT:
            o += run.length
        if run.edit is not Edit.DELETE:
            n += run.length
    return pairs


def _gap(
    out: list[Run],
    old_tokens: list[str],
    new_tokens: list[str],
    old_start: int,
    old_end: int,
    new_start: int,
    new_end: int,
) -> None:
    trailing = 0
    if (
        old_start < old_end
        and new_start < new_end
        and old_tokens[old_start].isspace()
        and new_tokens[new_start].isspace()
    ):
        out.append(Run(Edit.EQUAL, 1))
        old_start += 1
        new_start += 1
    if (
        old_start < old_end
        and new_start < new_end
        and old_tokens[old_end - 1].isspace()
        and new_tokens[new_end - 1].isspace()
    ):
        trailing = 1
        old_end -= 1
        new_end -= 1
    out.append(Run(Edit.DELETE, old_end - old_start))
    out.append(Run(Edit.INSERT, new_end - new_start))
    out.append(Run(Edit.EQUAL, trailing))


def _whole_written_words(runs: list[Run], old_keys: list[str], new_keys: list[str]) -> list[Run]:
    """Move a change off an elision: « [+… ainsi qu'+]aux communes » becomes « … qu'aux ».

    When the inserted (or deleted) words end with an elided article or pronoun and the words
    kept after it also occur inside the change, the equally minimal diff that keeps the earlier
    occurrence is chosen, so that « qu' » is not cut from its word.
    """
    runs = normalise_runs(runs)
    out: list[Run] = []
    o = n = 0
    index = 0
    carry = 0  # words of the next equality already emitted by a rotation
    while index < len(runs):
        run = runs[index]
        if run.edit is Edit.EQUAL:
            out.append(Run(Edit.EQUAL, run.length - carry))
            o += run.length - carry
            n += run.length - carry
            carry = 0
            index += 1
            continue
        deleted = inserted = 0
        while index < len(runs) and runs[index].edit is not Edit.EQUAL:
            if runs[index].edit is Edit.DELETE:
                deleted += runs[index].length
            else:
                inserted += runs[index].length
            index += 1
        following = runs[index].length if index < len(runs) else 0
        after = n + inserted
        rotated = _rotation(new_keys[n:after], new_keys[after : after + following])
        if rotated is not None:
            head, carry = rotated
            out += [Run(Edit.DELETE, deleted), Run(Edit.INSERT, head), Run(Edit.EQUAL, carry)]
            out.append(Run(Edit.INSERT, inserted - head))
        else:
            after = o + deleted
            rotated = _rotation(old_keys[o:after], old_keys[after : after + following])
            if rotated is not None:
                head, carry = rotated
                out += [Run(Edit.DELETE, head), Run(Edit.INSERT, inserted), Run(Edit.EQUAL, carry)]
                out.append(Run(Edit.DELETE, deleted - head))
            else:
                out += [Run(Edit.DELETE, deleted), Run(Edit.INSERT, inserted)]
        o += deleted + carry
        n += inserted + carry
    return normalise_runs(out)


def _rotation(changed: list[str], kept_after: list[str]) -> tuple[int, int] | None:
    """(head, k): `changed[head:head+k]` equals `kept_after[:k]`, largest k, latest head."""
    if not changed or not kept_after or not changed[-1].endswith(("'", "\u2019")):
        return None
    for k in range(min(len(changed) - 1, len(kept_after)), 0, -1):
        for head in range(len(changed) - k - 1, -1, -1):
            if changed[head : head + k] == kept_after[:k]:
                return head, k
    return None


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
    bounds = [0]
    for token in tokens:
        bounds.append(bounds[-1] + len(token))
    return bounds


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


__all__ = [
    "Edit",
    "Run",
    "SymbolTable",
    "diff_keys",
    "diff_symbols",
    "inline_ops",
    "normalise_runs",
    "token_runs",
]
