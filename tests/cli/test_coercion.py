"""Running a command must not import pydantic (0.1 s of start-up), and values keep their types."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OLD = ROOT / "samples" / "aulnoy-ctg-caf" / "2022-02-02.xml"
NEW = ROOT / "samples" / "aulnoy-ctg-caf" / "2022-12-07.xml"

PROBE = """
import sys
from amendtrack.cli import main
sys.argv = ["amendtrack", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
heavy = sorted(name for name in sys.modules if name.split(".")[0] in ("pydantic", "odfdo"))
print("HEAVY:", heavy, file=sys.stderr)
"""


def run_probe(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *arguments],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )


def test_diff_runs_without_pydantic() -> None:
    result = run_probe("diff", str(OLD), str(NEW))
    assert result.returncode == 0, result.stderr
    assert "HEAVY: []" in result.stderr
    assert "{+qui seront réalisées" in result.stdout


def test_path_list_and_flag_values_are_coerced(tmp_path: Path) -> None:
    output = tmp_path / "out.md"
    result = run_probe(
        "--store", str(tmp_path), "amend", str(OLD), str(NEW), "-o", str(output),
        "--deletions", "show",
    )
    assert result.returncode == 0, result.stderr
    assert "**qui seront réalisées" in output.read_text(encoding="utf-8")
    assert "HEAVY: []" in result.stderr


def test_install_is_idempotent() -> None:
    from amendtrack.cli.coercion import install

    assert install() is True
    assert install() is True
