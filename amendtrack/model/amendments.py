"""Amendments: what happened to each block and to each run of text between two versions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from amendtrack.model.blocks import Block
from amendtrack.model.text import Inline


class InlineOpKind(StrEnum):
    """What happened to a run of text inside a modified block."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    FORMAT = "format"
    """Same characters, other marks (the same words became bold, superscript, …)."""
    TYPOGRAPHY = "typography"
    """Same words, other typography (’ and ', « » and " ", œ and oe, U+00A0 and space)."""
    WHITESPACE = "whitespace"
    """Only whitespace differs (runs of spaces, tabs, line breaks)."""


@dataclass(frozen=True, slots=True)
class InlineOp:
    """One run of an inline diff. A replacement is a DELETE followed by an INSERT."""

    kind: InlineOpKind
    old: Inline
    """The run as it stands in OLD (empty for INSERT)."""
    new: Inline
    """The run as it stands in NEW (empty for DELETE); renderers show these characters."""


class BlockOpKind(StrEnum):
    """What happened to a block."""

    KEEP = "keep"
    MODIFY = "modify"
    INSERT = "insert"
    DELETE = "delete"
    MOVE = "move"
    """The block changed position (and possibly content: see `BlockOp.inline`)."""


@dataclass(frozen=True, slots=True)
class BlockOp:
    """One operation over aligned blocks, listed in reading order of the amended text.

    A DELETE stands where the block stood in OLD; a MOVE stands at its new position.
    """

    kind: BlockOpKind
    old_index: int | None
    """Position of the block in OLD's body (None for INSERT)."""
    new_index: int | None
    """Position of the block in NEW's body (None for DELETE)."""
    old: Block | None
    new: Block | None
    inline: tuple[InlineOp, ...] = ()
    """For MODIFY, and for a MOVE whose content changed: the inline diff."""


@dataclass(frozen=True, slots=True)
class MetadataChange:
    """A metadata or version field that changed (None: absent on that side)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Amendment:
    """The exact difference between two versions: applying it to OLD gives NEW."""

    base_hash: str
    """Content hash of the version it applies to (``sha256:…``)."""
    result_hash: str
    """Content hash of the version it produces."""
    blocks: tuple[BlockOp, ...]
    metadata: tuple[MetadataChange, ...] = ()
    minimal: bool = True
    """False when a size or time budget cut the search short: the diff is exact but not minimal."""
    notes: tuple[str, ...] = field(default=())
    """Warnings for the user (for instance why the amendment is not minimal)."""

    def changed(self) -> Iterator[BlockOp]:
        """The operations that are not KEEP."""
        return (op for op in self.blocks if op.kind is not BlockOpKind.KEEP)
