"""The rendering commands: ``diff``, ``amend`` and ``plugins``.

Only typer, pathlib and `amendtrack.cli.common` are imported at start-up; the registry, the diff
core and the renderer asked for are imported when a command runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amendtrack.cli.common import (
    MetaOption,
    StoreOption,
    TrackedChangesOption,
    load_version,
    parse_pairs,
    release_freed_memory,
    say,
    settings,
    split_meta_pairs,
    warn,
)

if TYPE_CHECKING:
    from amendtrack.model import Amendment, Inline, Version
    from amendtrack.rendering import Deletions, RenderJob
    from amendtrack.rendering.api import ActSettings
    from amendtrack.rendering.registry import Registry

_TO = typer.Option("--to", help="Renderer name (see `amendtrack plugins`); default from -o.")
_OUTPUT = typer.Option("-o", "--output", help="Write to this file (atomically).")
_OPTIONS = typer.Option("-O", help="A renderer option KEY=VALUE (repeatable).")
_NO_COLOR = typer.Option("--no-color", help="No colours (marks stay).")
_OLD = typer.Argument(help="The old version: XML, a document (.docx, .odt, .html, .md, .txt) or "
                      "a revision ID@N.", show_default=False)
_NEW = typer.Argument(help="The new version: XML, a document (.docx, .odt, .html, .md, .txt) or "
                      "a revision ID@N.", show_default=False)


@dataclass(frozen=True, slots=True)
class _Compared:
    """Two versions and the amendment between them."""

    old: Version
    new: Version
    amendment: Amendment


@dataclass(frozen=True, slots=True)
class _Terminal:
    """Where the output goes: a terminal that understands escapes, colour allowed, its width."""

    interactive: bool
    color: bool
    width: int


def _registry() -> Registry:
    from amendtrack.rendering.registry import Registry

    return Registry(warn=warn)


def _deletions(value: str | None, default: str) -> Deletions:
    from amendtrack.errors import UsageError
    from amendtrack.rendering import Deletions

    chosen = value or default
    try:
        return Deletions(chosen)
    except ValueError:
        raise UsageError(f"--deletions takes show or hide, not {chosen!r}") from None


def _act_settings(deletions: str | None, expose: str | None,
                  template: Path | None) -> tuple[Deletions, ActSettings]:
    """``amend``'s choices: how deletions show, the exposé, the house template."""
    from amendtrack.errors import UsageError
    from amendtrack.rendering import Deletions
    from amendtrack.rendering.api import ActSettings, DeletionStyle
    from amendtrack.rendering.template import load_template

    chosen = deletions or "show"
    if chosen not in ("show", "hide", "mention"):
        raise UsageError(f"--deletions takes show, mention or hide, not {chosen!r}")
    style = DeletionStyle.MENTION if chosen == "mention" else DeletionStyle.STRIKE
    return (Deletions.HIDE if chosen == "hide" else Deletions.SHOW), ActSettings(
        template=None if template is None else load_template(template),
        expose=None if expose is None else _expose_text(expose), deletion_style=style)


def _expose_text(value: str) -> Inline:
    """``--expose``: the text itself, or a text file (its paragraphs kept as line breaks)."""
    from amendtrack.files.reading import decode_text, read_bytes
    from amendtrack.model import plain

    path = Path(value)
    text = value
    if "\n" not in value and len(value) < 1024 and path.is_file():
        text = decode_text(read_bytes(path), path, "utf-8")
    text = text.replace("\r\n", "\n").strip()
    return plain(text)


def _order_warnings(old: Version, new: Version) -> None:
    """Warn when NEW is older than OLD, or does not say it modifies OLD (arguments swapped?)."""
    old_date = old.metadata.seance or old.info.date
    new_date = new.metadata.seance or new.info.date
    if new_date < old_date:
        warn(f"NEW (séance of {new_date}) is older than OLD (séance of {old_date}): "
             "the order is OLD then NEW; are the two swapped?")
    modifies = new.info.modifies
    numero = new.info.modifies_numero
    if modifies is None and numero is None:
        warn("NEW does not say that it modifies OLD: it names no deliberation it modifies")
    elif (modifies not in (None, old_date, old.info.date)
          or numero not in (None, old.metadata.numero)):
        stated = " ".join(part for part in (f"n° {numero}" if numero else "",
                                            f"of {modifies}" if modifies else "") if part)
        warn(f"NEW does not say that it modifies OLD: it modifies the deliberation {stated}, "
             f"OLD is that of {old_date}")


