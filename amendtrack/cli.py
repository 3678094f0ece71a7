"""The amendtrack command line (typer).

Errors are turned into messages and exit codes in one place, `main`: every `AmendtrackError`
becomes one line ``amendtrack: error: FILE: problem`` on stderr and its exit code (2 for bad
input). Heavy modules are imported inside the commands that use them, to keep start-up fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from amendtrack.errors import AmendtrackError, UsageError
from amendtrack.typer_coercion import install as _install_plain_coercion

if TYPE_CHECKING:
    from amendtrack.model import Version

_install_plain_coercion()

app = typer.Typer(
    name="amendtrack",
    help=(
        "Track amendments to the deliberations of French local councils.\n\n"
        "Examples:\n\n"
        "  amendtrack import acte.md -o v1.xml --meta collectivite='Ville de X'\n\n"
        "  amendtrack validate samples/aulnoy-ctg-caf/*.xml\n\n"
        "  amendtrack show v1.xml --to text\n\n"
        "  amendtrack diff old.xml new.xml\n\n"
        "  amendtrack amend old.xml new.xml -o acte.odt"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def warn(message: str) -> None:
    """One warning line on stderr."""
    print(f"amendtrack: warning: {message}", file=sys.stderr)


def note(message: str) -> None:
    """One informational line on stderr (stdout may carry the output)."""
    print(f"amendtrack: {message}", file=sys.stderr)


def _version_callback(value: bool) -> None:
    if value:
        from amendtrack._version import __version__

        print(f"amendtrack {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="The store for ID@N revisions (default: $AMENDTRACK_STORE, "
                     "else ./deliberations).", envvar=None),
    ] = None,
) -> None:
    """Track amendments to the deliberations of French local councils."""
    if store is not None:
        os.environ["AMENDTRACK_STORE"] = str(store)


def parse_meta(pairs: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` pairs from the command line."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--meta takes KEY=VALUE, not {pair!r}")
        values[key.strip()] = value
    return values


def load_version(argument: str) -> Version:
    """A version from a file path, or from the store for a revision such as ``ID@2``."""
    from amendtrack import documents
    from amendtrack.revisions import resolve_revision

    version = resolve_revision(argument, None)
    return documents.load(argument) if version is None else version


# --- commands ---------------------------------------------------------------------------------


@app.command("import")
def import_command(
    source: Annotated[
        Path,
        typer.Argument(help="A .txt, .md, .odt, .docx or .html file.", show_default=False),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="The version XML to write.")
    ] = None,
    meta: Annotated[
        list[str] | None,
        typer.Option("--meta", help="Set a metadata field, KEY=VALUE (repeatable)."),
    ] = None,
    source_format: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Source format (text, markdown, odt, docx, html); default: from the extension.",
        ),
    ] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of a text source.")] = "utf-8",
    bold_as_additions: Annotated[
        bool,
        typer.Option("--bold-as-additions",
                     help="Read a « rajout en gras » act: bold spans are the additions."),
    ] = False,
    before: Annotated[
        Path | None, typer.Option(help="With --bold-as-additions: where to write OLD.")
    ] = None,
    after: Annotated[
        Path | None, typer.Option(help="With --bold-as-additions: where to write NEW.")
    ] = None,
    tracked_changes: Annotated[
        str,
        typer.Option(
            "--tracked-changes",
            help="A source with tracked changes (ODT, DOCX, HTML <ins>/<del>): accept or "
            "reject them; by default such a source is refused.",
        ),
    ] = "refuse",
) -> None:
    """Import a text, Markdown, ODT, DOCX or HTML document as version XML.

    Example: amendtrack import deliberation.md -o v1.xml --meta seance=2022-02-02
    """
    fields = parse_meta(meta or [])
    from amendtrack import documents, importing

    if bold_as_additions:
        if before is None or after is None:
            raise UsageError("--bold-as-additions needs --before OLD.xml and --after NEW.xml")
        pair = importing.import_bold_as_additions(
            source,
            source_format=source_format,
            meta=fields,
            encoding=encoding,
            tracked_changes=tracked_changes,
        )
        for message in pair.warnings:
            warn(message)
        old_bytes = documents.checked_bytes(pair.old, before)
        new_bytes = documents.checked_bytes(pair.new, after)
        from amendtrack.outputs import write_atomic

        write_atomic(before, old_bytes)
        write_atomic(after, new_bytes)
        for addition in pair.additions:
            note(f"addition: « {addition} »")
        note(f"{len(pair.additions)} addition(s); wrote {before} and {after}")
        return
    if output is None:
        raise UsageError("import needs -o OUT.xml")
    result = importing.import_source(
        source,
        source_format=source_format,
        meta=fields,
        encoding=encoding,
        tracked_changes=tracked_changes,
    )
    for message in result.warnings:
        warn(message)
    documents.save(result.version, output)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Version XML files.", show_default=False)],
) -> None:
    """Check version XML files against the schema; exit 2 at the first invalid one."""
    from amendtrack import documents

    for path in files:
        documents.validate(path)
        print(f"{path}: valid")


@app.command()
def show(
    file: Annotated[str, typer.Argument(help="A version XML file.", show_default=False)],
    to: Annotated[str, typer.Option("--to", help="Output: text or xml.")] = "text",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
) -> None:
    """Print a version: its text exactly as imported (--to text) or its canonical XML."""
    from amendtrack import documents
    from amendtrack.outputs import write_output
    from amendtrack.text_import import version_text

    version = load_version(file)
    if to == "text":
        data = version_text(version).encode("utf-8")
    elif to == "xml":
        data = documents.serialise(version)
    else:
        raise UsageError(f"show --to takes text or xml, not {to!r}")
    write_output(output, data)


# --- entry point ------------------------------------------------------------------------------


def _fail(error: AmendtrackError) -> NoReturn:
    print(f"amendtrack: error: {error}", file=sys.stderr)
    raise SystemExit(error.exit_code)


def main() -> None:
    """Console-script entry point: run the app, turning errors into one line and an exit code.

    Click's own usage errors keep click's message and exit status 2.
    """
    try:
        app()
    except AmendtrackError as error:
        _fail(error)
    except KeyboardInterrupt:
        print("amendtrack: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except BrokenPipeError:
        sys.stderr.close()
        raise SystemExit(1) from None


# Commands of the other areas register themselves on `app` when imported. They import only
# typer and this module at start-up; their heavy imports happen inside the commands.
from amendtrack import (  # noqa: E402
    commands_amendment,
    commands_legistique,
    commands_render,
    commands_store,
)

__all__ = ["app", "load_version", "main", "note", "parse_meta", "warn"]
_COMMAND_MODULES = (commands_amendment, commands_legistique, commands_render, commands_store)

if __name__ == "__main__":
    # Run through the imported module, not this `__main__` copy, so that the commands the
    # other modules registered on `amendtrack.cli.app` are there.
    from amendtrack.cli import main as _main

    _main()
