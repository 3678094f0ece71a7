"""The PDF renderer: the ODT document printed by LibreOffice, headless.

The act (or the diff, or a version) is written as ODT (`amendtrack_plugins.odt`: styles
« Ajout » and « Suppression », A4 pages numbered at their foot) and printed to PDF by
LibreOffice (`amendtrack.files.office`: its own profile folder, a time limit). ``-O
archive=true`` asks for PDF/A-2b, for archiving. The document properties carry the title,
amendtrack's version and the content hashes of the versions (keywords), from the ODT's.

LibreOffice stamps each PDF with the time of printing and a random identifier; they are
replaced, at the same length, by the version's date and an identifier computed from the
content, so that the same job gives the same bytes (for PDF/A, whose XMP metadata is
rewritten the same way, LibreOffice's compressed streams may still differ from run to run).
Without LibreOffice the renderer says so in one line naming the package to install.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import BinaryIO, ClassVar

from amendtrack.files.office import convert, find_soffice, pdf_filter
from amendtrack.rendering import API_VERSION, RenderJob, View, check_view
from amendtrack.translation import N_

from .odt import OdtRenderer

_CREATION = re.compile(rb"/(?:CreationDate|ModDate)\(D:(\d{14})")
_XMP_DATE = re.compile(
    rb"<xmp:(?:CreateDate|ModifyDate|MetadataDate)>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
_IDENTIFIERS = re.compile(
    rb"/ID \[ ?<([0-9A-F]{32})>\s*<([0-9A-F]{32})> ?\]|/DocChecksum /([0-9A-F]{32})")
_UUID = re.compile(rb"uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")


class PdfRenderer:
    """A PDF printed from the ODT document by LibreOffice."""

    name: ClassVar[str] = "pdf"
    description: ClassVar[str] = N_("PDF printed by LibreOffice from the ODT (PDF/A-2b by option)")
    media_type: ClassVar[str] = "application/pdf"
    extensions: ClassVar[tuple[str, ...]] = ("pdf",)
    options: ClassVar[Mapping[str, str]] = MappingProxyType({
        "archive": N_("true/false: PDF/A-2b, for archiving (default false)"),
    })
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT, View.DOCUMENT)
    api_version: ClassVar[int] = API_VERSION
    slow: ClassVar[bool] = True
    """Each job runs LibreOffice (seconds): the conformance suite checks it on fewer cases."""

    @classmethod
    def ready(cls) -> None:
        """Refuse before any work when LibreOffice is missing (one line naming the package)."""
        find_soffice()

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the PDF."""
        check_view(self, job)
        archive = job.flag("archive", False)
        odt = io.BytesIO()
        OdtRenderer().render(replace(job, options={}), odt)
        printed = convert(odt.getvalue(), "document.odt", pdf_filter(archive=archive))
        stream.write(fixed_stamps(printed, job.new.info.date))


def fixed_stamps(pdf: bytes, date: str) -> bytes:
    """`pdf` with its dates set to `date` (midnight UTC) and its identifiers computed from its
    content, each rewritten at its own length so that no offset moves."""
    digits = date.replace("-", "").encode() + b"000000"
    pdf = _CREATION.sub(lambda match: match[0][: -14] + digits, pdf)
    pdf = _XMP_DATE.sub(lambda match: match[0][: -19] + f"{date}T00:00:00".encode(), pdf)
    blank = _IDENTIFIERS.sub(lambda match: re.sub(rb"[0-9A-F]{32}", b"0" * 32, match[0]), pdf)
    blank = _UUID.sub(b"uuid:" + b"0" * 36, blank)
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest()
    identifier = digest.upper().encode()
    pdf = _IDENTIFIERS.sub(lambda match: re.sub(rb"[0-9A-F]{32}", identifier, match[0]), pdf)
    uuid = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:]}"
    return _UUID.sub(b"uuid:" + uuid.encode(), pdf)
