"""Revision syntax: ``ID@2``, ``ID@2022-12-07``, ``ID@latest``, ``ID@latest~1``.

Wherever a version file is accepted, a revision names a version in the store instead:

- ``ID@N``: the N-th version (1 is the first; `amendtrack log ID` shows the numbers);
- ``ID@YYYY-MM-DD``: the version in force on that date (the last one dated on or before it);
- ``ID@latest``: the newest version; ``ID@latest~K``: K versions before the newest.

An existing file always wins over a revision of the same spelling. A document (``.docx``,
``.odt``, ``.html``, ``.md``, ``.txt``) is imported on the fly (`load_version`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from amendtrack.errors import StoreError, UsageError
from amendtrack.translation import _, ngettext

if TYPE_CHECKING:
    from amendtrack.importers.options import TrackedChanges
    from amendtrack.model import Version
    from amendtrack.store.history import History, HistoryEntry

_REVISION = re.compile(r"(?P<id>[a-z0-9][a-z0-9._-]*)@(?P<rev>.*)")
_SELECTOR = re.compile(
    r"(?P<number>[0-9]+)|(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})|latest(?:~(?P<back>[0-9]+))?"
)
SYNTAX = "ID@N, ID@YYYY-MM-DD, ID@latest or ID@latest~N"


@dataclass(frozen=True, slots=True)
class Revision:
    """A parsed revision: a deliberation and which of its versions."""

    deliberation: str
    number: int | None = None
    """``ID@N``."""
    date: str | None = None
    """``ID@YYYY-MM-DD``."""
    back: int | None = None
    """``ID@latest~K`` (``ID@latest`` is K = 0)."""

    def __str__(self) -> str:
        if self.number is not None:
            return f"{self.deliberation}@{self.number}"
        if self.date is not None:
            return f"{self.deliberation}@{self.date}"
        return f"{self.deliberation}@latest" + (f"~{self.back}" if self.back else "")


def parse_revision(argument: str) -> Revision | None:
    """The revision an argument spells, None if it does not look like one.

    StoreError when it has the ``ID@…`` shape but what follows ``@`` is not understood.
    """
    match = _REVISION.fullmatch(argument)
    if match is None:
        return None
    selector = _SELECTOR.fullmatch(match["rev"])
    if selector is None:
        raise StoreError(_("{argument!r} is not a file, nor a revision ({syntax})").format(
            argument=argument[:80], syntax=SYNTAX))
    deliberation = match["id"]
    for count in (selector["number"], selector["back"]):
        if count is not None and len(count.lstrip("0")) > 9:
            raise StoreError(_("{argument!r}: no deliberation has that many versions").format(
                argument=argument[:80]))
    if selector["number"] is not None:
        return Revision(deliberation, number=int(selector["number"]))
    if selector["date"] is not None:
        try:
            date.fromisoformat(selector["date"])
        except ValueError:
            raise StoreError(_("{argument!r}: {date} is not a date ({syntax})").format(
                argument=argument, date=selector["date"], syntax=SYNTAX)) from None
        return Revision(deliberation, date=selector["date"])
    return Revision(deliberation, back=int(selector["back"] or 0))


def select(history: History, revision: Revision) -> HistoryEntry:
    """The history entry a revision names; StoreError if there is none."""
    entries = history.entries
    count = len(entries)
    if revision.number is not None:
        if 1 <= revision.number <= count:
            return entries[revision.number - 1]
        raise StoreError(_("{revision}: {id} has versions @1 to @{count}").format(
            revision=revision, id=history.deliberation, count=count))
    if revision.date is not None:
        in_force = [entry for entry in entries if entry.date <= revision.date]
        if in_force:
            return in_force[-1]
        first = entries[0].date if entries else "-"
        raise StoreError(_("{revision}: the first version of {id} is {date}").format(
            revision=revision, id=history.deliberation, date=first))
    back = revision.back or 0
    if back < count:
        return entries[count - 1 - back]
    raise StoreError(ngettext("{revision}: {id} has only {count} version",
                              "{revision}: {id} has only {count} versions", count).format(
        revision=revision, id=history.deliberation, count=count))


def resolve_revision(argument: str, store_dir: Path | None) -> Version | None:
    """The stored version an argument names, or None if it is not a revision.

    An existing path is never a revision. `store_dir` None means the default store
    (``$AMENDTRACK_STORE`` or ``./deliberations``).
    """
    if _is_file_name(argument):
        return None
    revision = parse_revision(argument)
    if revision is None:
        return None
    from amendtrack.store.repository import Store

    store = Store.open(store_dir)
    history = store.history(revision.deliberation)
    return store.load(revision.deliberation, select(history, revision))


def _is_file_name(argument: str) -> bool:
    # What exists is a file, never a revision; a name the system refuses (too long, a NUL)
    # is not a file here, and the reader says why if it is not a revision either.
    try:
        return Path(argument).exists()
    except (OSError, ValueError):
        return False


def load_version(argument: str, store_dir: Path | None = None, *,
                 meta: Mapping[str, str] | None = None, meta_prefix: str = "",
                 warn: Callable[[str], None] | None = None,
                 note: Callable[[str], None] | None = None,
                 tracked_changes: TrackedChanges | None = None,
                 defaults: tuple[Mapping[str, str], str] | None = None) -> Version:
    """The one way to read a version a user names: a version XML file, a document (``.docx``,
    ``.odt``, ``.html``, ``.md``, ``.txt``) imported on the fly, or a revision such as ``ID@2``.

    A document is imported as ``amendtrack import`` does it (title block → metadata), with
    `meta` as its ``--meta`` pairs; a fact it needs and does not state is asked for as
    ``--meta PREFIXkey=…`` (`meta_prefix` is ``old.`` for OLD of a comparison). What the import
    has to say goes to `warn`, one line each (its news, such as facts read from the title block,
    to `note`); `tracked_changes` (``--tracked-changes``) says
    what to do with a document's tracked changes (refused when None); `defaults`, the facts a
    document stands in for when it does not state them and where they come from
    (``ReadOptions.defaults``, the configuration's). `meta` is refused for
    version XML and revisions,
    whose facts are their own. `store_dir` None means the default store
    (``$AMENDTRACK_STORE`` or ``./deliberations``).
    """
    version = resolve_revision(argument, store_dir)
    if version is None and is_document(argument):
        return _imported(Path(argument), dict(meta or {}), meta_prefix, (warn, note),
                         tracked_changes, defaults)
    if meta:
        key = next(iter(meta))
        raise UsageError(_(
            "--meta {key}: {argument} is a version, whose facts are its own; --meta sets "
            "facts of a document imported on the fly ({extensions})").format(
                key=f"{meta_prefix}{key}", argument=argument,
                extensions=", ".join(DOCUMENT_EXTENSIONS)))
    if version is not None:
        return version
    from amendtrack.version_xml import load

    return load(argument)


DOCUMENT_EXTENSIONS = (".docx", ".odt", ".html", ".htm", ".md", ".markdown", ".txt", ".text")
"""The extensions of documents read as versions by importing them on the fly."""


def is_document(argument: str) -> bool:
    """Whether `argument` names a document to import (by its extension), not version XML."""
    return Path(argument).suffix.lower() in DOCUMENT_EXTENSIONS


def _imported(path: Path, meta: dict[str, str], prefix: str,
              tell: tuple[Callable[[str], None] | None, Callable[[str], None] | None],
              tracked_changes: TrackedChanges | None,
              defaults: tuple[Mapping[str, str], str] | None = None) -> Version:
    from amendtrack.importers.importing import import_source
    from amendtrack.importers.options import ReadOptions
    from amendtrack.importers.options import TrackedChanges as Choice

    facts, origin = defaults or ({}, "")
    options = ReadOptions(tracked_changes=tracked_changes or Choice.REFUSE,
                          meta_prefix=prefix, defaults=facts, defaults_origin=origin)
    result = import_source(path, source_format=None, meta=meta, options=options)
    for told, messages in zip(tell, (result.warnings, result.notes), strict=True):
        if told is None:
            continue
        for message in messages:  # a reader's warnings and notes name the file already
            told(message if message.startswith(f"{path}: ") else f"{path}: {message}")
    return result.version
