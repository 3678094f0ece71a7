"""The commands on single versions: ``import``, ``validate`` and ``show``.

Only typer, pathlib and `amendtrack.cli.common` are imported at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amendtrack.cli.common import StoreOption, load_version, note, parse_pairs, say, warn
from amendtrack.errors import UsageError

if TYPE_CHECKING:
    from amendtrack.importers.options import ReadOptions

_SOURCE = typer.Argument(help="A .txt, .md, .odt, .docx or .html file.", show_default=False)
_OUTPUT = typer.Option("-o", "--output", help="The version XML to write.")
_META = typer.Option("--meta", help="Set a metadata field, KEY=VALUE (repeatable).")
_FROM = typer.Option(
    "--from", help="Source format (text, markdown, odt, docx, html); default: from the extension."
)
_BOLD = typer.Option(
    "--bold-as-additions", help="Read a « rajout en gras » act: bold spans are the additions."
)
_TRACKED = typer.Option(
    "--tracked-changes",
    help="A source with tracked changes (ODT, DOCX, HTML <ins>/<del>): accept or reject them; "
    "by default such a source is refused.",
)


def import_command(
    source: Annotated[Path, _SOURCE],
    output: Annotated[Path | None, _OUTPUT] = None,
    meta: Annotated[list[str] | None, _META] = None,
    source_format: Annotated[str | None, _FROM] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of a text source.")] = "utf-8",
    bold_as_additions: Annotated[bool, _BOLD] = False,
    before: Annotated[
        Path | None, typer.Option(help="With --bold-as-additions: where to write OLD.")
    ] = None,
    after: Annotated[
        Path | None, typer.Option(help="With --bold-as-additions: where to write NEW.")
    ] = None,
    tracked_changes: Annotated[str, _TRACKED] = "refuse",
) -> None:
    """Import a text, Markdown, ODT, DOCX or HTML document as version XML.

    Example: amendtrack import deliberation.md -o v1.xml --meta seance=2022-02-02
    """
    from amendtrack.files.writing import check_outputs
    from amendtrack.importers.options import ReadOptions, TrackedChanges

    fields = parse_pairs("--meta", meta)
    options = ReadOptions(encoding, TrackedChanges.parse(tracked_changes))
    if bold_as_additions:
        if before is None or after is None:
            raise UsageError("--bold-as-additions needs --before OLD.xml and --after NEW.xml")
        check_outputs((before, after), (source,))
        _import_bold(source, source_format, fields, options, (before, after))
        return
    if output is None:
        raise UsageError("import needs -o OUT.xml")
    check_outputs((output,), (source,))
    from amendtrack import version_xml
    from amendtrack.importers.importing import import_source

    result = import_source(source, source_format=source_format, meta=fields, options=options)
    for message in result.warnings:
        warn(message)
    version_xml.save(result.version, output)


def _import_bold(source: Path, source_format: str | None, fields: dict[str, str],
                 options: ReadOptions, targets: tuple[Path, Path]) -> None:
    from amendtrack import version_xml
    from amendtrack.files.writing import write_outputs
    from amendtrack.importers.importing import import_bold_as_additions

    before, after = targets
    pair = import_bold_as_additions(
        source, source_format=source_format, meta=fields, options=options
    )
    for message in pair.warnings:
        warn(message)
    old_bytes = version_xml.checked_bytes(pair.old, before)
    new_bytes = version_xml.checked_bytes(pair.new, after)
    write_outputs(((before, old_bytes), (after, new_bytes)))  # both, or neither
    for addition in pair.additions:
        note(f"addition: « {addition} »")
    for deletion in pair.deletions:
        note(f"deletion: « {deletion} »")
    if pair.deletions:
        note(f"{len(pair.additions)} addition(s) and {len(pair.deletions)} deletion(s); "
             f"wrote {before} and {after}")
    else:
        note(f"{len(pair.additions)} addition(s); wrote {before} and {after}")


def validate_command(
    files: Annotated[list[Path], typer.Argument(help="Version XML files.", show_default=False)],
) -> None:
    """Check version XML files against the schema; exit 2 at the first invalid one."""
    from amendtrack import version_xml

    for path in files:
        version_xml.validate(path)
        say(f"{path}: valid")


def show_command(
    context: typer.Context,
    file: Annotated[str, typer.Argument(help="A version XML file.", show_default=False)],
    to: Annotated[str, typer.Option("--to", help="Output: text or xml.")] = "text",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Print a version: its text exactly as imported (--to text) or its canonical XML."""
    import sys

    from amendtrack import version_xml
    from amendtrack.files.display import for_terminal
    from amendtrack.files.writing import check_outputs, write_output
    from amendtrack.importers.text import version_text

    check_outputs((output,), (file,))
    version = load_version(context, file, store)
    if to == "text":
        data = version_text(version).encode("utf-8")
    elif to == "xml":
        data = version_xml.serialise(version)
    else:
        raise UsageError(f"show --to takes text or xml, not {to!r}")
    if (output is None or str(output) == "-") and sys.stdout.isatty():
        data = for_terminal(data, "text/plain")  # a version's C1 controls, shown escaped
    write_output(output, data)
