"""Tests for amendtrack.model.divisions: articles and annexes read off a flat body."""

from __future__ import annotations

from amendtrack.model import Block, BlockKind, Metadata, Version, VersionInfo, plain


def block(kind: BlockKind, text: str, **fields: object) -> Block:
    return Block(f"b{text[:6]}", kind, plain(text), **fields)  # type: ignore[arg-type]


BODY = (
    block(BlockKind.VISA, "Vu le code ;"),
    block(BlockKind.DECISION, "DÉCIDE :"),
    block(BlockKind.ARTICLE, "Article 1er – Objet", number="1er", title="Objet"),
    block(BlockKind.PARAGRAPH, "Le règlement est approuvé."),
    block(BlockKind.ITEM, "premier point", list_id="l1"),
    block(BlockKind.ARTICLE, "Article 2 : Le tarif est fixé.", number="2", alinea=True),
    block(BlockKind.HEADING, "TITRE II"),
    block(BlockKind.PARAGRAPH, "Un alinéa hors article."),
    block(BlockKind.SIGNATURE, "La Maire,"),
    block(BlockKind.ANNEX, "Annexe 1 : grille", number="1", title="grille"),
    block(BlockKind.HEADING, "Tarifs"),
    block(BlockKind.PARAGRAPH, "Entrée : 4 euros."),
)
VERSION = Version(VersionInfo("d", "2024-01-01"), Metadata("X", "2024-01-01", "O"), BODY)


def test_articles_and_their_blocks() -> None:
    first, second = VERSION.articles()
    assert (first.number, first.title, first.start, first.end, first.first_alinea) == (
        "1er", "Objet", 2, 5, 3)
    assert (second.number, second.alinea, second.start, second.end, second.first_alinea) == (
        "2", True, 5, 6, 5)  # a heading ends the article: the alinéa after it is outside


def test_an_annex_holds_its_headings() -> None:
    annex = VERSION.divisions()[-1]
    assert (annex.kind, annex.number, annex.start, annex.end) == (BlockKind.ANNEX, "1", 9, 12)


def test_the_division_of_each_block() -> None:
    numbers = [(d.number if (d := VERSION.division_of(i)) else None) for i in range(len(BODY))]
    assert numbers == [None, None, "1er", "1er", "1er", "2", None, None, None, "1", "1", "1"]
    assert 3 in VERSION.articles()[0] and 5 not in VERSION.articles()[0]
