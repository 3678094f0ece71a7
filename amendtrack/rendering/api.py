"""The renderer protocol: what a plugin is (`Renderer`) and what it is given (`RenderJob`).

A renderer turns a `RenderJob` (an amendment, the two versions and the user's choices) into
bytes on a binary stream. Renderers are found through the entry-point group
``amendtrack.renderers`` (`amendtrack.rendering.registry`); the built-in ones are declared there
exactly like third-party ones. Plugins import these names from `amendtrack.rendering`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, BinaryIO, ClassVar, Protocol, runtime_checkable

from amendtrack.errors import UsageError
from amendtrack.model import Amendment, Inline, Version, read_bool
from amendtrack.translation import _

if TYPE_CHECKING:
    from amendtrack.rendering.template import HouseTemplate

API_VERSION = 1
"""Version of this protocol. A renderer declares the version it was written for."""

ENTRY_POINT_GROUP = "amendtrack.renderers"
"""The entry-point group renderers are declared in."""


class View(StrEnum):
    """What to render."""

    DIFF = "diff"
    """The changes between OLD and NEW (``amendtrack diff``)."""
    ACT = "act"
    """The amending act: NEW's whole text with the additions in bold (``amendtrack amend``)."""
    DOCUMENT = "document"
    """One version as the deliberation itself: title block, body, vote and signatures, with no
    change marked (``amendtrack show VERSION --to odt``); OLD and NEW are that version, and
    the file imports back to it (`amendtrack.rendering.compose_document`)."""


class Deletions(StrEnum):
    """Whether deleted text appears in the output."""

    SHOW = "show"
    HIDE = "hide"


def _frozen_options() -> Mapping[str, str]:
    return MappingProxyType({})


class DeletionStyle(StrEnum):
    """How the amending act shows a deleted alinéa (deleted words are always struck through)."""

    STRIKE = "strike"
    """Its text struck through (``amend --deletions show``, the default)."""
    MENTION = "mention"
    """The mention « (supprimé) » in its place (``amend --deletions mention``)."""


@dataclass(frozen=True, slots=True)
class ActSettings:
    """The user's choices for the amending act (`View.ACT`)."""

    template: HouseTemplate | None = None
    """The house template (``--template``); None: amendtrack's own sentences."""
    expose: Inline | None = None
    """The exposé (``--expose``), instead of NEW's own or the template's."""
    deletion_style: DeletionStyle = DeletionStyle.STRIKE
    typography: bool = False
    """French typography in the rendered act (``amend --typography``): non-breaking spaces
    before « : ; ! ? » and inside « », the version's own text unchanged."""
    facts: Mapping[str, str] = field(default_factory=_frozen_options)
    """Facts for an act whose versions do not state them (``assemblee``, ``presidence``,
    ``president``: the configuration's, `amendtrack.cli.config`); the versions' own win, and
    the act's notes say which of these it used (`ActFacts.notes`)."""
    facts_origin: str = ""
    """Where `facts` come from, for those notes (the configuration file)."""


@dataclass(frozen=True, slots=True)
class RenderJob:
    """Everything a renderer needs: the amendment, both versions and the user's choices."""

    amendment: Amendment
    old: Version
    new: Version
    view: View = View.DIFF
    deletions: Deletions = Deletions.SHOW
    options: Mapping[str, str] = field(default_factory=_frozen_options)
    """The ``-O key=value`` options, already checked against `Renderer.options`."""
    full: bool = False
    """Show every block; otherwise only changes with `CONTEXT_BLOCKS` of context (diff view)."""
    color: bool = True
    """Colour allowed (False with ``--no-color`` or ``NO_COLOR``); bold, underline, strike stay."""
    interactive: bool = False
    """The output is a terminal that understands escape sequences (not a pipe, not TERM=dumb)."""
    width: int = 80
    """Width of the terminal, in columns."""
    wrap: bool = False
    """Wrap lines at `width`: the output is a terminal. Piped or written to a file, text is
    left unwrapped (as git leaves it), whatever `interactive` says."""
    side_by_side: bool = False
    """Show OLD and NEW in two columns (renderers that cannot, ignore it)."""
    act: ActSettings = ActSettings()
    """The choices for the amending act (template, exposé, how deleted alinéas show)."""

    def option(self, key: str, default: str) -> str:
        """The value of an ``-O`` option, or `default`."""
        return self.options.get(key, default)

    def flag(self, key: str, default: bool = False) -> bool:
        """A yes/no ``-O`` option (true/false, yes/no, oui/non, 1/0, on/off)."""
        value = self.options.get(key)
        if value is None:
            return default
        answer = read_bool(value)
        if answer is None:
            raise UsageError(_("-O {key} takes true or false, not {value!r}").format(key=key,
                                                                                     value=value))
        return answer


@runtime_checkable
class Renderer(Protocol):
    """What a renderer plugin is: a class with this metadata and a `render` method.

    The entry point names the class; amendtrack instantiates it without arguments.
    A renderer whose output must carry deleted text whatever ``--deletions`` says (an
    amendment format, amending instructions) may also declare ``deletions_always = True``;
    the conformance suite then does not expect it to hide deletions. A renderer that needs a
    program may define a class method ``ready()`` raising an `AmendtrackError` when the program
    is missing; the command line calls it before any work. One that runs a program for each job
    (seconds) may declare ``slow = True``; the conformance suite then checks it on fewer cases.
    """

    name: ClassVar[str]
    """The name used with ``--to`` (lowercase letters, digits, ``-`` and ``_``)."""
    description: ClassVar[str]
    """One line for ``amendtrack plugins``."""
    media_type: ClassVar[str]
    """The media type of the output (``text/html``, …)."""
    extensions: ClassVar[tuple[str, ...]]
    """File extensions, without the dot, that select this renderer with ``-o FILE``."""
    options: ClassVar[Mapping[str, str]]
    """The ``-O`` keys accepted, each with a one-line help."""
    views: ClassVar[tuple[View, ...]]
    """The views the renderer can render."""
    api_version: ClassVar[int]
    """The `API_VERSION` the renderer was written for."""

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the output for `job` to `stream`. Same job, same bytes."""


def check_view(renderer: type[object] | object, job: RenderJob) -> None:
    """Refuse a view the renderer does not declare (UsageError naming it)."""
    views: tuple[View, ...] = getattr(renderer, "views", ())
    if job.view not in views:
        name = getattr(renderer, "name", type(renderer).__name__)
        if not views:
            raise UsageError(_("renderer {name} cannot render the {view} view (it renders no "
                               "view)").format(name=name, view=job.view.value))
        raise UsageError(_("renderer {name} cannot render the {view} view (it renders: "
                           "{offered})").format(name=name, view=job.view.value,
                                                offered=", ".join(view.value for view in views)))