def _terminal(output: Path | None, no_color: bool) -> _Terminal:
    import os
    import shutil
    import sys

    to_stdout = output is None or str(output) == "-"
    interactive = to_stdout and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    color = not no_color and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((100, 24)).columns if interactive else 100
    return _Terminal(interactive, color, width)


def _compare(context: typer.Context, old: str, new: str, store: Path | None,
             output: Path | None, reading: tuple[list[str] | None, str | None]) -> _Compared:
    from amendtrack.diffing.amendments import diff as compute
    from amendtrack.errors import InputError
    from amendtrack.files.writing import check_outputs

    check_outputs((output,), (old, new))  # before the work, not after it
    meta, tracked_changes = reading  # --meta and --tracked-changes, for documents
    new_meta, old_meta = split_meta_pairs(meta)
    before = load_version(context, old, store, meta=old_meta, meta_prefix="old.",
                          tracked_changes=tracked_changes)
    after = load_version(context, new, store, meta=new_meta, tracked_changes=tracked_changes)
    try:
        amendment = compute(before, after)
    except InputError as error:
        if error.path is not None:
            raise
        raise InputError(error.message, f"{old} and {new}") from None  # over the budget
    release_freed_memory()  # the diff's working set, before the output is built
    _order_warnings(before, after)  # once the diff is made: a refusal is its only line
    if not amendment.minimal:
        for message in amendment.notes or ("the amendment is exact but not minimal",):
            warn(message)
    return _Compared(before, after, amendment)


def _chosen(to: str | None, output: Path | None, default: str) -> tuple[Registry, str]:
    """The renderer for ``--to``/``-o``, refused before any work when it writes a binary file
    and the output is a terminal, or needs a program that is missing
    (`amendtrack.rendering.output.check_ready`)."""
    from amendtrack.rendering.output import check_ready

    registry = _registry()
    name = registry.choose(to, output, default)
    check_ready(registry.renderer_class(name), output)
    return registry, name


def _render(job: RenderJob, *, chosen: tuple[Registry, str], output: Path | None) -> None:
    """Check the renderer's options and write its output for `job`."""
    from amendtrack.rendering.output import render_to
    from amendtrack.rendering.registry import check_options

    registry, name = chosen
    check_options(registry.renderer_class(name), job.options)
    render_to(registry.renderer(name), registry.info(name), job, output)


