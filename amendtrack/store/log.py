"""The log of a deliberation: its versions, their numéro, séance and act, and what each changed.

What a version changed is counted by `amendtrack.diffing.summary`, the one change summary:
`amendtrack diff` prints the same words after « Résumé : ».
"""

from __future__ import annotations

from dataclasses import dataclass

from amendtrack.diffing.summary import Summary, change_summary, summarise
from amendtrack.model import Version
from amendtrack.store.history import HistoryEntry
from amendtrack.store.lineage import spelled_date
from amendtrack.store.repository import Store
from amendtrack.translation import _


@dataclass(frozen=True, slots=True)
class LogLine:
    """One version in the log."""

    entry: HistoryEntry
    summary: Summary | None
    """What the version changed, counted as every renderer counts it (None for the first)."""
    change: str | None = None
    """The summary in words, with the metadata changed, as `amendtrack diff` prints it."""
    numero: str | None = None
    """The version's numéro (from the version itself: entries of old stores lack it)."""
    seance: str = ""
    """The version's séance."""
    modified: HistoryEntry | None = None
    """The version of this deliberation that this one modifies, when the store holds it."""


def log(store: Store, deliberation: str) -> list[LogLine]:
    """The versions of a deliberation, oldest first, each with the summary of its change."""
    history = store.history(deliberation)
    from amendtrack.diffing.amendments import diff

    lines: list[LogLine] = []
    previous: Version | None = None
    for entry in history.entries:
        version = store.load(deliberation, entry)
        modified = _modified(history.entries[:entry.number - 1], entry.modifies)
        summary, change = None, None
        if previous is not None:
            amendment = diff(previous, version)
            summary, change = summarise(amendment), change_summary(amendment)
        lines.append(LogLine(entry, summary, change, version.metadata.numero,
                             version.metadata.seance, modified))
        previous = version
    return lines


def _modified(earlier: tuple[HistoryEntry, ...], date: str | None) -> HistoryEntry | None:
    found = [entry for entry in earlier
             if date and date in (entry.date, entry.seance, entry.act_date)]
    return found[-1] if found else None


def describe_version(line: LogLine) -> str:
    """The version's numéro and séance in words: « n° 07.12.13, séance du 7 décembre 2022 »."""
    seance = spelled_date(line.seance or line.entry.date)
    if line.numero:
        return _("n° {numero}, meeting of {date}").format(numero=line.numero, date=seance)
    return _("meeting of {date}").format(date=seance)


def describe_act(entry: HistoryEntry) -> str:
    """The act that made a version, in words; never « original » (a store may begin with a
    modified version, and a later version may come without its act)."""
    numero, date = entry.act_numero, entry.act_date
    if numero and date:
        return _("act n° {numero} of {date}").format(numero=numero, date=spelled_date(date))
    if numero:
        return _("act n° {numero}").format(numero=numero)
    if date:
        return _("act of {date}").format(date=spelled_date(date))
    if entry.number == 1:
        return _("the first version recorded")
    return _("no modifying act recorded")


def describe_modified(deliberation: str, line: LogLine) -> str | None:
    """What the version modifies, in words (None when it says nothing about it)."""
    date = line.entry.modifies
    if not date:
        return None
    if line.modified is None:
        return _("it modifies the version of {date}, which the store does not hold").format(
            date=spelled_date(date))
    return _("it modifies the version of {date} ({revision})").format(
        date=spelled_date(date), revision=f"{deliberation}@{line.modified.number}")


def log_text(deliberation: str, lines: list[LogLine]) -> list[str]:
    """The log as ``amendtrack store log`` prints it: per version, a line with its revision,
    date, numéro and séance, then, indented, its act, what it modifies and what it changed."""
    text: list[str] = []
    for line in lines:
        entry = line.entry
        text.append(f"{deliberation}@{entry.number}  {entry.date}  {describe_version(line)}")
        text.append(f"    {describe_act(entry)}")
        modified = describe_modified(deliberation, line)
        if modified is not None:
            text.append(f"    {modified}")
        if line.change is not None:
            text.append(f"    {line.change}")
    return text


__all__ = ["LogLine", "describe_act", "describe_modified", "describe_version", "log",
           "log_text"]
