"""Records: one JSON object per line, keyed by what they depend on, the amendment inside whole."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings

from amendtrack.batch.plan import Pair, PlanProblem, VersionRef
from amendtrack.batch.records import (
    ActRequest,
    error_record,
    pair_key,
    pair_record,
    problem_key,
    problem_record,
    read_key,
)
from amendtrack.diffing import amendment_json
from amendtrack.diffing.amendments import apply, diff
from tests.strategies import versions

OLD = VersionRef(1, "2022-02-02", "ctg/2022-02-02.xml", "sha256:" + "a" * 64)
NEW = VersionRef(2, "2022-12-07", "ctg/2022-12-07.xml", "sha256:" + "b" * 64)
PAIR = Pair("ctg", OLD, NEW)
TOOL = "amendtrack 0.1.0"


def test_key_depends_on_versions_tool_and_acts_not_on_the_acts_folder() -> None:
    key = pair_key(PAIR, TOOL, ActRequest())
    assert key.startswith("sha256:") and len(key) == 71
    assert pair_key(PAIR, TOOL, ActRequest()) == key
    changed = [
        pair_key(replace(PAIR, new=replace(NEW, hash="sha256:" + "c" * 64)), TOOL, ActRequest()),
        pair_key(replace(PAIR, old=replace(OLD, number=3)), TOOL, ActRequest()),
        pair_key(replace(PAIR, deliberation="autre"), TOOL, ActRequest()),
        pair_key(PAIR, "amendtrack 0.2.0", ActRequest()),
        pair_key(PAIR, TOOL, ActRequest((("odt", "odt"),), "/a")),
        pair_key(PAIR, TOOL, ActRequest((("odt", "odt"),), "/a", deletions="hide")),
        pair_key(PAIR, TOOL, ActRequest((("odt", "odt"),), "/a", deletions="mention")),
    ]
    assert len({key, *changed}) == 8
    assert pair_key(PAIR, TOOL, ActRequest((("odt", "odt"),), "/a")) == pair_key(
        PAIR, TOOL, ActRequest((("odt", "odt"),), "/elsewhere"))


def test_read_key_finds_key_and_status() -> None:
    key = pair_key(PAIR, TOOL, ActRequest())
    ok = pair_record(key, PAIR, TOOL, counts={}, summary="", acts=[], amendment_json=b"{}")
    failed = error_record(key, PAIR, TOOL, file="ctg/2022-12-07.xml", message="oops",
                          exit_code=2)
    problem = PlanProblem("ctg/history.jsonl", "bad", 1, "ctg")
    assert read_key(ok) == (key, True)
    assert read_key(failed) == (key, False)
    assert read_key(problem_record(problem_key(problem, TOOL), problem, TOOL)) == (
        problem_key(problem, TOOL), False)
    assert read_key(b'{"deliberation": "x"}') is None
    assert read_key(b"") is None
    assert json.loads(failed)["error"] == {"file": "ctg/2022-12-07.xml", "message": "oops",
                                           "exit_code": 2}


@settings(max_examples=60, deadline=None)
@given(versions(), versions())
def test_a_record_is_one_line_whose_amendment_rebuilds_new(old, new) -> None:  # type: ignore[no-untyped-def]
    amendment = diff(old, new)
    key = pair_key(PAIR, TOOL, ActRequest())
    line = pair_record(key, PAIR, TOOL, counts={"modified": 1}, summary="résumé « exact »",
                       acts=[], amendment_json=amendment_json.dumps(amendment))
    assert b"\n" not in line and b"\r" not in line.replace(b"\\r", b"")
    record = json.loads(line)
    assert list(record)[:4] == ["key", "status", "format", "tool"]
    assert record["key"] == key and record["summary"] == "résumé « exact »"
    inner = amendment_json.loads(json.dumps(record["amendment"]).encode())
    assert inner == amendment
    assert apply(inner, old) == new
