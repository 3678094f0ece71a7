"""Running a renderer: its output held first, then written out whole, its failures named.

A renderer that raises while rendering gives one `PluginError` naming the plugin and its
distribution (exit status 1: the input was fine, the plugin failed); since nothing is written
before `render` returns, no partial file is ever left. Errors amendtrack itself raises inside a
renderer (a bad ``-O`` value, a view the renderer cannot draw) pass through unchanged. A binary
format (ODT, DOCX, PDF) is never written to a terminal: `refuse_terminal` asks for ``-o``.

The output is held in memory up to `IN_MEMORY` bytes and in an unnamed temporary file beyond:
a growing in-memory buffer of a whole code's output takes two to three times its size from the
C allocator, more than the amendment itself.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from amendtrack.errors import AmendtrackError, OutputError, PluginError, UsageError
from amendtrack.translation import _

if TYPE_CHECKING:
    from amendtrack.rendering.api import Renderer, RenderJob
    from amendtrack.rendering.registry import PluginInfo


IN_MEMORY = 4 * 2**20
"""Outputs up to this size are held in memory; larger ones in an unnamed temporary file."""


class _OutputBuffer(tempfile.SpooledTemporaryFile[bytes]):
    """A renderer's output: in memory, then in an unnamed temporary file past `IN_MEMORY`."""

    def __init__(self) -> None:
        super().__init__(max_size=IN_MEMORY)

    def rollover(self) -> None:
        """Move to the temporary file; a failure to create it is ours, not the plugin's."""
        try:
            super().rollover()
        except OSError as error:
            raise OutputError(_("cannot hold the output in a temporary file: {problem}").format(
                problem=error.strerror), tempfile.gettempdir()) from None


def render_bytes(renderer: Renderer, info: PluginInfo, job: RenderJob) -> bytes:
    """The bytes `renderer` writes for `job`; any failure of its own is a `PluginError`."""
    with _OutputBuffer() as buffer:
        try:
            renderer.render(job, cast(BinaryIO, buffer))
        except (AmendtrackError, KeyboardInterrupt, MemoryError):
            raise
        except Exception as error:
            detail = str(error).strip().splitlines()
            if detail:
                problem = _("failed while rendering: {error}: {detail}").format(
                    error=type(error).__name__, detail=detail[0])
            else:
                problem = _("failed while rendering: {error}").format(error=type(error).__name__)
            raise PluginError(info.name, problem, info.distribution) from error
        buffer.seek(0)
        data: bytes = buffer.read()
        return data


TEXT_MEDIA_TYPES = ("application/json", "application/xml", "application/javascript")
"""Media types outside ``text/`` that are text all the same (as are ``…+xml``, ``…+json``)."""


def is_binary(media_type: str) -> bool:
    """Whether a renderer of `media_type` writes bytes that are not text (ODT, DOCX, PDF)."""
    kind = media_type.split(";", 1)[0].strip().lower()
    return not (kind.startswith("text/") or kind in TEXT_MEDIA_TYPES
                or kind.endswith(("+xml", "+json")))


def refuse_terminal(renderer: type[Renderer], output: str | Path | None) -> None:
    """Refuse, before any work, to write a binary format to a terminal: UsageError asking
    for ``-o FILE`` (piped or redirected, standard output takes it)."""
    import sys

    to_stdout = output is None or str(output) == "-"
    if to_stdout and is_binary(renderer.media_type) and sys.stdout.isatty():
        extension = f".{renderer.extensions[0]}" if renderer.extensions else ""
        raise UsageError(_("the {renderer} renderer writes a binary file, which a terminal "
                           "cannot show; give -o FILE{extension} (or redirect the "
                           "output)").format(renderer=renderer.name, extension=extension))


def check_ready(renderer: type[Renderer], output: str | Path | None) -> None:
    """Before any work: refuse a binary format on a terminal (`refuse_terminal`), and let a
    renderer that needs a program say it is missing (its optional ``ready()`` class method,
    such as the PDF renderer's for LibreOffice), so the user is not told after the work."""
    refuse_terminal(renderer, output)
    ready = getattr(renderer, "ready", None)
    if callable(ready):
        ready()


def render_to(renderer: Renderer, info: PluginInfo, job: RenderJob, output: Path | None,
              stdout: Callable[[bytes], None] | None = None) -> None:
    """Render `job` and write it to `output` atomically, or to stdout for None or ``-``
    (through `stdout` when given: the command line's pager).

    Text written to a terminal has its control characters escaped (`for_terminal`), except
    the terminal renderer's, whose escapes are the point (it escapes the document itself).
    """
    from amendtrack.files.display import for_terminal
    from amendtrack.files.writing import write_output

    data = render_bytes(renderer, info, job)
    if job.interactive and (info.name, info.distribution) != ("terminal", "amendtrack"):
        data = for_terminal(data, renderer.media_type)
    if stdout is not None and (output is None or str(output) == "-"):
        stdout(data)
        return
    write_output(output, data)
