"""The versioned store: every version of every deliberation, nothing ever lost.

`amendtrack.store.repository` holds the `Store` (layout, locking, adding, crash recovery);
`amendtrack.store.history` the hash-chained history files; `amendtrack.store.revisions` the
``ID@N`` syntax and the one loader of a version from a file or a revision;
`amendtrack.store.log` and `amendtrack.store.verify` the log and the integrity check.
"""

from __future__ import annotations

from amendtrack.store.repository import Store, default_store_dir, init_store

__all__ = ["Store", "default_store_dir", "init_store"]
