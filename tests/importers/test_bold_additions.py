"""Tests for amendtrack.importers.bold_additions and the « rajout en gras » import of the Aulnoy sample."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from amendtrack import version_xml
from amendtrack.importers.bold_additions import find_expose, render_addition, split_bold
from amendtrack.importers.importing import BoldImport, import_bold_as_additions
from amendtrack.importers.options import ReadOptions
from amendtrack.importers.source import SourceBlock
from amendtrack.model import Block, BlockKind, Mark, Span, inline_text, plain

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "aulnoy-ctg-caf"
SEED = SAMPLE / "acte-07.12.13.md"
ADDED = (
    "qui seront réalisées pour les bonus territoriaux avec un effet au 1<sup>er</sup> janvier 2023"
)
B = frozenset({Mark.BOLD})


def amendtrack(*arguments: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "amendtrack", *map(str, arguments)],
        capture_output=True, cwd=cwd, check=False,
    )


@pytest.fixture(scope="module")
def pair() -> BoldImport:
    return import_bold_as_additions(
        SEED, source_format=None, meta={"deliberation": "aulnoy-ctg-caf"}, options=ReadOptions()
    )


def seed_body_without_markdown() -> str:
    """The expected text of NEW, derived from the seed by taking its Markdown out.

    The body is what follows the exposé; bold markers and <sup> tags go, a hard break
    ("  \\n") becomes a line break, list items become blocks, and the paragraph the page
    break split is joined with one space.
    """
    seed = SEED.read_text(encoding="utf-8")
    body = seed[seed.index("(rajout en gras)**.\n\n") + len("(rajout en gras)**.\n\n") :]
    body = body.replace("**", "").replace("<sup>", "").replace("</sup>", "")
    body = body.replace("  \n", "\n")
    body = re.sub(r"\n+- ", "\n\n", body)  # each list item is a block
    return body.replace("par le biais des\n\nbonus", "par le biais des bonus")


def test_new_is_the_seed_body_without_bold_markers(pair: BoldImport) -> None:
    new = pair.new
    assert new.text() == seed_body_without_markdown()
    assert not any(Mark.BOLD in span.marks for block in new.body for span in block.content)
    item = new.block("l2-1")
    assert Span("er", frozenset({Mark.SUPERSCRIPT})) in item.content


def test_old_lacks_exactly_the_added_words(pair: BoldImport) -> None:
    old, new = pair.old, pair.new
    assert pair.additions == (ADDED,)
    assert [block.id for block in old.body] == [block.id for block in new.body]
    changed = [(a.id, a.text, b.text) for a, b in zip(old.body, new.body, strict=True)
               if a != b]
    assert len(changed) == 1
    block_id, old_text, new_text = changed[0]
    assert block_id == "l2-1"
    added_plain = ADDED.replace("<sup>", "").replace("</sup>", "")
    assert old_text == new_text.replace(added_plain + " ", "", 1)
    assert "financement afin de garantir" in old_text
    assert not any(Mark.SUPERSCRIPT in span.marks for span in old.block("l2-1").content)


def test_versions_and_metadata(pair: BoldImport) -> None:
    old, new = pair.old, pair.new
    assert (new.info.deliberation, new.info.date, new.info.modifies) == (
        "aulnoy-ctg-caf", "2022-12-07", "2022-02-02")
    assert (old.info.deliberation, old.info.date, old.info.modifies, old.info.act) == (
        "aulnoy-ctg-caf", "2022-02-02", None, None)
    assert new.metadata.seance == "2022-12-07" and new.metadata.numero == "07.12.13"
    assert new.metadata.secretaire == "Dimitri KRAJEWSKI"
    assert new.metadata.vote is not None and new.metadata.vote.unanimite
    assert old.metadata.seance == "2022-02-02"
    assert (old.metadata.numero, old.metadata.secretaire, old.metadata.vote) == (None, None, None)
    assert old.metadata.collectivite == new.metadata.collectivite == (
        "VILLE D'AULNOY-LEZ-VALENCIENNES")
    assert old.metadata.objet == new.metadata.objet
    act = new.info.act
    assert act is not None and (act.date, act.numero) == ("2022-12-07", "07.12.13")
    assert inline_text(act.expose).startswith("Monsieur le Président expose")
    assert Span("(rajout en gras)", B) in act.expose
    assert inline_text(act.header).startswith("VILLE D'AULNOY-LEZ-VALENCIENNES\nEXTRAIT")
    assert [block.kind for block in new.body[-4:]] == [BlockKind.DECISION] + [
        BlockKind.SIGNATURE] * 3


def test_warnings_name_the_page_break_join(pair: BoldImport) -> None:
    joins = [w for w in pair.warnings if "page break" in w]
    assert joins == [
        "joined two paragraphs split by a page break: "
        "« …le 31/12/2022 par le biais des » + « bonus territoires.… »"
    ]


def test_committed_samples_are_what_the_documented_command_makes(tmp_path: Path) -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    command = " ".join(readme.split("    amendtrack import ", 1)[1].split("\n\n", 1)[0].split())
    arguments = command.replace("\\ ", "").split()
    assert arguments[0] == "samples/aulnoy-ctg-caf/acte-07.12.13.md"
    work = tmp_path / "repo"
    shutil.copytree(SAMPLE, work / "samples" / "aulnoy-ctg-caf",
                    ignore=shutil.ignore_patterns("*.xml"))
    result = amendtrack("import", *arguments, cwd=work)
    assert result.returncode == 0, result.stderr.decode()
    assert f"addition: « {ADDED} »" in result.stderr.decode()
    for name in ("2022-02-02.xml", "2022-12-07.xml"):
        made = work / "samples" / "aulnoy-ctg-caf" / name
        assert made.read_bytes() == (SAMPLE / name).read_bytes(), name


def test_samples_validate() -> None:
    result = amendtrack("validate", *sorted(SAMPLE.glob("*.xml")), cwd=REPO)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().count(": valid") == 2


def test_seed_copy_is_the_published_act() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert text.count("**") == 2 * 11  # 9 title lines, the legend, one addition
    assert not text.endswith("\n")


def body(*contents: tuple[Span, ...]) -> tuple[Block, ...]:
    return tuple(Block(f"p{n}", BlockKind.PARAGRAPH, content)
                 for n, content in enumerate(contents, 1))


@pytest.mark.parametrize(
    ("spans", "old", "new"),
    [
        ((Span("de "), Span("nouveaux", B), Span(" tarifs")), "de tarifs", "de nouveaux tarifs"),
        ((Span("fin "), Span("ajout", B), Span(".")), "fin.", "fin ajout."),
        ((Span("fin "), Span("ajout", B)), "fin", "fin ajout"),
        ((Span("ajout", B), Span(" début")), "début", "ajout début"),
        ((Span("mot"), Span("s", B), Span(" suivants")), "mot suivants", "mots suivants"),
        ((Span("a"), Span(" b ", B), Span("c")), "a c", "a b c"),
        ((Span("vu :"), Span("\n"), Span("ajout", B), Span(" x")), "vu :\nx", "vu :\najout x"),
        ((Span("x "), Span("un", B), Span(" "), Span("deux", B), Span(" y")), "x y",
         "x un deux y"),
        ((Span("terme ; "), Span("nouveau", B), Span(" ;")), "terme ; ;", "terme ; nouveau ;"),
    ],
)
def test_one_adjacent_space_goes_with_an_addition(
    spans: tuple[Span, ...], old: str, new: str
) -> None:
    split = split_bold(body(spans))
    assert split.new[0].text == new
    assert [block.text for block in split.old] == [old]


def test_a_block_bold_throughout_is_absent_from_old() -> None:
    split = split_bold(body(plain("Un."), (Span("Nouvel alinéa.", B),), plain("Deux.")))
    assert [block.id for block in split.old] == ["p1", "p3"]
    assert [block.id for block in split.new] == ["p1", "p2", "p3"]
    assert [inline_text(addition) for addition in split.additions] == ["Nouvel alinéa."]


def test_render_addition_keeps_other_marks() -> None:
    content = (Span("au 1"), Span("er", frozenset({Mark.SUPERSCRIPT})),
               Span("\n"), Span("vu", frozenset({Mark.ITALIC, Mark.UNDERLINE})))
    assert render_addition(content) == "au 1<sup>er</sup><br><i><u>vu</u></i>"


def test_find_expose() -> None:
    legend = SourceBlock(BlockKind.PARAGRAPH, (Span("M. le Maire expose : "),
                                                Span("(ajouts en gras)", B)))
    text = SourceBlock(BlockKind.PARAGRAPH, plain("Texte."))
    assert find_expose([text, legend, text]) == (2, [])
    count, warnings = find_expose([SourceBlock(BlockKind.PARAGRAPH, plain("Le Maire expose.")),
                                   text])
    assert count == 1 and "no « (rajout en gras) » legend" in warnings[0]
    count, warnings = find_expose([text])
    assert count == 0 and "no exposé found" in warnings[0]


def test_text_source_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Texte.", encoding="utf-8")
    before, after = tmp_path / "old.xml", tmp_path / "new.xml"
    result = amendtrack("import", source, "--bold-as-additions", "--before", before,
                        "--after", after, cwd=tmp_path)
    assert result.returncode == 2
    assert "plain text has no bold" in result.stderr.decode()
    assert not before.exists() and not after.exists()


def test_act_without_bold_or_modified_date_is_refused(tmp_path: Path) -> None:
    no_bold = tmp_path / "a.md"
    no_bold.write_text("**VILLE DE X**\n\n**Objet : Y**\n\nTexte.", encoding="utf-8")
    with pytest.raises(Exception, match="no bold text found"):
        import_bold_as_additions(no_bold, source_format=None,
                                 meta={"seance": "2022-01-01"}, options=ReadOptions())
    no_date = tmp_path / "b.md"
    no_date.write_text("**VILLE DE X**\n\n**Objet : Y**\n\nTexte **ajouté**.", encoding="utf-8")
    with pytest.raises(Exception, match="--meta modifies=YYYY-MM-DD"):
        import_bold_as_additions(no_date, source_format=None,
                                 meta={"seance": "2022-01-01"}, options=ReadOptions())
    pair = import_bold_as_additions(
        no_date, source_format=None, meta={"seance": "2022-01-01", "modifies": "2021-06-30",
                                           "old.numero": "21-7"}, options=ReadOptions())
    assert pair.old.text() == "Texte." and pair.new.text() == "Texte ajouté."
    assert pair.old.metadata.numero == "21-7" and pair.old.metadata.seance == "2021-06-30"
    version_xml.checked_bytes(pair.old)
    version_xml.checked_bytes(pair.new)


def test_the_html_edition_of_the_act_gives_the_same_versions(tmp_path: Path) -> None:
    """The HTML reader's blocks go through the same shared step as Markdown's."""
    source = REPO / "tests" / "data" / "import" / "acte-07.12.13.html"
    before, after = tmp_path / "old.xml", tmp_path / "new.xml"
    result = amendtrack("import", source, "--bold-as-additions", "--before", before,
                        "--after", after, "--meta", "deliberation=aulnoy-ctg-caf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert before.read_bytes() == (SAMPLE / "2022-02-02.xml").read_bytes()
    assert after.read_bytes() == (SAMPLE / "2022-12-07.xml").read_bytes()
