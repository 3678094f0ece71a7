"""Start-up: what a run imports (the times are measured by bench/diff_bench.py, not here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "aulnoy-ctg-caf"

_PROBE = """
import sys
from amendtrack.cli import main
sys.argv = ["amendtrack", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
finally:
    print(sorted(sys.modules), file=sys.stderr)
"""


def _imported(*arguments: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", _PROBE, *arguments], capture_output=True,
                            text=True, check=True, cwd=ROOT)
    return set(eval(result.stderr.strip().splitlines()[-1]))  # a list of module names


def test_version_imports_neither_typer_nor_the_model() -> None:
    imported = _imported("--version")
    assert not {name for name in imported if name.split(".")[0] in ("typer", "lxml")}
    assert not {name for name in imported if name.startswith("amendtrack.model")}


def test_help_builds_no_model_and_reads_no_version_file() -> None:
    imported = _imported("--help")
    assert "typer" in imported
    assert not {name for name in imported if name.startswith(("amendtrack.model", "lxml"))}


def test_diff_imports_one_renderer_and_neither_the_store_nor_entry_points() -> None:
    imported = _imported("diff", str(SAMPLES / "2022-02-02.xml"), str(SAMPLES / "2022-12-07.xml"))
    assert "amendtrack_plugins.terminal" in imported
    assert "amendtrack.diffing.amendments" in imported
    assert not {name for name in imported if name.startswith(("amendtrack.store.history",
                                                               "amendtrack.store.repository",
                                                               "importlib.metadata"))}
    assert {name for name in imported if name.startswith("amendtrack_plugins.")} == {
        "amendtrack_plugins.terminal"}


def test_a_json_diff_of_small_versions_needs_neither_ctypes_nor_importlib_resources() -> None:
    # Memory is given back (through ctypes) only after large versions, and the schema is read
    # from the package's folder.
    imported = _imported("diff", str(SAMPLES / "2022-02-02.xml"), str(SAMPLES / "2022-12-07.xml"),
                         "--to", "json")
    assert "amendtrack.version_xml.schema" in imported
    assert not {name for name in imported if name.startswith(("ctypes", "importlib.resources",
                                                               "zipfile"))}
