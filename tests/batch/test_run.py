"""A whole batch through the library: skip what is done, resume, retry failures, keep order."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from amendtrack.batch.journal import Journal
from amendtrack.batch.plan import Selection, Source
from amendtrack.batch.pool import InProcess, ProcessPool
from amendtrack.batch.records import ActRequest
from amendtrack.batch.run import BatchRequest, Tally, run_batch
from amendtrack.errors import OutputError
from bench.registry import versions
from tests.batch.conftest import DELIBERATIONS, read_records


class Recorder:
    """A `Progress` that remembers what it was told (and can stop the run)."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.calls: list[tuple[str, object]] = []
        self.compared = 0
        self.stop_after = stop_after

    def start(self, total: int, skipped: int) -> None:
        self.calls.append(("start", (total, skipped)))

    def advance(self, compared: int, failed: int) -> None:
        self.compared += compared
        self.calls.append(("advance", (compared, failed)))
        if self.stop_after is not None and self.compared >= self.stop_after:
            raise KeyboardInterrupt

    def failure(self, message: str) -> None:
        self.calls.append(("failure", message))

    def finish(self) -> None:
        self.calls.append(("finish", None))


def batch(registry: Path, output: Path, *, jobs: int = 1, chunk_size: int = 4,
          selection: Selection | None = None, acts: ActRequest | None = None,
          progress: Recorder | None = None) -> Tally:
    executor = InProcess() if jobs == 1 else ProcessPool(jobs)
    request = BatchRequest(Source.locate(registry, None), output, selection or Selection(),
                           acts or ActRequest(), chunk_size)
    try:
        return run_batch(request, executor, progress or Recorder())
    finally:
        executor.close()


