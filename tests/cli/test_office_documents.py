"""Office documents wherever a version is read, and versions written as documents.

Tracked changes accepted keep the additions bold (DOCX and ODT); an HTML act saved by
LibreOffice as a ``text-web`` ODT imports like any ODT; ``show --to docx`` and ``--to odt`` of
every golden version import back to the same version, and an edit made in LibreOffice by a
script comes back as exactly that edit; binary formats are refused on a terminal; a document
missing a fact says which ``--meta`` to give; LibreOffice missing is one line naming the package.
"""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from amendtrack_plugins.docx import DocxRenderer
from amendtrack_plugins.html import HtmlRenderer
from amendtrack_plugins.odt import OdtRenderer
from lxml import etree

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.importers.importing import import_bold_as_additions, import_source
from amendtrack.importers.options import ReadOptions
from amendtrack.model import BlockOpKind, InlineOpKind, Mark, Span, Version, inline_text
from amendtrack.rendering import RenderJob
from amendtrack.rendering.document import document_job
from tests.office import (
    ROOT,
    accept_all_in_libreoffice,
    amendtrack,
    convert,
    docx_styled_runs,
    edit_in_libreoffice,
)
from tests.rendering.golden_acts import CASES, load_case

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
RENDERERS = {"docx": DocxRenderer, "odt": OdtRenderer, "html": HtmlRenderer}


