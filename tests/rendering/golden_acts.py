"""The golden deliberation pairs (tests/golden/deliberations/<case>/): loading them, their acts.

Each case folder holds ``old.*`` and ``new.*`` (Markdown or HTML, written by hand, imported
with no ``--meta``), ``acte.md`` (the expected act, read by eye) and ``expected.json`` (what the
act must show: its additions, deletions and moved alinéas, and the facts it names). Setting
``AMENDTRACK_UPDATE_GOLDENS=1`` rewrites ``acte.md`` and ``expected.json`` from the current
output instead of comparing (then read the diff by eye before committing).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from amendtrack.diffing.amendments import diff
from amendtrack.importers.importing import import_source
from amendtrack.importers.options import ReadOptions
from amendtrack.model import BlockOpKind, Version
from amendtrack.rendering import Change, RenderJob, View, compose_act, move_label, segments

GOLDEN = Path(__file__).parents[1] / "golden" / "deliberations"
CASES = sorted(path.name for path in GOLDEN.iterdir() if path.is_dir())
UPDATE = os.environ.get("AMENDTRACK_UPDATE_GOLDENS") == "1"


@dataclass(frozen=True)
class Case:
    """One golden pair, imported."""

    name: str
    old: Version
    new: Version
    old_source: Path
    new_source: Path

    def job(self, **choices: Any) -> RenderJob:
        """The act's job: deletions shown, as ``amend`` does by default."""
        return RenderJob(diff(self.old, self.new), self.old, self.new, view=View.ACT,
                         full=True, **choices)

    @property
    def folder(self) -> Path:
        return GOLDEN / self.name

    def expected(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "expected.json").read_text("utf-8"))
        return data


def _source(folder: Path, stem: str) -> Path:
    (found,) = [path for path in folder.iterdir() if path.stem == stem]
    return found


@cache
def load_case(name: str) -> Case:
    """Import both versions of a case with no ``--meta`` (as a user would)."""
    folder = GOLDEN / name
    old_source, new_source = _source(folder, "old"), _source(folder, "new")
    versions = [import_source(path, source_format=None, meta={"deliberation": name},
                              options=ReadOptions()).version for path in (old_source, new_source)]
    return Case(name, versions[0], versions[1], old_source, new_source)


def act_spans(job: RenderJob) -> dict[str, list[str]]:
    """What the act shows as added, deleted and moved, in reading order of its body."""
    spans: dict[str, list[str]] = {"additions": [], "deletions": [], "moved": []}
    for part in compose_act(job).blocks:
        if part.role.value != "body":
            continue
        block = part.block
        if block.change is BlockOpKind.MOVE:
            spans["moved"].append(move_label(block))
        for change, group in segments(block.runs):
            text = " ".join("".join(run.text for run in group).split())
            if change is Change.ADDED:
                spans["additions"].append(text)
            elif change is Change.DELETED:
                spans["deletions"].append(text)
    return spans
