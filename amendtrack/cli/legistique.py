"""The ``apply-instructions`` command: apply French amending instructions to a version.

Only typer, pathlib and `amendtrack.cli.common` are imported at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amendtrack.cli.common import (
    MetaOption,
    TrackedChangesOption,
    load_version,
    note,
    parse_pairs,
)
from amendtrack.cli.help_page import explained
from amendtrack.translation import _, ngettext


@explained(
    _("Apply amending instructions (« Au deuxième alinéa, le mot : « X » est remplacé … ») "
      "to a version."),
    _("An instruction that cannot be applied is reported with its line and why, and nothing "
      "is written. Provisions that change no text (a date of application) are reported, not "
      "applied; a text with no instruction that changes anything is refused (exit status 2)."),
    examples=(
        "amendtrack apply-instructions v1.xml dispositif.txt -o v2.xml",
        "amendtrack apply-instructions cantine@latest dispositif.txt -o v3.xml",
    ),
)
def apply_instructions_command(
    context: typer.Context,
    old: Annotated[str, typer.Argument(
        metavar=_("OLD"), show_default=False,
        help=_("The version to amend: XML, a document or a revision ID@N of the store."))],
    instructions: Annotated[Path, typer.Argument(
        metavar=_("INSTRUCTIONS.txt"), show_default=False,
        help=_("A UTF-8 text of amending instructions."))],
    output: Annotated[Path, typer.Option("-o", "--output", metavar=_("NEW.xml"),
                                         show_default=False,
                                         help=_("The version XML to write."))],
    meta: MetaOption = None,
    tracked_changes: TrackedChangesOption = None,
) -> None:
    """``amendtrack apply-instructions``: French amending instructions applied to a version."""
    from amendtrack import version_xml
    from amendtrack.errors import AmendmentError
    from amendtrack.files.reading import decode_text, read_bytes
    from amendtrack.files.writing import check_outputs
    from amendtrack.legistique.applier import apply_instructions
    from amendtrack.legistique.instructions import BlockChange, WordChange
    from amendtrack.legistique.reader import parse

    check_outputs((output,), (old, instructions))
    version = load_version(context, old, meta=parse_pairs("--meta", meta),
                           tracked_changes=tracked_changes)
    text = decode_text(read_bytes(instructions), instructions, "utf-8")
    parsed = parse(text, str(instructions))
    if not any(isinstance(item, WordChange | BlockChange) for item in parsed):
        raise AmendmentError(ngettext(
            "no amending instruction found ({count} provision that changes no text); nothing "
            "written",
            "no amending instruction found ({count} provisions that change no text); nothing "
            "written", len(parsed)).format(count=len(parsed)), instructions)
    result = apply_instructions(version, parsed, str(instructions))
    for message in result.notes:
        note(message)
    version_xml.save(result.version, output)
