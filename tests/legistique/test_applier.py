"""Tests of amendtrack.legistique.applier: applying instructions, and failing clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amendtrack import version_xml
from amendtrack.cli import app
from amendtrack.errors import AmendmentError
from amendtrack.importers.text import version_from_text, version_text
from amendtrack.legistique.applier import apply_instructions
from amendtrack.legistique.reader import parse
from amendtrack.model import Block, BlockKind, Metadata, Version, VersionInfo, plain

CASES = Path(__file__).parents[1] / "data" / "legi" / "cases"
META = Metadata("X", "2020-01-01", "Y")
INFO = VersionInfo("x", "2020-01-01")


def _case(case: str, name: str) -> str:
    # The corpus files end with a newline that is no part of the article (the README says
    # they have none); an instruction cannot see it, so it is left out on both sides.
    return (CASES / case / name).read_text(encoding="utf-8").removesuffix("\n")


def _instruction(case: str) -> str:
    meta = json.loads((CASES / case / "meta.json").read_text(encoding="utf-8"))
    return str(meta["amending_instruction"]["text"])


def _version(text: str) -> Version:
    return version_from_text(text, META, INFO)


def test_case_035_gives_amended_and_reports_the_date_of_application() -> None:
    result = apply_instructions(_version(_case("035", "base.txt")), parse(_instruction("035")))
    assert version_text(result.version) == _case("035", "amended.txt")
    assert any("line 3: changes no text" in note and "1er février 2014" in note
               for note in result.notes)


def test_case_029_gives_amended_except_the_other_provision() -> None:
    result = apply_instructions(_version(_case("029", "base.txt")), parse(_instruction("029")))
    # The other change of the article came from another provision of the same law.
    other = ("où l'un des époux", "dans laquelle l'un des époux, ou l'un de leurs parents,")
    assert version_text(result.version) == _case("029", "amended.txt").replace(
        other[1], other[0])
    assert "lors d'une cérémonie républicaine par l'officier" in version_text(result.version)


def test_words_keep_the_marks_of_untouched_text() -> None:
    from amendtrack.model import Mark, Span

    block = Block("p1", BlockKind.PARAGRAPH, (Span("Le "), Span("conseil", frozenset({Mark.BOLD})),
                                              Span(" général statue.")))
    version = Version(INFO, META, (block,))
    result = apply_instructions(version, parse(
        "Au premier alinéa, le mot : « général » est remplacé par le mot : « municipal »."))
    assert result.version.body[0].content == (
        Span("Le "), Span("conseil", frozenset({Mark.BOLD})), Span(" municipal statue."))


@pytest.mark.parametrize(
    ("instruction", "why"),
    [
        ("Au premier alinéa, le mot : « absent » est supprimé.",
         "line 1: anchor « absent » not found in that alinéa"),
        # A text of one article: an instruction that names none counts in that article, its
        # heading left out.
        ("Au premier alinéa, le mot : « le » est supprimé.",
         "line 1: anchor « le » is ambiguous: 2 occurrences"),
        ("Le cinquième alinéa est supprimé.",
         "line 1: alinéa out of range: no cinquième alinéa (there are 2 alinéas)"),
        ("Au premier tiret du deuxième alinéa, le mot : « x » est supprimé.",
         "line 1: tiret out of range"),
        ("À l'article 4, le mot : « x » est supprimé.", "line 1: article 4 not found"),
    ],
)
def test_failures_name_the_line_and_why(instruction: str, why: str) -> None:
    heading = Block("h1", BlockKind.HEADING, plain("Article 1er"), level=1)
    body = (heading, Block("p1", BlockKind.PARAGRAPH, plain("le conseil et le maire.")),
            Block("p2", BlockKind.PARAGRAPH, plain("Fin.")))
    text = "Rien à signaler.\n" + instruction if "article 4" in instruction else instruction
    with pytest.raises(AmendmentError) as raised:
        apply_instructions(Version(INFO, META, body), parse(text, "d.txt"), "d.txt")
    expected = why.replace("line 1", "line 2") if "article 4" in instruction else why
    assert str(raised.value).startswith(f"d.txt: {expected}")


def test_counting_alineas_tirets_and_articles() -> None:
    body = (
        Block("h1", BlockKind.HEADING, plain("Article 1er"), level=1),
        Block("p1", BlockKind.PARAGRAPH, plain("Intro :")),
        Block("i1", BlockKind.ITEM, plain("- un ;"), list_id="l"),
        Block("i2", BlockKind.ITEM, plain("- deux."), list_id="l"),
        Block("h2", BlockKind.HEADING, plain("Article 2"), level=1),
        Block("p2", BlockKind.PARAGRAPH, plain("Autre.")),
    )
    text = ("Au deuxième tiret du premier alinéa de l'article 1er, le mot : « deux » est "
            "remplacé par le mot : « trois ».\n"
            "Après le premier alinéa de l'article 2, il est inséré un alinéa ainsi rédigé :\n"
            "« Nouveau. »\n"
            "Après le premier alinéa de l'article 1er, il est inséré un alinéa ainsi rédigé :\n"
            "« Après la liste. »\n")
    result = apply_instructions(Version(INFO, META, body), parse(text))
    assert [b.text for b in result.version.body] == [
        "Article 1er", "Intro :", "- un ;", "- trois.", "Après la liste.", "Article 2",
        "Autre.", "Nouveau."]


def test_cli_writes_nothing_when_an_instruction_fails(tmp_path: Path) -> None:
    old = tmp_path / "old.xml"
    version_xml.save(_version("Le conseil général statue.\n\nFin."), old)
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("Au premier alinéa, le mot : « général » est remplacé par le mot : "
                    "« municipal ».\nLe présent texte entre en vigueur demain.\n", "utf-8")
    bad.write_text("Au premier alinéa, le mot : « général » est remplacé par le mot : "
                   "« municipal ».\nLe troisième alinéa est supprimé.\n", "utf-8")
    runner = CliRunner()
    out = tmp_path / "new.xml"
    failed = runner.invoke(app, ["apply-instructions", str(old), str(bad), "-o", str(out)])
    assert failed.exit_code != 0
    assert "line 2: alinéa out of range" in str(failed.exception)
    assert not out.exists()
    done = runner.invoke(app, ["apply-instructions", str(old), str(good), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert version_text(version_xml.load(out)) == "Le conseil municipal statue.\n\nFin."
    assert "changes no text" in done.output


GOLDEN = Path(__file__).parents[1] / "golden" / "legistique"


@pytest.mark.parametrize("case", sorted(p.parent.name for p in GOLDEN.glob("*/instructions.txt")))
def test_instructions_as_drafters_write_them_give_new(case: str) -> None:
    """Header sentences, `I. -` / `1° bis` / `aa)` numbering, straight quotes, sentence
    targets, occurrences, parts, articles and divisions inserted, renumbered, abrogated."""
    folder = GOLDEN / case
    old = _version((folder / "old.txt").read_text(encoding="utf-8"))
    text = (folder / "instructions.txt").read_text(encoding="utf-8")
    result = apply_instructions(old, parse(text, case), case)
    assert version_text(result.version) == (folder / "new.txt").read_text(encoding="utf-8")


def test_provisions_that_change_no_text_are_reported() -> None:
    folder = GOLDEN / "read-no-change"
    old = _version((folder / "old.txt").read_text(encoding="utf-8"))
    result = apply_instructions(old, parse((folder / "instructions.txt").read_text("utf-8")))
    assert [note.split(":")[0] for note in result.notes] == ["line 3", "line 5"]
    assert "Le I s'applique aux repas" in result.notes[0]


def _paragraphs(*texts: str) -> Version:
    return _version("\n\n".join(texts))


def test_numbers_refer_to_the_text_before_amendment() -> None:
    old = _paragraphs("Un.", "Deux.", "Trois.", "Quatre.", "Cinq.")
    text = ("Le deuxième alinéa est supprimé.\n"
            "Au troisième alinéa, le mot : « Trois » est remplacé par le mot : « Troisième ».\n"
            "Après le deuxième alinéa, il est inséré un alinéa ainsi rédigé : « Nouveau. »\n"
            "Les quatrième et dernier alinéas sont supprimés.\n")
    result = apply_instructions(old, parse(text))
    assert [b.text for b in result.version.body] == ["Un.", "Nouveau.", "Troisième."]


def test_a_block_deleted_twice_is_refused() -> None:
    old = _paragraphs("Un.", "Deux.", "Trois.")
    with pytest.raises(AmendmentError, match=r"line 2: that block was deleted by an earlier"):
        apply_instructions(old, parse("Le deuxième alinéa est supprimé.\n"
                                      "Le deuxième alinéa est supprimé.\n"))


def test_an_article_the_text_does_not_contain_is_named() -> None:
    old = _paragraphs("Article 1er", "Le maire signe.", "Article 2", "Le conseil vote.")
    with pytest.raises(AmendmentError) as raised:
        apply_instructions(old, parse("À l'article 7, le mot : « signe » est supprimé."), "a.txt")
    assert str(raised.value) == "a.txt: line 1: article 7 not found: the text has no such article"


def test_instructions_for_two_texts_are_refused() -> None:
    old = _paragraphs("Article 3", "Le maire signe.")
    text = ("Le code civil est ainsi modifié :\n1° L'article 3 est abrogé.\n"
            "Article 2\nL'article 3 du code pénal est abrogé.\n")
    with pytest.raises(AmendmentError, match=r"amend several texts \(code civil, code pénal\)"):
        apply_instructions(old, parse(text), "bill.txt")


def test_a_new_article_gets_a_heading_like_its_neighbours() -> None:
    old = _paragraphs("Article L12", "Le tarif est fixé.", "Article L13", "Fin.")
    text = ("Après l'article L. 12, il est inséré un article L. 12-1 ainsi rédigé :\n"
            "« Art. L. 12-1. - Le tarif réduit est fixé. »\n")
    result = apply_instructions(old, parse(text))
    assert [b.text for b in result.version.body] == [
        "Article L12", "Le tarif est fixé.", "Article L12-1", "Le tarif réduit est fixé.",
        "Article L13", "Fin."]


def test_the_quotation_must_hold_what_the_sentence_announces() -> None:
    old = _paragraphs("Article 1er", "Texte.")
    text = ("Après l'article 1er, il est inséré un article 1-1 ainsi rédigé :\n"
            "« Art. 1-2. - Autre texte. »\n")
    with pytest.raises(AmendmentError, match=r"line 1: the quotation holds no article 1-1"):
        apply_instructions(old, parse(text))


def test_a_renumbered_article_keeps_its_title() -> None:
    body = (Block("h4", BlockKind.HEADING, plain("Article 4 - Tarifs"), level=2),
            Block("p1", BlockKind.PARAGRAPH, plain("Le tarif est fixé.")))
    result = apply_instructions(Version(INFO, META, body), parse(
        "L'article 4 devient l'article 5.\nAu premier alinéa de l'article 4, le mot : « fixé » "
        "est remplacé par le mot : « voté »."))
    assert [b.text for b in result.version.body] == ["Article 5 - Tarifs", "Le tarif est voté."]
    assert result.version.body[0].kind is BlockKind.HEADING


def test_a_division_abrogated_whole_or_its_heading_only() -> None:
    old = _paragraphs("Chapitre Ier : Généralités", "Article 1er", "Un.",
                      "Chapitre II : Transitoire", "Article 2", "Deux.",
                      "Chapitre III : Fin", "Article 3", "Trois.")
    whole = apply_instructions(old, parse("Le chapitre II est abrogé."))
    assert [b.text for b in whole.version.body] == [
        "Chapitre Ier : Généralités", "Article 1er", "Un.", "Chapitre III : Fin", "Article 3",
        "Trois."]
    heading = apply_instructions(old, parse("L'intitulé du chapitre III est supprimé."))
    assert "Chapitre III : Fin" not in [b.text for b in heading.version.body]
    assert [b.text for b in heading.version.body][-2:] == ["Article 3", "Trois."]


def test_cli_names_the_code_the_instructions_amend(tmp_path: Path) -> None:
    old = tmp_path / "old.xml"
    version_xml.save(_paragraphs("Article 3", "Le maire signe."), old)
    bill = tmp_path / "bill.txt"
    bill.write_text("Le code des communes est ainsi modifié :\n\n1° À l'article 3, le mot : "
                    "\"signe\" est remplacé par le mot : \"contresigne\" ;\n", "utf-8")
    out = tmp_path / "new.xml"
    done = CliRunner().invoke(app, ["apply-instructions", str(old), str(bill), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "the instructions name the code des communes" in done.output
    assert version_text(version_xml.load(out)) == "Article 3\n\nLe maire contresigne."
