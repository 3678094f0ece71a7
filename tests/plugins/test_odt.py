"""The ODT renderer, checked through real LibreOffice (headless) and by its bytes."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from amendtrack_plugins.odt import OdtRenderer, odf_text
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.rendering import Deletions, RenderJob, View
from tests.office import need

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "aulnoy-ctg-caf"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ADDITION = ("qui seront réalisées pour les bonus territoriaux avec un effet au 1er janvier 2023")


def act_job(**changes: object) -> RenderJob:
    old = version_xml.load(SAMPLES / "2022-02-02.xml")
    new = version_xml.load(SAMPLES / "2022-12-07.xml")
    job = RenderJob(diff(old, new), old, new, view=View.ACT, deletions=Deletions.HIDE, full=True)
    from dataclasses import replace

    return replace(job, **changes)  # type: ignore[arg-type]


def render(job: RenderJob) -> bytes:
    buffer = io.BytesIO()
    OdtRenderer().render(job, buffer)
    return buffer.getvalue()


def test_same_job_same_bytes_and_fixed_dates() -> None:
    first, second = render(act_job()), render(act_job())
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert package.namelist()[0] == "mimetype"
        assert {info.date_time for info in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        meta = package.read("meta.xml").decode()
    assert "<meta:creation-date>2022-12-07T00:00:00</meta:creation-date>" in meta


def test_named_styles_and_real_lists() -> None:
    with zipfile.ZipFile(io.BytesIO(render(act_job()))) as package:
        styles = package.read("styles.xml").decode()
        content = package.read("content.xml").decode()
    assert 'style:name="Ajout"' in styles and 'style:display-name="Ajout"' in styles
    assert 'style:name="Suppression"' in styles
    assert content.count("<text:list ") == 2
    assert content.count('<text:span text:style-name="Ajout">') == 1


def test_spaces_tabs_and_breaks_are_kept() -> None:
    assert odf_text("a   b\tc\nd", False) == 'a <text:s text:c="2"/>b<text:tab/>c<text:line-break/>d'
    assert odf_text(" x", True) == "<text:s/>x"
    assert odf_text("<&>", False) == "&lt;&amp;&gt;"


def test_tracked_changes_option() -> None:
    data = render(act_job(options={"tracked_changes": "true"}))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        content = package.read("content.xml").decode()
    assert "<text:tracked-changes>" in content
    assert content.count("<text:insertion>") == 1
    start = content.index("<text:change-start")
    end = content.index("<text:change-end")
    assert ADDITION.split()[0] in content[start:end]
    # The insertion keeps the style « Ajout »: accepted, the addition stays bold.
    assert content.count('<text:span text:style-name="Ajout">') == 1
    assert content[start:end].count('<text:span text:style-name="Ajout">') == 1


@pytest.mark.slow
def test_libreoffice_bold_runs_are_the_additions(tmp_path: Path) -> None:
    soffice = need("soffice")
    odt = tmp_path / "acte.odt"
    odt.write_bytes(render(act_job()))
    for target in ("html", "pdf"):
        subprocess.run([soffice, "--headless", "--norestore",
                        f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", target, "--outdir", str(tmp_path), str(odt)],
                       check=True, capture_output=True, timeout=180)
    html = (tmp_path / "acte.html").read_text(encoding="utf-8")
    body = html[html.index("(rajout en gras)</b>") + len("(rajout en gras)</b>"):]
    # Bold runs split by other tags (a superscript inside) are one run.
    marked = re.sub(r"<(?!/?b\b)[^>]+>", "", body.replace("<b>", "\x01").replace("</b>", "\x02"))
    marked = re.sub(r"\x02\s*\x01", "", marked.replace("<b>", ""))
    bold = [re.sub(r"\s+", " ", run).strip() for run in re.findall("\x01(.*?)\x02", marked, re.S)]
    assert bold == [ADDITION]
    assert "(rajout en gras)</b>" in html  # the notice is bold too, before the body
    assert (tmp_path / "acte.pdf").stat().st_size > 1000
    pdftoppm = need("pdftoppm")
    subprocess.run([pdftoppm, "-png", "-r", "50", str(tmp_path / "acte.pdf"),
                    str(tmp_path / "page")], check=True, timeout=120)
    assert sorted(p.name for p in tmp_path.glob("page*.png"))


# --- validity against the OASIS ODF 1.3 schemas (tests/data/odf, see its NOTICE.md) ------------

ODF_SCHEMAS = ROOT / "tests" / "data" / "odf"
CASES = ROOT / "tests" / "data" / "legi" / "cases"
PARTS = ("content.xml", "styles.xml", "meta.xml", "settings.xml", "META-INF/manifest.xml")


@pytest.fixture(scope="session")
def odf_schemas() -> dict[str, etree.RelaxNG]:
    """The main and manifest schemas, compiled once (about 0.3 s)."""
    main = etree.RelaxNG(etree.parse(str(ODF_SCHEMAS / "OpenDocument-v1.3-schema.rng")))
    manifest = etree.RelaxNG(
        etree.parse(str(ODF_SCHEMAS / "OpenDocument-v1.3-manifest-schema.rng")))
    return {"main": main, "manifest": manifest}


def corpus_job(case: str, **changes: object) -> RenderJob:
    from dataclasses import replace

    from amendtrack.importers.text import version_from_text
    from amendtrack.model import Metadata, VersionInfo

    folder = CASES / case
    fields = Metadata(collectivite="Test", seance="2020-01-01", objet=f"cas {case}")
    old = version_from_text((folder / "base.txt").read_text(encoding="utf-8"), fields,
                            VersionInfo("t", "2020-01-01"))
    new = version_from_text((folder / "amended.txt").read_text(encoding="utf-8"), fields,
                            VersionInfo("t", "2021-01-01"))
    job = RenderJob(diff(old, new), old, new, deletions=Deletions.SHOW, full=True)
    return replace(job, **changes)  # type: ignore[arg-type]


def assert_valid(data: bytes, schemas: dict[str, etree.RelaxNG]) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        for part in PARTS:
            schema = schemas["manifest" if part.startswith("META-INF") else "main"]
            document = etree.fromstring(package.read(part))
            assert schema.validate(document), (part, [str(e) for e in schema.error_log][:5])


TRACKED = {"tracked_changes": "true"}


@pytest.mark.parametrize("changes", [
    {}, {"options": TRACKED}, {"deletions": Deletions.SHOW},
    {"view": View.DIFF, "deletions": Deletions.SHOW, "full": False},
])
def test_aulnoy_odt_is_valid_odf_1_3(odf_schemas: dict[str, etree.RelaxNG],
                                     changes: dict[str, object]) -> None:
    assert_valid(render(act_job(**changes)), odf_schemas)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_corpus_diff_odt_is_valid_odf_1_3(odf_schemas: dict[str, etree.RelaxNG],
                                          case: str) -> None:
    shown = render(corpus_job(case))
    tracked = render(corpus_job(case, options=TRACKED))
    assert_valid(shown, odf_schemas)
    assert_valid(tracked, odf_schemas)
    with zipfile.ZipFile(io.BytesIO(tracked)) as package:
        content = package.read("content.xml").decode()
    assert "<text:tracked-changes>" in content


@pytest.mark.slow
def test_libreoffice_sees_the_tracked_changes(tmp_path: Path) -> None:
    soffice = need("soffice")
    # 023: words inserted and deleted inside paragraphs, a paragraph inserted, one moved;
    # 015: a whole paragraph deleted.
    expected: dict[str, tuple[int, int]] = {}
    for case in ("023", "015"):
        data = render(corpus_job(case, options=TRACKED))
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            ours = package.read("content.xml").decode()
        expected[case] = (ours.count("<text:insertion>"), ours.count("<text:deletion>"))
        (tmp_path / f"case{case}.odt").write_bytes(data)
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "fodt",
                    "--outdir", str(tmp_path / "out"),
                    *(str(tmp_path / f"case{case}.odt") for case in expected)],
                   check=True, capture_output=True, timeout=180)
    assert expected["023"][0] >= 3 and expected["023"][1] >= 3 and expected["015"][1] == 1
    for case, (insertions, deletions) in expected.items():
        flat = etree.parse(str(tmp_path / "out" / f"case{case}.fodt"))
        regions = flat.findall(f".//{{{TEXT}}}tracked-changes/{{{TEXT}}}changed-region")
        kinds = [etree.QName(region[0]).localname for region in regions]
        # LibreOffice merges an insertion with an inserted paragraph right after it into one
        # region, so it may see fewer insertion regions than we wrote, never more or none.
        assert min(1, insertions) <= kinds.count("insertion") <= insertions, case
        assert kinds.count("deletion") == deletions, case
    deleted_paragraph = (CASES / "015" / "base.txt").read_text(encoding="utf-8").split("\n\n")
    flat_015 = (tmp_path / "out" / "case015.fodt").read_text(encoding="utf-8")
    assert any(p[:40] in flat_015 for p in deleted_paragraph if p not in (
        CASES / "015" / "amended.txt").read_text(encoding="utf-8"))


def test_a4_pages_numbered_and_no_widow_lines() -> None:
    with zipfile.ZipFile(io.BytesIO(render(act_job()))) as package:
        styles = package.read("styles.xml").decode()
    assert 'fo:page-width="21cm" fo:page-height="29.7cm"' in styles
    footer = styles[styles.index("<style:footer>"):styles.index("</style:footer>")]
    assert "<text:page-number" in footer and "<text:page-count" in footer
    assert footer.startswith('<style:footer><text:p text:style-name="Footer">Page ')
    body = styles[styles.index('style:name="Text_20_body"'):]
    body = body[:body.index("</style:style>")]
    assert 'fo:widows="2"' in body and 'fo:orphans="2"' in body


def _odf_text_piece_by_piece(text: str, at_start: bool) -> str:
    """The plain statement of ODF's white space rules, one piece at a time (the oracle)."""
    from html import escape

    out: list[str] = []
    previous_break = at_start
    for piece in re.split(r"( {2,}|\t|\n| )", text):
        if not piece:
            continue
        if piece == "\t":
            out.append("<text:tab/>")
            previous_break = True
        elif piece == "\n":
            out.append("<text:line-break/>")
            previous_break = True
        elif piece.startswith(" "):
            count = len(piece) if previous_break else len(piece) - 1
            if not previous_break:
                out.append(" ")
            if count:
                out.append("<text:s/>" if count == 1 else f'<text:s text:c="{count}"/>')
            previous_break = False
        else:
            out.append(escape(piece, quote=False))
            previous_break = False
    return "".join(out)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "é", " ", "\t", "\n", "&", "<", ">", "\u00a0",
                                          "’"]), max_size=30), st.booleans())
def test_odf_text_follows_the_white_space_rules(text: str, at_start: bool) -> None:
    assert odf_text(text, at_start) == _odf_text_piece_by_piece(text, at_start)


def test_the_body_is_spliced_into_content_xml_as_elements() -> None:
    data = render(act_job(deletions=Deletions.SHOW, options={"tracked_changes": "true"}))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        content = package.read("content.xml")
    root = etree.fromstring(content)
    office_text = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    assert office_text is not None
    assert office_text[0].tag == f"{{{TEXT}}}tracked-changes"
    assert b"amendtrack body" not in content
    creators = root.findall(".//{http://purl.org/dc/elements/1.1/}creator")
    assert creators and all(c.text == "amendtrack" for c in creators)
    paragraphs = ["".join(p.itertext()) for p in office_text.iter(f"{{{TEXT}}}p")]
    assert any("Convention Territoriale Globale" in p for p in paragraphs)
