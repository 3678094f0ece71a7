"""The one module that runs LibreOffice: its package named when missing, its time limit, its
own profile folder, conversions remembered within a run."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from amendtrack.errors import MissingToolError, OutputError
from amendtrack.files import office
from tests.office import need

ODT = Path(__file__).resolve().parents[1] / "data" / "import"


def test_missing_libreoffice_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MissingToolError) as raised:
        office.find_soffice()
    assert raised.value.exit_code == 2
    assert "libreoffice-writer-nogui" in str(raised.value)


def test_pdf_a_is_asked_through_the_export_filter() -> None:
    assert office.pdf_filter() == "pdf:writer_pdf_Export"
    assert office.pdf_filter(archive=True) == (
        'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}')


def test_the_profile_is_amendtracks_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AMENDTRACK_OFFICE_PROFILE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert office.profile_folder() == tmp_path / "amendtrack" / "libreoffice"
    monkeypatch.setenv("AMENDTRACK_OFFICE_PROFILE", str(tmp_path / "p"))
    assert office.profile_folder() == tmp_path / "p"


@pytest.mark.slow
def test_a_conversion_over_its_time_limit_is_killed(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    need("soffice")
    monkeypatch.setenv("AMENDTRACK_OFFICE_TIME_LIMIT", "0.5")
    source = tmp_path / "page.html"
    source.write_text("<p>Bonjour</p>", encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(OutputError, match=r"did not finish within 0.5 s"):
        office.convert_files([source], "pdf", tmp_path / "out")
    assert time.monotonic() - started < 20
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", f"UserInstallation={office.profile_folder().as_uri()}"],
                          capture_output=True, text=True, check=False)
    assert left.stdout.strip() == ""  # the whole process group is gone


@pytest.mark.slow
def test_the_same_input_is_converted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    need("soffice")
    data = b"<html><body><p>Une fois</p></body></html>"
    first = office.convert(data, "une-fois.html", "pdf")
    assert first.startswith(b"%PDF")
    monkeypatch.setattr(office, "find_soffice", lambda: pytest.fail("converted again"))
    assert office.convert(data, "une-fois.html", "pdf") == first
