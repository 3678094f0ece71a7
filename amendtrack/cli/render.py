"""The rendering commands: ``diff``, ``amend`` and ``act-template``.

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
    TrackedChangesOption,
    load_version,
    parse_pairs,
    release_freed_memory,
    settings,
    split_meta_pairs,
    warn,
)
from amendtrack.cli.help_page import explained
from amendtrack.translation import _

if TYPE_CHECKING:
    from amendtrack.model import Amendment, Inline, Version
    from amendtrack.rendering import Deletions, RenderJob
    from amendtrack.rendering.api import ActSettings
    from amendtrack.rendering.registry import Registry

_DIFF_TO = typer.Option("--to", metavar=_("RENDERER"), show_default=False,
                        help=_("The renderer: {diff_renderers} (default: from the extension "
                               "of -o, else terminal)."))
_ACT_TO = typer.Option("--to", metavar=_("RENDERER"), show_default=False,
                       help=_("The renderer: {act_renderers} (default: from the extension of "
                              "-o, else markdown)."))
_OUTPUT = typer.Option("-o", "--output", metavar=_("FILE"), show_default=False,
                       help=_("Write to this file (atomically; default: the standard output)."))
_OPTIONS = typer.Option("-O", metavar=_("KEY=VALUE"), show_default=False,
                        help=_("An option of the renderer (repeatable); amendtrack plugins "
                               "lists them."))
_OLD = typer.Argument(metavar=_("OLD"), show_default=False,
                      help=_("The old version: XML, a document (.docx, .odt, .html, .md, .txt) "
                             "or a revision ID@N of the store."))
_NEW = typer.Argument(metavar=_("NEW"), show_default=False,
                      help=_("The new version: XML, a document (.docx, .odt, .html, .md, .txt) "
                             "or a revision ID@N of the store."))
_DIFF_DELETIONS = typer.Option("--deletions", metavar="show|hide", show_default=False,
                               help=_("Show deleted text (the default) or hide it (with a "
                                      "warning counting what is hidden)."))
_ACT_DELETIONS = typer.Option(
    "--deletions", metavar="show|mention|hide", show_default=False,
    help=_("Deletions struck through (show, the default), a deleted alinéa mentioned as « "
           "(supprimé) » (mention), or deletions hidden, with a warning counting them (hide)."))


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
    wrap: bool
    pager: bool


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
        raise UsageError(_("--deletions takes show or hide, not {value!r}").format(
            value=chosen)) from None


def _act_settings(deletions: str | None, expose: str | None,
                  template: Path | None) -> tuple[Deletions, ActSettings]:
    """``amend``'s choices: how deletions show, the exposé, the house template."""
    from amendtrack.errors import UsageError
    from amendtrack.rendering import Deletions
    from amendtrack.rendering.api import ActSettings, DeletionStyle
    from amendtrack.rendering.template import load_template

    chosen = deletions or "show"
    if chosen not in ("show", "hide", "mention"):
        raise UsageError(_("--deletions takes show, mention or hide, not {value!r}").format(
            value=chosen))
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
        warn(_("NEW (séance of {new}) is older than OLD (séance of {old}): the order is OLD "
               "then NEW; are the two swapped?").format(new=new_date, old=old_date))
    modifies = new.info.modifies
    numero = new.info.modifies_numero
    if modifies is None and numero is None:
        warn(_("NEW does not say that it modifies OLD: it names no deliberation it modifies"))
    elif (modifies not in (None, old_date, old.info.date)
          or numero not in (None, old.metadata.numero)):
        if numero and modifies:
            message = _("NEW does not say that it modifies OLD: it modifies the deliberation "
                        "n° {numero} of {date}, OLD is that of {old}")
        elif numero:
            message = _("NEW does not say that it modifies OLD: it modifies the deliberation "
                        "n° {numero}, OLD is that of {old}")
        else:
            message = _("NEW does not say that it modifies OLD: it modifies the deliberation "
                        "of {date}, OLD is that of {old}")
        warn(message.format(numero=numero, date=modifies, old=old_date))


