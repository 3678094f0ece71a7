"""The one way amendtrack writes a file: atomically, so a reader sees the old file or the new one.

The data goes to a hidden temporary file in the target's folder (`temporary_for`), is flushed,
then renamed over the target. With ``durable`` (the default) the file is fsynced before the
rename and the folder after it, so the new file survives a power cut; the store turns it off
only for bulk generation. On any error the temporary file is removed and the target is
untouched. The store uses this writer too, under its lock.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from amendtrack.errors import OutputError

TEMPORARY_SUFFIX = ".tmp"
"""Temporary files are hidden (a leading ``.``) and end with this suffix."""


def temporary_for(target: Path) -> Path:
    """A new temporary name beside `target`: ``.NAME.RANDOM.tmp``."""
    return target.with_name(f".{target.name}.{os.urandom(4).hex()}{TEMPORARY_SUFFIX}")


def leftovers(target: Path) -> list[Path]:
    """The temporary files of `target` that interrupted writes left behind."""
    import glob  # only when cleaning up

    pattern = f".{glob.escape(target.name)}.*{TEMPORARY_SUFFIX}"
    return sorted(target.parent.glob(pattern))


def remove_leftovers(target: Path) -> None:
    """Remove what `leftovers` finds (the caller knows no write of `target` is running)."""
    for temporary in leftovers(target):
        temporary.unlink(missing_ok=True)


def sync_folder(folder: Path) -> None:
    """Flush a folder: a rename is durable only once the folder holding it is."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _create_temporary(target: Path) -> tuple[int, Path]:
    while True:
        temporary = temporary_for(target)
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), temporary
        except FileExistsError:
            continue


@contextlib.contextmanager
def atomic_output(path: str | Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary stream that replaces `path` only when the block ends without an exception."""
    target = Path(path)
    try:
        descriptor, temporary = _create_temporary(target)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror}", path) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    if durable:
        sync_folder(target.parent)


def write_atomic(path: str | Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` atomically."""
    with atomic_output(path, durable=durable) as stream:
        stream.write(data)


def write_output(path: str | Path | None, data: bytes) -> None:
    """Write to `path` atomically, or to standard output when `path` is None or ``-``."""
    if path is None or str(path) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(path, data)
