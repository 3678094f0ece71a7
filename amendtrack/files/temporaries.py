"""Temporary files of the writer: fixed-length names, locked while written, leftovers removed.

A temporary file is called ``.amendtrack-`` + 16 hex digits + ``.tmp`` (32 bytes) whatever the
name of its target, so that any valid output name works. Its writer holds an exclusive `flock` on
it from its creation to its rename; a temporary that can be locked therefore belongs to a write
that was killed, and `remove_leftovers` removes it (the next write in the folder does). The lock
is checked against the name (its inode) on both sides, so a cleaner never removes a temporary
that a writer has just created.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

TEMPORARY_PREFIX = ".amendtrack-"
TEMPORARY_SUFFIX = ".tmp"
"""Temporary files are hidden: ``.amendtrack-`` + 16 hex digits + ``.tmp`` (32 bytes)."""
_TEMPORARY = re.compile(r"\.amendtrack-[0-9a-f]{16}\.tmp")
_CLEANED: set[str] = set()
"""Folders whose leftovers this process has already removed."""


def temporary_for(target: Path) -> Path:
    """A new temporary name in the folder of `target` (its length never depends on `target`)."""
    return target.with_name(f"{TEMPORARY_PREFIX}{os.urandom(8).hex()}{TEMPORARY_SUFFIX}")


def is_temporary(name: str) -> bool:
    """A name `temporary_for` gives."""
    return _TEMPORARY.fullmatch(name) is not None


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files in `folder` that no running write holds; return them.

    A writer keeps an exclusive lock on its temporary file until it renames it, so a temporary
    that can be locked belongs to a write that was killed.
    """
    removed: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if is_temporary(entry.name)]
    except OSError:
        return removed
    for name in names:
        path = folder / name
        if _remove_if_abandoned(path):
            removed.append(path)
    return removed


def _remove_if_abandoned(path: Path) -> bool:
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.fstat(descriptor).st_ino != os.lstat(path).st_ino:
            return False  # renamed into place, or replaced, since it was listed
        path.unlink()
        return True
    except OSError:
        return False  # held by a running write, or already gone
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Flush a folder: a rename is durable only once the folder holding it is."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@dataclass(slots=True)
class Temporary:
    """A temporary file being written, locked by this process until it is renamed or removed."""

    target: Path
    """The file it will replace."""
    existing: os.stat_result | None
    """What the target was when the write began (None: it did not exist)."""
    shown: str
    """The output as the user named it, for messages."""
    path: Path
    descriptor: int
    """-1 once closed."""

    def close(self) -> None:
        """Close it, which releases the lock (once only: the number may be reused)."""
        if self.descriptor >= 0:
            descriptor, self.descriptor = self.descriptor, -1
            with contextlib.suppress(OSError):
                os.close(descriptor)

    def commit(self) -> None:
        """Rename it over its target, then release the lock (removed if the rename fails)."""
        try:
            self.path.rename(self.target)
        except BaseException:
            self.discard()
            raise
        self.close()

    def discard(self) -> None:
        """Remove and close it (nothing of it is left); removed first, while still locked."""
        if self.descriptor >= 0:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.close()


def create_temporary(target: Path, existing: os.stat_result | None, shown: str) -> Temporary:
    """A new temporary file beside `target`, locked, with the mode (and owner) of `existing`.

    The killed writes' leftovers in that folder are removed first, once per process.
    """
    folder = target.parent
    key = str(folder.absolute())
    if key not in _CLEANED:
        remove_leftovers(folder)
        _CLEANED.add(key)
    mode = 0o666 if existing is None else stat.S_IMODE(existing.st_mode)
    while True:
        temporary = temporary_for(target)
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                                 mode)
        except FileExistsError:
            continue
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        if _still_named(descriptor, temporary):
            break
        os.close(descriptor)  # a cleaner removed it before the lock was taken: take another
    created = Temporary(target, existing, shown, temporary, descriptor)
    if existing is not None:
        with contextlib.suppress(OSError):  # keep the mode (and the owner, when allowed)
            os.fchmod(descriptor, mode)
            if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                os.fchown(descriptor, existing.st_uid, existing.st_gid)
    return created


def _still_named(descriptor: int, path: Path) -> bool:
    try:
        return os.fstat(descriptor).st_ino == path.lstat().st_ino
    except FileNotFoundError:
        return False
