"""Tests for amendtrack.importers.markdown and amendtrack.importers.markdown_inline."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.importers.markdown import read_markdown
from amendtrack.importers.markdown_inline import parse_inline
from amendtrack.model import BlockKind, Mark, Span, inline_text

SEED = Path(__file__).resolve().parents[2] / "samples" / "aulnoy-ctg-caf" / "acte-07.12.13.md"
B = frozenset({Mark.BOLD})
I = frozenset({Mark.ITALIC})  # noqa: E741
SUP = frozenset({Mark.SUPERSCRIPT})


def test_blocks_of_the_seed() -> None:
    document = read_markdown(SEED.read_text(encoding="utf-8"))
    kinds = [block.kind for block in document.blocks]
    assert kinds.count(BlockKind.ITEM) == 8 + 5
    assert kinds.count(BlockKind.HEADING) == 0
    assert len(document.blocks) == 32
    assert document.warnings == ()
    items = [block for block in document.blocks if block.kind is BlockKind.ITEM]
    assert len({block.list_key for block in items}) == 2
    assert inline_text(items[0].content) == "enfance ;"
    decision = next(block for block in document.blocks
                    if inline_text(block.content).startswith("Le Conseil Municipal"))
    # "  \n" is a hard line break: the two spaces go, the break stays.
    assert inline_text(decision.content) == (
        "Le Conseil Municipal,\naprès en avoir délibéré,\nà l'unanimité,\n"
        "adhère aux propositions de Monsieur le Président."
    )
    assert inline_text(document.blocks[-1].content) == "Pour extrait conforme,\nLe Président,"


def test_headings_lists_breaks_and_rules() -> None:
    document = read_markdown(
        "# Titre #\n\n### Sous-titre\n\nUn alinéa\ncontinué\\\nforcé.\n\n"
        "* premier\n  suite\n\n+ second\n\n---\n\n- autre liste\n"
    )
    blocks = document.blocks
    assert [(block.kind, block.level) for block in blocks[:2]] == [
        (BlockKind.HEADING, 1), (BlockKind.HEADING, 3)]
    assert inline_text(blocks[0].content) == "Titre"
    assert inline_text(blocks[2].content) == "Un alinéa continué\nforcé."
    assert inline_text(blocks[3].content) == "premier suite"
    assert blocks[3].list_key == blocks[4].list_key  # a blank line between items: same list
    assert blocks[5].list_key != blocks[4].list_key  # the rule ended the list
    assert document.warnings == ("a horizontal rule (---) was dropped",)


def test_crlf_source() -> None:
    document = read_markdown("**Un**\r\n\r\nDeux  \r\ntrois")
    assert [inline_text(block.content) for block in document.blocks] == ["Un", "Deux\ntrois"]


def test_emphasis() -> None:
    assert parse_inline("un **deux** trois")[0] == (Span("un "), Span("deux", B), Span(" trois"))
    assert parse_inline("*a* et _b_")[0] == (Span("a", I), Span(" et "), Span("b", I))
    assert parse_inline("***x***")[0] == (Span("x", B | I),)
    assert parse_inline("**a *b* c**")[0] == (Span("a ", B), Span("b", B | I), Span(" c", B))
    assert parse_inline("__gras__")[0] == (Span("gras", B),)


def test_literal_stars_and_underscores() -> None:
    for text in ["5 * 3 = 15", "nom_de_fichier", "**non fermé", "un * seul", "a ** b"]:
        assert parse_inline(text) == ((Span(text),), []), text


def test_punctuation_next_to_delimiters() -> None:
    spans, _ = parse_inline("suivante : **(rajout en gras)**.")
    assert spans == (Span("suivante : "), Span("(rajout en gras)", B), Span("."))


def test_html_tags_escapes_and_references() -> None:
    spans, warnings = parse_inline("au 1<sup>er</sup> janvier<br>H<sub>2</sub>O <u>vu</u>")
    assert inline_text(spans) == "au 1er janvier\nH2O vu"
    assert Span("er", SUP) in spans and Span("vu", frozenset({Mark.UNDERLINE})) in spans
    assert warnings == []
    assert parse_inline(r"\*pas en italique\* \_ni\_ \\")[0] == (
        Span("*pas en italique* _ni_ \\"),)
    assert parse_inline("10&nbsp;% &amp; R&D &#8217;")[0] == (Span("10\u00a0% & R&D ’"),)


def test_bold_across_a_superscript() -> None:
    spans, _ = parse_inline("**au 1<sup>er</sup> janvier** afin")
    assert spans == (Span("au 1", B), Span("er", B | SUP), Span(" janvier", B), Span(" afin"))


def test_unmatched_and_unknown_tags_are_kept_as_text_with_a_warning() -> None:
    spans, warnings = parse_inline("a <sup>b et <span>c</span>")
    assert inline_text(spans) == "a <sup>b et <span>c</span>"
    assert warnings == [
        "unsupported HTML tag <span> kept as text",
        "unsupported HTML tag </span> kept as text",
        "unmatched HTML tag <sup> kept as text",
    ]


MARKDOWN_ALPHABET = st.sampled_from(
    [*"ab éà’«»\u00a0\n*_<>/&;#-+\\", "**", "<sup>", "</sup>", "  \n", "\n\n", "- "]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(MARKDOWN_ALPHABET, max_size=60).map("".join))
def test_any_markdown_is_read_without_error(source: str) -> None:
    document = read_markdown(source)
    for block in document.blocks:
        assert block.content and all(span.text for span in block.content)


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_characters="*_<&\\\n\r", blacklist_categories=("Cs",))))
def test_text_without_markup_characters_is_kept(text: str) -> None:
    spans, warnings = parse_inline(text)
    assert inline_text(spans) == text and warnings == []
    assert all(not span.marks for span in spans)
