"""The apply and invert commands, run as a user would (subprocess, real files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from amendtrack import version_xml
from amendtrack.diffing import amendment_json, amendments
from tests.diffing.test_amendments import _version


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "amendtrack", *map(str, args)],
                          capture_output=True, text=True, check=False)


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    old = _version("Le conseil municipal approuve la convention.", "Fait à Aulnoy.")
    new = _version("Le conseil municipal approuve la convention territoriale globale.",
                   "Un alinéa nouveau.", "Fait à Aulnoy.")
    old_path, new_path, amendment = tmp_path / "old.xml", tmp_path / "new.xml", tmp_path / "a.json"
    version_xml.save(old, old_path)
    version_xml.save(new, new_path)
    amendment.write_bytes(amendment_json.dumps(amendments.diff(old, new)))
    return old_path, new_path, amendment


def test_apply_rebuilds_new_byte_for_byte(tmp_path: Path) -> None:
    old, new, amendment = _files(tmp_path)
    result = _run("apply", old, amendment, "-o", tmp_path / "out.xml")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.xml").read_bytes() == new.read_bytes()


def test_apply_to_the_wrong_version_fails_cleanly(tmp_path: Path) -> None:
    _, new, amendment = _files(tmp_path)
    result = _run("apply", new, amendment, "-o", tmp_path / "out.xml")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "does not apply to this version" in result.stderr
    assert str(amendment) in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.xml").exists()


def test_invert_then_apply_gives_old_back(tmp_path: Path) -> None:
    old, new, amendment = _files(tmp_path)
    assert _run("invert", amendment, "-o", tmp_path / "back.json").returncode == 0
    result = _run("apply", new, tmp_path / "back.json", "-o", tmp_path / "old2.xml")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "old2.xml").read_bytes() == old.read_bytes()


def test_malformed_amendment_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "amendtrack.amendment/9"}')
    result = _run("invert", bad)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"amendtrack: error: {bad}: not an amendtrack amendment: $.format is "
        "'amendtrack.amendment/9', expected 'amendtrack.amendment/2'"
    )
