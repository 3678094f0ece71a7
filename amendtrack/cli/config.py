"""The configuration file ``amendtrack.toml``: the collectivité's defaults, read in one place.

Two files are read, when they exist: ``amendtrack.toml`` in the store folder (``--store``, else
``$AMENDTRACK_STORE``, else ``./deliberations``) and the user's
``$XDG_CONFIG_HOME/amendtrack/amendtrack.toml`` (``~/.config/amendtrack/amendtrack.toml`` when
``XDG_CONFIG_HOME`` is not set). The store's file wins key by key: a key it does not set comes
from the user's file. Command-line options win over both; the configuration wins over the
built-in defaults; the facts a version states win over the configuration's facts
(`Config.facts`), and the output says when a fact came from the configuration.

The keys (docs/config.md), in French like the facts of the versions:

- ``langue``: ``"fr"`` or ``"en"``, the language of the interface whatever the locale;
- ``collectivite``: the collectivité, for a document imported without one;
- ``assemblee``, ``presidence``, ``president``: the assembly, who presides as the act names
  them (« Madame la Maire ») and their name, for an act whose versions do not state them;
- ``modele``: the house template of ``amend`` (a path, relative to the file's folder);
- ``rendu``: the renderer ``amend`` writes with when neither ``--to`` nor ``-o`` decides;
- ``suppressions``: how ``amend`` shows deletions, ``show``, ``mention`` or ``hide``.

A bad file (TOML syntax, unknown key, value of the wrong type or outside its choices,
unreadable, larger than `MAX_CONFIG_BYTES`) is refused with one `InputError` naming it. Only
the standard library, `amendtrack.errors` and `amendtrack.translation` are imported at start-up
(``tomllib`` and `amendtrack.files.reading` only when a file exists): every run reads the
configuration before typer starts. `Config.act_template`, `Config.act_settings` and
`Config.act_renderer` give ``amend`` what it takes from the configuration.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from amendtrack.errors import InputError
from amendtrack.translation import LANGUAGES, _

if TYPE_CHECKING:
    from amendtrack.rendering.api import ActSettings
    from amendtrack.rendering.registry import Registry

CONFIG_NAME = "amendtrack.toml"
"""The name of the configuration file, in the store folder and in the user's folder."""

MAX_CONFIG_BYTES = 64 * 1024
"""The largest configuration file read: a few lines are expected."""

DELETIONS = ("show", "mention", "hide")
"""The choices of ``suppressions`` (``amend --deletions``)."""

FACTS = ("collectivite", "assemblee", "presidence", "president")
"""The keys that are facts of the deliberations, named as the versions name them."""

_STORE_ENVIRONMENT = "AMENDTRACK_STORE"  # as amendtrack.store.repository (too heavy to import
_DEFAULT_STORE = "deliberations"  # at every start-up); tests/cli/test_config.py checks both


@dataclass(frozen=True, slots=True)
class Config:
    """The defaults of the configuration files; None: not configured."""

    langue: str | None = None
    collectivite: str | None = None
    assemblee: str | None = None
    presidence: str | None = None
    president: str | None = None
    modele: Path | None = None
    """The house template, its path made absolute from the folder of the file naming it."""
    rendu: str | None = None
    suppressions: str | None = None
    origins: Mapping[str, Path] = field(default_factory=lambda: MappingProxyType({}))
    """The file that gave each key set."""

    def origin(self, key: str) -> str:
        """The file that gave `key`, for messages."""
        return str(self.origins.get(key, CONFIG_NAME))

    def facts(self) -> dict[str, str]:
        """The facts configured (`FACTS`), by their name in the versions."""
        return {name: value for name in FACTS if (value := getattr(self, name))}

    def act_template(self) -> Path | None:
        """``modele`` for ``amend``, refused naming this configuration when it is missing."""
        if self.modele is not None and not self.modele.exists():
            raise InputError(_("modele names {path}, which does not exist").format(
                path=self.modele), self.origin("modele"))
        return self.modele

    def act_settings(self, act: ActSettings) -> ActSettings:
        """`act` with the facts configured for the act (`ActSettings.facts`) and their files;
        the collectivité is left out: a version always states its own."""
        facts = {key: value for key, value in self.facts().items() if key != "collectivite"}
        if not facts:
            return act
        origin = ", ".join(sorted({self.origin(key) for key in facts}))
        return replace(act, facts=MappingProxyType(facts), facts_origin=origin)

    def act_renderer(self, to: str | None, output: Path | None,
                     registry: Registry) -> str | None:
        """``rendu`` when it decides (neither ``--to`` nor ``-o``'s extension does), refused
        naming this configuration when no renderer of `registry` has that name."""
        if self.rendu is None or to or (output is not None and output.suffix):
            return None
        from amendtrack.errors import UsageError

        try:
            registry.info(self.rendu)
        except UsageError:
            raise InputError(_("rendu: no renderer is named {name!r} (installed: {names})").format(
                name=self.rendu, names=", ".join(registry.names())), self.origin("rendu")) from None
        return self.rendu