def _terminal(context: typer.Context, output: Path | None) -> _Terminal:
    """Where the output goes. Colour: ``--color``/``--no-color``, else off under ``NO_COLOR``,
    forced by ``FORCE_COLOR`` (escape sequences then reach a pipe, for ``less -R``), else on a
    terminal. Lines are wrapped at the terminal's width, never in a pipe; long output on a
    terminal goes through the pager (`amendtrack.cli.pager`)."""
    import os
    import shutil
    import sys

    chosen = settings(context)
    to_stdout = output is None or str(output) == "-"
    tty = to_stdout and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    choice = chosen.color
    if choice == "auto" and os.environ.get("NO_COLOR"):
        choice = "never"
    elif choice == "auto" and os.environ.get("FORCE_COLOR"):
        choice = "always"
    width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    return _Terminal(interactive=tty or choice == "always", color=choice != "never",
                     width=width, wrap=tty, pager=chosen.pager and to_stdout)


def _compare(context: typer.Context, old: str, new: str, output: Path | None,
             reading: tuple[list[str] | None, str | None]) -> _Compared:
    from amendtrack.diffing.amendments import diff as compute
    from amendtrack.errors import InputError
    from amendtrack.files.writing import check_outputs

    check_outputs((output,), (old, new))  # before the work, not after it
    meta, tracked_changes = reading  # --meta and --tracked-changes, for documents
    new_meta, old_meta = split_meta_pairs(meta)
    before = load_version(context, old, meta=old_meta, meta_prefix="old.",
                          tracked_changes=tracked_changes)
    after = load_version(context, new, meta=new_meta, tracked_changes=tracked_changes)
    try:
        amendment = compute(before, after)
    except InputError as error:
        if error.path is not None:
            raise
        raise InputError(error.message, _("{old} and {new}").format(old=old, new=new)) \
            from None  # over the budget
    # The diff's working set, before the output is built.
    release_freed_memory(len(before.body) + len(after.body))
    _order_warnings(before, after)  # once the diff is made: a refusal is its only line
    if not amendment.minimal:
        for message in amendment.notes or (_("the amendment is exact but not minimal"),):
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


def _render(job: RenderJob, *, chosen: tuple[Registry, str], output: Path | None,
            pager: bool = False) -> None:
    """Check the renderer's options and write its output for `job` (through the pager when
    `pager` and standard output is a terminal)."""
    from amendtrack.cli.pager import stdout_pager
    from amendtrack.rendering.output import render_to
    from amendtrack.rendering.registry import check_options

    registry, name = chosen
    check_options(registry.renderer_class(name), job.options)
    render_to(registry.renderer(name), registry.info(name), job, output,
              stdout_pager(pager))


