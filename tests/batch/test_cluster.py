"""The Dask path on a real LocalCluster: two worker processes on 127.0.0.1.

The same records as ``--jobs 1``; a worker killed (SIGKILL) while it compares pairs: the
scheduler gives its tasks to the other worker (its nanny starts a new one), and every pair is
in the output exactly once, every act written. (What the client does with a pair that kills
every worker is `amendtrack.batch.retrying`'s policy, tested in test_retrying.py and, for
real, with a local pool in tests/cli/test_batch.py.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from amendtrack.batch.plan import Selection, Source
from amendtrack.batch.pool import InProcess
from amendtrack.batch.records import ActRequest
from amendtrack.batch.run import BatchRequest, run_batch
from bench.registry import generate_store
from tests.batch.conftest import AMENDTRACK, read_records, run
from tests.batch.test_run import Recorder

try:
    import distributed
except ImportError:  # pragma: no cover - the test extra installs it
    if os.environ.get("CI") == "true":
        pytest.fail("dask[distributed] is required under CI", pytrace=False)
    pytest.skip("dask[distributed] is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes, each with its nanny, and a scheduler, on
    loopback only."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  protocol="tcp://") as local:
        yield local


LARGER = 24
"""Deliberations of the store a worker is killed in: 24 chunks of 2 pairs, 8 in flight."""


@pytest.fixture(scope="module")
def larger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("larger") / "store"
    generate_store(root, LARGER)
    return root


def reference(store: Path, output: Path, acts: ActRequest | None = None) -> bytes:
    request = BatchRequest(Source.locate(store, None), output, Selection(), acts or ActRequest())
    run_batch(request, InProcess(), Recorder())
    return output.read_bytes()


def test_same_records_as_one_process(cluster: Any, registry: Path, tmp_path: Path) -> None:
    expected = reference(registry, tmp_path / "one.jsonl")
    output = tmp_path / "dask.jsonl"
    result = run("batch", "--store", registry, "-o", output, "--dask",
                 cluster.scheduler_address, "--chunk-size", "5", "--report",
                 tmp_path / "report.json")
    assert result.returncode == 0, result.stderr
    assert output.read_bytes() == expected
    report = (tmp_path / "report.json").read_text(encoding="utf-8")
    assert report.count('"worker": ') == 2  # both workers took chunks
    again = run("batch", "--store", registry, "-o", output, "--dask", cluster.scheduler_address)
    assert again.returncode == 0
    assert "nothing to do" in again.stderr


def processing(client: Any) -> dict[str, int]:
    """Batch tasks each worker is running or about to run, by worker address."""
    return {worker: sum(str(key).startswith("amendtrack-batch-") for key in keys)
            for worker, keys in client.processing().items()}


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(cluster: Any, larger: Path,
                                                              tmp_path: Path) -> None:
    expected = reference(larger, tmp_path / "one.jsonl",
                         ActRequest((("odt", "odt"),), str(tmp_path / "acts-one")))
    output = tmp_path / "dask.jsonl"
    command = [str(AMENDTRACK), "batch", "--store", str(larger), "-o", str(output), "--dask",
               cluster.scheduler_address, "--chunk-size", "2", "--to", "odt", "--acts",
               str(tmp_path / "acts")]
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = client.run(os.getpid)
        batch = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True)
        deadline = time.monotonic() + 120
        busy: list[str] = []
        while time.monotonic() < deadline and batch.poll() is None:
            busy = [worker for worker, count in processing(client).items() if count]
            if len(busy) == 2:
                break
            time.sleep(0.01)
        assert busy, "the batch never reached the workers"
        victim = busy[0]
        os.kill(pids[victim], signal.SIGKILL)
        killed_while_running = batch.poll() is None
        _, stderr = batch.communicate(timeout=300)
    assert killed_while_running, "the batch ended before the worker was killed"
    assert batch.returncode == 0, stderr
    assert output.read_bytes() == expected
    records = read_records(output)
    assert len({record["key"] for record in records}) == len(records) == 2 * LARGER
    acts = list((tmp_path / "acts").rglob("*.odt"))
    assert len(acts) == 2 * LARGER
