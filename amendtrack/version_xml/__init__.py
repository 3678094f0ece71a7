"""Version XML ⇄ model: the only package that reads or writes version files with lxml.

One file per version of a deliberation (namespace ``urn:amendtrack:deliberation:2``, schema
``schemas/deliberation.rng``, documented in docs/format.md; format-1 files are still read and
upgraded, `amendtrack.version_xml.upgrade`). `load` and `parse_bytes` read,
check and convert (`amendtrack.version_xml.reading`); `serialise`, `save` and `content_hash`
write deterministically (`amendtrack.version_xml.writing`).
"""

from __future__ import annotations

from amendtrack.version_xml.reading import inline_from_element, load, parse_bytes, validate
from amendtrack.version_xml.schema import FORMAT_VERSION, NAMESPACE, NAMESPACE_1, validate_tree
from amendtrack.version_xml.writing import (
    checked_bytes,
    content_hash,
    inline_into_element,
    save,
    serialise,
)

__all__ = [
    "FORMAT_VERSION",
    "NAMESPACE",
    "NAMESPACE_1",
    "checked_bytes",
    "content_hash",
    "inline_from_element",
    "inline_into_element",
    "load",
    "parse_bytes",
    "save",
    "serialise",
    "validate",
    "validate_tree",
]
