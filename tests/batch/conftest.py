"""Fixtures of the batch tests: a small generated registry (bench/registry.py), the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.registry import generate_store

ROOT = Path(__file__).resolve().parents[2]
AMENDTRACK = Path(sys.executable).parent / "amendtrack"
"""The console script, as a user runs it."""
DELIBERATIONS = 12
"""Deliberations of the small registry (3 versions each: 24 pairs)."""


@pytest.fixture(scope="session")
def registry_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small registry, generated once for the session (never modified: copy it)."""
    root = tmp_path_factory.mktemp("registry") / "store"
    generate_store(root, DELIBERATIONS)
    return root


@pytest.fixture
def registry(registry_template: Path, tmp_path: Path) -> Path:
    """A copy of the small registry that a test may change."""
    copy = tmp_path / "store"
    shutil.copytree(registry_template, copy)
    return copy


def renderer_source(cls: str, name: str, render: str, views: str = "(View.ACT,)") -> str:
    """The module source of a test renderer plugin whose ``render`` body is `render`."""
    body = "\n".join("        " + line for line in render.strip().splitlines())
    return f"""
import os
from types import MappingProxyType
from amendtrack.rendering import API_VERSION, View

class {cls}:
    name = "{name}"
    description = "a test renderer"
    media_type = "text/plain"
    extensions = ("txt",)
    options = MappingProxyType({{}})
    views = {views}
    api_version = API_VERSION

    def render(self, job, stream):
{body}
"""


def run(*arguments: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the installed `amendtrack` command (stderr is a pipe: plain progress lines)."""
    return subprocess.run(
        [str(AMENDTRACK), *map(str, arguments)], capture_output=True, text=True, check=False,
        cwd=cwd or ROOT, env={**os.environ, **(env or {})}, timeout=timeout,
    )


def read_records(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON Lines output, each line checked to be one whole JSON object."""
    data = path.read_bytes()
    assert data.endswith(b"\n"), "the output does not end with a line break"
    records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert all(isinstance(record, dict) for record in records)
    return records
