"""What every command shares: messages on stderr, the global settings, options and their parsing.

The global options (``--store``, ``--color``, ``--no-color``, ``--no-pager``, declared once by
`global_options`) are read by the root callback into a `Settings` object, typer's context
object; given after a command's name, they override it there (`amendtrack.cli.usage`). Every
command reads them from there: nothing goes through the environment. Only typer and pathlib are
imported here, to keep start-up fast.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amendtrack.errors import UsageError
from amendtrack.files.display import shown
from amendtrack.translation import _

if TYPE_CHECKING:
    from amendtrack.cli.config import Config
    from amendtrack.model import Version


def error_line(line: str) -> None:
    """One line on stderr, its control characters escaped (`amendtrack.files.display`).

    A message can quote a document or a file name: neither may drive the terminal, nor
    break the line in two. If stderr itself cannot be written, there is no one to tell.
    """
    with contextlib.suppress(OSError, ValueError):
        print(shown(line), file=sys.stderr, flush=True)


def warn(message: str) -> None:
    """One warning line on stderr."""
    error_line(_("amendtrack: warning: {message}").format(message=message))


def note(message: str) -> None:
    """One informational line on stderr (stdout may carry the output)."""
    error_line(_("amendtrack: {message}").format(message=message))


def say(line: str) -> None:
    """One line of a command's own output on stdout, its control characters escaped."""
    print(shown(line))


@dataclass(frozen=True, slots=True)
class Settings:
    """The global options of a run, typer's context object."""

    store: Path | None = None
    """The store folder given with ``--store`` (None: ``$AMENDTRACK_STORE`` or the default)."""
    color: str = "auto"
    """``--color``: ``"auto"`` (colour on a terminal, unless ``NO_COLOR``), ``"always"`` or
    ``"never"`` (also ``--no-color``)."""
    pager: bool = True
    """False with ``--no-pager``: a long output on a terminal is not paged."""
    config: Config | None = None
    """The configuration files' defaults (`amendtrack.cli.config`); None: none read."""

    def store_dir(self, override: Path | None = None) -> Path | None:
        """The store folder for a command: its own ``--store`` if given, else the global one."""
        return override if override is not None else self.store


def settings(context: typer.Context) -> Settings:
    """The settings the root callback stored (defaults when a command runs on its own)."""
    found = context.find_object(Settings)
    return found if found is not None else Settings()


COLORS = ("auto", "always", "never")
"""The values of ``--color``."""

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store", metavar=_("DIR"),
        help=_("The store folder, for ID@N revisions and the store commands (default: "
               "$AMENDTRACK_STORE, else ./deliberations)."),
        show_default=False,
    ),
]
"""``--store DIR``, accepted before the command and after it."""

ColorOption = Annotated[
    str | None,
    typer.Option(
        "--color", metavar="auto|always|never", show_default=False,
        help=_("Colours: on a terminal unless NO_COLOR is set (auto, the default), always "
               "(even in a pipe or a file), or never."),
    ),
]
"""``--color auto|always|never``."""

NoColorOption = Annotated[
    bool, typer.Option("--no-color", help=_("No colours (the same as --color=never)."))
]
"""``--no-color``."""

NoPagerOption = Annotated[
    bool, typer.Option("--no-pager", help=_("Print a long output at once, without a pager."))
]
"""``--no-pager``."""


def global_options(store: StoreOption = None, color: ColorOption = None,
                   no_color: NoColorOption = False, no_pager: NoPagerOption = False) -> None:
    """The global options, declared once: every command accepts them (`amendtrack.cli.usage`)."""


MetaOption = Annotated[
    list[str] | None,
    typer.Option(
        "--meta", metavar=_("KEY=VALUE"),
        help=_("A fact of a document read as a version (repeatable); with two versions, "
               "old.KEY=VALUE is a fact of OLD."),
        show_default=False,
    ),
]
"""``--meta KEY=VALUE`` for the documents a command imports on the fly."""


TrackedChangesOption = Annotated[
    str | None,
    typer.Option(
        "--tracked-changes", metavar="accept|reject",
        help=_("A document read as a version that has tracked changes (ODT, DOCX, HTML "
               "<ins>/<del>): accept or reject them; by default such a document is refused."),
        show_default=False,
    ),
]
"""``--tracked-changes accept|reject`` for the documents a command imports on the fly."""


def load_version(context: typer.Context, argument: str, store: Path | None = None, *,
                 meta: dict[str, str] | None = None, meta_prefix: str = "",
                 tracked_changes: str | None = None) -> Version:
    """A version from a version XML file, a document imported on the fly (with `meta` as its
    ``--meta``, `tracked_changes` as its ``--tracked-changes``), or the store for a revision
    such as ``ID@2``."""
    from amendtrack.importers.options import TrackedChanges
    from amendtrack.store.revisions import load_version as load

    choice = TrackedChanges.parse(tracked_changes) if tracked_changes else None
    version = load(argument, settings(context).store_dir(store), meta=meta,
                   meta_prefix=meta_prefix, warn=warn, note=note, tracked_changes=choice,
                   defaults=import_defaults(settings(context).config))
    release_freed_memory(len(version.body))
    return version


def import_defaults(config: Config | None) -> tuple[dict[str, str], str] | None:
    """The configuration's facts a document imported stands in for when it does not state them
    (``collectivite``; the act takes the others, `amendtrack.cli.render`), and their file."""
    if config is None or config.collectivite is None:
        return None
    return {"collectivite": config.collectivite}, config.origin("collectivite")


def split_meta_pairs(pairs: list[str] | None) -> tuple[dict[str, str], dict[str, str]]:
    """``--meta`` of a command reading OLD and NEW: NEW's pairs, and OLD's (``old.KEY``)."""
    given = parse_pairs("--meta", pairs)
    if given:
        from amendtrack.importers.meta import split_meta

        split_meta(given)  # every key checked once, as `import` checks them
    new = {key: value for key, value in given.items() if not key.startswith("old.")}
    old = {key.removeprefix("old."): value for key, value in given.items()
           if key.startswith("old.")}
    return new, old


TRIM_BLOCKS = 20_000
"""`release_freed_memory` gives memory back only after structures of this many blocks."""


def release_freed_memory(blocks: int) -> None:
    """Give back to the system the memory the XML parser has freed (glibc only), when what
    was freed held at least `TRIM_BLOCKS` blocks.

    The C allocator keeps a parsed tree's memory once the tree is gone (on a 10 MB version,
    about 60 MB), where Python's small objects never go: without this, a run's peak memory
    counts it on top of the versions, the amendment and the output. Under `TRIM_BLOCKS` (about
    3 MB of a code) it is a few MB, and the call, the ctypes import and the page faults after it
    cost more time than the memory is worth (on the Code civil, 1.5 % of a diff for 4 MB).
    """
    if blocks < TRIM_BLOCKS or not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # absent from musl
    except OSError:
        return
    if trim is not None:
        trim(0)


def parse_pairs(option: str, pairs: list[str] | None) -> dict[str, str]:
    """``KEY=VALUE`` pairs of a repeatable option (``--meta``, ``-O``); the last one wins."""
    values: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(_("{option} takes KEY=VALUE, not {pair!r}").format(
                option=option, pair=pair))
        values[key.strip()] = value
    return values
