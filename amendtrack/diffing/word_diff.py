"""The word diff of inline content: which tokens of two paragraphs are kept, deleted, inserted.

`token_runs` (`symbol_runs` on tokens already encoded by a `SymbolTable`) diffs two token lists (see
`amendtrack.diffing.tokens`) through diff-match-patch (`amendtrack.diffing.engine`), written words
first and then the tokens inside each changed stretch, and absorbs whitespace between changes so
they read as phrases; `amendtrack.diffing.inline` turns the runs into inline operations. Runs are
plain ``(op, length)`` tuples inside: a whole code makes hundreds of thousands of them.
"""

from __future__ import annotations

from amendtrack.diffing.engine import (
    Edit,
    RawRun,
    SymbolTable,
    encode_apart,
    normalise_raw,
    raw_runs,
)
from amendtrack.diffing.tokens import WHITESPACE_KEY, token_key

_DELETE, _EQUAL, _INSERT = Edit.DELETE.value, Edit.EQUAL.value, Edit.INSERT.value
_EDITS = {edit.value: edit for edit in Edit}


def token_runs(
    old_tokens: list[str],
    new_tokens: list[str],
    table: SymbolTable,
    old_token_keys: list[str] | None = None,
    new_token_keys: list[str] | None = None,
) -> list[tuple[Edit, int]]:
    """The word diff of two token lists, as runs counted in tokens (see `symbol_runs`)."""
    old_keys = old_token_keys or [token_key(t) for t in old_tokens]
    new_keys = new_token_keys or [token_key(t) for t in new_tokens]
    return symbol_runs(table.encode(old_keys), table.encode(new_keys), table)


def symbol_runs(old: str, new: str, table: SymbolTable) -> list[tuple[Edit, int]]:
    """The word diff of two token sequences encoded by `table` (one symbol per token key).

    Two levels, both minimal: written words (tokens between spaces, « chasseurs. » or
    « qu'aux ») are diffed first, so that a word keeps its punctuation when it can; inside each
    changed stretch the tokens themselves are diffed, so that « chasseurs. » → « chasseurs »
    deletes only the full stop. Whitespace is never matched at the expense of a word: between
    two kept words it is kept too (any change in it is classified later); at the edges of a
    change, whitespace present on both sides stays outside the change.
    """
    space = table.encode([WHITESPACE_KEY])
    if old == new:
        return [(Edit.EQUAL, len(old))] if old else []
    old_units, new_units = _written_words(old, space), _written_words(new, space)
    old_keys, new_keys = encode_apart(
        [old[a:b] for a, b in old_units], [new[a:b] for a, b in new_units])
    # Kept stretches as (old start, new start, length) in tokens.
    kept: list[tuple[int, int, int]] = []
    o = n = 0
    for old_length, new_length, equal in _regions(
        _slide_right(raw_runs(old_keys, new_keys), old_keys, new_keys)
    ):
        if equal:
            # Matched written words have the same tokens, and one whitespace token between
            # consecutive ones on each side: the whole stretch is usually one diagonal.
            start, new_start = old_units[o][0], new_units[n][0]
            length = old_units[o + old_length - 1][1] - start
            if new_units[n + new_length - 1][1] - new_start == length:
                kept.append((start, new_start, length))
            else:
                kept.extend(
                    (a, c, b - a)
                    for (a, b), (c, _) in zip(
                        old_units[o : o + old_length], new_units[n : n + new_length], strict=True
                    )
                )
        else:
            old_span, new_span = old_units[o : o + old_length], new_units[n : n + new_length]
            kept.extend((a, c, 1) for a, c in _fine_pairs(old, new, old_span, new_span, table))
        o += old_length
        n += new_length
    return _assemble(kept, old, new, space)


def _assemble(kept: list[tuple[int, int, int]], old: str, new: str, space: str,
              ) -> list[tuple[Edit, int]]:
    # The runs of the whole diff: each kept stretch, and the gaps between them.
    out: list[RawRun] = []
    old_at = new_at = 0
    for old_index, new_index, length in [*kept, (len(old), len(new), 0)]:
        if old_at < old_index or new_at < new_index:
            _gap(out, old, new, old_at, old_index, new_at, new_index, space)
        if length:
            out.append((_EQUAL, length))
        old_at, new_at = old_index + length, new_index + length
    return [(_EDITS[op], length) for op, length in normalise_raw(out)]


def _written_words(symbols: str, space: str) -> list[tuple[int, int]]:
    """Token ranges of the runs of tokens between whitespace."""
    units: list[tuple[int, int]] = []
    position = 0
    for piece in symbols.split(space):
        if piece:
            units.append((position, position + len(piece)))
        position += len(piece) + 1
    return units


def _slide_right(runs: list[RawRun], old_keys: str, new_keys: str) -> list[RawRun]:
    """Slide each pure insertion or deletion as far right as it goes (equally minimal).

    « aux [+communes sièges, ainsi qu'aux +]communes » becomes « aux communes [+sièges, ainsi
    qu'aux communes +] »: kept words stay together, the change reads as one phrase.
    """
    o = n = 0  # positions at the start of runs[index]
    for index, (op, length) in enumerate(runs):
        if (
            0 < index < len(runs) - 1
            and op != _EQUAL
            and runs[index - 1][0] == _EQUAL
            and runs[index + 1][0] == _EQUAL
        ):
            keys, start = (new_keys, n) if op == _INSERT else (old_keys, o)
            after = runs[index + 1][1]
            shift = 0
            while shift < after and keys[start + shift] == keys[start + length + shift]:
                shift += 1
            if shift:
                runs[index - 1] = (_EQUAL, runs[index - 1][1] + shift)
                runs[index + 1] = (_EQUAL, after - shift)
                o += shift
                n += shift
        if op != _INSERT:
            o += length
        if op != _DELETE:
            n += length
    return normalise_raw(runs)


