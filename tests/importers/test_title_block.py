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


# --- every kind of collectivité and assembly, and what the act modifies ----------------------


def test_a_ccas_and_its_board() -> None:
    title = read_title_block(blocks(
        "**CENTRE COMMUNAL D'ACTION SOCIALE DE MARLY**  \n"
        "**EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL D'ADMINISTRATION**  \n"
        "**Séance du 9 mars 2023**"))
    assert title.fields() == {"collectivite": "CENTRE COMMUNAL D'ACTION SOCIALE DE MARLY",
                              "assemblee": "conseil d'administration", "seance": "2023-03-09"}


def test_kinds_of_collectivite() -> None:
    for line in ("CCAS de Valenciennes", "Communauté d'agglomération Valenciennes Métropole",
                 "SIVOM du Val de Sambre", "Syndicat mixte du Parc naturel régional",
                 "Caisse des écoles de Lille", "Région Hauts-de-France",
                 "Établissement public territorial Paris Est Marne et Bois"):
        assert read_title_block(blocks(f"**{line}**")).fields() == {"collectivite": line}


def test_a_departement_is_the_collectivite_only_when_no_other_line_is() -> None:
    commune = read_title_block(blocks("**DÉPARTEMENT DU NORD**  \n**COMMUNE DE PROUVY**"))
    assert commune.fields() == {"collectivite": "COMMUNE DE PROUVY"}
    departement = read_title_block(blocks(
        "**DÉPARTEMENT DU NORD**  \n**DES DÉLIBÉRATIONS DU CONSEIL DÉPARTEMENTAL**"))
    assert departement.fields() == {"collectivite": "DÉPARTEMENT DU NORD",
                                    "assemblee": "conseil départemental"}


def test_the_assembly_in_the_seance_line() -> None:
    title = read_title_block(blocks("**Comité syndical du 21 novembre 2022**"))
    assert title.fields() == {"seance": "2022-11-21", "assemblee": "comité syndical"}
    marker = read_title_block(blocks("# DÉLIBÉRATION DU CONSEIL COMMUNAUTAIRE\n\nTarifs"))
    assert marker.fields() == {"assemblee": "conseil communautaire", "objet": "Tarifs"}


def test_modification_with_its_numero() -> None:
    title = read_title_block(blocks(
        "**Modification de la délibération n° 2021-112 du 14 octobre 2021**"))
    assert (title.modifies, title.modifies_numero, title.replaces) == (
        "2021-10-14", "2021-112", False)


def test_annule_et_remplace() -> None:
    title = read_title_block(blocks(
        "**Annule et remplace la délibération n° 2022-38 du 21 novembre 2022**"))
    assert (title.modifies, title.modifies_numero, title.replaces) == (
        "2022-11-21", "2022-38", True)


def test_a_modification_stated_in_the_objet() -> None:
    title = read_title_block(blocks(
        "**Objet : Aide aux villages – modification de la délibération n° DCD-2023-118 "
        "du 26 juin 2023**"))
    assert title.fields() == {"objet": "Aide aux villages"}
    assert (title.modifies, title.modifies_numero) == ("2023-06-26", "DCD-2023-118")
    replaced = read_title_block(blocks(
        "**Objet : Tarifs (annule et remplace la délibération du 3 mai 2021)**"))
    assert replaced.fields() == {"objet": "Tarifs"}
    assert (replaced.modifies, replaced.replaces) == ("2021-05-03", True)


def test_who_presides_in_the_title_block() -> None:
    title = read_title_block(blocks(
        "**Séance du 4 avril 2023**  \n**Sous la présidence de Madame Sophie DUBOIS, Présidente**"))
    assert title.fields() == {"seance": "2023-04-04", "president": "Sophie DUBOIS",
                              "presidence": "Madame la Présidente"}
