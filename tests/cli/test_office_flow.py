"""From two Word files to the act in one command, as a secretary does it.

Word files are made by real LibreOffice from every golden case (tests/golden/deliberations: its
HTML, or amendtrack's own HTML of its Markdown, saved by LibreOffice as .docx), once per test
session. Then ``amendtrack amend OLD.docx NEW.docx`` writes, in one command, a DOCX whose
« Ajout » runs are exactly the additions (read back by python-docx) and a PDF whose text and
bold fonts match (pypdf); the DOCX opens in LibreOffice and converts to PDF, both are looked at
as PNG pages, and the same command twice gives the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from amendtrack_plugins.html import HtmlRenderer

from amendtrack.rendering import compose_act
from amendtrack.rendering.document import document_job
from tests.office import (
    amendtrack,
    convert,
    docx_styled_runs,
    open_in_libreoffice,
    pages_as_png,
    pdf_bold_runs,
    squeezed,
)
from tests.rendering.golden_acts import CASES, load_case

PDF_CASES = ("cantine-maire", "communaute-presidente-html", "deplacement-alinea")
"""The cases printed to PDF by the one-command flow (each PDF is a LibreOffice run)."""


def _html_source(name: str, side: str, folder: Path) -> Path:
    case = load_case(name)
    source = case.old_source if side == "old" else case.new_source
    target = folder / f"{name}-{side}.html"
    if source.suffix == ".html":
        target.write_bytes(source.read_bytes())
    else:  # the Markdown case as a page, which LibreOffice opens
        buffer = io.BytesIO()
        HtmlRenderer().render(document_job(case.old if side == "old" else case.new), buffer)
        target.write_bytes(buffer.getvalue())
    return target


@pytest.fixture(scope="session")
def word_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Every golden pair as two .docx files saved by LibreOffice (one LibreOffice run)."""
    folder = tmp_path_factory.mktemp("golden-word")
    sources = [_html_source(name, side, folder) for name in CASES for side in ("old", "new")]
    converted = convert(sources, "docx:MS Word 2007 XML", folder / "docx")
    files = iter(converted)
    return {name: (next(files), next(files)) for name in CASES}


@pytest.fixture(scope="session")
def docx_acts(word_files: dict[str, tuple[Path, Path]],
              tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``amend OLD.docx NEW.docx -o acte.docx`` for every golden case."""
    folder = tmp_path_factory.mktemp("docx-acts")
    acts: dict[str, Path] = {}
    for name, (old, new) in word_files.items():
        target = folder / f"{name}.docx"
        result = amendtrack("amend", old, new, "-o", target)
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr
        acts[name] = target
    return acts


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_the_docx_act_marks_exactly_the_additions(name: str, docx_acts: dict[str, Path]) -> None:
    expected = load_case(name).expected()
    act = docx_acts[name]
    assert docx_styled_runs(act, "Ajout") == expected["additions"]
    assert docx_styled_runs(act, "Suppression") == expected["deletions"]
    assert docx_styled_runs(act, "Déplacement") == expected["moved"]


@pytest.mark.slow
def test_the_docx_act_is_the_same_bytes_twice(word_files: dict[str, tuple[Path, Path]],
                                              docx_acts: dict[str, Path], tmp_path: Path) -> None:
    old, new = word_files["cantine-maire"]
    again = tmp_path / "again.docx"
    assert amendtrack("amend", old, new, "-o", again).returncode == 0
    assert again.read_bytes() == docx_acts["cantine-maire"].read_bytes()


@pytest.mark.slow
def test_the_docx_acts_open_in_libreoffice(docx_acts: dict[str, Path], tmp_path: Path) -> None:
    """LibreOffice opens every DOCX act without a question (no repair offered) and prints it;
    its text is NEW's; pages looked at."""
    open_in_libreoffice(*docx_acts.values())
    pdfs = convert(docx_acts.values(), "pdf", tmp_path / "pdf")
    for name, pdf in zip(docx_acts, pdfs, strict=True):
        text, bold = pdf_bold_runs(pdf)
        for part in compose_act(load_case(name).job()).blocks:
            assert squeezed(part.block.text) in squeezed(text), (name, part.block.text)
        assert "Page 1 sur" in text
        additions = load_case(name).expected()["additions"]
        after_notice = bold[next(i for i, run in enumerate(bold) if "en gras" in run) + 1:]
        # A PDF has lines, not paragraphs: bold ending one alinéa and opening the next is one
        # run there; the bold text, in order, is exactly the additions.
        assert " ".join(after_notice) == " ".join(additions), name
    pages = pages_as_png(pdfs[list(docx_acts).index("cantine-maire")], tmp_path / "cantine")
    assert all(page.stat().st_size > 5000 for page in pages)


@pytest.mark.slow
@pytest.mark.parametrize("name", PDF_CASES)
def test_two_word_files_give_the_pdf_act_in_one_command(
        name: str, word_files: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    old, new = word_files[name]
    target = tmp_path / "acte.pdf"
    result = amendtrack("amend", old, new, "-o", target)
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    reader = PdfReader(str(target))
    text, bold = pdf_bold_runs(target)
    case = load_case(name)
    for part in compose_act(case.job()).blocks:  # NEW's text, deletions struck inside
        assert squeezed(part.block.text) in squeezed(text), part.block.text
    after_notice = bold[next(i for i, run in enumerate(bold) if "en gras" in run) + 1:]
    assert " ".join(after_notice) == " ".join(case.expected()["additions"])
    pages = pages_as_png(target, tmp_path / "page")
    assert len(pages) == len(reader.pages) >= 1
    assert f"Page {len(pages)} sur {len(pages)}" in text
    assert all(page.stat().st_size > 5000 for page in pages)
    assert reader.metadata is not None
    assert "amendtrack" in str(reader.metadata.get("/Keywords"))
    assert (tmp_path / "again.pdf").exists() is False
    # Again, on a machine set to another time zone: the same bytes.
    again = amendtrack("amend", old, new, "-o", tmp_path / "again.pdf",
                       env={"TZ": "Pacific/Auckland"})
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again.pdf").read_bytes() == target.read_bytes()
