"""The commands on single versions: ``import``, ``validate`` and ``show``.

Only typer, pathlib and `amendtrack.cli.common` are imported at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amendtrack.cli.common import (
    MetaOption,
    TrackedChangesOption,
    import_defaults,
    load_version,
    note,
    parse_pairs,
    say,
    settings,
    warn,
)
from amendtrack.cli.help_page import explained
from amendtrack.errors import UsageError
from amendtrack.translation import _, ngettext

if TYPE_CHECKING:
    from amendtrack.importers.options import ReadOptions

_SOURCE = typer.Argument(metavar=_("FILE"), show_default=False,
                         help=_("A .txt, .md, .odt, .docx or .html document."))
_OUTPUT = typer.Option("-o", "--output", metavar=_("OUT.xml"),
                       help=_("The version XML to write."))
_META = typer.Option("--meta", metavar=_("KEY=VALUE"),
                     help=_("A fact of the version, such as seance=2022-02-02 (repeatable)."))
_FROM = typer.Option("--from", metavar="text|markdown|odt|docx|html",
                     help=_("The format of the document (by default, from its extension)."))
_ENCODING = typer.Option("--encoding", metavar=_("ENCODING"),
                         help=_("The encoding of a text or Markdown document."))
_BOLD = typer.Option(
    "--bold-as-additions",
    help=_("Read a « rajout en gras » act: its bold spans are the additions; write OLD and NEW "
           "with --before and --after."),
)
_BEFORE = typer.Option("--before", metavar=_("OLD.xml"),
                       help=_("With --bold-as-additions: where to write OLD."))
_AFTER = typer.Option("--after", metavar=_("NEW.xml"),
                      help=_("With --bold-as-additions: where to write NEW."))
_TRACKED = typer.Option(
    "--tracked-changes", metavar="refuse|accept|reject",
    help=_("A document with tracked changes (ODT, DOCX, HTML <ins>/<del>): refuse it, or "
           "accept or reject its changes."),
)


@explained(
    _("Import a text, Markdown, ODT, DOCX or HTML document as version XML."),
    _("The facts a document does not state (its séance, its collectivité…) are given with "
      "--meta."),
    examples=(
        "amendtrack import deliberation.md -o v1.xml --meta seance=2022-02-02",
        "amendtrack import decembre.docx -o v2.xml --tracked-changes accept",
        "amendtrack import acte.odt --bold-as-additions --before v1.xml --after v2.xml",
    ),
)
def import_command(
    context: typer.Context,
    source: Annotated[Path, _SOURCE],
    output: Annotated[Path | None, _OUTPUT] = None,
    meta: Annotated[list[str] | None, _META] = None,
    source_format: Annotated[str | None, _FROM] = None,
    encoding: Annotated[str, _ENCODING] = "utf-8",
    bold_as_additions: Annotated[bool, _BOLD] = False,
    before: Annotated[Path | None, _BEFORE] = None,
    after: Annotated[Path | None, _AFTER] = None,
    tracked_changes: Annotated[str, _TRACKED] = "refuse",
) -> None:
    """``amendtrack import``: a document as version XML (or two, with --bold-as-additions)."""
    from amendtrack.files.writing import check_outputs
    from amendtrack.importers.options import ReadOptions, TrackedChanges

    fields = parse_pairs("--meta", meta)
    facts, origin = import_defaults(settings(context).config) or ({}, "")
    options = ReadOptions(encoding, TrackedChanges.parse(tracked_changes), defaults=facts,
                          defaults_origin=origin)
    if bold_as_additions:
        if before is None or after is None:
            raise UsageError(_("--bold-as-additions needs --before OLD.xml and --after NEW.xml"))
        check_outputs((before, after), (source,))
        _import_bold(source, source_format, fields, options, (before, after))
        return
    if output is None:
        raise UsageError(_("import needs -o OUT.xml"))
    check_outputs((output,), (source,))
    from amendtrack import version_xml
    from amendtrack.importers.importing import import_source

    result = import_source(source, source_format=source_format, meta=fields, options=options)
    for message in result.warnings:
        warn(message)
    for message in result.notes:
        note(message)
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
    for message in pair.notes:
        note(message)
    old_bytes = version_xml.checked_bytes(pair.old, before)
    new_bytes = version_xml.checked_bytes(pair.new, after)
    write_outputs(((before, old_bytes), (after, new_bytes)))  # both, or neither
    for addition in pair.additions:
        note(_("addition: « {text} »").format(text=addition))
    for deletion in pair.deletions:
        note(_("deletion: « {text} »").format(text=deletion))
    additions = ngettext("{count} addition", "{count} additions", len(pair.additions)).format(
        count=len(pair.additions))
    if pair.deletions:
        deletions = ngettext("{count} deletion", "{count} deletions", len(pair.deletions))
        note(_("{additions} and {deletions}; wrote {old} and {new}").format(
            additions=additions, deletions=deletions.format(count=len(pair.deletions)),
            old=before, new=after))
    else:
        note(_("{additions}; wrote {old} and {new}").format(additions=additions, old=before,
                                                           new=after))


@explained(
    _("Check version XML files against the schema; stop at the first invalid one (exit "
      "status 2)."),
    examples=(
        "amendtrack validate v1.xml v2.xml",
        "amendtrack validate samples/aulnoy-ctg-caf/*.xml",
    ),
)
def validate_command(
    files: Annotated[list[Path], typer.Argument(metavar=_("FILE"), show_default=False,
                                                help=_("Version XML files."))],
) -> None:
    """``amendtrack validate``: check version XML files against the schema."""
    from amendtrack import version_xml

    for path in files:
        version_xml.validate(path)
        say(_("{path}: valid").format(path=path))


@explained(
    _("Print a version: its text exactly as imported, its canonical XML, or the deliberation "
      "itself as a document to edit and import again."),
    _("Without --to, the format comes from the extension of -o (text when there is no -o)."),
    examples=(
        "amendtrack show v1.xml",
        "amendtrack show v1.xml --to xml",
        "amendtrack show cantine@latest -o cantine.docx",
    ),
)
def show_command(
    context: typer.Context,
    file: Annotated[str, typer.Argument(
        metavar=_("VERSION"), show_default=False,
        help=_("A version: XML, a document (.docx, .odt, .html, .md, .txt) or a revision ID@N "
               "of the store."))],
    to: Annotated[str, typer.Option(
        "--to", metavar=_("FORMAT"), show_default=False,
        help=_("text, xml, or a renderer that writes documents: {document_renderers}."))] = "",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar=_("FILE"), help=_("Write to this file."))] = None,
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """``amendtrack show``: a version as text, XML or a document."""
    import sys

    from amendtrack import version_xml
    from amendtrack.files.display import for_terminal
    from amendtrack.files.writing import check_outputs, write_output
    from amendtrack.importers.text import version_text

    check_outputs((output,), (file,))  # what -o names is checked first, its extension then
    chosen = to or _show_format(output)
    if chosen not in ("text", "xml"):
        _show_document(context, file, chosen, output, (meta, tracked_changes))
        return
    version = load_version(context, file, meta=parse_pairs("--meta", meta),
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
        raise UsageError(_("show writes text, xml or a document; no renderer writes {suffix} "
                           "files (use --to)").format(suffix=suffix), output)
    return found


def _show_document(context: typer.Context, file: str, name: str, output: Path | None,
                   reading: tuple[list[str] | None, str | None]) -> None:
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
        raise UsageError(_("show --to takes text, xml or a renderer that writes documents; "
                           "{name} does not").format(name=name))
    check_ready(cls, output)
    version = load_version(context, file, meta=parse_pairs("--meta", meta),
                           tracked_changes=tracked_changes)
    render_to(registry.renderer(name), registry.info(name), document_job(version), output)
    for field in unstated_facts(version):
        warn(_("the document does not state {field} (no line of a deliberation does): "
               "importing it back leaves it out; give it with --meta {field}=… then").format(
                   field=field))
    if version.info.act is not None and version.info.act.expose:
        warn(_("the document is the deliberation, without the exposé of the act that made "
               "it: importing it back leaves the exposé out"))
    if output is not None and str(output) != "-":
        from amendtrack.importers.meta import slug

        if slug(output.stem) != version.info.deliberation:
            note(_("importing {output} back gives the deliberation id « {found} »; give "
                   "--meta deliberation={kept} to keep « {kept} »").format(
                       output=output, found=slug(output.stem), kept=version.info.deliberation))
