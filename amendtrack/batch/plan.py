"""What a batch compares: every consecutive pair of versions of every selected deliberation.

The source is a store (its histories give the order and the content hash of every version) or
a plain folder of version files (each file is read once here: its bytes are hashed and its
``version`` element says which deliberation it belongs to and its date; a deliberation's files
are then ordered by date, then by path). Nothing here parses a whole version: workers do, by
content hash (`amendtrack.batch.work`).

A history or a file that cannot be read becomes a `PlanProblem`: reported and counted like a
failed pair, it never stops the others.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from amendtrack.errors import AmendtrackError, InputError, UsageError
from amendtrack.store.history import HISTORY_NAME, sha256_of
from amendtrack.store.repository import MARKER_NAME, Store
from amendtrack.translation import _

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class VersionRef:
    """One version as a worker finds it: its file and the hash its bytes must have."""

    number: int
    """Its place among the deliberation's versions, 1 for the first (``ID@1`` in a store)."""
    date: str
    file: str
    """The file, relative to the source's root, with ``/`` separators."""
    hash: str
    """``sha256:`` of the file's bytes."""

    def as_json(self) -> dict[str, Any]:
        """The reference as it appears in a record."""
        return {"number": self.number, "date": self.date, "file": self.file, "hash": self.hash}


@dataclass(frozen=True, slots=True)
class Pair:
    """Two consecutive versions of one deliberation."""

    deliberation: str
    old: VersionRef
    new: VersionRef

    @property
    def label(self) -> str:
        """How messages name the pair: ``ID@1 → ID@2``."""
        return f"{self.deliberation}@{self.old.number} → {self.deliberation}@{self.new.number}"


@dataclass(frozen=True, slots=True)
class PlanProblem:
    """A history or a version file that could not be read while planning."""

    file: str
    """The file concerned, relative to the source's root."""
    message: str
    exit_code: int
    deliberation: str | None = None


@dataclass(frozen=True, slots=True)
class Selection:
    """Which pairs to compare: some deliberations only, and pairs whose new version is recent."""

    deliberations: frozenset[str] = field(default_factory=frozenset)
    """Empty: every deliberation."""
    since: str | None = None
    """``YYYY-MM-DD``: only pairs whose new version is dated on or after it."""

    def __post_init__(self) -> None:
        if self.since is not None and not _ISO_DATE.fullmatch(self.since):
            raise UsageError(_("--since takes a date YYYY-MM-DD, not {value!r}").format(
                value=self.since))

    def wants(self, deliberation: str) -> bool:
        """Whether the deliberation is selected."""
        return not self.deliberations or deliberation in self.deliberations

    def keeps(self, pair: Pair) -> bool:
        """Whether the pair's new version is recent enough."""
        return self.since is None or pair.new.date[:10] >= self.since


@dataclass(frozen=True, slots=True)
class Source:
    """Where the versions are: a store, or a folder of version files."""

    root: Path
    is_store: bool

    @classmethod
    def locate(cls, folder: Path | None, store_dir: Path | None) -> Source:
        """The folder given (a store if it has a store marker), else the store in use."""
        if folder is None:
            return cls(Store.open(store_dir).root.resolve(), True)
        if (folder / MARKER_NAME).is_file():
            return cls(Store.open(folder).root.resolve(), True)
        if not folder.is_dir():
            raise InputError(_("not a folder of version files, nor a store"), folder)
        return cls(folder.resolve(), False)


Item = Pair | PlanProblem
"""One line of the output: a pair to compare, or a problem met while planning."""


def plan(source: Source, selection: Selection, exclude: Iterable[Path] = ()) -> list[Item]:
    """Every selected pair (and every problem), in the order of the output.

    Deliberations come in id order, each one's pairs in version order; in a folder, files that
    could not be read come last, by path. `exclude` names folders to leave out of a folder
    source (the output's own folders).
    """
    if source.is_store:
        return _plan_store(source, selection)
    return _plan_folder(source, selection, tuple(path.resolve() for path in exclude))


def _pairs(deliberation: str, versions: list[VersionRef], selection: Selection) -> list[Pair]:
    pairs = (Pair(deliberation, old, new) for old, new in pairwise(versions))
    return [pair for pair in pairs if selection.keeps(pair)]


def _check_selected(known: Iterable[str], selection: Selection, root: Path) -> None:
    unknown = sorted(selection.deliberations - set(known))
    if unknown:
        raise UsageError(_("no deliberation {name!r} in {folder}").format(name=unknown[0],
                                                                          folder=root))


def _plan_store(source: Source, selection: Selection) -> list[Item]:
    store = Store.open(source.root)
    names = store.deliberations()
    _check_selected(names, selection, source.root)
    items: list[Item] = []
    for name in names:
        if not selection.wants(name):
            continue
        try:
            history = store.history(name)
        except AmendtrackError as error:
            items.append(problem_from(error, source.root, f"{name}/{HISTORY_NAME}", name))
            continue
        versions = [VersionRef(entry.number, entry.date, f"{name}/{entry.file}", entry.hash)
                    for entry in history.entries]
        items.extend(_pairs(name, versions, selection))
    return items


def _version_files(root: Path, exclude: tuple[Path, ...]) -> Iterator[Path]:
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(
            name for name in subfolders
            if not name.startswith(".") and (here / name).resolve() not in exclude
        )
        for name in sorted(files):
            if name.endswith(".xml") and not name.startswith("."):
                yield here / name


def _plan_folder(source: Source, selection: Selection, exclude: tuple[Path, ...]) -> list[Item]:
    from amendtrack.files.reading import read_bytes
    from amendtrack.version_xml.header import read_header

    found: dict[str, list[tuple[str, str, str]]] = {}
    problems: list[Item] = []
    for path in _version_files(source.root, exclude):
        relative = path.relative_to(source.root).as_posix()
        try:
            data = read_bytes(path)
            header = read_header(data, relative)
        except AmendtrackError as error:
            problems.append(problem_from(error, source.root, relative))
            continue
        found.setdefault(header.deliberation, []).append((header.date, relative, sha256_of(data)))
    _check_selected(found, selection, source.root)
    items: list[Item] = []
    for name in sorted(found):
        if selection.wants(name):
            versions = [VersionRef(number, date, relative, digest) for number, (date, relative,
                        digest) in enumerate(sorted(found[name]), start=1)]
            items.extend(_pairs(name, versions, selection))
    # A file that cannot be read belongs to no known deliberation: reported whatever the
    # selection, since it may be a version of a selected one.
    items.extend(problems)
    return items


def relative_name(path: str | None, root: Path) -> str | None:
    """`path` relative to `root` when it lies inside (records must not depend on where it is)."""
    if path is None or not Path(path).is_absolute():
        return path
    named = Path(path)
    # The name itself is never resolved: a link in the store is named where it is.
    for form in (named, named.parent.resolve() / named.name):
        try:
            return form.relative_to(root).as_posix()
        except ValueError:
            continue
    return path


def problem_from(error: AmendtrackError, root: Path, file: str,
                 deliberation: str | None = None) -> PlanProblem:
    """A `PlanProblem` from an error, its file named relative to the root."""
    return PlanProblem(relative_name(error.path, root) or file, error.message, error.exit_code,
                       deliberation)


__all__ = [
    "Item",
    "Pair",
    "PlanProblem",
    "Selection",
    "Source",
    "VersionRef",
    "plan",
    "problem_from",
    "relative_name",
]
