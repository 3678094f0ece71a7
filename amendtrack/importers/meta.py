"""The ``--meta KEY=VALUE`` pairs of ``amendtrack import``, merged with what a source states.

Keys:

- every metadata field name (`amendtrack.model.METADATA_FIELD_NAMES`: ``collectivite``,
  ``seance``, ``objet``, ``numero``, ``secretaire``, ``vote.unanimite``, …); a value given here
  overrides what the source states, an empty value removes it;
- ``deliberation``: the deliberation id (default: a slug of the file name without extension);
- ``date``: the date of the version (default: the séance);
- ``modifies``: the date of the version an act modifies (default: from the title block);
- ``modifies_numero``: the numéro of the deliberation an act modifies (default: from the title
  block); ``replaces``: ``true`` when the act annuls and replaces it (« annule et remplace »);
- with ``--bold-as-additions``, ``old.FIELD``: a metadata field of OLD (the modified version),
  which otherwise only gets collectivite, objet (and siren, actes) from NEW and the date it
  modifies as its séance.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from amendtrack.errors import SourceError, UsageError
from amendtrack.files.safe_xml import MAX_TEXT_BYTES
from amendtrack.model import (
    METADATA_FIELD_NAMES,
    Metadata,
    ModifyingAct,
    VersionInfo,
    metadata_from_fields,
    read_bool,
)
from amendtrack.translation import _, grouped, ngettext

if TYPE_CHECKING:
    from amendtrack.importers.options import ReadOptions
    from amendtrack.importers.title_block import TitleBlock

VERSION_KEYS = ("deliberation", "date", "modifies", "modifies_numero", "replaces")
"""``--meta`` keys that set version information rather than metadata."""
REQUIRED = ("collectivite", "seance", "objet")
_DATE_KEYS = frozenset(
    {"seance", "convocation", "publication", "transmission", "date", "modifies",
     "actes_accuse_date"}
)
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_HINTS = {"collectivite": "'Ville de …'", "seance": "YYYY-MM-DD", "objet": "'…'"}


def split_meta(meta: dict[str, str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Metadata fields, version keys and ``old.`` fields of ``--meta``, each value checked."""
    fields: dict[str, str] = {}
    version: dict[str, str] = {}
    old: dict[str, str] = {}
    for key, value in meta.items():
        name = key.removeprefix("old.")
        if name in METADATA_FIELD_NAMES:
            (old if key.startswith("old.") else fields)[name] = value
        elif key in VERSION_KEYS:
            version[key] = value
        else:
            known = ", ".join((*VERSION_KEYS, *METADATA_FIELD_NAMES))
            raise UsageError(_("--meta {key}: unknown key (known: {known}; old.FIELD with "
                               "--bold-as-additions)").format(key=key, known=known))
        if value and name in _DATE_KEYS and not _is_date(value):
            raise UsageError(_("--meta {key}={value}: not a date; write it YYYY-MM-DD").format(
                key=key, value=value))
    if version.get("replaces") and read_bool(version["replaces"]) is None:
        raise UsageError(_("--meta replaces={value}: write true or false").format(
            value=version["replaces"]))
    if "deliberation" in version and not _ID.fullmatch(version["deliberation"]):
        raise UsageError(
            _("--meta deliberation={value}: an id is lower-case letters, digits, '.', '_' and "
              "'-', starting with a letter or digit").format(value=version["deliberation"])
        )
    return fields, version, old


