"""Checking a store: every hash, every chain, and no version file edited, missing or extra.

A deliberation folder is a folder of the store holding a ``history.jsonl``. Its ``*.xml``
files are version files: each must be named by the history (else it is *extra*). Other files
there (a ``README.md``, the source act) and other folders of the store
(``samples/plugin-example``), files at the top included, are documentation: not part of the
store, not checked. A folder holding ``*.xml`` files without a history is reported (its
history is missing). Names starting with ``.`` (``.git``, editors' files, the store's own
temporaries, removed by recovery first) are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from amendtrack.errors import AmendtrackError, IntegrityError
from amendtrack.store.history import (
    HISTORY_NAME,
    VERSION_FILE,
    History,
    chain_hash,
    genesis,
    parse_history,
    read_store_file,
    sha256_of,
    version_file_name,
)
from amendtrack.store.recovery import PENDING_NAME
from amendtrack.store.repository import MARKER_NAME, Store
from amendtrack.translation import _, ngettext


class ProblemKind(StrEnum):
    """What is wrong with a file."""

    EDITED = "edited"
    """A version file whose bytes no longer match the hash in the history."""
    MISSING = "missing"
    """A file the history names (or a history a folder of versions needs) is not there."""
    EXTRA = "extra"
    """A file in a deliberation folder that its history does not name."""
    HISTORY = "history"
    """The history itself is malformed, out of order, or its chain is broken."""
    INVALID = "invalid"
    """(deep check) a version file that does not parse or does not match its entry."""
    PENDING = "pending"
    """An interrupted `add` that could not be finished (a damaged note, a read-only store)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the store."""

    kind: ProblemKind
    path: Path
    detail: str

    def __str__(self) -> str:
        return _("{path}: {kind}: {detail}").format(path=self.path, kind=kind_label(self.kind),
                                                    detail=self.detail)


def kind_label(kind: ProblemKind) -> str:
    """The word for a kind of problem in the language of the interface (« modifié »)."""
    labels = {
        ProblemKind.EDITED: _("edited"), ProblemKind.MISSING: _("missing"),
        ProblemKind.EXTRA: _("extra"), ProblemKind.HISTORY: _("history"),
        ProblemKind.INVALID: _("invalid"), ProblemKind.PENDING: _("pending"),
    }
    return labels[kind]


@dataclass(frozen=True, slots=True)
class Report:
    """The result of `verify`."""

    deliberations: int
    versions: int
    problems: tuple[Problem, ...]
    recovered: str | None = None
    """What recovery did to a crashed `add` before checking (None: nothing was pending)."""

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def verify(store: Store, *, deep: bool = False) -> Report:
    """Check the whole store under its lock (finishing a crashed `add` first).

    `deep` also parses every version file and checks it against its entry. A store that
    cannot be written (read-only) is checked all the same: a crashed `add` it cannot finish,
    or a damaged pending note, is one more problem reported.
    """
    with store.locked(recovering=False):
        problems: list[Problem] = []
        recovered = _recover(store, problems)
        deliberations = versions = 0
        for folder in sorted(store.root.iterdir()):
            name = folder.name
            if name.startswith(".") or name == MARKER_NAME or not folder.is_dir():
                continue
            if folder.is_symlink():
                problems.append(Problem(
                    ProblemKind.EXTRA, folder, _("a symbolic link: not read, the store holds "
                                                 "only its own folders"),
                ))
                continue
            if (folder / HISTORY_NAME).is_file():
                deliberations += 1
                versions += _check_deliberation(folder, problems, deep=deep)
            elif any(child.suffix == ".xml" for child in folder.iterdir()):
                problems.append(Problem(
                    ProblemKind.MISSING, folder / HISTORY_NAME,
                    _("this folder holds version files but no history"),
                ))
    return Report(deliberations, versions, tuple(problems), recovered)


def _recover(store: Store, problems: list[Problem]) -> str | None:
    try:
        return store.recover()
    except AmendtrackError as error:
        where = Path(error.path) if error.path else store.root / PENDING_NAME
        problems.append(Problem(ProblemKind.PENDING, where, error.message))
        return None


def verify_or_raise(store: Store, *, deep: bool = False) -> Report:
    """`verify`, raising IntegrityError (exit 1) that names the first problem and the count."""
    report = verify(store, deep=deep)
    if report.problems:
        first = report.problems[0]
        more = len(report.problems) - 1
        problem = _("{kind}: {detail}").format(kind=kind_label(first.kind), detail=first.detail)
        if more:
            problem = ngettext("{problem} (and {count} more problem)",
                               "{problem} (and {count} more problems)", more).format(
                problem=problem, count=more)
        raise IntegrityError(problem, first.path)
    return report


def _check_deliberation(folder: Path, problems: list[Problem], *, deep: bool) -> int:
    path = folder / HISTORY_NAME
    try:
        history = parse_history(read_store_file(path) or b"", path)
    except IntegrityError as error:
        problems.append(Problem(ProblemKind.HISTORY, path, error.message))
        return 0
    if history.deliberation != folder.name:
        problems.append(Problem(
            ProblemKind.HISTORY, path,
            _("history is for {id!r}, in folder {folder!r}").format(id=history.deliberation,
                                                                   folder=folder.name),
        ))
    _check_chain(history, path, problems)
    named = {HISTORY_NAME}
    for entry in history.entries:
        named.add(entry.file)
        if not VERSION_FILE.fullmatch(entry.file):
            continue  # reported by _check_chain; never read (it could be ../outside.xml)
        version_file = folder / entry.file
        try:
            data = read_store_file(version_file)
        except IntegrityError as error:
            problems.append(Problem(
                ProblemKind.EDITED, version_file, _("version @{number}: {problem}").format(
                    number=entry.number, problem=error.message)
            ))
            continue
        if data is None:
            problems.append(Problem(
                ProblemKind.MISSING, version_file, _("version @{number} is not there").format(
                    number=entry.number)
            ))
            continue
        found = sha256_of(data)
        if found != entry.hash:
            problems.append(Problem(
                ProblemKind.EDITED, version_file,
                _("version @{number} differs from the history (recorded {recorded}…, found "
                  "{found}…)").format(number=entry.number, recorded=entry.hash[:19],
                                       found=found[:19]),
            ))
        elif deep:
            _check_content(history.deliberation, entry.number, entry.date, data,
                           version_file, problems)
    for child in sorted(folder.iterdir()):
        if child.suffix == ".xml" and child.name not in named and not child.name.startswith("."):
            problems.append(Problem(ProblemKind.EXTRA, child, _("not named by the history")))
    return len(history.entries)


def _check_chain(history: History, path: Path, problems: list[Problem]) -> None:
    previous = genesis(history.deliberation)
    dates: dict[str, int] = {}
    last_date = ""
    for position, entry in enumerate(history.entries, start=1):
        number = entry.number
        if entry.number != position:
            problems.append(Problem(
                ProblemKind.HISTORY, path, _("entry @{number} is in position {position}").format(
                    number=number, position=position)
            ))
        if entry.date < last_date:
            problems.append(Problem(
                ProblemKind.HISTORY, path,
                _("entry @{number} is dated before the entry preceding it").format(number=number)
            ))
        expected_file = version_file_name(entry.date, dates.get(entry.date, 0))
        if entry.file != expected_file:
            problems.append(Problem(
                ProblemKind.HISTORY, path,
                _("entry @{number} names {file!r}, not {expected}").format(
                    number=number, file=entry.file[:80], expected=expected_file),
            ))
        if entry.chain != chain_hash(previous, entry.hash, entry.fields()):
            problems.append(Problem(
                ProblemKind.HISTORY, path,
                _("entry @{number}: the chain is broken (the entry or one before it was "
                  "edited)").format(number=number),
            ))
        dates[entry.date] = dates.get(entry.date, 0) + 1
        last_date = entry.date
        previous = entry.chain


def _check_content(deliberation: str, number: int, date: str, data: bytes, path: Path,
                   problems: list[Problem]) -> None:
    from amendtrack import version_xml

    try:
        version = version_xml.parse_bytes(data, path)
    except AmendtrackError as error:
        problems.append(Problem(ProblemKind.INVALID, path, error.message))
        return
    if version.info.deliberation != deliberation or version.info.date != date:
        problems.append(Problem(
            ProblemKind.INVALID, path,
            _("version @{number} says {id} of {date}").format(
                number=number, id=version.info.deliberation, date=version.info.date),
        ))
