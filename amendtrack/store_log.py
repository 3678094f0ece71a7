"""The log of a deliberation: its versions, their acts, and what each one changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from amendtrack.model import Amendment, BlockOpKind, InlineOp, InlineOpKind, inline_text
from amendtrack.store import Store
from amendtrack.store_history import HistoryEntry


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


def _words(text: str) -> int:
    return len(text.split())


def _inline_words(ops: tuple[InlineOp, ...]) -> tuple[int, int]:
    inserted = deleted = 0
    for op in ops:
        match op.kind:
            case InlineOpKind.INSERT:
                inserted += _words(inline_text(op.new))
            case InlineOpKind.DELETE:
                deleted += _words(inline_text(op.old))
            case (InlineOpKind.EQUAL | InlineOpKind.FORMAT | InlineOpKind.TYPOGRAPHY
                  | InlineOpKind.WHITESPACE):
                pass  # the same words: nothing inserted or deleted
            case _:
                assert_never(op.kind)
    return inserted, deleted


def summarise(amendment: Amendment) -> ChangeSummary:
    """Count words inserted and deleted, and paragraphs added, removed, moved and modified.

    Words are runs of non-whitespace: in INSERT and DELETE runs inside a block, and in whole
    inserted or deleted blocks. Every kind of block counts as a paragraph.
    """
    inserted = deleted = added = removed = moved = modified = 0
    for op in amendment.blocks:
        match op.kind:
            case BlockOpKind.KEEP:
                pass
            case BlockOpKind.INSERT:
                added += 1
                inserted += _words(op.new.text) if op.new else 0
            case BlockOpKind.DELETE:
                removed += 1
                deleted += _words(op.old.text) if op.old else 0
            case BlockOpKind.MODIFY | BlockOpKind.MOVE:
                if op.kind is BlockOpKind.MOVE:
                    moved += 1
                else:
                    modified += 1
                more_in, more_out = _inline_words(op.inline)
                inserted += more_in
                deleted += more_out
            case _:
                assert_never(op.kind)
    return ChangeSummary(inserted, deleted, added, removed, moved, modified,
                         len(amendment.metadata))


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
    from amendtrack.amendments import diff

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