def with_defaults(stated: dict[str, str], given: Mapping[str, str],
                  options: ReadOptions | None) -> tuple[dict[str, str], tuple[str, ...]]:
    """`stated` with the defaults of `options` neither it nor ``--meta`` (`given`) gives, and
    the warning saying which were taken (`ReadOptions.defaults`: the configuration's facts)."""
    defaults = options.defaults if options is not None else {}
    taken = {name: value for name, value in defaults.items()
             if value and not stated.get(name) and name not in given}
    if not taken or options is None:
        return stated, ()
    origin = options.defaults_origin
    facts = "; ".join(f"{name}={value}" for name, value in taken.items())
    message = ngettext("{facts} from {origin}: the document does not state it",
                       "{facts} from {origin}: the document does not state them", len(taken))
    return {**stated, **taken}, (message.format(facts=facts, origin=origin),)


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def resolve_metadata(stated: dict[str, str], given: dict[str, str], path: Path,
                     prefix: str = "") -> Metadata:
    """Metadata from what the source states, overridden by ``--meta`` (empty value: removed);
    a missing required fact is asked for as ``--meta PREFIXname=…``."""
    flat = dict(stated)
    for name, value in given.items():
        if value:
            flat[name] = value
        else:
            flat.pop(name, None)
    contradicting = ("vote.contre",) if flat.get("vote.exprimes") else (
        "vote.contre", "vote.abstentions")
    if flat.get("vote.unanimite") == "true" and any(name in flat for name in contradicting):
        flat.pop("vote.unanimite")  # contradicted by counts: keep the counts only
        flat.pop("vote.exprimes", None)
    missing = [name for name in REQUIRED if not flat.get(name)]
    if missing:
        how = " ".join(f"--meta {prefix}{name}={_HINTS[name]}" for name in missing)
        raise SourceError(
            ngettext("missing metadata: {names} (the source does not state it); give it with "
                     "{options}",
                     "missing metadata: {names} (the source does not state them); give them "
                     "with {options}", len(missing)).format(names=", ".join(missing),
                                                            options=how),
            path,
        )
    try:
        return metadata_from_fields(flat)
    except ValueError as error:
        raise SourceError(str(error), path) from None


def resolve_info(
    path: Path,
    metadata: Metadata,
    keys: dict[str, str],
    *,
    act: ModifyingAct | None,
    modifies: str | None = None,
    title: TitleBlock | None = None,
) -> VersionInfo:
    """Version information: id, date and what it modifies, from ``--meta``, else `modifies`
    and the title block, else their defaults."""
    replaces = read_bool(keys["replaces"]) if keys.get("replaces") else None
    return VersionInfo(
        deliberation=keys.get("deliberation") or slug(path.stem),
        date=keys.get("date") or metadata.seance,
        modifies=keys.get("modifies") or modifies or (title.modifies if title else None),
        act=act,
        modifies_numero=keys.get("modifies_numero") or (title.modifies_numero if title else None),
        replaces=bool(title and title.replaces) if replaces is None else replaces,
    )


def slug(name: str) -> str:
    """A deliberation id made from a file name: ASCII, lower case, ``-`` between words."""
    spelled = name.translate(_LIGATURES)
    ascii_name = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", ascii_name.lower())
    cleaned = re.sub(r"^[^a-z0-9]+", "", cleaned).rstrip("-")
    return cleaned or "deliberation"


def check_xml_characters(text: str, path: Path, where: str | None = None) -> None:
    """Refuse a character that XML cannot hold (NUL, form feed, other control characters).

    The message names the line of `text`, or `where` when given (for text that is not the
    source as read, such as a paragraph of an ODT file).
    """
    bad = _NOT_XML.search(text)
    if bad:
        place = where or _("line {line}").format(line=text.count(chr(10), 0, bad.start()) + 1)
        raise SourceError(
            _("{place}: character U+{code:04X} cannot be stored in XML; remove it from the "
              "source").format(place=place, code=ord(bad.group())),
            path,
        )


def check_text_size(text: str, path: Path, where: str) -> None:
    """Refuse a paragraph longer than one element of a version file can hold.

    The XML parser reads at most `MAX_TEXT_BYTES` of text in one element, and amendtrack
    never lifts that limit: such a version could not be read back.
    """
    if len(text) * 4 > MAX_TEXT_BYTES and len(text.encode("utf-8", "replace")) > MAX_TEXT_BYTES:
        raise SourceError(
            _("{place} holds {count} characters; a paragraph of a version holds at most "
              "{limit} bytes").format(place=where, count=grouped(len(text)),
                                      limit=grouped(MAX_TEXT_BYTES)),
            path,
        )
