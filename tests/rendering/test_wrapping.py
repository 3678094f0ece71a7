"""Lines wrapped for a terminal: between words only, within the width in cells, hanging indents."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.rendering.wrapping import cells, hanging_indent, visible, wrap

WORD = st.text(st.sampled_from("abcdeéèàçœÉ’«»-,.;:0123456789°日本\u0301"), min_size=1,
               max_size=14).filter(lambda word: cells(word) > 0)
SPACES = st.sampled_from([" ", " ", " ", "  ", "\u00a0"])


def text_of(lines: list[list[tuple[str, str]]]) -> list[str]:
    return ["".join(text for text, _style in line) for line in lines]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORD, min_size=1, max_size=60), gaps=st.lists(SPACES, max_size=60),
       width=st.integers(10, 90), indent=st.integers(0, 12))
def test_lines_break_between_words_within_the_width(
    words: list[str], gaps: list[str], width: int, indent: int,
) -> None:
    pieces = [word + (gaps[k] if k < len(gaps) else " ") for k, word in enumerate(words)]
    source = "".join(pieces).rstrip(" ")
    lines = text_of(wrap([(source, "")], width, indent))
    assert all(cells(line) <= width for line in lines), lines
    units = [part for part in source.split(" ") if part]  # what no break may cut
    if all(cells(unit) <= width - indent * (indent * 2 <= width) for unit in units):
        # No word is cut: the words of the lines are the words of the text, in order, and a
        # break only ever replaced ordinary spaces (a non-breaking space never breaks).
        assert [part for line in lines for part in line.split(" ") if part] == units
    if indent * 2 <= width:
        assert all(line.startswith(" " * indent) for line in lines[1:]), lines


def test_a_word_wider_than_the_line_is_the_only_thing_cut() -> None:
    lines = text_of(wrap([("voir https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI0000 "
                           "fin", "")], 20))
    assert lines == ["voir", "https://www.legifran", "ce.gouv.fr/codes/art",
                     "icle_lc/LEGIARTI0000", "fin"]


def test_styles_follow_their_words_across_lines() -> None:
    lines = wrap([("Le maire ", ""), ("signe la convention", "1;4"), (" demain.", "")], 12)
    assert lines == [[("Le", ""), (" ", ""), ("maire", "")],
                     [("signe", "1;4"), (" ", "1;4"), ("la", "1;4")],
                     [("convention", "1;4")],
                     [("demain.", "")]]


def test_a_line_break_starts_an_indented_line_and_none_is_wrapped_without_width() -> None:
    assert text_of(wrap([("1° un\ndeux trois", "")], 40, 3)) == ["1° un", "   deux trois"]
    assert text_of(wrap([("1° un deux trois\nquatre", "")], None, 3)) == [
        "1° un deux trois", "quatre"]


def test_cells_count_what_a_terminal_shows() -> None:
    assert cells("département") == 11
    assert cells("de\u0301partement") == 11  # a combining accent takes no cell
    assert cells("日本") == 4
    assert cells("\x1b[1;4;32mqui\x1b[0m") == 3
    assert visible("\x1b[9mpour\x1b[0m") == "pour"


@pytest.mark.parametrize(("text", "indent"), [
    ("1° Les mineurs non émancipés", 3),
    ("12° bis Le texte", 8),
    ("a) Le texte", 3),
    ("— Le texte", 2),
    ("- Le texte", 2),
    ("I. – Le texte", 5),
    ("{+2° A des fins médicales+}", 5),
    ("[-3° Alinéa-]", 5),
    ("(1) La note", 4),
    ("Le maire signe", 0),
    ("-les pièces", 0),
    ("1er janvier", 0),
])
def test_the_label_of_a_list_item_gives_the_hanging_indent(text: str, indent: int) -> None:
    assert hanging_indent(text) == indent
