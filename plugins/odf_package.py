"""The ODT renderer's package: odfdo's document repacked into a clean, deterministic ODF zip.

Fixed member order and timestamps, so the same job gives the same bytes; foreign namespaces and
manifest entries odfdo leaves behind are removed, so that the package validates against the
OASIS ODF 1.3 schemas. The document's body comes as XML text and is spliced into content.xml
here, after the (small) template has been cleaned: it is never parsed.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from amendtrack.translation import _

ZIP_DATE = (2000, 1, 1, 0, 0, 0)
"""Date of every zip entry, so the same job gives the same bytes."""

_ODF_NAMESPACES = {
    "urn:oasis:names:tc:opendocument:xmlns:" + name for name in (
        "office:1.0", "style:1.0", "text:1.0", "table:1.0", "drawing:1.0",
        "xsl-fo-compatible:1.0", "meta:1.0", "datastyle:1.0", "svg-compatible:1.0",
        "chart:1.0", "dr3d:1.0", "form:1.0", "script:1.0", "config:1.0", "presentation:1.0",
        "animation:1.0", "smil-compatible:1.0", "database:1.0")
} | {"http://www.w3.org/1999/xlink", "http://purl.org/dc/elements/1.1/",
     "http://www.w3.org/1998/Math/MathML", "http://www.w3.org/2002/xforms",
     "http://www.w3.org/1999/xhtml", "http://www.w3.org/2003/g/data-view#",
     "urn:oasis:names:tc:opendocument:xmlns:of:1.2"}


_BODY_MARK = b"<!--amendtrack body-->"


def _strip_foreign(data: bytes, body: list[str] | None = None) -> bytes:
    """Leave out LibreOffice's extension markup (foreign to ODF 1.3) and declare ODF 1.3.

    With `body` (content.xml), its pieces of XML text become the children of ``office:text``,
    and the namespace prefixes they use stay declared.
    """
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    text = "".join(body) if body is not None else ""
    if body is not None:
        office_text = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
        if office_text is None:
            raise ValueError(_("the template's content.xml has no office:text"))
        office_text.append(etree.Comment(_BODY_MARK[4:-3].decode()))
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        namespace = etree.QName(element).namespace
        if namespace and namespace not in _ODF_NAMESPACES:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for attribute in list(element.attrib):
            attr_ns = etree.QName(attribute).namespace
            if attr_ns and attr_ns not in _ODF_NAMESPACES and attr_ns != (
                "http://www.w3.org/XML/1998/namespace"
            ):
                del element.attrib[attribute]
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    root.set(f"{{{office}}}version", "1.3")
    used = [prefix for prefix in root.nsmap if prefix and f"{prefix}:" in text]
    etree.cleanup_namespaces(root, keep_ns_prefixes=used)
    written = bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    if body is None:
        return written
    head, tail = written.split(_BODY_MARK, 1)
    return head + text.encode() + tail


def repack(document: Any, body: list[str] | None = None) -> bytes:
    """Save with odfdo, then rewrite the zip with fixed dates and ODF 1.3 parts.

    `body`, pieces of XML text, becomes the content of ``office:text`` in content.xml.
    """
    raw = io.BytesIO()
    document.save(raw)
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            name = info.filename
            if name.startswith(("Thumbnails/", "Configurations2/")) or name == "manifest.rdf":
                continue  # the template's picture and LibreOffice's UI state: not ours
            data = source.read(name)
            if name == "content.xml":
                data = _strip_foreign(data, body)
            elif name in ("styles.xml", "meta.xml", "settings.xml"):
                data = _strip_foreign(data)
            elif name == "META-INF/manifest.xml":
                data = _clean_manifest(data)
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_STORED if name == "mimetype" else (
                zipfile.ZIP_DEFLATED)
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return out.getvalue()


def _clean_manifest(data: bytes) -> bytes:
    from lxml import etree

    manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    root.set(f"{{{manifest}}}version", "1.3")
    for attribute in list(root.attrib):
        if not attribute.startswith(f"{{{manifest}}}"):
            del root.attrib[attribute]
    for entry in list(root):
        path = entry.get(f"{{{manifest}}}full-path", "")
        if path.startswith(("Thumbnails/", "Configurations2/")) or path == "manifest.rdf":
            root.remove(entry)
        elif path == "/":
            # LibreOffice refuses a package whose manifest and content versions differ.
            entry.set(f"{{{manifest}}}version", "1.3")
    etree.cleanup_namespaces(root)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
