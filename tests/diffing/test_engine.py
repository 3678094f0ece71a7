"""The diff-match-patch wrapper, its two engines and its symbol tables."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from typing import Any

import diff_match_patch
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.diffing import engine
from amendtrack.diffing.engine import (
    Edit,
    SymbolTable,
    diff_keys,
    diff_symbols,
    encode_apart,
    raw_runs,
)
from amendtrack.errors import UsageError


def need_fast() -> None:
    """Skip without the C++ engine, except under CI where it must be installed."""
    if engine.FAST not in engine.available():
        if os.environ.get("CI") == "true":
            pytest.fail("fast-diff-match-patch is required under CI")
        pytest.skip("fast-diff-match-patch is not installed")


@pytest.fixture(params=[engine.FAST, engine.PYTHON])
def each_engine(request: pytest.FixtureRequest) -> Any:
    """Run the test once with each engine."""
    if request.param == engine.FAST:
        need_fast()
    with engine.using(request.param):
        yield request.param


def test_the_c_engine_is_preferred_when_installed() -> None:
    need_fast()
    script = "from amendtrack.diffing import engine; print(engine.engine_name())"
    environment = {k: v for k, v in os.environ.items() if k != engine.ENGINE_VARIABLE}
    chosen = subprocess.run([sys.executable, "-c", script], env=environment, check=True,
                            capture_output=True, text=True).stdout.strip()
    assert chosen == engine.FAST


def test_the_environment_variable_names_the_engine() -> None:
    script = "from amendtrack.diffing import engine; print(engine.engine_name())"
    environment = {**os.environ, engine.ENGINE_VARIABLE: "python"}
    chosen = subprocess.run([sys.executable, "-c", script], env=environment, check=True,
                            capture_output=True, text=True).stdout.strip()
    assert chosen == engine.PYTHON


def test_an_unknown_engine_is_refused_with_the_valid_names() -> None:
    with pytest.raises(UsageError, match="must be fast or python, not 'cython'"), \
            engine.using("cython"):
        pass


def test_using_gives_the_previous_engine_back() -> None:
    before = engine.engine_name()
    with engine.using(engine.PYTHON):
        assert engine.engine_name() == engine.PYTHON
    assert engine.engine_name() == before


def test_the_python_engine_runs_without_time_out(monkeypatch: pytest.MonkeyPatch) -> None:
    timeouts: list[float] = []
    original = diff_match_patch.diff_match_patch.diff_main

    def spy(self: Any, *arguments: Any) -> Any:
        timeouts.append(self.Diff_Timeout)
        return original(self, *arguments)

    monkeypatch.setattr(diff_match_patch.diff_match_patch, "diff_main", spy)
    with engine.using(engine.PYTHON):
        raw_runs("abcd", "abed")
    assert timeouts and set(timeouts) == {0}


def test_the_c_engine_runs_without_time_out_or_clean_up(monkeypatch: pytest.MonkeyPatch) -> None:
    need_fast()
    import fast_diff_match_patch

    calls: list[dict[str, Any]] = []
    original = fast_diff_match_patch.diff

    def spy(old: str, new: str, **options: Any) -> Any:
        calls.append(options)
        return original(old, new, **options)

    monkeypatch.setattr(fast_diff_match_patch, "diff", spy)
    with engine.using(engine.FAST):
        raw_runs("abcd", "abed")
    assert calls == [{"timelimit": 0, "checklines": False, "cleanup": "No"}]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=30), st.lists(st.integers(0, 5), max_size=30))
def test_diff_keys_is_a_minimal_edit_script(old: list[int], new: list[int]) -> None:
    for name in engine.available():
        with engine.using(name):
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


# Symbols as a table gives them: small alphabets (many equal runs), and code points past the
# BMP and next to the surrogates, which a table reaches after 55,000 distinct keys.
_SYMBOLS = st.text(alphabet=st.sampled_from("abc\ud7ff\ue000\U00010000\U0010ffff"), max_size=80)


@settings(max_examples=400, deadline=None)
@given(_SYMBOLS, _SYMBOLS)
def test_both_engines_give_the_same_runs(old: str, new: str) -> None:
    need_fast()
    with engine.using(engine.FAST):
        fast = (diff_symbols(old, new), raw_runs(old, new))
    with engine.using(engine.PYTHON):
        python = (diff_symbols(old, new), raw_runs(old, new))
    assert fast == python


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
@given(st.lists(st.sampled_from(["de", "la", " ", ("kind", 1), "l'", "2023"]), max_size=30),
       st.lists(st.text(max_size=3), max_size=30))
def test_two_sequences_encoded_apart_are_what_a_new_table_gives(
        old: list[object], new: list[object]) -> None:
    table = SymbolTable()
    assert encode_apart(old, new) == (table.encode(old), table.encode(new))


def test_sequences_encoded_apart_past_the_surrogates_skip_them() -> None:
    keys = list(range(0xD800 + 10))
    old, new = encode_apart(keys[:5], keys)
    assert old == new[:5] and len(set(new)) == len(new)
    assert all(not 0xD800 <= ord(symbol) < 0xE000 for symbol in new)


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


def test_long_sequences_are_diffed_minimally_by_each(each_engine: str) -> None:
    # Long enough that diff-match-patch's default one-second time-out could cut it short.
    table = SymbolTable()
    old = [k % 97 for k in range(1500)]
    new = [k % 89 for k in range(1500)]
    kept = sum(run.length for run in diff_keys(old, new, table) if run.edit is Edit.EQUAL)
    assert kept == _lcs(old, new)
