"""Every golden act rendered for real, and read back.

LibreOffice converts each ODT act and its bold and struck-through runs must be the act's
additions and deletions; Chromium shows each HTML act with the additions bold, the deletions
struck through and the moved alinéas labelled. Every act amendtrack writes (Markdown, ODT,
HTML, DOCX), read back with ``--bold-as-additions``, gives NEW's metadata (vote included) and
text, and OLD's.
"""

from __future__ import annotations

import html as html_module
import io
import re
import subprocess
from pathlib import Path

import pytest
from amendtrack_plugins.docx import DocxRenderer
from amendtrack_plugins.html import HtmlRenderer
from amendtrack_plugins.markdown import MarkdownRenderer
from amendtrack_plugins.odt import OdtRenderer

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.french.typography import fold
from amendtrack.importers.importing import import_bold_as_additions
from amendtrack.importers.options import ReadOptions
from amendtrack.model import Version
from amendtrack.rendering import RenderJob, View
from tests.plugins.test_html import CHROMIUM, need_chromium
from tests.plugins.test_odt import need
from tests.rendering.golden_acts import CASES, act_spans, load_case

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "aulnoy-ctg-caf"
RENDERERS = {"md": MarkdownRenderer, "odt": OdtRenderer, "html": HtmlRenderer,
             "docx": DocxRenderer}


def _write(job: RenderJob, extension: str, path: Path) -> Path:
    buffer = io.BytesIO()
    RENDERERS[extension]().render(job, buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _marked_runs(html: str, tag: str) -> list[str]:
    """The texts of `tag` runs in LibreOffice's HTML, neighbours split by other tags joined."""
    marked = html.replace(f"<{tag}>", "\x01").replace(f"</{tag}>", "\x02")
    marked = re.sub(r"</?(?:p|li|h\d)\b[^>]*>", "\x03", marked)  # runs never cross a block
    marked = re.sub(r"<[^>]+>", "", marked)
    marked = re.sub("\x02(\\s*)\x01", r"\1", marked)
    return [" ".join(html_module.unescape(run).split())
            for run in re.findall("\x01(.*?)\x02", marked, re.S)]


@pytest.mark.slow
def test_golden_acts_in_libreoffice(tmp_path: Path) -> None:
    soffice = need("soffice")
    odts = [_write(load_case(name).job(), "odt", tmp_path / f"{name}.odt") for name in CASES]
    for target in ("html", "pdf"):
        subprocess.run([soffice, "--headless", "--norestore",
                        f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                        target, "--outdir", str(tmp_path), *map(str, odts)],
                       check=True, capture_output=True, timeout=600)
    for name in CASES:
        html = " ".join((tmp_path / f"{name}.html").read_text(encoding="utf-8").split())
        spans = act_spans(load_case(name).job())
        notice = html.index("(les ajouts figurent en gras") if "figurent" in html else (
            html.index("(rajout en gras)"))
        body = html[html.index("</b>", notice):]
        assert _marked_runs(body, "b") == spans["additions"], name
        assert _marked_runs(body, "strike") == spans["deletions"], name
        assert [label for label in _marked_runs(body, "i") if label.startswith("[")] == list(spans["moved"]), name
        assert (tmp_path / f"{name}.pdf").stat().st_size > 5000
    pdftoppm = need("pdftoppm")
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1",
                    str(tmp_path / "cantine-maire.pdf"), str(tmp_path / "cantine")],
                   check=True, timeout=120)
    assert (tmp_path / "cantine-1.png").stat().st_size > 10000


@pytest.mark.slow
def test_golden_acts_in_chromium(tmp_path: Path) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"])
        page = browser.new_page(viewport={"width": 900, "height": 700})
        page.on("pageerror", lambda error: errors.append(str(error)))
        for name in CASES:
            spans = act_spans(load_case(name).job())
            page.goto(_write(load_case(name).job(), "html", tmp_path / f"{name}.html").as_uri())
            shown = page.eval_on_selector_all("ins, del", """els => els.map(e => {
                const copy = e.cloneNode(true);
                copy.querySelectorAll('.sr-only').forEach(label => label.remove());
                const style = getComputedStyle(e);
                return [e.tagName, copy.textContent.replace(/\\s+/g, ' ').trim(),
                        style.fontWeight, style.textDecorationLine]; })""")
            labels = page.eval_on_selector_all(".move-label", """els => els.map(e => [
                e.textContent, e.getBoundingClientRect().width, getComputedStyle(e).fontStyle])""")
            additions = [text for tag, text, _, _ in shown if tag == "INS"]
            deletions = [text for tag, text, _, _ in shown if tag == "DEL"]
            assert additions == spans["additions"], name
            assert deletions == spans["deletions"], name
            assert all(int(weight) >= 700 for tag, _, weight, _ in shown if tag == "INS")
            assert all("line-through" in line for tag, _, _, line in shown if tag == "DEL")
            assert [text for text, _, _ in labels] == spans["moved"], name
            assert all(width > 50 and style == "italic" for _, width, style in labels)
            if name == "cantine-maire":
                page.screenshot(path=str(tmp_path / "cantine.png"), full_page=True)
        browser.close()
    assert errors == []
    assert (tmp_path / "cantine.png").stat().st_size > 10000


def _read_back(path: Path) -> tuple[Version, Version]:
    pair = import_bold_as_additions(path, source_format=None,
                                    meta={"deliberation": "relu"}, options=ReadOptions())
    return pair.old, pair.new


def _texts(version: Version, typography: bool = True) -> list[tuple[str, str]]:
    # Without typography: ’ and ', « » and " " (and the spaces inside guillemets) are one.
    return [(block.kind.value, block.text if typography else "".join(fold(block.text).split()))
            for block in version.body]


@pytest.mark.parametrize("extension", sorted(RENDERERS))
@pytest.mark.parametrize("name", CASES)
def test_every_act_reads_back_to_the_same_facts(name: str, extension: str,
                                                 tmp_path: Path) -> None:
    case = load_case(name)
    job = case.job()
    old, new = _read_back(_write(job, extension, tmp_path / f"acte.{extension}"))
    assert new.metadata == case.new.metadata  # the vote included
    assert (new.info.modifies, new.info.modifies_numero, new.info.replaces) == (
        case.new.info.modifies, case.new.info.modifies_numero, case.new.info.replaces)
    assert _texts(new) == _texts(case.new)
    # OLD as the act shows it: every alinéa, a moved one at its new place, in NEW's typography
    # (an act shows NEW's apostrophes and guillemets: a typographic change is not a change).
    assert sorted(_texts(old, False)) == sorted(_texts(case.old, False))
    if not act_spans(job)["moved"]:
        assert _texts(old, False) == _texts(case.old, False)
    assert (old.metadata.seance, old.metadata.numero) == (
        case.old.metadata.seance, case.old.metadata.numero)


@pytest.mark.parametrize("extension", sorted(RENDERERS))
def test_the_aulnoy_act_reads_back_to_the_same_facts(extension: str, tmp_path: Path) -> None:
    before = version_xml.load(SAMPLES / "2022-02-02.xml")
    after = version_xml.load(SAMPLES / "2022-12-07.xml")
    job = RenderJob(diff(before, after), before, after, view=View.ACT, full=True)
    old, new = _read_back(_write(job, extension, tmp_path / f"acte.{extension}"))
    assert new.metadata == after.metadata
    assert _texts(new) == _texts(after) and _texts(old) == _texts(before)
