"""Control characters are shown escaped, never sent to a terminal raw."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from amendtrack.files.display import for_terminal, shown, shown_json


def test_controls_bidi_separators_and_surrogates_are_escaped() -> None:
    assert shown("a\x1b[31mb\x07") == "a\\x1b[31mb\\x07"
    assert shown("l1\nl2\r") == "l1\\x0al2\\x0d"
    assert shown("x\u202ey\u2028z\x9b") == "x\\u202ey\\u2028z\\x9b"
    assert shown("nom\udcff.xml") == "nom\\xff.xml"  # a byte that is not UTF-8, as the byte


def test_french_text_is_left_alone() -> None:
    text = "« Le 1er janvier\u00a02023 » — l’alinéa\u202f; œuvre"
    assert shown(text) is text


def test_keep_leaves_newlines_and_tabs() -> None:
    assert shown("a\nb\tc\x1b", "\n\t") == "a\nb\tc\\x1b"


@given(st.text())
def test_nothing_a_terminal_obeys_is_left(text: str) -> None:
    escaped = shown(text)
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for char in escaped)
    assert "\u202e" not in escaped and "\u2028" not in escaped


@given(st.recursive(st.text() | st.integers(), lambda children: st.lists(children)
                    | st.dictionaries(st.text(), children), max_leaves=10))
def test_json_stays_the_same_json(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    escaped = shown_json(text)
    assert json.loads(escaped) == value
    assert not any(0x7F <= ord(char) <= 0x9F for char in escaped)


def test_output_for_a_terminal() -> None:
    assert for_terminal("é\x9b\n".encode()) == "é\\x9b\n".encode()
    assert for_terminal(b"PK\x03\x04\xff") == b"PK\x03\x04\xff"  # not text: unchanged
    assert json.loads(for_terminal('{"a": "\x9b"}'.encode(), "application/json")) == {"a": "\x9b"}
