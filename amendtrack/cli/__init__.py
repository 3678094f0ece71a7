"""The command line (typer): one module per command group, registered in one visible list.

`amendtrack.cli.application` builds the app from `COMMANDS` and `GROUPS` and holds `main`, which
turns every `AmendtrackError` into one line on stderr and its exit code. `amendtrack.cli.common`
has what the commands share. This package imports neither until a command runs: importing typer
is most of the start-up of a run, and ``amendtrack --version`` alone does not need it.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any


def main() -> None:
    """Console-script entry point: `amendtrack.cli.application.main`.

    ``amendtrack --version`` alone is answered here, before typer is imported (about 40 ms).
    """
    if sys.argv[1:] == ["--version"]:
        from amendtrack._version import version_line

        print(version_line())
        return
    _collect_rarely()
    from amendtrack.cli.config import configured_language
    from amendtrack.translation import choose_language, install

    # The language is chosen before any message or help: from the configuration's « langue »
    # (amendtrack.toml, read again by the root callback), else from the locale.
    install(choose_language(os.environ, configured_language(sys.argv[1:], os.environ)))
    from amendtrack.cli.application import main as run

    try:
        run()
    finally:
        # What is left is freed by reference counting: the collection at exit would only
        # scan again every object of the run.
        gc.freeze()


def _collect_rarely() -> None:
    """Let Python's cyclic garbage collector run rarely, from before the first import: a run
    builds the two versions and the amendment, millions of small acyclic objects that every
    collection would scan again (a third of the time spent loading a 10 MB version), and its
    imports create thousands of functions and classes; young cycles are still collected."""
    gc.set_threshold(100_000, 50, 100)


def __getattr__(name: str) -> Any:
    # `app` (typer's application, for typer.testing) is built on first use.
    if name == "app":
        from amendtrack.cli.application import app

        return app
    raise AttributeError(f"module 'amendtrack.cli' has no attribute {name!r}")


__all__ = ["app", "main"]
