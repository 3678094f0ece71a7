"""Where a version file says it stands (deliberation id and date), read without the schema check.

`amendtrack batch` over a folder of version files must group thousands of files by
deliberation and order them by date before comparing any pair. Parsing a file safely
(`amendtrack.files.safe_xml`) and reading its ``version`` element costs a small fraction of
validating and converting it; the full check happens anyway when the pair is compared, and a
file that fails it is reported then.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from amendtrack.errors import DocumentError
from amendtrack.files.safe_xml import parse_xml
from amendtrack.translation import _


@dataclass(frozen=True, slots=True)
class VersionHeader:
    """The ``version`` element's identity attributes."""

    deliberation: str
    date: str


def read_header(data: bytes, name: str | Path = "<input>") -> VersionHeader:
    """The deliberation id and date a version file declares; DocumentError if it has none.

    The element is looked up in any namespace, so every format version is read the same way.
    """
    root = parse_xml(data, name, DocumentError)
    version = root.find("{*}version")
    deliberation = None if version is None else version.get("deliberation")
    date = None if version is None else version.get("date")
    if not deliberation or not date:
        raise DocumentError(
            _("not a version XML file (no version element with a deliberation and a date)"), name
        )
    return VersionHeader(deliberation, date)


__all__ = ["VersionHeader", "read_header"]
