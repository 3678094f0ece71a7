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
