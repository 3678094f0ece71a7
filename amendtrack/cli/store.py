"""The store's commands, grouped under ``amendtrack store``: ``init``, ``add``, ``log``,
``list``, ``verify`` and ``export`` (the open-data CSV).

``add`` files a version under the deliberation it modifies (`amendtrack.store.lineage`). The
old top-level spellings (``amendtrack add``, ``log``, ``list``, ``verify``) still work, with a
note on stderr once they succeed (`OLD_SPELLINGS`). Every command takes ``--store DIR``
(default: ``$AMENDTRACK_STORE``, else ``./deliberations``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

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
    warn,
)
from amendtrack.cli.help_page import CommandHelp, explained, help_of
from amendtrack.translation import _, ngettext

if TYPE_CHECKING:
    from amendtrack.store.lineage import Placement
    from amendtrack.store.repository import Store
    from amendtrack.store.scdl import Row

Function = TypeVar("Function", bound=Callable[..., Any])


def _print_json(value: Any) -> None:
    import json

    from amendtrack.files.display import shown_json

    print(shown_json(json.dumps(value, ensure_ascii=False, indent=2)))


def _open(context: typer.Context, store: Path | None) -> Store:
    from amendtrack.store.repository import Store

    return Store.open(settings(context).store_dir(store))


@explained(
    _("Create an empty store."),
    _("The store is a folder of plain files: one folder per deliberation, its versions and "
      "their hash-chained history."),
    examples=("amendtrack store init", "amendtrack store init registre"),
)
def init_command(
    context: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(metavar=_("DIR"), show_default=False,
                       help=_("Where to create it (by default: --store, $AMENDTRACK_STORE, "
                              "else ./deliberations).")),
    ] = None,
    store: StoreOption = None,
) -> None:
    """``amendtrack store init``."""
    from amendtrack.store.repository import default_store_dir, init_store

    root = directory or settings(context).store_dir(store) or default_store_dir()
    init_store(root)
    note(_("created an empty store in {folder}").format(folder=root))


@explained(
    _("File a new version of a deliberation in the store."),
    _("The version goes under the deliberation it modifies, found from what it says it "
      "modifies (the date and numéro of that deliberation); --deliberation is needed only when "
      "the store cannot tell. A version that modifies an act the store does not hold is "
      "refused, unless --new says it starts a deliberation. A version identical to the latest "
      "one, or dated before it, is refused."),
    examples=(
        "amendtrack store add 2022-02-02.xml",
        "amendtrack store add 2022-12-07.xml",
        "amendtrack store add decembre.docx --meta seance=2022-12-07",
        "amendtrack store add acte.xml --deliberation ctg-caf",
        "amendtrack store add avenant.xml --new",
    ),
)
def add_command(
    context: typer.Context,
    file: Annotated[str, typer.Argument(
        metavar=_("FILE"), show_default=False,
        help=_("A version XML file, a document (.docx, .odt, .html, .md, .txt) or a revision "
               "ID@N."))],
    deliberation: Annotated[
        str | None,
        typer.Option("--deliberation", metavar="ID", show_default=False,
                     help=_("File it under this deliberation (the stored copy carries its "
                            "id).")),
    ] = None,
    new: Annotated[
        bool,
        typer.Option("--new", help=_("It starts a new deliberation, even if it modifies an "
                                     "act the store does not hold.")),
    ] = False,
    store: StoreOption = None,
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """``amendtrack store add``."""
    target = _open(context, store)
    version = load_version(context, file, store, meta=parse_pairs("--meta", meta),
                           tracked_changes=tracked_changes)
    entry, placement = target.file(version, deliberation, new=new, source=file)
    _say_placement(target, placement, version.info.deliberation)
    identifier = placement.deliberation
    say(f"{identifier}@{entry.number} {entry.date} {target.path(identifier, entry)}")


def _say_placement(target: Store, placement: Placement, own: str) -> None:
    from amendtrack.store.lineage import Filing

    identifier = placement.deliberation
    if placement.filing is Filing.MODIFIES and placement.modified is not None \
            and identifier != own:
        note(_("filed under {id}: this version modifies {revision}").format(
            id=identifier, revision=f"{identifier}@{placement.modified.number}"))
    for other, objet in placement.close:
        warn(_("the new deliberation {id} has an objet close to that of {other} (« {objet} »): "
               "if it is a version of {other}, remove the folder {folder} and file it with "
               "--deliberation {other}").format(id=identifier, other=other, objet=objet,
                                                folder=target.folder(identifier)))


@explained(
    _("Show the versions of a deliberation: their numéro, séance and act, and what each one "
      "changed."),
    _("The changes are counted as amendtrack diff counts them."),
    examples=("amendtrack store log aulnoy-ctg-caf",
              "amendtrack store log aulnoy-ctg-caf --json"),
)
def log_command(
    context: typer.Context,
    deliberation: Annotated[str, typer.Argument(metavar="ID", show_default=False,
                                                help=_("A deliberation id."))],
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
    store: StoreOption = None,
) -> None:
    """``amendtrack store log``."""
    from dataclasses import asdict

    from amendtrack.store.history import entry_json
    from amendtrack.store.log import log, log_text

    lines = log(_open(context, store), deliberation)
    if as_json:
        _print_json([
            {**entry_json(line.entry), "numero": line.numero, "seance": line.seance,
             "modified": None if line.modified is None else line.modified.number,
             "summary": None if line.summary is None else asdict(line.summary),
             "change": line.change}
            for line in lines
        ])
        return
    for text in log_text(deliberation, lines):
        say(text)


@explained(
    _("List the deliberations of the store with their latest version."),
    examples=("amendtrack store list", "amendtrack store list --json"),
)
def list_command(
    context: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON."))] = False,
    store: StoreOption = None,
) -> None:
    """``amendtrack store list``."""
    target = _open(context, store)
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


@explained(
    _("Check every hash and chain of the store; name each edited, missing or extra file."),
    _("The exit status is 1 when anything is wrong."),
    examples=("amendtrack store verify", "amendtrack store verify --deep --store samples"),
)
def verify_command(
    context: typer.Context,
    deep: Annotated[
        bool, typer.Option("--deep", help=_("Also read every version and check its id and "
                                            "date."))
    ] = False,
    store: StoreOption = None,
) -> None:
    """``amendtrack store verify``."""
    from amendtrack.errors import IntegrityError
    from amendtrack.store.verify import verify as verify_store

    target = _open(context, store)
    report = verify_store(target, deep=deep)
    if report.recovered:
        note(report.recovered)
    for problem in report.problems:
        say(str(problem))
    count = len(report.problems)
    if count:
        raise IntegrityError(ngettext("{count} problem(s) found", "{count} problem(s) found",
                                      count).format(count=count), target.root)
    deliberations = ngettext("{count} deliberation", "{count} deliberations",
                             report.deliberations).format(count=report.deliberations)
    versions = ngettext("{count} version", "{count} versions",
                        report.versions).format(count=report.versions)
    say(_("{folder}: {deliberations}, {versions}: every hash and chain verified").format(
        folder=target.root, deliberations=deliberations, versions=versions))


def _export_defaults(meta: list[str] | None) -> dict[str, str]:
    from amendtrack.errors import UsageError
    from amendtrack.store.scdl import SOURCES

    defaults = parse_pairs("--meta", meta)
    known = sorted({*SOURCES.values(), "siren"})
    unknown = sorted(set(defaults) - set(known))
    if unknown:
        raise UsageError(_("--meta {key} is not a fact the export uses (known: {known})").format(
            key=unknown[0], known=", ".join(known)))
    return defaults


def _say_problems(rows: list[Row]) -> None:
    from amendtrack.cli.common import error_line

    for row in rows:
        for problem in row.problems:
            error_line(_("amendtrack: error: {error}").format(error=_("{path}: {message}").format(
                path=row.revision,
                message=_("left out of the export: {problem}").format(problem=problem))))
        for reason in row.notes:
            warn(_("{path}: {message}").format(path=row.revision, message=reason))


@explained(
    _("Export the acts of the store as open data: the SCDL « Délibérations » CSV."),
    _("An act that lacks a required fact (SIRET, @ctes matière, numéro …) is left out and "
      "named, never written with an empty cell; the exit status is then 2."),
    examples=(
        "amendtrack store export --scdl deliberations.csv --meta siret=21860194600013",
        "amendtrack store export --scdl 2023.csv --since 2023-01-01",
    ),
)
def export_command(
    context: typer.Context,
    scdl: Annotated[
        Path | None,
        typer.Option("--scdl", metavar="FILE.csv", show_default=False,
                     help=_("Write the SCDL « Délibérations » open-data CSV (version 2.1): one "
                            "row per act adopted, every version of every deliberation.")),
    ] = None,
    meta: Annotated[
        list[str] | None,
        typer.Option("--meta", metavar=_("KEY=VALUE"), show_default=False,
                     help=_("A fact for every act that does not state it: siret, "
                            "actes_matiere, actes_matiere_nom … (repeatable).")),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar=_("DATE"), show_default=False,
                     help=_("Only the acts adopted on or after this date (YYYY-MM-DD).")),
    ] = None,
    store: StoreOption = None,
) -> None:
    """``amendtrack store export``."""
    import re

    from amendtrack.errors import UsageError
    from amendtrack.files.writing import write_output
    from amendtrack.store.scdl import csv_bytes, export_rows

    if scdl is None:
        raise UsageError(_("store export needs --scdl FILE.csv (the only export format)"))
    if since is not None and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", since):
        raise UsageError(_("--since takes a date YYYY-MM-DD, not {value!r}").format(
            value=since))
    target = _open(context, store)
    rows = list(export_rows(target, _export_defaults(meta), since))
    left_out = [row for row in rows if not row.complete]
    _say_problems(rows)
    write_output(scdl, csv_bytes(rows))
    note(_("acts exported: {exported} of {count}, to {file}").format(
        exported=len(rows) - len(left_out), count=len(rows), file=scdl))
    if left_out:
        raise typer.Exit(2)


def _old_spelling(name: str, function: Function) -> Function:
    """`function` as the deprecated top-level ``amendtrack NAME``: the same options, and a
    note on stderr once it succeeded (an error stays one line)."""

    @functools.wraps(function)
    def run(*arguments: Any, **options: Any) -> Any:
        result = function(*arguments, **options)
        note(_("`amendtrack {name}` is now `amendtrack store {name}`; the old spelling still "
               "works, but will be removed").format(name=name))
        return result

    new = help_of(function)
    examples = new.examples if new is not None else ()
    explained(_("The old spelling of `amendtrack store {name}` (deprecated): use the new one, "
                "as in the examples.").format(name=name), examples=examples)(run)
    return run  # type: ignore[return-value]


STORE_COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("init", init_command),
    ("add", add_command),
    ("log", log_command),
    ("list", list_command),
    ("verify", verify_command),
    ("export", export_command),
)
"""The commands of ``amendtrack store``, in the order of its help."""

STORE_HELP = CommandHelp(
    _("The versioned store: file versions under their deliberation, show their history, check "
      "it, export it as open data."),
    examples=(
        "amendtrack store init",
        "amendtrack store add deliberation.xml",
        "amendtrack store log aulnoy-ctg-caf",
        "amendtrack store verify --deep",
    ),
)
"""The help of ``amendtrack store``."""

OLD_SPELLINGS: tuple[tuple[str, Callable[..., Any]], ...] = tuple(
    (name, _old_spelling(name, function)) for name, function in STORE_COMMANDS
    if name in ("add", "log", "list", "verify")
)
"""The top-level spellings of before ``amendtrack store`` grouped them (deprecated)."""
