"""HTML import: structure, marks, browser whitespace rules, edits, end to end through the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack import version_xml
from amendtrack.errors import InputError, SourceError
from amendtrack.importers.html import read_html
from amendtrack.importers.options import TrackedChanges
from amendtrack.importers.source import SourceDocument
from amendtrack.model import BlockKind, Mark, Span
from tests.importers.test_odt import DATA, lists_of, structure

B, IT, U, SUP, SUB = Mark.BOLD, Mark.ITALIC, Mark.UNDERLINE, Mark.SUPERSCRIPT, Mark.SUBSCRIPT
ROOT = Path(__file__).resolve().parents[2]


def read(html: str, tracked_changes: str = "refuse") -> SourceDocument:
    return read_html(html.encode("utf-8"), Path("t.html"), tracked_changes=TrackedChanges(tracked_changes))


def test_structure_and_marks_of_the_sample() -> None:
    document = read_html((DATA / "marks.html").read_bytes(), DATA / "marks.html")
    kinds = [(kind, level) for kind, level, _ in structure(document)]
    assert kinds == [
        (BlockKind.HEADING, 1), (BlockKind.HEADING, 2), (BlockKind.PARAGRAPH, None),
        (BlockKind.PARAGRAPH, None), *[(BlockKind.ITEM, None)] * 3, (BlockKind.PARAGRAPH, None),
        *[(BlockKind.ITEM, None)] * 2, (BlockKind.HEADING, 3), (BlockKind.PARAGRAPH, None),
    ]
    assert lists_of(document) == [
        ["enfance ;", "jeunesse et parentalité ;", "handicap."],
        ["premier point,", "second point."],
    ]
    assert document.blocks[2].content == (
        Span("Le conseil municipal, "), Span("après en avoir délibéré", frozenset({B})),
        Span(", décide "), Span("à l’unanimité", frozenset({IT})), Span(" de "),
        Span("modifier", frozenset({U})), Span(" l’article\u00a03 : « CO"),
        Span("2", frozenset({SUB})), Span(" et 1"), Span("er", frozenset({SUP})),
        Span(" janvier 2023 »."),
    )
    assert document.blocks[3].content == (
        Span("Première ligne\nseconde ligne, "), Span("gras italique", frozenset({B, IT})),
        Span(" et "), Span("fort", frozenset({B})), Span("."),
    )


def test_whitespace_collapses_except_in_pre_and_nbsp() -> None:
    document = read(
        "<p>  un   deux\n\ttrois <br>  quatre  </p><pre>  a  \n\tb</pre>"
        '<p style="white-space: pre-line">x   y\n  z</p><p>1&nbsp;&nbsp;000</p>'
    )
    assert [block.content for block in document.blocks] == [
        (Span("un deux trois\nquatre"),), (Span("  a  \n\tb"),), (Span("x y\nz"),),
        (Span("1\u00a0\u00a0000"),),
    ]


def test_inline_styles_give_marks() -> None:
    document = read(
        '<p><span style="font-weight: 700">a</span><span style="font-style:italic">b</span>'
        '<b><span style="font-weight:normal">c</span></b>'
        '<span style="text-decoration: underline">d</span>'
        '<span style="vertical-align: super">e</span></p>'
    )
    assert document.blocks[0].content == (
        Span("a", frozenset({B})), Span("b", frozenset({IT})), Span("c"),
        Span("d", frozenset({U})), Span("e", frozenset({SUP})),
    )


def test_page_furniture_tables_and_images_are_explicit() -> None:
    document = read(
        "<body><nav>Accueil</nav><main><p>Texte<img src='x.png'></p><table><tr><td>Le maire,"
        "</td><td>Le secrétaire,</td></tr></table></main><footer>Mentions</footer></body>"
    )
    assert [block.content for block in document.blocks] == [
        (Span("Texte"),), (Span("Le maire,"),), (Span("Le secrétaire,"),),
    ]
    warnings = "\n".join(document.warnings)
    for expected in ("<main>", "image", "table"):
        assert expected in warnings


EDITS = "<p>Texte <ins>nouveau</ins><del>ancien</del> ici.</p>"


def test_edits_refused_by_default_then_accepted_or_rejected() -> None:
    with pytest.raises(SourceError, match=r"2 marked edits.*--tracked-changes accept"):
        read(EDITS)
    assert read(EDITS, "accept").blocks[0].content == (Span("Texte nouveau ici."),)
    assert read(EDITS, "reject").blocks[0].content == (Span("Texte ancien ici."),)


def test_declared_charset_and_bad_bytes() -> None:
    latin = '<meta charset="iso-8859-1"><p>Séance</p>'.encode("latin-1")
    assert read_html(latin, Path("l.html")).blocks[0].content == (Span("Séance"),)
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_html("<p>Séance</p>".encode("latin-1"), Path("l.html"))


words = st.text(
    alphabet=st.sampled_from("abcdeéèàçôœ’«»ABCÉ0123456789,;:.!?-'"), min_size=1, max_size=12
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(words, st.sampled_from([" ", "\u00a0", " \u00a0 "])), min_size=1))
def test_french_text_in_a_paragraph_comes_back_exactly(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in parts).rstrip(" ")
    html = text.replace("&", "&amp;").replace("<", "&lt;")
    document = read(f"<p>{html}</p>")
    assert "".join(span.text for block in document.blocks for span in block.content) == text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é\t\n\u00a0"), min_size=1).filter(str.strip))
def test_pre_keeps_every_character(text: str) -> None:
    document = read(f"<pre>x{text}x</pre>")
    assert document.blocks[0].content == (Span(f"x{text}x"),)


def test_bold_additions_from_html_match_the_markdown_act(tmp_path: Path) -> None:
    def run(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "amendtrack", *map(str, arguments)],
                              capture_output=True, text=True, check=False, cwd=ROOT)

    html = run("import", DATA / "acte-07.12.13.html", "--bold-as-additions",
               "--before", tmp_path / "old.xml", "--after", tmp_path / "new.xml")
    assert html.returncode == 0, html.stderr
    assert "addition: « qui seront réalisées pour les bonus territoriaux avec un effet au " \
        "1<sup>er</sup> janvier 2023 »" in html.stderr
    markdown = run("import", ROOT / "samples" / "aulnoy-ctg-caf" / "acte-07.12.13.md",
                   "--bold-as-additions", "--before", tmp_path / "md-old.xml",
                   "--after", tmp_path / "md-new.xml")
    assert markdown.returncode == 0, markdown.stderr
    for name in ("old", "new"):
        assert version_xml.load(tmp_path / f"{name}.xml").body == \
            version_xml.load(tmp_path / f"md-{name}.xml").body
