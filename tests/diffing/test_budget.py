"""The diff's document-size budget: checked first, one clear error, limits set by the environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.diffing.budget import MAX_DIFF_BLOCKS, check_budget
from amendtrack.errors import InputError
from amendtrack.model import Block, BlockKind, Metadata, Version, VersionInfo, plain


def version(paragraphs: list[str]) -> Version:
    body = tuple(Block(f"p{n}", BlockKind.PARAGRAPH, plain(text))
                 for n, text in enumerate(paragraphs, 1))
    return Version(VersionInfo("essai", "2022-02-02"),
                   Metadata(collectivite="X", seance="2022-02-02", objet="Y"), body)


def test_inside_the_budget_the_diff_runs() -> None:
    check_budget(version(["a"] * 10), version(["b"] * 10))
    assert diff(version(["un deux"]), version(["un trois"])).blocks


def test_characters_over_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMENDTRACK_MAX_DIFF_CHARACTERS", "100")
    old, new = version(["x" * 60]), version(["y" * 60])
    with pytest.raises(InputError, match=r"120 characters together \(the limit is 100"):
        diff(old, new)
    monkeypatch.setenv("AMENDTRACK_MAX_DIFF_CHARACTERS", "120")
    assert diff(old, new).blocks


def test_blocks_over_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMENDTRACK_MAX_DIFF_BLOCKS", "9")
    with pytest.raises(InputError, match="10 blocks together"):
        check_budget(version(["a"] * 5), version(["b"] * 5))
    monkeypatch.setenv("AMENDTRACK_MAX_DIFF_BLOCKS", "9" * 5000)  # not a limit: the default
    check_budget(version(["a"] * 5), version(["b"] * 5))
    assert MAX_DIFF_BLOCKS == 300_000


def test_the_command_line_names_both_files(tmp_path: Path) -> None:
    folder = tmp_path
    version_xml.save(version(["un deux trois"]), folder / "old.xml")
    version_xml.save(version(["un deux quatre"]), folder / "new.xml")
    result = subprocess.run(
        [sys.executable, "-m", "amendtrack", "diff", "old.xml", "new.xml"], cwd=folder,
        capture_output=True, text=True, check=False,
        env={"AMENDTRACK_MAX_DIFF_CHARACTERS": "10", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith(
        "amendtrack: error: old.xml and new.xml: too large to compare: ")
