"""Inline operations built from the word diff."""

from __future__ import annotations

from hypothesis import given, settings

from amendtrack.diffing.engine import SymbolTable
from amendtrack.diffing.inline import inline_ops
from amendtrack.diffing.tokens import tokenize
from amendtrack.diffing.word_diff import token_runs
from amendtrack.model import InlineOpKind, Span, inline_text
from tests.strategies import french_text


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
