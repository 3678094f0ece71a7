"""Metadata as flat ``name → text`` fields, as ``--meta KEY=VALUE`` and amendments name them.

Also the one reading of a typed yes/no value (`read_bool`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from types import MappingProxyType

from amendtrack.model.versions import Metadata, Vote
from amendtrack.translation import _

_VOTE_FIELDS = ("pour", "contre", "abstentions", "unanimite", "nppv", "majorite", "exprimes")
_VOTE_FLAGS = frozenset({"unanimite", "majorite", "exprimes"})


def metadata_fields(metadata: Metadata) -> dict[str, str]:
    """Metadata as flat ``name → text`` pairs, absent facts left out.

    Names are those of `Metadata`, with ``vote.pour`` etc. for the vote; `--meta KEY=VALUE` and
    metadata changes in amendments use the same names.
    """
    flat: dict[str, str] = {}
    for item in fields(metadata):
        value = getattr(metadata, item.name)
        if value is None:
            continue
        if isinstance(value, Vote):
            for name in _VOTE_FIELDS:
                sub = getattr(value, name)
                if name in _VOTE_FLAGS:
                    if sub:
                        flat[f"vote.{name}"] = "true"
                elif sub is not None:
                    flat[f"vote.{name}"] = str(sub)
            continue
        flat[item.name] = str(value)
    return flat


METADATA_FIELD_NAMES: tuple[str, ...] = tuple(
    name
    for item in fields(Metadata)
    for name in (
        [f"vote.{sub}" for sub in _VOTE_FIELDS] if item.name == "vote" else [item.name]
    )
)
"""Every flat metadata field name, in schema order."""

_INT_FIELDS = frozenset({"en_exercice", "presents", "representes", "votants"})


def metadata_from_fields(flat: dict[str, str]) -> Metadata:
    """The inverse of `metadata_fields`. Raises ValueError on an unknown name or a bad number."""
    unknown = sorted(set(flat) - set(METADATA_FIELD_NAMES))
    if unknown:
        raise ValueError(_("unknown metadata field {name!r} (known: {known})").format(
            name=unknown[0], known=", ".join(METADATA_FIELD_NAMES)))
    for required in ("collectivite", "seance", "objet"):
        if not flat.get(required):
            raise ValueError(_("metadata field {name!r} is required").format(name=required))
    values: dict[str, object] = {}
    vote: dict[str, object] = {}
    for name, text in flat.items():
        if name.startswith("vote."):
            sub = name.removeprefix("vote.")
            vote[sub] = _parse_bool(name, text) if sub in _VOTE_FLAGS else _parse_int(name, text)
        elif name in _INT_FIELDS:
            values[name] = _parse_int(name, text)
        else:
            _check_text(name, text)
            values[name] = text
    _check_siret(values.get("siren"), values.get("siret"))
    if vote:
        values["vote"] = Vote(**vote)  # type: ignore[arg-type]
    return Metadata(**values)  # type: ignore[arg-type]


_DIGITS = {"siren": 9, "siret": 14, "budget_annee": 4}


def _check_text(name: str, text: str) -> None:
    digits = _DIGITS.get(name)
    if digits is not None and (len(text) != digits or not text.isascii() or not text.isdigit()):
        raise ValueError(_("metadata field {name!r} must be {digits} digits, not {text!r}").format(
            name=name, digits=digits, text=text))
    if name == "url" and not text.startswith(("https://", "http://")):
        raise ValueError(_("metadata field 'url' must be an http or https address, not "
                           "{text!r}").format(text=text))


def _check_siret(siren: object, siret: object) -> None:
    if isinstance(siren, str) and isinstance(siret, str) and not siret.startswith(siren):
        raise ValueError(_("the SIRET {siret} does not belong to the SIREN {siren} (its first "
                           "9 digits are the SIREN)").format(siret=siret, siren=siren))


def _parse_int(name: str, text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise ValueError(_("metadata field {name!r} must be a whole number, not {text!r}").format(
            name=name, text=text))
    return int(text)


BOOLEAN_WORDS: Mapping[str, bool] = MappingProxyType({
    "true": True, "false": False, "yes": True, "no": False, "oui": True, "non": False,
    "1": True, "0": False, "on": True, "off": False,
})
"""The words amendtrack reads as yes or no, wherever a yes/no value is typed (case ignored)."""


def read_bool(text: str) -> bool | None:
    """The yes/no value `text` spells (`BOOLEAN_WORDS`), None if it spells none."""
    return BOOLEAN_WORDS.get(text.strip().lower())


def _parse_bool(name: str, text: str) -> bool:
    value = read_bool(text)
    if value is None:
        raise ValueError(_("metadata field {name!r} must be true or false, not {text!r}").format(
            name=name, text=text))
    return value


def with_metadata(metadata: Metadata, updates: dict[str, str]) -> Metadata:
    """Metadata with some flat fields set (an empty value removes the field)."""
    flat = metadata_fields(metadata)
    for name, value in updates.items():
        if value:
            flat[name] = value
        else:
            flat.pop(name, None)
    return metadata_from_fields(flat)
