"""Running chunks on an existing Dask distributed cluster (``--dask ADDRESS``).

The client (this process) plans, skips what is done and writes the output, exactly as with a
local pool; the cluster only runs `amendtrack.batch.work.run_chunk`. A task carries a chunk
(file names and content hashes, a few kilobytes) and its result goes straight from the worker
to the client (``direct_to_workers``), so no version and no amendment passes through the
scheduler. Every worker reads the source itself, so it must see the store (or folder) at the
same path as the client: a shared file system or an object store mounted on every machine.

When a worker dies, the scheduler gives its tasks to another worker; the client gets one
result per chunk whatever happened, so a record is never written twice. A chunk whose task
killed workers too often (the scheduler's ``allowed-failures``) becomes a suspect and runs
again alone, then pair by pair, until the pair that kills workers is found and recorded as
failed (`amendtrack.batch.retrying`). See docs/scale.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from amendtrack.batch.retrying import Dispatch, Job
from amendtrack.batch.work import Chunk, ChunkResult, run_chunk
from amendtrack.errors import UsageError
from amendtrack.translation import _

_CONNECT_SECONDS = 10
GIVE_UP_AFTER = 1
"""KilledWorker errors of a single pair run alone before it is given up: the scheduler has
already given it to a new worker ``allowed-failures`` times, each of which died."""


class DaskCluster:
    """The workers of a Dask scheduler at `address` (``tcp://HOST:PORT``)."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError(_("--dask needs Dask distributed: pip install "
                               "'amendtrack[dask]'")) from None
        try:
            self._client: Any = Client(address, timeout=_CONNECT_SECONDS, set_as_default=False,
                                       direct_to_workers=True)
        except (OSError, TimeoutError, ValueError) as error:
            raise UsageError(_("cannot reach the Dask scheduler at {address}: {problem}").format(
                address=address, problem=error)) from None
        threads = self._client.nthreads()
        if not threads:
            self._client.close()
            raise UsageError(_("the Dask scheduler at {address} has no worker").format(
                address=address))
        self.workers: int = sum(threads.values())
        self._runs = 0

    def results(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Run the chunks on the cluster, at most four per worker thread in flight."""
        from distributed import as_completed

        dispatch = Dispatch(chunks, 4 * self.workers, GIVE_UP_AFTER)
        jobs: dict[str, Job] = {}
        pending = as_completed(loop=self._client.loop)
        while True:
            while (job := dispatch.next(len(jobs))) is not None:
                future = self._submit(job)
                jobs[future.key] = job
                pending.add(future)
            if not jobs:
                return
            future = next(pending)
            result = self._settle(future, jobs.pop(future.key), dispatch)
            if result is not None:
                yield result

    def _submit(self, job: Job) -> Any:
        digest = hashlib.sha256("".join(key for key, _ in job.chunk.pairs).encode()).hexdigest()
        # A new key for each run: the scheduler forgets a task that failed.
        self._runs += 1
        return self._client.submit(run_chunk, job.chunk,
                                   key=f"amendtrack-batch-{digest}-{self._runs}")

    def _settle(self, future: Any, job: Job, dispatch: Dispatch) -> ChunkResult | None:
        from distributed import KilledWorker

        try:
            result: ChunkResult = future.result()
        except KilledWorker:
            return dispatch.died(job)
        except Exception as error:  # the task could not run at all on the worker
            first = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise UsageError(_("a Dask worker cannot run the batch: {problem} (is amendtrack "
                               "installed on every worker?)").format(problem=first)) from None
        finally:
            future.release()
        return result

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        self._client.close()


__all__ = ["DaskCluster"]
