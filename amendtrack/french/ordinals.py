"""French ordinal adjectives and cardinals, written out as the Guide de légistique wants them.

``ordinal(1)`` is « premier », ``ordinal(21)`` « vingt et unième », ``ordinal(-1)`` « dernier »,
``ordinal(-2)`` « avant-dernier », ``ordinal(2, second=True)`` « second » (the second of two).
`parse_ordinal` reads them back, together with the variants people write (« second », « 2e »,
« 2ème », « 1er », « 1re »); `parse_cardinal` reads « vingt-trois », « deux », « 7 ».
"""

from __future__ import annotations

import re
from functools import lru_cache

from amendtrack.translation import _

LAST = -1
"""Position of « dernier » (counted from the end, as in Python)."""
BEFORE_LAST = -2
"""Position of « avant-dernier »."""

MAXIMUM = 999
"""The largest ordinal written out in words; larger numbers are written « 1000e »."""

_UNITS = (
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize",
)
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_hundred(number: int) -> str:
    if number <= 16:
        return _UNITS[number]
    if number < 20:
        return "dix-" + _UNITS[number - 10]
    tens, unit = divmod(number, 10)
    if tens in (7, 9):
        # 70-79 and 90-99 are built on 60 and 80: soixante-dix, quatre-vingt-onze.
        base = "soixante" if tens == 7 else "quatre-vingt"
        rest = number - (60 if tens == 7 else 80)
        joiner = " et " if rest == 11 and tens == 7 else "-"
        return base + joiner + _below_hundred(rest)
    if tens == 8:
        return "quatre-vingts" if unit == 0 else "quatre-vingt-" + _UNITS[unit]
    if unit == 0:
        return _TENS[tens]
    if unit == 1:
        return _TENS[tens] + " et un"
    return _TENS[tens] + "-" + _UNITS[unit]


def cardinal(number: int) -> str:
    """The French cardinal for 1 ≤ `number` ≤ 999 (« vingt et un », « deux cents »)."""
    if not 1 <= number <= MAXIMUM:
        raise ValueError(_("no French cardinal written out for {number}").format(number=number))
    hundreds, rest = divmod(number, 100)
    if hundreds == 0:
        return _below_hundred(rest)
    head = "cent" if hundreds == 1 else _UNITS[hundreds] + " cent"
    if rest == 0:
        return head if hundreds == 1 else head + "s"
    return head + " " + _below_hundred(rest)


def _ordinal_from_cardinal(word: str) -> str:
    if word.endswith("cinq"):
        return word + "uième"
    if word.endswith("neuf"):
        return word[:-1] + "vième"
    if word.endswith(("cents", "vingts")):
        return word[:-1] + "ième"
    if word.endswith("e"):
        return word[:-1] + "ième"
    return word + "ième"


def ordinal(position: int, *, feminine: bool = False, second: bool = False) -> str:
    """The ordinal adjective for a 1-based position, or -1 / -2 for dernier / avant-dernier.

    Feminine forms differ only for premier/première, second/seconde, dernier/dernière. With
    `second`, position 2 is « second » (the Guide's word for the second of two).
    """
    if second and position == 2:
        return "seconde" if feminine else "second"
    if position == LAST:
        return "dernière" if feminine else "dernier"
    if position == BEFORE_LAST:
        return "avant-dernière" if feminine else "avant-dernier"
    if position == 1:
        return "première" if feminine else "premier"
    if position < 1:
        raise ValueError(_("no ordinal for position {position}").format(position=position))
    if position > MAXIMUM:
        return f"{position}e"
    return _ordinal_from_cardinal(cardinal(position))


def _normal(word: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", word.strip().lower().replace("’", "'"))


@lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    table: dict[str, int] = {}
    for number in range(1, MAXIMUM + 1):
        table[ordinal(number)] = number
        table[ordinal(number, feminine=True)] = number
        # Hyphenated spelling of the 1990 reform: vingt-et-unième, deux-cent-unième.
        table[ordinal(number).replace(" ", "-")] = number
    table.update({"second": 2, "seconde": 2, "dernier": LAST, "dernière": LAST,
                  "avant-dernier": BEFORE_LAST, "avant-dernière": BEFORE_LAST,
                  "avant dernier": BEFORE_LAST, "avant dernière": BEFORE_LAST})
    return table


_NUMERIC = re.compile(r"(\d+)\s*(?:er|re|ère|e|è|ème|eme|ième)")


def parse_ordinal(word: str) -> int | None:
    """The position an ordinal names (-1 for dernier, -2 for avant-dernier), or None."""
    text = _normal(word)
    found = _words().get(text)
    if found is not None:
        return found
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return None
    digits = match.group(1).lstrip("0")
    if len(digits) > 9:
        return 10**9  # more than any text has: « there is no such alinéa », not a 5,000-digit int
    return int(digits) if digits else None  # « 0e » names nothing


@lru_cache(maxsize=1)
def _cardinals() -> dict[str, int]:
    table: dict[str, int] = {"une": 1}
    for number in range(1, MAXIMUM + 1):
        table[cardinal(number)] = number
        table[cardinal(number).replace(" ", "-")] = number
    return table


def parse_cardinal(word: str) -> int | None:
    """The number a cardinal names (« vingt-trois » → 23, « une » → 1, « 7 » → 7), or None."""
    text = _normal(word)
    if text.isdecimal():
        return int(text) if len(text) <= 9 else 10**9  # more than any text has
    return _cardinals().get(text)


_CARDINAL_WORD = (
    r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
    r"|vingts?|trente|quarante|cinquante|soixante|cents?|et)"
)
_ORDINAL_WORD = (
    r"(?:unième|deuxième|troisième|quatrième|cinquième|sixième|septième|huitième|neuvième"
    r"|dixième|onzième|douzième|treizième|quatorzième|quinzième|seizième|vingtième|trentième"
    r"|quarantième|cinquantième|soixantième|centième)"
)
CARDINAL_PATTERN = (
    rf"(?:(?<!\d)\d+|(?:une?|{_CARDINAL_WORD})(?:[- ](?:un|{_CARDINAL_WORD})){{0,6}})"
)
"""A regular expression matching one cardinal as written (check it with `parse_cardinal`)."""

ORDINAL_PATTERN = (
    r"(?:avant[- ]derni(?:er|ère)|derni(?:er|ère)|premi(?:er|ère)|seconde?"
    r"|(?<!\d)\d+ ?(?:er|re|ère|ème|eme|ième|e)\b"  # from a number's first digit: linear
    rf"|(?:{_CARDINAL_WORD}[- ]){{0,6}}{_ORDINAL_WORD})"  # up to 999: five words before
)
"""A regular expression matching one ordinal as written (check it with `parse_ordinal`)."""


__all__ = [
    "BEFORE_LAST",
    "CARDINAL_PATTERN",
    "LAST",
    "MAXIMUM",
    "ORDINAL_PATTERN",
    "cardinal",
    "ordinal",
    "parse_cardinal",
    "parse_ordinal",
]
