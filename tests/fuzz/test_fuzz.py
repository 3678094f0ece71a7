"""Fuzzing every reader: the committed corpus, then mutations of it, for a bounded time.

Each target (`tests.fuzz.targets`) must either read its input or refuse it with one
`AmendtrackError`; a crash, a hang or a write that fails is a finding. Every corpus file is run
as it is (the hostile cases found so far stay fixed), then ``AMENDTRACK_FUZZ_EXAMPLES`` mutated
inputs per target (120 by default, what CI runs; each must finish within the deadline). A longer
run: ``AMENDTRACK_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/fuzz``, or coverage-guided with
atheris, ``python -m tests.fuzz.run markdown`` (`tests.fuzz.run`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import traceback
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Verbosity, given, settings
from hypothesis import strategies as st

from tests.fuzz.mutations import CORPUS, mutated
from tests.fuzz.targets import TARGETS, run

EXAMPLES = int(os.environ.get("AMENDTRACK_FUZZ_EXAMPLES", "120"))
DEADLINE = timedelta(seconds=20)
"""Per input: generous for a noisy machine, short enough to catch a quadratic loop."""
FINDINGS = Path(tempfile.gettempdir()) / "amendtrack-fuzz-findings"
"""Where an input that crashed a target is saved."""


def test_every_target_has_a_corpus() -> None:
    assert sorted(path.name for path in CORPUS.iterdir()) == sorted(TARGETS)
    for name in TARGETS:
        assert len(list((CORPUS / name).iterdir())) >= 5, name


@pytest.mark.parametrize(
    "path", sorted(path for folder in CORPUS.iterdir() for path in folder.iterdir()),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_corpus_file_is_read_or_refused_cleanly(path: os.PathLike[str]) -> None:
    corpus_file = Path(path)
    run(corpus_file.parent.name, corpus_file.read_bytes())


@pytest.mark.slow
@pytest.mark.parametrize("target", sorted(TARGETS))
def test_mutated_corpus_is_read_or_refused_cleanly(target: str) -> None:
    @settings(max_examples=EXAMPLES, deadline=DEADLINE, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
              print_blob=False, verbosity=Verbosity.quiet)
    @given(data=st.data())
    def fuzz(data: st.DataObject) -> None:
        found = data.draw(mutated(target))
        try:
            run(target, found)
        except Exception as error:
            raise Finding(target, found, error) from error

    fuzz()


class Finding(AssertionError):
    """A crash found by fuzzing: the input is saved, the message stays short."""

    def __init__(self, target: str, data: bytes, error: Exception) -> None:
        FINDINGS.mkdir(parents=True, exist_ok=True)
        saved = FINDINGS / f"{target}-{hashlib.sha256(data).hexdigest()[:12]}"
        saved.write_bytes(data)
        where = traceback.extract_tb(error.__traceback__)[-1]
        super().__init__(f"{target}: {type(error).__name__}: {str(error)[:300]} at "
                         f"{where.filename}:{where.lineno}; input saved to {saved} "
                         "(add it to the corpus once fixed)")