def _regions(runs: list[RawRun]) -> list[tuple[int, int, bool]]:
    """(old length, new length, equal?) for equalities and for whole changed stretches."""
    regions: list[tuple[int, int, bool]] = []
    for op, length in runs:
        if op == _EQUAL:
            regions.append((length, length, True))
            continue
        if regions and not regions[-1][2]:
            old_length, new_length, _ = regions.pop()
        else:
            old_length = new_length = 0
        if op == _DELETE:
            old_length += length
        else:
            new_length += length
        regions.append((old_length, new_length, False))
    return regions


def _fine_pairs(
    old: str,
    new: str,
    old_units: list[tuple[int, int]],
    new_units: list[tuple[int, int]],
    table: SymbolTable,
) -> list[tuple[int, int]]:
    old_words = [k for a, b in old_units for k in range(a, b)]
    new_words = [k for a, b in new_units for k in range(a, b)]
    if not old_words or not new_words:
        return []
    old_keys = "".join(old[a:b] for a, b in old_units)
    new_keys = "".join(new[a:b] for a, b in new_units)
    runs = _whole_written_words(raw_runs(old_keys, new_keys), old_keys, new_keys, table)
    pairs: list[tuple[int, int]] = []
    o = n = 0
    for op, length in runs:
        if op == _EQUAL:
            pairs.extend((old_words[o + k], new_words[n + k]) for k in range(length))
        if op != _INSERT:
            o += length
        if op != _DELETE:
            n += length
    return pairs


def _gap(
    out: list[RawRun], old: str, new: str, old_start: int, old_end: int, new_start: int,
    new_end: int, space: str,
) -> None:
    trailing = 0
    if (
        old_start < old_end
        and new_start < new_end
        and old[old_start] == space
        and new[new_start] == space
    ):
        out.append((_EQUAL, 1))
        old_start += 1
        new_start += 1
    if (
        old_start < old_end
        and new_start < new_end
        and old[old_end - 1] == space
        and new[new_end - 1] == space
    ):
        trailing = 1
        old_end -= 1
        new_end -= 1
    out.append((_DELETE, old_end - old_start))
    out.append((_INSERT, new_end - new_start))
    out.append((_EQUAL, trailing))


def _whole_written_words(
    runs: list[RawRun], old_keys: str, new_keys: str, table: SymbolTable
) -> list[RawRun]:
    """Move a change off an elision: « [+… ainsi qu'+]aux communes » becomes « … qu'aux ».

    When the inserted (or deleted) words end with an elided article or pronoun and the words
    kept after it also occur inside the change, the equally minimal diff that keeps the earlier
    occurrence is chosen, so that « qu' » is not cut from its word.
    """
    out: list[RawRun] = []
    o = n = 0
    index = 0
    carry = 0  # words of the next equality already emitted by a rotation
    while index < len(runs):
        op, length = runs[index]
        if op == _EQUAL:
            out.append((_EQUAL, length - carry))
            o += length - carry
            n += length - carry
            carry = 0
            index += 1
            continue
        deleted = inserted = 0
        while index < len(runs) and runs[index][0] != _EQUAL:
            if runs[index][0] == _DELETE:
                deleted += runs[index][1]
            else:
                inserted += runs[index][1]
            index += 1
        following = runs[index][1] if index < len(runs) else 0
        after = n + inserted
        rotated = _rotation(new_keys[n:after], new_keys[after : after + following], table)
        if rotated is not None:
            head, carry = rotated
            out += [(_DELETE, deleted), (_INSERT, head), (_EQUAL, carry)]
            out.append((_INSERT, inserted - head))
        else:
            after = o + deleted
            rotated = _rotation(old_keys[o:after], old_keys[after : after + following], table)
            if rotated is not None:
                head, carry = rotated
                out += [(_DELETE, head), (_INSERT, inserted), (_EQUAL, carry)]
                out.append((_DELETE, deleted - head))
            else:
                out += [(_DELETE, deleted), (_INSERT, inserted)]
        o += deleted + carry
        n += inserted + carry
    return normalise_raw(out)


def _rotation(changed: str, kept_after: str, table: SymbolTable) -> tuple[int, int] | None:
    """(head, k): `changed[head:head+k]` equals `kept_after[:k]`, largest k, latest head."""
    if not changed or not kept_after:
        return None
    last = table.key(changed[-1])
    if not isinstance(last, str) or not last.endswith(("'", "\u2019")):
        return None
    for k in range(min(len(changed) - 1, len(kept_after)), 0, -1):
        for head in range(len(changed) - k - 1, -1, -1):
            if changed[head : head + k] == kept_after[:k]:
                return head, k
    return None


__all__ = ["symbol_runs", "token_runs"]
