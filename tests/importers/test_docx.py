"""DOCX import: runs and styles, fields, comments, tracked changes, real LibreOffice files, CLI."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from amendtrack import version_xml
from amendtrack.errors import SourceError
from amendtrack.importers.docx import read_docx
from amendtrack.importers.html import read_html
from amendtrack.importers.options import TrackedChanges
from amendtrack.importers.source import SourceDocument
from amendtrack.model import BlockKind, Mark, Span
from tests.importers.test_odt import DATA, lists_of, soffice_convert, structure

B, IT, U, SUP = Mark.BOLD, Mark.ITALIC, Mark.UNDERLINE, Mark.SUPERSCRIPT
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT = Path(__file__).resolve().parents[2]


def docx_bytes(body: str, styles: str = "") -> bytes:
    """A DOCX made by python-docx whose body (and extra styles) are replaced by the XML given."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
                    f'xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
                ).encode()
            elif item.filename == "word/styles.xml" and styles:
                tree = etree.fromstring(data)
                for style in etree.fromstring(f'<w:x xmlns:w="{W_NS}">{styles}</w:x>'):
                    tree.append(style)
                data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
            target.writestr(item, data)
    return out.getvalue()


def read(body: str, tracked_changes: str = "refuse", styles: str = "") -> SourceDocument:
    return read_docx(docx_bytes(body, styles), Path("t.docx"), tracked_changes=TrackedChanges(tracked_changes))


def texts(document: SourceDocument) -> list[str]:
    return ["".join(span.text for span in block.content) for block in document.blocks]


def test_runs_marks_tabs_breaks_and_spaces() -> None:
    document = read(
        "<w:p><w:r><w:t xml:space=\"preserve\">Le  conseil </w:t></w:r>"
        "<w:r><w:rPr><w:b/></w:rPr><w:t>décide</w:t></w:r>"
        "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\"> </w:t></w:r>"
        "<w:r><w:rPr><w:i/><w:u w:val=\"single\"/></w:rPr><w:t>ceci</w:t></w:r>"
        "<w:r><w:tab/><w:t>1</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/>"
        "</w:rPr><w:t>er</w:t></w:r><w:r><w:br/><w:t>  bord  </w:t><w:br w:type=\"page\"/>"
        "</w:r></w:p>"
    )
    assert document.blocks[0].content == (
        Span("Le  conseil "), Span("décide", frozenset({B})), Span(" "),
        Span("ceci", frozenset({IT, U})), Span("\t1"), Span("er", frozenset({SUP})),
        Span("\nbord"),
    )


def test_styles_headings_and_lists() -> None:
    styles = (
        '<w:style w:type="character" w:styleId="Fort"><w:name w:val="Fort"/><w:rPr><w:b/>'
        '</w:rPr></w:style><w:style w:type="paragraph" w:styleId="ParaGras"><w:name '
        'w:val="Para Gras"/><w:rPr><w:b/></w:rPr></w:style>'
    )
    document = read(
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Titre</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Niveau 3</w:t></w:r></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">un </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Fort"/>'
        '</w:rPr><w:t>fort</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="ParaGras"/></w:pPr><w:r><w:t>tout</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr>'
        '<w:r><w:t>a ;</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/>'
        '<w:numId w:val="4"/></w:numPr></w:pPr><w:r><w:t>b.</w:t></w:r></w:p>',
        styles=styles,
    )
    assert structure(document) == [
        (BlockKind.HEADING, 1, (Span("Titre"),)),  # python-docx's Heading 1 is bold: not a mark
        (BlockKind.HEADING, 3, (Span("Niveau 3"),)),
        (BlockKind.PARAGRAPH, None, (Span("un "), Span("fort", frozenset({B})))),
        (BlockKind.PARAGRAPH, None, (Span("tout", frozenset({B})),)),
        (BlockKind.ITEM, None, (Span("a ;"),)),
        (BlockKind.ITEM, None, (Span("b."),)),
    ]
    assert lists_of(document) == [["a ;", "b."]]


