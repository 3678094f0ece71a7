"""The log of a deliberation: its versions, their acts, and what each one changed."""

from __future__ import annotations

from dataclasses import dataclass

from amendtrack.diffing.summary import summarise as count_changes
from amendtrack.model import Amendment
from amendtrack.store.history import HistoryEntry
from amendtrack.store.repository import Store


@dataclass(frozen=True, slots=True)
class ChangeSummary:
    """What one version changed compared with the one before it."""

    words_inserted: int = 0
    words_deleted: int = 0
    paragraphs_added: int = 0
    paragraphs_removed: int = 0
    paragraphs_moved: int = 0
    paragraphs_modified: int = 0
    metadata_changed: int = 0
    """Metadata and version fields that changed (dates, act, vote, …)."""

    def __str__(self) -> str:
        text = (
            f"+{self.words_inserted} −{self.words_deleted} words; paragraphs: "
            f"{self.paragraphs_added} added, {self.paragraphs_removed} removed, "
            f"{self.paragraphs_moved} moved, {self.paragraphs_modified} modified"
        )
        if self.metadata_changed:
            text += f"; {self.metadata_changed} metadata field(s) changed"
        return text


def summarise(amendment: Amendment) -> ChangeSummary:
    """Count words inserted and deleted, and paragraphs added, removed, moved and modified.

    The counts are those of the renderers' French summary (`amendtrack.diffing.summary.summarise`);
    a paragraph changed in form only (typography, whitespace, formatting) counts as modified.
    """
    counts = count_changes(amendment)
    return ChangeSummary(
        words_inserted=counts.words_inserted,
        words_deleted=counts.words_deleted,
        paragraphs_added=counts.inserted,
        paragraphs_removed=counts.deleted,
        paragraphs_moved=counts.moved,
        paragraphs_modified=counts.modified + counts.altered,
        metadata_changed=len(amendment.metadata),
    )


@dataclass(frozen=True, slots=True)
class LogLine:
    """One version in the log."""

    entry: HistoryEntry
    summary: ChangeSummary | None
    """None for the first version (nothing to compare with)."""


def log(store: Store, deliberation: str, *, summaries: bool = True) -> list[LogLine]:
    """The versions of a deliberation, oldest first, each with the summary of its change.

    With `summaries` False no version file is read (and every summary is None).
    """
    history = store.history(deliberation)
    if not summaries:
        return [LogLine(entry, None) for entry in history.entries]
    from amendtrack.diffing.amendments import diff

    lines: list[LogLine] = []
    previous = None
    for entry in history.entries:
        version = store.load(deliberation, entry)
        summary = None if previous is None else summarise(diff(previous, version))
        lines.append(LogLine(entry, summary))
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
