"""Renderer plugins: discovery through entry points, loading, validation and lookup.

The only module that talks to `importlib.metadata`. Built-in renderers come from a static
table, `BUILTIN_RENDERERS` (their entry points; a test keeps it equal to ``pyproject.toml``):
scanning every installed distribution costs about 0.1 s, so entry points are scanned only for
a name or an extension no built-in renderer has, and to list the plugins. A plugin cannot take
a built-in renderer's name: it is reported as shadowed. Discovery reads metadata only; loading
imports one plugin and wraps whatever goes wrong in a `PluginError` naming the plugin and its
distribution; validation checks the class against the `amendtrack.rendering.api.Renderer`
protocol and says what was declared and what was expected. A broken plugin gives a warning and
every other renderer keeps working.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from amendtrack.errors import PluginError, UsageError
from amendtrack.rendering.api import ENTRY_POINT_GROUP, Renderer
from amendtrack.rendering.validation import validate
from amendtrack.translation import _

BUILTIN_DISTRIBUTION = "amendtrack"
"""The distribution the built-in renderers come with."""

BUILTIN_RENDERERS: Mapping[str, str] = MappingProxyType({
    "docx": "amendtrack_plugins.docx:DocxRenderer",
    "html": "amendtrack_plugins.html:HtmlRenderer",
    "json": "amendtrack_plugins.json:JsonRenderer",
    "legistique": "amendtrack_plugins.legistique:LegistiqueRenderer",
    "markdown": "amendtrack_plugins.markdown:MarkdownRenderer",
    "odt": "amendtrack_plugins.odt:OdtRenderer",
    "pdf": "amendtrack_plugins.pdf:PdfRenderer",
    "terminal": "amendtrack_plugins.terminal:TerminalRenderer",
})
"""The built-in renderers' entry points (``[project.entry-points."amendtrack.renderers"]``)."""

BUILTIN_EXTENSIONS: Mapping[str, str] = MappingProxyType({
    "htm": "html", "md": "markdown", "txt": "terminal",
})
"""Extensions of the built-in renderers that differ from their names (``-o x.md``): looked up
before importing any other renderer, so that choosing by extension imports one plugin."""



@dataclass(frozen=True, slots=True)
class PluginInfo:
    """A renderer declared by an installed distribution (metadata only, nothing imported)."""

    name: str
    """The entry-point name, used with ``--to``."""
    value: str
    """Where the class is: ``module:Class``."""
    distribution: str
    version: str


class Status(StrEnum):
    """Whether a plugin can be used."""

    OK = "ok"
    BROKEN = "broken"
    """It fails to import or does not satisfy the protocol."""
    SHADOWED = "shadowed"
    """Another distribution declares the same name first on the path."""


@dataclass(frozen=True, slots=True)
class PluginStatus:
    """A plugin, its metadata if it loads, and its status (for ``amendtrack plugins``)."""

    info: PluginInfo
    status: Status
    problem: str = ""
    description: str = ""
    media_type: str = ""
    extensions: tuple[str, ...] = ()
    options: tuple[tuple[str, str], ...] = ()
    views: tuple[str, ...] = ()


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def discover(
    path: list[str] | None = None,
) -> tuple[tuple[PluginInfo, ...], tuple[PluginInfo, ...]]:
    """The renderers declared on `path` (default `sys.path`), sorted by name, without importing.

    A distribution found twice on the path counts once (the first, as Python would import
    it). When two distributions declare one name, the first wins. Returns the usable
    declarations and the shadowed ones.
    """
    from importlib import metadata

    seen_distributions: set[str] = set()
    chosen: dict[str, PluginInfo] = {}
    shadowed: list[PluginInfo] = []
    for distribution in metadata.distributions(path=path) if path is not None else (
        metadata.distributions()
    ):
        dist_name = distribution.metadata["Name"] or "?"
        key = _normalise(dist_name)
        if key in seen_distributions:
            continue
        seen_distributions.add(key)
        for entry in distribution.entry_points:
            if entry.group != ENTRY_POINT_GROUP:
                continue
            info = PluginInfo(entry.name, entry.value, dist_name, distribution.version or "?")
            if info.name in chosen:
                shadowed.append(info)
            else:
                chosen[info.name] = info
    ordered = tuple(chosen[name] for name in sorted(chosen))
    return ordered, tuple(sorted(shadowed, key=lambda item: (item.name, item.distribution)))


