"""The command line as a user meets it: exit codes, one-line errors, no partial outputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.version_xml.test_version_xml import MINIMAL

ROOT = Path(__file__).resolve().parents[2]


def run(*arguments: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "amendtrack", *map(str, arguments)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], path: Path, problem: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"amendtrack: error: {path}: "), lines[0]
    assert problem in lines[0]
    assert "Traceback" not in result.stderr


def test_version_and_help() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("amendtrack ")
    help_text = run("--help")
    assert help_text.returncode == 0
    for command in ("import", "validate", "show"):
        assert command in help_text.stdout
    assert "Examples" in help_text.stdout


BAD_INPUTS = {
    "empty.xml": (b"", "empty"),
    "truncated.xml": (MINIMAL[:200], "not well-formed"),
    "entity.xml": (
        MINIMAL.replace(
            b"<deliberation xmlns",
            b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<deliberation xmlns',
        ).replace(b"<objet>Objet", b"<objet>&x;"),
        "DOCTYPE",
    ),
    "latin1.xml": (
        MINIMAL.replace(b'<?xml version="1.0" encoding="UTF-8"?>\n', b"").replace(
            b"Objet<", b"Objet modifi\xe9<"
        ),
        "not valid UTF-8",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["validate", "show"])
def test_bad_input_gives_one_line(tmp_path: Path, name: str, command: str) -> None:
    data, problem = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    output = tmp_path / "out.txt"
    arguments = [command, path] if command == "validate" else [command, path, "-o", output]
    assert_one_line_error(run(*arguments), path, problem)
    assert not output.exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.xml"
    assert_one_line_error(run("validate", path), path, "no such file")


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_bytes(MINIMAL)
    result = subprocess.run(
        [sys.executable, "-m", "amendtrack", "validate", str(path)],
        capture_output=True,
        text=True,
        env={"AMENDTRACK_MAX_INPUT_BYTES": "64", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert_one_line_error(result, path, "too large")


def test_validate_and_show(tmp_path: Path) -> None:
    path = tmp_path / "ok.xml"
    path.write_bytes(MINIMAL)
    result = run("validate", path)
    assert result.returncode == 0
    assert f"{path}: valid" in result.stdout
    shown = run("show", path, "--to", "text")
    assert shown.stdout == "Le 1er janvier\u00a02023,  en gras\nsuite"


def test_show_writes_atomically_over_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.xml"
    path.write_bytes(MINIMAL)
    output = tmp_path / "out.txt"
    output.write_text("previous")
    assert run("show", path, "-o", output).returncode == 0
    assert output.read_text() == "Le 1er janvier\u00a02023,  en gras\nsuite"
    broken = tmp_path / "broken.xml"
    broken.write_bytes(MINIMAL[:100])
    assert run("show", broken, "-o", output).returncode == 2
    assert output.read_text() == "Le 1er janvier\u00a02023,  en gras\nsuite"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.xml", "ok.xml", "out.txt"]


def test_text_import_round_trip_with_meta(tmp_path: Path) -> None:
    source = tmp_path / "texte.txt"
    text = "Premier  alinéa\u00a0:\tici.\n\n\nDeuxième « alinéa »\nsur deux lignes.\n"
    source.write_text(text, encoding="utf-8")
    output = tmp_path / "v1.xml"
    result = run(
        "import", source, "-o", output,
        "--meta", "collectivite=Ville d’Essai", "--meta", "seance=2022-02-02",
        "--meta", "objet=Essai",
    )
    assert result.returncode == 0, result.stderr
    assert run("validate", output).returncode == 0
    assert run("show", output, "--to", "text").stdout == text


def test_import_refuses_bad_meta(tmp_path: Path) -> None:
    source = tmp_path / "texte.txt"
    source.write_text("Un alinéa.")
    output = tmp_path / "v1.xml"
    result = run("import", source, "-o", output, "--meta", "seance")
    assert result.returncode == 2
    assert "KEY=VALUE" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()
