"""The house template: the sentences of the amending act, in a file a collectivité can change.

The default is ``amendtrack/rendering/house-template.toml`` (printed by ``amendtrack
act-template``); ``amendtrack amend --template FILE`` reads a file of the same shape whose keys
replace the default's one by one. Keys are ``section.key`` (``expose.modification``); a value is
a sentence or a list of lines; placeholders are facts between braces (`PLACEHOLDERS`). A file
with an unknown key, a value of another type or an unknown placeholder is refused with one
line naming the file and the key (docs/act.md documents them all).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from amendtrack.errors import InputError
from amendtrack.translation import _

PLACEHOLDERS: Mapping[str, str] = MappingProxyType({
    "collectivite": "the collectivité, as the metadata write it",
    "COLLECTIVITE": "the same, in capitals",
    "lieu": "its place name (« Aulnoy-lez-Valenciennes »)",
    "assemblee": "the assembly (« conseil municipal »)",
    "Assemblee": "the assembly, capitalised (« Conseil Municipal »)",
    "ASSEMBLEE": "the assembly in register capitals (« CONSEIL MUNICIPAL »)",
    "le_assemblee": "with its article (« le conseil municipal », « la commission permanente »)",
    "Le_Assemblee": "the same, capitalised (« Le Conseil Municipal »)",
    "du_assemblee": "with « de » (« du conseil municipal »)",
    "DU_ASSEMBLEE": "the same in register capitals (« DU CONSEIL MUNICIPAL »)",
    "date_seance": "the date of the séance, in words (« 7 décembre 2022 »)",
    "numero": "the numéro of the act",
    "objet": "the objet",
    "secretaire": "the secrétaire de séance",
    "presidence": "who presides, as the act names them (« Madame la Maire »)",
    "de_presidence": "the same with « de » (« de Madame la Maire », « du président de séance »)",
    "fonction": "the title they sign with (« La Maire »)",
    "president": "their name",
    "numero_modifie": "the numéro of the deliberation modified",
    "date_modifiee": "its date, in words",
    "reference": "the deliberation modified as `expose.reference` names it",
    "vote": "the vote (« à l'unanimité », « par 20 voix pour, 3 contre et 2 abstentions »)",
    "marques": "the notice's phrases, joined with commas",
    "ancienne_place": "where a moved alinéa stood (« deuxième alinéa de l'article 2 »)",
})
"""Every placeholder a sentence may use, with what it stands for."""


@dataclass(frozen=True, slots=True)
class HouseTemplate:
    """The act's sentences by ``section.key``: each one a sentence or a tuple of lines."""

    sentences: Mapping[str, str | tuple[str, ...]]
    source: str = "the default house template"
    """Where the sentences come from, for messages."""

    def lines(self, key: str, values: Mapping[str, str]) -> list[str]:
        """The lines of `key`, placeholders filled (a sentence is one line)."""
        value = self.sentences[key]
        texts = [value] if isinstance(value, str) else list(value)
        return [text.format_map(values) for text in texts]

    def text(self, key: str, values: Mapping[str, str]) -> str:
        """The sentence of `key` (lines joined with spaces), placeholders filled."""
        return " ".join(self.lines(key, values))


def _flatten(data: Mapping[str, object], name: str) -> dict[str, str | tuple[str, ...]]:
    flat: dict[str, str | tuple[str, ...]] = {}
    for section, keys in data.items():
        if not isinstance(keys, dict):
            raise InputError(_("[{section}] must be a section of sentences").format(
                section=section), name)
        for key, value in keys.items():
            where = f"{section}.{key}"
            if isinstance(value, list) and all(isinstance(line, str) for line in value):
                flat[where] = tuple(value)
            elif isinstance(value, str):
                flat[where] = value
            else:
                raise InputError(_("{key} must be a sentence or a list of lines").format(key=where),
                                 name)
    return flat


def _check_placeholders(sentences: Mapping[str, str | tuple[str, ...]], name: str) -> None:
    formatter = string.Formatter()
    for key, value in sentences.items():
        for line in [value] if isinstance(value, str) else value:
            try:
                fields = [parsed[1] for parsed in formatter.parse(line) if parsed[1] is not None]
            except ValueError as error:
                raise InputError(_("{key}: {problem}").format(key=key, problem=error),
                                 name) from None
            for field in fields:
                if field not in PLACEHOLDERS:
                    raise InputError(
                        _("{key}: unknown placeholder {{{field}}} (known: {known})").format(
                            key=key, field=field, known=", ".join(sorted(PLACEHOLDERS))),
                        name,
                    )


_TOML_POSITION = re.compile(r"(?P<problem>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_MESSAGES: Mapping[str, Callable[[], str]] = MappingProxyType({
    "Expected '=' after a key in a key/value pair":
        lambda: _("a key is not followed by '=' (KEY = \"sentence\")"),
    "Invalid value": lambda: _("a value is not valid (a sentence is written in quotes)"),
    "Invalid statement": lambda: _("a line is neither a [section] nor KEY = value"),
    "Unclosed array": lambda: _("a list of lines is not closed with ]"),
})
"""Frequent tomllib messages in the interface's language (others are shown as they are)."""


def _toml_problem(detail: str) -> str:
    found = _TOML_POSITION.match(detail)
    if found is None:
        return detail
    problem = found.group("problem")
    known = _TOML_MESSAGES.get(problem)
    return _("line {line}, column {column}: {problem}").format(
        line=found.group("line"), column=found.group("column"),
        problem=known() if known is not None else problem)


def _parse(data: bytes, name: str) -> dict[str, str | tuple[str, ...]]:
    import tomllib

    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:  # TOMLDecodeError, a 5,000-digit number
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "integer string conversion" in detail:
            detail = _("a number of thousands of digits")
        detail = _toml_problem(detail)
        raise InputError(_("not a valid template file: {problem}").format(
            problem=detail[:120]), name) from None
    except RecursionError:
        raise InputError(_("not a valid template file: nested too deeply"), name) from None
    sentences = _flatten(parsed, name)
    _check_placeholders(sentences, name)
    return sentences


@lru_cache(maxsize=1)
def default_template() -> HouseTemplate:
    """amendtrack's own sentences (``house-template.toml``)."""
    return HouseTemplate(MappingProxyType(_parse(default_template_bytes(), "house-template.toml")))


def default_template_bytes() -> bytes:
    """The default template file, as shipped (comments included)."""
    from importlib import resources

    return resources.files("amendtrack.rendering").joinpath("house-template.toml").read_bytes()


def load_template(path: Path) -> HouseTemplate:
    """A house template file over the default: its keys replace the default's one by one."""
    from amendtrack.files.reading import read_bytes

    name = str(path)
    sentences = _parse(read_bytes(path), name)
    default = default_template().sentences
    unknown = sorted(set(sentences) - set(default))
    if unknown:
        raise InputError(_("unknown key {key} (known: {known})").format(
            key=unknown[0], known=", ".join(sorted(default))), name)
    for key, value in sentences.items():
        if isinstance(value, str) is not isinstance(default[key], str):
            raise InputError((_("{key} must be a sentence, as in the default template")
                              if isinstance(default[key], str) else
                              _("{key} must be a list of lines, as in the default template"))
                             .format(key=key), name)
    return HouseTemplate(MappingProxyType({**default, **sentences}), source=name)


__all__ = ["PLACEHOLDERS", "HouseTemplate", "default_template", "default_template_bytes",
           "load_template"]
