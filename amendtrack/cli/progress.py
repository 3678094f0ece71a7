"""How a long command shows its progress on stderr: a rich bar on a terminal, plain lines in a pipe.

On a terminal (stderr is a TTY and ``TERM`` is not ``dumb``) `BarProgress` draws a bar with the
pairs done, the rate and the time left, and prints failures above it. Anywhere else (a pipe,
a log file, CI) `LineProgress` prints one plain line when the work starts, one every
`LineProgress.interval` seconds, and failures as they come, so that a log stays readable.
"""

from __future__ import annotations

import os
import time
from typing import Any, TextIO

from amendtrack.cli.common import error_line, note
from amendtrack.files.display import shown
from amendtrack.translation import _


def on_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal that understands escape sequences."""
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def _duration(seconds: float) -> str:
    whole = int(seconds + 0.5)
    if whole >= 3600:
        return _("{hours} h {minutes} min").format(hours=whole // 3600,
                                                   minutes=f"{whole % 3600 // 60:02d}")
    if whole >= 60:
        return _("{minutes} min {seconds} s").format(minutes=whole // 60,
                                                     seconds=f"{whole % 60:02d}")
    return _("{seconds} s").format(seconds=whole)


class LineProgress:
    """Plain lines on stderr: a start line, one line every `interval` seconds, failures."""

    interval = 10.0

    def __init__(self) -> None:
        self.total = self.done = self.failed = 0
        self.started = self.last = time.monotonic()

    def start(self, total: int, skipped: int) -> None:
        """Say how much there is to do."""
        self.total = total
        self.started = self.last = time.monotonic()
        note(_("pairs to compare: {total}; already done: {skipped}").format(
            total=total, skipped=skipped))

    def advance(self, compared: int, failed: int) -> None:
        """Count finished work; print a line if the last one is old enough."""
        self.done += compared
        self.failed += failed
        now = time.monotonic()
        if now - self.last >= self.interval and self.done < self.total:
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            if rate:
                note(_("pairs compared: {done} of {total} ({failed} failed), {rate} pairs/s, "
                       "about {left} left").format(
                           done=self.done, total=self.total, failed=self.failed,
                           rate=f"{rate:.0f}", left=_duration((self.total - self.done) / rate)))
            else:
                note(_("pairs compared: {done} of {total} ({failed} failed)").format(
                    done=self.done, total=self.total, failed=self.failed))

    def failure(self, message: str) -> None:
        """One failure line, in the usual error form."""
        error_line(_("amendtrack: error: {error}").format(error=message))

    def finish(self) -> None:
        """Nothing to clear (the command prints the summary)."""


class BarProgress:
    """A rich progress bar on stderr: pairs done of total, rate, time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            _rate(), TimeElapsedColumn(), TextColumn(_("elapsed,")),
            TimeRemainingColumn(), TextColumn(_("left")), console=Console(stderr=True),
            transient=False,
        )
        self._task: Any = None
        self.failed = 0

    def start(self, total: int, skipped: int) -> None:
        """Show the bar."""
        self._progress.start()
        if skipped:
            self._progress.console.print(
                _("amendtrack: {message}").format(message=_("pairs already done: {count}").format(
                    count=skipped)), markup=False, highlight=False)
        self._task = self._progress.add_task(_("comparing"), total=total)

    def advance(self, compared: int, failed: int) -> None:
        """Move the bar."""
        self.failed += failed
        description = (_("comparing ({failed} failed)").format(failed=self.failed)
                       if self.failed else _("comparing"))
        self._progress.update(self._task, advance=compared, description=description)

    def failure(self, message: str) -> None:
        """Print a failure above the bar."""
        self._progress.console.print(shown(_("amendtrack: error: {error}").format(
            error=message)), markup=False,
                                     highlight=False, soft_wrap=True)

    def finish(self) -> None:
        """Leave the finished bar on the screen."""
        self._progress.stop()


def _rate() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        """Pairs per second, from rich's own speed estimate."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            shown = _("{rate} pairs/s").format(rate=f"{speed:,.0f}") if speed \
                else _("– pairs/s")
            return Text(shown, style="progress.data.speed")

    return Rate()


def progress_for(stream: TextIO) -> LineProgress | BarProgress:
    """A bar on a terminal, lines elsewhere."""
    return BarProgress() if on_terminal(stream) else LineProgress()


__all__ = ["BarProgress", "LineProgress", "on_terminal", "progress_for"]
