"""Tests of amendtrack.french.ordinals: French ordinals written out and read back."""

from __future__ import annotations

import re

import pytest

from amendtrack.french.ordinals import (
    BEFORE_LAST,
    LAST,
    ORDINAL_PATTERN,
    cardinal,
    ordinal,
    parse_ordinal,
)


@pytest.mark.parametrize(
    ("position", "word"),
    [
        (1, "premier"), (2, "deuxième"), (3, "troisième"), (4, "quatrième"), (5, "cinquième"),
        (9, "neuvième"), (11, "onzième"), (17, "dix-septième"), (20, "vingtième"),
        (21, "vingt et unième"), (22, "vingt-deuxième"), (31, "trente et unième"),
        (71, "soixante et onzième"), (77, "soixante-dix-septième"), (80, "quatre-vingtième"),
        (81, "quatre-vingt-unième"), (91, "quatre-vingt-onzième"), (100, "centième"),
        (LAST, "dernier"), (BEFORE_LAST, "avant-dernier"),
    ],
)
def test_ordinal_words(position: int, word: str) -> None:
    assert ordinal(position) == word


def test_feminine_forms() -> None:
    assert ordinal(1, feminine=True) == "première"
    assert ordinal(LAST, feminine=True) == "dernière"
    assert ordinal(2, feminine=True) == "deuxième"


def test_cardinals() -> None:
    assert cardinal(21) == "vingt et un"
    assert cardinal(80) == "quatre-vingts"
    assert cardinal(200) == "deux cents"
    with pytest.raises(ValueError):
        cardinal(0)


def test_every_ordinal_reads_back_and_matches_the_pattern() -> None:
    for position in range(1, 1000):
        for feminine in (False, True):
            word = ordinal(position, feminine=feminine)
            assert parse_ordinal(word) == position
            assert re.fullmatch(ORDINAL_PATTERN, word), word
    assert parse_ordinal("dernière") == LAST
    assert parse_ordinal("avant-dernier") == BEFORE_LAST


@pytest.mark.parametrize(
    ("written", "position"),
    [("second", 2), ("seconde", 2), ("2e", 2), ("3ème", 3), ("1er", 1), ("1re", 1),
     ("vingt-et-unième", 21), ("Troisième", 3)],
)
def test_variants_people_write(written: str, position: int) -> None:
    assert parse_ordinal(written) == position


def test_not_an_ordinal() -> None:
    assert parse_ordinal("alinéa") is None
    assert parse_ordinal("au deuxième") is None


def test_second_is_the_second_of_two() -> None:
    from amendtrack.french.ordinals import ordinal

    assert ordinal(2, second=True) == "second"
    assert ordinal(2, feminine=True, second=True) == "seconde"
    assert ordinal(3, second=True) == "troisième"


def test_cardinals_read_back() -> None:
    import re

    from amendtrack.french.ordinals import CARDINAL_PATTERN, cardinal, parse_cardinal

    for number in range(1, 1000):
        word = cardinal(number)
        assert parse_cardinal(word) == number
        assert re.fullmatch(CARDINAL_PATTERN, word), word
    assert parse_cardinal("vingt-trois") == 23
    assert parse_cardinal("une") == 1
    assert parse_cardinal("7") == 7
    assert parse_cardinal("alinéa") is None