_KEYS = tuple(item.name for item in fields(Config) if item.name != "origins")
_CHOICES: Mapping[str, Sequence[str]] = {"langue": LANGUAGES, "suppressions": DELETIONS}


def store_folder(arguments: Sequence[str], environ: Mapping[str, str]) -> Path:
    """The store folder a command line uses: the last ``--store DIR`` (before or after the
    command), else ``$AMENDTRACK_STORE``, else ``./deliberations``."""
    found: str | None = None
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--store" and index + 1 < len(arguments):
            found = arguments[index + 1]
        elif argument.startswith("--store="):
            found = argument.removeprefix("--store=")
    return Path(found or environ.get(_STORE_ENVIRONMENT) or _DEFAULT_STORE)


def config_files(store: Path, environ: Mapping[str, str]) -> tuple[Path, Path]:
    """The two files read, the user's first, the store's last (it wins)."""
    home = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME") or "~") / ".config")
    user = Path(home).expanduser() / "amendtrack" / CONFIG_NAME
    return user, store / CONFIG_NAME


def load_config(store: Path, environ: Mapping[str, str] | None = None) -> Config:
    """The configuration for a run on `store`: the store's file over the user's, key by key."""
    merged = Config()
    for path in config_files(store, os.environ if environ is None else environ):
        if os.path.lexists(path):
            merged = _over(merged, read_config(path), path)
    return merged


def configured_language(arguments: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """``langue`` for this command line, or None; a bad file is said later, by the command."""
    try:
        return load_config(store_folder(arguments, environ), environ).langue
    except InputError:
        return None


def read_config(path: Path) -> Config:
    """One configuration file, checked; its `Config.modele` made absolute."""
    import tomllib

    from amendtrack.files.reading import read_bytes

    data = read_bytes(path, allow_empty=True)
    if len(data) > MAX_CONFIG_BYTES:
        raise InputError(_("a configuration file has at most {limit} bytes; this one has "
                           "{size}").format(limit=MAX_CONFIG_BYTES, size=len(data)), path)
    try:
        table = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(_("a configuration file is UTF-8 text"), path) from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(_where(str(error)), path) from None
    except (ValueError, RecursionError):  # a number of 5,000 digits, arrays nested deeply
        raise InputError(_("not valid TOML: a value too large or nested too deeply"),
                         path) from None
    return _checked(table, path)


def _where(problem: str) -> str:
    """Where tomllib's `problem` is in the file (its words are English: the place is said)."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", problem)
    if found is not None:
        return _("not valid TOML at line {line}, column {column}").format(
            line=found.group(1), column=found.group(2))
    return _("not valid TOML: the file ends before a value or a table is complete, or sets a "
             "key twice")


def _checked(table: Mapping[str, object], path: Path) -> Config:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise InputError(_("unknown key {key!r} (known: {known})").format(
                key=key, known=", ".join(_KEYS)), path)
        if not isinstance(value, str):
            raise InputError(_("{key} must be a string in quotes, not {value!r}").format(
                key=key, value=value), path)
        text = value.strip()
        choices = _CHOICES.get(key)
        if choices is not None and text not in choices:
            raise InputError(_("{key} takes {choices}, not {value!r}").format(
                key=key, choices="|".join(choices), value=value), path)
        if not text:
            raise InputError(_("{key} is empty; remove the line to leave it unset").format(
                key=key), path)
        values[key] = (path.parent / Path(text).expanduser()) if key == "modele" else text
    return Config(**values, origins=MappingProxyType(dict.fromkeys(values, path)))


def _over(base: Config, config: Config, path: Path) -> Config:
    """`base` with the keys `config` sets replaced (the later file wins key by key)."""
    changes: dict[str, Any] = {key: getattr(config, key) for key in _KEYS
                               if getattr(config, key) is not None}
    origins = {**base.origins, **dict.fromkeys(changes, path)}
    return replace(base, **changes, origins=MappingProxyType(origins))


__all__ = ["CONFIG_NAME", "DELETIONS", "FACTS", "MAX_CONFIG_BYTES", "Config", "config_files",
           "configured_language", "load_config", "read_config", "store_folder"]
