"""The log of a deliberation: its versions, their acts, and what each one changed."""

from __future__ import annotations

from dataclasses import dataclass

from amendtrack.diffing.summary import Summary, change_summary, summarise
from amendtrack.store.history import HistoryEntry
from amendtrack.store.repository import Store


@dataclass(frozen=True, slots=True)
class LogLine:
    """One version in the log."""

    entry: HistoryEntry
    summary: Summary | None
    """What the version changed, counted as every renderer counts it (None for the first)."""
    change: str | None = None
    """The summary in words, with the metadata changed, as `amendtrack diff` prints it."""


def log(store: Store, deliberation: str) -> list[LogLine]:
    """The versions of a deliberation, oldest first, each with the summary of its change."""
    history = store.history(deliberation)
    from amendtrack.diffing.amendments import diff

    lines: list[LogLine] = []
    previous = None
    for entry in history.entries:
        version = store.load(deliberation, entry)
        if previous is None:
            lines.append(LogLine(entry, None))
        else:
            amendment = diff(previous, version)
            lines.append(LogLine(entry, summarise(amendment), change_summary(amendment)))
        previous = version
    return lines


def describe_act(entry: HistoryEntry) -> str:
    """The modifying act of an entry in words (``original`` for a first text)."""
    if entry.act_numero is None and entry.act_date is None:
        return f"modifies {entry.modifies}" if entry.modifies else "original"
    words = ["act"]
    if entry.act_numero:
        words.append(f"n° {entry.act_numero}")
    if entry.act_date:
        words.append(f"of {entry.act_date}")
    return " ".join(words)
