"""Hostile or mislabelled ODT/DOCX inputs: one line, exit 2, nothing written, no traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from amendtrack.errors import SourceError
from amendtrack.importers.packages import OLE_SIGNATURE, ContainerKind, open_container
from tests.importers.test_docx import docx_bytes
from tests.importers.test_odt import odt_bytes

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPH_ODT = "<text:p>Texte.</text:p>"
PARAGRAPH_DOCX = "<w:p><w:r><w:t>Texte.</w:t></w:r></w:p>"


def rezip(data: bytes, *, drop: str = "", add: dict[str, bytes] | None = None,
          replace: dict[str, bytes] | None = None) -> bytes:
    """The same package with a member dropped, added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != drop:
                target.writestr(item, (replace or {}).get(item.filename,
                                                          source.read(item.filename)))
        for name, member in (add or {}).items():
            target.writestr(name, member)
    return out.getvalue()


def zip_bomb() -> bytes:
    return rezip(odt_bytes(PARAGRAPH_ODT), add={"Pictures/zeros.bin": b"\0" * 50_000_000})


def many_members() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odt_bytes(PARAGRAPH_ODT))) as source, \
            zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for number in range(10_000):
            target.writestr(f"Pictures/{number}.png", b"")
    return out.getvalue()


ENCRYPTED_MANIFEST = (
    b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    b'"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
    b'manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data '
    b'manifest:checksum-type="SHA1/1K" manifest:checksum="x"/></manifest:file-entry>'
    b"</manifest:manifest>"
)
DOCM_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)
ENTITY_CONTENT = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    b"/>"
)

HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "bomb.odt": (zip_bomb, "possible zip bomb"),
    "members.odt": (many_members, "10,004 members"),
    "no-content.odt": (lambda: rezip(odt_bytes(PARAGRAPH_ODT), drop="content.xml"),
                       "missing content.xml"),
    "encrypted.odt": (lambda: rezip(odt_bytes(PARAGRAPH_ODT),
                                    replace={"META-INF/manifest.xml": ENCRYPTED_MANIFEST}),
                      "encrypted ODF"),
    "macros.odt": (lambda: rezip(odt_bytes(PARAGRAPH_ODT),
                                 add={"Basic/Standard/Module1.xml": b"<x/>"}), "macros"),
    "entities.odt": (lambda: rezip(odt_bytes(PARAGRAPH_ODT),
                                   replace={"content.xml": ENTITY_CONTENT}), "DOCTYPE"),
    "text.odt": (lambda: "Délibération du conseil\n".encode(), "is a text file, not ODT"),
    "really-docx.odt": (lambda: docx_bytes(PARAGRAPH_DOCX), "is a DOCX document, not ODT"),
    "vba.docx": (lambda: rezip(docx_bytes(PARAGRAPH_DOCX),
                               add={"word/vbaProject.bin": b"\0" * 64}), "macro-enabled"),
    "docm.docx": (lambda: rezip(docx_bytes(PARAGRAPH_DOCX),
                                replace={"[Content_Types].xml": DOCM_TYPES}), "macro-enabled"),
    "no-document.docx": (lambda: rezip(docx_bytes(PARAGRAPH_DOCX), drop="word/document.xml"),
                         "missing word/document.xml"),
    "really-odt.docx": (lambda: odt_bytes(PARAGRAPH_ODT), "is an ODT document, not DOCX"),
    "page.docx": (lambda: b"<!DOCTYPE html><html><body><p>x</p></body></html>",
                  "is an HTML file, not DOCX"),
    "encrypted.docx": (lambda: OLE_SIGNATURE + b"\0" * 100
                       + "EncryptedPackage".encode("utf-16-le") + b"\0" * 400,
                       "password-protected"),
    "legacy.docx": (lambda: OLE_SIGNATURE + b"\0" * 500, "old binary .doc"),
    "zip.html": (lambda: docx_bytes(PARAGRAPH_DOCX), "is a ZIP container"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_refused_cleanly(name: str, tmp_path: Path) -> None:
    build, problem = HOSTILE[name]
    source = tmp_path / name
    source.write_bytes(build())
    output = tmp_path / "out.xml"
    result = subprocess.run(
        [sys.executable, "-m", "amendtrack", "import", str(source), "-o", str(output)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"amendtrack: error: {source}: "), lines[0]
    assert problem in lines[0]
    assert "Traceback" not in result.stderr
    assert not output.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == [name]


def test_sound_containers_pass() -> None:
    assert open_container(odt_bytes(PARAGRAPH_ODT), Path("a.odt"), ContainerKind.ODT)
    assert open_container(docx_bytes(PARAGRAPH_DOCX), Path("a.docx"), ContainerKind.DOCX)


def test_damaged_zip_is_named() -> None:
    data = odt_bytes(PARAGRAPH_ODT)
    with pytest.raises(SourceError, match="damaged ZIP"):
        open_container(data[: len(data) // 2], Path("cut.odt"), ContainerKind.ODT)
