"""A crash at any moment of an `add` leaves the store valid.

Processes running `add` are killed with SIGKILL: at random moments (200 times, in forked
children running the library's `Store.add`, the code path of the `add` command; and a few
times as real `amendtrack add` commands), and at every step boundary of an add in turn. After
each kill, before any recovery, the history names only complete files and the only visible
file it does not name is the one the pending note describes; then `verify` passes and no
temporary, partial or pending file is left.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import random
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from amendtrack import version_xml
from amendtrack.store.history import HISTORY_NAME, sha256_of
from amendtrack.store.repository import MARKER_NAME, PENDING_NAME, Store, init_store
from amendtrack.store.verify import verify
from tests.store.test_repository import make_version

ROOT = Path(__file__).resolve().parent.parent
AMENDTRACK = Path(sys.executable).parent / "amendtrack"
"""The console script (`python -m amendtrack.cli` does not see commands of other modules)."""


def next_date(store: Store, deliberation: str) -> str:
    """The day after the deliberation's latest version (2000-01-01 for a new one)."""
    history = store.read_history(deliberation)
    if history is None or history.latest is None:
        return "2000-01-01"
    latest = datetime.date.fromisoformat(history.latest.date)
    return (latest + datetime.timedelta(days=1)).isoformat()


def add_forever(store: Store, label: str) -> None:
    """Add versions without end: to two long-lived deliberations and to new ones."""
    for count in range(1_000_000):
        deliberation = ("alpha", "beta", f"nouvelle-{label}-{count}")[count % 3]
        date = next_date(store, deliberation)
        store.add(make_version(deliberation, date, f"Version {label}.{count}.\n\nSuite."))


def run_child(body: Callable[[], None]) -> int:
    """Fork a child running `body` (exit status 0, or 1 if it raised); return its pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        status = 0
        try:
            body()
        except BaseException:
            traceback.print_exc()
            status = 1
        os._exit(status)
    return pid


def check_after_crash(store: Store) -> None:
    """What must hold right after a crash, before any recovery."""
    pending_file = None
    note_path = store.root / PENDING_NAME
    if note_path.exists():
        note = json.loads(note_path.read_bytes())
        pending_file = store.root / note["deliberation"] / note["entry"]["file"]
        pending_hash = note["entry"]["hash"]
    for folder in sorted(p for p in store.root.iterdir() if p.is_dir()):
        history = store.read_history(folder.name)
        named = set()
        for entry in history.entries if history else ():
            path = folder / entry.file
            assert sha256_of(path.read_bytes()) == entry.hash, f"{path} named but not complete"
            named.add(path)
        for path in folder.iterdir():
            if path.name.startswith(".") or path.name == HISTORY_NAME or path in named:
                continue
            assert path == pending_file, f"{path} visible and not named by a history"
            assert sha256_of(path.read_bytes()) == pending_hash, f"{path} is partial"
        if history is None:
            visible = [p for p in folder.iterdir() if not p.name.startswith(".")]
            assert visible in ([], [pending_file]), visible


def check_recovered(store: Store) -> str | None:
    """`verify` passes and leaves no hidden, temporary or pending file."""
    report = verify(store)
    assert report.ok, report.problems
    hidden = list(store.root.rglob(".*"))
    assert not hidden, hidden
    for folder in (p for p in store.root.iterdir() if p.is_dir()):
        assert (folder / HISTORY_NAME).is_file(), f"{folder} left without a history"
    return report.recovered


def test_200_adds_killed_at_random_moments(tmp_path: Path) -> None:
    store = Store.open(init_store(tmp_path / "store"))
    chance = random.Random(20221207)
    recoveries: list[str] = []
    version_xml.checked_bytes(make_version("x", "2000-01-01", "x"))  # children inherit the schema
    for round_number in range(200):
        pid = run_child(functools.partial(add_forever, store, str(round_number)))
        try:
            time.sleep(chance.uniform(0.0, 0.04))
        finally:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), f"the child stopped by itself (status {status})"
        check_after_crash(store)
        recovered = check_recovered(store)
        if recovered:
            recoveries.append(recovered)
    versions = sum(len(store.history(d).entries) for d in store.deliberations())
    print(f"{versions} versions, {len(recoveries)} recoveries after 200 kills")
    assert versions > 0
    # Most of an add's time is spent with its pending note written (fsync), so the kills must
    # have caught adds in the middle, on both sides of the version file's rename: otherwise
    # this test would not test anything.
    assert any(r.startswith("finished") for r in recoveries), recoveries
    assert any(r.startswith("undid") for r in recoveries), recoveries


@pytest.mark.parametrize("new_deliberation", [False, True])
def test_a_kill_at_each_step_of_an_add(tmp_path: Path, new_deliberation: bool) -> None:
    # Every durable step of an add ends with an fsync: killing the process just before the
    # k-th fsync visits every boundary between steps, in order.
    outcomes = []
    for step in range(1, 20):
        store = Store.open(init_store(tmp_path / f"store-{step}"))
        store.add(make_version("alpha", "2000-01-01", "Premier texte."))
        target = "nouvelle" if new_deliberation else "alpha"
        version = make_version(target, "2001-01-01", "Texte ajouté.")

        def add_and_die(store: Store = store, step: int = step, version: object = version,
                        ) -> None:
            calls = 0
            real_fsync = os.fsync

            def fsync(descriptor: int) -> None:
                # Killing before the k-th fsync: the step before it is done, not flushed.
                nonlocal calls
                calls += 1
                if calls == step:
                    os.kill(os.getpid(), signal.SIGKILL)
                real_fsync(descriptor)

            setattr(os, "fsync", fsync)  # noqa: B010 - only in this child process
            store.add(version)  # type: ignore[arg-type]

        _, status = os.waitpid(run_child(add_and_die), 0)
        killed = os.WIFSIGNALED(status)
        assert killed or os.WEXITSTATUS(status) == 0
        check_after_crash(store)
        check_recovered(store)
        stored = store.read_history(target)
        present = stored is not None and any(
            e.hash == version_xml.content_hash(version) for e in stored.entries
        )
        outcomes.append(present)
        if not killed:
            break
    # Killed before the version file got its name: not there at all; from then on: there.
    # (new deliberation: note, mkdir, version, history, note removed; otherwise no mkdir)
    renamed_at = 5 if new_deliberation else 4
    assert outcomes == [False] * (renamed_at - 1) + [True] * (len(outcomes) - renamed_at + 1)
    assert len(outcomes) == renamed_at + 4


def test_real_add_commands_killed_at_random_moments(tmp_path: Path) -> None:
    store = Store.open(init_store(tmp_path / "store"))
    chance = random.Random(5)
    for number in range(10):
        source = tmp_path / f"v{number}.xml"
        version_xml.save(make_version("cli", f"20{number + 10}-01-01", f"Version {number}."),
                       source)
        process = subprocess.Popen(
            [str(AMENDTRACK), "add", str(source), "--store",
             str(store.root)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        time.sleep(chance.uniform(0.05, 0.5))
        process.send_signal(signal.SIGKILL)
        _, err = process.communicate()
        assert process.returncode in (0, -signal.SIGKILL), err
        check_after_crash(store)
        check_recovered(store)
    assert (store.root / MARKER_NAME).is_file()
