"""The DOCX renderer, by its bytes: styles a house style changes in one place, real lists,
superscripts, tabs and spaces, A4 numbered pages, properties, the same bytes for the same job,
native tracked changes; and read back by amendtrack's DOCX reader."""

from __future__ import annotations

import io
import zipfile

from amendtrack_plugins.docx import DocxRenderer
from lxml import etree

from amendtrack.diffing.amendments import diff
from amendtrack.importers.docx import read_docx
from amendtrack.model import Block, BlockKind, Mark, Metadata, Span, Version, VersionInfo
from amendtrack.rendering import Deletions, RenderJob, View
from amendtrack.rendering.document import document_job
from tests.plugins.test_odt import ADDITION, act_job

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(job: RenderJob) -> bytes:
    buffer = io.BytesIO()
    DocxRenderer().render(job, buffer)
    return buffer.getvalue()


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def test_same_job_same_bytes_fixed_dates_and_order() -> None:
    first = render(act_job())
    assert render(act_job()) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        assert names[2:] == sorted(names[2:])
        assert {info.date_time for info in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2022-12-07T00:00:00Z" in core and "2013" not in core  # not the template's date


def test_properties_carry_the_hashes_and_the_version() -> None:
    job = act_job()
    core = etree.tostring(part(render(job), "docProps/core.xml"), encoding="unicode")
    assert job.amendment.base_hash in core and job.amendment.result_hash in core
    from amendtrack._version import __version__

    assert f"amendtrack {__version__}" in core
    assert "Modification de la délibération" in core  # the title


def test_named_character_styles_carry_the_marks() -> None:
    data = render(act_job())
    styles = part(data, "word/styles.xml")
    by_id = {style.get(f"{W}styleId"): style for style in styles.iter(f"{W}style")}
    assert by_id["Ajout"].find(f"{W}rPr/{W}b") is not None
    assert by_id["Suppression"].find(f"{W}rPr/{W}strike") is not None
    assert by_id["Deplacement"].find(f"{W}rPr/{W}i") is not None
    assert by_id["Ajout"].find(f"{W}name").get(f"{W}val") == "Ajout"
    body = part(data, "word/document.xml")
    added = [run for run in body.iter(f"{W}r")
             if run.find(f"{W}rPr/{W}rStyle[@{W}val='Ajout']") is not None]
    assert " ".join("".join(run.itertext()) for run in added).split() == ADDITION.replace(
        "1er", "1 er").split()  # « 1er » is « 1 » then a superscript « er »


def test_real_lists_superscripts_a4_and_page_numbers() -> None:
    data = render(act_job())
    body = part(data, "word/document.xml")
    items = [p for p in body.iter(f"{W}p") if p.find(f"{W}pPr/{W}numPr") is not None]
    numbers = [p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in items]
    assert len(items) == 13 and len(set(numbers)) == 2  # two lists, each its own numbering
    numbering = part(data, "word/numbering.xml")
    declared = {num.get(f"{W}numId") for num in numbering.iter(f"{W}num")}
    assert set(numbers) <= declared
    assert any(run.find(f"{W}rPr/{W}vertAlign[@{W}val='superscript']") is not None
               and "".join(run.itertext()) == "er" for run in body.iter(f"{W}r"))
    size = body.find(f".//{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4 in twentieths
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        footers = [package.read(n).decode() for n in package.namelist() if "footer" in n]
    assert any(" PAGE " in footer and " NUMPAGES " in footer for footer in footers)


def _version(text: str) -> Version:
    return Version(VersionInfo("t", "2024-01-01"),
                   Metadata(collectivite="Commune de Test", seance="2024-01-01", objet="Test"),
                   (Block("p1", BlockKind.PARAGRAPH, (Span(text),)),
                    Block("p2", BlockKind.PARAGRAPH, (Span("1"), Span("er", frozenset(
                        {Mark.SUPERSCRIPT})), Span(" et "), Span("gras", frozenset({Mark.BOLD}))))))


def test_tabs_breaks_and_runs_of_spaces_read_back_exactly() -> None:
    version = _version("a   b\tc\nd")
    data = render(document_job(version))
    from pathlib import Path

    document = read_docx(data, Path("v.docx"))
    contents = [block.content for block in document.blocks]
    assert contents[-2:] == [version.body[0].content, version.body[1].content]


def test_tracked_changes_keep_the_style_on_insertions() -> None:
    data = render(act_job(options={"tracked_changes": "true"}))
    body = part(data, "word/document.xml")
    insertions = list(body.iter(f"{W}ins"))
    assert insertions
    for insertion in insertions:
        assert insertion.get(f"{W}author") == "amendtrack"
        assert insertion.get(f"{W}date") == "2022-12-07T00:00:00Z"
        for run in insertion.iter(f"{W}r"):
            assert run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "Ajout"
    inserted = "".join("".join(i.itertext()) for i in insertions)
    assert " ".join(inserted.split()) == ADDITION
    assert len({i.get(f"{W}id") for i in body.iter() if i.tag in (f"{W}ins", f"{W}del")}) == (
        sum(1 for i in body.iter() if i.tag in (f"{W}ins", f"{W}del")))  # unique ids


def test_tracked_deletions_are_deleted_text_even_when_hidden() -> None:
    old = _version("le tarif est de 3 euros")
    new = _version("le tarif est de 4 euros")
    job = RenderJob(diff(old, new), old, new, view=View.ACT, deletions=Deletions.HIDE,
                    full=True, options={"tracked_changes": "true"})
    body = part(render(job), "word/document.xml")
    deleted = ["".join(d.itertext()) for d in body.iter(f"{W}del")]
    assert deleted == ["3 euros"]
    assert not any(d.find(f".//{W}t") is not None for d in body.iter(f"{W}del"))
