"""The diff-match-patch wrapper and its symbol tables."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.diffing.engine import _ENGINE, Edit, SymbolTable, diff_keys, diff_symbols, raw_runs


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


def test_symbol_table_gives_keys_back() -> None:
    table = SymbolTable()
    keys = [f"mot{k}" for k in range(0xD800 + 10)]
    symbols = table.encode(keys)
    assert [table.key(s) for s in symbols[::997]] == keys[::997]
    assert table.key(symbols[-1]) == keys[-1]


def test_a_table_may_fold_whitespace() -> None:
    table = SymbolTable(whitespace=" ")
    symbols = table.encode(["a", " ", "\n\t", "b", "\u00a0", "a"])
    assert symbols[1] == symbols[2] == symbols[4] == table.encode([" "])
    assert symbols[0] == symbols[5] != symbols[3]
    assert table.key(symbols[2]) == " " and table.key(symbols[3]) == "b"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc", max_size=20), st.text(alphabet="abc", max_size=20))
def test_raw_runs_are_the_merged_runs(old: str, new: str) -> None:
    raw = raw_runs(old, new)
    assert sum(length for op, length in raw if op != 1) == len(old)
    assert sum(length for op, length in raw if op != -1) == len(new)
    assert all(length > 0 for _, length in raw)
    assert all(a[0] != b[0] for a, b in itertools.pairwise(raw))
    kept = sum(run.length for run in diff_symbols(old, new) if run.edit is Edit.EQUAL)
    assert sum(length for op, length in raw if op == 0) == kept
