"""amendtrack: track amendments to the deliberations of French local councils.

The public API: load and save versions (`load`, `save`), compute and apply amendments
(`diff`, `apply`, `invert`), and the model they work on.
"""

from __future__ import annotations

from typing import Any

from amendtrack.errors import AmendtrackError
from amendtrack.model import (
    Amendment,
    Block,
    BlockKind,
    BlockOp,
    BlockOpKind,
    InlineOp,
    InlineOpKind,
    Mark,
    Metadata,
    MetadataChange,
    ModifyingAct,
    Span,
    Version,
    VersionInfo,
    Vote,
)

__all__ = [
    "Amendment",
    "AmendtrackError",
    "Block",
    "BlockKind",
    "BlockOp",
    "BlockOpKind",
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
    "__version__",
]


def __getattr__(name: str) -> Any:
    # The version is looked up lazily so that importing amendtrack stays cheap.
    if name == "__version__":
        from amendtrack._version import __version__

        return __version__
    raise AttributeError(f"module 'amendtrack' has no attribute {name!r}")
