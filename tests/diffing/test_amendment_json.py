"""The JSON form of amendments: schema, round trip, refusal of bad input."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from amendtrack.diffing import amendment_json, amendments
from amendtrack.errors import AmendmentError
from amendtrack.model import Version
from tests.diffing.test_amendments import version_pairs


def _schema() -> dict[str, Any]:
    text = resources.files("amendtrack.schemas").joinpath("amendment.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


SCHEMA = _schema()


@settings(max_examples=100, deadline=None)
@given(version_pairs())
def test_dumps_matches_the_schema_and_loads_back(pair: tuple[Version, Version]) -> None:
    old, new = pair
    amendment = amendments.diff(old, new)
    data = amendment_json.dumps(amendment)
    jsonschema.validate(json.loads(data), SCHEMA)
    loaded = amendment_json.loads(data, "a.json")
    assert loaded == amendment
    assert amendments.apply(loaded, old) == new


def test_format_member_is_versioned() -> None:
    from tests.diffing.test_amendments import _version

    data = json.loads(amendment_json.dumps(amendments.diff(_version("a"), _version("b"))))
    assert data["format"] == "amendtrack.amendment/2"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        (b"[]", r"\$ must be an object"),
        (b'{"format": "amendtrack.amendment/9"}', "expected 'amendtrack.amendment/2'"),
        (b'{"format": "amendtrack.amendment/1"}', "written for version format 1"),
        (b'{"format": "amendtrack.amendment/2", "base": "x", "result": "y"}',
         r"\$.blocks must be an array"),
        (b'{"format": "amendtrack.amendment/2", "base": "x", "result": "y", "blocks": '
         b'[{"op": "jump"}]}', r"\$.blocks\[0\].op is 'jump', expected one of"),
        (b'{"format": "amendtrack.amendment/2", "base": "x", "result": "y", "blocks": '
         b'[{"op": "insert", "old_index": null, "new_index": 0, "old": null, "new": null,'
         b' "content": []}]}', "wrong old/new sides"),
    ],
)
def test_loads_refuses_bad_input_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(AmendmentError, match=message) as raised:
        amendment_json.loads(data, "bad.json")
    assert str(raised.value).startswith("bad.json: ")


@settings(max_examples=100, deadline=None)
@given(version_pairs())
def test_hand_written_json_of_plain_operations_matches_json_dumps(
    pair: tuple[Version, Version],
) -> None:
    old, new = pair
    for op in amendments.diff(old, new).blocks:
        if not op.inline:
            generic = json.dumps(
                amendment_json._block_op(op), ensure_ascii=False, separators=(",", ":")
            )
            assert amendment_json._block_op_json(op) == generic
