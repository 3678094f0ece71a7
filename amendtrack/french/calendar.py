"""French dates: « 1er février 2022 » written from an ISO date, and read back from text.

Councils write dates in words (« le 7 décembre 2022 », « 1er mars 2021 », capitals and missing
accents included: « FEVRIER ») or in figures (07/12/2022, 07.12.2022). Inside amendtrack every
date is ISO (``2022-12-07``).
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
"""The months, as written in running text."""

MONTH_PATTERN = (
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
)
"""A regular expression alternation of the month names, with or without their accents."""

_WORDED_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:er|ᵉʳ)?\s+({MONTH_PATTERN})\s+(\d{{4}})\b", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


_UNACCENTED = str.maketrans("éèêëûùôàç", "eeeeuuoac")
_NUMBERS = {name.translate(_UNACCENTED): number for number, name in enumerate(MONTHS, start=1)}


def month_number(name: str) -> int | None:
    """The number of a month name, whatever its case and accents (« FEVRIER » is 2)."""
    return _NUMBERS.get(name.lower().translate(_UNACCENTED))


def french_date(iso: str) -> str:
    """``2022-02-02`` as « 2 février 2022 » (« 1er » for the first day); other text unchanged."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    ordinal = "1er" if day.day == 1 else str(day.day)
    return f"{ordinal} {MONTHS[day.month - 1]} {day.year}"


def parse_french_date(text: str) -> str | None:
    """The first date written in `text` (« 7 décembre 2022 », « 1er mars 2021 », 07/12/2022),
    as ISO, or None when there is none (or it is not a real day)."""
    worded = _WORDED_DATE.search(text)
    if worded:
        month = month_number(worded[2])
        assert month is not None  # the pattern only matches month names
        day, year = int(worded[1]), int(worded[3])
    else:
        numeric = _NUMERIC_DATE.search(text)
        if not numeric:
            return None
        day, month, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
