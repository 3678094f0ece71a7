"""JSON amendtrack did not write: numbers and nesting bounded, one error naming the file."""

from __future__ import annotations

import pytest

from amendtrack.errors import AmendmentError, InputError
from amendtrack.files.safe_json import lone_surrogate, parse_json


def test_sound_json() -> None:
    assert parse_json(b'{"a": [1, -2, 3.5, null, true]}', "a.json") == {
        "a": [1, -2, 3.5, None, True]}
    assert parse_json('{"a": 1}'.encode("utf-16"), "a.json") == {"a": 1}


@pytest.mark.parametrize(("data", "problem"), [
    (b"[" + b"9" * 5000 + b"]", "5,000 digits"),
    (b"[" * 100_000, "nested too deeply"),
    (b"[NaN]", "NaN is not a JSON number"),
    (b"[Infinity]", "Infinity"),
    (b"{", "not valid JSON: line 1"),
    (b"\xff\xfe\x00", "not valid JSON"),
])
def test_hostile_json_is_one_error(data: bytes, problem: str) -> None:
    with pytest.raises(AmendmentError, match=problem) as caught:
        parse_json(data, "a.json", AmendmentError)
    assert caught.value.path == "a.json"
    assert "set_int_max_str_digits" not in str(caught.value)


def test_default_error_and_surrogates() -> None:
    with pytest.raises(InputError):
        parse_json(b"[", "a.json")
    assert lone_surrogate(parse_json(b'["\\ud800"]', "a.json")[0]) == "\\ud800"
    assert lone_surrogate(parse_json(b'["\\ud83d\\ude00"]', "a.json")[0]) is None