def load(info: PluginInfo) -> type[Renderer]:
    """Import the class a plugin declares and validate it; any failure is a `PluginError`."""
    module_name, _colon, attribute = info.value.partition(":")
    try:
        target: object = importlib.import_module(module_name.strip())
        for part in attribute.strip().split(".") if attribute.strip() else ():
            target = getattr(target, part)
    except Exception as error:  # any failure of third-party code is reported
        raise PluginError(info.name, _("cannot load {target}: {error}: {detail}").format(
            target=info.value, error=type(error).__name__, detail=error),
                          info.distribution) from error
    return validate(target, info.name, info.value, info.distribution)


def instantiate(info: PluginInfo, cls: type[Renderer]) -> Renderer:
    """Create the renderer (its constructor takes no argument); failures are `PluginError`."""
    try:
        return cls()
    except Exception as error:  # third-party code
        raise PluginError(info.name, _("cannot create {target}(): {error}: {detail}").format(
            target=info.value, error=type(error).__name__, detail=error),
                          info.distribution) from error


def builtin_plugins() -> tuple[PluginInfo, ...]:
    """The built-in renderers' declarations, from `BUILTIN_RENDERERS` (no metadata read)."""
    from amendtrack._version import __version__

    return tuple(PluginInfo(name, value, BUILTIN_DISTRIBUTION, __version__)
                 for name, value in sorted(BUILTIN_RENDERERS.items()))


def _with_builtins(found: Iterable[PluginInfo], hidden: Iterable[PluginInfo],
                   ) -> tuple[tuple[PluginInfo, ...], tuple[PluginInfo, ...]]:
    """What `discover` found, the built-in renderers first: a plugin taking a built-in's
    name is shadowed, wherever it is on the path."""
    chosen = {info.name: info for info in builtin_plugins()}
    shadowed = list(hidden)
    for info in found:
        if info.name not in chosen:
            chosen[info.name] = info
        elif _normalise(info.distribution) != BUILTIN_DISTRIBUTION:
            shadowed.append(info)
    return (tuple(chosen[name] for name in sorted(chosen)),
            tuple(sorted(shadowed, key=lambda item: (item.name, item.distribution))))


