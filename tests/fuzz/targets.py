"""One fuzz target per reader: bytes in, either a result or an `AmendtrackError`, nothing else.

Each target runs a reader the way the command line does, on any bytes, and checks what must
hold whatever they are: the only exception is an `AmendtrackError` (one line, an exit status),
and what is read can be written (a version serialises and passes its schema; an amendment's JSON
reads back the same). `TARGETS` names them; `tests/fuzz/test_fuzz.py` runs them under
hypothesis on the committed corpus and mutations of it, `tests/fuzz/run.py` under atheris for a
longer, coverage-guided run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from amendtrack import version_xml
from amendtrack.diffing import amendment_json
from amendtrack.errors import AmendtrackError
from amendtrack.importers.formats import READERS, SourceFormat
from amendtrack.importers.importing import version_from_source
from amendtrack.importers.options import ReadOptions, TrackedChanges
from tests.version_xml.test_version_xml import MINIMAL

META = {"collectivite": "Ville d'Essai", "seance": "2022-02-02", "objet": "Essai"}
BASE = version_xml.parse_bytes(MINIMAL)


def version_file(data: bytes) -> None:
    """Version XML: read, then written back exactly as its own canonical form."""
    version = version_xml.parse_bytes(data, "fuzz.xml")
    again = version_xml.parse_bytes(version_xml.checked_bytes(version), "again.xml")
    assert version_xml.content_hash(again) == version_xml.content_hash(version)


def amendment(data: bytes) -> None:
    """An amendment's JSON: read, written, read back the same; applied or refused cleanly."""
    from amendtrack.diffing.amendments import apply, invert

    loaded = amendment_json.loads(data, "fuzz.json")
    assert amendment_json.loads(amendment_json.dumps(loaded)) == loaded
    amendment_json.dumps(invert(loaded))
    with contextlib.suppress(AmendtrackError):  # most amendments were made for another base
        apply(loaded, BASE)


def instructions(data: bytes) -> None:
    """Amending instructions in French: read, then applied to a small version or refused."""
    from amendtrack.files.reading import decode_text
    from amendtrack.legistique.applier import apply_instructions
    from amendtrack.legistique.reader import parse

    parsed = parse(decode_text(data, "fuzz.txt"), "fuzz.txt")
    result = apply_instructions(BASE, parsed, "fuzz.txt")
    version_xml.checked_bytes(result.version)


def _source(source_format: SourceFormat, name: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        path = Path(name)
        for choice in (TrackedChanges.ACCEPT, TrackedChanges.REJECT):
            document = READERS[source_format](data, path, ReadOptions(tracked_changes=choice))
            if document.blocks:
                imported = version_from_source(document, META, path)
                version_xml.checked_bytes(imported.version)

    target.__doc__ = f"A {source_format.value} source, imported as a version (both tracked-change" \
                     " choices)."
    return target


TARGETS: dict[str, Callable[[bytes], None]] = {
    "version_xml": version_file,
    "amendment_json": amendment,
    "instructions": instructions,
    "markdown": _source(SourceFormat.MARKDOWN, "fuzz.md"),
    "html": _source(SourceFormat.HTML, "fuzz.html"),
    "odt": _source(SourceFormat.ODT, "fuzz.odt"),
    "docx": _source(SourceFormat.DOCX, "fuzz.docx"),
}
"""Every reader's target, by the name of its corpus folder."""


def run(name: str, data: bytes) -> None:
    """Run a target: an `AmendtrackError` is a clean refusal; anything else propagates."""
    try:
        TARGETS[name](data)
    except AmendtrackError as error:
        assert error.message.strip(), "an error must say what is wrong"
        assert error.exit_code in (1, 2)
