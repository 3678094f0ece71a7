"""Whole codes (the Code civil and the Code électoral of the legi corpus) worded and applied back.

`amendtrack diff OLD NEW --to legistique` then `amendtrack apply-instructions OLD wording.txt`
must give NEW exactly, with instructions grouped by article, every alinéa counted inside its
article before amendment, and none of the defects a drafter would reject. (Speed is measured by
`bench/legistique_bench.py`, not here.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from amendtrack import version_xml
from amendtrack.cli import app
from amendtrack.importers.text import version_from_text, version_text
from amendtrack.legistique.counting import alineas
from amendtrack.legistique.instructions import BlockChange, StructureChange, WordChange
from amendtrack.legistique.labels import article_key
from amendtrack.legistique.reader import parse
from amendtrack.legistique.units import units
from amendtrack.model import Metadata, Version, VersionInfo
from tests.legistique.defects import defects

LARGE = Path(__file__).parents[1] / "data" / "legi" / "large"
META = Metadata("Légifrance", "2015-03-22", "code")


def _load(path: Path) -> Version:
    return version_from_text(path.read_text(encoding="utf-8"), META, VersionInfo("code", "2015-03-22"))


@pytest.fixture(scope="module", params=["L2", "L3"])
def worded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[str, Version, str, Path]:
    """A whole code's pair, its wording by the CLI and the version the CLI applied it to."""
    case = str(request.param)
    work = tmp_path_factory.mktemp(case)
    old, new = work / "old.xml", work / "new.xml"
    version_xml.save(_load(LARGE / case / "base.txt"), old)
    version_xml.save(_load(LARGE / case / "amended.txt"), new)
    runner = CliRunner()
    wording = work / "wording.txt"
    done = runner.invoke(app, ["diff", str(old), str(new), "--to", "legistique", "-o",
                               str(wording)])
    assert done.exit_code == 0, done.output
    applied = work / "applied.xml"
    done = runner.invoke(app, ["apply-instructions", str(old), str(wording), "-o", str(applied)])
    assert done.exit_code == 0, done.output
    return case, version_xml.load(old), wording.read_text(encoding="utf-8"), applied


def test_applying_the_wording_gives_the_amended_code_exactly(
    worded: tuple[str, Version, str, Path],
) -> None:
    case, _, _, applied = worded
    amended = (LARGE / case / "amended.txt").read_text(encoding="utf-8")
    assert version_text(version_xml.load(applied)) == amended


def test_no_wording_defect(worded: tuple[str, Version, str, Path]) -> None:
    _, _, text, _ = worded
    assert defects(text) == []
    # « Article R*136 » is the article R.* 136, never « article R ».
    assert not re.search(r"l'article [LRD]\b(?![.*]| ?\d)", text)


def test_instructions_are_grouped_by_article(worded: tuple[str, Version, str, Path]) -> None:
    _, _, text, _ = worded
    headers = re.findall(r"^L'article (.+?) est ainsi modifié\u00a0:$", text, re.MULTILINE)
    assert headers, "some article has several changes"
    assert len(headers) == len({article_key(number) for number in headers})


def test_every_alinea_is_counted_inside_its_article(
    worded: tuple[str, Version, str, Path],
) -> None:
    """Whatever an instruction numbers, it numbers in its own article before amendment:
    never beyond the article's last alinéa, never across its heading."""
    _, old, text, _ = worded
    counts = {article_key(unit.number or ""): len(alineas(old.body[unit.start:unit.end]))
              for unit in units(old.body) if unit.kind == "article"}
    preamble = units(old.body)[0]
    checked = 0
    for instruction in parse(text):
        if isinstance(instruction, StructureChange) or not isinstance(
                instruction, WordChange | BlockChange):
            continue
        where = instruction.where
        if where.article is None:
            assert where.division or where.annex or preamble.end > preamble.start, instruction
            continue
        if where.alinea is not None and where.alinea > 0:
            count = instruction.count if isinstance(instruction, BlockChange) else 1
            assert where.alinea + count - 1 <= counts[article_key(where.article)], instruction
            checked += 1
    assert checked > 50
