"""Opening ODT and DOCX containers safely: one clear `SourceError` per hostile or wrong input.

Checked before any part is parsed: the bytes are a ZIP (else: what they look like instead —
an OLE compound file, which is how Office stores an encrypted DOCX or an old .doc; HTML; text;
PDF), the member count and the uncompressed size are in proportion (zip bombs), the container
is the kind its extension promises (a .docx that is really an ODT), it is not encrypted, it
carries no macros, and its main part exists. Every member that is XML, whatever its name and
its encoding (UTF-16 included), is parsed by the one safe parser (`amendtrack.files.safe_xml`:
no DTD, no entities, no network), and a part declaring a DOCTYPE is refused outright (no ODF
or OOXML part has one).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from lxml import etree

from amendtrack.errors import SourceError
from amendtrack.files.safe_xml import parse_xml
from amendtrack.importers.bounds import check_elements
from amendtrack.translation import _, grouped

MAX_MEMBERS = 2000
"""More members than this is no word-processing document (they have tens, a few hundred)."""
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
"""Total uncompressed size allowed."""
MAX_RATIO = 100
"""Largest compression ratio allowed for a member bigger than `RATIO_FLOOR_BYTES`."""
RATIO_FLOOR_BYTES = 1024 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODF_TEXT_MIMETYPE = "application/vnd.oasis.opendocument.text"
ODF_TEXT_MIMETYPES = frozenset({ODF_TEXT_MIMETYPE, ODF_TEXT_MIMETYPE + "-web"})
"""Text documents: an ODT, and the ``text-web`` ODT LibreOffice saves from an HTML page (its
body is an ordinary text document)."""
_ODF_MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_WORD_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
_WORD_MACRO_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_OTHER_OOXML: dict[str, Callable[[], str]] = {
    "spreadsheetml": lambda: _("is an Excel workbook, not a Word document (DOCX)"),
    "presentationml": lambda: _("is a PowerPoint presentation, not a Word document (DOCX)"),
}
"""Other Office Open XML documents, and the problem to say (translated when it is said)."""


class ContainerKind(StrEnum):
    """The containers amendtrack reads. The value is how messages name them."""

    ODT = "ODT"
    DOCX = "DOCX"

    def not_a_document(self) -> str:
        """The problem of a ZIP archive that is neither kind, said in the language in use."""
        if self is ContainerKind.ODT:
            return _("is a ZIP archive but not an ODT document (it has neither an ODF mimetype "
                     "nor [Content_Types].xml)")
        return _("is a ZIP archive but not a DOCX document (it has neither an ODF mimetype "
                 "nor [Content_Types].xml)")

    def misnamed(self) -> str:
        """The problem of a document of this kind whose name says it is the other kind."""
        if self is ContainerKind.ODT:
            return _("is an ODT document, not DOCX as its name says; rename it to .odt (or use "
                     "--from odt)")
        return _("is a DOCX document, not ODT as its name says; rename it to .docx (or use "
                 "--from docx)")


def open_container(data: bytes, path: Path, expected: ContainerKind) -> zipfile.ZipFile:
    """The ZIP container of an ODT or DOCX file, after every safety check."""
    if not data.startswith(b"PK"):
        raise SourceError(_not_a_zip(data, expected), path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SourceError(_("not a valid {format} file (damaged ZIP: {problem})").format(
            format=expected, problem=error), path) from None
    _check_proportions(members, len(data), path)
    if any(member.flag_bits & 0x1 for member in members):
        raise SourceError(
            _("is encrypted (password-protected ZIP members); save it without a password"), path
        )
    names = {member.filename for member in members}
    actual = _container_kind(archive, names, path)
    if actual is None:
        raise SourceError(expected.not_a_document(), path)
    if actual is not expected:
        raise SourceError(actual.misnamed(), path)
    match expected:
        case ContainerKind.ODT:
            _check_odf(archive, names, path)
        case ContainerKind.DOCX:
            _check_ooxml(archive, names, path)
    return archive


def read_member(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """The bytes of a member (SourceError naming it if it is missing or damaged)."""
    try:
        return archive.read(name)
    except KeyError:
        raise SourceError(_("missing {member}").format(member=name), path) from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError,
            NotImplementedError) as error:  # a damaged deflate stream, a method unknown …
        raise SourceError(_("cannot read {member} (damaged ZIP: {problem})").format(
            member=name, problem=error), path) from None


def parse_member(archive: zipfile.ZipFile, name: str, path: Path) -> etree._Element:
    """An XML member parsed by the one safe parser (no DTD, no entities, no network)."""
    return _parsed(read_member(archive, name, path), name, path)


def _parsed(data: bytes, name: str, path: Path) -> etree._Element:
    try:
        root: etree._Element = parse_xml(data, name, SourceError)
    except SourceError as error:
        raise SourceError(_("{member}: {problem}").format(member=name, problem=error.message),
                          path) from None
    return root


def check_xml_members(archive: zipfile.ZipFile, path: Path) -> None:
    """Parse every member that is XML, whatever its name and encoding, with the safe parser.

    Used before handing the bytes to a library (odfdo, python-docx) that parses with its own,
    less strict parser: a member with a DOCTYPE (in UTF-16 as in UTF-8, named ``.xml`` or
    ``.bin``) is refused, and so is one that is not well-formed, and a package of more than
    `bounds.MAX_ELEMENTS` elements.
    """
    elements = 0
    for member in archive.infolist():
        data = read_member(archive, member.filename, path)
        named_xml = member.filename.endswith((".xml", ".rels", ".rdf"))
        if (named_xml and data) or looks_like_xml(data):  # LibreOffice writes empty .xml ones
            elements += sum(1 for _ in _parsed(data, member.filename, path).iter())
            check_elements(elements, path)


_XML_STARTS = (
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",  # byte order marks (UTF-32 starts alike)
    b"\x00<", b"<\x00", b"\x00\x00\x00<", b"\x00\x00<\x00", b"\x00<\x00\x00",
    b"\x4c\x6f\xa7\x94",  # « <?xm » in EBCDIC
)


def looks_like_xml(data: bytes) -> bool:
    """True when an XML parser could read `data` as XML (in any encoding it detects)."""
    return data.startswith(_XML_STARTS) or data.lstrip(b" \t\r\n").startswith(b"<")


def _not_a_zip(data: bytes, expected: ContainerKind) -> str:
    head = data[:2048]
    if head.startswith(OLE_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return _("is a password-protected (encrypted) Office document; save it without a "
                     "password")
        return _("is an OLE compound file: a password-protected (encrypted) Office document "
                 "or an old binary .doc, not {format}; remove the password or save it as "
                 ".docx/.odt").format(format=expected)
    if head.startswith(b"%PDF"):
        return _("is a PDF file, not {format}").format(format=expected)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return _("is an HTML file, not {format}; rename it to .html (or use --from "
                 "html)").format(format=expected)
    if lowered.startswith(b"<?xml") and b"office:document" in lowered:
        return _("is a flat XML OpenDocument (.fodt), not {format}; save it as .odt").format(
            format=expected)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the end of the sample
            return _("is not {format}: not a ZIP container").format(format=expected)
    return _("is a text file, not {format}; rename it to .txt or .md (or use --from "
             "text)").format(format=expected)


def _check_proportions(members: list[zipfile.ZipInfo], size: int, path: Path) -> None:
    if len(members) > MAX_MEMBERS:
        raise SourceError(
            _("the ZIP container has {count} members (at most {limit} are accepted); refused "
              "as a possible zip bomb").format(count=grouped(len(members)),
                                              limit=grouped(MAX_MEMBERS)),
            path,
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise SourceError(
            _("the ZIP container expands to {total} bytes from {size} (at most {limit} are "
              "accepted); refused as a possible zip bomb").format(
                total=grouped(total), size=grouped(size), limit=grouped(MAX_UNCOMPRESSED_BYTES)),
            path,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise SourceError(
                _("ZIP member {member} expands {ratio} times ({compressed} → {expanded} "
                  "bytes); refused as a possible zip bomb").format(
                    member=member.filename, ratio=grouped(round(ratio)),
                    compressed=grouped(member.compress_size),
                    expanded=grouped(member.file_size)),
                path,
            )


def _container_kind(
    archive: zipfile.ZipFile, names: set[str], path: Path
) -> ContainerKind | None:
    if "[Content_Types].xml" in names:
        return ContainerKind.DOCX
    if "mimetype" in names or "META-INF/manifest.xml" in names:
        return ContainerKind.ODT
    return None


def _check_odf(archive: zipfile.ZipFile, names: set[str], path: Path) -> None:
    if "mimetype" in names:
        mimetype = read_member(archive, "mimetype", path)[:200].decode("ascii", "replace").strip()
        if mimetype not in ODF_TEXT_MIMETYPES:
            raise SourceError(
                _("is an OpenDocument file of type {mimetype!r}, not a text document "
                  "(ODT)").format(mimetype=mimetype),
                path,
            )
    if "META-INF/manifest.xml" in names:
        manifest = parse_member(archive, "META-INF/manifest.xml", path)
        if manifest.find(f".//{{{_ODF_MANIFEST_NS}}}encryption-data") is not None:
            raise SourceError(
                _("is password-protected (encrypted ODF); save it without a password"), path
            )
    scripts = sorted(name for name in names if name.startswith(("Basic/", "Scripts/")))
    if scripts:
        raise SourceError(
            _("contains macros ({member}); amendtrack does not open macro-enabled documents: "
              "save a copy without macros").format(member=scripts[0]),
            path,
        )
    if "content.xml" not in names:
        raise SourceError(_("missing content.xml: not a complete ODT document"), path)


def _check_ooxml(archive: zipfile.ZipFile, names: set[str], path: Path) -> None:
    macros = sorted(name for name in names if name.lower().endswith("vbaproject.bin"))
    if macros:
        raise SourceError(
            _("is macro-enabled ({member}); amendtrack does not open documents with macros: "
              "save a copy as .docx without macros").format(member=macros[0]),
            path,
        )
    types = parse_member(archive, "[Content_Types].xml", path)
    main: str | None = None
    for override in types.iter(f"{{{_CONTENT_TYPES_NS}}}Override"):
        content_type = override.get("ContentType", "")
        if content_type in _WORD_MACRO_TYPES:
            raise SourceError(
                _("is macro-enabled (a .docm); amendtrack does not open documents with "
                  "macros: save a copy as .docx without macros"),
                path,
            )
        if content_type in _WORD_MAIN_TYPES:
            main = override.get("PartName", "").lstrip("/")
        for family, problem in _OTHER_OOXML.items():
            if f"{family}." in content_type and content_type.endswith(".main+xml"):
                raise SourceError(problem(), path)
    if main is None or main not in names:
        raise SourceError(
            _("missing {member}: not a complete DOCX document").format(
                member=main or "word/document.xml"), path
        )
