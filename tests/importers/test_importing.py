"""Tests for amendtrack.importers.importing: format choice, text and Markdown import through the CLI,
the shared step for structured readers, and bad sources."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amendtrack import version_xml
from amendtrack.cli import app
from amendtrack.errors import SourceError
from amendtrack.importers.formats import SourceFormat, choose_format
from amendtrack.importers.importing import (
    import_source,
    read_source,
    version_from_source,
)
from amendtrack.importers.options import ReadOptions
from amendtrack.importers.source import SourceBlock, SourceDocument
from amendtrack.model import BlockKind, Mark, Span, plain

REPO = Path(__file__).resolve().parents[2]
LEGI = REPO / "tests" / "data" / "legi"
CORPUS_TEXTS = sorted(LEGI.glob("cases/*/*.txt")) + sorted(LEGI.glob("large/*/*.txt"))
REQUIRED_META = [
    "--meta", "collectivite=Légifrance", "--meta", "seance=2015-03-22", "--meta", "objet=Code",
]


def amendtrack(
    *arguments: str | Path, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run the real command line in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "amendtrack", *map(str, arguments)],
        capture_output=True,
        cwd=cwd,
        check=False,
    )


def test_corpus_found() -> None:
    assert len(CORPUS_TEXTS) >= 40  # 18 cases × 2 + 2 large × 2


@pytest.mark.parametrize("source", CORPUS_TEXTS, ids=lambda path: str(path.relative_to(LEGI)))
def test_text_import_then_show_gives_the_source_back(source: Path, tmp_path: Path) -> None:
    # The typer app in this process (the same commands as the console script, without the
    # ~0.2 s start-up per run); the child-process test below covers the real entry point.
    output = tmp_path / "version.xml"
    runner = CliRunner()
    imported = runner.invoke(app, ["import", str(source), "-o", str(output), *REQUIRED_META])
    assert imported.exit_code == 0, imported.output
    shown = runner.invoke(app, ["show", str(output), "--to", "text"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout_bytes == source.read_bytes()


SUBPROCESS_TEXTS = [LEGI / "cases" / case / "amended.txt" for case in ("001", "009", "027")] + [
    *sorted(LEGI.glob("large/*/amended.txt"))
]


@pytest.mark.parametrize(
    "source", SUBPROCESS_TEXTS, ids=lambda path: str(path.relative_to(LEGI))
)
def test_text_round_trip_through_the_console_command(source: Path, tmp_path: Path) -> None:
    output = tmp_path / "version.xml"
    imported = amendtrack("import", source, "-o", output, *REQUIRED_META)
    assert imported.returncode == 0, imported.stderr.decode()
    assert imported.stderr == b""
    shown = amendtrack("show", output, "--to", "text")
    assert shown.returncode == 0, shown.stderr.decode()
    assert shown.stdout == source.read_bytes()


def test_text_import_metadata_and_defaults(tmp_path: Path) -> None:
    source = tmp_path / "Délibération n°3.txt"
    source.write_text("Premier alinéa.\n\nSecond alinéa.", encoding="utf-8")
    output = tmp_path / "v.xml"
    result = amendtrack("import", source, "-o", output, *REQUIRED_META, "--meta", "numero=3")
    assert result.returncode == 0, result.stderr.decode()
    version = version_xml.load(output)
    assert version.info.deliberation == "deliberation-n3"  # « ° » has no ASCII form
    assert version.info.date == "2015-03-22"  # the séance, by default
    assert version.metadata.numero == "3"
    assert [block.id for block in version.body] == ["p1", "p2"]


def test_text_import_version_keys(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Texte.", encoding="utf-8")
    result = import_source(
        source,
        source_format=None,
        meta={"collectivite": "X", "seance": "2020-01-02", "objet": "O",
              "deliberation": "d-1", "date": "2020-02-01", "modifies": "2019-12-31"},
        options=ReadOptions(),
    )
    info = result.version.info
    assert (info.deliberation, info.date, info.modifies) == ("d-1", "2020-02-01", "2019-12-31")


def test_text_import_without_metadata_says_what_to_give(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Texte.", encoding="utf-8")
    output = tmp_path / "v.xml"
    result = amendtrack("import", source, "-o", output, "--meta", "seance=2020-01-02")
    assert result.returncode == 2
    message = result.stderr.decode()
    assert message.count("\n") == 1 and "Traceback" not in message
    assert "missing metadata: collectivite, objet" in message
    assert "--meta collectivite=" in message and "--meta objet=" in message
    assert not output.exists()


def test_bad_meta_values_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Texte.", encoding="utf-8")
    for pair, problem in [
        ("seance=7 décembre 2022", "not a date"),
        ("deliberation=Aulnoy CTG", "an id is lower-case"),
        ("couleur=bleu", "unknown key"),
        ("old.numero=4", "only apply with --bold-as-additions"),
    ]:
        result = amendtrack("import", source, "-o", tmp_path / "v.xml", *REQUIRED_META,
                            "--meta", pair)
        assert result.returncode == 2, pair
        assert problem in result.stderr.decode(), pair
        assert not (tmp_path / "v.xml").exists()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("absent.txt", None, "no such file"),
        ("empty.txt", b"", "file is empty"),
        ("blank.md", b"\n  \n", "file is empty"),
        ("latin1.txt", "Délibération du conseil".encode("latin-1"),
         "not valid UTF-8 (byte 0xE9 on line 1)"),
        ("acte.pdf", b"%PDF-1.4", "cannot tell the format from the extension '.pdf'"),
        ("form-feed.txt", b"Page 1\x0cPage 2", "character U+000C cannot be stored in XML"),
    ],
)
def test_bad_sources_fail_cleanly(
    tmp_path: Path, name: str, content: bytes | None, problem: str
) -> None:
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    output = tmp_path / "out.xml"
    result = amendtrack("import", source, "-o", output, *REQUIRED_META)
    message = result.stderr.decode()
    assert result.returncode == 2, message
    assert message.startswith(f"amendtrack: error: {source}: ")
    assert problem in message
    assert message.count("\n") == 1 and "Traceback" not in message
    assert not output.exists()
    assert [path.name for path in tmp_path.iterdir()] == ([name] if content is not None else [])


def test_latin1_with_encoding_is_read(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("Délibération du conseil".encode("latin-1"))
    output = tmp_path / "v.xml"
    result = amendtrack("import", source, "-o", output, *REQUIRED_META, "--encoding", "latin-1")
    assert result.returncode == 0, result.stderr.decode()
    assert version_xml.load(output).text() == "Délibération du conseil"


def test_crlf_text_is_converted_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "crlf.txt"
    source.write_bytes(b"Un.\r\n\r\nDeux.")
    output = tmp_path / "v.xml"
    result = amendtrack("import", source, "-o", output, *REQUIRED_META)
    assert result.returncode == 0
    assert "line endings were converted to LF" in result.stderr.decode()
    assert version_xml.load(output).text() == "Un.\n\nDeux."


def test_choose_format() -> None:
    assert choose_format(Path("a.TXT"), None) == "text"
    assert choose_format(Path("a.markdown"), None) == "markdown"
    assert choose_format(Path("a.htm"), None) == "html"
    assert choose_format(Path("a.txt"), "md") == "markdown"
    with pytest.raises(SourceError, match="known formats: text"):
        choose_format(Path("a"), None)
    with pytest.raises(SourceError, match="unknown source format 'rtf'"):
        choose_format(Path("a.txt"), "rtf")


def test_a_format_without_a_structured_reader_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"Texte.")
    with pytest.raises(SourceError, match="text is not read as a structured document"):
        read_source(source, SourceFormat.TEXT, ReadOptions())


def test_markdown_seed_import_without_bold_as_additions(tmp_path: Path) -> None:
    seed = REPO / "samples" / "aulnoy-ctg-caf" / "acte-07.12.13.md"
    output = tmp_path / "acte.xml"
    result = amendtrack("import", seed, "-o", output, "--meta", "numero=2022-07.12.13")
    assert result.returncode == 0, result.stderr.decode()
    assert "joined two paragraphs split by a page break" in result.stderr.decode()
    version = version_xml.load(output)
    assert version.metadata.numero == "2022-07.12.13"  # --meta overrides the title block
    assert version.metadata.seance == "2022-12-07"
    assert version.info.modifies == "2022-02-02"
    assert version.info.act is not None and version.info.act.numero == "2022-07.12.13"
    # Without --bold-as-additions the act is kept as written: exposé first, bold kept.
    assert version.body[0].text.startswith("Monsieur le Président expose")
    assert any(Mark.BOLD in span.marks for block in version.body for span in block.content)


def test_version_from_source_for_a_structured_reader() -> None:
    """What ODT/DOCX/HTML readers hand over goes through the same step as Markdown."""
    bold = frozenset({Mark.BOLD})
    document = SourceDocument(
        blocks=(
            SourceBlock(BlockKind.PARAGRAPH, (Span("COMMUNE DE TRIFOUILLIS", bold),
                                              Span("\n"), Span("Séance du 1er mars 2021", bold))),
            SourceBlock(BlockKind.PARAGRAPH, (Span("Objet : Tarifs de la cantine", bold),)),
            SourceBlock(BlockKind.HEADING, plain("Exposé"), level=2),
            SourceBlock(BlockKind.PARAGRAPH, plain("Les tarifs sont fixés comme")),
            SourceBlock(BlockKind.PARAGRAPH, plain("suit :")),
            SourceBlock(BlockKind.ITEM, plain("repas : 3 €"), list_key=7),
            SourceBlock(BlockKind.ITEM, plain("goûter : 1 €"), list_key=7),
            SourceBlock(BlockKind.PARAGRAPH, plain("Après en avoir délibéré, le conseil "
                                                   "adopte par 20 voix pour et 3 voix contre.")),
            SourceBlock(BlockKind.PARAGRAPH, plain("Le Maire,\nJean Dupont")),
        ),
        warnings=("dropped the page header",),
    )
    result = version_from_source(document, {}, Path("tarifs.odt"))
    version = result.version
    assert version.metadata.collectivite == "COMMUNE DE TRIFOUILLIS"
    assert version.metadata.seance == "2021-03-01"
    assert version.metadata.objet == "Tarifs de la cantine"
    assert version.metadata.vote is not None
    assert (version.metadata.vote.pour, version.metadata.vote.contre) == (20, 3)
    assert version.info.deliberation == "tarifs"
    assert version.info.modifies is None and version.info.act is None
    assert [(block.id, block.kind) for block in version.body] == [
        ("h1", BlockKind.HEADING),
        ("p1", BlockKind.PARAGRAPH),
        ("l1-1", BlockKind.ITEM),
        ("l1-2", BlockKind.ITEM),
        ("d1", BlockKind.DECISION),
        ("s1", BlockKind.SIGNATURE),
    ]
    assert version.body[1].text == "Les tarifs sont fixés comme suit :"
    assert result.warnings[0] == "dropped the page header"
    assert any("page break" in warning for warning in result.warnings)
    version_xml.checked_bytes(version)  # valid against the schema
