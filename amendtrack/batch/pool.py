"""Running chunks on one machine: in this process (``--jobs 1``) or in a pool of processes.

An executor turns an iterator of chunks into an iterator of their results, in any order,
keeping only a few chunks in flight so that memory stays flat however large the registry.
Pool workers start once (from a fork server that has already imported the diff core) and
compare many chunks each. A worker that dies takes the pool with it: the chunks in flight are
run again, one at a time, in a fresh pool, so that the one that kills its worker is found; it
is retried pair by pair, and a pair that kills its worker again is recorded as failed
(`died_outcomes`). Workers exit when the batch process dies.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Protocol

from amendtrack.batch.records import error_record
from amendtrack.batch.work import Chunk, ChunkResult, Outcome, run_chunk
from amendtrack.errors import OutputError

SPLIT_AFTER = 1
"""Runs of a chunk that killed their worker before it is retried pair by pair."""
GIVE_UP_AFTER = 2
"""Runs of a single pair that killed their worker before it is recorded as failed."""
DIED = "the worker process died while comparing this pair ({attempts} attempts)"
BROKEN_POOLS = 5
"""Pools broken in a row, not one chunk finished in between, before the batch gives up."""
_PRELOAD = ["amendtrack.batch.work", "amendtrack.diffing.amendments", "amendtrack.version_xml",
            "amendtrack.diffing.amendment_json", "amendtrack.diffing.summary"]


class Executor(Protocol):
    """Runs chunks somewhere and yields their results as they finish."""

    workers: int
    """How many chunks it runs at once."""

    def results(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """The result of every chunk, in the order they finish."""
        ...

    def close(self) -> None:
        """Release the workers."""
        ...


def died_outcomes(chunk: Chunk, attempts: int) -> ChunkResult:
    """The result of a chunk whose pairs were given up after workers died on them."""
    message = DIED.format(attempts=attempts)
    outcomes = tuple(
        Outcome(key, error_record(key, pair, chunk.tool, file=None, message=message,
                                  exit_code=1), f"{message} ({pair.label})", 1)
        for key, pair in chunk.pairs
    )
    return ChunkResult(outcomes, worker="-", tool=chunk.tool, peak_memory=0, cpu_seconds=0.0)


def retries(chunk: Chunk, attempts: int) -> list[tuple[Chunk, int]]:
    """What to send again after a worker died running `chunk` for the `attempts`-th time."""
    if len(chunk.pairs) > 1 and attempts >= SPLIT_AFTER:
        return [(replace(chunk, pairs=(pair,)), attempts) for pair in chunk.pairs]
    return [(chunk, attempts)]


class InProcess:
    """``--jobs 1``: every chunk in this process, one after the other."""

    workers = 1

    def results(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Run each chunk here."""
        for chunk in chunks:
            yield run_chunk(chunk)

    def close(self) -> None:
        """Nothing to release."""


def _watch_parent() -> None:
    # A pool worker must not outlive the batch (a SIGKILL gives the pool no chance to stop
    # it): when its parent changes, the batch is gone.
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="amendtrack-parent-watch", daemon=True).start()


class ProcessPool:
    """``--jobs N``: a pool of N worker processes on this machine.

    When a worker dies, the pool breaks and every chunk in flight fails with it; those chunks
    become suspects, run again one at a time, alone in a fresh pool, so that only the chunk
    that really kills its worker is charged an attempt (split into pairs, then given up).
    """

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False
        self._breaks = 0

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing

        if "forkserver" in multiprocessing.get_all_start_methods():
            server = multiprocessing.get_context("forkserver")
            server.set_forkserver_preload(_PRELOAD)
            return ProcessPoolExecutor(self.workers, mp_context=server,
                                       initializer=_watch_parent)
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_watch_parent)

    def results(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Run the chunks in the pool, at most two per worker in flight."""
        waiting = iter(chunks)
        suspects: list[tuple[Chunk, int]] = []
        running: dict[Future[ChunkResult], _Job] = {}
        while True:
            self._broken = self._submit(running, suspects, waiting)
            if not running and not self._broken:
                return
            if running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                if self._broken or _broken_now(finished):
                    # A dead worker breaks the whole pool: every chunk in flight fails with it.
                    finished, _ = wait(running)
                for future in finished:
                    result = self._settle(future, running.pop(future), suspects)
                    if result is not None:
                        yield result
            if self._broken:
                self._restart()

    def _submit(self, running: dict[Future[ChunkResult], _Job],
                suspects: list[tuple[Chunk, int]], waiting: Iterator[Chunk]) -> bool:
        """Fill the pool up (a suspect runs alone); True if it turned out to be broken."""
        self._pool = self._pool or self._new_pool()
        while len(running) < (1 if suspects else 2 * self.workers):
            alone = bool(suspects)
            if alone and running:
                return False  # a suspect waits for the pool to be empty
            chunk, attempts = suspects.pop(0) if alone else (next(waiting, None), 0)
            if chunk is None:
                return False
            try:
                running[self._pool.submit(run_chunk, chunk)] = _Job(chunk, attempts, alone)
            except BrokenProcessPool:
                suspects.insert(0, (chunk, attempts))  # it never ran
                return True
        return False

    def _settle(self, future: Future[ChunkResult], job: _Job,
                suspects: list[tuple[Chunk, int]]) -> ChunkResult | None:
        try:
            result = future.result()
        except BrokenProcessPool:
            self._broken = True
            if not job.alone:
                suspects.append((job.chunk, job.attempts))
            elif len(job.chunk.pairs) == 1 and job.attempts + 1 >= GIVE_UP_AFTER:
                return died_outcomes(job.chunk, job.attempts + 1)
            else:
                suspects[:0] = retries(job.chunk, job.attempts + 1)
            return None
        self._breaks = 0
        return result

    def _restart(self) -> None:
        # Workers that die before finishing anything (they cannot start, or every chunk
        # kills them) would otherwise be restarted for ever.
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None
        self._breaks += 1
        if self._breaks >= BROKEN_POOLS:
            raise OutputError(f"the worker processes died {self._breaks} times in a row "
                              "without finishing any pair; nothing more was tried")

    def close(self) -> None:
        """Stop the workers."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


@dataclass(frozen=True, slots=True)
class _Job:
    chunk: Chunk
    attempts: int
    """Earlier runs that killed their worker while this chunk ran alone."""
    alone: bool
    """Whether it runs alone in the pool (so a dead worker is its doing)."""


def _broken_now(finished: set[Future[ChunkResult]]) -> bool:
    return any(isinstance(future.exception(), BrokenProcessPool) for future in finished)


__all__ = ["DIED", "Executor", "InProcess", "ProcessPool", "died_outcomes", "retries"]
