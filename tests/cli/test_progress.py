"""The progress display: plain lines in a pipe (a start line, one line per interval)."""

from __future__ import annotations

import pytest

from amendtrack.cli import progress
from amendtrack.cli.progress import LineProgress, on_terminal, progress_for


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_lines_at_start_then_every_interval(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    clock = Clock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    shown = LineProgress()
    shown.start(1000, 50)
    clock.now += 4
    shown.advance(100, 0)  # too soon for a line
    clock.now += 6
    shown.advance(100, 3)  # 10 s after the start: 200 done, 20 pairs/s, 800 left
    clock.now += 1
    shown.advance(100, 0)
    shown.failure("delib/2.xml: not well-formed XML (delib@1 → delib@2)")
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "amendtrack: pairs to compare: 1000; already done: 50",
        "amendtrack: pairs compared: 200 of 1000 (3 failed), 20 pairs/s, about 40 s left",
        "amendtrack: error: delib/2.xml: not well-formed XML (delib@1 → delib@2)",
    ]


def test_long_waits_are_said_in_minutes_and_hours() -> None:
    assert progress._duration(59.4) == "59 s"
    assert progress._duration(125) == "2 min 05 s"
    assert progress._duration(3 * 3600 + 61) == "3 h 01 min"


def test_a_pipe_gets_lines_a_terminal_a_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    monkeypatch.setenv("TERM", "xterm-256color")
    assert isinstance(progress_for(Stream(False)), LineProgress)  # type: ignore[arg-type]
    assert on_terminal(Stream(True))  # type: ignore[arg-type]
    assert type(progress_for(Stream(True))).__name__ == "BarProgress"  # type: ignore[arg-type]
    monkeypatch.setenv("TERM", "dumb")
    assert not on_terminal(Stream(True))  # type: ignore[arg-type]
