"""The command line (typer): one module per command group, registered in one visible list.

`amendtrack.cli.application` builds the app from `COMMANDS` and `GROUPS` and holds `main`, which
turns every `AmendtrackError` into one line on stderr and its exit code. `amendtrack.cli.common`
has what the commands share.
"""

from __future__ import annotations

import os

from amendtrack.cli.application import app
from amendtrack.cli.application import main as _run


def main() -> None:
    """Console-script entry point: speak the user's language, then run the application."""
    from amendtrack.translation import choose_language, install

    install(choose_language(os.environ))
    _run()


__all__ = ["app", "main"]
