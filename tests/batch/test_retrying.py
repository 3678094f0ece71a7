"""The policy for chunks whose worker died: suspects run alone, only the guilty are given up."""

from __future__ import annotations

import json

from amendtrack.batch.plan import Pair, VersionRef
from amendtrack.batch.records import ActRequest
from amendtrack.batch.retrying import DIED, Dispatch, Job
from amendtrack.batch.work import Chunk


def chunk(*names: str) -> Chunk:
    pairs = tuple(
        (f"sha256:{name:0>64}", Pair(name, VersionRef(1, "2022-01-01", f"{name}/1.xml", "h1"),
                                     VersionRef(2, "2022-02-01", f"{name}/2.xml", "h2")))
        for name in names)
    return Chunk("/store", True, "amendtrack 0.1.0", ActRequest(), pairs)


def names(job: Job | None) -> list[str]:
    assert job is not None
    return [pair.deliberation for _, pair in job.chunk.pairs]


def test_chunks_go_out_up_to_the_width() -> None:
    dispatch = Dispatch([chunk("a"), chunk("b"), chunk("c")], width=2, give_up_after=2)
    assert names(dispatch.next(0)) == ["a"]
    assert names(dispatch.next(1)) == ["b"]
    assert dispatch.next(2) is None  # full
    assert names(dispatch.next(1)) == ["c"]
    assert dispatch.next(0) is None  # nothing left


def test_suspects_run_alone_and_only_the_guilty_pair_is_given_up() -> None:
    dispatch = Dispatch([chunk("a", "b"), chunk("c"), chunk("d")], width=4, give_up_after=2)
    first, second = dispatch.next(0), dispatch.next(1)
    assert first is not None and second is not None and not first.alone
    # The pool broke: both chunks in flight are suspects, charged nothing.
    assert dispatch.died(first) is None and dispatch.died(second) is None
    assert dispatch.next(1) is None  # a suspect waits until nothing runs
    alone = dispatch.next(0)
    assert names(alone) == ["a", "b"] and alone is not None and alone.alone
    assert dispatch.died(alone) is None  # guilty: split into its pairs
    pair_a = dispatch.next(0)
    assert names(pair_a) == ["a"] and pair_a is not None and pair_a.alone
    # "a" is innocent: it finishes; "b" kills its worker twice, alone, and is given up.
    pair_b = dispatch.next(0)
    assert names(pair_b) == ["b"] and pair_b is not None
    assert dispatch.died(pair_b) is None
    again = dispatch.next(0)
    assert names(again) == ["b"] and again is not None and again.guilty == 1
    given_up = dispatch.died(again)
    assert given_up is not None
    (outcome,) = given_up.outcomes
    assert outcome.failure == f"{DIED} (b@1 → b@2)" and outcome.exit_code == 1
    record = json.loads(outcome.line)
    assert record["status"] == "error" and record["error"]["message"] == DIED
    # Then the innocent suspect "c", alone, and the normal flow again.
    assert names(dispatch.next(0)) == ["c"]
    assert names(dispatch.next(0)) == ["d"]


def test_a_chunk_never_sent_goes_first() -> None:
    dispatch = Dispatch([chunk("a"), chunk("b")], width=2, give_up_after=2)
    job = dispatch.next(0)
    assert job is not None
    dispatch.unsent(job)
    resent = dispatch.next(0)
    assert names(resent) == ["a"] and resent is not None and resent.guilty == 0
