"""The versioned store: every version of every deliberation, nothing ever lost.

Layout (see docs/store.md)::

    STORE/amendtrack-store.json        marker, with the format version
    STORE/ID/history.jsonl             the versions of deliberation ID, hashes chained
    STORE/ID/2022-02-02.xml            one plain version XML file per version
    STORE/.amendtrack-pending.json     only while an `add` runs (or after it crashed)

Writers take an exclusive `flock` on the marker file, so concurrent `add` from several
processes are serialised. An `add` writes a pending note (the intent), then the version file,
then the new history, each atomically (temporary file, fsync, rename, fsync of the folder),
then removes the note. Whoever takes the lock next finishes a crashed `add` from its note
(`recover`), so at every moment the history names only complete files, and once recovered
every visible file is named by a history. Readers need no lock: the history is replaced
atomically and names only files that are already complete.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from amendtrack.errors import AmendtrackError, IntegrityError, OutputError, StoreError
from amendtrack.files.safe_json import parse_json
from amendtrack.files.writing import remove_leftovers, sync_folder, write_atomic
from amendtrack.model import Version
from amendtrack.store.history import (
    DELIBERATION_ID,
    HISTORY_NAME,
    ISO_DATE,
    VERSION_FILE,
    History,
    HistoryEntry,
    entry_json,
    format_history,
    parse_history,
    read_store_file,
    sha256_of,
)
from amendtrack.store.recovery import PENDING_NAME, recover
from amendtrack.translation import _

if TYPE_CHECKING:
    from amendtrack.store.lineage import Placement

MARKER_NAME = "amendtrack-store.json"
"""The file that makes a folder a store (and the file writers lock)."""
STORE_FORMAT = "amendtrack-store"
STORE_VERSION = 1
DEFAULT_STORE = "deliberations"
STORE_ENVIRONMENT = "AMENDTRACK_STORE"


def default_store_dir() -> Path:
    """The store used when none is given: ``$AMENDTRACK_STORE``, else ``./deliberations``."""
    return Path(os.environ.get(STORE_ENVIRONMENT) or DEFAULT_STORE)


def marker_bytes() -> bytes:
    """The content of the marker file."""
    return (json.dumps({"format": STORE_FORMAT, "version": STORE_VERSION}) + "\n").encode()


def init_store(root: Path) -> Path:
    """Create an empty store at `root` (StoreError if there is one already)."""
    marker = root / MARKER_NAME
    try:
        if os.path.lexists(marker):
            raise StoreError(_("a store already exists here"), root)
        if root.exists() and not root.is_dir():
            raise StoreError(_("exists and is not a folder"), root)
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(_("cannot create the store: {problem}").format(
            problem=error.strerror), root) from None
    write_atomic(root / MARKER_NAME, marker_bytes(), follow_links=False)
    return root


@dataclass(frozen=True, slots=True)
class Store:
    """A store on disk. `durable=False` skips fsync (bulk generation only)."""

    root: Path
    durable: bool = True

    @classmethod
    def open(cls, root: Path | None = None, *, durable: bool = True) -> Store:
        """The store at `root` (default: `default_store_dir`); StoreError if there is none."""
        folder = default_store_dir() if root is None else Path(root)
        marker = folder / MARKER_NAME
        try:
            data = read_store_file(marker)
            values = None if data is None else parse_json(data, marker, StoreError)
        except AmendtrackError as error:
            raise StoreError(_("unreadable store marker: {problem}").format(
                problem=error.message), marker) from None
        if data is None:
            raise StoreError(_(
                "no store here (create one with `amendtrack store init`, or give --store DIR "
                "or set {variable})").format(variable=STORE_ENVIRONMENT), folder)
        if not isinstance(values, dict) or values.get("format") != STORE_FORMAT:
            raise StoreError(_("not an {format} marker").format(format=STORE_FORMAT), marker)
        if values.get("version") != STORE_VERSION:
            raise StoreError(_(
                "store format version {found} is not supported (this amendtrack reads "
                "version {version})").format(found=repr(values.get("version"))[:20],
                                             version=STORE_VERSION), marker)
        return cls(folder, durable)

    # --- reading ------------------------------------------------------------------------------

    def deliberations(self) -> list[str]:
        """The ids of the deliberations in the store, sorted."""
        names = []
        with os.scandir(self.root) as entries:
            for entry in entries:
                if (
                    entry.is_dir()
                    and DELIBERATION_ID.fullmatch(entry.name)
                    and Path(entry.path, HISTORY_NAME).is_file()
                ):
                    names.append(entry.name)
        return sorted(names)

    def latest_versions(self) -> Iterator[tuple[str, int, HistoryEntry]]:
        """Each deliberation (sorted by id) with its number of versions and its latest entry.

        Only the header and the last line of each history are parsed, so listing a big store
        stays fast; `verify` is what checks whole histories.
        """
        folders = sorted(
            entry.name for entry in os.scandir(self.root)
            if entry.is_dir() and DELIBERATION_ID.fullmatch(entry.name)
        )
        for identifier in folders:
            path = self.folder(identifier) / HISTORY_NAME
            data = read_store_file(path)
            if data is None:
                continue  # not a deliberation folder
            lines = data.rstrip(b"\n").split(b"\n")
            if len(lines) < 2:
                continue
            history = parse_history(lines[0] + b"\n" + lines[-1], path)
            entry = history.entries[0]
            if history.deliberation != identifier or entry.number != len(lines) - 1:
                raise IntegrityError(_("history is malformed; run `amendtrack store verify`"), path)
            yield identifier, entry.number, entry

    def folder(self, deliberation: str) -> Path:
        """The folder of a deliberation (it may not exist); never a link out of the store."""
        if not DELIBERATION_ID.fullmatch(deliberation) or len(deliberation) > 200:
            raise StoreError(_(
                "{id!r} is not a deliberation id (lower-case letters, digits, '.', '_' and "
                "'-'; at most 200 of them)").format(id=deliberation[:60]))
        folder = self.root / deliberation
        if folder.is_symlink():
            raise IntegrityError(
                _("is a symbolic link: the store reads and writes only its own folders"), folder
            )
        return folder

    def history(self, deliberation: str) -> History:
        """The history of a deliberation; StoreError if the store does not hold it."""
        found = self.read_history(deliberation)
        if found is None:
            raise StoreError(_("no deliberation {id!r} in the store").format(id=deliberation),
                             self.root)
        return found

    def read_history(self, deliberation: str) -> History | None:
        """The history of a deliberation, None if it has none."""
        path = self.folder(deliberation) / HISTORY_NAME
        data = read_store_file(path)
        if data is None:
            return None
        history = parse_history(data, path)
        if history.deliberation != deliberation:
            raise IntegrityError(_("history is for {found!r}, not {id!r}").format(
                found=history.deliberation, id=deliberation), path)
        return history

    def path(self, deliberation: str, entry: HistoryEntry) -> Path:
        """The version file of a history entry: a file of the deliberation's folder, always.

        IntegrityError when the history names anything else (``../outside.xml``).
        """
        folder = self.folder(deliberation)
        if not VERSION_FILE.fullmatch(entry.file):
            raise IntegrityError(_(
                "version @{number} is recorded as {file!r}, which is not a version file of "
                "this folder; run `amendtrack store verify`").format(
                    number=entry.number, file=entry.file[:60]), folder / HISTORY_NAME)
        return folder / entry.file

    def load(self, deliberation: str, entry: HistoryEntry) -> Version:
        """A stored version, after checking its bytes against the history's hash."""
        from amendtrack import version_xml

        path = self.path(deliberation, entry)
        try:
            data = read_store_file(path)
        except IntegrityError as error:
            raise IntegrityError(_(
                "version @{number}: {problem}; run `amendtrack store verify`").format(
                    number=entry.number, problem=error.message), path) from None
        if data is None:
            raise IntegrityError(_(
                "version @{number}: no such file; run `amendtrack store verify`").format(
                    number=entry.number), path)
        if sha256_of(data) != entry.hash:
            raise IntegrityError(_(
                "version @{number} was edited since it was recorded (its hash differs from "
                "the history); run `amendtrack store verify`").format(number=entry.number),
                path)
        return version_xml.parse_bytes(data, path)

    # --- writing ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self, *, recovering: bool = True) -> Iterator[str | None]:
        """Hold the store's exclusive lock, after finishing any crashed `add`.

        Yields what recovery did (None when nothing was pending, or `recovering` is False).
        """
        marker = self.root / MARKER_NAME
        try:
            descriptor = os.open(marker, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError as error:
            raise StoreError(_("cannot lock the store: {problem}").format(
                problem=error.strerror), marker) from None
        try:
            yield self.recover() if recovering else None
        finally:
            os.close(descriptor)  # closing releases the lock

    def add(self, version: Version, deliberation: str | None = None, *,
            source: str | Path | None = None) -> HistoryEntry:
        """Record a new version (of `deliberation` when given: the copy then carries that id).

        StoreError if the version is identical to the latest one or dated before it; the
        message names `source` (the file the version came from) when given.
        """
        with self.locked():
            return self._add_locked(version, deliberation, source)

    def file(self, version: Version, deliberation: str | None = None, *, new: bool = False,
             source: str | Path | None = None) -> tuple[HistoryEntry, Placement]:
        """Record a new version under the deliberation it belongs to (`amendtrack.store.lineage`:
        the one it modifies, `deliberation` when given, a new one with `new`), decided under
        the lock; the entry and where it went. StoreError as `add`, or when lineage cannot tell.
        """
        from amendtrack.store.lineage import place

        with self.locked():
            placement = place(self, version, given=deliberation, new=new, where=source)
            return self._add_locked(version, placement.deliberation, source), placement

    def _add_locked(self, version: Version, deliberation: str | None,
                    source: str | Path | None) -> HistoryEntry:
        from amendtrack import version_xml

        if deliberation is not None:
            version = replace(version, info=replace(version.info, deliberation=deliberation))
        identifier = version.info.deliberation
        folder = self.folder(identifier)
        if not ISO_DATE.fullmatch(version.info.date):
            raise StoreError(_(
                "the store needs a plain YYYY-MM-DD version date, not {date!r}").format(
                    date=version.info.date))
        data = version_xml.checked_bytes(version, f"{identifier}@new")
        content_hash = sha256_of(data)
        history = self.read_history(identifier)
        new_folder = history is None
        if history is None:
            self._check_new_folder(folder)
            history = History(identifier)
        _refuse(history, version, content_hash, folder if source is None else source)
        self._refuse_upgraded(history, content_hash, folder if source is None else source)
        entry = history.next_entry(version, content_hash)
        if (folder / entry.file).exists():
            raise StoreError(_(
                "a file with this name is not named by the history; run `amendtrack store "
                "verify`"), folder / entry.file)
        try:
            self._commit(history, entry, data, new_folder=new_folder)
        except OutputError as error:
            self._abandon(history, entry)  # reported as failed: recovery must not finish it
            raise OutputError(_("cannot write to the store: {problem}").format(
                problem=error.message), error.path) from None
        except OSError as error:
            self._abandon(history, entry)
            raise OutputError(_("cannot write to the store: {problem}").format(
                problem=error.strerror), error.filename or folder) from None
        return entry

    def _refuse_upgraded(self, history: History, content_hash: str, where: str | Path) -> None:
        """Refuse a version identical to the latest one when that one is a format-1 file.

        A format-1 file is never rewritten: its hash in the history is of its own bytes, so
        the version it holds is compared as read (upgraded to format 2).
        """
        from amendtrack import version_xml

        latest = history.latest
        if latest is None or latest.hash == content_hash:
            return
        path = self.path(history.deliberation, latest)
        if version_xml.NAMESPACE_1.encode() not in (read_store_file(path) or b"")[:200]:
            return
        if version_xml.content_hash(self.load(history.deliberation, latest)) == content_hash:
            raise StoreError(_(
                "this version is identical to the latest one ({revision}, a format-1 file)"
            ).format(revision=f"{history.deliberation}@{latest.number}"), where)

    def _abandon(self, history: History, entry: HistoryEntry) -> None:
        # Best effort: if this fails too, the pending note stays for the next writer.
        folder = self.folder(history.deliberation)
        with contextlib.suppress(OSError, AmendtrackError):
            current = self.read_history(history.deliberation) or History(history.deliberation)
            if current.head == history.head:
                version_file = folder / entry.file
                written = read_store_file(version_file)
                if written is not None and sha256_of(written) == entry.hash:
                    version_file.unlink()
                remove_leftovers(folder)
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
            (self.root / PENDING_NAME).unlink(missing_ok=True)
            remove_leftovers(self.root)

    def _check_new_folder(self, folder: Path) -> None:
        if folder.exists() and any(not child.name.startswith(".") for child in folder.iterdir()):
            raise StoreError(_(
                "the folder exists but has no {history}; it is not a deliberation").format(
                    history=HISTORY_NAME), folder)

    def _commit(self, history: History, entry: HistoryEntry, data: bytes, *,
                new_folder: bool) -> None:
        folder = self.folder(history.deliberation)
        note = {
            "deliberation": history.deliberation,
            "previous": history.head,
            "new_folder": new_folder,
            "entry": entry_json(entry),
        }
        self.write_file(self.root, PENDING_NAME, json.dumps(note).encode())
        if new_folder and not folder.exists():
            folder.mkdir()
            self._sync(self.root)
        self.write_file(folder, entry.file, data)
        self.write_file(folder, HISTORY_NAME, format_history(history.appended(entry)))
        (self.root / PENDING_NAME).unlink()
        self._sync(self.root)

    def write_file(self, folder: Path, name: str, data: bytes) -> None:
        """Replace one of the store's files atomically (never writing through a link)."""
        write_atomic(folder / name, data, durable=self.durable, follow_links=False)

    def _sync(self, folder: Path) -> None:
        if self.durable:
            sync_folder(folder)

    # --- recovery -----------------------------------------------------------------------------

    def recover(self) -> str | None:
        """Finish or undo an `add` that crashed (`amendtrack.store.recovery`); lock held."""
        return recover(self)


def _refuse(history: History, version: Version, content_hash: str, where: str | Path) -> None:
    latest = history.latest
    if latest is None:
        return
    latest_name = f"{history.deliberation}@{latest.number}"
    if content_hash == latest.hash:
        raise StoreError(_("this version is identical to the latest one ({revision})").format(
            revision=latest_name), where)
    if version.info.date < latest.date:
        raise StoreError(_(
            "this version is dated {date}, before the latest one ({revision}, {latest})"
        ).format(date=version.info.date, revision=latest_name, latest=latest.date), where)
