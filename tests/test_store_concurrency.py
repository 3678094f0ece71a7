"""Concurrent `add` from several processes: nothing lost, nothing half-written, one chain.

8 worker processes start together on one store; each adds 50 versions, alternating between a
deliberation of its own and one they all share. Shared dates are distinct but interleaved, so
some shared adds come after a later-dated one and must be refused; every accepted version must
then be in the store exactly once. Run a worker by hand with
``python -m tests.test_store_concurrency STORE WORKER GO_FILE``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from amendtrack import version_xml
from amendtrack.store import Store, init_store
from amendtrack.store.history import genesis
from amendtrack.store.verify import verify
from tests.store.test_repository import day, make_version, visible_files

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 8
ADDS = 50
SHARED = "partagee"


def worker(store_dir: Path, number: int, go: Path) -> None:
    """Wait for `go` to exist, then add ADDS versions; print one JSON line per add."""
    from amendtrack.errors import StoreError

    store = Store.open(store_dir)
    version_xml.checked_bytes(make_version("x", "2000-01-01", "x"))  # load the schema first
    (go.parent / f"ready-{number}").touch()
    while not go.exists():
        time.sleep(0.001)
    for index in range(ADDS):
        shared = index % 2 == 1
        deliberation = SHARED if shared else f"propre-{number}"
        date = day(index * WORKERS + number)
        text = f"Version {index} du processus {number}.\n\nAlinéa commun « {deliberation} »."
        version = make_version(deliberation, date, text)
        try:
            entry = store.add(version)
        except StoreError as error:
            print(json.dumps({"deliberation": deliberation, "refused": error.message}),
                  flush=True)
            continue
        print(json.dumps({"deliberation": deliberation, "hash": entry.hash,
                          "hash_check": version_xml.content_hash(version)}), flush=True)


def test_eight_processes_adding_at_once(tmp_path: Path) -> None:
    store = Store.open(init_store(tmp_path / "store"))
    go = tmp_path / "go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.test_store_concurrency", str(store.root), str(n),
             str(go)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n in range(WORKERS)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < WORKERS:  # every worker started and imported
        assert time.monotonic() < deadline, "the workers did not start"
        assert all(process.poll() is None for process in processes)
        time.sleep(0.01)
    go.touch()
    accepted: dict[str, list[str]] = {}
    refused: list[str] = []
    sharing: set[int] = set()
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        lines = [json.loads(line) for line in out.splitlines()]
        assert len(lines) == ADDS
        for line in lines:
            if "refused" in line:
                assert line["deliberation"] == SHARED
                assert "before the latest one" in line["refused"]
                refused.append(line["refused"])
            else:
                assert line["hash"] == line["hash_check"]
                accepted.setdefault(line["deliberation"], []).append(line["hash"])
                if line["deliberation"] == SHARED:
                    sharing.add(processes.index(process))

    # Each worker's own deliberation has all its versions, in its order.
    for number in range(WORKERS):
        history = store.history(f"propre-{number}")
        assert [e.hash for e in history.entries] == accepted[f"propre-{number}"]

    # The shared deliberation holds exactly the accepted versions, once each, in date order,
    # as a single chain from the genesis hash.
    shared = store.history(SHARED)
    assert sorted(e.hash for e in shared.entries) == sorted(accepted[SHARED])
    assert len(accepted[SHARED]) + len(refused) == WORKERS * ADDS // 2
    assert len(sharing) > 1, "the workers did not run at the same time"
    print(f"shared: {len(accepted[SHARED])} accepted from {len(sharing)} workers, "
          f"{len(refused)} refused")
    assert [e.date for e in shared.entries] == sorted(e.date for e in shared.entries)
    assert [e.number for e in shared.entries] == list(range(1, len(shared.entries) + 1))
    assert shared.entries[0].chain != genesis(SHARED)
    # No version is half-written: each loads, its bytes hashing to its entry.
    for deliberation in store.deliberations():
        for entry in store.history(deliberation).entries:
            store.load(deliberation, entry)

    report = verify(store, deep=True)
    assert report.ok, report.problems
    assert report.versions == WORKERS * ADDS - len(refused)
    assert report.recovered is None
    assert not list(store.root.rglob(".*")), "temporary files left behind"
    assert len(visible_files(store.root)) == 1 + (WORKERS + 1) * 2 + report.versions


if __name__ == "__main__":
    worker(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
