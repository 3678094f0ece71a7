"""Typographic equivalence and the classification of aligned runs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.french.typography import NARROW_NO_BREAK_SPACE as NNBSP
from amendtrack.french.typography import NO_BREAK_SPACE as NBSP
from amendtrack.french.typography import classify, fold, french_spacing
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


# --- French spacing in the rendered act (amend --typography) ---------------------------------------


def test_french_spacing_protects_signs_and_guillemets() -> None:
    assert french_spacing(["d'autoriser Monsieur le Maire :"]) == [
        f"d'autoriser Monsieur le Maire{NBSP}:"]
    assert french_spacing(["Maire", " :"]) == ["Maire", f"{NBSP}:"]  # across runs
    assert french_spacing(["Vu le code; enfin !"]) == [f"Vu le code{NNBSP}; enfin{NNBSP}!"]
    assert french_spacing(["la mention « (supprimé) »"]) == [
        f"la mention «{NBSP}(supprimé){NBSP}»"]
    assert french_spacing(["«oui»"]) == [f"«{NBSP}oui{NBSP}»"]


def test_french_spacing_leaves_times_addresses_and_sign_pairs() -> None:
    for text in ("à 10:30", "https://www.service-public.fr", "quoi ?!", "a :b", "(3:4)"):
        assert french_spacing([text]) == [text]


_TEXT = st.lists(st.text(alphabet="ab :;!?«»’'()10.\n", max_size=12), min_size=1, max_size=4)


@given(_TEXT)
def test_french_spacing_changes_only_spaces(pieces: list[str]) -> None:
    spaced = french_spacing(pieces)
    assert len(spaced) == len(pieces)
    plain = [piece.replace(NBSP, "").replace(NNBSP, "").replace(" ", "") for piece in spaced]
    assert plain == [piece.replace(" ", "") for piece in pieces]
    assert french_spacing(spaced) == spaced  # once is enough
