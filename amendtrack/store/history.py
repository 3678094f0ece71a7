"""The history file of a deliberation: its versions in order, their hashes chained.

A history is a JSON Lines text file (``history.jsonl``): a header line, then one line per
version, oldest first. Keys are written in a fixed order and nothing depends on the clock or
the machine, so the same versions always give the same bytes and adding a version adds one
line — the store can live in git and be read in a diff.

Each entry carries the version's content hash (``sha256:`` of the version file's bytes) and a
chain hash::

    chain(n) = sha256(chain(n-1) + "\\n" + hash(n) + "\\n" + canonical JSON of entry n's fields)

where chain(0) is derived from the deliberation id. Editing, removing or reordering an entry
breaks the chain from that entry on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from amendtrack.errors import InputError, IntegrityError
from amendtrack.files.safe_json import lone_surrogate, parse_json
from amendtrack.model import Version
from amendtrack.translation import _

HISTORY_NAME = "history.jsonl"
"""The history file in each deliberation folder."""
HISTORY_FORMAT = "amendtrack-history"
HISTORY_VERSION = 1
DELIBERATION_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
"""What a deliberation id looks like (the schema's pattern); it names the folder."""
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
VERSION_FILE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:\.[0-9]{1,9})?\.xml")
"""What a version file is called (`version_file_name`): a name in its folder, nothing more."""
_FIELD_ORDER = ("number", "date", "file", "seance", "numero", "modifies", "act_date", "act_numero",
                "objet")


def read_store_file(path: Path) -> bytes | None:
    """The bytes of one of the store's own files (None if it is not there).

    Bounded like any input, and never through a symbolic link: the store reads only itself.
    IntegrityError when the name is something else than a file (a folder, a FIFO, a link).
    """
    from amendtrack.files.reading import read_bytes

    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise IntegrityError(_("cannot read: {problem}").format(problem=error.strerror),
                             path) from None
    try:
        return read_bytes(path, follow_links=False)
    except InputError as error:
        raise IntegrityError(error.message, path) from None


def sha256_of(data: bytes) -> str:
    """``sha256:`` and the hex digest of `data` (the form of every hash in the store)."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def genesis(deliberation: str) -> str:
    """The chain hash that precedes a deliberation's first entry."""
    return sha256_of(f"{HISTORY_FORMAT}:{HISTORY_VERSION}:{deliberation}".encode())


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One version as the history records it."""

    number: int
    """Position in the history, 1 for the first version (``ID@1``)."""
    date: str
    """The version's date (``VersionInfo.date``)."""
    file: str
    """Name of the version file in the deliberation folder."""
    hash: str
    """``sha256:`` of the version file's bytes (its canonical serialisation)."""
    chain: str
    """The chain hash up to and including this entry."""
    modifies: str | None = None
    """``VersionInfo.modifies``: the date of the version this one modifies."""
    act_date: str | None = None
    """Date of the modifying act."""
    act_numero: str | None = None
    """Number of the modifying act."""
    objet: str = ""
    """The deliberation's subject in this version (so `list` need not parse XML)."""
    seance: str | None = None
    """The version's séance (``Metadata.seance``); None in entries recorded before it was kept."""
    numero: str | None = None
    """The version's numéro (``Metadata.numero``), when it has one; entries recorded before it
    was kept have none (`amendtrack.store.lineage` then matches on dates only)."""

    def fields(self) -> dict[str, Any]:
        """The entry's fields other than its hashes, absent ones left out, in file order."""
        values = {name: getattr(self, name) for name in _FIELD_ORDER}
        return {name: value for name, value in values.items() if value is not None}


def chain_hash(previous: str, content_hash: str, fields: dict[str, Any]) -> str:
    """The chain hash of an entry (see the module docstring)."""
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return sha256_of(f"{previous}\n{content_hash}\n{canonical}".encode())


def version_file_name(date: str, same_date_before: int) -> str:
    """``DATE.xml``, or ``DATE.N.xml`` for the N-th version of one date (N ≥ 2)."""
    return f"{date}.xml" if same_date_before == 0 else f"{date}.{same_date_before + 1}.xml"


