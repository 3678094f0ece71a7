"""Tests for amendtrack.importers.body: page-break joins, formulas, vote and ids."""

from __future__ import annotations

from amendtrack.importers.body import (
    assign_ids,
    join_page_breaks,
    recognise_formulas,
    vote_fields,
)
from amendtrack.importers.source import SourceBlock
from amendtrack.model import BlockKind, Mark, Span, inline_text, plain

B = frozenset({Mark.BOLD})


def para(text: str) -> SourceBlock:
    return SourceBlock(BlockKind.PARAGRAPH, plain(text))


def test_join_only_where_a_page_break_split_a_sentence() -> None:
    blocks = [
        para("par le biais des"), para("bonus territoires."),   # joined
        para("Vu le code,"), para("considérant que…"),          # comma: kept apart
        para("Article 3"), para("Les tarifs."),                 # upper case: kept apart
        para("au 31/12/2022"), para("et au-delà ;"),            # digit then lower case: joined
    ]
    joined, warnings = join_page_breaks(blocks)
    assert [inline_text(block.content) for block in joined] == [
        "par le biais des bonus territoires.", "Vu le code,", "considérant que…",
        "Article 3", "Les tarifs.", "au 31/12/2022 et au-delà ;",
    ]
    assert len(warnings) == 2
    assert warnings[0] == (
        "joined two paragraphs split by a page break: « …par le biais des » + "
        "« bonus territoires.… »"
    )


def test_join_never_touches_items_or_headings() -> None:
    item = SourceBlock(BlockKind.ITEM, plain("premier"), list_key=1)
    heading = SourceBlock(BlockKind.HEADING, plain("Titre"), level=1)
    blocks = [item, para("suite"), heading, para("suite")]
    assert join_page_breaks(blocks) == (blocks, [])


def test_a_bold_run_cut_by_a_page_break_stays_one_run() -> None:
    first = SourceBlock(BlockKind.PARAGRAPH, (Span("voir "), Span("les nouveaux", B)))
    second = SourceBlock(BlockKind.PARAGRAPH, (Span("tarifs", B), Span(".")))
    joined, _ = join_page_breaks([first, second])
    assert joined[0].content == (Span("voir "), Span("les nouveaux tarifs", B), Span("."))


def test_decision_and_signatures() -> None:
    blocks = recognise_formulas([
        para("Le Maire propose."),
        para("Le Conseil Municipal,\naprès en avoir délibéré,\nà l’unanimité,\nadopte."),
        para("Fait et délibéré les jour, mois et an susdits."),
        para("Acte rendu exécutoire."),
        para("Pour extrait conforme,\nLe Maire,"),
    ])
    assert [block.kind for block in blocks] == [
        BlockKind.PARAGRAPH, BlockKind.DECISION, BlockKind.SIGNATURE, BlockKind.PARAGRAPH,
        BlockKind.SIGNATURE,
    ]
    assert vote_fields(blocks) == {"vote.unanimite": "true"}


def test_signatures_without_a_decision_are_the_final_run() -> None:
    blocks = recognise_formulas([para("Le Maire propose."), para("Texte."),
                                 para("Le Maire,\nJean Dupont")])
    assert [block.kind for block in blocks] == [
        BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.SIGNATURE]


def test_vote_counts() -> None:
    decision = SourceBlock(BlockKind.DECISION, plain(
        "Après en avoir délibéré, par 25 voix pour, 2 voix contre et 1 abstention, décide."))
    assert vote_fields([decision]) == {
        "vote.pour": "25", "vote.contre": "2", "vote.abstentions": "1"}
    assert vote_fields([para("à l'unanimité")]) == {}  # not a decision formula


def test_ids() -> None:
    blocks = assign_ids([
        SourceBlock(BlockKind.HEADING, plain("Titre"), level=2),
        para("Un."),
        SourceBlock(BlockKind.ITEM, plain("a"), list_key=1),
        SourceBlock(BlockKind.ITEM, plain("b"), list_key=1),
        SourceBlock(BlockKind.ITEM, plain("c"), list_key=2),
        para("Deux."),
        SourceBlock(BlockKind.ITEM, plain("d")),
        SourceBlock(BlockKind.ITEM, plain("e")),
        SourceBlock(BlockKind.DECISION, plain("Après en avoir délibéré.")),
        SourceBlock(BlockKind.SIGNATURE, plain("Le Maire,")),
    ])
    assert [(block.id, block.list_id) for block in blocks] == [
        ("h1", None), ("p1", None), ("l1-1", "l1"), ("l1-2", "l1"), ("l2-1", "l2"),
        ("p2", None), ("l3-1", "l3"), ("l3-2", "l3"), ("d1", None), ("s1", None),
    ]
    assert blocks[0].level == 2
