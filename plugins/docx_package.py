"""The DOCX renderer's package: styles, A4 pages numbered at their foot, properties, fixed bytes.

python-docx's default template gives the parts (styles, numbering, settings); this module adds
the character styles « Ajout » (bold), « Suppression » (struck through) and « Déplacement »
(italic) a house style can change in one place, a bullet list definition per list, A4 pages
with « Page N sur M » at their foot, the document properties (title, the versions' hashes and
amendtrack's version), and writes the package with fixed dates and member order, so that the
same job gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

ADDED_STYLE = "Ajout"
DELETED_STYLE = "Suppression"
MOVED_STYLE = "Deplacement"
BODY_STYLE = "Corps de texte"
LIST_STYLE = "List Bullet"
ZIP_DATE = (2000, 1, 1, 0, 0, 0)
"""Date of every zip entry, so the same job gives the same bytes."""
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CHARACTER_STYLES = (
    (ADDED_STYLE, "Ajout", "b"),
    (DELETED_STYLE, "Suppression", "strike"),
    (MOVED_STYLE, "Déplacement", "i"),
)


def qualified(tag: str) -> str:
    """``w:tag`` in Clark notation."""
    prefix, _, name = tag.partition(":")
    assert prefix == "w"
    return f"{{{_W}}}{name}"


def element(tag: str, **attributes: str) -> Any:
    """A new WordprocessingML element, ``w:`` attributes given without their prefix."""
    from docx.oxml import OxmlElement

    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qualified(f"w:{name}"), value)
    return made


def prepare(document: Any) -> None:
    """The styles, the page and its footer."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.paragraph_format.widow_control = True
    body = styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.element.styleId = "Corpsdetexte"
    body.paragraph_format.space_after = Pt(6)
    for style_id, shown, mark in _CHARACTER_STYLES:
        style = styles.add_style(shown, WD_STYLE_TYPE.CHARACTER)
        style.element.styleId = style_id
        properties = style.element.get_or_add_rPr()
        properties.append(element(f"w:{mark}"))
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    _footer(section)


def _footer(section: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" sur ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Any, code: str) -> None:
    """A field (``PAGE``, ``NUMPAGES``) with its last result « 1 »."""
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None),
                       ("result", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instruction = element("w:instrText")
            instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instruction.text = text
            run._r.append(instruction)
        elif kind == "result":
            run.text = text or ""
        else:
            run._r.append(element("w:fldChar", fldCharType=kind))


def new_list(document: Any) -> str:
    """A new numbering instance of the bullet list (each list of the text its own)."""
    numbering = document.part.numbering_part.element
    style = document.styles[LIST_STYLE].element
    base = style.find(f"{qualified('w:pPr')}/{qualified('w:numPr')}/{qualified('w:numId')}")
    base_id = base.get(qualified("w:val"))
    abstract = next(num.find(qualified("w:abstractNumId")).get(qualified("w:val"))
                    for num in numbering.findall(qualified("w:num"))
                    if num.get(qualified("w:numId")) == base_id)
    used = [int(num.get(qualified("w:numId"))) for num in numbering.findall(qualified("w:num"))]
    number = str(max(used) + 1)
    num = element("w:num", numId=number)
    num.append(element("w:abstractNumId", val=abstract))
    numbering.append(num)
    return number


def set_properties(document: Any, title: str, when: str, keywords: str, subject: str) -> None:
    """Title, subject, keywords and fixed dates in the core properties."""
    properties = document.core_properties
    fixed = datetime.fromisoformat(f"{when}T00:00:00").replace(tzinfo=UTC)
    properties.title = title
    properties.subject = subject
    properties.keywords = keywords
    properties.author = properties.last_modified_by = "amendtrack"
    properties.language = "fr-FR"
    properties.created = properties.modified = properties.last_printed = fixed
    properties.revision = 1
    properties.comments = ""
    properties.category = "délibération"


def package(document: Any) -> bytes:
    """The document saved by python-docx, rewritten with fixed dates and member order."""
    raw = io.BytesIO()
    document.save(raw)
    source = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    names = source.namelist()
    first = [name for name in ("[Content_Types].xml", "_rels/.rels") if name in names]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in [*first, *sorted(set(names) - set(first))]:
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(name))
    return out.getvalue()
