"""Write the fuzz corpus (``tests/fuzz/corpus/TARGET/``): sound seeds and the hostile cases found.

Run from the repository root when a reader learns something new; the files are committed:

    .venv/bin/python -m tests.fuzz.make_corpus

Real documents come from the samples and from LibreOffice conversions of the HTML test pages
(``--soffice`` converts them again; without it the committed .odt and .docx stay). Every hostile
case is small here: a count that is too large, not a file that is.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from amendtrack import version_xml
from amendtrack.diffing import amendment_json
from amendtrack.diffing.amendments import diff
from tests.fuzz.mutations import CORPUS
from tests.hostile_inputs import (
    MINIMAL,
    SECOND,
    W_NS,
    docx_with_document,
    docx_with_styles,
    html_page,
    odt_with_content,
    odt_with_styles,
    rezip,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "aulnoy-ctg-caf"


def _version_files() -> dict[str, bytes]:
    return {
        "minimal.xml": MINIMAL,
        "aulnoy-2022-02-02.xml": (SAMPLE / "2022-02-02.xml").read_bytes(),
        "aulnoy-2022-12-07.xml": (SAMPLE / "2022-12-07.xml").read_bytes(),
        "count-of-5000-digits.xml": MINIMAL.replace(
            b"<objet>Objet</objet>",
            b'<objet>Objet</objet><conseillers presents="' + b"9" * 5000 + b'"/>'),
        "heading-level-huge.xml": MINIMAL.replace(
            b'<p id="p1">', b'<heading id="h1" level="900000000">Titre</heading><p id="p1">'),
        "nul.xml": MINIMAL.replace(b"suite", b"su\x00ite"),
        "wrong-namespace.xml": MINIMAL.replace(b"urn:amendtrack:deliberation:1", b"urn:autre"),
        "c1-control.xml": MINIMAL.replace(b"suite", b"su\xc2\x9bite"),
    }


def _amendments() -> dict[str, bytes]:
    aulnoy = diff(version_xml.load(SAMPLE / "2022-02-02.xml"),
                  version_xml.load(SAMPLE / "2022-12-07.xml"))
    small = amendment_json.dumps(diff(version_xml.parse_bytes(MINIMAL),
                                      version_xml.parse_bytes(SECOND)))
    return {
        "aulnoy.json": amendment_json.dumps(aulnoy),
        "minimal.json": small,
        "nested.json": b"[" * 3000 + b"]" * 3000,
        "index-of-5000-digits.json": small.replace(b'"old_index":0',
                                                   b'"old_index":' + b"9" * 5000, 1),
        "lone-surrogate.json": small.replace(b'"fin"', b'"\\ud800"', 1),
        "control-character.json": small.replace(b'"fin"', b'"\\u0001"', 1),
        "level-huge.json": small.replace(b'"kind":"p"', b'"kind":"heading","level":'
                                         + b"9" * 25, 1),
    }


def _instructions() -> dict[str, bytes]:
    found = {}
    for folder in sorted((ROOT / "tests" / "golden" / "legistique").iterdir())[:8]:
        found[f"{folder.name}.txt"] = (folder / "expected.txt").read_bytes()
    found["ordinal-of-5000-digits.txt"] = (
        "Au " + "9" * 5000 + "e alinéa, le mot : « suite » est remplacé par le mot : « fin »."
    ).encode()
    found["nothing.txt"] = "La présente délibération entre en vigueur le 1er janvier.".encode()
    return found


def _markdown() -> dict[str, bytes]:
    return {
        "aulnoy-act.md": (SAMPLE / "acte-07.12.13.md").read_bytes(),
        "features.md": (
            "# Titre #\n\n### Sous-titre\n\nUn alinéa\ncontinué\\\nforcé, **gras**, *italique*, "
            "__aussi__, 1<sup>er</sup> H<sub>2</sub>O <u>vu</u>&nbsp;; \\*pas\\*.\n\n"
            "* premier\n  suite\n\n+ second\n  - imbriqué\n\n---\n\n- autre liste\n\n"
            "1. pas une liste\n\n> pas une citation\n"
        ).encode(),
        "star-underscore.md": b"*_" * 600,
        "nested-b.md": b"<b>" * 400 + b"x" + b"</b>" * 400,
        "unmatched-tags.md": b"<b><i>" * 200 + b"</b>" * 300,
        "deep-lists.md": "".join("  " * depth + "- niveau\n" for depth in range(40)).encode(),
        "nul.md": b"Texte\x00suite",
    }


def _html() -> dict[str, bytes]:
    data = ROOT / "tests" / "data" / "import"
    return {
        "aulnoy-act.html": (data / "acte-07.12.13.html").read_bytes(),
        "marks.html": (data / "marks.html").read_bytes(),
        "charset-undefined.html": html_page(b"<p>x</p>", b"<meta charset=undefined>"),
        "nested-300.html": html_page(b"<p>" + b"<b>" * 300 + b"x" + b"</b>" * 300 + b"</p>"),
        "controls.html": html_page(b"<p>Texte \x1b]0;titre\x07 suite</p>"),
        "weight-of-5000-digits.html": html_page(
            b'<p><span style="font-weight:' + b"9" * 5000 + b'">x</span></p>'),
        "edits.html": html_page(b"<p>Un <ins>ajout</ins> et une <del>suppression</del>.</p>"),
    }


_CHAIN = "".join(
    f'<style:style style:name="s{i}" style:family="paragraph" style:parent-style-name="s{i + 1}"/>'
    for i in range(150)
)


def _odt() -> dict[str, bytes]:
    return {
        "spaces-2e9.odt": odt_with_content('<text:p>a<text:s text:c="2000000000"/>b</text:p>'),
        "spaces-ok.odt": odt_with_content('<text:p>a<text:s text:c="3"/>b<text:tab/>c</text:p>'),
        "style-chain-150.odt": odt_with_styles('<text:p text:style-name="s0">x</text:p>', _CHAIN),
        "xinclude.odt": odt_with_content(
            '<text:p xmlns:xi="http://www.w3.org/2001/XInclude">Texte.<xi:include '
            'href="/etc/passwd" parse="text"/></text:p>'),
        "no-styles.odt": rezip(odt_with_content("<text:p>Texte.</text:p>"), drop="styles.xml"),
        "repeated-cell.odt": odt_with_content(
            '<table:table><table:table-row><table:table-cell table:number-columns-repeated="3">'
            "<text:p>x</text:p></table:table-cell></table:table-row></table:table>"),
        "tracked.odt": odt_with_content(
            '<text:tracked-changes><text:changed-region text:id="c1"><text:insertion/>'
            '</text:changed-region></text:tracked-changes><text:p>Un <text:change-start '
            'text:change-id="c1"/>ajout<text:change-end text:change-id="c1"/>.</text:p>'),
    }


def _docx() -> dict[str, bytes]:
    chain = "".join(f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="s{i}"/>'
                    f'<w:basedOn w:val="s{i + 1}"/></w:style>' for i in range(150))
    return {
        "style-chain-150.docx": docx_with_styles(
            '<w:p><w:pPr><w:pStyle w:val="s0"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>', chain),
        "position-of-5000-digits.docx": docx_with_styles(
            '<w:p><w:r><w:rPr><w:position w:val="' + "9" * 5000 + '"/></w:rPr><w:t>x</w:t>'
            "</w:r></w:p>", ""),
        "wrong-root.docx": docx_with_document(f'<w:body xmlns:w="{W_NS}"><w:p/></w:body>'.encode()),
        "no-body.docx": docx_with_document(f'<w:document xmlns:w="{W_NS}"/>'.encode()),
        "tracked.docx": docx_with_styles(
            '<w:p><w:r><w:t xml:space="preserve">Un </w:t></w:r><w:ins w:id="1" w:author="a">'
            "<w:r><w:t>ajout</w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"a\"><w:r>"
            "<w:delText>retrait</w:delText></w:r></w:del></w:p>", ""),
    }


def _libreoffice(target: Path) -> None:
    # The HTML test pages converted by real LibreOffice, as a clerk's word processor saves them.
    profile = Path(tempfile.mkdtemp(prefix="amendtrack-corpus-"))
    try:
        for kind, filter_name in (("odt", "odt"), ("docx", "docx:MS Word 2007 XML")):
            for page in ("acte-07.12.13", "marks"):
                subprocess.run(
                    ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                     "--convert-to", filter_name, "--outdir", str(target / kind),
                     str(ROOT / "tests" / "data" / "import" / f"{page}.html")],
                    check=True, capture_output=True, timeout=180,
                )
                converted = target / kind / f"{page}.{kind}"
                converted.rename(target / kind / f"libreoffice-{page}.{kind}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    """Write every synthetic seed (and the LibreOffice ones with ``--soffice``)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--soffice", action="store_true", help="convert with LibreOffice again")
    options = parser.parse_args()
    groups = {"version_xml": _version_files, "amendment_json": _amendments,
              "instructions": _instructions, "markdown": _markdown, "html": _html,
              "odt": _odt, "docx": _docx}
    for target, build in groups.items():
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in build().items():
            (folder / name).write_bytes(data)
    if options.soffice:
        _libreoffice(CORPUS)


if __name__ == "__main__":
    main()
