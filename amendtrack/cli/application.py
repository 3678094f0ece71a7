"""The amendtrack application: its commands in one visible list, and error handling in one place.

Errors are turned into messages and exit codes in one place, `main`: every `AmendtrackError`
becomes one line ``amendtrack: error: FILE: problem`` on stderr and its exit code (2 for bad
input, 1 when an output or a plugin failed). The command modules import only typer and
`amendtrack.cli.common` at start-up; heavy modules are imported inside the commands, and typer
builds a command (its parameters, from the function's signature) only when it is run or listed
(`_LazyGroup`), so that a run pays for one command, not for all of them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, MutableMapping
from typing import Annotated, Any, NoReturn

import typer
import typer.core
import typer.main
from typer._click import exceptions as click_errors

from amendtrack.cli import amendment, batch, legistique, plugins, render, store, versions
from amendtrack.cli.coercion import install as _install_plain_coercion
from amendtrack.cli.common import (
    ColorOption,
    NoColorOption,
    NoPagerOption,
    Settings,
    StoreOption,
    error_line,
)
from amendtrack.cli.help_page import CommandHelp, help_settings
from amendtrack.cli.usage import Command, Group, checked_color, usage_problem
from amendtrack.errors import AmendtrackError, OutputError
from amendtrack.files.reading import remember_inputs
from amendtrack.files.streams import (
    STDOUT_NAME,
    flush_standard_output,
    guard_standard_streams,
    problem,
)
from amendtrack.translation import _

_install_plain_coercion()

_SUMMARY = _("Track amendments to the deliberations of French local councils.")

_EXAMPLES = (
    "amendtrack import acte.md -o v1.xml --meta collectivite='Ville de X'",
    "amendtrack validate samples/aulnoy-ctg-caf/*.xml",
    "amendtrack show v1.xml --to text",
    "amendtrack diff v1.xml v2.xml",
    "amendtrack amend v1.xml v2.xml -o acte.odt",
    "amendtrack diff --help",
)

COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("import", versions.import_command),
    ("validate", versions.validate_command),
    ("show", versions.show_command),
    ("diff", render.diff_command),
    ("amend", render.amend_command),
    ("act-template", render.act_template_command),
    ("plugins", plugins.plugins_command),
    ("apply", amendment.apply_command),
    ("invert", amendment.invert_command),
    ("apply-instructions", legistique.apply_instructions_command),
    *store.OLD_SPELLINGS,
    ("batch", batch.batch_command),
)
"""Every top-level command, in the order of ``amendtrack --help``."""

GROUPS: tuple[tuple[str, CommandHelp, tuple[tuple[str, Callable[..., Any]], ...]], ...] = (
    ("store", store.STORE_HELP, store.STORE_COMMANDS),
)
"""Command groups (``amendtrack store init``): name, help, commands."""

_ARGUMENTS = "amendtrack.arguments"
"""Where `_LazyGroup` keeps the command line, in click's context meta."""

_SETTINGS: dict[str, Any] = {
    "add_completion": False, "pretty_exceptions_enable": False, "rich_markup_mode": None,
}


def _command_builder(name: str, function: Callable[..., Any]) -> Callable[[], Any]:
    def build() -> Any:
        single = typer.Typer(**_SETTINGS)
        single.command(name, cls=Command, **help_settings(function))(function)
        return typer.main.get_command(single)

    return build


def _group_builder(name: str, help_text: CommandHelp,
                   commands: tuple[tuple[str, Callable[..., Any]], ...]) -> Callable[[], Any]:
    def build() -> Any:
        group = typer.Typer(name=name, no_args_is_help=True, cls=Group,
                            **help_text.settings(), **_SETTINGS)
        for command_name, function in commands:
            group.command(command_name, cls=Command, **help_settings(function))(function)
        return typer.main.get_group(group)

    return build


_BUILDERS: dict[str, Callable[[], Any]] = {
    **{name: _command_builder(name, function) for name, function in COMMANDS},
    **{name: _group_builder(name, text, commands) for name, text, commands in GROUPS},
}


class _Commands(MutableMapping[str, Any]):
    """The commands of the app, each built by typer the first time it is looked up."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = _BUILDERS[name]()  # KeyError for an unknown command
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("the commands of amendtrack are fixed")

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*_BUILDERS, *self._built]))

    def __len__(self) -> int:
        return len(set(_BUILDERS) | set(self._built))


class _LazyGroup(Group):
    """amendtrack's group, with commands built on demand (`_Commands`)."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.commands = _Commands()

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # The whole command line, for the root callback: ``--store`` may follow the command.
        ctx.meta[_ARGUMENTS] = tuple(args)
        return super().parse_args(ctx, args)


app = typer.Typer(name="amendtrack", help=_SUMMARY, epilog="\n".join(_EXAMPLES),
                  no_args_is_help=True, cls=_LazyGroup, **_SETTINGS)


def _version_callback(value: bool) -> None:
    if value:
        from amendtrack._version import version_line

        print(version_line())
        raise typer.Exit()


@app.callback()
def _root(
    context: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True,
                     help=_("Print the version and exit.")),
    ] = False,
    store_dir: StoreOption = None,
    color: ColorOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Track amendments to the deliberations of French local councils."""
    import os

    from amendtrack.cli.config import load_config, store_folder

    chosen = "never" if no_color else checked_color(color) if color is not None else "auto"
    arguments = context.meta.get(_ARGUMENTS, ())
    folder = store_folder(arguments, os.environ) if arguments else store_dir
    context.obj = Settings(store=store_dir, color=chosen, pager=not no_pager,
                           config=load_config(folder or store_folder((), os.environ)))


def _fail(error: AmendtrackError) -> NoReturn:
    error_line(_("amendtrack: error: {error}").format(error=error))
    raise SystemExit(error.exit_code)


def _run() -> int:
    """Run the app; click's usage errors become one line in the error shape (exit status 2)."""
    command = typer.main.get_command(app)
    try:
        code = command.main(prog_name="amendtrack", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as shown:  # ``amendtrack`` alone: the help
        print(shown.ctx.get_help(), file=sys.stderr)
        return 2
    except click_errors.UsageError as error:
        error_line(_("amendtrack: error: {error}").format(error=usage_problem(error)))
        return 2
    except typer.Abort:
        error_line(_("amendtrack: interrupted"))
        return 1
    return code if isinstance(code, int) else 0


def main() -> None:
    """Console-script entry point: run the app, turning errors into one line and an exit code.

    Standard output is flushed before the end, so that a full disk or a closed pipe behind it
    is one error line too. click's own usage errors are one translated line too (`_run`).
    """
    guard_standard_streams()
    remember_inputs()
    try:
        try:
            code = _run()
        finally:
            flush_standard_output()
    except AmendtrackError as error:
        _fail(error)
    except KeyboardInterrupt:
        error_line(_("amendtrack: interrupted"))
        raise SystemExit(130) from None
    except MemoryError:  # the budgets keep inputs well inside 1 GB; a smaller machine may not
        error_line(_("amendtrack: error: {error}").format(
            error=_("out of memory; nothing was written")))
        raise SystemExit(1) from None
    except OSError as error:  # writing to standard output or error, outside write_output
        _fail(OutputError(_("cannot write: {problem}").format(problem=problem(error)),
                          STDOUT_NAME))
    raise SystemExit(code)


__all__ = ["COMMANDS", "GROUPS", "app", "main"]
