"""The vote of a deliberation in French words: `vote_phrase` writes it, `read_vote` reads it.

What amendtrack writes it reads back (a property test checks ``read_vote(vote_phrase(v))``):

- « à l'unanimité », « à l'unanimité des suffrages exprimés (2 abstentions) »;
- « à la majorité », « à la majorité, par 20 voix pour, 3 contre et 2 abstentions »;
- « par 20 voix pour, 3 contre et 2 abstentions, 1 membre ne prenant pas part au vote ».

`read_vote` also reads the forms councils write: « 25 voix pour, 2 voix contre », « Pour : 20 ;
Contre : 3 ; Abstentions : 2 », « 20 pour – 3 contre », « 2 conseillers ne prenant pas part au
vote », « NPPV : 1 », « à l'unanimité des membres présents », and the attendance counts
(« En exercice : 29 », « Présents : 22 », « Représentés : 3 », « Votants : 25 »). Only what is
stated with a number is taken, never a count of names.
"""

from __future__ import annotations

import re

from amendtrack.french.deliberations import plain_key
from amendtrack.model import Vote

_N = r"(\d+)"
_FLAGS = {
    "vote.unanimite": re.compile(r"\ba l'unanimite\b"),
    "vote.exprimes": re.compile(r"\bunanimite des (?:suffrages|votes) exprimes\b"),
    "vote.majorite": re.compile(r"\ba la majorite\b"),
}
_COUNTS = {
    "vote.pour": (
        rf"\b{_N} (?:voix|votes?|suffrages?) pour\b",
        rf"\bpour ?: ?{_N}\b",
        rf"\b{_N} pour\b(?! ?cent)",
    ),
    "vote.contre": (rf"\b{_N} (?:voix |votes? )?contre\b", rf"\bcontre ?: ?{_N}\b"),
    "vote.abstentions": (rf"\b{_N} abstentions?\b", rf"\babstentions? ?: ?{_N}\b"),
    "vote.nppv": (
        rf"\b{_N} (?:[a-z]+ ){{0,2}}(?:ne prenant pas|n'ayant pas pris|ne participant pas) "
        r"(?:part )?au vote\b",
        rf"\bnppv ?: ?{_N}\b",
        rf"\bne prenant pas part au vote ?: ?{_N}\b",
    ),
    "votants": (rf"\bvotants ?: ?{_N}\b", rf"\b{_N} votants\b"),
    "presents": (rf"\bpresents? ?: ?{_N}\b",),
    "representes": (rf"\b(?:representes?|pouvoirs|procurations) ?: ?{_N}\b",),
    "en_exercice": (rf"\ben exercice ?: ?{_N}\b", rf"\b{_N} (?:membres|conseillers) en exercice\b"),
}
_COMPILED = {name: tuple(re.compile(p) for p in patterns) for name, patterns in _COUNTS.items()}


def read_vote(text: str) -> dict[str, str]:
    """The vote and attendance facts `text` states, as flat metadata fields (``vote.pour`` …)."""
    key = " ".join(plain_key(text).replace("\u2013", "-").split())
    found: dict[str, str] = {}
    for name, pattern in _FLAGS.items():
        if pattern.search(key):
            found[name] = "true"
    for name, patterns in _COMPILED.items():
        for pattern in patterns:
            match = pattern.search(key)
            if match is not None:
                found[name] = match.group(1)
                break
    if "vote.exprimes" in found:
        found["vote.unanimite"] = "true"
    return found


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number < 2 else plural}"


def vote_phrase(vote: Vote | None) -> str:
    """The vote in the words of an act (empty when unknown): « à l'unanimité », « par 20 voix
    pour, 3 contre et 2 abstentions », …"""
    if vote is None:
        return ""
    parts: list[str] = []
    if vote.unanimite:
        parts.append("à l'unanimité des suffrages exprimés" if vote.exprimes else "à l'unanimité")
        if vote.exprimes and vote.abstentions is not None:
            parts[-1] += f" ({_count(vote.abstentions, 'abstention', 'abstentions')})"
    else:
        counts: list[str] = []
        if vote.pour is not None:
            counts.append(f"{vote.pour} voix pour")
        if vote.contre is not None:
            counts.append(f"{vote.contre} contre")
        if vote.abstentions is not None:
            counts.append(_count(vote.abstentions, "abstention", "abstentions"))
        if vote.majorite:
            parts.append("à la majorité")
        if counts:
            joined = counts[0] if len(counts) == 1 else ", ".join(counts[:-1]) + " et " + counts[-1]
            parts.append(f"par {joined}")
    if vote.nppv is not None and parts:
        parts.append(_count(vote.nppv, "membre ne prenant pas part au vote",
                            "membres ne prenant pas part au vote"))
    return ", ".join(parts)


__all__ = ["read_vote", "vote_phrase"]
