"""How the command line takes its arguments and explains itself, in the user's language.

typer 0.29 carries its own copy of click (``typer._click``) whose help headings, usage line and
usage errors are English strings that never go through gettext. `Command` and `Group` are the
classes of every amendtrack command: their help speaks the language of the interface (its
pieces are in `amendtrack.cli.help_page`), shows metavars instead of Python types, and every
command and group accepts the global options (`global_parameters`) after its name too.
`usage_problem` turns any of click's usage errors into one translated sentence, which
`amendtrack.cli.application.main` prints in the error shape with exit status 2.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from difflib import get_close_matches
from typing import Any, cast

import typer
import typer.core
from typer import _click
from typer._click import exceptions as click_errors
from typer._click.formatting import HelpFormatter

from amendtrack.cli.common import COLORS, global_options, settings
from amendtrack.cli.help_page import Formatter, parameter_help
from amendtrack.errors import UsageError
from amendtrack.translation import _


class Context(typer.Context):
    """typer's context, formatting help with `Formatter`."""

    formatter_class = Formatter


class Refusal(click_errors.UsageError):
    """A usage error whose message is already a sentence in the user's language."""


def _settle(context: _click.Context, parameter: _click.Parameter, value: Any) -> Any:
    """A global option given after a command: it overrides the one given before it."""
    if value is None or value is False:
        return value
    current = settings(cast(typer.Context, context))
    if parameter.name == "store":
        context.obj = replace(current, store=value)
    elif parameter.name == "color":
        context.obj = replace(current, color=checked_color(value))
    elif parameter.name == "no_color":
        context.obj = replace(current, color="never")
    elif parameter.name == "no_pager":
        context.obj = replace(current, pager=False)
    return value


def checked_color(value: str) -> str:
    """``--color``'s value, refused unless it is auto, always or never."""
    if value not in COLORS:
        raise UsageError(_("--color takes auto, always or never, not {value!r}").format(
            value=value))
    return value


_GLOBALS: list[_click.Parameter] = []


def global_parameters() -> list[_click.Parameter]:
    """The global options (``--store``, ``--color``, ``--no-color``, ``--no-pager``) as
    parameters of a command, each updating the run's `Settings` when it is given."""
    if not _GLOBALS:
        single = typer.Typer(add_completion=False, rich_markup_mode=None)
        single.command()(global_options)
        for parameter in typer.main.get_command(single).params:
            clone = copy.copy(parameter)
            clone.expose_value = False
            clone.callback = _settle
            _GLOBALS.append(clone)
    return _GLOBALS


def _option_names(command: _click.Command) -> set[str]:
    return {name for parameter in command.params
            for name in (*parameter.opts, *parameter.secondary_opts)}


def _argument_label(parameter: _click.Parameter) -> str:
    label = parameter.metavar or (parameter.name or "").upper()
    return f"{label}..." if parameter.nargs != 1 else label


class _Explained(_click.Command):
    """What amendtrack's commands and groups share: translated help, global options."""

    context_class = Context

    def add_global_options(self) -> None:
        """Accept the global options after the command's name, unless it has its own."""
        taken = _option_names(self)
        self.params.extend(parameter for parameter in global_parameters()
                           if not taken & {*parameter.opts, *parameter.secondary_opts})

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """click's parsing; its parser's errors get the command's context (for the hint)."""
        try:
            return super().parse_args(ctx, args)
        except click_errors.UsageError as error:
            error.ctx = error.ctx or ctx
            raise

    def get_help_option(self, ctx: _click.Context) -> Any:
        """``--help``, described in the user's language."""
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this help and exit.")
        return option

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        """``[OPTIONS] OLD NEW``: arguments by their metavar, optional ones in brackets."""
        pieces = [_("[OPTIONS]")] if self.options_metavar else []
        for parameter in self.get_params(ctx):
            if isinstance(parameter, typer.core.TyperArgument):
                label = _argument_label(parameter)
                pieces.append(label if parameter.required else f"[{label}]")
        return pieces

    def format_options(self, ctx: _click.Context, formatter: HelpFormatter) -> None:
        """Arguments and options, each with its metavar (never a Python type) and its help."""
        arguments, options = [], []
        for parameter in self.get_params(ctx):
            record = parameter.get_help_record(ctx)
            if record is None:
                continue
            name, text = record[0], parameter_help(parameter, ctx)
            if isinstance(parameter, typer.core.TyperArgument):
                arguments.append((_argument_label(parameter), text))
            else:
                options.append((name, text))
        if arguments:
            with formatter.section(_("Arguments")):
                formatter.write_dl(arguments, col_max=34)
        if options:
            with formatter.section(_("Options")):
                formatter.write_dl(options, col_max=34)

    def _deprecation(self) -> str:
        if isinstance(self.deprecated, str):
            return _("(deprecated: {advice})").format(advice=self.deprecated)
        return _("(deprecated)") if self.deprecated else ""

    def get_short_help_str(self, limit: int = 45) -> str:
        """The line in a group's list of commands, « (obsolète) » when it is deprecated."""
        deprecated, self.deprecated = self.deprecated, False
        try:
            text = super().get_short_help_str(limit)
        finally:
            self.deprecated = deprecated
        return f"{text} {self._deprecation()}".strip()

    def format_help_text(self, ctx: _click.Context, formatter: HelpFormatter) -> None:
        """The help text, then whether the command is deprecated, in the user's language."""
        deprecated, self.deprecated = self.deprecated, False
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.deprecated = deprecated
        if deprecated:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(self._deprecation())

    def invoke(self, ctx: _click.Context) -> Any:
        """Run the command, after a note in the user's language if it is deprecated."""
        if self.deprecated:
            from amendtrack.cli.common import warn

            if isinstance(self.deprecated, str):
                warn(_("{command} is deprecated: {advice}").format(
                    command=ctx.command_path, advice=self.deprecated))
            else:
                warn(_("{command} is deprecated").format(command=ctx.command_path))
            deprecated, self.deprecated = self.deprecated, False
            try:
                return super().invoke(ctx)
            finally:
                self.deprecated = deprecated
        return super().invoke(ctx)

    def format_epilog(self, ctx: _click.Context, formatter: HelpFormatter) -> None:
        """The examples, one command line each, as given."""
        if not self.epilog:
            return
        with formatter.section(_("Examples")):
            for line in self.epilog.splitlines():
                formatter.write(f"{'':>{formatter.current_indent}}{line}\n")