def test_fields_comments_notes_and_tables_are_explicit() -> None:
    document = read(
        '<w:p><w:r><w:t xml:space="preserve">Le </w:t></w:r><w:r><w:fldChar '
        'w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "d MMMM yyyy" </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7 décembre 2022</w:t>'
        '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">, '
        'page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>'
        '<w:commentRangeStart w:id="0"/><w:r><w:t>.</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
        '</w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Le maire,</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:p><w:r><w:t>Le secrétaire,</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    )
    assert texts(document) == ["Le 7 décembre 2022, page .", "Le maire,", "Le secrétaire,"]
    warnings = "\n".join(document.warnings)
    for expected in ("field DATE", "page field (PAGE)", "comment", "footnote", "table"):
        assert expected in warnings


TRACKED = (
    '<w:p><w:r><w:t xml:space="preserve">Texte </w:t></w:r><w:ins w:id="1" w:author="X">'
    '<w:r><w:t xml:space="preserve">nouveau </w:t></w:r></w:ins><w:del w:id="2" w:author="X">'
    '<w:r><w:delText xml:space="preserve">ancien </w:delText></w:r></w:del><w:r><w:rPr><w:b/>'
    '<w:rPrChange w:id="3" w:author="X"><w:rPr/></w:rPrChange></w:rPr><w:t>ici</w:t></w:r>'
    '<w:r><w:t>.</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="X"/></w:rPr></w:pPr><w:r><w:t>Suite</w:t>'
    '</w:r></w:p><w:p><w:r><w:t xml:space="preserve"> jointe.</w:t></w:r></w:p>'
)


def test_tracked_changes_refused_by_default() -> None:
    with pytest.raises(SourceError, match=r"4 tracked changes; choose --tracked-changes"):
        read(TRACKED)


def test_tracked_changes_accepted() -> None:
    document = read(TRACKED, tracked_changes=TrackedChanges.ACCEPT)
    assert [block.content for block in document.blocks] == [
        (Span("Texte nouveau "), Span("ici", frozenset({B})), Span(".")),
        (Span("Suite jointe."),),  # the deleted paragraph mark joins the paragraphs
    ]


def test_tracked_changes_rejected() -> None:
    document = read(TRACKED, tracked_changes=TrackedChanges.REJECT)
    assert [block.content for block in document.blocks] == [
        (Span("Texte ancien ici."),),  # the bold was a tracked format change
        (Span("Suite"),),
        (Span(" jointe."),),
    ]


def test_libreoffice_docx_matches_its_html_source(tmp_path: Path) -> None:
    source = DATA / "marks.html"
    converted = soffice_convert(source, "docx", tmp_path)
    from_html = read_html(source.read_bytes(), source, tracked_changes=TrackedChanges.REFUSE)
    from_docx = read_docx(converted.read_bytes(), converted, tracked_changes=TrackedChanges.REFUSE)
    assert structure(from_docx) == structure(from_html)
    assert lists_of(from_docx) == lists_of(from_html)


def run(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    # The console script's entry point: under ``-m amendtrack.cli`` the module runs as
    # __main__ and the commands of other modules (amend) register on another copy of the app.
    return subprocess.run(
        [sys.executable, "-c", "from amendtrack.cli import main; main()", *map(str, arguments)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )


@pytest.mark.slow
def test_bold_additions_act_from_libreoffice_docx(tmp_path: Path) -> None:
    source = DATA / "acte-07.12.13.html"
    converted = soffice_convert(source, "docx", tmp_path)
    old, new = tmp_path / "old.xml", tmp_path / "new.xml"
    result = run("import", converted, "--bold-as-additions", "--before", old, "--after", new)
    assert result.returncode == 0, result.stderr
    addition = "qui seront réalisées pour les bonus territoriaux avec un effet au 1er janvier 2023"
    old_version, new_version = version_xml.load(old), version_xml.load(new)
    assert addition not in old_version.text()
    assert addition in new_version.text()
    # OLD lacks exactly the bold words: taking them out of NEW gives OLD.
    assert new_version.text().replace(addition + " ", "") == old_version.text()
    # The same act imported from its Markdown original gives the same pair.
    md_old, md_new = tmp_path / "md-old.xml", tmp_path / "md-new.xml"
    sample = ROOT / "samples" / "aulnoy-ctg-caf" / "acte-07.12.13.md"
    assert run("import", sample, "--bold-as-additions", "--before", md_old,
               "--after", md_new).returncode == 0
    assert version_xml.load(md_old).body == old_version.body
    assert version_xml.load(md_new).body == new_version.body
    # And the amending act written from the pair gives the bold back.
    act = run("amend", old, new, "--to", "markdown")
    assert act.returncode == 0, act.stderr
    assert "**qui seront réalisées pour les bonus territoriaux avec un effet au 1<sup>er</sup>" \
        " janvier 2023**" in act.stdout


def _with_footer(*pieces: tuple[str, str]) -> bytes:
    """A DOCX whose footer is `pieces`: ("text", …) runs and ("field", code) fields."""
    document = docx.Document()
    document.add_paragraph("Texte")
    paragraph = document.sections[0].footer.paragraphs[0]
    for kind, value in pieces:
        if kind == "text":
            paragraph.add_run(value)
            continue
        for part in ("begin", "instr", "separate", "result", "end"):
            run = paragraph.add_run("2" if part == "result" else None)
            if part == "instr":
                instruction = etree.SubElement(run._r, f"{{{W_NS}}}instrText")
                instruction.text = f" {value} "
            elif part != "result":
                etree.SubElement(run._r, f"{{{W_NS}}}fldChar").set(f"{{{W_NS}}}fldCharType", part)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_footer_of_page_numbers_alone_is_dropped_without_a_word() -> None:
    numbered = _with_footer(("text", "Page "), ("field", "PAGE"), ("text", " sur "),
                            ("field", "NUMPAGES"))
    document = read_docx(numbered, Path("t.docx"))
    assert texts(document) == ["Texte"]
    assert document.warnings == ()
    for pieces in ([("text", "Mairie de Trifouillis, page "), ("field", "PAGE")],
                   [("text", "Page 2 sur 5")]):  # words, or numbers typed by hand, not fields
        worded = read_docx(_with_footer(*pieces), Path("t.docx"))
        assert worded.warnings == ("t.docx: dropped the page footer",), pieces
