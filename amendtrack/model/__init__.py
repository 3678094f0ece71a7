"""The data model: deliberation versions and the amendments between them.

Everything here is immutable (frozen, slotted dataclasses and enums) so that a version or an
amendment can be hashed, shared between renderers and compared in tests. Nothing here knows
about XML, JSON or diff-match-patch: `amendtrack.version_xml` reads and writes versions,
`amendtrack.diffing` computes amendments. The parts: inline text (`amendtrack.model.text`),
blocks (`amendtrack.model.blocks`), versions (`amendtrack.model.versions`), their articles and
annexes (`amendtrack.model.divisions`), metadata as flat fields (`amendtrack.model.fields`) and
amendments (`amendtrack.model.amendments`).
"""

from __future__ import annotations

from amendtrack.model.amendments import (
    Amendment,
    BlockOp,
    BlockOpKind,
    InlineOp,
    InlineOpKind,
    MetadataChange,
)
from amendtrack.model.blocks import Block, BlockKind
from amendtrack.model.divisions import Division, find_divisions
from amendtrack.model.fields import (
    BOOLEAN_WORDS,
    METADATA_FIELD_NAMES,
    metadata_fields,
    metadata_from_fields,
    read_bool,
    with_metadata,
)
from amendtrack.model.text import (
    LINE_BREAK,
    MARK_ORDER,
    Inline,
    Mark,
    Span,
    inline_text,
    normalise_inline,
    plain,
)
from amendtrack.model.versions import (
    Metadata,
    ModifyingAct,
    Version,
    VersionInfo,
    Vote,
)

__all__ = [
    "BOOLEAN_WORDS",
    "LINE_BREAK",
    "MARK_ORDER",
    "METADATA_FIELD_NAMES",
    "Amendment",
    "Block",
    "BlockKind",
    "BlockOp",
    "BlockOpKind",
    "Division",
    "Inline",
    "InlineOp",
    "InlineOpKind",
    "Mark",
    "Metadata",
    "MetadataChange",
    "ModifyingAct",
    "Span",
    "Version",
    "VersionInfo",
    "Vote",
    "find_divisions",
    "inline_text",
    "metadata_fields",
    "metadata_from_fields",
    "normalise_inline",
    "plain",
    "read_bool",
    "with_metadata",
]
