"""Which chunk a pool or a cluster runs next, and what becomes of one whose worker died.

A worker that dies takes with it every chunk it held, the guilty one and innocent ones alike
(a local pool breaks whole; a Dask worker dies with its queue). So a chunk that was in flight
when a worker died is only a *suspect*: it runs again alone (nothing else in flight), and only
a chunk whose worker dies while it runs alone is guilty. A guilty chunk is split into single
pairs, which run alone in turn; a single pair found guilty often enough is given up and
recorded as failed (`died_outcomes`), and every other pair is compared as usual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from amendtrack.batch.records import error_record
from amendtrack.batch.work import Chunk, ChunkResult, Outcome
from amendtrack.translation import _

DIED = "the worker process died each time it compared this pair alone; the pair was given up"
"""The error message of a pair given up, in English (`died_message` says it in the interface's
language)."""


def died_message() -> str:
    """The error message of a pair given up, in the language of the interface."""
    return _("the worker process died each time it compared this pair alone; the pair was "
             "given up")


@dataclass(frozen=True, slots=True)
class Job:
    """A chunk to run, and what is known of it."""

    chunk: Chunk
    guilty: int = 0
    """Runs that ended with a dead worker while this chunk ran alone."""
    alone: bool = False
    """Whether it runs alone (so a dead worker is its doing)."""


class Dispatch:
    """The chunks still to run, suspects first, one at a time."""

    def __init__(self, chunks: Iterable[Chunk], width: int, give_up_after: int) -> None:
        self._waiting = iter(chunks)
        self._suspects: list[Job] = []
        self.width = width
        """How many chunks may be in flight when no chunk is suspected."""
        self.give_up_after = give_up_after
        """Guilty runs of a single pair before it is given up."""

    def next(self, running: int) -> Job | None:
        """The next job to send while `running` are in flight; None: wait (or nothing left)."""
        if self._suspects:
            return None if running else replace(self._suspects.pop(0), alone=True)
        if running >= self.width:
            return None
        chunk = next(self._waiting, None)
        return None if chunk is None else Job(chunk)

    def unsent(self, job: Job) -> None:
        """`job` could not be sent (its pool had just broken): it runs first, alone."""
        self._suspects.insert(0, replace(job, alone=False))

    def died(self, job: Job) -> ChunkResult | None:
        """A worker died running `job`: the given-up result, or None (it will run again)."""
        if not job.alone:
            self._suspects.append(job)
            return None
        if len(job.chunk.pairs) == 1:
            if job.guilty + 1 >= self.give_up_after:
                return died_outcomes(job.chunk)
            self._suspects.insert(0, Job(job.chunk, job.guilty + 1))
            return None
        self._suspects[:0] = [Job(replace(job.chunk, pairs=(pair,))) for pair in job.chunk.pairs]
        return None


def died_outcomes(chunk: Chunk) -> ChunkResult:
    """The result of a chunk whose pairs were given up after workers died on them."""
    outcomes = tuple(
        Outcome(key, error_record(key, pair, chunk.tool, file=None, message=died_message(),
                                  exit_code=1),
                _("{problem} ({pair})").format(problem=died_message(), pair=pair.label), 1)
        for key, pair in chunk.pairs
    )
    return ChunkResult(outcomes, worker="-", tool=chunk.tool, peak_memory=0, cpu_seconds=0.0)


__all__ = ["DIED", "Dispatch", "Job", "died_message", "died_outcomes"]
