"""The commands on single versions: ``import``, ``validate`` and ``show``.

Only typer, pathlib and `amendtrack.cli.common` are imported at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amendtrack.cli.common import (
    MetaOption,
    StoreOption,
    TrackedChangesOption,
    import_defaults,
    load_version,
    note,
    parse_pairs,
    say,
    settings,
    warn,
)
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
    context: typer.Context,
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
    facts, origin = import_defaults(settings(context).config) or ({}, "")
    options = ReadOptions(encoding, TrackedChanges.parse(tracked_changes), defaults=facts,
                          defaults_origin=origin)
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
    file: Annotated[str, typer.Argument(
        help="A version: XML, a document (.docx, .odt, .html, .md, .txt) or a revision ID@N.",
        show_default=False)],
    to: Annotated[str, typer.Option(
        "--to", help="Output: text, xml, or a renderer writing documents (docx, odt, html, "
        "pdf, markdown); default text, or from -o.")] = "",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
    store: StoreOption = None,
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """Print a version: its text exactly as imported (--to text), its canonical XML, or the
    deliberation itself as a document to edit and import again (--to docx, odt, html, pdf).

    Example: amendtrack show cantine@latest -o cantine.docx
    """
    import sys

    from amendtrack import version_xml
    from amendtrack.files.display import for_terminal
    from amendtrack.files.writing import check_outputs, write_output
    from amendtrack.importers.text import version_text

    check_outputs((output,), (file,))  # what -o names is checked first, its extension then
    chosen = to or _show_format(output)
    if chosen not in ("text", "xml"):
        _show_document(context, file, chosen, output, store, (meta, tracked_changes))
        return
    version = load_version(context, file, store, meta=parse_pairs("--meta", meta),
                           tracked_changes=tracked_changes)
    if chosen == "text":
        data = version_text(version).encode("utf-8")
    else:
        data = version_xml.serialise(version)
    if (output is None or str(output) == "-") and sys.stdout.isatty():
        data = for_terminal(data, "text/plain")  # a version's C1 controls, shown escaped
    write_output(output, data)


def _show_format(output: Path | None) -> str:
    """``show``'s format from ``-o``'s extension: xml, text, or a renderer's."""
    if output is None or str(output) == "-":
        return "text"
    suffix = output.suffix.lower()
    if suffix in ("", ".txt", ".text"):
        return "text"
    if suffix == ".xml":
        return "xml"
    from amendtrack.rendering.registry import Registry

    found = Registry(warn=warn).for_extension(output)
    if found is None:
        raise UsageError(f"show writes text, xml or a document; no renderer writes {suffix} "
                         "files (use --to)", output)
    return found


def _show_document(context: typer.Context, file: str, name: str, output: Path | None,
                   store: Path | None, reading: tuple[list[str] | None, str | None]) -> None:
    """``show --to docx``: the version as the deliberation itself, through a renderer;
    `reading` is ``--meta`` and ``--tracked-changes``, for a document read on the fly."""
    meta, tracked_changes = reading
    from amendtrack.rendering import View
    from amendtrack.rendering.document import document_job, unstated_facts
    from amendtrack.rendering.output import check_ready, render_to
    from amendtrack.rendering.registry import Registry

    registry = Registry(warn=warn)
    cls = registry.renderer_class(registry.info(name).name)
    if View.DOCUMENT not in cls.views:
        raise UsageError(f"show --to takes text, xml or a renderer that writes documents; "
                         f"{name} does not")
    check_ready(cls, output)
    version = load_version(context, file, store, meta=parse_pairs("--meta", meta),
                           tracked_changes=tracked_changes)
    render_to(registry.renderer(name), registry.info(name), document_job(version), output)
    for field in unstated_facts(version):
        warn(f"the document does not state {field} (no line of a deliberation does): "
             f"importing it back leaves it out; give it with --meta {field}=… then")
    if version.info.act is not None and version.info.act.expose:
        warn("the document is the deliberation, without the exposé of the act that made it: "
             "importing it back leaves the exposé out")
    if output is not None and str(output) != "-":
        from amendtrack.importers.meta import slug

        if slug(output.stem) != version.info.deliberation:
            note(f"importing {output} back gives the deliberation id « {slug(output.stem)} »; "
                 f"give --meta deliberation={version.info.deliberation} to keep "
                 f"« {version.info.deliberation} »")
