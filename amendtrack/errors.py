"""The one exception hierarchy of amendtrack.

The CLI turns every `AmendtrackError` into one line on stderr,
``amendtrack: error: FILE: problem``, and its `exit_code`; nothing else is caught there.
Messages are translated where they are made (``_`` at raise time), so an error carries the
words of the interface's language.
"""

from __future__ import annotations

from pathlib import Path

from amendtrack.translation import _


class AmendtrackError(Exception):
    """Base class: a problem the user can act on, with the file it concerns."""

    exit_code: int = 2

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)

    def __str__(self) -> str:
        if not self.path:
            return self.message
        return _("{path}: {message}").format(path=self.path, message=self.message)


class InputError(AmendtrackError):
    """An input file is missing, unreadable, too large, badly encoded or malformed."""


class DocumentError(InputError):
    """A version XML file is not well-formed or does not match the schema."""


class SourceError(InputError):
    """A text, Markdown, ODT, DOCX or HTML source cannot be imported."""


class AmendmentError(InputError):
    """An amendment cannot be read, or does not apply to the version given."""


class UsageError(AmendtrackError):
    """The command line asks for something impossible (unknown renderer, bad option)."""


class PluginError(AmendtrackError):
    """A renderer plugin failed to load, does not satisfy the protocol, or failed to render.

    Exit status 1: the input was fine, the plugin failed.
    """

    exit_code = 1

    def __init__(self, plugin: str, problem: str, distribution: str | None = None) -> None:
        if distribution:
            message = _("renderer plugin {plugin} (from {distribution}): {problem}").format(
                plugin=plugin, distribution=distribution, problem=problem)
        else:
            message = _("renderer plugin {plugin}: {problem}").format(plugin=plugin,
                                                                      problem=problem)
        super().__init__(message)
        self.plugin = plugin
        self.distribution = distribution


class StoreError(AmendtrackError):
    """The versioned store refuses an operation (duplicate version, unknown deliberation, …)."""


class IntegrityError(StoreError):
    """The store's files do not match its history (edited, missing or extra files)."""

    exit_code = 1


class MissingToolError(AmendtrackError):
    """A program amendtrack needs for this (LibreOffice for PDF) is not installed.

    Exit status 2: the command cannot be run here as asked; the message names the package.
    """


class OutputError(AmendtrackError):
    """An output file cannot be written."""

    exit_code = 1
