"""The JSON Lines records of a batch: one line per pair, and what makes a pair already done.

A record is one JSON object on one line (UTF-8), keys in a fixed order, nothing in it that
depends on the clock, the machine, the worker or the folder the source is in, so the same
source gives the same bytes whatever the number of workers and however often a run was
interrupted. Every record starts with its ``key`` and its ``status``::

    {"key": "sha256:…", "status": "ok", "format": "amendtrack.batch/1", "tool": "amendtrack 0.1.0",
     "deliberation": "…", "old": {…}, "new": {…}, "counts": {…}, "summary": "…", "acts": […],
     "amendment": {…}}

The key is the hash of what the record depends on: the tool version, the deliberation, both
versions (number, date, file, content hash) and the acts asked for. A pair is done when the
output (or the run's parts) holds a record with its key and status ``ok``; a failed pair
(status ``error``) is tried again by the next run. See docs/scale.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from amendtrack.batch.plan import Pair, PlanProblem
from amendtrack.store.history import sha256_of

RECORD_FORMAT = "amendtrack.batch/1"
"""The ``format`` member of every record."""
_KEY_START = b'{"key": "'
_KEY_END = len(_KEY_START) + len("sha256:") + 64
_OK = b'", "status": "ok"'


@dataclass(frozen=True, slots=True)
class ActRequest:
    """The acts to write for each pair: which renderers, where, with which choices."""

    renderers: tuple[tuple[str, str], ...] = ()
    """(renderer name, file extension) pairs; empty: no acts."""
    folder: str | None = None
    """The folder the acts go into (absolute; the same path on every worker)."""
    options: tuple[tuple[str, str], ...] = ()
    """The renderers' ``-O`` options."""
    deletions: str = "show"
    """``show`` (struck through), ``mention`` (« (supprimé) ») or ``hide``, as ``amend``."""

    def identity(self) -> dict[str, Any]:
        """What the acts asked for, as part of a pair's key (the folder is not: see `done`)."""
        return {"renderers": [name for name, _ in self.renderers],
                "options": dict(self.options), "deletions": self.deletions}

    def files(self, pair: Pair) -> list[tuple[str, str]]:
        """(renderer, file relative to the acts folder) of each act of `pair`."""
        stem = f"{pair.deliberation}/{pair.deliberation}@{pair.new.number}"
        return [(name, f"{stem}.{extension}") for name, extension in self.renderers]


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def pair_key(pair: Pair, tool: str, acts: ActRequest) -> str:
    """The key of a pair's record: the hash of everything the record depends on."""
    return sha256_of(_canonical({
        "format": RECORD_FORMAT, "tool": tool, "deliberation": pair.deliberation,
        "old": pair.old.as_json(), "new": pair.new.as_json(), "acts": acts.identity(),
    }))


def problem_key(problem: PlanProblem, tool: str) -> str:
    """The key of a problem's record."""
    return sha256_of(_canonical({
        "format": RECORD_FORMAT, "tool": tool, "file": problem.file, "message": problem.message,
    }))


def _head(key: str, status: str, tool: str) -> dict[str, Any]:
    return {"key": key, "status": status, "format": RECORD_FORMAT, "tool": tool}


def _line(values: dict[str, Any], raw_tail: tuple[str, bytes] | None = None) -> bytes:
    text = json.dumps(values, ensure_ascii=False).encode()
    if raw_tail is None:
        return text
    name, raw = raw_tail
    return text[:-1] + f', "{name}": '.encode() + raw + b"}"


def pair_record(key: str, pair: Pair, tool: str, *, counts: dict[str, int], summary: str,
                acts: list[dict[str, Any]], amendment_json: bytes) -> bytes:
    """The line of a pair compared: `amendment_json` is the amendment's JSON form, inlined."""
    values = {**_head(key, "ok", tool), "deliberation": pair.deliberation,
              "old": pair.old.as_json(), "new": pair.new.as_json(), "counts": counts,
              "summary": summary, "acts": acts}
    # The amendment's own JSON has line breaks only between its members: dropping them
    # leaves the same JSON on one line.
    return _line(values, ("amendment", amendment_json.replace(b"\n", b"")))


def error_record(key: str, pair: Pair, tool: str, *, file: str | None, message: str,
                 exit_code: int) -> bytes:
    """The line of a pair that failed."""
    return _line({**_head(key, "error", tool), "deliberation": pair.deliberation,
                  "old": pair.old.as_json(), "new": pair.new.as_json(),
                  "error": {"file": file, "message": message, "exit_code": exit_code}})


def problem_record(key: str, problem: PlanProblem, tool: str) -> bytes:
    """The line of a history or file that could not be read while planning."""
    return _line({**_head(key, "error", tool), "deliberation": problem.deliberation,
                  "error": {"file": problem.file, "message": problem.message,
                            "exit_code": problem.exit_code}})


def read_key(line: bytes) -> tuple[str, bool] | None:
    """The key of a record line and whether its status is ``ok``; None if it is no record."""
    if not line.startswith(_KEY_START) or len(line) < _KEY_END + len(_OK):
        return None
    key = line[len(_KEY_START):_KEY_END].decode("ascii", "replace")
    if not key.startswith("sha256:"):
        return None
    return key, line.startswith(_OK, _KEY_END)


__all__ = [
    "RECORD_FORMAT",
    "ActRequest",
    "error_record",
    "pair_key",
    "pair_record",
    "problem_key",
    "problem_record",
    "read_key",
]
