"""Tokenisation of French text for the word diff."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.tokens import WHITESPACE_KEY, token_key, token_keys, tokenize
from tests.strategies import french_text


@settings(max_examples=200, deadline=None)
@given(st.text() | french_text())
def test_tokens_give_the_text_back_and_keys_match(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert token_keys(text, tokens) == [token_key(t) for t in tokens]


def test_elided_articles_are_their_own_tokens() -> None:
    assert tokenize("l'article d’application qu'il") == [
        "l'", "article", " ", "d’", "application", " ", "qu'", "il"]
    assert tokenize("aujourd'hui") == ["aujourd'hui"]


def test_dates_amounts_and_numbers_are_atomic() -> None:
    assert "1er janvier 2023" in tokenize("au 1er janvier 2023 soit")
    assert "12 500,00 €" in tokenize("un montant de 12 500,00 € versé")
    assert "12\u202f500" in tokenize("12\u202f500 habitants")
    assert "2012-1246" in tokenize("décret n° 2012-1246 du")


def test_keys_fold_typography_and_whitespace() -> None:
    assert token_key("l’") == token_key("l'")
    assert token_key("«") == token_key('"') == token_key("”")
    assert token_key("œuvre") == token_key("oeuvre")
    assert token_key("\u00a0\t") == token_key("  ") == WHITESPACE_KEY
    assert token_key("conseil") != token_key("Conseil")
