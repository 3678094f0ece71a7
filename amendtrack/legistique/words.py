"""Word-level formulas for one modified alinéa: where its changes are, and how to word each.

`regions_of` turns an inline diff into changed regions widened to whole words (a change never
starts or ends inside a word). `word_changes` finds, for each region in document order, the
most natural formula that the applier turns into exactly the wanted text, trying from the
plainest (« le mot : « X » est remplacé… ») to wider quotations, then counted occurrences; it
returns None when the alinéa is better rewritten whole (whitespace-only changes, heavy rewrites).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from amendtrack.legistique.applier import apply_instruction
from amendtrack.legistique.editing import occurrences
from amendtrack.legistique.instructions import InstructionFailure
from amendtrack.legistique.reader import Address, WordChange, WordChangeKind
from amendtrack.model import Block, InlineOp, InlineOpKind, inline_text

Region = tuple[int, int, int, int]
"""A change: OLD's characters ``[0]:[1]`` become NEW's ``[2]:[3]``."""

MAX_CONTEXT = 8
"""Words of context tried around an anchor before counting occurrences."""
MAX_CHANGES = 6
"""More changes than this in one alinéa: the alinéa is rewritten whole."""
REWRITE_SHARE = 0.6
"""When changed characters exceed this share of the alinéa, it is rewritten whole."""

FUNCTION_WORDS = frozenset(
    ("de", "du", "des", "d'", "la", "le", "les", "l'", "à", "au", "aux", "en", "et", "ou", "un",
     "une", "par", "pour", "sur", "dans", "avec", "sans")
)
"""Words an anchor keeps before the word it ends on (« de financement »)."""


def regions_of(old: str, new: str, inline: Sequence[object]) -> list[Region]:
    """Changed regions of a block, from its inline diff (or a prefix/suffix match without
    one), widened so that no region cuts a word and merged when they touch."""
    regions = _from_inline(old, new, inline)
    if regions is None:
        prefix = 0
        while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while (suffix < min(len(old), len(new)) - prefix
               and old[-1 - suffix] == new[-1 - suffix]):
            suffix += 1
        regions = [(prefix, len(old) - suffix, prefix, len(new) - suffix)]
    widened = [_widen(old, new, region) for region in regions]
    merged: list[Region] = []
    for region in widened:
        if merged and region[0] <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], region[1]), last[2], max(last[3], region[3]))
        else:
            merged.append(region)
    return merged


def _from_inline(old: str, new: str, inline: Sequence[object]) -> list[Region] | None:
    ops = [op for op in inline if isinstance(op, InlineOp)]
    if not ops:
        return None
    regions: list[Region] = []
    at_old = at_new = 0
    for op in ops:
        old_len, new_len = len(inline_text(op.old)), len(inline_text(op.new))
        if op.kind in (InlineOpKind.EQUAL, InlineOpKind.FORMAT):
            at_old, at_new = at_old + old_len, at_new + new_len
            continue
        if regions and regions[-1][1] == at_old and regions[-1][3] == at_new:
            last = regions[-1]
            regions[-1] = (last[0], at_old + old_len, last[2], at_new + new_len)
        else:
            regions.append((at_old, at_old + old_len, at_new, at_new + new_len))
        at_old, at_new = at_old + old_len, at_new + new_len
    if at_old != len(old) or at_new != len(new):
        return None
    return regions


def _widen(old: str, new: str, region: Region) -> Region:
    a, b, c, d = region
    if _symbols_only(old[a:b]) and _symbols_only(new[c:d]):
        # A change of punctuation or typography (' for ’) is quoted with its whole word.
        while a > 0 and not old[a - 1].isspace():
            a, c = a - 1, c - 1
        while b < len(old) and not old[b].isspace():
            b, d = b + 1, d + 1
    while a > 0 and old[a - 1].isalnum() and (
        (a < b and old[a].isalnum()) or (c < d and new[c].isalnum())
    ):
        a, c = a - 1, c - 1
    while b < len(old) and old[b].isalnum() and (
        (a < b and old[b - 1].isalnum()) or (c < d and new[d - 1].isalnum())
    ):
        b, d = b + 1, d + 1
    return a, b, c, d


def _symbols_only(text: str) -> bool:
    return bool(text.strip()) and not any(char.isalnum() for char in text)


def word_changes(
    body: tuple[Block, ...], position: int, where: Address, regions: list[Region], new: str
) -> list[tuple[WordChange, str]] | None:
    """The word changes that turn block `position` into `new`, each with the text it leaves;
    None when the alinéa should be rewritten whole."""
    old = body[position].text
    changed = sum((b - a) + (d - c) for a, b, c, d in regions)
    if not regions or len(regions) > MAX_CHANGES or changed > REWRITE_SHARE * (len(old) + len(new)):
        return None
    if any(not old[a:b].strip() and not new[c:d].strip() for a, b, c, d in regions):
        return None  # whitespace only: no formula shows it, the alinéa is rewritten
    result: list[tuple[WordChange, str]] = []
    delta = 0
    for a, b, c, d in regions:
        current = body[position].text
        start, end = a + delta, b + delta
        expected = current[:start] + new[c:d] + current[end:]
        found = _first_exact(body, position, where, start, end, new[c:d], expected)
        if found is None:
            return None
        change, body = found
        result.append((change, expected))
        delta += (d - c) - (b - a)
    return result


def _first_exact(
    body: tuple[Block, ...], position: int, where: Address, start: int, end: int,
    words: str, expected: str,
) -> tuple[WordChange, tuple[Block, ...]] | None:
    text = body[position].text
    for change in _candidates(text, start, end, words, expected, where):
        try:
            after = apply_instruction(body, change, [])
        except InstructionFailure:
            continue
        if after[position].text == expected and len(after) == len(body):
            return change, after
    return None


def _token_starts(text: str, end: int) -> Iterator[int]:
    """Starts of runs of 1, 2, 3… words that end at `end` (whitespace before `end` skipped)."""
    position = end
    while position > 0 and text[position - 1].isspace():
        position -= 1
    while position > 0:
        while position > 0 and not text[position - 1].isspace():
            position -= 1
        yield position
        while position > 0 and text[position - 1].isspace():
            position -= 1


def _token_ends(text: str, start: int) -> Iterator[int]:
    position = start
    while position < len(text) and text[position].isspace():
        position += 1
    while position < len(text):
        while position < len(text) and not text[position].isspace():
            position += 1
        yield position
        while position < len(text) and text[position].isspace():
            position += 1


def _anchor_end(text: str, position: int) -> int:
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return position


def _candidates(
    text: str, start: int, end: int, words: str, expected: str, where: Address
) -> Iterator[WordChange]:
    old = text[start:end]
    core = words.strip()
    def change(kind: WordChangeKind, anchor: str = "", new: str = core,
               occurrence: int | None = None) -> WordChange:
        return WordChange(kind, where, anchor, new, occurrence)

    kind = WordChangeKind.DELETE if not core else WordChangeKind.REPLACE
    if not old.strip() and core:
        if not text[:start].strip():
            yield change(WordChangeKind.INSERT_START)
        if text[end:].strip() in ("", "."):
            if core[:1].isupper() and text[:start].rstrip().endswith("."):
                yield change(WordChangeKind.APPEND_SENTENCE)
            yield change(WordChangeKind.APPEND)
        yield from _anchored(text, start, end, core, change, counted=False)
    elif old.strip() and len(occurrences(text, old.strip())) == 1:
        yield change(kind, old.strip())
    yield from _widened(text, start, end, expected, change)
    if not old.strip() and core:
        yield from _anchored(text, start, end, core, change, counted=True)
    elif old.strip():
        found = occurrences(text, old.strip())
        at = text.find(old.strip(), start)
        if len(found) > 1 and at in found:
            yield change(kind, old.strip(), core, found.index(at) + 1)


def _anchored(
    text: str, start: int, end: int, core: str, change: object, counted: bool
) -> Iterator[WordChange]:
    """Insertions after (or before) the shortest unique run of words; with `counted`, after
    a counted occurrence of the shortest run instead."""
    make = change
    assert callable(make)
    anchor_end = _anchor_end(text, start)
    starts = list(_token_starts(text, anchor_end))[:MAX_CONTEXT]
    if counted:
        if starts:
            anchor = text[starts[0]:anchor_end]
            found = occurrences(text, anchor)
            if starts[0] in found:
                yield make(WordChangeKind.INSERT_AFTER, anchor, core, found.index(starts[0]) + 1)
        return
    if starts:
        first = 0
        last_word_start = starts[0]
        if len(starts) > 1 and text[starts[1]:last_word_start].strip().lower() in FUNCTION_WORDS:
            first = 1
        for begin in starts[first:]:
            anchor = text[begin:anchor_end]
            if len(occurrences(text, anchor)) == 1:
                yield make(WordChangeKind.INSERT_AFTER, anchor)
                break
    ends = list(_token_ends(text, end))[:MAX_CONTEXT]
    anchor_start = end
    while anchor_start < len(text) and text[anchor_start].isspace():
        anchor_start += 1
    for stop in ends:
        anchor = text[anchor_start:stop]
        if len(occurrences(text, anchor)) == 1:
            yield make(WordChangeKind.INSERT_BEFORE, anchor)
            break


def _widened(text: str, start: int, end: int, expected: str, change: object) -> Iterator[
    WordChange
]:
    make = change
    assert callable(make)
    lefts = [start, *list(_token_starts(text, start))[:MAX_CONTEXT]]
    rights = [end, *list(_token_ends(text, end))[:MAX_CONTEXT]]
    grow = len(expected) - len(text)
    for total in range(1, 2 * MAX_CONTEXT + 1):
        for left in range(total + 1):
            right = total - left
            if left >= len(lefts) or right >= len(rights):
                continue
            low, high = lefts[left], rights[right]
            old, new = text[low:high], expected[low : high + grow]
            while old and new and old[0] == new[0] and old[0].isspace():
                old, new = old[1:], new[1:]
            while old and new and old[-1] == new[-1] and old[-1].isspace():
                old, new = old[:-1], new[:-1]
            if not old.strip() or old != old.strip():
                continue
            if len(occurrences(text, old)) == 1:
                if new:
                    yield make(WordChangeKind.REPLACE, old, new)
                else:
                    yield make(WordChangeKind.DELETE, old, "")
