"""The ``batch`` command: every consecutive pair of versions of a registry, as JSON Lines.

Only typer, pathlib and `amendtrack.cli.common` are imported at start-up; the batch machinery,
the registry and Dask are imported when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from amendtrack.cli.common import note, parse_pairs, settings, warn
from amendtrack.cli.help_page import explained
from amendtrack.errors import UsageError
from amendtrack.translation import _

if TYPE_CHECKING:
    from amendtrack.batch.pool import Executor
    from amendtrack.batch.records import ActRequest
    from amendtrack.batch.run import Tally


_OUTPUT = typer.Option("-o", "--output", metavar=_("OUT.jsonl"), show_default=False,
                       help=_("The JSON Lines file to write (one record per pair)."))
_SOURCE = typer.Argument(metavar=_("SOURCE"), show_default=False,
                         help=_("A store, or a folder of version XML files (default: the store "
                                "of --store)."))
_DELIBERATION = typer.Option("--deliberation", metavar=_("ID"), show_default=False,
                             help=_("Only this deliberation (repeatable)."))
_SINCE = typer.Option("--since", metavar=_("DATE"), show_default=False,
                      help=_("Only pairs whose new version is dated on or after this date "
                             "(YYYY-MM-DD)."))
_TO = typer.Option("--to", metavar=_("RENDERER"), show_default=False,
                   help=_("Also write the amending act of each pair with this renderer "
                          "(repeatable: --to odt --to html): {act_renderers}."))
_ACTS = typer.Option("--acts", metavar=_("DIR"), show_default=False,
                     help=_("The folder for the acts (default: OUT-acts beside -o)."))
_OPTIONS = typer.Option("-O", metavar=_("KEY=VALUE"), show_default=False,
                        help=_("A renderer option for the acts (repeatable)."))
_DELETIONS = typer.Option("--deletions", metavar="show|mention|hide",
                          help=_("In the acts, as amend: deletions struck through, a deleted "
                                 "alinéa mentioned as « (supprimé) », or deletions hidden."))
_JOBS = typer.Option("--jobs", "-j", metavar="N",
                     help=_("Worker processes on this machine (0: one per core)."))
_DASK = typer.Option("--dask", metavar=_("ADDRESS"), show_default=False,
                     help=_("Run on the Dask distributed cluster of this scheduler "
                            "(tcp://HOST:PORT)."))
_CHUNK_SIZE = typer.Option("--chunk-size", metavar="N", min=1,
                           help=_("Pairs sent to a worker at once."))
_REPORT = typer.Option("--report", metavar=_("FILE"), show_default=False,
                       help=_("Also write a JSON report: counts, failures, time, peak memory of "
                              "each worker."))


def _act_request(to: list[str], folder: Path | None, output: Path, options: dict[str, str],
                 deletions: str) -> ActRequest:
    """The acts to write, checked now: an unknown renderer or option stops before any work."""
    from amendtrack.batch.records import ActRequest
    from amendtrack.rendering import View
    from amendtrack.rendering.registry import Registry, check_options

    if not to:
        if folder is not None or options:
            raise UsageError(_("--acts and -O need --to (the renderers that write the acts)"))
        return ActRequest()
    if deletions not in ("show", "mention", "hide"):
        raise UsageError(_("--deletions takes show, mention or hide, not {value!r}").format(
            value=deletions))
    registry = Registry(warn=warn)
    renderers = []
    for name in dict.fromkeys(to):
        cls = registry.renderer_class(name)
        if View.ACT not in cls.views:
            raise UsageError(_("renderer {name} cannot write the amending act").format(
                name=name))
        check_options(cls, options)
        renderers.append((name, cls.extensions[0] if cls.extensions else name))
    chosen = folder if folder is not None else output.with_name(f"{output.stem}-acts")
    return ActRequest(tuple(renderers), str(chosen.resolve()), tuple(sorted(options.items())),
                      deletions)


def _executor(jobs: int, dask: str | None) -> Executor:
    import os

    if dask is not None:
        if jobs != 1:
            raise UsageError(_("--jobs and --dask cannot be used together (the cluster's "
                               "workers do the work)"))
        from amendtrack.batch.cluster import DaskCluster

        return DaskCluster(dask)
    if jobs < 0:
        raise UsageError(_("--jobs takes a number of processes (0: one per core), not "
                           "{jobs}").format(jobs=jobs))
    count = jobs or os.cpu_count() or 1
    from amendtrack.batch.pool import InProcess, ProcessPool

    return InProcess() if count == 1 else ProcessPool(count)


def _report(path: Path, tally: Tally, output: Path) -> None:
    import json

    from amendtrack.files.writing import write_atomic

    values: dict[str, Any] = {
        "output": str(output), "records": tally.planned, "skipped": tally.skipped,
        "compared": tally.compared, "failed": tally.failed, "exit_code": tally.exit_code,
        "output_written": tally.written, "elapsed_seconds": round(tally.elapsed, 3),
        "cpu_seconds": round(tally.cpu_seconds, 3),
        "workers": [{"worker": name, "peak_memory_bytes": peak,
                     "cpu_seconds": round(tally.worker_cpu.get(name, 0.0), 3)}
                    for name, peak in sorted(tally.workers.items())],
        "failures": tally.failures,
    }
    write_atomic(path, (json.dumps(values, ensure_ascii=False, indent=2) + "\n").encode())


def _summary(tally: Tally, output: Path) -> None:
    if tally.noted:
        note(_("acts with notes: {count} (facts they state without knowing them, or "
               "deletions they hide); the notes of their acts in {output} say which").format(
                   count=tally.noted, output=output))
    if tally.unlisted:
        note(_("failures not listed above: {count}; their records in {output} say why").format(
            count=tally.unlisted, output=output))
    if tally.failed:
        note(_("failed: {failed} of {records} records (pairs compared: {compared}, already "
               "done: {skipped}); see {output}").format(
                   failed=tally.failed, records=tally.planned, compared=tally.compared,
                   skipped=tally.skipped, output=output))
    elif tally.compared:
        note(_("pairs compared: {compared}, already done: {skipped}, in {seconds} s; {output} "
               "holds {records} records").format(
                   compared=tally.compared, skipped=tally.skipped,
                   seconds=f"{tally.elapsed:.1f}", output=output, records=tally.planned))
    else:
        note(_("nothing to do: every pair ({count}) was already done; {output} is up to "
               "date").format(count=tally.skipped, output=output))


@explained(
    _("Compare every consecutive pair of versions of a registry, written as JSON Lines."),
    _("A pair already done (same versions, same amendtrack) is skipped, so a rerun does only "
      "what is new, and a run that was killed finishes the rest. A pair that fails is reported "
      "and counted; the exit status is 0 only when every pair succeeded."),
    examples=(
        "amendtrack batch --store deliberations -o amendments.jsonl --jobs 2",
        "amendtrack batch versions/ -o amendments.jsonl --since 2024-01-01 --to odt",
        "amendtrack batch -o amendments.jsonl --dask tcp://scheduler:8786",
    ),
)
def batch_command(
    context: typer.Context,
    output: Annotated[Path, _OUTPUT],
    source: Annotated[Path | None, _SOURCE] = None,
    deliberation: Annotated[list[str] | None, _DELIBERATION] = None,
    since: Annotated[str | None, _SINCE] = None,
    to: Annotated[list[str] | None, _TO] = None,
    acts: Annotated[Path | None, _ACTS] = None,
    option: Annotated[list[str] | None, _OPTIONS] = None,
    deletions: Annotated[str, _DELETIONS] = "show",
    jobs: Annotated[int, _JOBS] = 1,
    dask: Annotated[str | None, _DASK] = None,
    chunk_size: Annotated[int, _CHUNK_SIZE] = 32,
    report: Annotated[Path | None, _REPORT] = None,
) -> None:
    """``amendtrack batch``: every consecutive pair of a registry, as JSON Lines."""
    from amendtrack.batch.plan import Selection, Source
    from amendtrack.batch.run import BatchRequest, run_batch
    from amendtrack.cli.progress import progress_for

    if str(output) == "-":
        raise UsageError(_("batch needs an output file (-o OUT.jsonl): it resumes from it"))
    request = BatchRequest(
        source=Source.locate(source, settings(context).store),
        output=output, selection=Selection(frozenset(deliberation or ()), since),
        acts=_act_request(to or [], acts, output, parse_pairs("-O", option), deletions),
        chunk_size=chunk_size,
    )
    executor = _executor(jobs, dask)
    try:
        tally = run_batch(request, executor, progress_for(sys.stderr))
    finally:
        executor.close()
    if report is not None:
        _report(report, tally, output)
    _summary(tally, output)
    if tally.exit_code:
        raise typer.Exit(tally.exit_code)


__all__ = ["batch_command"]
