"""Tests for amendtrack.french.votes: every form of a vote read, what amendtrack writes read back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amendtrack.french.votes import read_vote, vote_phrase
from amendtrack.model import Vote, metadata_fields
from amendtrack.model.versions import Metadata


@pytest.mark.parametrize(("text", "facts"), [
    ("par 20 voix pour, 3 contre et 2 abstentions",
     {"vote.pour": "20", "vote.contre": "3", "vote.abstentions": "2"}),
    ("Après en avoir délibéré, par 25 voix pour, 2 voix contre et 1 abstention, décide.",
     {"vote.pour": "25", "vote.contre": "2", "vote.abstentions": "1"}),
    ("Pour : 20 ; Contre : 3 ; Abstentions : 2",
     {"vote.pour": "20", "vote.contre": "3", "vote.abstentions": "2"}),
    ("20 pour – 3 contre – 2 abstentions",
     {"vote.pour": "20", "vote.contre": "3", "vote.abstentions": "2"}),
    ("à la majorité, par 18 voix pour et 5 contre",
     {"vote.majorite": "true", "vote.pour": "18", "vote.contre": "5"}),
    ("à la majorité absolue", {"vote.majorite": "true"}),
    ("à l'unanimité", {"vote.unanimite": "true"}),
    ("à l’unanimité des membres présents", {"vote.unanimite": "true"}),
    ("à l'unanimité des suffrages exprimés (2 abstentions)",
     {"vote.unanimite": "true", "vote.exprimes": "true", "vote.abstentions": "2"}),
    ("par 22 voix pour, 2 conseillers ne prenant pas part au vote",
     {"vote.pour": "22", "vote.nppv": "2"}),
    ("NPPV : 1", {"vote.nppv": "1"}),
    ("Membres en exercice : 29 ; présents : 22 ; représentés : 3 ; votants : 25",
     {"en_exercice": "29", "presents": "22", "representes": "3", "votants": "25"}),
    ("une hausse de 5 pour cent", {}),
    ("Monsieur DUPONT ne prend pas part au vote.", {}),
])
def test_forms_councils_write(text: str, facts: dict[str, str]) -> None:
    assert read_vote(text) == facts


def test_phrases() -> None:
    assert vote_phrase(Vote(unanimite=True)) == "à l'unanimité"
    assert vote_phrase(Vote(pour=20, contre=3, abstentions=2)) == (
        "par 20 voix pour, 3 contre et 2 abstentions")
    assert vote_phrase(Vote(pour=25, abstentions=1, nppv=1)) == (
        "par 25 voix pour et 1 abstention, 1 membre ne prenant pas part au vote")
    assert vote_phrase(Vote(unanimite=True, exprimes=True, abstentions=2)) == (
        "à l'unanimité des suffrages exprimés (2 abstentions)")
    assert vote_phrase(Vote(majorite=True, pour=18, contre=5)) == (
        "à la majorité, par 18 voix pour et 5 contre")
    assert vote_phrase(None) == ""


_COUNT = st.none() | st.integers(min_value=0, max_value=99)


@st.composite
def votes(draw: st.DrawFn) -> Vote:
    """Votes as the act writes them: unanimity (of the votes cast or not) or counts."""
    if draw(st.booleans()):
        exprimes = draw(st.booleans())
        return Vote(unanimite=True, exprimes=exprimes, nppv=draw(_COUNT),
                    abstentions=draw(_COUNT) if exprimes else None)
    vote = Vote(pour=draw(_COUNT), contre=draw(_COUNT), abstentions=draw(_COUNT),
                majorite=draw(st.booleans()))
    if vote == Vote():
        return Vote(pour=1)
    nppv = draw(_COUNT)
    return Vote(vote.pour, vote.contre, vote.abstentions, nppv=nppv, majorite=vote.majorite)


@given(votes())
def test_what_amendtrack_writes_it_reads_back(vote: Vote) -> None:
    flat = metadata_fields(Metadata("X", "2024-01-01", "O", vote=vote))
    assert read_vote(vote_phrase(vote)) == {k: v for k, v in flat.items() if k.startswith("vote.")}
