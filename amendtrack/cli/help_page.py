"""What a help page shows, in the user's language: a command's help and examples, the usage
prefix and headings, each parameter's help with its default, range and whether it is required.

A command's help is given with `explained` (a docstring cannot be marked for gettext); typer
reads it when the command is built, after the language is installed. The `Formatter` keeps the
space before « : ; ! ? » and inside « » with its word when it wraps a line, so that no line of a
French help starts with a colon.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from typer import _click
from typer._click.formatting import HelpFormatter

from amendtrack.translation import _

Function = TypeVar("Function", bound=Callable[..., Any])

_GLUED = ((" :", "\u00a0:"), (" ;", "\u00a0;"), (" ?", "\u00a0?"), (" !", "\u00a0!"),
          ("« ", "«\u00a0"), (" »", "\u00a0»"))


def _glued(text: str) -> str:
    for space, kept in _GLUED:
        text = text.replace(space, kept)
    return text


@dataclass(frozen=True, slots=True)
class CommandHelp:
    """What ``amendtrack COMMAND --help`` says: a summary line, more text, examples."""

    summary: str
    """One sentence, also shown in the list of commands."""
    details: str = ""
    """Paragraphs after the summary (blank lines between them)."""
    examples: tuple[str, ...] = ()
    """Command lines a user can copy, shown in the « Examples » section."""

    def settings(self) -> dict[str, Any]:
        """The keyword arguments of typer's ``command()`` that carry this help."""
        text = self.summary if not self.details else f"{self.summary}\n\n{self.details}"
        return {"help": text, "short_help": self.summary, "epilog": "\n".join(self.examples)}


_HELP: dict[Callable[..., Any], CommandHelp] = {}


def explained(summary: str, details: str = "", *, examples: Sequence[str]) -> Callable[
        [Function], Function]:
    """Give a command function its help (translated texts, with `_`) and its examples."""

    def attach(function: Function) -> Function:
        _HELP[function] = CommandHelp(summary, details, tuple(examples))
        return function

    return attach


def help_of(function: Callable[..., Any]) -> CommandHelp | None:
    """The help `explained` gave `function` (None: none)."""
    return _HELP.get(function)


def help_settings(function: Callable[..., Any]) -> dict[str, Any]:
    """typer's ``command()`` keywords for `function`'s help (none: typer reads the docstring)."""
    found = _HELP.get(function)
    return {} if found is None else found.settings()


class Formatter(HelpFormatter):
    """click's help formatter, its usage prefix and headings in the user's language, a French
    space kept with its word when a line is wrapped."""

    def __init__(self, indent_increment: int = 2, width: int | None = None,
                 max_width: int | None = None) -> None:
        super().__init__(indent_increment, width, 100 if max_width is None else max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, « Usage : amendtrack diff [OPTIONS] OLD NEW »."""
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        """A section heading, « Options : »."""
        line = _("{heading}:").format(heading=heading)
        self.write(f"{'':>{self.current_indent}}{line}\n")

    def write_text(self, text: str) -> None:
        """A paragraph, wrapped."""
        super().write_text(_glued(text))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        """Options or commands and their help, wrapped."""
        super().write_dl([(first, _glued(second)) for first, second in rows], col_max,
                         col_spacing)

    def write(self, string: str) -> None:
        """Text into the page, with the spaces kept from wrapping made plain again."""
        super().write(string.replace("\u00a0", " "))


RENDERER_LISTS = {"{diff_renderers}": "diff", "{act_renderers}": "act",
                  "{document_renderers}": "document"}
"""Placeholders an option's help may hold: the installed renderers of a view, listed when the
help is shown (``--to``'s help lists third-party renderers too)."""


def _with_renderers(text: str) -> str:
    for placeholder, view in RENDERER_LISTS.items():
        if placeholder in text:
            text = text.replace(placeholder, ", ".join(renderer_names(view)))
    return text


def renderer_names(view: str) -> list[str]:
    """The installed renderers that render `view` (``"diff"``, ``"act"``, ``"document"``);
    a plugin that fails to load is left out (``amendtrack plugins`` says why)."""
    from amendtrack.errors import PluginError
    from amendtrack.rendering import View
    from amendtrack.rendering.registry import Registry

    registry = Registry(warn=lambda message: None)
    names = []
    for name in registry.names():
        try:
            views = registry.renderer_class(name).views
        except PluginError:
            continue
        if View(view) in views:
            names.append(name)
    return names


def parameter_help(parameter: _click.Parameter, ctx: _click.Context) -> str:
    """A parameter's help and, in brackets, its default, its range and whether it is
    required, in the user's language; the renderer lists it names are filled in."""
    text = _with_renderers(getattr(parameter, "help", None) or "")
    extras = []
    default = _default_shown(parameter, ctx)
    if default:
        extras.append(_("default: {default}").format(default=default))
    low, high = getattr(parameter, "min", None), getattr(parameter, "max", None)
    if low is not None and high is not None:
        extras.append(_("from {low} to {high}").format(low=low, high=high))
    elif low is not None:
        extras.append(_("at least {low}").format(low=low))
    elif high is not None:
        extras.append(_("at most {high}").format(high=high))
    if parameter.required:
        extras.append(_("required"))
    if not extras:
        return text
    shown = _("[{extras}]").format(extras=_("; ").join(extras))
    shown = shown.replace(" ", "\u00a0")  # wrapped as one piece (`Formatter.write`)
    return f"{text}  {shown}" if text else shown


def _default_shown(parameter: Any, ctx: _click.Context) -> str:
    shown = getattr(parameter, "show_default", False)
    if isinstance(shown, str):
        return shown
    if not shown:
        return ""
    value = parameter._extract_default_help_str(ctx=ctx)
    if value is None:
        return ""
    return str(parameter._get_default_string(ctx=ctx, show_default_is_str=False,
                                             default_value=value))


__all__ = ["RENDERER_LISTS", "CommandHelp", "Formatter", "explained", "help_settings",
           "parameter_help", "renderer_names"]
