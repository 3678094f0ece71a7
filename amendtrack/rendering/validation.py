"""Checking a loaded renderer class against the `Renderer` protocol, naming what is wrong.

`validate` is the one check (`amendtrack.rendering.registry.load` calls it on every plugin);
each problem is one `PluginError` naming the plugin, what was declared and what was expected.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping

from amendtrack.errors import PluginError
from amendtrack.rendering.api import API_VERSION, Renderer, View
from amendtrack.translation import _

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_EXTENSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def validate(candidate: object, name: str, target: str,
             distribution: str | None = None) -> type[Renderer]:
    """Check a loaded object against the Renderer protocol; name what is wrong.

    `name` is the entry point's name, `target` what it points to (``module:Class``),
    `distribution` the distribution that declares it (for messages).
    """
    def fail(problem: str) -> PluginError:
        return PluginError(name, problem, distribution)

    if not inspect.isclass(candidate):
        raise fail(_("{target} is a {kind}; expected a class").format(
            target=target, kind=type(candidate).__name__))
    checks: list[tuple[str, Callable[[object], bool], str]] = [
        ("name", lambda v: isinstance(v, str) and bool(_NAME.match(v)),
         _("a lowercase name (letters, digits, - and _)")),
        ("description", lambda v: isinstance(v, str) and bool(v.strip()),
         _("a one-line string")),
        ("media_type", lambda v: isinstance(v, str) and "/" in v,
         _("a media type like text/html")),
        ("extensions", _valid_extensions, _("a tuple of extensions without dots, e.g. ('odt',)")),
        ("options", _valid_options, _("a mapping of option names to one-line help strings")),
        ("views", _valid_views, _("a non-empty tuple of amendtrack.rendering.api.View members")),
        ("api_version", lambda v: isinstance(v, int) and not isinstance(v, bool),
         _("an int ({version})").format(version=API_VERSION)),
    ]
    for attribute, check, expected in checks:
        if not hasattr(candidate, attribute):
            raise fail(_("class {cls} has no attribute {attribute!r}; expected {expected}").format(
                cls=candidate.__name__, attribute=attribute, expected=expected))
        value = getattr(candidate, attribute)
        if not check(value):
            raise fail(_("{attribute} is declared as {value!r}; expected {expected}").format(
                attribute=attribute, value=value, expected=expected))
    declared_api = getattr(candidate, "api_version")  # noqa: B009 - not typed on `type`
    if declared_api != API_VERSION:
        raise fail(_("written for renderer API version {declared}; this amendtrack offers "
                     "version {offered}").format(declared=declared_api, offered=API_VERSION))
    declared_name = getattr(candidate, "name")  # noqa: B009 - not typed on `type`
    if declared_name != name:
        raise fail(_("declares name {declared!r} but its entry point is named {name!r}; "
                     "expected the same name").format(declared=declared_name, name=name))
    _check_render(candidate, fail)
    return candidate  # type: ignore[return-value]


def _check_render(candidate: type, fail: Callable[[str], PluginError]) -> None:
    render = getattr(candidate, "render", None)
    if not callable(render):
        raise fail(_("class {cls} has no render method; expected render(self, job, "
                     "stream)").format(cls=candidate.__name__))
    try:
        parameters = list(inspect.signature(render).parameters.values())
    except (TypeError, ValueError):
        return
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(positional) != 3 and not any(p.kind is p.VAR_POSITIONAL for p in parameters):
        shown = ", ".join(p.name for p in parameters)
        raise fail(_("render({parameters}) has the wrong parameters; expected render(self, job, "
                     "stream)").format(parameters=shown))


def _valid_extensions(value: object) -> bool:
    return isinstance(value, tuple) and all(
        isinstance(item, str) and bool(_EXTENSION.match(item)) for item in value
    )


def _valid_options(value: object) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(key, str) and isinstance(text, str) for key, text in value.items()
    )


def _valid_views(value: object) -> bool:
    return isinstance(value, tuple) and bool(value) and all(isinstance(v, View) for v in value)


__all__ = ["validate"]
