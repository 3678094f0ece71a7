"""Typographic equivalence and the classification of aligned runs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.french.typography import classify, fold
from amendtrack.model import InlineOpKind


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


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="’‘«»“”„\u00a0\u202f\u2009œŒæÆ'\" aeoAEO") | st.text())
def test_fold_replaces_each_variant_by_its_plain_form(text: str) -> None:
    table: dict[str, str | int | None] = {"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "„": '"',
             "\u00a0": " ", "\u202f": " ", "\u2009": " ", "œ": "oe", "Œ": "OE", "æ": "ae",
             "Æ": "AE"}
    assert fold(text) == text.translate(str.maketrans(table))
