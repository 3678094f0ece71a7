"""The command line (typer): one module per command group, registered in one visible list.

`amendtrack.cli.application` builds the app from `COMMANDS` and `GROUPS` and holds `main`, which
turns every `AmendtrackError` into one line on stderr and its exit code. `amendtrack.cli.common`
has what the commands share.
"""

from __future__ import annotations

from amendtrack.cli.application import app, main

__all__ = ["app", "main"]
