"""Running chunks on an existing Dask distributed cluster (``--dask ADDRESS``).

The client (this process) plans, skips what is done and writes the output, exactly as with a
local pool; the cluster only runs `amendtrack.batch.work.run_chunk`. A task carries a chunk
(file names and content hashes, a few kilobytes) and its result goes straight from the worker
to the client (``direct_to_workers``), so no version and no amendment passes through the
scheduler. Every worker reads the source itself, so it must see the store (or folder) at the
same path as the client: a shared file system or an object store mounted on every machine.

When a worker dies, the scheduler gives its tasks to another worker; the client gets one
result per chunk whatever happened, so a record is never written twice. A chunk whose task
killed workers too often (the scheduler's ``allowed-failures``) is retried pair by pair, and
a pair that still does is recorded as failed. See docs/scale.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from amendtrack.batch.pool import GIVE_UP_AFTER, died_outcomes, retries
from amendtrack.batch.work import Chunk, ChunkResult, run_chunk
from amendtrack.errors import UsageError

_CONNECT_SECONDS = 30


class DaskCluster:
    """The workers of a Dask scheduler at `address` (``tcp://HOST:PORT``)."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError("--dask needs Dask distributed: "
                             "pip install 'amendtrack[dask]'") from None
        try:
            self._client: Any = Client(address, timeout=_CONNECT_SECONDS, set_as_default=False,
                                       direct_to_workers=True)
        except (OSError, TimeoutError, ValueError) as error:
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        threads = self._client.nthreads()
        if not threads:
            self._client.close()
            raise UsageError(f"the Dask scheduler at {address} has no worker")
        self.workers: int = sum(threads.values())

    def results(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Run the chunks on the cluster, at most four per worker thread in flight."""
        from distributed import as_completed

        waiting = iter(chunks)
        retry: list[tuple[Chunk, int]] = []
        jobs: dict[str, tuple[Chunk, int]] = {}
        pending = as_completed()
        while True:
            while len(jobs) < 4 * self.workers:
                job = retry.pop() if retry else next(((c, 0) for c in waiting), None)
                if job is None:
                    break
                future = self._submit(*job)
                jobs[future.key] = job
                pending.add(future)
            if not jobs:
                return
            future = next(pending)
            chunk, attempts = jobs.pop(future.key)
            result = self._settle(future, chunk, attempts, retry)
            if result is not None:
                yield result

    def _submit(self, chunk: Chunk, attempts: int) -> Any:
        digest = hashlib.sha256("".join(key for key, _ in chunk.pairs).encode()).hexdigest()
        return self._client.submit(run_chunk, chunk, key=f"amendtrack-batch-{digest}-{attempts}")

    def _settle(self, future: Any, chunk: Chunk, attempts: int,
                retry: list[tuple[Chunk, int]]) -> ChunkResult | None:
        from distributed import KilledWorker

        try:
            result: ChunkResult = future.result()
        except KilledWorker:
            if len(chunk.pairs) == 1 and attempts + 1 >= GIVE_UP_AFTER:
                return died_outcomes(chunk, attempts + 1)
            retry.extend(retries(chunk, attempts + 1))
            return None
        except Exception as error:  # the task could not run at all on the worker
            first = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise UsageError(f"a Dask worker cannot run the batch: {first} (is amendtrack "
                             "installed on every worker?)") from None
        finally:
            future.release()
        return result

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        self._client.close()


__all__ = ["DaskCluster"]
