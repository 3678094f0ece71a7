"""The public API: the example of docs/api.md runs as written, and the names it promises exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import amendtrack

ROOT = Path(__file__).resolve().parents[1]
API_DOC = ROOT / "docs" / "api.md"


def _examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", API_DOC.read_text(encoding="utf-8"), re.S)


def test_the_documented_example_runs() -> None:
    examples = _examples()
    assert len(examples) >= 2
    for example in examples:
        result = subprocess.run([sys.executable, "-c", example], cwd=ROOT,
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    first = subprocess.run([sys.executable, "-c", examples[0]], cwd=ROOT,
                           capture_output=True, text=True, check=True)
    assert re.fullmatch(r"[1-9]\d* blocks changed\n", first.stdout), first.stdout


def test_every_documented_function_is_exported() -> None:
    documented = set(re.findall(r"`amendtrack\.(\w+)\(", API_DOC.read_text(encoding="utf-8")))
    assert {"load", "save", "diff", "apply", "invert", "render"} <= documented
    for name in documented:
        assert name in amendtrack.__all__, name
        assert callable(getattr(amendtrack, name)), name


def test_importing_amendtrack_imports_no_machinery() -> None:
    probe = ("import sys, amendtrack; print(sorted(m for m in sys.modules "
             "if m.startswith(('amendtrack.diffing', 'amendtrack.version_xml', 'lxml'))))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_importing_amendtrack_builds_no_model_class() -> None:
    probe = ("import sys, amendtrack; print(sorted(m for m in sys.modules "
             "if m.startswith('amendtrack.model')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
    # …yet every name of the API is there, the model's included.
    probe = "import amendtrack; print(all(hasattr(amendtrack, n) for n in amendtrack.__all__))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "True"
