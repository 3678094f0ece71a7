"""The pager: output longer than the screen shown through ``less``, as git shows it.

The pager is ``$AMENDTRACK_PAGER``, else ``$PAGER``, else ``less -FRX``; an empty value or
``cat`` means none, and so does ``--no-pager``. It runs only when standard output is a terminal
(not TERM=dumb) and the output takes more lines than the screen has; shorter output is written
straight. As git does, the pager is given ``LESS=FRX`` and ``LV=-c`` when they are not set, so
that a plain ``less`` shows colours and leaves the screen as it was, and ``LESSCHARSET=utf-8``
(the output is UTF-8 even under a locale the system does not have). Quitting the pager before
the end is no error; a pager that cannot be started is said in one warning, and the output is
written to the terminal instead.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping

from amendtrack.cli.common import warn
from amendtrack.translation import _

DEFAULT_PAGER = "less -FRX"
"""The pager when neither ``$AMENDTRACK_PAGER`` nor ``$PAGER`` is set."""

_SHELL = set("|&;<>()$`\\\"'*?[]#~=%{}")
"""Characters that make a pager command a shell command (run with ``sh -c``)."""

_NOT_FOUND = (126, 127)
"""The shell's exit statuses for a command it could not run."""


def pager_command(environ: Mapping[str, str]) -> str | None:
    """The pager command the environment asks for (None: no pager)."""
    for name in ("AMENDTRACK_PAGER", "PAGER"):
        value = environ.get(name)
        if value is not None:
            value = value.strip()
            return None if value in ("", "cat") else value
    return DEFAULT_PAGER


def screen_rows(text: str, columns: int, enough: int) -> int:
    """How many rows `text` takes on a screen `columns` wide (a long line wraps), counted up
    to `enough` at most; escape sequences take no room."""
    from amendtrack.rendering.wrapping import cells

    rows = 0
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    for line in lines:
        rows += max(1, -(-cells(line) // max(columns, 1)))
        if rows >= enough:
            break
    return rows


def stdout_pager(enabled: bool) -> Callable[[bytes], None] | None:
    """How output reaches a terminal through the pager (None: straight, no pager): only when
    `enabled` (no ``--no-pager``), standard output is a terminal and a pager is set."""
    if not enabled or not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
        return None
    command = pager_command(os.environ)
    if command is None:
        return None

    def write(data: bytes) -> None:
        import shutil

        size = shutil.get_terminal_size()
        text = data.decode("utf-8", "replace")
        if screen_rows(text, size.columns, size.lines) < size.lines:
            _straight(data)
        else:
            page(data, command)

    return write


def _straight(data: bytes) -> None:
    from amendtrack.files.writing import write_output

    write_output(None, data)


def _arguments(command: str) -> tuple[list[str], bool]:
    """The pager's argument list, and whether it runs through the shell."""
    if _SHELL.isdisjoint(command):
        arguments = shlex.split(command)
        if arguments:
            return arguments, False
    return ["/bin/sh", "-c", command], True


def page(data: bytes, command: str) -> None:
    """Show `data` through the pager `command`; its quitting early is no error."""
    import signal

    environment = {**os.environ}
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")
    if "LESSCHARSET" not in environment and "LESSCHARDEF" not in environment:
        # the output is UTF-8 whatever the locale: under a locale the system lacks, less
        # would show « é » as <C3><A9>
        environment["LESSCHARSET"] = "utf-8"
    arguments, shell = _arguments(command)
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        process = subprocess.Popen(arguments, stdin=subprocess.PIPE, env=environment)
    except OSError:  # the system's words for it would be English: the command says enough
        _cannot_start(command, data)
        return
    # Ctrl-C is the pager's (less stops a search with it): amendtrack waits for it to end.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _feed(process, data)
        status = process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    if shell and status in _NOT_FOUND:
        _cannot_start(command, data)


def _cannot_start(command: str, data: bytes) -> None:
    warn(_("cannot start the pager {command!r}; the output follows unpaged").format(
        command=command))
    _straight(data)


def _feed(process: subprocess.Popen[bytes], data: bytes) -> None:
    """Write `data` to the pager; it may be quit before the end (a broken pipe)."""
    from amendtrack.files.streams import write_all

    stdin = process.stdin
    assert stdin is not None  # opened with stdin=PIPE
    try:
        write_all(stdin.fileno(), data)
    except OSError:  # BrokenPipeError: the pager was quit before reading it all
        pass
    finally:
        with contextlib.suppress(OSError):
            stdin.close()


__all__ = ["DEFAULT_PAGER", "page", "pager_command", "screen_rows", "stdout_pager"]
