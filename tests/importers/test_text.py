"""Tests for amendtrack.importers.text: plain text survives import, XML and back, exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack import version_xml
from amendtrack.importers.text import blocks_from_text, version_from_text, version_text
from amendtrack.model import Metadata, VersionInfo

METADATA = Metadata(collectivite="Commune d'Essai", seance="2024-05-02", objet="Essai")
INFO = VersionInfo(deliberation="essai", date="2024-05-02")

# French words with their typography, and the whitespace that editors and converters leave.
WORDS = st.sampled_from([
    "délibération", "conseil", "l’article", "l'État", "« alinéa »", "œuvre", "1er", "n°",
    "Considérant", "qu’il", "—", "%", "5 €", "à", "È", "ça", ";", ":", "!", "?", ".", ",",
])
GAPS = st.sampled_from([
    " ", "  ", "   ", "\u00a0", "\u202f", "\t", " \t ", "\n", "\n\n", "\n\n\n", "\u00a0:",
])


@st.composite
def french_text(draw: st.DrawFn) -> str:
    """Text made of French words and odd whitespace, possibly starting or ending with it."""
    pieces = [draw(GAPS) if draw(st.booleans()) else ""]
    for _ in range(draw(st.integers(min_value=1, max_value=25))):
        pieces.append(draw(WORDS))
        pieces.append(draw(GAPS))
    if draw(st.booleans()):
        pieces.pop()
    return "".join(pieces)


@settings(max_examples=150, deadline=None)
@given(french_text())
def test_text_survives_serialise_and_parse(text: str) -> None:
    version = version_from_text(text, METADATA, INFO)
    again = version_xml.parse_bytes(version_xml.checked_bytes(version), "generated.xml")
    assert version_text(again) == text
    assert again == version


def test_paragraphs_split_on_one_blank_line_only() -> None:
    blocks = blocks_from_text("Un.\n\n\nDeux\u00a0;\nsuite.\n\nTrois.")
    assert [block.text for block in blocks] == ["Un.", "\nDeux\u00a0;\nsuite.", "Trois."]
    assert [block.id for block in blocks] == ["p1", "p2", "p3"]
