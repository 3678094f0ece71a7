"""ODT import: ODF whitespace, marks through styles, tracked changes, real LibreOffice files."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from amendtrack.errors import SourceError
from amendtrack.importers.html import read_html
from amendtrack.importers.odt import read_odt
from amendtrack.importers.options import TrackedChanges
from amendtrack.importers.source import SourceBlock, SourceDocument
from amendtrack.model import BlockKind, Mark, Span

DATA = Path(__file__).parents[1] / "data" / "import"
B, IT, U, SUP = Mark.BOLD, Mark.ITALIC, Mark.UNDERLINE, Mark.SUPERSCRIPT

_NAMESPACES = " ".join(
    f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}"'
    for prefix, name in (
        ("office", "office:1.0"), ("text", "text:1.0"), ("style", "style:1.0"),
        ("table", "table:1.0"), ("draw", "drawing:1.0"), ("dc", "dc"),
        ("fo", "xsl-fo-compatible:1.0"),
    )
).replace("urn:oasis:names:tc:opendocument:xmlns:dc", "http://purl.org/dc/elements/1.1/")


# --- LibreOffice --------------------------------------------------------------------------------

_PROFILE = Path(tempfile.gettempdir()) / f"amendtrack-soffice-{os.getpid()}"


def soffice_convert(source: Path, target_format: str, outdir: Path) -> Path:
    """Convert with real LibreOffice (a private profile per test session).

    Fails when CI=true and LibreOffice is missing; skips otherwise.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice (LibreOffice) is required when CI=true")
        pytest.skip("soffice (LibreOffice) is not installed")
    filters = {"odt": "odt", "docx": "docx:MS Word 2007 XML"}
    subprocess.run(
        [soffice, f"-env:UserInstallation={_PROFILE.as_uri()}", "--headless",
         "--convert-to", filters[target_format], "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    result = outdir / f"{source.stem}.{target_format}"
    assert result.is_file(), f"LibreOffice wrote no {result.name}"
    return result


def structure(document: SourceDocument) -> list[tuple[BlockKind, int | None, tuple[Span, ...]]]:
    """Kinds, heading levels and content: what must survive a conversion."""
    return [(block.kind, block.level, block.content) for block in document.blocks]


def lists_of(document: SourceDocument) -> list[list[str]]:
    """The item texts grouped by list (list keys are arbitrary numbers, groups are not)."""
    groups: dict[int | None, list[str]] = {}
    for block in document.blocks:
        if block.kind is BlockKind.ITEM:
            groups.setdefault(block.list_key, []).append("".join(s.text for s in block.content))
    return list(groups.values())


# --- building ODT files ---------------------------------------------------------------------------


def odt_bytes(body: str, automatic_styles: str = "", styles: str = "",
              tracked: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    """An ODT package whose body, automatic styles and common styles are given as XML."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NAMESPACES} '
        f'office:version="1.3"><office:automatic-styles>{automatic_styles}'
        f"</office:automatic-styles><office:body><office:text>{tracked}{body}"
        "</office:text></office:body></office:document-content>"
    )
    styles_xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_NAMESPACES} '
        f'office:version="1.3">{styles}</office:document-styles>'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles_xml, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def read(body: str, tracked_changes: str = "refuse", *, automatic_styles: str = "",
         styles: str = "", tracked: str = "") -> SourceDocument:
    data = odt_bytes(body, automatic_styles, styles, tracked)
    return read_odt(data, Path("t.odt"), tracked_changes=TrackedChanges(tracked_changes))


def test_odf_whitespace_rules() -> None:
    document = read(
        "<text:p>  Deux   mots\n\tici<text:s/>et<text:s text:c=\"3\"/>là<text:tab/>tab"
        "<text:line-break/>ligne\u00a0: fin</text:p>"
    )
    assert document.blocks == (
        SourceBlock(BlockKind.PARAGRAPH, (Span("Deux mots ici et   là\ttab\nligne\u00a0: fin"),)),
    )


def test_marks_through_automatic_and_parent_styles() -> None:
    styles = (
        '<office:styles><style:style style:name="Fort" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style></office:styles>'
    )
    automatic = (
        '<style:style style:name="T1" style:family="text" style:parent-style-name="Fort"/>'
        '<style:style style:name="T2" style:family="text">'
        '<style:text-properties fo:font-weight="normal" fo:font-style="italic"/></style:style>'
        '<style:style style:name="T3" style:family="text">'
        '<style:text-properties style:text-underline-style="solid"/></style:style>'
        '<style:style style:name="T4" style:family="text">'
        '<style:text-properties style:text-position="super 58%"/></style:style>'
    )
    document = read(
        '<text:p>a <text:span text:style-name="T1">gras <text:span text:style-name="T2">'
        'italique</text:span></text:span> <text:span text:style-name="T3">sous</text:span>'
        ' 1<text:span text:style-name="T4">er</text:span></text:p>',
        automatic_styles=automatic, styles=styles,
    )
    assert document.blocks[0].content == (
        Span("a "), Span("gras ", frozenset({B})), Span("italique", frozenset({IT})),
        Span(" "), Span("sous", frozenset({U})), Span(" 1"), Span("er", frozenset({SUP})),
    )


def test_headings_lists_and_paragraph_style_bold() -> None:
    styles = (
        '<office:styles><style:style style:name="Heading_20_1" style:family="paragraph">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Gras" style:family="paragraph">'
        '<style:text-properties fo:font-weight="bold"/></style:style></office:styles>'
    )
    automatic = '<style:style style:name="P1" style:family="paragraph" ' \
        'style:parent-style-name="Heading_20_1"/>'
    document = read(
        '<text:p text:style-name="P1">Titre</text:p><text:h text:outline-level="2">Sous</text:h>'
        '<text:list><text:list-item><text:p>un ;</text:p></text:list-item><text:list-item>'
        '<text:p>deux ;</text:p><text:list><text:list-item><text:p>deux bis</text:p>'
        '</text:list-item></text:list></text:list-item></text:list><text:p/>'
        '<text:list><text:list-item><text:p>autre</text:p></text:list-item></text:list>'
        '<text:p text:style-name="Gras">Tout gras</text:p>',
        automatic_styles=automatic, styles=styles,
    )
    assert structure(document)[:2] == [
        (BlockKind.HEADING, 1, (Span("Titre"),)),  # bold by its style: not a mark
        (BlockKind.HEADING, 2, (Span("Sous"),)),
    ]
    assert lists_of(document) == [["un ;", "deux ;", "deux bis"], ["autre"]]
    assert document.blocks[-1].content == (Span("Tout gras", frozenset({B})),)


def test_comments_notes_fields_and_headers_are_explicit() -> None:
    styles = (
        "<office:master-styles><style:master-page style:name=\"Standard\"><style:footer>"
        "<text:p>Mairie de Trifouillis, page <text:page-number>1</text:page-number></text:p>"
        "</style:footer></style:master-page></office:master-styles>"
    )
    document = read(
        "<text:p>Le <text:date>7 décembre 2022</text:date> page <text:page-number>3"
        "</text:page-number>.<office:annotation><dc:creator>X</dc:creator><text:p>à revoir"
        "</text:p></office:annotation> Fin<text:note><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>note</text:p></text:note-body></text:note></text:p>",
        styles=styles,
    )
    assert document.blocks[0].content == (Span("Le 7 décembre 2022 page . Fin"),)
    warnings = "\n".join(document.warnings)
    for expected in ("page footer", "comment", "footnote", "text:page-number", "text:date"):
        assert expected in warnings
    assert all(line.startswith("t.odt: ") for line in document.warnings)


TRACKED = (
    '<text:tracked-changes><text:changed-region text:id="ct1"><text:insertion>'
    "<office:change-info><dc:creator>X</dc:creator></office:change-info></text:insertion>"
    '</text:changed-region><text:changed-region text:id="ct2"><text:deletion>'
    "<office:change-info><dc:creator>X</dc:creator></office:change-info>"
    "<text:p>ancien</text:p></text:deletion></text:changed-region></text:tracked-changes>"
)
TRACKED_BODY = (
    '<text:p>Texte <text:change-start text:change-id="ct1"/>nouveau<text:change-end '
    'text:change-id="ct1"/><text:change text:change-id="ct2"/> ici.</text:p>'
)


def test_tracked_changes_refused_by_default() -> None:
    with pytest.raises(SourceError, match=r"2 tracked changes; choose --tracked-changes"):
        read(TRACKED_BODY, tracked=TRACKED)


@pytest.mark.parametrize(("choice", "text"), [("accept", "Texte nouveau ici."),
                                              ("reject", "Texte ancien ici.")])
def test_tracked_changes_accepted_or_rejected(choice: str, text: str) -> None:
    document = read(TRACKED_BODY, tracked_changes=TrackedChanges(choice), tracked=TRACKED)
    assert [block.content for block in document.blocks] == [(Span(text),)]
    assert any(f"{choice}ed 2 tracked changes" in line for line in document.warnings)


def test_rejecting_an_inserted_paragraph_break_joins_the_paragraphs() -> None:
    body = (
        '<text:p>Un <text:change-start text:change-id="ct1"/>ajout</text:p>'
        '<text:p>suite<text:change-end text:change-id="ct1"/> fin.</text:p>'
    )
    document = read(body, tracked_changes=TrackedChanges.REJECT, tracked=TRACKED)
    assert [block.content for block in document.blocks] == [(Span("Un fin."),)]


def test_libreoffice_odt_matches_its_html_source(tmp_path: Path) -> None:
    source = DATA / "marks.html"
    converted = soffice_convert(source, "odt", tmp_path)
    from_html = read_html(source.read_bytes(), source, tracked_changes=TrackedChanges.REFUSE)
    from_odt = read_odt(converted.read_bytes(), converted, tracked_changes=TrackedChanges.REFUSE)
    assert structure(from_odt) == structure(from_html)
    assert lists_of(from_odt) == lists_of(from_html)
    marks = {mark for block in from_odt.blocks for span in block.content for mark in span.marks}
    assert marks == {B, IT, U, SUP, Mark.SUBSCRIPT}


def test_odt_renderer_output_imports_back_to_the_same_body(tmp_path: Path) -> None:
    from dataclasses import replace

    from amendtrack import version_xml
    from amendtrack.model import Block

    root = Path(__file__).resolve().parents[2]
    base = version_xml.load(root / "samples" / "aulnoy-ctg-caf" / "2022-12-07.xml")
    tricky = (
        Block("p90", BlockKind.HEADING, (Span("Titre  à\tdeux"),), level=2),
        Block("p91", BlockKind.PARAGRAPH, (
            Span("  retrait, a   b\tc\nd\u00a0: « e » "), Span("gras", frozenset({B})),
            Span(" 1"), Span("er", frozenset({SUP})), Span(" et "),
            Span("tout", frozenset({B, IT, U})), Span(" fin."),
        )),
    )
    version = replace(base, body=base.body + tricky)
    source, rendered = tmp_path / "v.xml", tmp_path / "v.odt"
    version_xml.save(version, source)
    # The console script's entry point (see tests/importers/test_docx.py `run`).
    result = subprocess.run(
        [sys.executable, "-c", "from amendtrack.cli import main; main()", "diff",
         str(source), str(source), "--full", "-o", str(rendered)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    document = read_odt(rendered.read_bytes(), rendered, tracked_changes=TrackedChanges.REFUSE)
    body = [block for block in document.blocks
            if not "".join(span.text for span in block.content).startswith("Résumé")]
    assert [block.content for block in body] == [block.content for block in version.body]
    assert [block.kind for block in body][-2:] == [BlockKind.HEADING, BlockKind.PARAGRAPH]


@pytest.mark.parametrize("footer", ["Page <text:page-number>2</text:page-number> sur "
                                    "<text:page-count>5</text:page-count>",
                                    "- <text:page-number>2</text:page-number> -"])
def test_a_footer_of_page_numbers_alone_is_dropped_without_a_word(footer: str) -> None:
    styles = ("<office:master-styles><style:master-page style:name=\"Standard\"><style:footer>"
              f"<text:p>{footer}</text:p></style:footer></style:master-page>"
              "</office:master-styles>")
    document = read("<text:p>Texte</text:p>", styles=styles)
    assert [block.content for block in document.blocks] == [(Span("Texte"),)]
    assert document.warnings == ()
    worded = read("<text:p>Texte</text:p>", styles=styles.replace("<text:p>", "<text:p>Mairie "))
    assert worded.warnings == ("t.odt: dropped the page footer",)
