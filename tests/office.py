"""Office documents in the tests: real LibreOffice conversions, read back with python-docx and
pypdf, pages looked at as PNG.

Every conversion goes through `amendtrack.files.office` (amendtrack's own profile folder, a time
limit); converting several files in one LibreOffice run is much faster than one run each, so the
tests convert whole folders at once. A test that needs LibreOffice, pdftoppm or python3-uno
fails when CI=true and the tool is missing, and skips otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"


def need(tool: str) -> str:
    """The tool's path; without it, fail under CI and skip elsewhere."""
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is required under CI")
        pytest.skip(f"{tool} not installed")
    return found


def need_uno() -> str:
    """The system python3 with the ``uno`` module (python3-uno), to script LibreOffice."""
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True,
                           check=False) if Path(SYSTEM_PYTHON).exists() else None
    if found is None or found.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail("python3-uno is required under CI")
        pytest.skip("python3-uno not installed")
    return SYSTEM_PYTHON


def convert(sources: Iterable[Path], target: str, outdir: Path,
            input_filter: str | None = None) -> list[Path]:
    """Convert files with real LibreOffice in one run (``docx:MS Word 2007 XML``, ``pdf`` …)."""
    need("soffice")
    from amendtrack.files.office import convert_files

    return convert_files(list(sources), target, outdir, input_filter=input_filter)


def pages_as_png(pdf: Path, prefix: Path, resolution: int = 60) -> list[Path]:
    """The pages of `pdf` as PNG files (pdftoppm), to look at."""
    pdftoppm = need("pdftoppm")
    subprocess.run([pdftoppm, "-png", "-r", str(resolution), str(pdf), str(prefix)],
                   check=True, timeout=120, capture_output=True)
    pages = sorted(prefix.parent.glob(f"{prefix.name}-*.png"))
    assert pages, f"pdftoppm wrote no page for {pdf}"
    return pages


def edit_in_libreoffice(document: Path, *replacements: tuple[str, str],
                        record: bool = False) -> None:
    """Replace texts in `document` with Writer's Find & Replace, driven by a Python-UNO script
    (tests/office_edit.py), and save it in its own format; with `record`, as tracked changes
    (Edit › Track Changes › Record)."""
    python = need_uno()
    need("soffice")
    from amendtrack.files.office import listening

    pairs = ["--record"] * record + [text for pair in replacements for text in pair]
    with listening() as connection:
        result = subprocess.run([python, str(ROOT / "tests" / "office_edit.py"), connection,
                                 str(document), *pairs], capture_output=True, text=True,
                                timeout=180, check=False)
    assert result.returncode == 0, result.stderr


def accept_all_in_libreoffice(*documents: Path) -> None:
    """Accept every tracked change of each document in Writer (Edit › Track Changes › Accept
    All, driven by tests/office_edit.py) and save it in its own format; one office for all.
    Each document must open without LibreOffice asking anything (no repair)."""
    _in_libreoffice(documents, "--accept-all")


def open_in_libreoffice(*documents: Path) -> None:
    """Open each document in Writer and close it: it must open without LibreOffice asking
    anything (a broken package would be offered for repair: the question fails the test)."""
    _in_libreoffice(documents, "--open")


def _in_libreoffice(documents: Iterable[Path], mode: str) -> None:
    python = need_uno()
    need("soffice")
    from amendtrack.files.office import listening

    with listening() as connection:
        for document in documents:
            result = subprocess.run([python, str(ROOT / "tests" / "office_edit.py"), connection,
                                     str(document), mode], capture_output=True,
                                    text=True, timeout=180, check=False)
            assert result.returncode == 0, (document, result.stderr)


def docx_styled_runs(path: Path, style: str) -> list[str]:
    """The texts of the runs in character style `style`, neighbours joined, per paragraph."""
    import docx

    texts: list[str] = []
    for paragraph in docx.Document(str(path)).paragraphs:
        current: list[str] = []
        for run in paragraph.runs:
            if run.style is not None and run.style.name == style:
                current.append(run.text)
            elif current and not run.text.strip():
                current.append(run.text)  # a space between two runs of the style
            elif current:
                texts.append(" ".join("".join(current).split()))
                current = []
        if current:
            texts.append(" ".join("".join(current).split()))
    return [text for text in texts if text]


def pdf_bold_runs(path: Path) -> tuple[str, list[str]]:
    """The text of a PDF and the runs set in a bold font (pypdf), neighbours joined."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pieces: list[tuple[str, bool]] = []

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        pieces.append((text, "bold" in name.lower()))

    full = []
    for page in reader.pages:
        full.append(page.extract_text(visitor_text=visit))
    runs: list[str] = []
    current: list[str] = []
    for text, bold in pieces:
        if bold or (current and not text.strip()):
            current.append(text)
        elif current:
            runs.append(" ".join("".join(current).split()))
            current = []
    if current:
        runs.append(" ".join("".join(current).split()))
    return "\n".join(full), [run for run in runs if run]


def amendtrack(*arguments: str | Path, cwd: Path = ROOT,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "amendtrack", *map(str, arguments)],
                          capture_output=True, text=True, check=False, cwd=cwd,
                          env=None if env is None else {**os.environ, **env})


def squeezed(text: str) -> str:
    """`text` with its white space (a PDF's line breaks, hyphenation aside) removed."""
    return re.sub(r"\s+", "", text)


def zip_member(path: Path, name: str) -> str:
    """One member of a zip package, as text."""
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")
