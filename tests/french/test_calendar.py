"""French dates (amendtrack.french.calendar): written from ISO, read back from text."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amendtrack.french.calendar import french_date, month_number, parse_french_date


def test_french_dates() -> None:
    assert french_date("2022-02-02") == "2 février 2022"
    assert french_date("2023-01-01") == "1er janvier 2023"
    assert french_date("2022-08-15") == "15 août 2022"
    assert french_date("not a date") == "not a date"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Séance du 7 décembre 2022", "2022-12-07"),
        ("séance du mercredi 1er février 2023", "2023-02-01"),
        ("le 1ᵉʳ AOUT 2021", "2021-08-01"),
        ("le 3 FÉVRIER 2021", "2021-02-03"),
        ("Réunion du 07/12/2022", "2022-12-07"),
        ("le 31 février 2022", None),
        ("sans date", None),
    ],
)
def test_dates_read_from_text(text: str, iso: str | None) -> None:
    assert parse_french_date(text) == iso


def test_month_names_without_accents_or_in_capitals() -> None:
    assert month_number("FEVRIER") == month_number("février") == 2
    assert month_number("Aout") == 8
    assert month_number("brumaire") is None


@given(st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2999, 12, 31)))
def test_written_dates_read_back(day: datetime.date) -> None:
    assert parse_french_date(french_date(day.isoformat())) == day.isoformat()
