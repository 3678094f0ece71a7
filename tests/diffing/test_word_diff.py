"""The word diff of token lists."""

from __future__ import annotations

from hypothesis import given, settings

from amendtrack.diffing.engine import Edit, SymbolTable
from amendtrack.diffing.tokens import token_key, tokenize
from amendtrack.diffing.word_diff import symbol_runs, token_runs
from tests.strategies import french_text


@settings(max_examples=200, deadline=None)
@given(french_text(max_words=20), french_text(max_words=20))
def test_runs_cover_both_token_lists(old: str, new: str) -> None:
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    table = SymbolTable()
    runs = token_runs(old_tokens, new_tokens, table)
    assert runs == symbol_runs(
        table.encode([token_key(t) for t in old_tokens]),
        table.encode([token_key(t) for t in new_tokens]),
        table,
    )
    o = n = 0
    for edit, length in runs:
        assert length > 0
        if edit is Edit.EQUAL:
            keys = [token_key(t) for t in old_tokens[o : o + length]]
            assert keys == [token_key(t) for t in new_tokens[n : n + length]]
        o += length if edit is not Edit.INSERT else 0
        n += length if edit is not Edit.DELETE else 0
    assert (o, n) == (len(old_tokens), len(new_tokens))


def test_a_full_stop_alone_is_deleted() -> None:
    old, new = tokenize("les chasseurs. Ils"), tokenize("les chasseurs Ils")
    runs = token_runs(old, new, SymbolTable())
    assert runs == [(Edit.EQUAL, 3), (Edit.DELETE, 1), (Edit.EQUAL, 2)]
