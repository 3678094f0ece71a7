"""The diff-match-patch wrapper and the word diff of inline content."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.diffing import (
    _ENGINE,
    Edit,
    SymbolTable,
    diff_keys,
    inline_ops,
    token_runs,
)
from amendtrack.model import InlineOpKind, Span, inline_text
from amendtrack.tokens import tokenize
from tests.strategies import french_text


def test_no_time_out() -> None:
    assert _ENGINE.Diff_Timeout == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=30), st.lists(st.integers(0, 5), max_size=30))
def test_diff_keys_is_a_minimal_edit_script(old: list[int], new: list[int]) -> None:
    runs = diff_keys(old, new, SymbolTable())
    kept_old, kept_new, o, n = [], [], 0, 0
    for run in runs:
        if run.edit is Edit.EQUAL:
            kept_old += old[o : o + run.length]
            kept_new += new[n : n + run.length]
        o += run.length if run.edit is not Edit.INSERT else 0
        n += run.length if run.edit is not Edit.DELETE else 0
    assert (o, n) == (len(old), len(new)) and kept_old == kept_new
    assert len(kept_old) == _lcs(old, new)


def _lcs(a: list[int], b: list[int]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for k, y in enumerate(b):
            previous, row[k + 1] = row[k + 1], previous + 1 if x == y else max(row[k + 1], row[k])
    return row[-1]


def test_symbols_skip_surrogates() -> None:
    table = SymbolTable()
    symbols = table.encode(list(range(0xD800 + 10)))
    assert all(not 0xD800 <= ord(s) < 0xE000 for s in symbols)
    assert len(set(symbols)) == len(symbols)


@settings(max_examples=200, deadline=None)
@given(french_text(max_words=20), french_text(max_words=20))
def test_inline_ops_cover_both_texts(old: str, new: str) -> None:
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    runs = token_runs(old_tokens, new_tokens, SymbolTable())
    ops = inline_ops((Span(old),) if old else (), (Span(new),) if new else (),
                     old_tokens, new_tokens, runs)
    assert "".join(inline_text(op.old) for op in ops) == old
    assert "".join(inline_text(op.new) for op in ops) == new
    for op in ops:
        if op.kind is InlineOpKind.EQUAL:
            assert op.old == op.new


def test_changes_read_as_whole_phrases() -> None:
    old = "attribuée aux communes du canton et aux communes chefs-lieux"
    new = "attribuée aux communes du canton, aux communes sièges, ainsi qu'aux communes chefs-lieux"
    ot, nt = tokenize(old), tokenize(new)
    ops = inline_ops((Span(old),), (Span(new),), ot, nt, token_runs(ot, nt, SymbolTable()))
    inserted = [inline_text(op.new) for op in ops if op.kind is InlineOpKind.INSERT]
    assert inserted == [",", "sièges, ainsi qu'aux communes "]
