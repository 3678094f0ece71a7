"""The versioned store: every version of every deliberation, nothing ever lost.

`amendtrack.store.repository` holds the `Store` (layout, locking, adding, crash recovery);
`amendtrack.store.history` the hash-chained history files; `amendtrack.store.revisions` the
``ID@N`` syntax and the one loader of a version from a file or a revision;
`amendtrack.store.log` and `amendtrack.store.verify` the log and the integrity check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from amendtrack.store.repository import Store, default_store_dir, init_store

_REPOSITORY = frozenset({"Store", "default_store_dir", "init_store"})


def __getattr__(name: str) -> Any:
    # Lazily, so that reading a revision's history does not import the writing machinery.
    if name in _REPOSITORY:
        from amendtrack.store import repository

        return getattr(repository, name)
    raise AttributeError(f"module 'amendtrack.store' has no attribute {name!r}")


__all__ = ["Store", "default_store_dir", "init_store"]
