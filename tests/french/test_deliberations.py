"""Tests for amendtrack.french.deliberations: what each part of a deliberation says it is."""

from __future__ import annotations

import pytest

from amendtrack.french.deliberations import (
    BlockRole,
    article_number_key,
    assembly_in,
    plain_key,
    presiding_in,
    recognise,
    reread,
)
from amendtrack.model import Block, BlockKind, plain

P, H, ITEM = BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.ITEM


def kinds(*texts: str, kind: BlockKind = P) -> list[BlockKind]:
    return [role.kind for role in recognise([(kind, text) for text in texts])]


def test_plain_key_keeps_positions() -> None:
    text = "Vu l’article L. 2121‑29 ; DÉCIDE\u00a0:"
    key = plain_key(text)
    assert len(key) == len(text)
    assert key.startswith("vu l'article") and key.endswith("decide :")


def test_a_whole_deliberation() -> None:
    assert kinds(
        "LE CONSEIL MUNICIPAL,",
        "Vu le code général des collectivités territoriales ;",
        "VU la délibération n° 2019-45 ;",
        "Entendu l'exposé de Madame la Maire ;",
        "Considérant que les tarifs n'ont pas été révisés depuis 2019 ;",
        "CONSIDÉRANT la hausse des prix ;",
        "Madame la Maire expose que les tarifs doivent être révisés.",
        "Après en avoir délibéré, à l'unanimité,",
        "DÉCIDE :",
        "Article 1er : Le tarif est fixé à 3 euros.",
        "Considérant ce qui précède, le tarif s'applique au 1er janvier.",
        "Adopté à l'unanimité.",
        "Fait et délibéré les jour, mois et an susdits.",
        "La Maire,\nAnne MARTIN",
    ) == [
        BlockKind.DECISION, BlockKind.VISA, BlockKind.VISA, BlockKind.VISA,
        BlockKind.CONSIDERANT, BlockKind.CONSIDERANT, P, BlockKind.DECISION,
        BlockKind.DECISION, BlockKind.ARTICLE, P, BlockKind.VOTE, BlockKind.SIGNATURE,
        BlockKind.SIGNATURE,
    ]


@pytest.mark.parametrize(("text", "number", "title", "alinea"), [
    ("Article 1er", "1er", None, False),
    ("ARTICLE 1ER – OBJET", "1ER", "OBJET", False),
    ("Article 2 bis - Tarifs réduits", "2 bis", "Tarifs réduits", False),
    ("Art. 3. Durée", "3", "Durée", False),
    ("Article premier : Approbation", "premier", "Approbation", False),
    ("Article unique : Le règlement annexé est approuvé.", "unique", None, True),
    ("Article 3 : Le tarif est fixé à 3 euros.", "3", None, True),
    ("Article 4 –\nLe tarif est révisé chaque année.", "4", None, True),
    ("Article 5 – Tarifs\nLe tarif est révisé chaque année.", "5", "Tarifs", True),
    ("Article 1er::", "1er", None, False),
    ("Article 6 : :\nLe tarif est révisé.", "6", None, True),
])
def test_articles(text: str, number: str, title: str | None, alinea: bool) -> None:
    assert recognise([(P, text)]) == [BlockRole(BlockKind.ARTICLE, number, title, alinea)]


def test_a_heading_article_keeps_its_title() -> None:
    (role,) = recognise([(H, "Article 2 – Le tarif des repas")])
    assert (role.kind, role.number, role.title) == (
        BlockKind.ARTICLE, "2", "Le tarif des repas")


@pytest.mark.parametrize("text", [
    "Article L. 2121-29 du code général des collectivités territoriales.",
    "Article 3 de la convention : les parties s'engagent.",
    "L'article 2 est complété par un alinéa.",
    "Articles 1 à 3 : voir ci-dessous.",
])
def test_references_are_not_articles(text: str) -> None:
    assert kinds(text) == [P]


