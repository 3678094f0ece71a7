"""The one way amendtrack writes a file: what it replaces is either the old file or the new one.

A regular file is replaced atomically: the data goes to a hidden temporary file in the target's
folder, is flushed, then renamed over the target. With ``durable`` (the default) the file is
fsynced before the rename and the folder after it, so the new file survives a power cut; the
store turns it off only for bulk generation. On any error the temporary file is removed, the
target is untouched, and the error is one `OutputError` naming the file (exit status 1).

What the target is decides how it is written (`write_atomic`):

- a character device or a FIFO (``-o /dev/null``, ``-o /dev/tty``, a named pipe) is written
  straight through, as any Unix tool does, and stays what it is; standard output named by a path
  (``-o /dev/stdout``) is standard output;
- a symbolic link keeps being a link: the file it points to is replaced atomically (the store
  asks for the link itself to be replaced instead, with ``follow_links=False``);
- a folder, a socket or a block device is refused, and so is a file the command read as input
  (``show v.xml -o v.xml``, see `amendtrack.files.reading.remember_inputs`).

Temporary names have a fixed length (``.amendtrack-`` and 16 hex digits, ``.tmp``), so any valid
output name works. The writer holds an exclusive `flock` on its temporary file until the rename;
the temporary files of writes that were killed are the ones nobody holds, and the next write in
the same folder removes them (`remove_leftovers`). `write_outputs` writes several files all or
nothing (``import --bold-as-additions --before OLD --after NEW``).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from amendtrack.errors import OutputError, UsageError
from amendtrack.files.reading import input_named

TEMPORARY_PREFIX = ".amendtrack-"
TEMPORARY_SUFFIX = ".tmp"
"""Temporary files are hidden: ``.amendtrack-`` + 16 hex digits + ``.tmp`` (32 bytes)."""
STDOUT_NAME = "<stdout>"
"""How messages name standard output."""
_TEMPORARY = re.compile(r"\.amendtrack-[0-9a-f]{16}\.tmp")
_CLEANED: set[str] = set()
"""Folders whose leftovers this process has already removed."""
_REFUSED = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISSOCK, "is a socket: amendtrack writes files, devices and pipes"),
    (stat.S_ISBLK, "is a block device: amendtrack writes files, character devices and pipes"),
)


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


@dataclass(frozen=True, slots=True)
class _Plan:
    """How one output is written."""

    shown: str
    """The name the user gave, for messages."""
    path: Path
    """The file to replace (for a link: the file it points to), or the stream to open."""
    stream: int | None = None
    """1 or 2 for standard output or error; -1 for a device or FIFO opened by name."""
    existing: os.stat_result | None = None


def _plan(path: str | Path, *, follow_links: bool = True) -> _Plan:
    shown = str(path)
    if not shown:
        raise OutputError("the output file name is empty", "''")
    try:
        status = Path(path).stat() if follow_links else Path(path).lstat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror}", shown) from None
    target = Path(path)
    if status is None or not follow_links:
        if status is not None and stat.S_ISDIR(status.st_mode):
            raise OutputError("is a directory, not a file", shown)
        if follow_links and Path(path).is_symlink():
            target = Path(os.path.realpath(path))  # a link to a file not there yet
        return _Plan(shown, target, existing=status)
    for descriptor in (1, 2):
        if _same_file(status, descriptor):
            return _Plan(shown, target, stream=descriptor)
    if stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode):
        return _Plan(shown, target, stream=-1)
    for test, problem in _REFUSED:
        if test(status.st_mode):
            raise OutputError(problem, shown)
    if not stat.S_ISREG(status.st_mode):
        raise OutputError("is not a regular file", shown)
    source = input_named(status.st_dev, status.st_ino)
    if source is not None:
        raise OutputError(
            "is also an input of this command; write the output to another file", shown
        )
    if Path(path).is_symlink():
        target = Path(os.path.realpath(path))
    return _Plan(shown, target, existing=status)


def _same_file(status: os.stat_result, descriptor: int) -> bool:
    try:
        other = os.fstat(descriptor)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino)


@dataclass(slots=True)
class _Temporary:
    """A temporary file being written, locked by this process until it is renamed or removed."""

    plan: _Plan
    path: Path
    descriptor: int
    """-1 once closed."""

    def close(self) -> None:
        """Close it, which releases the lock (once only: the number may be reused)."""
        if self.descriptor >= 0:
            descriptor, self.descriptor = self.descriptor, -1
            with contextlib.suppress(OSError):
                os.close(descriptor)

    def discard(self) -> None:
        """Remove and close it (nothing of it is left); removed first, while still locked."""
        if self.descriptor >= 0:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.close()


def _create_temporary(plan: _Plan) -> _Temporary:
    folder = plan.path.parent
    key = str(folder.absolute())
    if key not in _CLEANED:
        remove_leftovers(folder)
        _CLEANED.add(key)
    mode = 0o666 if plan.existing is None else stat.S_IMODE(plan.existing.st_mode)
    while True:
        temporary = temporary_for(plan.path)
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                                 mode)
        except FileExistsError:
            continue
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        if _still_named(descriptor, temporary):
            break
        os.close(descriptor)  # a cleaner removed it before the lock was taken: take another
    created = _Temporary(plan, temporary, descriptor)
    if plan.existing is not None:
        with contextlib.suppress(OSError):  # keep the mode (and the owner, when allowed)
            os.fchmod(descriptor, mode)
            if (plan.existing.st_uid, plan.existing.st_gid) != (os.geteuid(), os.getegid()):
                os.fchown(descriptor, plan.existing.st_uid, plan.existing.st_gid)
    return created


def _still_named(descriptor: int, path: Path) -> bool:
    try:
        return os.fstat(descriptor).st_ino == path.lstat().st_ino
    except FileNotFoundError:
        return False


def _write_all(descriptor: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        try:
            written = os.write(descriptor, view[: 1 << 20])
        except BlockingIOError:  # a non-blocking pipe handed down by the caller
            import select

            select.select([], [descriptor], [])
            continue
        view = view[written:]


def _prepared(plan: _Plan, data: bytes, durable: bool) -> _Temporary:
    temporary = _create_temporary(plan)
    try:
        _write_all(temporary.descriptor, data)
        if durable:
            os.fsync(temporary.descriptor)
    except BaseException:
        temporary.discard()
        raise
    return temporary


def _commit(temporary: _Temporary) -> None:
    try:
        temporary.path.rename(temporary.plan.path)
    except BaseException:
        temporary.discard()
        raise
    temporary.close()  # releases the lock, after the rename


def _stream(plan: _Plan, data: bytes) -> None:
    if plan.stream in (1, 2):
        _write_stream(plan.stream, data)
        return
    descriptor = os.open(plan.path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _write_stream(descriptor: int, data: bytes) -> None:
    if descriptor in _CLOSED_STREAMS:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    text = sys.stdout if descriptor == 1 else sys.stderr
    if text is None:
        _write_all(descriptor, data)
        return
    text.flush()
    binary = getattr(text, "buffer", None)  # a caller may have replaced the stream (tests)
    if binary is None:
        _write_all(descriptor, data)
        return
    binary.write(data)
    binary.flush()


_CLOSED_STREAMS: set[int] = set()
"""Standard streams that were closed when the command started."""


class _ClosedOutput:
    """``sys.stdout`` when standard output was closed: writing to it is an error."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        """Refuse: there is nowhere to write."""
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        """Nothing is ever buffered."""

    def isatty(self) -> bool:
        """Not a terminal."""
        return False


def guard_standard_streams() -> None:
    """Put ``/dev/null`` on standard streams that are closed, and remember them as closed.

    Without it, the first file opened would take descriptor 1, and "standard output" would
    then be that file. Writing to a stream found closed is an error (`write_output`, and
    ``print`` through ``sys.stdout``).
    """
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            flags = os.O_RDONLY if descriptor == 0 else os.O_WRONLY
            opened = os.open(os.devnull, flags)
            if opened != descriptor:
                os.dup2(opened, descriptor)
                os.close(opened)
            _CLOSED_STREAMS.add(descriptor)
    if 1 in _CLOSED_STREAMS:
        sys.stdout = _ClosedOutput()


def stdin_closed() -> bool:
    """True when standard input was closed when the command started."""
    return 0 in _CLOSED_STREAMS


def flush_standard_output() -> None:
    """Flush ``sys.stdout``; an error is one `OutputError`, and the unwritten rest is dropped.

    Called before the command line exits, so that a full disk or a closed pipe behind standard
    output is reported like any other output error (and not as a traceback at exit).
    """
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except OSError as error:
        # Nothing more can reach it: send what is left to /dev/null so the flush at exit
        # does not fail again.
        with contextlib.suppress(OSError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)
        raise OutputError(f"cannot write: {_problem(error)}", STDOUT_NAME) from None


@contextlib.contextmanager
def _reported(shown: str) -> Iterator[None]:
    """Turn any OSError into one `OutputError` naming the output."""
    try:
        yield
    except OSError as error:
        raise OutputError(f"cannot write: {_problem(error)}", shown) from None


def _problem(error: OSError) -> str:
    if error.errno == errno.EBADF:
        return "the stream is closed"
    return error.strerror or str(error)


def write_atomic(path: str | Path, data: bytes, *, durable: bool = True,
                 follow_links: bool = True) -> None:
    """Write `data` to `path`: a regular file atomically, a device or FIFO straight through.

    With `follow_links` False (the store's own files) the name itself is replaced, whatever it
    is now, and nothing it may point to is touched.
    """
    plan = _plan(path, follow_links=follow_links)
    with _reported(plan.shown):
        if plan.stream is not None:
            _stream(plan, data)
            return
        _commit(_prepared(plan, data, durable))
        if durable:
            sync_folder(plan.path.parent)


def write_output(path: str | Path | None, data: bytes) -> None:
    """Write to `path` (`write_atomic`), or to standard output when `path` is None or ``-``."""
    if path is None or str(path) == "-":
        with _reported(STDOUT_NAME):
            _write_stream(1, data)
    else:
        write_atomic(path, data)


def write_outputs(outputs: Sequence[tuple[str | Path, bytes]], *, durable: bool = True) -> None:
    """Write several files all or nothing: if one cannot be written, none is changed.

    Every target is checked before anything is written; the files are then written to
    temporaries and renamed into place one after the other, and if a rename fails the ones
    already renamed are put back as they were. Devices and FIFOs are written last.
    """
    plans = [_plan(path) for path, _ in outputs]
    _refuse_repeats(plans)
    contents = [data for _, data in outputs]
    files = [(plan, data) for plan, data in zip(plans, contents, strict=True)
             if plan.stream is None]
    prepared: list[_Temporary] = []
    try:
        for plan, data in files:
            with _reported(plan.shown):
                prepared.append(_prepared(plan, data, durable))
    except BaseException:
        for temporary in prepared:
            temporary.discard()
        raise
    _commit_all(prepared, durable)
    for plan, data in zip(plans, contents, strict=True):
        if plan.stream is not None:
            with _reported(plan.shown):
                _stream(plan, data)


def _refuse_repeats(plans: Sequence[_Plan]) -> None:
    seen: dict[str, str] = {}
    for plan in plans:
        if plan.stream is not None:
            continue  # /dev/null may well take both
        key = os.path.realpath(plan.path)
        if key in seen:
            raise UsageError(f"is named for two outputs ({seen[key]} and {plan.shown})",
                             plan.shown)
        seen[key] = plan.shown


def _commit_all(prepared: list[_Temporary], durable: bool) -> None:
    backups: list[tuple[_Temporary, Path | None]] = []
    try:
        for temporary in prepared:
            with _reported(temporary.plan.shown):
                backups.append((temporary, _backup(temporary)))
                _commit(temporary)
    except BaseException:
        _roll_back(backups, prepared)
        raise
    for _, backup in backups:
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()
    if durable:
        for folder in {temporary.plan.path.parent for temporary in prepared}:
            with _reported(str(folder)):
                sync_folder(folder)


def _backup(temporary: _Temporary) -> Path | None:
    # A second name for the file being replaced, so that a later failure can put it back.
    if temporary.plan.existing is None:
        return None
    backup = temporary_for(temporary.plan.path)
    try:
        os.link(temporary.plan.path, backup)
    except OSError:
        return None
    return backup


def _roll_back(backups: list[tuple[_Temporary, Path | None]],
               prepared: list[_Temporary]) -> None:
    committed = {id(temporary) for temporary, _ in backups[:-1]}
    for temporary, backup in reversed(backups[:-1]):
        with contextlib.suppress(OSError):
            if backup is not None:
                backup.rename(temporary.plan.path)
            else:
                temporary.plan.path.unlink()
    if backups and backups[-1][1] is not None:
        with contextlib.suppress(OSError):
            backups[-1][1].unlink()  # the failed one: its target was never replaced
    for temporary in prepared:
        if id(temporary) not in committed:
            temporary.discard()
