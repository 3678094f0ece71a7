"""The one module that talks to diff-match-patch, in C++ or in Python.

Sequences of comparison keys (tokens of a paragraph, or whole blocks) are encoded one character
per distinct key, as diff-match-patch's ``diff_linesToChars`` does for lines, and diffed with no
time-out: the result is always a minimal edit script of the sequences, never a silent « delete
everything, insert everything ». Its runs are turned at once into `Stretch` values counted in
sequence items.

Two engines run the same algorithm (Myers' bisection, no half-match short cut without a
time-out, the same merge of neighbouring runs) and give the same runs: the C++ build
``fast-diff-match-patch`` (``timelimit=0``, ``checklines=False``, ``cleanup="No"``), used when it
is installed, and the pure-Python ``diff-match-patch`` otherwise. The environment variable
``AMENDTRACK_DIFF_ENGINE`` (``fast`` or ``python``) chooses one by name; `using` does so for a
block of code (tests and benchmarks compare the two).

`raw_runs` gives plain ``(op, length)`` tuples with diff-match-patch's -1/0/1 codes instead:
the word diff (`amendtrack.diffing.word_diff`) of a whole code makes hundreds of thousands of runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from itertools import chain

from amendtrack.errors import UsageError
from amendtrack.translation import _


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


class _Symbols(dict[object, str]):
    """Keys to symbols; a key looked up for the first time is given the next symbol.

    It holds the table's list of keys, not the table, so that no reference cycle keeps a
    table alive (the diff runs with the cyclic collector paused).
    """

    __slots__ = ("_keys", "_whitespace")

    # Skip the surrogate range so every symbol is a valid code point on its own.
    _SURROGATES = range(0xD800, 0xE000)

    def __init__(self, keys: list[object], whitespace: str | None) -> None:
        super().__init__()
        self._keys, self._whitespace = keys, whitespace
        if whitespace is not None:
            self[whitespace] = self._next(whitespace)

    def __missing__(self, key: object) -> str:
        whitespace = self._whitespace
        if whitespace is not None and isinstance(key, str) and key.isspace():
            symbol = self[whitespace]
        else:
            symbol = self._next(key)
        self[key] = symbol
        return symbol

    def _next(self, key: object) -> str:
        code = len(self._keys) + 1
        if code >= self._SURROGATES.start:
            code += len(self._SURROGATES)
        if code > 0x10FFFF:
            raise OverflowError("more distinct keys than Unicode code points")
        self._keys.append(key)
        return chr(code)


class SymbolTable:
    """One character per distinct key, shared by all sequences diffed together.

    With `whitespace` given, every key that is a whitespace string gets that key's symbol:
    token lists can then be encoded without first replacing each whitespace run by its key.
    Keys are numbered in order of first appearance, and encoding is one look-up per key in C:
    only a key never seen before costs a Python call.
    """

    __slots__ = ("_keys", "_symbols")

    _SURROGATES = _Symbols._SURROGATES

    def __init__(self, whitespace: str | None = None) -> None:
        self._keys: list[object] = []
        self._symbols = _Symbols(self._keys, whitespace)

    def encode(self, keys: Sequence[object]) -> str:
        """The symbol string of a sequence of hashable keys."""
        return "".join(map(self._symbols.__getitem__, keys))

    def key(self, symbol: str) -> object:
        """The key a symbol stands for (KeyError if this table never gave it)."""
        code = ord(symbol)
        if code >= self._SURROGATES.stop:
            code -= len(self._SURROGATES)
        if not 0 < code <= len(self._keys):
            raise KeyError(symbol)
        return self._keys[code - 1]


def encode_apart(old: Sequence[Hashable], new: Sequence[Hashable]) -> tuple[str, str]:
    """The symbol strings of two key sequences through a table of their own.

    The same strings as a new `SymbolTable` encoding `old` then `new`, built without a Python
    call per distinct key (the keys are numbered by ``dict.fromkeys``, in C): what a fresh table
    costs when nearly every key it sees is new, as for the written words of one pair of blocks.
    """
    distinct = dict.fromkeys(chain(old, new))
    if len(distinct) >= _Symbols._SURROGATES.start:  # past the surrogates: the table skips them
        table = SymbolTable()
        return table.encode(old), table.encode(new)
    symbols = dict(zip(distinct, map(chr, range(1, len(distinct) + 1)), strict=True))
    del distinct  # (a whole code's block keys: one table at a time)
    get = symbols.__getitem__
    return "".join(map(get, old)), "".join(map(get, new))


RawRun = tuple[int, int]
"""A run as (diff-match-patch's op code -1/0/1, i.e. `Edit` value, and length)."""

_DELETE, _EQUAL, _INSERT = -1, 0, 1
_EDITS = {-1: Edit.DELETE, 0: Edit.EQUAL, 1: Edit.INSERT}

ENGINE_VARIABLE = "AMENDTRACK_DIFF_ENGINE"
"""The environment variable that names the engine (``fast`` or ``python``); unset: the best."""
FAST = "fast"
"""The C++ engine, PyPI ``fast-diff-match-patch``."""
PYTHON = "python"
"""The pure-Python engine, PyPI ``diff-match-patch``."""

Engine = Callable[[str, str], list[RawRun]]
"""An engine: the runs of a minimal edit script between two symbol strings, not merged."""


def _python_engine() -> Engine:
    from diff_match_patch import diff_match_patch

    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # never trade exactness for time (see module docstring)
    main = engine.diff_main

    def runs(old: str, new: str) -> list[RawRun]:
        return [(op, len(text)) for op, text in main(old, new, False)]

    return runs


def _fast_engine() -> Engine:
    import fast_diff_match_patch as fast

    operation = {"=": _EQUAL, "-": _DELETE, "+": _INSERT}
    compute = fast.diff
    # Where its strings are UTF-16 (Windows), it refuses characters beyond the BMP, which
    # symbol tables reach past 65,535 distinct keys: such pairs go to the Python engine.
    narrow = fast.CHAR_WIDTH < 4
    fallback: list[Engine] = []

    def runs(old: str, new: str) -> list[RawRun]:
        if narrow and max(old + new, default="\0") > "\uffff":
            if not fallback:
                fallback.append(_python_engine())
            return fallback[0](old, new)
        return [
            (operation[op], length)
            for op, length in compute(old, new, timelimit=0, checklines=False, cleanup="No")
        ]

    return runs


_BUILDERS: dict[str, Callable[[], Engine]] = {FAST: _fast_engine, PYTHON: _python_engine}
_chosen: list[tuple[str, Engine]] = []


def available() -> tuple[str, ...]:
    """The names of the engines installed, the preferred one first."""
    names = []
    for name, module in ((FAST, "fast_diff_match_patch"), (PYTHON, "diff_match_patch")):
        try:
            __import__(module)
        except ImportError:
            continue
        names.append(name)
    return tuple(names)


def _build(name: str) -> Engine:
    if name not in _BUILDERS:
        raise UsageError(_("{variable} must be {fast} or {python}, not {name!r}").format(
            variable=ENGINE_VARIABLE, fast=FAST, python=PYTHON, name=name))
    try:
        return _BUILDERS[name]()
    except ImportError:
        raise UsageError(
            _("{variable}={name} asks for an engine that is not installed").format(
                variable=ENGINE_VARIABLE, name=name)
        ) from None


def _engine() -> tuple[str, Engine]:
    if not _chosen:
        wanted = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
        if wanted:
            _chosen.append((wanted, _build(wanted)))
        else:
            try:
                _chosen.append((FAST, _fast_engine()))
            except ImportError:
                _chosen.append((PYTHON, _python_engine()))
    return _chosen[-1]


def engine_name() -> str:
    """The name of the engine in use (`FAST` or `PYTHON`)."""
    return _engine()[0]


@contextmanager
def using(name: str) -> Iterator[None]:
    """Run a block of code with the engine `name` (UsageError if it is not installed)."""
    _engine()
    _chosen.append((name, _build(name)))
    try:
        yield
    finally:
        _chosen.pop()


def raw_runs(old: str, new: str) -> list[RawRun]:
    """`diff_symbols` as normalised `RawRun` tuples (cheaper in bulk than `Stretch` values)."""
    if old == new:
        return [(_EQUAL, len(old))] if old else []
    return normalise_raw(_engine()[1](old, new))


def diff_symbols(old: str, new: str) -> list[Stretch]:
    """A minimal edit script turning symbol string `old` into `new`, as runs."""
    return [Stretch(_EDITS[op], length) for op, length in _engine()[1](old, new)]


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
    "ENGINE_VARIABLE",
    "FAST",
    "PYTHON",
    "Edit",
    "Engine",
    "RawRun",
    "Stretch",
    "SymbolTable",
    "available",
    "diff_keys",
    "diff_symbols",
    "encode_apart",
    "engine_name",
    "normalise_raw",
    "raw_runs",
    "using",
]