def _write(renderer: str, job: RenderJob, path: Path) -> Path:
    buffer = io.BytesIO()
    RENDERERS[renderer]().render(job, buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _imported(path: Path, deliberation: str, **options: object) -> Version:
    return import_source(path, source_format=None, meta={"deliberation": deliberation},
                         options=ReadOptions(**options)).version  # type: ignore[arg-type]


# --- tracked changes keep the bold --------------------------------------------------------------


def _accept_docx(source: Path, target: Path) -> None:
    """Accept every tracked change, as Word's « Accept all » does: insertions unwrapped,
    deletions dropped, a deleted paragraph mark joining its paragraph to the next."""
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    for deleted in list(root.iter(f"{W}del")):
        parent = deleted.getparent()
        if parent.tag == f"{W}rPr":  # a deleted paragraph mark: the paragraph goes with it
            paragraph = parent.getparent().getparent()
            if not "".join(paragraph.itertext()).strip():
                paragraph.getparent().remove(paragraph)
            else:
                parent.remove(deleted)
        else:
            parent.remove(deleted)
    for inserted in list(root.iter(f"{W}ins")):
        parent = inserted.getparent()
        if parent.tag == f"{W}rPr":
            parent.remove(inserted)
            continue
        index = parent.index(inserted)
        for offset, child in enumerate(list(inserted)):
            parent.insert(index + offset, child)
        parent.remove(inserted)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(target, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


@pytest.mark.parametrize("name", ["cantine-maire", "deplacement-alinea", "visa-insere"])
def test_accepted_docx_tracked_changes_leave_the_additions_bold(name: str, tmp_path: Path) -> None:
    case = load_case(name)
    job = case.job(options={"tracked_changes": "true"})
    tracked = _write("docx", job, tmp_path / "suivi.docx")
    document = zipfile.ZipFile(tracked).read("word/document.xml").decode()
    assert "<w:ins " in document and "<w:delText" in document
    accepted = tmp_path / "accepte.docx"
    _accept_docx(tracked, accepted)
    assert docx_styled_runs(accepted, "Ajout") == case.expected()["additions"]
    assert "w:delText" not in zipfile.ZipFile(accepted).read("word/document.xml").decode()
    import docx

    styles = docx.Document(str(accepted)).styles
    assert styles["Ajout"].font.bold is True  # the style « Ajout » is bold: accepted, so are they
    # Read back with amendtrack's own « accept » (bold as the style says): the additions bold.
    pair = import_bold_as_additions(tracked, source_format=None, meta={"deliberation": name},
                                    options=ReadOptions(tracked_changes=_accept()))
    assert [" ".join(text.split()) for text in pair.additions] == case.expected()["additions"]


def _accept() -> object:
    from amendtrack.importers.options import TrackedChanges

    return TrackedChanges.ACCEPT


def test_accepted_odt_tracked_changes_leave_the_additions_bold(tmp_path: Path) -> None:
    case = load_case("cantine-maire")
    tracked = _write("odt", case.job(options={"tracked_changes": "true"}), tmp_path / "s.odt")
    content = etree.fromstring(zipfile.ZipFile(tracked).read("content.xml"))
    # Accept all: the regions and marks go, the deletions with them; what was inserted stays.
    for region in list(content.iter(f"{{{TEXT}}}tracked-changes")):
        region.getparent().remove(region)
    for tag in ("change-start", "change-end", "change"):
        for mark in list(content.iter(f"{{{TEXT}}}{tag}")):
            if mark.tail:
                previous = mark.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + mark.tail
                else:
                    mark.getparent().text = (mark.getparent().text or "") + mark.tail
            mark.getparent().remove(mark)
    added = [" ".join("".join(span.itertext()).split())
             for span in content.iter(f"{{{TEXT}}}span")
             if span.get(f"{{{TEXT}}}style-name") == "Ajout"]
    assert added == case.expected()["additions"]


TRACKED_CASES = ("cantine-maire", "deplacement-alinea", "visa-insere")


@pytest.mark.slow
def test_changes_accepted_in_libreoffice_leave_the_additions_bold(tmp_path: Path) -> None:
    """Edit › Track Changes › Accept All in real LibreOffice Writer, then saved: the deletions
    are gone and what is left in « Ajout », bold, is exactly the additions (DOCX and ODT)."""
    documents = {(name, renderer): _write(renderer, load_case(name).job(
                     options={"tracked_changes": "true"}), tmp_path / f"{name}.{renderer}")
                 for name in TRACKED_CASES for renderer in ("docx", "odt")}
    accept_all_in_libreoffice(*documents.values())
    import docx

    for (name, renderer), path in documents.items():
        additions = load_case(name).expected()["additions"]
        package = zipfile.ZipFile(path)
        if renderer == "docx":
            document = package.read("word/document.xml").decode()
            assert "<w:ins " not in document and "<w:del " not in document, name
            assert docx_styled_runs(path, "Ajout") == additions, name
            assert docx_styled_runs(path, "Suppression") == [], name
            assert docx.Document(str(path)).styles["Ajout"].font.bold is True
        else:
            content = etree.fromstring(package.read("content.xml"))
            assert not list(content.iter(f"{{{TEXT}}}changed-region")), name
        # Read back as a reader sees it, bold as bold: the additions, nothing struck through.
        pair = import_bold_as_additions(path, source_format=None, meta={"deliberation": name},
                                        options=ReadOptions())
        assert [" ".join(text.split()) for text in pair.additions] == additions, (name, renderer)
        assert not any(Mark.STRIKE in span.marks for block in pair.new.body
                       for span in block.content), (name, renderer)


# --- text-web ODT ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_text_web_odt_imports_like_any_odt(tmp_path: Path) -> None:
    """An HTML act opened in LibreOffice and saved as .odt (a ``text-web`` document)."""
    case = load_case("cantine-maire")
    page = _write("html", case.job(), tmp_path / "acte.html")
    # Opened as Writer/Web opens a page, saved as .odt: LibreOffice writes a text-web document.
    (saved,) = convert([page], "odt:writer8", tmp_path / "web", input_filter="HTML")
    mimetype = zipfile.ZipFile(saved).read("mimetype").decode()
    assert mimetype == "application/vnd.oasis.opendocument.text-web"
    from_html = import_bold_as_additions(page, source_format=None, meta={"deliberation": "x"},
                                         options=ReadOptions())
    from_odt = import_bold_as_additions(saved, source_format=None, meta={"deliberation": "x"},
                                        options=ReadOptions())
    assert from_odt.additions == from_html.additions
    assert [b.text for b in from_odt.new.body] == [b.text for b in from_html.new.body]
    assert from_odt.new.metadata == from_html.new.metadata
    plain = amendtrack("import", saved, "-o", tmp_path / "v.xml")
    assert plain.returncode == 0, plain.stderr


# --- a version as a document, and back ------------------------------------------------------------


@pytest.mark.parametrize("renderer", ["docx", "odt"])
@pytest.mark.parametrize("name", CASES)
def test_show_writes_a_document_that_imports_back(name: str, renderer: str,
                                                  tmp_path: Path) -> None:
    case = load_case(name)
    for side, version in (("old", case.old), ("new", case.new)):
        path = _write(renderer, document_job(version), tmp_path / f"{side}.{renderer}")
        back = _imported(path, name)
        assert back.metadata == version.metadata, side
        assert back.body == version.body, side
        assert (back.info.modifies, back.info.modifies_numero, back.info.replaces) == (
            version.info.modifies, version.info.modifies_numero, version.info.replaces)
        assert diff(version, back).result_hash == diff(version, version).result_hash


def test_show_through_the_command_line(tmp_path: Path) -> None:
    source = ROOT / "tests" / "golden" / "deliberations" / "cantine-maire" / "new.md"
    for extension in ("docx", "odt", "html", "md"):
        target = tmp_path / f"cantine-maire.{extension}"
        result = amendtrack("show", source, "-o", target, "--meta", "deliberation=cantine-maire")
        assert result.returncode == 0, result.stderr
        assert "does not state" not in result.stderr  # every fact of it is in the document
        back = amendtrack("show", target, "--to", "xml")
        original = amendtrack("show", source, "--to", "xml")
        assert back.stdout == original.stdout.replace('deliberation="new"', 'deliberation='
                                                      '"cantine-maire"'), extension


def test_show_says_what_the_document_leaves_out(tmp_path: Path) -> None:
    """The exposé of the act that made a version is not part of the deliberation: ``show``
    says the document leaves it out; reading the document back says nothing of its own page
    numbers, and names the file once per line."""
    source = ROOT / "samples" / "aulnoy-ctg-caf" / "2022-12-07.xml"
    target = tmp_path / "aulnoy.docx"
    shown = amendtrack("show", source, "-o", target)
    assert shown.returncode == 0, shown.stderr
    assert ("amendtrack: warning: the document is the deliberation, without the exposé of the "
            "act that made it: importing it back leaves the exposé out") in shown.stderr
    back = amendtrack("show", target, "--to", "xml", "--meta", "deliberation=aulnoy-ctg-caf")
    assert back.returncode == 0, back.stderr
    assert "footer" not in back.stderr
    assert all(line.count(str(target)) <= 1 for line in back.stderr.splitlines())
    original = amendtrack("show", source, "--to", "xml").stdout.splitlines()
    assert [line for line in original if "<expose>" not in line] == back.stdout.splitlines()


EDITS = (("3,50 euros par repas", "4 euros par repas"),
         ("Un tarif réduit de 1 euro", "Un tarif réduit de 1,50 euro"))


@pytest.mark.slow
@pytest.mark.parametrize("renderer", ["docx", "odt"])
def test_an_edit_in_libreoffice_is_exactly_the_next_amendment(renderer: str,
                                                              tmp_path: Path) -> None:
    current = load_case("cantine-maire").new
    path = _write(renderer, document_job(current), tmp_path / f"cantine-maire.{renderer}")
    edit_in_libreoffice(path, *EDITS)
    following = _imported(path, "cantine-maire")
    assert following.metadata == current.metadata
    # The same edit made to the version's own text, in memory: the amendments are one.
    expected = replace(current, body=tuple(
        replace(block, content=tuple(
            Span(span.text.replace(*EDITS[0]).replace(*EDITS[1]), span.marks)
            for span in block.content)) for block in current.body))
    assert following.body == expected.body
    changed = [op for op in diff(current, following).blocks if op.kind is not BlockOpKind.KEEP]
    assert changed == [op for op in diff(current, expected).blocks
                       if op.kind is not BlockOpKind.KEEP]
    assert len(changed) == 2 and all(op.kind is BlockOpKind.MODIFY for op in changed)
    edits = [(inline_text(inline.old), inline_text(inline.new)) for op in changed
             for inline in op.inline if inline.kind is not InlineOpKind.EQUAL]
    assert edits == [("3,50 euros", ""), ("", "4 euros"), ("1 euro", ""), ("", "1,50 euro")]


@pytest.mark.slow
@pytest.mark.parametrize("renderer", ["docx"])  # the ODT reader's tracked changes: test_odt
def test_an_edit_tracked_in_libreoffice_is_accepted_or_rejected(renderer: str,
                                                               tmp_path: Path) -> None:
    """The same edit made with Track Changes on: a command reading the document refuses it
    and names ``--tracked-changes``; accepted, it is the edited version, rejected, the one
    before; the act of the accepted edit marks exactly the words typed."""
    current = load_case("cantine-maire").new
    (tmp_path / "current.xml").write_bytes(version_xml.checked_bytes(current))
    path = _write(renderer, document_job(current), tmp_path / f"cantine-maire.{renderer}")
    edit_in_libreoffice(path, *EDITS, record=True)
    refused = amendtrack("show", path, "--to", "xml")
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1].startswith(f"amendtrack: error: {path}: has ")
    assert "choose --tracked-changes accept" in refused.stderr
    for choice, words in (("accept", EDITS[0][1]), ("reject", EDITS[0][0])):
        target = tmp_path / f"{choice}.xml"
        shown = amendtrack("show", path, "-o", target, "--tracked-changes", choice)
        assert shown.returncode == 0, shown.stderr
        version = version_xml.load(target)
        assert version.metadata == current.metadata
        assert words in version.text() and version.body != () and (
            (version.body == current.body) is (choice == "reject")), choice
    act = amendtrack("amend", tmp_path / "current.xml", path, "-o", tmp_path / "acte.docx",
                     "--tracked-changes", "accept")
    assert act.returncode == 0, act.stderr
    assert docx_styled_runs(tmp_path / "acte.docx", "Ajout") == ["4 euros", "1,50 euro"]
    assert docx_styled_runs(tmp_path / "acte.docx", "Suppression") == ["3,50 euros", "1 euro"]


# --- refusals and questions -----------------------------------------------------------------------


def _on_a_terminal(*arguments: str | Path) -> tuple[int, bytes, bytes]:
    """Run the command with its standard output on a pseudo-terminal."""
    leader, follower = pty.openpty()
    process = subprocess.run([sys.executable, "-m", "amendtrack", *map(str, arguments)],
                             stdout=follower, stderr=subprocess.PIPE, cwd=ROOT, check=False,
                             timeout=120)
    os.close(follower)
    shown = b""
    try:
        while chunk := os.read(leader, 65536):
            shown += chunk
    except OSError:
        pass
    os.close(leader)
    return process.returncode, shown, process.stderr


@pytest.mark.parametrize("renderer", ["docx", "odt", "pdf"])
def test_binary_formats_are_refused_on_a_terminal(renderer: str) -> None:
    golden = ROOT / "tests" / "golden" / "deliberations" / "cantine-maire"
    status, shown, errors = _on_a_terminal("amend", golden / "old.md", golden / "new.md",
                                           "--to", renderer)
    assert status == 2
    assert shown == b""
    lines = errors.decode().splitlines()
    assert lines == [f"amendtrack: error: the {renderer} renderer writes a binary file, which a "
                     f"terminal cannot show; give -o FILE.{renderer} (or redirect the output)"]
    status, _, errors = _on_a_terminal("show", golden / "new.md", "--to", renderer)
    assert status == 2 and b"give -o FILE" in errors
    piped = subprocess.run([sys.executable, "-m", "amendtrack", "amend", golden / "old.md",
                            golden / "new.md", "--to", "docx"], capture_output=True, cwd=ROOT,
                           check=False)
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK")  # a pipe takes the bytes


def test_a_missing_fact_names_the_meta_to_give(tmp_path: Path) -> None:
    golden = ROOT / "tests" / "golden" / "deliberations" / "cantine-maire"
    old = tmp_path / "fevrier.md"
    old.write_text(golden.joinpath("old.md").read_text("utf-8").replace(
        "**Séance du 14 octobre 2021**", "**Séance**"), "utf-8")
    result = amendtrack("amend", old, golden / "new.md", "-o", tmp_path / "acte.docx")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"amendtrack: error: {old}: missing metadata: seance (the source does not state it); "
        "give it with --meta old.seance=YYYY-MM-DD")
    assert not (tmp_path / "acte.docx").exists()
    given = amendtrack("amend", old, golden / "new.md", "-o", tmp_path / "acte.docx",
                       "--meta", "old.seance=2021-10-14")
    assert given.returncode == 0, given.stderr
    assert docx_styled_runs(tmp_path / "acte.docx", "Ajout") == (
        load_case("cantine-maire").expected()["additions"])


def test_meta_is_refused_for_version_xml(tmp_path: Path) -> None:
    samples = ROOT / "samples" / "aulnoy-ctg-caf"
    result = amendtrack("amend", samples / "2022-02-02.xml", samples / "2022-12-07.xml",
                        "--meta", "presidence=Madame la Maire")
    assert result.returncode == 2
    assert "is a version, whose facts are its own" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_without_libreoffice_the_pdf_names_the_package(tmp_path: Path) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "python3").symlink_to(sys.executable)
    golden = ROOT / "tests" / "golden" / "deliberations" / "cantine-maire"
    result = subprocess.run([sys.executable, "-m", "amendtrack", "amend", golden / "old.md",
                             golden / "new.md", "-o", tmp_path / "acte.pdf"],
                            capture_output=True, text=True, cwd=ROOT, check=False,
                            env={**os.environ, "PATH": str(bin_folder)})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "amendtrack: error: LibreOffice is needed for this and is not installed; install the "
        "package libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui)"]
    assert not (tmp_path / "acte.pdf").exists()
