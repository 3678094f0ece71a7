"""The rendering commands: ``diff``, ``amend`` and ``plugins``.

Only typer, pathlib and the CLI module are imported at start-up; the registry, the diff core
and the renderer asked for are imported when a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amendtrack.cli import app, load_version, warn

if TYPE_CHECKING:
    from amendtrack.registry import Registry
    from amendtrack.rendering import Deletions, RenderJob, View

_TO = typer.Option("--to", help="Renderer name (see `amendtrack plugins`); default from -o.")
_OUTPUT = typer.Option("-o", "--output", help="Write to this file (atomically).")
_OPTIONS = typer.Option("-O", help="A renderer option KEY=VALUE (repeatable).")


def _registry() -> Registry:
    from amendtrack.registry import Registry

    return Registry(warn=warn)


def _parse_options(pairs: list[str]) -> dict[str, str]:
    from amendtrack.errors import UsageError

    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"-O takes KEY=VALUE, not {pair!r}")
        options[key.strip()] = value
    return options


def _deletions(value: str | None, default: str) -> Deletions:
    from amendtrack.errors import UsageError
    from amendtrack.rendering import Deletions

    chosen = value or default
    try:
        return Deletions(chosen)
    except ValueError:
        raise UsageError(f"--deletions takes show or hide, not {chosen!r}") from None


def _terminal_state(output: Path | None, no_color: bool) -> tuple[bool, bool, int]:
    """(interactive, colour, width) for an output going to stdout or to a file."""
    import os
    import shutil
    import sys

    to_stdout = output is None or str(output) == "-"
    interactive = to_stdout and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    color = not no_color and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((100, 24)).columns if interactive else 100
    return interactive, color, width


def _run(job_args: dict[str, object], *, to: str | None, output: Path | None,
         options: list[str], default: str) -> None:
    from amendtrack.registry import check_options
    from amendtrack.rendering import RenderJob

    registry = _registry()
    name = registry.choose(to, output, default)
    cls = registry.renderer_class(name)
    parsed = _parse_options(options)
    check_options(cls, parsed)
    job = RenderJob(options=parsed, **job_args)  # type: ignore[arg-type]
    _write(registry.renderer(name), job, output)


def _write(renderer: object, job: RenderJob, output: Path | None) -> None:
    import io
    import sys

    from amendtrack.outputs import atomic_output

    render = getattr(renderer, "render")  # noqa: B009 - validated by the registry
    if output is None or str(output) == "-":
        buffer = io.BytesIO()
        render(job, buffer)
        sys.stdout.flush()
        sys.stdout.buffer.write(buffer.getvalue())
        sys.stdout.buffer.flush()
        return
    with atomic_output(output) as stream:
        render(job, stream)


def _versions(old: str, new: str, view: View) -> dict[str, object]:
    from amendtrack.amendments import diff as compute

    before, after = load_version(old), load_version(new)
    amendment = compute(before, after)
    if not amendment.minimal:
        for message in amendment.notes or ("the amendment is exact but not minimal",):
            warn(message)
    return {"amendment": amendment, "old": before, "new": after, "view": view}


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The old version (XML).", show_default=False)],
    new: Annotated[str, typer.Argument(help="The new version (XML).", show_default=False)],
    to: Annotated[str | None, _TO] = None,
    output: Annotated[Path | None, _OUTPUT] = None,
    option: Annotated[list[str] | None, _OPTIONS] = None,
    deletions: Annotated[
        str | None, typer.Option("--deletions", help="show or hide deleted text (default show).")
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Show every paragraph.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (marks stay).")] = False,
    side_by_side: Annotated[
        bool, typer.Option("--side-by-side", help="Old and new in two columns (terminal).")
    ] = False,
) -> None:
    """Show the changes between two versions (terminal by default).

    Example: amendtrack diff v1.xml v2.xml --to html -o changes.html
    """
    from amendtrack.rendering import View

    interactive, color, width = _terminal_state(output, no_color)
    job = _versions(old, new, View.DIFF) | {
        "deletions": _deletions(deletions, "show"), "full": full, "color": color,
        "interactive": interactive, "width": width, "side_by_side": side_by_side,
    }
    _run(job, to=to, output=output, options=option or [], default="terminal")


@app.command()
def amend(
    old: Annotated[str, typer.Argument(help="The version modified (XML).", show_default=False)],
    new: Annotated[str, typer.Argument(help="The modified version (XML).", show_default=False)],
    to: Annotated[str | None, _TO] = None,
    output: Annotated[Path | None, _OUTPUT] = None,
    option: Annotated[list[str] | None, _OPTIONS] = None,
    deletions: Annotated[
        str | None, typer.Option("--deletions", help="show or hide deleted text (default hide).")
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours (marks stay).")] = False,
) -> None:
    """Write the amending act (« rajout en gras »): NEW's text with the additions in bold.

    Example: amendtrack amend v1.xml v2.xml -o acte.odt
    """
    from amendtrack.rendering import View

    interactive, color, width = _terminal_state(output, no_color)
    job = _versions(old, new, View.ACT) | {
        "deletions": _deletions(deletions, "hide"), "full": True, "color": color,
        "interactive": interactive, "width": width,
    }
    _run(job, to=to, output=output, options=option or [], default="markdown")


@app.command()
def plugins(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List the renderer plugins: name, description, media type, extensions, origin, status."""
    import json

    registry = _registry()
    statuses = registry.statuses()
    for status in statuses:
        if status.problem:
            warn(status.problem)
    if as_json:
        listing = [{
            "name": s.info.name, "description": s.description, "media_type": s.media_type,
            "extensions": list(s.extensions), "options": dict(s.options),
            "views": list(s.views), "distribution": s.info.distribution,
            "version": s.info.version, "entry_point": s.info.value, "status": s.status.value,
            "problem": s.problem,
        } for s in statuses]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    for s in statuses:
        extensions = ", ".join(f".{e}" for e in s.extensions) or "-"
        origin = f"{s.info.distribution} {s.info.version}"
        print(f"{s.info.name:<12} {s.status.value:<8} {s.media_type or '-':<22} {extensions:<16}"
              f" {origin}")
        if s.description:
            print(f"{'':<12} {s.description}")