def test_a_rerun_does_nothing_and_leaves_the_output_alone(registry: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    first = batch(registry, output)
    assert (first.planned, first.compared, first.skipped, first.failed) == (24, 24, 0, 0)
    records = read_records(output)
    assert [record["status"] for record in records] == ["ok"] * 2 * DELIBERATIONS
    assert [(r["deliberation"], r["new"]["number"]) for r in records[:3]] == [
        ("delib-00000", 2), ("delib-00000", 3), ("delib-00001", 2)]
    before = output.stat()
    progress = Recorder()
    again = batch(registry, output, progress=progress)
    assert (again.compared, again.skipped, again.written) == (0, 24, False)
    assert progress.calls[0] == ("start", (0, 24))
    after = output.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not Journal(output).folder.exists()


def test_a_new_version_adds_one_pair_in_its_place(registry: Path, tmp_path: Path) -> None:
    from amendtrack.store import Store

    output = tmp_path / "out.jsonl"
    batch(registry, output)
    lines = output.read_bytes().splitlines()
    store = Store.open(registry)
    third = versions(5)[2]
    store.add(replace(third, info=replace(third.info, date="2031-01-01",
                                          modifies=third.info.date), body=third.body[:-1]))
    tally = batch(registry, output)
    assert (tally.compared, tally.skipped) == (1, 24)
    new_lines = output.read_bytes().splitlines()
    assert new_lines[:12] + new_lines[13:] == lines
    added = json.loads(new_lines[12])
    assert (added["deliberation"], added["old"]["number"], added["new"]["number"]) == (
        "delib-00005", 3, 4)


def test_two_processes_give_the_same_bytes_as_one(registry: Path, tmp_path: Path) -> None:
    batch(registry, tmp_path / "one.jsonl")
    # Workers start one after the other, and these 24 pairs take less time than a start: the
    # first worker up may compare them all. Each run must give the same bytes; among a few
    # runs, one must have had both workers at work.
    workers_seen = []
    for attempt in range(12):  # on a loaded machine the second worker may start late
        output = tmp_path / f"two-{attempt}.jsonl"
        tally = batch(registry, output, jobs=2, chunk_size=1)
        assert output.read_bytes() == (tmp_path / "one.jsonl").read_bytes()
        assert all(peak > 0 for peak in tally.workers.values())
        workers_seen.append(len(tally.workers))
        if len(tally.workers) == 2:
            break
    assert workers_seen[-1] == 2, f"workers per run: {workers_seen}"


def test_a_failed_pair_is_counted_then_retried(registry: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.jsonl"
    batch(registry, clean)
    victim = registry / "delib-00002" / sorted(p.name for p in (registry / "delib-00002")
                                                .glob("*.xml"))[1]
    good = victim.read_bytes()
    victim.write_bytes(good.replace(b"Article", b"Artikel", 1))
    output = tmp_path / "out.jsonl"
    progress = Recorder()
    tally = batch(registry, output, progress=progress)
    assert (tally.compared, tally.failed, tally.exit_code) == (24, 2, 1)
    failures = [message for kind, message in progress.calls if kind == "failure"]
    assert len(failures) == 2 and all("was edited since it was recorded" in str(m)
                                      for m in failures)
    statuses = [record["status"] for record in read_records(output)]
    assert statuses.count("error") == 2 and statuses[4:6] == ["error", "error"]
    victim.write_bytes(good)
    retried = batch(registry, output)
    assert (retried.compared, retried.skipped, retried.failed) == (2, 22, 0)
    assert output.read_bytes() == clean.read_bytes()


def test_the_output_holds_the_selection_only(registry: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    batch(registry, output)
    tally = batch(registry, output, selection=Selection(frozenset({"delib-00001"})))
    assert (tally.compared, tally.skipped, tally.written) == (0, 2, True)
    assert [record["deliberation"] for record in read_records(output)] == ["delib-00001"] * 2


def test_an_interrupted_run_keeps_its_work(registry: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.jsonl"
    batch(registry, clean)
    output = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        batch(registry, output, progress=Recorder(stop_after=10))
    assert not output.exists()
    parts = list(Journal(output).folder.glob("*.jsonl"))
    assert parts and sum(len(p.read_bytes().splitlines()) for p in parts) >= 10
    resumed = batch(registry, output)
    assert resumed.skipped >= 10 and resumed.compared == 24 - resumed.skipped
    assert output.read_bytes() == clean.read_bytes()


def test_acts_are_written_once_and_rewritten_when_missing(registry: Path, tmp_path: Path) -> None:
    acts = ActRequest((("markdown", "md"),), str(tmp_path / "acts"))
    output = tmp_path / "out.jsonl"
    batch(registry, output, acts=acts)
    written = sorted((tmp_path / "acts").rglob("*.md"))
    assert len(written) == 24
    first = tmp_path / "acts" / "delib-00000" / "delib-00000@2.md"
    assert "**" in first.read_text(encoding="utf-8")  # the additions in bold
    (act,) = read_records(output)[0]["acts"]
    assert (act["renderer"], act["file"]) == ("markdown", "delib-00000/delib-00000@2.md")
    # The generated registry names no président de séance: the act says so in its notes.
    assert any("who presides" in note for note in act["notes"])
    assert batch(registry, output, acts=acts).compared == 0
    first.unlink()
    again = batch(registry, output, acts=acts)
    assert again.compared == 1 and first.is_file()


def test_one_run_at_a_time_and_no_foreign_file_replaced(registry: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    with Journal(output).locked():
        with pytest.raises(OutputError, match="another amendtrack batch"):
            batch(registry, output)
        assert (Journal(output).folder / "lock").is_file()  # the holder's lock is left alone
    foreign = tmp_path / "notes.jsonl"
    foreign.write_text('{"mine": true}\n', encoding="utf-8")
    with pytest.raises(OutputError, match="is not the output of amendtrack batch"):
        batch(registry, foreign)
    assert foreign.read_text(encoding="utf-8") == '{"mine": true}\n'
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.jsonl", "store"]
