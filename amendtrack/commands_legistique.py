"""The ``apply-instructions`` command: apply French amending instructions to a version.

Only typer, pathlib and the CLI module are imported at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amendtrack.cli import app, load_version, note


@app.command("apply-instructions")
def apply_instructions_command(
    old: Annotated[str, typer.Argument(help="The version XML to amend.", show_default=False)],
    instructions: Annotated[
        Path, typer.Argument(help="A UTF-8 text of amending instructions.", show_default=False)
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="The version XML to write.")],
) -> None:
    """Apply amending instructions (« Au deuxième alinéa, le mot : « X » est remplacé … »).

    An instruction that cannot be applied is reported with its line and why, and nothing is
    written. Provisions that change no text (a date of application) are reported, not applied.

    Example: amendtrack apply-instructions v1.xml dispositif.txt -o v2.xml
    """
    from amendtrack import documents
    from amendtrack.inputs import decode_text, read_bytes
    from amendtrack.instructions import parse
    from amendtrack.instructions_apply import apply_instructions

    version = load_version(old)
    text = decode_text(read_bytes(instructions), instructions, "utf-8")
    parsed = parse(text, str(instructions))
    result = apply_instructions(version, parsed, str(instructions))
    for message in result.notes:
        note(message)
    documents.save(result.version, output)
