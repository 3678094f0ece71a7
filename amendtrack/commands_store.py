"""Commands of the versioned store: ``store init``, ``add``, ``log``, ``list``, ``verify``.

Every command takes ``--store DIR`` (default: ``$AMENDTRACK_STORE``, else ``./deliberations``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from amendtrack.cli import app, note, warn

if TYPE_CHECKING:
    from amendtrack.model import Version

store_app = typer.Typer(
    name="store",
    help="Create the versioned store.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(store_app, name="store")

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="The store folder (default: $AMENDTRACK_STORE, else ./deliberations).",
        show_default=False,
    ),
]


def load_argument(argument: str, store_dir: Path | None) -> Version:
    """A version from a file, or from the store for a revision such as ``ID@latest``."""
    from amendtrack import documents
    from amendtrack.revisions import resolve_revision

    version = resolve_revision(argument, store_dir)
    return documents.load(argument) if version is None else version


def _print_json(value: Any) -> None:
    import json

    print(json.dumps(value, ensure_ascii=False, indent=2))


@store_app.command("init")
def init_command(
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
    from amendtrack.store import default_store_dir, init_store

    root = directory or store or default_store_dir()
    init_store(root)
    note(f"created an empty store in {root}")


@app.command()
def add(
    file: Annotated[str, typer.Argument(help="A version XML file (or a revision ID@N).",
                                        show_default=False)],
    deliberation: Annotated[
        str | None,
        typer.Option("--deliberation", help="Record it as a version of this deliberation id."),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Record a new version of a deliberation in the store.

    Refuses a version identical to the latest one or dated before it.
    Example: amendtrack add 2022-12-07.xml
    """
    from amendtrack.store import Store

    target = Store.open(store)
    version = load_argument(file, store)
    entry = target.add(version, deliberation, source=file)
    identifier = deliberation or version.info.deliberation
    print(f"{identifier}@{entry.number} {entry.date} {target.path(identifier, entry)}")


@app.command("log")
def log_command(
    deliberation: Annotated[str, typer.Argument(help="A deliberation id.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """List the versions of a deliberation, their acts and what each one changed.

    Example: amendtrack log aulnoy-ctg-caf
    """
    from dataclasses import asdict

    from amendtrack.store import Store
    from amendtrack.store_history import entry_json
    from amendtrack.store_log import describe_act, log

    target = Store.open(store)
    try:
        lines = log(target, deliberation)
    except ModuleNotFoundError as missing:
        if missing.name != "amendtrack.amendments":
            raise
        warn("the diff core is not installed: no change summaries")
        lines = log(target, deliberation, summaries=False)
    if as_json:
        _print_json([
            {**entry_json(line.entry),
             "summary": None if line.summary is None else asdict(line.summary)}
            for line in lines
        ])
        return
    for line in lines:
        entry = line.entry
        change = "" if line.summary is None else f"  {line.summary}"
        print(f"{deliberation}@{entry.number}  {entry.date}  {describe_act(entry)}{change}")


@app.command("list")
def list_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    store: StoreOption = None,
) -> None:
    """List the deliberations in the store with their latest version.

    Example: amendtrack list --json
    """
    from amendtrack.store import Store

    target = Store.open(store)
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
        print(f"{row['deliberation']}@{latest['number']}  {latest['date']}  {row['objet']}")


@app.command()
def verify(
    deep: Annotated[
        bool, typer.Option("--deep", help="Also parse every version and check its id and date.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Check every hash and chain of the store; name each edited, missing or extra file.

    Exit status 1 when anything is wrong. Example: amendtrack verify --store samples
    """
    from amendtrack.errors import IntegrityError
    from amendtrack.store import Store
    from amendtrack.store_verify import verify as verify_store

    target = Store.open(store)
    report = verify_store(target, deep=deep)
    if report.recovered:
        note(report.recovered)
    for problem in report.problems:
        print(problem)
    if report.problems:
        raise IntegrityError(f"{len(report.problems)} problem(s) found", target.root)
    print(f"{target.root}: {report.deliberations} deliberation(s), {report.versions} "
          "version(s): every hash and chain verified")