@explained(
    _("Show the changes between two versions: on the terminal by default, or written by a "
      "renderer (HTML, ODT, Word, PDF, JSON, Markdown, légistique)."),
    examples=(
        "amendtrack diff v1.xml v2.xml",
        "amendtrack diff fevrier.docx decembre.docx --full",
        "amendtrack diff v1.xml v2.xml --to html -o changes.html",
        "amendtrack diff cantine@1 cantine@2 --store deliberations",
    ),
)
def diff_command(
    context: typer.Context,
    old: Annotated[str, _OLD],
    new: Annotated[str, _NEW],
    to: Annotated[str | None, _DIFF_TO] = None,
    output: Annotated[Path | None, _OUTPUT] = None,
    option: Annotated[list[str] | None, _OPTIONS] = None,
    deletions: Annotated[str | None, _DIFF_DELETIONS] = None,
    full: Annotated[bool, typer.Option("--full", help=_("Show every paragraph, even those "
                                                        "that did not change."))] = False,
    side_by_side: Annotated[bool, typer.Option(
        "--side-by-side", help=_("Old and new in two columns (terminal)."))] = False,
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """``amendtrack diff``: the changes between two versions."""
    from amendtrack.rendering import RenderJob, View

    chosen = _chosen(to, output, "terminal")
    terminal = _terminal(context, output)
    compared = _compare(context, old, new, output, (meta, tracked_changes))
    job = RenderJob(
        amendment=compared.amendment, old=compared.old, new=compared.new, view=View.DIFF,
        deletions=_deletions(deletions, "show"), options=parse_pairs("-O", option), full=full,
        color=terminal.color, interactive=terminal.interactive, width=terminal.width,
        wrap=terminal.wrap, side_by_side=side_by_side,
    )
    _warn_hidden(job)
    _render(job, chosen=chosen, output=output, pager=terminal.pager)


def _warn_hidden(job: RenderJob) -> None:
    """What the output states without a fact (the act), and what it hides (--deletions hide)."""
    from amendtrack.rendering import Deletions, View

    messages: list[str | None] = []
    if job.view is View.ACT:
        from amendtrack.rendering.act import act_warnings

        messages.extend(act_warnings(job))
    elif job.deletions is Deletions.HIDE:  # (what draws the blocks is imported only then)
        from amendtrack.rendering.blocks import hidden_deletions

        messages.append(hidden_deletions(job))
    for message in messages:
        if message:
            warn(message)


@explained(
    _("Write the amending act: NEW's text, additions in bold, deletions struck through."),
    _("OLD and NEW may be Word, LibreOffice, HTML, Markdown or text documents, imported on "
      "the fly."),
    examples=(
        "amendtrack amend v1.xml v2.xml -o acte.odt",
        "amendtrack amend fevrier.docx decembre.docx -o acte.pdf --typography",
        "amendtrack amend v1.xml v2.xml --deletions mention --expose expose.txt -o acte.docx",
    ),
)
def amend_command(
    context: typer.Context,
    old: Annotated[str, typer.Argument(metavar=_("OLD"), show_default=False,
                                       help=_("The version modified."))],
    new: Annotated[str, typer.Argument(metavar=_("NEW"), show_default=False,
                                       help=_("The modified version."))],
    to: Annotated[str | None, _ACT_TO] = None,
    output: Annotated[Path | None, _OUTPUT] = None,
    option: Annotated[list[str] | None, _OPTIONS] = None,
    deletions: Annotated[str | None, _ACT_DELETIONS] = None,
    expose: Annotated[str | None, typer.Option(
        "--expose", metavar=_("TEXT"), show_default=False,
        help=_("The exposé: its text, or a text file holding it."))] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", metavar=_("FILE.toml"), show_default=False,
        help=_("A house template of the act's sentences (see act-template)."))] = None,
    typography: Annotated[bool, typer.Option(
        "--typography", help=_("French typography in the act: non-breaking spaces before « : "
                               "; ! ? » and inside « » (the versions are unchanged)."))] = False,
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """``amendtrack amend``: the amending act between two versions."""
    from dataclasses import replace

    from amendtrack.cli.config import Config
    from amendtrack.rendering import RenderJob, View

    config = settings(context).config or Config()
    shown, act = _act_settings(deletions or config.suppressions, expose,
                               template or config.act_template())
    act = config.act_settings(replace(act, typography=typography))
    chosen = _chosen(to, output, config.act_renderer(to, output, _registry()) or "markdown")
    terminal = _terminal(context, output)
    compared = _compare(context, old, new, output, (meta, tracked_changes))
    job = RenderJob(
        amendment=compared.amendment, old=compared.old, new=compared.new, view=View.ACT,
        deletions=shown, options=parse_pairs("-O", option), full=True,
        color=terminal.color, interactive=terminal.interactive, width=terminal.width,
        wrap=terminal.wrap, act=act,
    )
    _warn_hidden(job)
    _render(job, chosen=chosen, output=output, pager=terminal.pager)


@explained(
    _("Print amendtrack's house template: the sentences of the act, to copy and change, then "
      "give to amend --template."),
    examples=(
        "amendtrack act-template > modele.toml",
        "amendtrack amend v1.xml v2.xml --template modele.toml -o acte.odt",
    ),
)
def act_template_command() -> None:
    """``amendtrack act-template``: the default house template."""
    import sys

    from amendtrack.rendering.template import default_template_bytes

    sys.stdout.buffer.write(default_template_bytes())
