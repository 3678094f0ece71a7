"""Finishing or undoing an `add` that crashed, from the pending note it left.

An `add` writes a pending note (``.amendtrack-pending.json``: the deliberation, the chain hash
the new entry follows, whether the folder is new, the entry) before anything else, and removes
it last. Whoever takes the store's lock next calls `recover`: if the history still ends where
the note says and the version file is complete, the entry is appended (the add is finished);
if the file never got its name, the add is undone; if the history already has it, only the note
is left to remove. A note that cannot be read (not JSON, not the shape an `add` writes, a folder)
is never guessed at: it is one `IntegrityError` telling what to do, and `verify` reports it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from amendtrack.errors import AmendtrackError, IntegrityError, OutputError
from amendtrack.files.safe_json import parse_json
from amendtrack.files.writing import is_temporary as is_own_temporary
from amendtrack.files.writing import remove_leftovers, sync_folder
from amendtrack.store.history import (
    DELIBERATION_ID,
    HISTORY_NAME,
    History,
    HistoryEntry,
    entry_from_json,
    format_history,
    read_store_file,
    sha256_of,
)
from amendtrack.translation import _

PENDING_NAME = ".amendtrack-pending.json"
"""The note of an `add` in progress: what recovery finishes or undoes."""


def _damaged(problem: str) -> str:
    return _("pending note of an interrupted add is damaged ({problem}); move it out of the "
             "store, then run `amendtrack store verify`").format(problem=problem)


class Store(Protocol):
    """What recovery needs of `amendtrack.store.repository.Store` (which calls it)."""

    @property
    def root(self) -> Path:
        """The store's folder."""

    @property
    def durable(self) -> bool:
        """Whether writes are fsynced."""

    def folder(self, deliberation: str) -> Path:
        """The folder of a deliberation."""

    def path(self, deliberation: str, entry: HistoryEntry) -> Path:
        """The version file of an entry."""

    def read_history(self, deliberation: str) -> History | None:
        """The history of a deliberation, None if it has none."""

    def write_file(self, folder: Path, name: str, data: bytes) -> None:
        """Replace one of the store's files atomically."""


@dataclass(frozen=True, slots=True)
class PendingAdd:
    """What a pending note says: the add to finish or undo."""

    deliberation: str
    previous: str
    """The chain hash the new entry follows."""
    new_folder: bool
    entry: HistoryEntry


def is_temporary(name: str) -> bool:
    """A temporary file left by an interrupted atomic write (hidden, ``.tmp``)."""
    return is_own_temporary(name) or (name.startswith(".") and name.endswith(".tmp"))


def read_pending(root: Path) -> PendingAdd | None:
    """The pending note of the store at `root` (None when there is none)."""
    path = root / PENDING_NAME
    try:
        data = read_store_file(path)
        if data is None:
            return None
        note: Any = parse_json(data, path, IntegrityError)
    except IntegrityError as error:
        raise IntegrityError(_damaged(error.message), path) from None
    if not isinstance(note, dict):
        raise IntegrityError(_damaged(_("not a JSON object")), path)
    deliberation, previous = note.get("deliberation"), note.get("previous")
    if not isinstance(deliberation, str) or not DELIBERATION_ID.fullmatch(deliberation):
        raise IntegrityError(_damaged(_("no deliberation id")), path)
    if not isinstance(previous, str) or not isinstance(note.get("new_folder"), bool):
        raise IntegrityError(_damaged(_("no previous chain hash")), path)
    if not isinstance(note.get("entry"), dict):
        raise IntegrityError(_damaged(_("no entry")), path)
    try:
        entry = entry_from_json(note["entry"], _("pending entry"), path)
    except IntegrityError as error:
        raise IntegrityError(_damaged(error.message), path) from None
    return PendingAdd(deliberation, previous, note["new_folder"], entry)


def recover(store: Store) -> str | None:
    """Finish or undo an `add` that crashed; call with the lock held.

    Returns what was done (None when nothing was pending). Temporary files of interrupted
    atomic writes are removed. IntegrityError for a damaged note, OutputError when the store
    cannot be written (read-only, full).
    """
    remove_leftovers(store.root)
    pending = read_pending(store.root)
    if pending is None:
        return None
    try:
        done = _finish(store, pending)
        (store.root / PENDING_NAME).unlink()
        if store.durable:
            sync_folder(store.root)
    except OSError as error:
        raise OutputError(_("cannot finish the interrupted add of {revision}: {problem}").format(
            revision=f"{pending.deliberation}@{pending.entry.number}", problem=error.strerror),
            error.filename or store.root) from None
    return done


def _finish(store: Store, pending: PendingAdd) -> str:
    deliberation, entry = pending.deliberation, pending.entry
    folder = store.folder(deliberation)
    if folder.is_dir() and not folder.is_symlink():
        remove_temporaries(folder)
    history = store.read_history(deliberation) or History(deliberation)
    if history.head != pending.previous:
        return _("{revision} was already recorded").format(
            revision=f"{deliberation}@{entry.number}")
    version_file = store.path(deliberation, entry)
    try:
        data = read_store_file(version_file)
    except AmendtrackError:
        data = None
    if data is not None and sha256_of(data) == entry.hash:
        store.write_file(folder, HISTORY_NAME, format_history(history.appended(entry)))
        return _("finished the interrupted add of {revision}").format(
            revision=f"{deliberation}@{entry.number}")
    if pending.new_folder and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        if store.durable:
            sync_folder(store.root)
    return _("undid the interrupted add of {revision}").format(
        revision=f"{deliberation}@{entry.number}")


def remove_temporaries(folder: Path) -> None:
    """Remove the temporary files of killed writes in a deliberation folder (lock held).

    amendtrack's own are removed when no running write holds them (someone may be writing
    an output there); older ones, named after their target, whenever the lock is held.
    """
    removed = bool(remove_leftovers(folder))
    for child in folder.iterdir():
        if is_temporary(child.name) and not is_own_temporary(child.name):
            with contextlib.suppress(FileNotFoundError):
                child.unlink()
            removed = True
    if removed:
        sync_folder(folder)
