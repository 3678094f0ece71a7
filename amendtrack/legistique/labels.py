"""Article numbers and division names: how a heading numbers them, how an instruction cites them.

A heading writes « Article L2122-8 », « Article R*136 », « Article LO135-2 », « Article 1 »; an
instruction cites « l'article L. 2122-8 », « l'article R.* 136 », « l'article LO 135-2 »,
« l'article 1er » (`citation`). Both name the same article: `article_key` folds case, spaces,
dots and « 1er » / « premier » so that either form finds it. `restyle` writes a new number the
way the document's headings write theirs (« L12-1 » next to « L12 », « L. 12-1 » next to
« L. 12 »), for an article inserted or renumbered by an instruction.

Divisions (partie, livre, titre, chapitre, section, sous-section, paragraphe) are named by
their kind and number (« chapitre II », « section 1 bis »); `division_name` writes « le chapitre
II du titre Ier », with the gender and the preposition each kind takes.
"""

from __future__ import annotations

import re
from functools import lru_cache

SUFFIXES = (
    "bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies|undecies|duodecies"
    "|terdecies|quaterdecies|quindecies|sexdecies|septdecies|octodecies|novodecies|vicies"
)
"""The Latin adverbs that number an inserted article or division (« 2 bis », « V ter »)."""

_PREFIX = r"(?:LO|[LRDA])"
ARTICLE_NUMBER = (
    rf"(?:{_PREFIX}\.?\s?\*{{0,2}}\s?)?(?:\d+(?:er|re)?|premier|unique)"
    rf"(?:[-‑]\d+|\s+(?:{SUFFIXES})\b)*(?:[-‑ ][A-Z](?![\w.]))?"
)
"""A regular expression for an article's number as headings and instructions write it:
« 2 », « 1er », « 2 bis », « L. 2122-8 », « L2122-8 », « R*136 », « R.** 215 », « LO135-2 »,
« L. 716-7-1 A », « R20-1-A », « 67 quinquies », « unique »."""

DIVISION_KINDS = (
    "partie", "livre", "titre", "chapitre", "section", "sous-section", "paragraphe",
    "sous-paragraphe",
)
"""The kinds of division, from the largest to the smallest (their rank is their index)."""

_FEMININE = frozenset(("partie", "section", "sous-section"))

DIVISION_NUMBER = (
    rf"(?:[IVXLC]+(?:er)?|\d+(?:er|re)?|unique|préliminaire|législative|réglementaire"
    rf"|premi(?:er|ère))(?:\s+(?:{SUFFIXES}))?(?:\s+[A-Z](?![\w.]))?"
)
"""A division's number (« II », « Ier », « 1 bis », « unique », « législative »)."""


@lru_cache(maxsize=8192)
def article_key(number: str) -> str:
    """The article number folded for comparison: « L. 12-1 » and « L12-1 » give « l12-1 »."""
    key = re.sub(r"[\s.]", "", number.lower()).replace("‑", "-")
    return re.sub(r"^(?:1er|1re|premier|première)$", "1", key)


def division_key(number: str) -> str:
    """A division number folded for comparison (« Ier », « 1er », « premier » give « i »)."""
    key = re.sub(r"\s+", " ", number.strip().lower())
    return re.sub(r"^(?:ier|1er|1re|premier|première|1)(?= |$)", "i", key)


def _split(number: str) -> tuple[str, str, str] | None:
    """« L. 12-1 » → (« L », « », « 12-1 »); « R*136 » → (« R », « * », « 136 »)."""
    match = re.fullmatch(r"(LO|[LRDA])\.?\s?(\*{0,2})\s?(\d.*)", number.strip())
    if match is None:
        return None
    return match.group(1), match.group(2), match.group(3)


def citation(number: str) -> str:
    """How an instruction cites an article: « L. 12 », « LO 135-2 », « R.* 136 », « 1er »."""
    number = re.sub(r"\s+", " ", number.strip())
    if number in ("1", "premier"):
        return "1er"
    parts = _split(number)
    if parts is None:
        return number
    prefix, stars, rest = parts
    dot = "" if prefix == "LO" else "."
    return f"{prefix}{dot}{stars} {rest}"


def restyle(number: str, like: str) -> str:
    """`number` written the way `like` (a number of the same document) is written.

    « L. 12-1 » like « L12 » is « L12-1 »; « R. 13 » like « R. 12 » stays « R. 13 »; « 1er »
    like « 2 » is « 1 » (a document that writes « Article 2 » writes « Article 1 »); a number
    of another shape is returned as it is.
    """
    new, old = _split(number), _split(like)
    if new is None or old is None:
        if number == "1er" and re.fullmatch(r"\d+", like.strip()):
            return "1"
        return number
    style = re.match(r"(?:LO|[LRDA])(\.?)(\s?)\*{0,2}(\s?)", like.strip())
    assert style is not None
    dot, space, space_after = style.groups()
    prefix, stars, rest = new
    if prefix == "LO":
        dot = ""
    return f"{prefix}{dot}{space}{stars}{space_after}{rest}"


def feminine(kind: str) -> bool:
    """Whether a kind of division is feminine (« la section », « une partie »)."""
    return kind in _FEMININE


def division_name(path: tuple[tuple[str, str], ...], article: str = "le") -> str:
    """« le chapitre II du titre Ier » for ``(("titre", "Ier"), ("chapitre", "II"))``.

    `article` is the determiner form for the innermost division: « le » (le chapitre, la
    section, l'…), « du » (du chapitre, de la section), « au » (au chapitre, à la section),
    « un » (un chapitre, une section).
    """
    words: list[str] = []
    for position, (kind, number) in enumerate(reversed(path)):
        label = _division_label(kind, number)
        if position == 0:
            words.append(f"{_determiner(article, kind)}{label}")
        else:
            words.append(f"{_determiner('du', kind)}{label}")
    return " ".join(words)


def _division_label(kind: str, number: str) -> str:
    if kind == "partie" and not re.match(r"[IVXLC\d]", number):
        return f"partie {number}"
    return f"{kind} {number}"


def _determiner(form: str, kind: str) -> str:
    female = feminine(kind)
    table = {
        "le": ("la ", "le "), "du": ("de la ", "du "), "au": ("à la ", "au "),
        "un": ("une ", "un "), "": ("", ""),
    }
    return table[form][0 if female else 1]


__all__ = [
    "ARTICLE_NUMBER",
    "DIVISION_KINDS",
    "DIVISION_NUMBER",
    "SUFFIXES",
    "article_key",
    "citation",
    "division_key",
    "division_name",
    "feminine",
    "restyle",
]
