"""Where a batch keeps finished records until the output is whole, so that a kill loses nothing.

While a run lasts, finished records go into numbered *part* files in a hidden folder beside the
output (``.OUT.jsonl.parts/``), each written whole by the atomic writer: a part is there
entirely or not at all. At the end the output is assembled from the previous output and the
parts, in the plan's order, and written atomically too; then the parts are removed. A run
killed at any moment leaves the previous output untouched and the parts it finished; the next
run reads both, skips what they hold, and so ends with the same bytes as a run never stopped.

An exclusive lock (``flock`` on ``lock`` in the parts folder) keeps two runs from writing the
same output at once; the kernel releases it when a process dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from amendtrack.batch.records import read_key
from amendtrack.errors import OutputError
from amendtrack.files.writing import atomic_output, remove_leftovers, write_atomic
from amendtrack.translation import _

_PART = re.compile(r"[0-9]{6}\.jsonl")
_LOCK_NAME = "lock"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a record line is: its file, its offset and length there, and whether it is ``ok``."""

    path: Path
    offset: int
    length: int
    ok: bool


@dataclass(frozen=True, slots=True)
class Index:
    """The records available to this run, by key, and the keys of the output as it stands."""

    records: dict[str, Location]
    output_keys: list[str]
    parts: int
    """How many part files earlier runs left (0 after a run that ended)."""


class Journal:
    """The parts folder of one output file."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.folder = output.with_name(f".{output.name}.parts")
        self._next = 1
        self.written = 0
        """Part files this run wrote."""

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the output's lock; OutputError if another run holds it."""
        try:
            self.folder.mkdir(exist_ok=True)
            descriptor = os.open(self.folder / _LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise OutputError(_("cannot write: {problem}").format(problem=error.strerror),
                              self.output) from None
        try:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError(_("another amendtrack batch is writing this output"),
                                  self.output) from None
            # Temporaries of an output a killed run was writing (never a half-written output:
            # the atomic writer renames only whole files).
            remove_leftovers(self.output.parent)
            try:
                yield
            finally:
                self._tidy()
        finally:
            os.close(descriptor)

    def _tidy(self) -> None:
        # A run that stopped before finishing any record leaves nothing behind.
        with contextlib.suppress(OSError):
            if not self._parts():
                self.discard()

    def _parts(self) -> list[Path]:
        return sorted(path for path in self.folder.iterdir() if _PART.fullmatch(path.name))

    def index(self) -> Index:
        """Every record of the output and of the parts (a part's record wins over the output's)."""
        records: dict[str, Location] = {}
        output_keys = self._scan(self.output, records, check=True)
        parts = self._parts()
        for part in parts:
            self._scan(part, records, check=False)
        if parts:
            self._next = int(parts[-1].name[:6]) + 1
        return Index(records, output_keys, len(parts))

    def _scan(self, path: Path, records: dict[str, Location], *, check: bool) -> list[str]:
        keys: list[str] = []
        try:
            stream = path.open("rb")
        except FileNotFoundError:
            return keys
        except OSError as error:
            raise OutputError(_("cannot read: {problem}").format(problem=error.strerror),
                              path) from None
        with stream:
            offset = 0
            for line in stream:
                found = read_key(line)
                if found is None and check and offset == 0 and line.strip():
                    raise OutputError(_("is not the output of amendtrack batch (its first line "
                                        "is not a batch record); refusing to replace it"), path)
                if found is not None:
                    key, ok = found
                    records[key] = Location(path, offset, len(line.rstrip(b"\n")), ok)
                    keys.append(key)
                offset += len(line)
        return keys

    def add_part(self, lines: Sequence[tuple[str, bytes]],
                 records: dict[str, Location]) -> None:
        """Write `lines` as the next part file and index them in `records`."""
        if not lines:
            return
        path = self.folder / f"{self._next:06d}.jsonl"
        self._next += 1
        self.written += 1
        data = b"".join(line + b"\n" for _, line in lines)
        write_atomic(path, data)
        offset = 0
        for key, line in lines:
            ok = read_key(line + b"\n")
            records[key] = Location(path, offset, len(line), bool(ok and ok[1]))
            offset += len(line) + 1

    def assemble(self, keys: Sequence[str], records: dict[str, Location]) -> None:
        """Write the output: the record of each key, in order (every key must have one)."""
        handles: dict[Path, BinaryIO] = {}
        try:
            with atomic_output(self.output) as stream:
                for key in keys:
                    location = records[key]
                    handle = handles.get(location.path)
                    if handle is None:
                        handle = handles[location.path] = location.path.open("rb")
                    handle.seek(location.offset)
                    stream.write(handle.read(location.length) + b"\n")
        finally:
            for handle in handles.values():
                handle.close()

    def discard(self) -> None:
        """Remove the parts folder (the output now holds everything)."""
        with contextlib.suppress(FileNotFoundError):
            for path in self.folder.iterdir():
                path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # gone already, or another run just began
            self.folder.rmdir()


__all__ = ["Index", "Journal", "Location"]
