"""Running a renderer: its output in memory first, then written out whole, its failures named.

A renderer that raises while rendering gives one `PluginError` naming the plugin and its
distribution (exit status 1: the input was fine, the plugin failed); since nothing is written
before `render` returns, no partial file is ever left. Errors amendtrack itself raises inside a
renderer (a bad ``-O`` value, a view the renderer cannot draw) pass through unchanged.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from amendtrack.errors import AmendtrackError, PluginError

if TYPE_CHECKING:
    from amendtrack.rendering.api import Renderer, RenderJob
    from amendtrack.rendering.registry import PluginInfo


def render_bytes(renderer: Renderer, info: PluginInfo, job: RenderJob) -> bytes:
    """The bytes `renderer` writes for `job`; any failure of its own is a `PluginError`."""
    buffer = io.BytesIO()
    try:
        renderer.render(job, buffer)
    except (AmendtrackError, KeyboardInterrupt, MemoryError):
        raise
    except Exception as error:
        detail = str(error).strip().splitlines()
        problem = f"failed while rendering: {type(error).__name__}"
        if detail:
            problem += f": {detail[0]}"
        raise PluginError(info.name, problem, info.distribution) from error
    return buffer.getvalue()


def render_to(renderer: Renderer, info: PluginInfo, job: RenderJob, output: Path | None) -> None:
    """Render `job` and write it to `output` atomically, or to stdout for None or ``-``.

    Text written to a terminal has its control characters escaped (`for_terminal`), except
    the terminal renderer's, whose escapes are the point (it escapes the document itself).
    """
    from amendtrack.files.display import for_terminal
    from amendtrack.files.writing import write_output

    data = render_bytes(renderer, info, job)
    if job.interactive and (info.name, info.distribution) != ("terminal", "amendtrack"):
        data = for_terminal(data, renderer.media_type)
    write_output(output, data)
