"""The one way amendtrack parses JSON it did not make itself: bounded numbers and nesting.

Python's `json` turns a number of 5,000 digits into an error that names an interpreter setting,
a document nested a hundred thousand deep into a `RecursionError`, and accepts ``NaN``.
`parse_json` refuses all three with one error naming the file (nesting is bounded by the
interpreter's recursion limit, which the C parser checks); `lone_surrogate` finds the text
no UTF-8 file can hold (``"\\ud800"`` is valid JSON, but no valid character).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from amendtrack.errors import AmendtrackError, InputError
from amendtrack.translation import _, grouped

MAX_NUMBER_DIGITS = 30
"""Digits allowed in a JSON number: amendtrack's numbers are positions and counts."""
_SURROGATE = re.compile("[\ud800-\udfff]")


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Refused(_("a number of {digits} digits (at most {limit})").format(
            digits=grouped(len(text.lstrip("-"))), limit=MAX_NUMBER_DIGITS))
    return int(text)


def _constant(name: str) -> Any:
    raise _Refused(_("{name} is not a JSON number").format(name=name))


def _json_problem(message: str) -> str:
    """The `json` module's frequent messages in the interface's language (others as they are)."""
    known = {
        "Expecting value": lambda: _("a value was expected"),
        "Expecting property name enclosed in double quotes":
            lambda: _("a key in double quotes was expected"),
        "Expecting ',' delimiter": lambda: _("a ',' was expected"),
        "Expecting ':' delimiter": lambda: _("a ':' was expected"),
        "Extra data": lambda: _("there is more after the end of the value"),
        "Unterminated string starting at": lambda: _("a string is never closed"),
    }.get(message)
    return known() if known is not None else message


class _Refused(ValueError):
    """A value `parse_json` does not accept."""


def parse_json(data: bytes | str, name: str | Path,
               error: type[AmendtrackError] = InputError,
               ) -> Any:
    """The value of a JSON document; `error` naming `name` if it is not JSON or is hostile."""
    if isinstance(data, bytes):
        try:
            encoding = json.detect_encoding(data)  # UTF-8, or UTF-16/32 as `json` allows
            text = data.decode(encoding)
        except UnicodeDecodeError as undecodable:
            raise error(_("not valid JSON: not {encoding} (byte {position})").format(
                encoding=encoding.upper(), position=grouped(undecodable.start)), name) from None
    else:
        text = data
    try:
        return json.loads(text, parse_int=_integer, parse_constant=_constant)
    except _Refused as refused:
        raise error(_("not accepted JSON: {problem}").format(problem=refused), name) from None
    except json.JSONDecodeError as syntax:
        raise error(_("not valid JSON: line {line}: {problem}").format(
            line=syntax.lineno, problem=_json_problem(syntax.msg)), name) from None
    except RecursionError:
        raise error(_("not accepted JSON: arrays or objects nested too deeply"),
                    name) from None


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in `text` as ``\\udXXX`` (None if there is none)."""
    found = _SURROGATE.search(text)
    return None if found is None else f"\\u{ord(found.group()):04x}"
