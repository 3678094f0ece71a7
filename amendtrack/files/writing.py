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
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from amendtrack.errors import OutputError, UsageError
from amendtrack.files.reading import input_named
from amendtrack.files.streams import (
    STDOUT_NAME,
    flush_standard_output,
    guard_standard_streams,
    problem,
    write_all,
    write_stream,
)
from amendtrack.files.temporaries import (
    Temporary,
    create_temporary,
    is_temporary,
    remove_leftovers,
    sync_folder,
    temporary_for,
)
from amendtrack.translation import _

__all__ = [
    "STDOUT_NAME",
    "atomic_output",
    "check_outputs",
    "flush_standard_output",
    "guard_standard_streams",
    "is_temporary",
    "remove_leftovers",
    "sync_folder",
    "temporary_for",
    "write_atomic",
    "write_output",
    "write_outputs",
]

_REFUSED: tuple[tuple[Callable[[int], bool], Callable[[], str]], ...] = (
    (stat.S_ISDIR, lambda: _("is a directory, not a file")),
    (stat.S_ISSOCK, lambda: _("is a socket: amendtrack writes files, devices and pipes")),
    (stat.S_ISBLK, lambda: _("is a block device: amendtrack writes files, character devices "
                             "and pipes")),
)
"""Each kind of output refused, and the problem to say (translated when it is said)."""


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
        raise OutputError(_("the output file name is empty"), "''")
    try:
        status = Path(path).stat() if follow_links else Path(path).lstat()
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise OutputError(_("cannot write: {problem}").format(problem=error.strerror),
                          shown) from None
    target = Path(path)
    if status is None or not follow_links:
        if status is not None and stat.S_ISDIR(status.st_mode):
            raise OutputError(_("is a directory, not a file"), shown)
        if follow_links and Path(path).is_symlink():
            target = Path(os.path.realpath(path))  # a link to a file not there yet
        return _Plan(shown, target, existing=status)
    for descriptor in (1, 2):
        if _same_file(status, descriptor):
            return _Plan(shown, target, stream=descriptor)
    if stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode):
        return _Plan(shown, target, stream=-1)
    for test, refusal in _REFUSED:
        if test(status.st_mode):
            raise OutputError(refusal(), shown)
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(_("is not a regular file"), shown)
    source = input_named(status.st_dev, status.st_ino)
    if source is not None:
        raise OutputError(
            _("is also an input of this command; write the output to another file"), shown
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


def _prepared(plan: _Plan, data: bytes, durable: bool) -> Temporary:
    temporary = create_temporary(plan.path, plan.existing, plan.shown)
    try:
        write_all(temporary.descriptor, data)
        if durable:
            os.fsync(temporary.descriptor)
    except BaseException:
        temporary.discard()
        raise
    return temporary


def _stream(plan: _Plan, data: bytes) -> None:
    if plan.stream in (1, 2):
        write_stream(plan.stream, data)
        return
    descriptor = os.open(plan.path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        write_all(descriptor, data)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _reported(shown: str) -> Iterator[None]:
    """Turn any OSError into one `OutputError` naming the output."""
    try:
        yield
    except OSError as error:
        raise OutputError(_("cannot write: {problem}").format(problem=problem(error)),
                          shown) from None


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
        _prepared(plan, data, durable).commit()
        if durable:
            sync_folder(plan.path.parent)


@contextlib.contextmanager
def atomic_output(path: str | Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary stream that replaces the regular file `path` only if the block ends without an
    exception: `write_atomic` for an output too large to hold in memory (``amendtrack batch``).

    A device, a FIFO or standard output is refused: such an output could not be read again.
    """
    plan = _plan(path)
    if plan.stream is not None:
        raise OutputError(_("cannot write: this output must be a regular file"), plan.shown)
    with _reported(plan.shown):
        temporary = create_temporary(plan.path, plan.existing, plan.shown)
        stream = os.fdopen(os.dup(temporary.descriptor), "wb")
    try:
        with stream:
            yield stream  # what the caller's block raises is the caller's, not a write error
            with _reported(plan.shown):
                stream.flush()
                if durable:
                    os.fsync(stream.fileno())
    except BaseException:
        temporary.discard()
        raise
    with _reported(plan.shown):
        temporary.commit()
        if durable:
            sync_folder(plan.path.parent)


def write_output(path: str | Path | None, data: bytes) -> None:
    """Write to `path` (`write_atomic`), or to standard output when `path` is None or ``-``."""
    if path is None or str(path) == "-":
        with _reported(STDOUT_NAME):
            write_stream(1, data)
    else:
        write_atomic(path, data)


def check_outputs(outputs: Sequence[str | Path | None], inputs: Sequence[str | Path] = (),
                  ) -> None:
    """Refuse, before any work is done, outputs that could not be written or that repeat.

    Standard output (None, ``-``) is always fine. An output that is one of `inputs` (the same
    file, through a link or another name) is refused; `write_atomic` checks it all again.
    """
    named = [output for output in outputs if output is not None and str(output) != "-"]
    plans = [_plan(output) for output in named]
    _refuse_repeats(plans)
    sources = set()
    for source in inputs:
        with contextlib.suppress(OSError, ValueError):
            status = Path(source).stat()
            sources.add((status.st_dev, status.st_ino))
    for plan in plans:
        if plan.stream is None and plan.existing is not None and (
            (plan.existing.st_dev, plan.existing.st_ino) in sources
        ):
            raise OutputError(
                _("is also an input of this command; write the output to another file"),
                plan.shown,
            )
        if plan.stream is None and plan.existing is None and not plan.path.parent.is_dir():
            raise OutputError(_("cannot write: the folder it is in does not exist"),
                              plan.shown)


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
    prepared: list[Temporary] = []
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
            raise UsageError(_("is named for two outputs ({first} and {second})").format(
                first=seen[key], second=plan.shown), plan.shown)
        seen[key] = plan.shown


def _commit_all(prepared: list[Temporary], durable: bool) -> None:
    backups: list[tuple[Temporary, Path | None]] = []
    try:
        for temporary in prepared:
            with _reported(temporary.shown):
                backups.append((temporary, _backup(temporary)))
                temporary.commit()
    except BaseException:
        _roll_back(backups, prepared)
        raise
    for _temporary, backup in backups:
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()
    if durable:
        for folder in {temporary.target.parent for temporary in prepared}:
            with _reported(str(folder)):
                sync_folder(folder)


def _backup(temporary: Temporary) -> Path | None:
    # A second name for the file being replaced, so that a later failure can put it back.
    if temporary.existing is None:
        return None
    backup = temporary_for(temporary.target)
    try:
        os.link(temporary.target, backup)
    except OSError:
        return None
    return backup


def _roll_back(backups: list[tuple[Temporary, Path | None]],
               prepared: list[Temporary]) -> None:
    committed = {id(temporary) for temporary, _ in backups[:-1]}
    for temporary, backup in reversed(backups[:-1]):
        with contextlib.suppress(OSError):
            if backup is not None:
                backup.rename(temporary.target)
            else:
                temporary.target.unlink()
    if backups and backups[-1][1] is not None:
        with contextlib.suppress(OSError):
            backups[-1][1].unlink()  # the failed one: its target was never replaced
    for temporary in prepared:
        if id(temporary) not in committed:
            temporary.discard()
