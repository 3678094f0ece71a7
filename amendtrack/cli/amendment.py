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
    StoreOption,
    TrackedChangesOption,
    load_version,
    parse_pairs,
    warn,
)
from amendtrack.errors import AmendtrackError

if TYPE_CHECKING:
    from amendtrack.model import Amendment


def _read_amendment(path: Path) -> Amendment:
    from amendtrack.diffing import amendment_json
    from amendtrack.files.reading import read_bytes

    return amendment_json.loads(read_bytes(path), str(path))


def apply_command(
    context: typer.Context,
    old: Annotated[
        str, typer.Argument(help="The version the amendment applies to.", show_default=False)
    ],
    amendment: Annotated[Path, typer.Argument(help="An amendment JSON file.", show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The version XML to write.")],
    store: StoreOption = None,
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """Apply an amendment (JSON) to OLD and write NEW, rebuilt exactly.

    Example: amendtrack apply v1.xml amendment.json -o v2.xml
    """
    from amendtrack import version_xml
    from amendtrack.diffing import amendments
    from amendtrack.files.writing import check_outputs, write_atomic

    check_outputs((output,), (old, amendment))
    loaded = _read_amendment(amendment)
    base = load_version(context, old, store, meta=parse_pairs("--meta", meta),
                        tracked_changes=tracked_changes)
    try:
        version = amendments.apply(loaded, base)
    except AmendtrackError as error:
        if error.path is not None:
            raise
        raise type(error)(f"{error.message} ({old})", amendment) from None  # name the file
    write_atomic(output, version_xml.checked_bytes(version, output))


def invert_command(
    amendment: Annotated[Path, typer.Argument(help="An amendment JSON file.", show_default=False)],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file (default: stdout).")
    ] = None,
) -> None:
    """Write the amendment that goes from NEW back to OLD.

    Example: amendtrack invert amendment.json -o back.json
    """
    import sys

    from amendtrack.diffing import amendment_json, amendments
    from amendtrack.files.display import for_terminal
    from amendtrack.files.writing import check_outputs, write_output

    check_outputs((output,), (amendment,))
    loaded = _read_amendment(amendment)
    if not loaded.minimal:
        warn(f"{amendment}: the amendment is not minimal: " + "; ".join(loaded.notes))
    data = amendment_json.dumps(amendments.invert(loaded))
    if (output is None or str(output) == "-") and sys.stdout.isatty():
        data = for_terminal(data, "application/json")
    write_output(output, data)


__all__ = ["apply_command", "invert_command"]
