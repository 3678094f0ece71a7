"""Tests of amendtrack.legistique.reader: reading French amending instructions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amendtrack.errors import AmendmentError
from amendtrack.legistique.reader import (
    Address,
    BlockChange,
    BlockChangeKind,
    NoChange,
    StructureChange,
    StructureChangeKind,
    Unit,
    WordChange,
    WordChangeKind,
    parse,
    read,
)

CASES = Path(__file__).parents[1] / "data" / "legi" / "cases"


def _real(case: str) -> str:
    meta = json.loads((CASES / case / "meta.json").read_text(encoding="utf-8"))
    return str(meta["amending_instruction"]["text"])


def test_case_029_real_sentence() -> None:
    (change,) = parse(_real("029"))
    assert change == WordChange(WordChangeKind.REPLACE, Address("165"), "devant",
                                "lors d'une cérémonie républicaine par", None, 1)


def test_case_035_real_sentence_with_a_provision_that_changes_no_text() -> None:
    rewrite, date = parse(_real("035"))
    assert isinstance(rewrite, BlockChange)
    assert rewrite.kind is BlockChangeKind.REWRITE
    assert rewrite.where == Address("298 septies", 2, second=True,
                                    act="code général des impôts")
    assert rewrite.texts[0].startswith("Sont également soumis")
    assert rewrite.texts[0].endswith("régime juridique de la presse.")
    assert isinstance(date, NoChange)
    assert date.line == 3
    assert "1er février 2014" in date.text


@pytest.mark.parametrize(
    ("sentence", "kind", "anchor", "words"),
    [
        ("Au premier alinéa, les mots : « A B » sont remplacés par les mots : « C D ».",
         WordChangeKind.REPLACE, "A B", "C D"),
        ("Au premier alinéa, les mots « A B » sont remplacés par « C ».",
         WordChangeKind.REPLACE, "A B", "C"),
        ("Au premier alinéa, le mot « A » est supprimé.", WordChangeKind.DELETE, "A", ""),
        ("Au premier alinéa, le mot : « A » est abrogé ;", WordChangeKind.DELETE, "A", ""),
        ("Au premier alinéa, après le mot « A », est inséré le mot « B ».",
         WordChangeKind.INSERT_AFTER, "A", "B"),
        ("Au premier alinéa, après les mots : « A », sont ajoutés les mots : « B ».",
         WordChangeKind.INSERT_AFTER, "A", "B"),
        ("Au premier alinéa, est inséré le mot \"B\" après le mot \"A\".",
         WordChangeKind.INSERT_AFTER, "A", "B"),
        ("Au premier alinéa, avant le mot : « A », sont insérés les mots : « B C ».",
         WordChangeKind.INSERT_BEFORE, "A", "B C"),
        ("Au début du premier alinéa, sont insérés les mots : « B ».",
         WordChangeKind.INSERT_START, "", "B"),
        ("Le premier alinéa est complété par les mots : « B ».", WordChangeKind.APPEND, "", "B"),
        ("Le premier alinéa est complété par une phrase ainsi rédigée : « B. »",
         WordChangeKind.APPEND_SENTENCE, "", "B."),
        ("Au premier alinéa, l’expression « l’A » est remplacée par l’expression « B ».",
         WordChangeKind.REPLACE, "l’A", "B"),
    ],
)
def test_word_formulas_and_variants(
    sentence: str, kind: WordChangeKind, anchor: str, words: str
) -> None:
    (change,) = parse(sentence)
    assert isinstance(change, WordChange)
    assert (change.kind, change.where, change.anchor, change.words) == (
        kind, Address(None, 1), anchor, words)


def test_occurrence_and_tiret_and_article() -> None:
    (change,) = parse("Au premier tiret du quatorzième alinéa de l'article 2, la deuxième "
                      "occurrence du mot : « X » est supprimée.")
    assert change == WordChange(WordChangeKind.DELETE, Address("2", 14, 1), "X", "", 2, 1)


def test_grouped_items_inherit_their_alinea() -> None:
    text = ("Le dernier alinéa est ainsi modifié :\n"
            "1° Le mot : « A » est remplacé par le mot : « B » ;\n"
            "2° Il est complété par les mots : « C ».\n"
            "Le 3° est supprimé.\n")
    first, second, third = parse(text)
    assert isinstance(first, WordChange) and isinstance(second, WordChange)
    assert first.where == second.where == Address(None, -1)
    assert (first.line, second.line) == (2, 3)
    assert third == BlockChange(BlockChangeKind.DELETE, Address(label="3°"), line=4)


def test_block_formulas() -> None:
    text = ("Après le deuxième alinéa, sont insérés deux alinéas ainsi rédigés :\n"
            "« Un « cité » ;\n« Deux. »\n"
            "Les deuxième à quatrième alinéas sont supprimés.\n"
            "Le cinquième alinéa est placé avant le premier alinéa.\n"
            "L'article 3 est abrogé.\n"
            "Après le premier tiret du 2°, il est inséré un tiret ainsi rédigé : « - x ; »\n")
    insert, delete, move, repeal, tiret = parse(text)
    assert insert == BlockChange(BlockChangeKind.INSERT_AFTER, Address(None, 2),
                                 ("Un « cité » ;", "Deux."), line=1)
    assert delete == BlockChange(BlockChangeKind.DELETE, Address(None, 2), count=3, line=4)
    assert move == BlockChange(BlockChangeKind.MOVE_BEFORE, Address(None, 5),
                               destination=Address(None, 1), line=5)
    assert repeal == StructureChange(StructureChangeKind.ABROGATE, Address("3"), line=6)
    assert tiret == BlockChange(BlockChangeKind.INSERT_AFTER, Address(None, None, 1, "2°"),
                                ("- x ;",), Unit.TIRET, line=7)


def test_quotation_keeps_inner_spaces_exactly() -> None:
    (change,) = parse("Au premier alinéa, le mot : «\u00a0 a\u00a0 b \u00a0» est supprimé.")
    assert isinstance(change, WordChange)
    assert change.anchor == " a\u00a0 b "


def test_unreadable_instruction_names_its_line() -> None:
    with pytest.raises(AmendmentError, match=r"line 2: cannot read"):
        parse("Au premier alinéa, le mot « A » est supprimé.\nLe mot « B » est chamboulé.",
              "dispositif.txt")


def test_unclosed_quotation_names_its_line() -> None:
    with pytest.raises(AmendmentError, match=r"line 2: « is never closed"):
        parse("Rien.\nLe mot « A est supprimé.")


def test_numbering_gives_each_item_the_place_of_its_header() -> None:
    text = ("I. - L'article 3 est ainsi modifié :\n"
            "1° Le premier alinéa est ainsi modifié :\n"
            "a) Le mot : « A » est supprimé ;\n"
            "aa) Le mot : « B » est supprimé ;\n"
            "1° bis Le deuxième alinéa est supprimé ;\n"
            "II.- Le dernier alinéa de l'article 4 est supprimé.\n")
    first, second, third, fourth = parse(text)
    assert isinstance(first, WordChange) and first.where == Address("3", 1)
    assert isinstance(second, WordChange) and second.where == Address("3", 1)
    assert third == BlockChange(BlockChangeKind.DELETE, Address("3", 2), line=5)
    assert fourth == BlockChange(BlockChangeKind.DELETE, Address("4", -1), line=6)


def test_a_line_article_of_the_bill_itself_ends_the_places_before_it() -> None:
    provisions = read("L'article 3 est ainsi modifié :\n1° Le premier alinéa est supprimé.\n"
                      "Article 2\n1° Le premier alinéa est supprimé.\n")
    assert [p.heading for p in provisions] == [False, False, True, False]
    assert provisions[1].instructions[0] == BlockChange(BlockChangeKind.DELETE, Address("3", 1),
                                                        line=2)
    assert provisions[3].instructions[0] == BlockChange(BlockChangeKind.DELETE, Address(None, 1),
                                                        line=4)


def test_straight_quotes_open_each_quoted_alinea_as_bills_write_them() -> None:
    text = ('L\'article 5 est ainsi rédigé :\n\n"Art. 5. - Premier alinéa :\n\n'
            '"- un tiret ;\n\n"Dernier alinéa."\n\nLe dernier alinéa de l\'article 6 est '
            'supprimé.\n')
    rewrite, delete = parse(text)
    assert isinstance(rewrite, BlockChange) and rewrite.texts == (
        "Art. 5. - Premier alinéa :", "- un tiret ;", "Dernier alinéa.")
    assert delete == BlockChange(BlockChangeKind.DELETE, Address("6", -1), line=9)


def test_guillemets_nested_inside_a_quotation() -> None:
    (change,) = parse("Au premier alinéa, les mots : « Ville fleurie » sont remplacés par les "
                      "mots : « « Ville fleurie » ».")
    assert isinstance(change, WordChange) and change.words == "« Ville fleurie »"


def test_read_lists_each_provision_not_read_with_why() -> None:
    provisions = read("Au premier alinéa, le mot : « A » est supprimé.\n"
                      "Le mot « B » est chamboulé.\nLa présente délibération est exécutoire.\n")
    assert [p.problem is None for p in provisions] == [True, False, True]
    assert provisions[1].problem is not None and "cannot read" in provisions[1].problem
    assert provisions[1].amending and not provisions[2].amending
