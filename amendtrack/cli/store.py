"""Commands of the versioned store: ``store init``, ``add``, ``log``, ``list``, ``verify``, and
``store export`` (the open-data CSV).

Every command takes ``--store DIR`` (default: ``$AMENDTRACK_STORE``, else ``./deliberations``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from amendtrack.cli.common import (
    MetaOption,
    StoreOption,
    TrackedChangesOption,
    load_version,
    note,
    parse_pairs,
    say,
    settings,
)

if TYPE_CHECKING:
    from amendtrack.store.scdl import Row


def _print_json(value: Any) -> None:
    import json

    from amendtrack.files.display import shown_json

    print(shown_json(json.dumps(value, ensure_ascii=False, indent=2)))


def init_command(
    context: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(help="Where to create it (default: --store, $AMENDTRACK_STORE or "
                       "./deliberations).", show_default=False),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Create an empty store.

    Example: amendtrack store init deliberations
    """
    from amendtrack.store.repository import default_store_dir, init_store

    root = directory or settings(context).store_dir(store) or default_store_dir()
    init_store(root)
    note(f"created an empty store in {root}")


def add_command(
    context: typer.Context,
    file: Annotated[str, typer.Argument(help="A version XML file, a document (.docx, .odt, "
                                        ".html, .md, .txt) or a revision ID@N.",
                                        show_default=False)],
    deliberation: Annotated[
        str | None,
        typer.Option("--deliberation", help="Record it as a version of this deliberation id."),
    ] = None,
    store: StoreOption = None,
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """Record a new version of a deliberation in the store.

    Refuses a version identical to the latest one or dated before it.
    Example: amendtrack add 2022-12-07.xml
    """
    from amendtrack.store.repository import Store

    target = Store.open(settings(context).store_dir(store))
    version = load_version(context, file, store, meta=parse_pairs("--meta", meta),
                           tracked_changes=tracked_changes)
    entry = target.add(version, deliberation, source=file)
    identifier = deliberation or version.info.deliberation
    say(f"{identifier}@{entry.number} {entry.date} {target.path(identifier, entry)}")


def log_command(
    context: typer.Context,
    deliberation: Annotated[str, typer.Argument(help="A deliberation id.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """List the versions of a deliberation, their acts and what each one changed.

    Example: amendtrack log aulnoy-ctg-caf
    """
    from dataclasses import asdict

    from amendtrack.store.history import entry_json
    from amendtrack.store.log import describe_act, log
    from amendtrack.store.repository import Store

    target = Store.open(settings(context).store_dir(store))
    lines = log(target, deliberation)
    if as_json:
        _print_json([
            {**entry_json(line.entry),
             "summary": None if line.summary is None else asdict(line.summary),
             "change": line.change}
            for line in lines
        ])
        return
    for line in lines:
        entry = line.entry
        change = "" if line.change is None else f"  {line.change}"
        say(f"{deliberation}@{entry.number}  {entry.date}  {describe_act(entry)}{change}")


def list_command(
    context: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """List the deliberations in the store with their latest version.

    Example: amendtrack list --json
    """
    from amendtrack.store.repository import Store

    target = Store.open(settings(context).store_dir(store))
    rows: list[dict[str, Any]] = []
    for identifier, count, latest in target.latest_versions():
        rows.append({
            "deliberation": identifier,
            "versions": count,
            "latest": {"number": latest.number, "date": latest.date, "file": latest.file,
                       "hash": latest.hash, "chain": latest.chain},
            "objet": latest.objet,
        })
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        latest = row["latest"]
        say(f"{row['deliberation']}@{latest['number']}  {latest['date']}  {row['objet']}")


def verify_command(
    context: typer.Context,
    deep: Annotated[
        bool, typer.Option("--deep", help="Also parse every version and check its id and date.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Check every hash and chain of the store; name each edited, missing or extra file.

    Exit status 1 when anything is wrong. Example: amendtrack verify --store samples
    """
    from amendtrack.errors import IntegrityError
    from amendtrack.store.repository import Store
    from amendtrack.store.verify import verify as verify_store

    target = Store.open(settings(context).store_dir(store))
    report = verify_store(target, deep=deep)
    if report.recovered:
        note(report.recovered)
    for problem in report.problems:
        say(str(problem))
    if report.problems:
        raise IntegrityError(f"{len(report.problems)} problem(s) found", target.root)
    say(f"{target.root}: {report.deliberations} deliberation(s), {report.versions} "
          "version(s): every hash and chain verified")



def _export_defaults(meta: list[str] | None) -> dict[str, str]:
    from amendtrack.errors import UsageError
    from amendtrack.store.scdl import SOURCES

    defaults = parse_pairs("--meta", meta)
    known = sorted({*SOURCES.values(), "siren"})
    unknown = sorted(set(defaults) - set(known))
    if unknown:
        raise UsageError(f"--meta {unknown[0]} is not a fact the export uses "
                         f"(known: {', '.join(known)})")
    return defaults


def _say_problems(rows: list[Row]) -> None:
    from amendtrack.cli.common import error_line, warn

    for row in rows:
        for problem in row.problems:
            error_line(f"amendtrack: error: {row.revision}: left out of the export: {problem}")
        for reason in row.notes:
            warn(f"{row.revision}: {reason}")


def export_command(
    context: typer.Context,
    scdl: Annotated[
        Path | None,
        typer.Option("--scdl", metavar="FILE.csv", show_default=False,
                     help="Write the SCDL « Délibérations » open-data CSV (version 2.1): one "
                     "row per act adopted, every version of every deliberation."),
    ] = None,
    meta: Annotated[
        list[str] | None,
        typer.Option("--meta", metavar="KEY=VALUE", help="A fact for every act that does not "
                     "state it: siret, actes_matiere, actes_matiere_nom … (repeatable)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE",
                     help="Only the acts adopted on or after this date (YYYY-MM-DD)."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the acts of the store as open data: the SCDL « Délibérations » CSV.

    An act that lacks a required fact (SIRET, @ctes matière, numéro …) is left out and named,
    never written with an empty cell; the exit status is then 2.
    Example: amendtrack store export --scdl deliberations.csv --meta siret=21860194600013
    """
    import re

    from amendtrack.errors import UsageError
    from amendtrack.files.writing import write_output
    from amendtrack.store.repository import Store
    from amendtrack.store.scdl import csv_bytes, export_rows

    if scdl is None:
        raise UsageError("store export needs --scdl FILE.csv (the only export format)")
    if since is not None and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", since):
        raise UsageError(f"--since takes a date YYYY-MM-DD, not {since!r}")
    target = Store.open(settings(context).store_dir(store))
    rows = list(export_rows(target, _export_defaults(meta), since))
    left_out = [row for row in rows if not row.complete]
    _say_problems(rows)
    write_output(scdl, csv_bytes(rows))
    note(f"acts exported: {len(rows) - len(left_out)} of {len(rows)}, to {scdl}")
    if left_out:
        raise typer.Exit(2)
