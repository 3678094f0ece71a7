"""The structure of a deliberation is recognised by every importer: text, Markdown, HTML, and
ODT and DOCX made by real LibreOffice from the HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from amendtrack.importers.body import assign_ids, body_fields, structured_paragraphs
from amendtrack.importers.importing import import_source
from amendtrack.importers.options import ReadOptions
from amendtrack.importers.source import SourceBlock
from amendtrack.importers.structure import recognise_structure
from amendtrack.model import Block, BlockKind, Version, plain
from tests.importers.test_odt import soffice_convert

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "golden" / "deliberations" / "cantine-maire" / "new.md"
META = {"collectivite": "COMMUNE DE SAINT-ESSAI", "seance": "2022-05-12",
        "objet": "Tarifs de la restauration scolaire", "deliberation": "cantine"}
EXPECTED = [
    ("d1", BlockKind.DECISION), ("v1", BlockKind.VISA), ("v2", BlockKind.VISA),
    ("v3", BlockKind.VISA), ("c1", BlockKind.CONSIDERANT), ("p1", BlockKind.PARAGRAPH),
    ("d2", BlockKind.DECISION), ("d3", BlockKind.DECISION), ("a1", BlockKind.ARTICLE),
    ("a1-p1", BlockKind.PARAGRAPH), ("a1-p2", BlockKind.PARAGRAPH), ("a2", BlockKind.ARTICLE),
    ("a3", BlockKind.ARTICLE), ("a4", BlockKind.ARTICLE), ("s1", BlockKind.SIGNATURE),
    ("s2", BlockKind.SIGNATURE),
]


def _body_paragraphs() -> list[str]:
    """The body of the golden source (after its title block), as plain paragraphs."""
    text = SOURCE.read_text(encoding="utf-8")
    body = text[text.index("Le Conseil municipal,"):]
    return [paragraph.replace("  \n", "\n") for paragraph in body.strip().split("\n\n")]


def _html() -> str:
    title = "".join(f"<p><strong>{html.escape(line)}</strong></p>" for line in (
        "COMMUNE DE SAINT-ESSAI", "Séance du 12 mai 2022", "Objet : Tarifs de la restauration "
        "scolaire"))
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in _body_paragraphs())
    return f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"></head><body>{title}{body}</body></html>'


def _structure(version: Version) -> list[tuple[str, BlockKind]]:
    return [(block.id, block.kind) for block in version.body]


def _import(path: Path, meta: dict[str, str] | None = None) -> Version:
    return import_source(path, source_format=None, meta=meta or {"deliberation": "cantine"},
                         options=ReadOptions()).version


def test_markdown(tmp_path: Path) -> None:
    version = _import(SOURCE)
    assert _structure(version) == EXPECTED
    article = version.body[8]
    assert (article.number, article.title, article.alinea) == ("1er", "Tarifs", False)
    assert [d.number for d in version.articles()] == ["1er", "2", "3", "4"]
    assert version.division_of(10) is not None and version.division_of(10).number == "1er"
    assert version.division_of(5) is None


def test_plain_text_keeps_its_bytes(tmp_path: Path) -> None:
    source = tmp_path / "cantine.txt"
    source.write_bytes(("\n\n".join(_body_paragraphs()) + "\n").encode())
    version = _import(source, META)
    assert _structure(version) == EXPECTED
    from amendtrack.importers.text import version_text

    assert version_text(version).encode() == source.read_bytes()


def test_html(tmp_path: Path) -> None:
    source = tmp_path / "cantine.html"
    source.write_text(_html(), encoding="utf-8")
    assert _structure(_import(source)) == EXPECTED


@pytest.mark.slow
@pytest.mark.parametrize("target", ["odt", "docx"])
def test_odt_and_docx_from_libreoffice(tmp_path: Path, target: str) -> None:
    source = tmp_path / "cantine.html"
    source.write_text(_html(), encoding="utf-8")
    converted = soffice_convert(source, target, tmp_path)
    version = _import(converted)
    assert _structure(version) == EXPECTED
    assert version.metadata.presidence == "Madame la Maire"
    assert version.metadata.vote is not None and version.metadata.vote.unanimite


def test_the_facts_the_text_states() -> None:
    blocks = assign_ids(recognise_structure([SourceBlock(BlockKind.PARAGRAPH, plain(text))
                                             for text in _body_paragraphs()]))
    assert body_fields(blocks) == {"vote.unanimite": "true", "presidence": "Madame la Maire",
                                   "assemblee": "conseil municipal", "president": "Anne MARTIN"}
    assert re.match(r"^v\d$", blocks[1].id)


_OPENINGS = st.sampled_from([
    "Vu le code ;", "VU la loi", "Considérant que", "Article 1er", "ARTICLE 2 BIS – Tarifs",
    "Article 3 : Le tarif", "DÉCIDE :", "Après en avoir délibéré,", "Le Maire,", "Annexe 1",
    "Fait et délibéré", "Pour : 20", "Adopté à l'unanimité.", "Texte libre", "",
])
_GLUE = st.sampled_from(["\n\n", "\n", "\n\n\n", " ", "\u00a0"])


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(_OPENINGS, st.text(alphabet="abc é’;:.\n", max_size=12), _GLUE),
                max_size=10), st.integers(0, 3))
def test_a_text_import_is_exact_whatever_its_structure(
        pieces: list[tuple[str, str, str]], newlines: int) -> None:
    text = "".join(opening + words + glue for opening, words, glue in pieces) + "\n" * newlines
    assume(text.strip())  # an empty (or blank) file is refused
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "texte.txt"
        source.write_bytes(text.encode())
        version = _import(source, META)
    from amendtrack import version_xml
    from amendtrack.importers.text import version_text

    assert version_text(version) == text
    again = version_xml.parse_bytes(version_xml.checked_bytes(version))
    assert again == version and version_text(again) == text
    assert not version.body[-1].text.endswith("\n")  # the file's end is not in an alinéa


def _source_path(texts: list[str]) -> tuple[Block, ...]:
    """The general path of every reader: a source block per paragraph, then the structure."""
    return assign_ids(recognise_structure([SourceBlock(BlockKind.PARAGRAPH, plain(text))
                                           for text in texts]))


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(_OPENINGS, st.text(alphabet="abc é’;:.\n", max_size=12)),
                max_size=12))
def test_the_text_import_shortcut_gives_the_general_path_s_blocks(
        pieces: list[tuple[str, str]]) -> None:
    texts = [opening + words for opening, words in pieces]
    assert structured_paragraphs(texts) == _source_path(texts)


@pytest.mark.slow
def test_the_text_import_shortcut_on_a_whole_code_and_a_deliberation() -> None:
    code = (ROOT / "tests" / "data" / "legi" / "large" / "L2" / "amended.txt").read_text(
        encoding="utf-8").rstrip("\n").split("\n\n")
    blocks = structured_paragraphs(code)
    assert sum(block.kind is BlockKind.ARTICLE for block in blocks) > 2000
    assert blocks == _source_path(code)
    assert structured_paragraphs(_body_paragraphs()) == _source_path(_body_paragraphs())
