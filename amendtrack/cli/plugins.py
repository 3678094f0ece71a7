"""The ``plugins`` command: the renderers installed, what each writes, its ``-O`` options.

Only typer and `amendtrack.cli.common` are imported at start-up; the registry when it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from amendtrack.cli.common import say, warn
from amendtrack.cli.help_page import explained
from amendtrack.translation import _

if TYPE_CHECKING:
    from amendtrack.rendering.registry import PluginStatus

_STATUS = {"ok": _("ready"), "broken": _("broken"), "shadowed": _("shadowed")}
_COMMANDS = {"diff": "diff", "act": "amend", "document": "show"}


@explained(
    _("List the renderer plugins: what each writes, the commands that use it, its -O options "
      "and whether it loads."),
    examples=(
        "amendtrack plugins",
        "amendtrack plugins --json",
        "amendtrack diff v1.xml v2.xml --to html -O title='Cantine' -o changes.html",
    ),
)
def plugins_command(
    as_json: Annotated[bool, typer.Option("--json", help=_("Machine-readable output (JSON)."))
                       ] = False,
) -> None:
    """``amendtrack plugins``: the renderers, their options and their status."""
    import json

    from amendtrack.rendering.registry import Registry

    statuses = Registry(warn=warn).statuses()
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
        from amendtrack.files.display import shown_json

        print(shown_json(json.dumps(listing, ensure_ascii=False, indent=2)))
        return
    for index, status in enumerate(statuses):
        if index:
            say("")
        _say_plugin(status)


def _say_plugin(status: PluginStatus) -> None:
    """One renderer, as ``amendtrack plugins`` lists it: a line each, options last."""
    import textwrap

    info = status.info
    say(_("{name} ({status}; {distribution} {version})").format(
        name=info.name, status=_STATUS.get(status.status.value, status.status.value),
        distribution=info.distribution, version=info.version))
    if status.description:
        say(f"    {status.description}")
    if status.problem:
        return
    extensions = ", ".join(f".{extension}" for extension in status.extensions)
    if extensions:
        say("    " + _("writes: {extensions} ({media_type})").format(
            extensions=extensions, media_type=status.media_type))
    else:
        say("    " + _("writes: {media_type}").format(media_type=status.media_type))
    commands = ", ".join(_COMMANDS.get(view, view) for view in status.views)
    say("    " + _("used by: {commands}").format(commands=commands))
    if not status.options:
        say("    " + _("no -O option"))
    for key, meaning in status.options:
        for line in textwrap.wrap(meaning, 98, initial_indent=f"    -O {key}=…  ",
                                  subsequent_indent=" " * 8, break_on_hyphens=False):
            say(line)  # one line at a time: `say` escapes a line break


__all__ = ["plugins_command"]