class Registry:
    """The renderers installed, loaded on demand.

    Without `plugins`, the built-in renderers come from `BUILTIN_RENDERERS` and entry points
    are scanned the first time a name that is not built in, or the whole list, is asked for.
    `warn` receives one line per broken plugin met while looking something up; the lookup
    goes on with the others.
    """

    def __init__(self, plugins: Iterable[PluginInfo] | None = None,
                 shadowed: Iterable[PluginInfo] = (),
                 warn: Callable[[str], None] | None = None) -> None:
        self._builtins = {info.name: info for info in builtin_plugins()} if plugins is None \
            else {}
        self._declared = None if plugins is None else (tuple(plugins), tuple(shadowed))
        self._warn = warn or (lambda message: None)
        self._loaded: dict[str, type[Renderer]] = {}

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """Every renderer declared, sorted by name (this scans the entry points once)."""
        return self._scan()[0]

    @property
    def shadowed(self) -> tuple[PluginInfo, ...]:
        """The declarations hidden by another one of the same name."""
        return self._scan()[1]

    def _scan(self) -> tuple[tuple[PluginInfo, ...], tuple[PluginInfo, ...]]:
        if self._declared is None:
            self._declared = _with_builtins(*discover())
        return self._declared

    def names(self) -> tuple[str, ...]:
        """The declared renderer names, sorted."""
        return tuple(info.name for info in self.plugins)

    def info(self, name: str) -> PluginInfo:
        """The declaration of `name`; UsageError listing the known names if there is none."""
        if name in self._builtins:
            return self._builtins[name]
        for info in self.plugins:
            if info.name == name:
                return info
        if not self.names():
            raise UsageError(_("unknown renderer {name!r} (none is installed)").format(name=name))
        raise UsageError(_("unknown renderer {name!r} (known: {known})").format(
            name=name, known=", ".join(self.names())))

    def renderer_class(self, name: str) -> type[Renderer]:
        """Load (once) and validate the renderer `name`; PluginError if it is broken."""
        if name not in self._loaded:
            self._loaded[name] = load(self.info(name))
        return self._loaded[name]

    def renderer(self, name: str) -> Renderer:
        """A new instance of the renderer `name`."""
        return instantiate(self.info(name), self.renderer_class(name))

    def for_extension(self, path: str | Path) -> str | None:
        """The name of the renderer declaring the extension of `path`, or None.

        Importing a plugin costs time and may fail, so the search imports as few as it can:
        first a renderer named like the extension (``-o out.odt`` → ``odt``), then the
        built-in renderer `BUILTIN_EXTENSIONS` names for it (``-o out.md`` → ``markdown``);
        each is imported and must really declare the extension. Only when neither does are
        the other renderers imported, in name order, until one declares it. Built-in
        renderers named so are tried before the entry points are scanned.
        """
        suffixes = Path(path).suffixes
        if not suffixes:
            return None
        wanted = [s.lstrip(".").lower() for s in ("".join(suffixes[-2:]), suffixes[-1])]
        tried: set[str] = set()
        if self._builtins:
            found = self._search(tuple(self._builtins), wanted, tried, likely_only=True)
            if found is not None:
                return found
        return self._search(self.names(), wanted, tried, likely_only=False)

    def _search(self, names: tuple[str, ...], wanted: list[str], tried: set[str],
                likely_only: bool) -> str | None:
        likely = [name for name in wanted if name in names]
        likely += [BUILTIN_EXTENSIONS[e] for e in wanted if BUILTIN_EXTENSIONS.get(e) in names]
        for name in dict.fromkeys([*likely, *(() if likely_only else names)]):
            if name in tried:
                continue
            tried.add(name)
            try:
                cls = self.renderer_class(name)
            except PluginError as error:
                self._warn(str(error))
                continue
            if any(extension in {e.lower() for e in cls.extensions} for extension in wanted):
                return name
        return None

    def choose(self, to: str | None, output: str | Path | None, default: str) -> str:
        """The renderer name for ``--to`` / ``-o``: --to wins, then the extension, then default.

        UsageError when -o has an extension no renderer declares and --to is not given.
        """
        if to:
            self.info(to)
            return to
        if output is not None and str(output) != "-":
            found = self.for_extension(output)
            if found is not None:
                return found
            if Path(output).suffix:
                raise UsageError(_("no renderer writes {extension} files; use --to (known: "
                                   "{known})").format(extension=Path(output).suffix,
                                                      known=", ".join(self.names())), output)
        return default

    def statuses(self) -> list[PluginStatus]:
        """Every declared plugin with its status; this loads each of them."""
        result: list[PluginStatus] = []
        for info in self.plugins:
            try:
                cls = self.renderer_class(info.name)
            except PluginError as error:
                result.append(PluginStatus(info, Status.BROKEN, problem=str(error)))
                continue
            result.append(PluginStatus(
                info, Status.OK, description=_(cls.description), media_type=cls.media_type,
                extensions=tuple(cls.extensions),
                options=tuple(sorted((key, _(text)) for key, text in cls.options.items())),
                views=tuple(view.value for view in cls.views),
            ))
        result.extend(
            PluginStatus(info, Status.SHADOWED, problem=(
                _("the name {name!r} belongs to a built-in renderer of amendtrack").format(
                    name=info.name)
                if info.name in BUILTIN_RENDERERS and self._builtins else
                _("the name {name!r} is already taken by another distribution earlier on the "
                  "path").format(name=info.name)))
            for info in self.shadowed
        )
        return result


def check_options(cls: type[Renderer], options: Mapping[str, str]) -> None:
    """Refuse an ``-O`` key the renderer does not declare, listing the valid ones."""
    for key in options:
        if key not in cls.options:
            if not cls.options:
                raise UsageError(_("renderer {name} has no option {key!r} (it takes no -O "
                                   "option)").format(name=cls.name, key=key))
            raise UsageError(_("renderer {name} has no option {key!r} (valid: {valid})").format(
                name=cls.name, key=key, valid=", ".join(sorted(cls.options))))


__all__ = [
    "BUILTIN_DISTRIBUTION",
    "BUILTIN_EXTENSIONS",
    "BUILTIN_RENDERERS",
    "PluginInfo",
    "PluginStatus",
    "Registry",
    "Status",
    "builtin_plugins",
    "check_options",
    "discover",
    "instantiate",
    "load",
    "validate",
]
