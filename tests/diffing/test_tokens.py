"""Tokenisation of French text for the word diff."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.diffing.tokens import (
    _ALTERNATIVES,
    WHITESPACE_KEY,
    folded_tokens,
    token_key,
    token_keys,
    tokenize,
    tokens_and_keys,
)
from tests.strategies import french_text


@settings(max_examples=200, deadline=None)
@given(st.text() | french_text())
def test_tokens_give_the_text_back_and_keys_match(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert token_keys(text, tokens) == [token_key(t) for t in tokens]
    assert tokens_and_keys(text) == (tokens, [token_key(t) for t in tokens])
    folded = [WHITESPACE_KEY if key.isspace() else key for key in folded_tokens(text)]
    assert folded == [token_key(t) for t in tokens]
    folded = [WHITESPACE_KEY if key.isspace() else key for key in folded_tokens(text)]
    assert folded == [token_key(t) for t in tokens]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["l", "’", "'", "‘", "«", "»", "œ", "\u00a0", " ", "1", "a",
                                 "er", "janvier", "2023", "€", ",", "-", "\u2009", "hui"])))
def test_tokens_and_keys_on_typographic_variants(pieces: list[str]) -> None:
    text = "".join(pieces)
    tokens = tokenize(text)
    assert tokens_and_keys(text) == (tokens, [token_key(t) for t in tokens])
    folded = [WHITESPACE_KEY if key.isspace() else key for key in folded_tokens(text)]
    assert folded == [token_key(t) for t in tokens]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 .,;:)'’-\u00a0\n") | french_text())
def test_the_word_shortcut_changes_no_token(text: str) -> None:
    plain = re.compile(_ALTERNATIVES, re.IGNORECASE | re.DOTALL)
    assert tokenize(text) == plain.findall(text)


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
