"""Standard output and error as outputs: written whole, closed or full streams one error.

`write_stream` writes bytes to standard output (or error) through ``sys.stdout`` when a caller
replaced it, else to the descriptor. `guard_standard_streams` puts ``/dev/null`` on a stream that
was closed when the command started (so that no file opened later takes its number) and makes
writing to it an error; `flush_standard_output` reports a full disk or a closed pipe behind
standard output as one `OutputError` instead of a traceback at exit.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

from amendtrack.errors import OutputError
from amendtrack.translation import _

STDOUT_NAME = "<stdout>"
"""How messages name standard output."""


def write_all(descriptor: int, data: bytes | memoryview) -> None:
    """Write all of `data` to a descriptor (waiting on a non-blocking pipe when it is full)."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(descriptor, view[: 1 << 20])
        except BlockingIOError:  # a non-blocking pipe handed down by the caller
            import select

            select.select([], [descriptor], [])
            continue
        view = view[written:]


def write_stream(descriptor: int, data: bytes) -> None:
    """Write `data` to standard output (1) or error (2); OSError when it cannot be."""
    if descriptor in _CLOSED_STREAMS:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    text = sys.stdout if descriptor == 1 else sys.stderr
    if text is None:
        write_all(descriptor, data)
        return
    text.flush()
    binary = getattr(text, "buffer", None)  # a caller may have replaced the stream (tests)
    if binary is None:
        write_all(descriptor, data)
        return
    binary.write(data)
    binary.flush()


_CLOSED_STREAMS: set[int] = set()
"""Standard streams that were closed when the command started."""


class _ClosedOutput:
    """``sys.stdout`` when standard output was closed: writing to it is an error."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        """Refuse: there is nowhere to write."""
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        """Nothing is ever buffered."""

    def isatty(self) -> bool:
        """Not a terminal."""
        return False


def guard_standard_streams() -> None:
    """Put ``/dev/null`` on standard streams that are closed, and remember them as closed.

    Without it, the first file opened would take descriptor 1, and "standard output" would
    then be that file. Writing to a stream found closed is an error (`write_output`, and
    ``print`` through ``sys.stdout``).
    """
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            flags = os.O_RDONLY if descriptor == 0 else os.O_WRONLY
            opened = os.open(os.devnull, flags)
            if opened != descriptor:
                os.dup2(opened, descriptor)
                os.close(opened)
            _CLOSED_STREAMS.add(descriptor)
    if 1 in _CLOSED_STREAMS:
        sys.stdout = _ClosedOutput()


def flush_standard_output() -> None:
    """Flush ``sys.stdout``; an error is one `OutputError`, and the unwritten rest is dropped.

    Called before the command line exits, so that a full disk or a closed pipe behind standard
    output is reported like any other output error (and not as a traceback at exit).
    """
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except OSError as error:
        # Nothing more can reach it: send what is left to /dev/null so the flush at exit
        # does not fail again.
        with contextlib.suppress(OSError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)
        raise OutputError(_("cannot write: {problem}").format(problem=problem(error)),
                          STDOUT_NAME) from None


def problem(error: OSError) -> str:
    """An OSError in words (a closed stream said as such)."""
    if error.errno == errno.EBADF:
        return _("the stream is closed")
    return error.strerror or str(error)