def test_visas_and_considerants_only_before_the_articles() -> None:
    assert kinds("Article 1er : Le tarif est fixé.", "Vu l'urgence, il s'applique ce jour.",
                 "Considérant que …") == [BlockKind.ARTICLE, P, P]


def test_annexes_after_the_decision_only() -> None:
    assert kinds("Annexe 1 : grille des tarifs", "Le conseil municipal décide :",
                 "Annexe 1 : grille des tarifs", "ANNEXE À LA DÉLIBÉRATION N° 2023-71",
                 "Annexe à la convention, le plan de financement est joint.") == [
        P, BlockKind.DECISION, BlockKind.ANNEX, BlockKind.ANNEX, P]
    (_, _, role, roman, _) = recognise([(P, t) for t in (
        "x", "DÉCIDE :", "Annexe 1 : grille des tarifs", "ANNEXE II", "x")])
    assert (role.number, role.title) == ("1", "grille des tarifs")
    assert (roman.number, roman.title) == ("II", None)


def test_decision_formulas() -> None:
    assert kinds("Le comité syndical, après en avoir délibéré, décide :", "DÉLIBÈRE :",
                 "Le conseil d'administration du centre communal d'action sociale,",
                 "Le conseil municipal a décidé de réviser les tarifs en 2019.") == [
        BlockKind.DECISION, BlockKind.DECISION, BlockKind.DECISION, P]


def test_vote_blocks_after_the_decision() -> None:
    assert kinds("Pour : 20 ; Contre : 3 ; Abstentions : 2", "DÉCIDE :",
                 "Pour : 20 ; Contre : 3 ; Abstentions : 2", "Résultat du vote : unanimité",
                 "Adoptée à la majorité.") == [
        P, BlockKind.DECISION, BlockKind.VOTE, BlockKind.VOTE, BlockKind.VOTE]


def test_signatures_are_short_titles_not_sentences() -> None:
    assert kinds("Après en avoir délibéré, DÉCIDE :",
                 "Le Maire est chargé de l'exécution de la présente délibération.",
                 "La Présidente du CCAS,", "Pour extrait conforme,\nLe Maire,",
                 "Ainsi fait et délibéré le 7 décembre 2022.") == [
        BlockKind.DECISION, P, BlockKind.SIGNATURE, BlockKind.SIGNATURE, BlockKind.SIGNATURE]


def test_items_and_settled_kinds_stay() -> None:
    roles = recognise([(ITEM, "Vu le code ;"), (BlockKind.SIGNATURE, "Texte")])
    assert [role.kind for role in roles] == [ITEM, BlockKind.SIGNATURE]


@pytest.mark.parametrize(("text", "who"), [
    ("Madame la Maire expose que les tarifs doivent être révisés.", "Madame la Maire"),
    ("Monsieur le Président propose au conseil de voter.", "Monsieur le Président"),
    ("Le conseil adhère aux propositions de Madame la Vice-Présidente.",
     "Madame la Vice-Présidente"),
    ("Sur proposition de Monsieur le Maire,", "Monsieur le Maire"),
    ("madame la présidente rappelle le contexte.", "Madame la présidente"),
])
def test_who_presides(text: str, who: str) -> None:
    assert presiding_in(text) == who


def test_a_title_alone_is_not_who_presides() -> None:
    assert presiding_in("Il autorise Monsieur le Maire à signer la convention.") is None


def test_assemblies() -> None:
    assert assembly_in("DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL") == "comité syndical"
    assert assembly_in("Le Conseil d'Administration,") == "conseil d'administration"
    assert assembly_in("Séance du conseil communautaire") == "conseil communautaire"
    assert assembly_in("Le maire propose") is None


def test_article_numbers_compare() -> None:
    assert article_number_key("1er") == article_number_key("premier") == "1"
    assert article_number_key("2 bis") == "2bis"


def test_reread_renumbers_an_article() -> None:
    block = Block("a3", BlockKind.ARTICLE, plain("Article 4 – Durée"), number="3", title="Durée")
    assert reread(block).number == "4"
    paragraph = Block("p1", P, plain("Article 4"))
    assert reread(paragraph) is paragraph
