"""Typographic equivalence and the classification of aligned runs."""

from __future__ import annotations

from amendtrack.model import InlineOpKind
from amendtrack.typography import classify, fold


def test_fold_makes_french_variants_equal() -> None:
    assert fold("l’œuvre « ici »\u00a0;") == fold("l'oeuvre \" ici \" ;")


def test_classify() -> None:
    assert classify("conseil", "conseil") is InlineOpKind.EQUAL
    assert classify("’", "'") is InlineOpKind.TYPOGRAPHY
    assert classify("\u00a0", " ") is InlineOpKind.TYPOGRAPHY
    assert classify("œ", "oe") is InlineOpKind.TYPOGRAPHY
    assert classify("  ", " ") is InlineOpKind.WHITESPACE
    assert classify(" ", "\n") is InlineOpKind.WHITESPACE
    assert classify("", " ") is InlineOpKind.WHITESPACE
