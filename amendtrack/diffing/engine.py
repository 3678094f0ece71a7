"""The one module that talks to diff-match-patch.

Sequences of comparison keys (tokens of a paragraph, or whole blocks) are encoded one character
per distinct key, as diff-match-patch's ``diff_linesToChars`` does for lines, and diffed with no
time-out (``Diff_Timeout = 0``): the result is always a minimal edit script of the sequences,
never a silent « delete everything, insert everything ». Its ``(-1/0/1, text)`` tuples are turned
at once into `Stretch` values counted in sequence items.

`raw_runs` gives plain ``(op, length)`` tuples with diff-match-patch's -1/0/1 codes instead:
the word diff (`amendtrack.diffing.word_diff`) of a whole code makes hundreds of thousands of runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from diff_match_patch import diff_match_patch


class Edit(Enum):
    """What a run of an edit script does."""

    EQUAL = 0
    DELETE = -1
    INSERT = 1


@dataclass(frozen=True, slots=True)
class Stretch:
    """`length` consecutive items kept, deleted (from the old side) or inserted (new side)."""

    edit: Edit
    length: int


class SymbolTable:
    """One character per distinct key, shared by all sequences diffed together.

    With `whitespace` given, every key that is a whitespace string gets that key's symbol:
    token lists can then be encoded without first replacing each whitespace run by its key.
    """

    __slots__ = ("_keys", "_symbols", "_whitespace")

    # Skip the surrogate range so every symbol is a valid code point on its own.
    _SURROGATES = range(0xD800, 0xE000)

    def __init__(self, whitespace: str | None = None) -> None:
        self._symbols: dict[object, str] = {}
        self._keys: list[object] = []
        self._whitespace = whitespace
        if whitespace is not None:
            self._add(whitespace)

    def encode(self, keys: Sequence[object]) -> str:
        """The symbol string of a sequence of hashable keys."""
        symbols = self._symbols
        unknown = set(keys).difference(symbols)
        if unknown:  # numbered in order of first appearance
            for key in keys:
                if key not in unknown or key in symbols:
                    continue
                if self._whitespace is not None and isinstance(key, str) and key.isspace():
                    symbols[key] = symbols[self._whitespace]
                else:
                    self._add(key)
        return "".join(map(symbols.__getitem__, keys))

    def _add(self, key: object) -> None:
        code = len(self._keys) + 1
        if code >= self._SURROGATES.start:
            code += len(self._SURROGATES)
        if code > 0x10FFFF:
            raise OverflowError("more distinct keys than Unicode code points")
        self._symbols[key] = chr(code)
        self._keys.append(key)

    def key(self, symbol: str) -> object:
        """The key a symbol stands for (KeyError if this table never gave it)."""
        code = ord(symbol)
        if code >= self._SURROGATES.stop:
            code -= len(self._SURROGATES)
        if not 0 < code <= len(self._keys):
            raise KeyError(symbol)
        return self._keys[code - 1]


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # never trade exactness for time (see module docstring)
    return engine


_ENGINE = _engine()
_EDITS = {-1: Edit.DELETE, 0: Edit.EQUAL, 1: Edit.INSERT}
_DELETE, _EQUAL, _INSERT = -1, 0, 1

RawRun = tuple[int, int]
"""A run as (diff-match-patch's op code -1/0/1, i.e. `Edit` value, and length)."""


def raw_runs(old: str, new: str) -> list[RawRun]:
    """`diff_symbols` as normalised `RawRun` tuples (cheaper in bulk than `Stretch` values)."""
    if old == new:
        return [(_EQUAL, len(old))] if old else []
    return normalise_raw([(op, len(text)) for op, text in _ENGINE.diff_main(old, new, False)])


def diff_symbols(old: str, new: str) -> list[Stretch]:
    """A minimal edit script turning symbol string `old` into `new`, as runs."""
    return [Stretch(_EDITS[op], len(text)) for op, text in _ENGINE.diff_main(old, new, False)]


def diff_keys(old: Sequence[object], new: Sequence[object], table: SymbolTable) -> list[Stretch]:
    """A minimal edit script between two key sequences (through `table`'s symbols)."""
    return diff_symbols(table.encode(old), table.encode(new))


def normalise_raw(runs: list[RawRun]) -> list[RawRun]:
    """Merge neighbouring runs; between two equalities, deletions come before insertions."""
    out: list[RawRun] = []
    deleted = inserted = 0
    for op, length in runs:
        if not length:
            continue
        if op == _DELETE:
            deleted += length
        elif op == _INSERT:
            inserted += length
        elif deleted or inserted:
            if deleted:
                out.append((_DELETE, deleted))
            if inserted:
                out.append((_INSERT, inserted))
            out.append((_EQUAL, length))
            deleted = inserted = 0
        elif out and out[-1][0] == _EQUAL:
            out[-1] = (_EQUAL, out[-1][1] + length)
        else:
            out.append((_EQUAL, length))
    if deleted:
        out.append((_DELETE, deleted))
    if inserted:
        out.append((_INSERT, inserted))
    return out


__all__ = [
    "Edit",
    "RawRun",
    "Stretch",
    "SymbolTable",
    "diff_keys",
    "diff_symbols",
    "normalise_raw",
    "raw_runs",
]
