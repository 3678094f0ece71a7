"""CLI commands of the diff core: ``apply`` and ``invert`` .

Only typer, pathlib and `amendtrack.cli.app` are imported at start-up; the diff machinery is
imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amendtrack.cli.common import (
    MetaOption,
    TrackedChangesOption,
    load_version,
    parse_pairs,
    warn,
)
from amendtrack.cli.help_page import explained
from amendtrack.errors import AmendtrackError
from amendtrack.translation import _

_AMENDMENT = typer.Argument(metavar=_("AMENDMENT.json"), show_default=False,
                            help=_("An amendment JSON file (diff --to json)."))

if TYPE_CHECKING:
    from amendtrack.model import Amendment


def _read_amendment(path: Path) -> Amendment:
    from amendtrack.diffing import amendment_json
    from amendtrack.files.reading import read_bytes

    return amendment_json.loads(read_bytes(path), str(path))


@explained(
    _("Apply an amendment (JSON) to OLD and write NEW, rebuilt exactly."),
    examples=(
        "amendtrack diff v1.xml v2.xml --to json -o amendment.json",
        "amendtrack apply v1.xml amendment.json -o v2.xml",
    ),
)
def apply_command(
    context: typer.Context,
    old: Annotated[str, typer.Argument(metavar=_("OLD"), show_default=False,
                                       help=_("The version the amendment applies to."))],
    amendment: Annotated[Path, _AMENDMENT],
    output: Annotated[Path, typer.Option("-o", "--output", metavar=_("NEW.xml"),
                                         show_default=False,
                                         help=_("The version XML to write."))],
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """``amendtrack apply``: an amendment applied to a version."""
    from amendtrack import version_xml
    from amendtrack.diffing import amendments
    from amendtrack.files.writing import check_outputs, write_atomic

    check_outputs((output,), (old, amendment))
    loaded = _read_amendment(amendment)
    base = load_version(context, old, meta=parse_pairs("--meta", meta),
                        tracked_changes=tracked_changes)
    try:
        version = amendments.apply(loaded, base)
    except AmendtrackError as error:
        if error.path is not None:
            raise
        raise type(error)(_("{problem} ({version})").format(problem=error.message, version=old),
                          amendment) from None  # name the file
    write_atomic(output, version_xml.checked_bytes(version, output))


@explained(
    _("Write the amendment that goes from NEW back to OLD."),
    examples=(
        "amendtrack invert amendment.json -o back.json",
        "amendtrack apply v2.xml back.json -o v1.xml",
    ),
)
def invert_command(
    amendment: Annotated[Path, _AMENDMENT],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar=_("FILE"), show_default=False,
        help=_("Write to this file (default: the standard output)."))] = None,
) -> None:
    """``amendtrack invert``: the inverse of an amendment."""
    import sys

    from amendtrack.diffing import amendment_json, amendments
    from amendtrack.files.display import for_terminal
    from amendtrack.files.writing import check_outputs, write_output

    check_outputs((output,), (amendment,))
    loaded = _read_amendment(amendment)
    if not loaded.minimal:
        warn(_("{path}: the amendment is not minimal: {notes}").format(
            path=amendment, notes="; ".join(loaded.notes)))
    data = amendment_json.dumps(amendments.invert(loaded))
    if (output is None or str(output) == "-") and sys.stdout.isatty():
        data = for_terminal(data, "application/json")
    write_output(output, data)


__all__ = ["apply_command", "invert_command"]