@dataclass(frozen=True, slots=True)
class History:
    """The versions of one deliberation, oldest first."""

    deliberation: str
    entries: tuple[HistoryEntry, ...] = ()

    @property
    def latest(self) -> HistoryEntry | None:
        """The newest entry (None for an empty history)."""
        return self.entries[-1] if self.entries else None

    @property
    def head(self) -> str:
        """The chain hash of the newest entry (the genesis hash when empty)."""
        return self.entries[-1].chain if self.entries else genesis(self.deliberation)

    def next_entry(self, version: Version, content_hash: str) -> HistoryEntry:
        """The entry that recording `version` (whose bytes hash to `content_hash`) appends."""
        info = version.info
        same_date = sum(1 for entry in self.entries if entry.date == info.date)
        draft = HistoryEntry(
            number=len(self.entries) + 1,
            date=info.date,
            file=version_file_name(info.date, same_date),
            hash=content_hash,
            chain="",
            modifies=info.modifies,
            act_date=None if info.act is None else info.act.date,
            act_numero=None if info.act is None else info.act.numero,
            objet=version.metadata.objet,
            seance=version.metadata.seance,
            numero=version.metadata.numero,
        )
        return with_chain(draft, self.head)

    def appended(self, entry: HistoryEntry) -> History:
        """This history with one more entry."""
        return History(self.deliberation, (*self.entries, entry))


def with_chain(entry: HistoryEntry, previous: str) -> HistoryEntry:
    """`entry` with its chain hash computed from the previous one."""
    return replace(entry, chain=chain_hash(previous, entry.hash, entry.fields()))


# --- text form --------------------------------------------------------------------------------


def _line(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(", ", ": "))


def entry_json(entry: HistoryEntry) -> dict[str, Any]:
    """An entry as the JSON object written on its line (fields, then hash and chain)."""
    return {**entry.fields(), "hash": entry.hash, "chain": entry.chain}


def format_history(history: History) -> bytes:
    """The bytes of a history file."""
    header = {
        "format": HISTORY_FORMAT,
        "version": HISTORY_VERSION,
        "deliberation": history.deliberation,
    }
    lines = [_line(header), *(_line(entry_json(entry)) for entry in history.entries)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def parse_history(data: bytes, path: str | Path) -> History:
    """Read a history file; IntegrityError naming the file and line if it is malformed."""
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise IntegrityError(_("history is not valid UTF-8"), path) from None
    if not lines:
        raise IntegrityError(_("history is empty"), path)
    header = _load_line(lines[0], 1, path)
    if header.get("format") != HISTORY_FORMAT or header.get("version") != HISTORY_VERSION:
        raise IntegrityError(_("line 1: not an {format} version {version} header").format(
            format=HISTORY_FORMAT, version=HISTORY_VERSION), path)
    deliberation = header.get("deliberation")
    if not isinstance(deliberation, str) or not DELIBERATION_ID.fullmatch(deliberation):
        raise IntegrityError(_("line 1: bad deliberation id"), path)
    entries = tuple(
        entry_from_json(_load_line(text, number, path),
                        _("line {number}").format(number=number), path)
        for number, text in enumerate(lines[1:], start=2)
    )
    return History(deliberation, entries)


def _load_line(text: str, number: int, path: str | Path) -> dict[str, Any]:
    try:
        value = parse_json(text, path, IntegrityError)
    except IntegrityError as error:
        raise IntegrityError(_("line {number}: {problem}").format(
            number=number, problem=error.message), path) from None
    if not isinstance(value, dict):
        raise IntegrityError(_("line {number}: not a JSON object").format(number=number),
                             path)
    return value


def entry_from_json(values: dict[str, Any], where: str, path: str | Path) -> HistoryEntry:
    """An entry from its JSON object; IntegrityError if a field is missing or mistyped."""
    known = {*_FIELD_ORDER, "hash", "chain"}
    unknown = sorted(set(values) - known)
    if unknown:
        raise IntegrityError(_("{where}: unknown field {field!r}").format(
            where=where, field=unknown[0]), path)
    text_fields = ("date", "file", "hash", "chain")
    if not isinstance(values.get("number"), int) or any(
        not isinstance(values.get(name), str) for name in text_fields
    ):
        raise IntegrityError(_("{where}: needs number, date, file, hash and chain").format(
            where=where), path)
    optional = ("modifies", "act_date", "act_numero", "objet", "seance", "numero")
    if any(not isinstance(values.get(name, ""), str) for name in optional):
        raise IntegrityError(_("{where}: a field has the wrong type").format(where=where),
                             path)
    if any(lone_surrogate(value) for value in values.values() if isinstance(value, str)):
        raise IntegrityError(_("{where}: a field holds text that is not valid Unicode").format(
            where=where), path)
    return HistoryEntry(
        number=values["number"],
        date=values["date"],
        file=values["file"],
        hash=values["hash"],
        chain=values["chain"],
        modifies=values.get("modifies"),
        act_date=values.get("act_date"),
        act_numero=values.get("act_numero"),
        objet=values.get("objet", ""),
        seance=values.get("seance"),
        numero=values.get("numero"),
    )
