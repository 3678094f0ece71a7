"""A whole batch: plan, skip what is done, run the rest, keep every result, write the output.

The steps, in one place:

1. plan the pairs of the source and the selection (`amendtrack.batch.plan`), each with its key
   (`amendtrack.batch.records`);
2. under the output's lock, index the records the previous output and any interrupted run hold
   (`amendtrack.batch.journal`); a pair whose record is there with status ``ok`` (and whose
   acts are all there) is skipped;
3. send the others to the executor in chunks; as results come back, their records are written
   into part files every few seconds, whole;
4. assemble the output in plan order, atomically, unless it already is exactly that; remove
   the parts.

A failure of one pair is a record with status ``error``, a line through `Progress.failure`,
and counts in the exit code; it never stops the others.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from amendtrack.batch.journal import Journal, Location
from amendtrack.batch.plan import Item, Pair, PlanProblem, Selection, Source, plan
from amendtrack.batch.pool import Executor
from amendtrack.batch.records import (
    ActRequest,
    pair_key,
    problem_key,
    problem_record,
)
from amendtrack.batch.work import Chunk, ChunkResult, tool_version
from amendtrack.errors import UsageError
from amendtrack.translation import _

FLUSH_SECONDS = 2.0
"""Finished records are written into a part file at least this often."""
FLUSH_LINES = 500
"""… or as soon as this many are waiting."""
REPORTED_FAILURES = 20
"""Failures listed one line each on stderr; the others are counted (their records say why)."""


class Progress(Protocol):
    """Where a batch tells how it goes (the command line draws a bar or prints lines)."""

    def start(self, total: int, skipped: int) -> None:
        """`total` pairs to compare; `skipped` were already done."""

    def advance(self, compared: int, failed: int) -> None:
        """`compared` more pairs finished, of which `failed` failed."""

    def failure(self, message: str) -> None:
        """One failure, in one line."""

    def finish(self) -> None:
        """The batch is over (the summary is printed by the caller)."""


@dataclass(frozen=True, slots=True)
class BatchRequest:
    """What to compare, where to write, and how."""

    source: Source
    output: Path
    selection: Selection = field(default_factory=Selection)
    acts: ActRequest = field(default_factory=ActRequest)
    chunk_size: int = 32
    """Pairs sent to a worker at once."""


@dataclass(slots=True)
class Tally:
    """What a batch did."""

    planned: int = 0
    """Lines of the output: pairs, and problems met while planning."""
    skipped: int = 0
    """Pairs already done."""
    compared: int = 0
    """Pairs compared by this run (failed ones included)."""
    failed: int = 0
    """Pairs that failed, and problems met while planning."""
    exit_code: int = 0
    """0 when everything succeeded, else the highest exit code of the failures."""
    written: bool = False
    """Whether the output was (re)written; False when it already was what this run gives."""
    failures: list[str] = field(default_factory=list)
    noted: int = 0
    """Pairs compared whose acts carry notes (their records' ``acts`` say them)."""
    workers: dict[str, int] = field(default_factory=dict)
    """Peak resident memory (bytes) of each worker that ran a chunk, by ``HOST:PID``."""
    cpu_seconds: float = 0.0
    """CPU time the workers spent comparing."""
    worker_cpu: dict[str, float] = field(default_factory=dict)
    """CPU time each worker spent comparing, by ``HOST:PID``."""
    elapsed: float = 0.0

    @property
    def unlisted(self) -> int:
        """Failures not listed one line each on stderr."""
        return max(0, self.failed - REPORTED_FAILURES)

    def fail(self, message: str, exit_code: int) -> None:
        """Count one failure."""
        self.failed += 1
        self.exit_code = max(self.exit_code, exit_code)
        self.failures.append(message)


class _Parts:
    """Finished records waiting to be written into the next part file."""

    def __init__(self, journal: Journal, records: dict[str, Location]) -> None:
        self.journal = journal
        self.records = records
        self.lines: list[tuple[str, bytes]] = []
        self.last = time.monotonic()

    def add(self, key: str, line: bytes) -> None:
        self.lines.append((key, line))
        if len(self.lines) >= FLUSH_LINES or time.monotonic() - self.last >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        self.journal.add_part(self.lines, self.records)
        self.lines = []
        self.last = time.monotonic()


def _keyed(items: list[Item], tool: str, acts: ActRequest) -> list[tuple[str, Item]]:
    return [(pair_key(item, tool, acts) if isinstance(item, Pair) else problem_key(item, tool),
             item) for item in items]


def _done(location: Location | None, pair: Pair, acts: ActRequest) -> bool:
    if location is None or not location.ok:
        return False
    folder = Path(acts.folder) if acts.folder else None
    return folder is None or all((folder / name).is_file() for _, name in acts.files(pair))


def _chunks(request: BatchRequest, tool: str,
            todo: list[tuple[str, Pair]]) -> Iterator[Chunk]:
    size = max(1, request.chunk_size)
    for start in range(0, len(todo), size):
        yield Chunk(root=str(request.source.root), is_store=request.source.is_store, tool=tool,
                    acts=request.acts, pairs=tuple(todo[start:start + size]))


def _excluded(request: BatchRequest) -> list[Path]:
    # The acts folder may be inside a folder source: its files are outputs, not versions.
    return [Path(request.acts.folder)] if request.acts.folder else []


def run_batch(request: BatchRequest, executor: Executor, progress: Progress) -> Tally:
    """Run the batch `request` describes on `executor`; the output is whole when it returns."""
    started = time.monotonic()
    tool = tool_version()
    journal = Journal(request.output)
    keyed = _keyed(plan(request.source, request.selection, _excluded(request)), tool,
                   request.acts)
    tally = Tally(planned=len(keyed))
    with journal.locked():
        index = journal.index()
        records = index.records
        todo = [(key, item) for key, item in keyed
                if isinstance(item, Pair) and not _done(records.get(key), item, request.acts)]
        tally.skipped = sum(isinstance(item, Pair) for _, item in keyed) - len(todo)
        parts = _Parts(journal, records)
        for key, item in keyed:
            if isinstance(item, PlanProblem):
                parts.add(key, problem_record(key, item, tool))
                _report(tally, progress, _("{file}: {problem}").format(
                    file=item.file, problem=item.message), item.exit_code)
        progress.start(len(todo), tally.skipped)
        try:
            for result in executor.results(_chunks(request, tool, todo)):
                _collect(result, tool, tally, parts, progress)
        finally:
            parts.flush()  # an interrupted run keeps what it finished
            progress.finish()
        keys = [key for key, _ in keyed]
        # Parts (from this run or an interrupted one) may hold records the output lacks.
        if index.output_keys != keys or index.parts or journal.written:
            journal.assemble(keys, records)
            tally.written = True
        journal.discard()
    tally.elapsed = time.monotonic() - started
    return tally


def _collect(result: ChunkResult, tool: str, tally: Tally, parts: _Parts,
             progress: Progress) -> None:
    if result.tool != tool:
        raise UsageError(_("worker {worker} runs {found}, not {expected}: install the same "
                           "amendtrack on every worker").format(
            worker=result.worker, found=result.tool, expected=tool))
    if result.worker != "-":
        tally.workers[result.worker] = max(tally.workers.get(result.worker, 0),
                                           result.peak_memory)
    tally.cpu_seconds += result.cpu_seconds
    spent = tally.worker_cpu.get(result.worker, 0.0)
    tally.worker_cpu[result.worker] = spent + result.cpu_seconds
    failed = 0
    for outcome in result.outcomes:
        parts.add(outcome.key, outcome.line)
        tally.noted += outcome.noted
        if outcome.failure is not None:
            failed += 1
            _report(tally, progress, outcome.failure, outcome.exit_code)
    tally.compared += len(result.outcomes)
    progress.advance(len(result.outcomes), failed)


def _report(tally: Tally, progress: Progress, message: str, exit_code: int) -> None:
    tally.fail(message, exit_code)
    if tally.failed <= REPORTED_FAILURES:
        progress.failure(message)


__all__ = ["BatchRequest", "Progress", "Tally", "run_batch"]
