"""Running chunks on one machine: in this process (``--jobs 1``) or in a pool of processes.

An executor turns an iterator of chunks into an iterator of their results, in any order,
keeping only a few chunks in flight so that memory stays flat however large the registry.
Pool workers start once (a new interpreter each, which imports the diff core) and compare
many chunks each. A worker that dies takes the pool with it: the chunks in flight run again,
one at a time, in a fresh pool, until the one that kills its worker is found
(`amendtrack.batch.retrying`). Workers exit when the batch process dies.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from amendtrack.batch.retrying import Dispatch, Job
from amendtrack.batch.work import Chunk, ChunkResult, run_chunk
from amendtrack.errors import OutputError
from amendtrack.translation import _

GIVE_UP_AFTER = 2
"""Runs of a single pair, alone, that killed their worker before it is given up."""
BROKEN_POOLS = 12
"""Pools broken before any chunk ever finished, after which the batch gives up."""
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


class InProcess:
    """``--jobs 1``: every chunk in this process, one after the other."""

    workers = 1

    def results(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Run each chunk here."""
        for chunk in chunks:
            yield run_chunk(chunk)

    def close(self) -> None:
        """Nothing to release."""


def _start_worker(batch: int) -> None:
    """Start a pool worker of the batch process `batch` (its pid): leave when the batch dies,
    import the diff core once."""
    import importlib

    # A SIGKILL gives the pool no chance to stop its workers: when a worker's parent is no
    # longer the batch process, the batch is gone, and so is the worker. The batch's pid is
    # given, not read here: a batch killed while this worker was starting has already left
    # it to another parent, and the worker (blocked on a queue its siblings hold open) would
    # otherwise wait for ever.

    def watch() -> None:
        while os.getppid() == batch:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="amendtrack-parent-watch", daemon=True).start()
    for module in _PRELOAD:
        importlib.import_module(module)


class ProcessPool:
    """``--jobs N``: a pool of N worker processes on this machine."""

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False
        self._breaks = 0
        self._finished = False

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing

        # Spawned, not forked: a worker is a child of the batch process (so it sees it die),
        # and inherits none of its threads (the progress bar's) nor their locks.
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(os.getpid(),))

    def results(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Run the chunks in the pool, at most two per worker in flight."""
        dispatch = Dispatch(chunks, 2 * self.workers, GIVE_UP_AFTER)
        running: dict[Future[ChunkResult], Job] = {}
        while True:
            self._broken = self._submit(running, dispatch)
            if not running and not self._broken:
                return
            if running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                if self._broken or _broken_now(finished):
                    # A dead worker breaks the whole pool: every chunk in flight fails with it.
                    finished, _ = wait(running)
                for future in finished:
                    result = self._settle(future, running.pop(future), dispatch)
                    if result is not None:
                        yield result
            if self._broken:
                self._restart()

    def _submit(self, running: dict[Future[ChunkResult], Job], dispatch: Dispatch) -> bool:
        """Fill the pool up; True if it turned out to be broken."""
        self._pool = self._pool or self._new_pool()
        while (job := dispatch.next(len(running))) is not None:
            try:
                running[self._pool.submit(run_chunk, job.chunk)] = job
            except BrokenProcessPool:
                dispatch.unsent(job)
                return True
        return False

    def _settle(self, future: Future[ChunkResult], job: Job,
                dispatch: Dispatch) -> ChunkResult | None:
        try:
            result = future.result()
        except BrokenProcessPool:
            self._broken = True
            return dispatch.died(job)
        self._finished = True
        return result

    def _restart(self) -> None:
        # Workers that die before finishing anything (they cannot start, or every chunk
        # kills them) would otherwise be restarted for ever.
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None
        self._breaks += 1
        if self._breaks >= BROKEN_POOLS and not self._finished:
            raise OutputError(_("the worker processes died {count} times before finishing any "
                                "pair; nothing more was tried").format(count=self._breaks))

    def close(self) -> None:
        """Stop the workers."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _broken_now(finished: set[Future[ChunkResult]]) -> bool:
    return any(isinstance(future.exception(), BrokenProcessPool) for future in finished)


__all__ = ["GIVE_UP_AFTER", "Executor", "InProcess", "ProcessPool"]