def diff_command(
    context: typer.Context,
    old: Annotated[str, _OLD],
    new: Annotated[str, _NEW],
    to: Annotated[str | None, _TO] = None,
    output: Annotated[Path | None, _OUTPUT] = None,
    option: Annotated[list[str] | None, _OPTIONS] = None,
    deletions: Annotated[
        str | None, typer.Option("--deletions", help="show or hide deleted text (default show).")
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Show every paragraph.")] = False,
    no_color: Annotated[bool, _NO_COLOR] = False,
    side_by_side: Annotated[
        bool, typer.Option("--side-by-side", help="Old and new in two columns (terminal).")
    ] = False,
    store: StoreOption = None,
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """Show the changes between two versions (terminal by default).

    Example: amendtrack diff v1.xml v2.xml --to html -o changes.html
    """
    from amendtrack.rendering import RenderJob, View

    chosen = _chosen(to, output, "terminal")
    terminal = _terminal(output, no_color)
    compared = _compare(context, old, new, store, output, (meta, tracked_changes))
    job = RenderJob(
        amendment=compared.amendment, old=compared.old, new=compared.new, view=View.DIFF,
        deletions=_deletions(deletions, "show"), options=parse_pairs("-O", option), full=full,
        color=terminal.color, interactive=terminal.interactive, width=terminal.width,
        side_by_side=side_by_side,
    )
    _warn_hidden(job)
    _render(job, chosen=chosen, output=output)


def _warn_hidden(job: RenderJob) -> None:
    """What the output states without a fact (the act), and what it hides (--deletions hide)."""
    from amendtrack.rendering import View
    from amendtrack.rendering.blocks import hidden_deletions

    if job.view is View.ACT:
        from amendtrack.rendering.act import act_warnings

        messages: list[str | None] = list(act_warnings(job))
    else:
        messages = [hidden_deletions(job)]
    for message in messages:
        if message:
            warn(message)


def amend_command(
    context: typer.Context,
    old: Annotated[str, typer.Argument(help="The version modified.", show_default=False)],
    new: Annotated[str, typer.Argument(help="The modified version.", show_default=False)],
    to: Annotated[str | None, _TO] = None,
    output: Annotated[Path | None, _OUTPUT] = None,
    option: Annotated[list[str] | None, _OPTIONS] = None,
    deletions: Annotated[str | None, typer.Option(
        "--deletions", help="show deletions struck through (default), mention a deleted alinéa "
        "as « (supprimé) », or hide them (with a warning counting them).")] = None,
    expose: Annotated[str | None, typer.Option(
        "--expose", help="The exposé: its text, or a text file holding it.")] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", help="A house template of the act's sentences (see act-template).")] = None,
    typography: Annotated[bool, typer.Option(
        "--typography", help="French typography in the act: non-breaking spaces before "
        "« : ; ! ? » and inside « » (the versions are unchanged).")] = False,
    no_color: Annotated[bool, _NO_COLOR] = False,
    store: StoreOption = None,
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """Write the amending act: NEW's text, additions in bold, deletions struck through.

    OLD and NEW may be Word, LibreOffice, HTML, Markdown or text documents, imported on the fly.

    Example: amendtrack amend fevrier.docx decembre.docx -o acte.pdf
    """
    from dataclasses import replace

    from amendtrack.cli.config import Config
    from amendtrack.rendering import RenderJob, View

    config = settings(context).config or Config()
    shown, act = _act_settings(deletions or config.suppressions, expose,
                               template or config.act_template())
    act = config.act_settings(replace(act, typography=typography))
    chosen = _chosen(to, output, config.act_renderer(to, output, _registry()) or "markdown")
    terminal = _terminal(output, no_color)
    compared = _compare(context, old, new, store, output, (meta, tracked_changes))
    job = RenderJob(
        amendment=compared.amendment, old=compared.old, new=compared.new, view=View.ACT,
        deletions=shown, options=parse_pairs("-O", option), full=True,
        color=terminal.color, interactive=terminal.interactive, width=terminal.width,
        act=act,
    )
    _warn_hidden(job)
    _render(job, chosen=chosen, output=output)


def act_template_command() -> None:
    """Print amendtrack's house template: the sentences of the act, to copy and change.

    Example: amendtrack act-template > modele.toml; amendtrack amend v1.xml v2.xml --template
    modele.toml
    """
    import sys

    from amendtrack.rendering.template import default_template_bytes

    sys.stdout.buffer.write(default_template_bytes())


def plugins_command(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List the renderer plugins: name, description, media type, extensions, origin, status."""
    import json

    statuses = _registry().statuses()
    for status in statuses:
        if status.problem:
            warn(status.problem)
    if as_json:
        listing = [{
            "name": s.info.name, "description": s.description, "media_type": s.media_type,
            "extensions": list(s.extensions), "options": dict(s.options),
            "views": list(s.views), "distribution": s.info.distribution,
            "version": s.info.version, "entry_point": s.info.value, "status": s.status.value,
            "problem": s.problem,
        } for s in statuses]
        from amendtrack.files.display import shown_json

        print(shown_json(json.dumps(listing, ensure_ascii=False, indent=2)))
        return
    for s in statuses:
        extensions = ", ".join(f".{e}" for e in s.extensions) or "-"
        origin = f"{s.info.distribution} {s.info.version}"
        say(f"{s.info.name:<12} {s.status.value:<8} {s.media_type or '-':<22} {extensions:<16}"
              f" {origin}")
        if s.description:
            say(f"{'':<12} {s.description}")