class Command(_Explained, typer.core.TyperCommand):
    """An amendtrack command: translated help, global options accepted after its name."""

    def __init__(self, *arguments: Any, **settings: Any) -> None:
        super().__init__(*arguments, **settings)
        self.add_global_options()
        for parameter in self.params:
            if isinstance(parameter, typer.core.TyperOption) and parameter.metavar is None \
                    and not parameter.is_flag:
                parameter.metavar = _("VALUE")

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """click's parsing, with a translated refusal of extra arguments."""
        strict = not ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = not strict
        if strict and rest and not ctx.resilient_parsing:
            raise Refusal(_("unexpected extra arguments: {arguments}").format(
                arguments=" ".join(rest)), ctx)
        return rest


class Group(_Explained, typer.core.TyperGroup):
    """A group of amendtrack commands: translated help and refusals, global options."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.subcommand_metavar = _("COMMAND [ARGS]...")
        self.add_global_options()

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        """``[OPTIONS] COMMAND [ARGS]...``."""
        return [*super().collect_usage_pieces(ctx), self.subcommand_metavar]

    def format_options(self, ctx: _click.Context, formatter: HelpFormatter) -> None:
        """The group's options, then its commands."""
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def resolve_command(self, ctx: _click.Context, args: list[str]) -> Any:
        """The command named first in `args`, or a translated refusal with suggestions."""
        name = args[0]
        if self.get_command(ctx, name) is None and not ctx.resilient_parsing \
                and not name.startswith("-"):
            close = get_close_matches(name, list(self.commands))
            if close:
                raise Refusal(_("no command {name!r}; did you mean {close}?").format(
                    name=name, close=", ".join(close)), ctx)
            raise Refusal(_("no command {name!r}").format(name=name), ctx)
        return super().resolve_command(ctx, args)


def _parameter_named(error: click_errors.UsageError, option: str) -> _click.Parameter | None:
    command = error.ctx.command if error.ctx is not None else None
    found = [parameter for parameter in (command.params if command is not None else ())
             if option in (*parameter.opts, *parameter.secondary_opts)]
    return found[0] if found else None


def _missing(error: click_errors.MissingParameter) -> str:
    parameter = error.param
    if isinstance(parameter, typer.core.TyperArgument):
        return _("missing argument {name}").format(name=_argument_label(parameter))
    names = " / ".join(parameter.opts) if parameter is not None else "?"
    return _("missing option {option}").format(option=names)


def _problem(error: click_errors.UsageError) -> str:
    if isinstance(error, Refusal):
        return error.message
    if isinstance(error, click_errors.NoSuchOption):
        if error.possibilities:
            return _("no option {option}; did you mean {close}?").format(
                option=error.option_name, close=", ".join(sorted(error.possibilities)))
        return _("no option {option}").format(option=error.option_name)
    if isinstance(error, click_errors.MissingParameter):
        return _missing(error)
    if isinstance(error, click_errors.BadParameter):
        hint = error.param_hint or (error.param.get_error_hint() if error.param else "?")
        return _("invalid value for {parameter}: {problem}").format(
            parameter=click_errors._join_param_hints(hint), problem=error.message)
    if isinstance(error, click_errors.BadOptionUsage):
        parameter = _parameter_named(error, error.option_name)
        if isinstance(parameter, typer.core.TyperOption) and parameter.is_flag:
            return _("{option} takes no value").format(option=error.option_name)
        return _("{option} needs a value").format(option=error.option_name)
    return error.message.rstrip(".")


def usage_problem(error: click_errors.UsageError) -> str:
    """A usage error as one sentence in the user's language, with where to find help."""
    problem = _problem(error)
    if error.ctx is None:
        return problem
    return _("{problem} (see {command} --help)").format(
        problem=problem, command=error.ctx.command_path)


__all__ = ["Command", "Context", "Group", "Refusal", "checked_color", "global_parameters",
           "usage_problem"]
