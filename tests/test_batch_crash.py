"""A batch killed at any moment loses nothing, writes nothing half, and ends with the same bytes.

Runs of `amendtrack batch` are killed with SIGKILL at random moments, over and over on the same
output: in forked children running the library's `run_batch` (the code path of the command),
and as real `amendtrack batch --jobs 2` commands whose pool workers must then exit by
themselves. After every kill the output is absent or whole (every line one complete record, as
a finished run wrote it) and every part file is whole; each run resumes from what the killed
ones finished; and a run left to finish gives exactly the bytes of a run never interrupted,
with no temporary or part file left behind.
"""

from __future__ import annotations

import functools
import json
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from amendtrack.batch.journal import Journal
from amendtrack.batch.plan import Selection, Source
from amendtrack.batch.pool import InProcess
from amendtrack.batch.records import ActRequest
from amendtrack.batch.run import BatchRequest, run_batch
from bench.registry import generate_store
from tests.batch.conftest import AMENDTRACK
from tests.test_store_crash import run_child

DELIBERATIONS = 30


class Silent:
    """A `Progress` that says nothing."""

    def start(self, total: int, skipped: int) -> None: ...
    def advance(self, compared: int, failed: int) -> None: ...
    def failure(self, message: str) -> None: ...
    def finish(self) -> None: ...


@pytest.fixture(scope="module")
def crash_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("crash") / "store"
    generate_store(root, DELIBERATIONS)
    return root


def request_for(store: Path, output: Path) -> BatchRequest:
    acts = ActRequest((("markdown", "md"),), str(output.with_name("acts")))
    return BatchRequest(Source.locate(store, None), output, Selection(), acts, chunk_size=3)


def batch_in_this_process(store: Path, output: Path) -> None:
    run_batch(request_for(store, output), InProcess(), Silent())


def check_nothing_half_written(output: Path) -> None:
    """What must hold right after a kill."""
    if output.exists():
        lines = output.read_bytes().split(b"\n")
        assert lines[-1] == b"", "the output does not end with a whole line"
        assert all(json.loads(line)["status"] == "ok" for line in lines[:-1])
    folder = Journal(output).folder
    for part in folder.glob("[0-9]*.jsonl") if folder.exists() else ():
        data = part.read_bytes()
        assert data.endswith(b"\n"), f"{part.name} is not whole"
        for line in data.splitlines():
            assert json.loads(line)["key"].startswith("sha256:")
    acts = output.with_name("acts")
    for act in acts.rglob("*.md") if acts.exists() else ():
        assert act.read_text(encoding="utf-8").strip(), f"{act} is empty"


def check_finished(output: Path, reference: Path) -> None:
    assert output.read_bytes() == reference.read_bytes()
    hidden = [path.name for path in output.parent.rglob(".*")]
    assert not hidden, hidden
    written = sorted(p.relative_to(output.with_name("acts")) for p in
                     output.with_name("acts").rglob("*"))
    expected = sorted(p.relative_to(reference.with_name("acts")) for p in
                      reference.with_name("acts").rglob("*"))
    assert written == expected


@pytest.fixture(scope="module")
def reference(crash_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("reference") / "out.jsonl"
    batch_in_this_process(crash_store, output)
    return output


def test_forked_batches_killed_at_random_moments(crash_store: Path, reference: Path,
                                                 tmp_path: Path) -> None:
    chance = random.Random(20221207)
    output = tmp_path / "run" / "out.jsonl"
    output.parent.mkdir()
    started = time.monotonic()
    finished = kills = 0
    for _ in range(60):
        pid = run_child(functools.partial(batch_in_this_process, crash_store, output))
        time.sleep(chance.uniform(0.0, 0.35))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            kills += 1
            check_nothing_half_written(output)
            continue
        assert os.WEXITSTATUS(status) == 0
        finished += 1
        check_finished(output, reference)
        output.unlink()
        shutil.rmtree(output.with_name("acts"))
    assert kills >= 30, (kills, finished)
    batch_in_this_process(crash_store, output)  # after the last kill
    check_finished(output, reference)
    assert time.monotonic() - started < 600


def test_commands_with_two_workers_killed_at_random_moments(crash_store: Path, reference: Path,
                                                            tmp_path: Path) -> None:
    chance = random.Random(7)
    output = tmp_path / "out.jsonl"
    command = [str(AMENDTRACK), "batch", "--store", str(crash_store), "-o", str(output),
               "--jobs", "2", "--chunk-size", "3", "--to", "markdown", "--acts",
               str(tmp_path / "acts")]
    for _ in range(6):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(chance.uniform(0.6, 2.0))
        workers = psutil.Process(process.pid).children(recursive=True)
        process.send_signal(signal.SIGKILL)  # the batch process only: its workers must follow
        process.wait()
        check_nothing_half_written(output)
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"workers outlived the batch: {alive}"
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    check_finished(output, reference)
