"""Running chunks on one machine: in this process (``--jobs 1``) or in a pool of processes.

An executor turns an iterator of chunks into an iterator of their results, in any order,
keeping only a few chunks in flight so that memory stays flat however large the registry.
Pool workers start once (from a fork server that has already imported the diff core) and
compare many chunks each; a worker that dies takes its chunks with it, and they are sent again
to a fresh pool; a chunk that keeps killing workers is retried pair by pair, and a pair that
still does is recorded as failed (`died_outcomes`). Workers exit when the batch process dies.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Protocol

from amendtrack.batch.records import error_record
from amendtrack.batch.work import Chunk, ChunkResult, Outcome, run_chunk
from amendtrack.errors import OutputError

SPLIT_AFTER = 2
"""Attempts of a chunk, every one ended by a dead worker, before it is retried pair by pair."""
GIVE_UP_AFTER = 4
"""Attempts of a single pair, every one ended by a dead worker, before it is recorded as failed."""
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
    """``--jobs N``: a pool of N worker processes on this machine."""

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
        retry: list[tuple[Chunk, int]] = []
        running: dict[Future[ChunkResult], tuple[Chunk, int]] = {}
        while True:
            self._pool = self._pool or self._new_pool()
            while len(running) < 2 * self.workers:
                job = retry.pop() if retry else next(((c, 0) for c in waiting), None)
                if job is None:
                    break
                running[self._pool.submit(run_chunk, job[0])] = job
            if not running:
                return
            self._broken = False
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            if self._broken_now(finished):
                # A dead worker breaks the whole pool: every chunk in flight fails with it.
                finished, _ = wait(running)
            for future in finished:
                result = self._settle(future, running.pop(future), retry)
                if result is not None:
                    yield result
            if self._broken:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
                self._check_progress(finished)

    def _check_progress(self, finished: set[Future[ChunkResult]]) -> None:
        # Workers that die before finishing anything (they cannot start, or every chunk
        # kills them) would otherwise be restarted for ever.
        if any(future.exception() is None for future in finished):
            self._breaks = 0
            return
        self._breaks += 1
        if self._breaks >= BROKEN_POOLS:
            raise OutputError(f"the worker processes died {self._breaks} times in a row "
                              "without finishing any pair; nothing more was tried")

    @staticmethod
    def _broken_now(finished: set[Future[ChunkResult]]) -> bool:
        return any(isinstance(future.exception(), BrokenProcessPool) for future in finished)

    def _settle(self, future: Future[ChunkResult], job: tuple[Chunk, int],
                retry: list[tuple[Chunk, int]]) -> ChunkResult | None:
        chunk, attempts = job
        try:
            return future.result()
        except BrokenProcessPool:
            self._broken = True
            if len(chunk.pairs) == 1 and attempts + 1 >= GIVE_UP_AFTER:
                return died_outcomes(chunk, attempts + 1)
            retry.extend(retries(chunk, attempts + 1))
            return None

    def close(self) -> None:
        """Stop the workers."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


__all__ = ["DIED", "Executor", "InProcess", "ProcessPool", "died_outcomes", "retries"]
