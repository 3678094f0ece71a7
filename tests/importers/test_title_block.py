"""Tests for amendtrack.importers.title_block: the title block of a deliberation read into metadata."""

from __future__ import annotations

from pathlib import Path

from amendtrack.importers.markdown import read_markdown
from amendtrack.importers.source import SourceBlock
from amendtrack.importers.title_block import read_title_block
from amendtrack.model import LINE_BREAK, BlockKind, Mark, inline_text, plain

SEED = Path(__file__).resolve().parents[2] / "samples" / "aulnoy-ctg-caf" / "acte-07.12.13.md"


def blocks(markdown: str) -> tuple[SourceBlock, ...]:
    return read_markdown(markdown).blocks


def test_the_seed_title_block() -> None:
    seed = SEED.read_text(encoding="utf-8")
    title = read_title_block(blocks(seed))
    assert title.blocks == 4
    assert title.fields() == {
        "collectivite": "VILLE D'AULNOY-LEZ-VALENCIENNES",
        "assemblee": "conseil municipal",
        "seance": "2022-12-07",
        "secretaire": "Dimitri KRAJEWSKI",
        "numero": "07.12.13",
        "objet": "Convention territoriale globale Caisse d'Allocations Familiales du Nord",
    }
    assert title.modifies == "2022-02-02"
    assert title.warnings == ()
    # The header keeps the source's lines: its text is the seed's title block with the
    # Markdown taken out (bold markers, hard-break spaces), paragraphs one empty line apart.
    start = seed.index("**VILLE")
    end = seed.index("\n\nMonsieur le Président expose")
    expected = seed[start:end].replace("**", "").replace("  \n", "\n")
    assert inline_text(title.header) == expected
    bold_text = "".join(span.text for span in title.header if Mark.BOLD in span.marks)
    assert bold_text == expected.replace("\n", "")  # every line bold, line breaks not


def test_no_title_block_in_a_plain_body() -> None:
    title = read_title_block(blocks("# Article 1\n\n**Le** texte.\n\nSuite."))
    assert title.blocks == 0
    assert title.facts == () and title.header == ()


def test_title_block_stops_before_a_bold_body_heading() -> None:
    source = (
        "**COMMUNE DE SAINT-ESSAI**\n\n**Objet : Tarifs**\n\n"
        "**Article 1**\n\nLes tarifs sont fixés."
    )
    title = read_title_block(blocks(source))
    assert title.blocks == 2
    assert title.fields() == {"collectivite": "COMMUNE DE SAINT-ESSAI", "objet": "Tarifs"}


def test_objet_in_the_block_after_the_marker() -> None:
    source = (
        "# Délibération du conseil municipal\n\nTravaux de voirie  \nrue des Lilas\n\n"
        "Le conseil, après en avoir délibéré, décide."
    )
    title = read_title_block(blocks(source))
    assert title.fields() == {"objet": "Travaux de voirie rue des Lilas",
                              "assemblee": "conseil municipal"}
    assert title.blocks == 2


def test_contradictory_facts_are_left_out_with_a_warning() -> None:
    source = "**Séance du 7 décembre 2022**  \n**Séance du 8 décembre 2022**\n\n**n° 12**"
    title = read_title_block(blocks(source))
    assert title.fields() == {"numero": "12"}
    assert title.warnings == (
        "the title block gives 2 values for seance (2022-12-07 / 2022-12-08): left out",
    )


def test_modification_without_a_date_is_reported() -> None:
    title = read_title_block(blocks("**Modification de la délibération précédente**"))
    assert title.modifies is None
    assert "gives no date" in title.warnings[0]


def test_civility_and_final_stop() -> None:
    source = "**Secrétaire de séance : Mme Anne Martin.**\n\n**Délibération n° 2022-045.**"
    assert read_title_block(blocks(source)).fields() == {
        "secretaire": "Anne Martin", "numero": "2022-045"}


def test_header_separates_blocks_with_an_empty_line() -> None:
    title = read_title_block((
        SourceBlock(BlockKind.HEADING, plain("VILLE DE X"), level=1),
        SourceBlock(BlockKind.PARAGRAPH, plain("n° 3")),
    ))
    assert inline_text(title.header) == "VILLE DE X" + LINE_BREAK * 2 + "n° 3"
