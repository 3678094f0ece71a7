"""The public API: the example of docs/api.md runs as written, and the names it promises exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import amendtrack
from amendtrack.errors import SourceError

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


def test_a_version_as_a_document_loads_back(tmp_path: Path) -> None:
    """``render_document`` writes the deliberation; ``load`` imports it back, the same version;
    a document with tracked changes loads only with a choice."""
    golden = ROOT / "tests" / "golden" / "deliberations" / "cantine-maire" / "new.md"
    version = amendtrack.load(golden, meta={"deliberation": "cantine"})
    path = tmp_path / "cantine.docx"
    path.write_bytes(amendtrack.render_document(version, "docx"))
    assert amendtrack.load(path) == version
    version = amendtrack.load(ROOT / "samples" / "aulnoy-ctg-caf" / "2022-02-02.xml")
    newer = amendtrack.load(ROOT / "samples" / "aulnoy-ctg-caf" / "2022-12-07.xml")
    tracked = tmp_path / "suivi.docx"
    tracked.write_bytes(amendtrack.render(amendtrack.diff(version, newer), version, newer,
                                          "docx", act=True, options={"tracked_changes": "true"}))
    with pytest.raises(SourceError, match="--tracked-changes"):
        amendtrack.load(tracked)
    rejected = amendtrack.load(tracked, tracked_changes="reject")
    accepted = amendtrack.load(tracked, tracked_changes="accept")
    addition = "qui seront réalisées pour les bonus territoriaux"
    assert addition in accepted.text() and addition not in rejected.text()


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
