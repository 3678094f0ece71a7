"""Where a modified alinéa changes: regions of its text, each widened to whole words.

`regions_of` turns an inline diff into changed regions that a drafter can quote: a change never
starts or ends inside a word, a change of punctuation or typography is quoted with its word, a
region loses the whole words its two sides share, an insertion or deletion that ends with a
function word slides to read as the drafter would (« informés » + « par écrit »), the number of
an article is quoted with its prefix (« L. 2331-1 »), changes one function word apart are made
one, and guillemets inside a region pair up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amendtrack.legistique import anchors
from amendtrack.legistique.quoting import balanced, symbols_only
from amendtrack.model import InlineOp, InlineOpKind, inline_text

Region = tuple[int, int, int, int]
"""A change: OLD's characters ``[0]:[1]`` become NEW's ``[2]:[3]``."""

_REFERENCE_PREFIX = re.compile(r"(?<![\w.])(?:LO|[LRDA])\.?\s?\*{0,2}\s?$")
_FIRST_WORD = re.compile(r"(\S+)(?=\s|$)")
_LAST_WORD = re.compile(r"(?:^|(?<=\s))(\S+)$")


def regions_of(old: str, new: str, inline: Sequence[object]) -> list[Region]:
    """Changed regions of a block, from its inline diff (or a prefix/suffix match without
    one), widened so that no region cuts a word, and merged when they touch."""
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
    merged = _merge([_reference(old, new, _slide(old, new, _trim(old, new, _widen(
        old, new, region)))) for region in regions], old)
    return _paired_guillemets(old, new, merged)


def _paired_guillemets(old: str, new: str, regions: list[Region]) -> list[Region]:
    """Regions whose guillemets pair up: a region is merged with the next ones until they
    do, then grown over the unchanged text around it (merged with the one before when it
    reaches it)."""
    def fine(region: Region) -> bool:
        a, b, c, d = region
        return balanced(old[a:b]) and balanced(new[c:d])

    result: list[Region] = []
    index = 0
    while index < len(regions):
        a, b, c, d = regions[index]
        while not fine((a, b, c, d)) and index + 1 < len(regions):
            index += 1
            b, d = regions[index][1], regions[index][3]
        region = _balance(old, new, (a, b, c, d))
        while result and region[0] < result[-1][1]:
            previous = result.pop()
            region = _balance(old, new, (previous[0], region[1], previous[2], region[3]))
        result.append(region)
        index += 1
    return result


def _merge(regions: list[Region], old: str = "") -> list[Region]:
    """Regions that touch made one; with `old`, also regions that only one function word
    (« de », « et » …) separates, which read better as one change."""
    merged: list[Region] = []
    for region in regions:
        gap = old[merged[-1][1] : region[0]] if merged and old else None
        if merged and (region[0] <= merged[-1][1] or (gap is not None and _slight(gap))):
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], region[1]), last[2], max(last[3], region[3]))
        else:
            merged.append(region)
    return merged


def _slight(gap: str) -> bool:
    words = gap.split()
    return not words or (len(words) == 1 and words[0].lower() in anchors.FUNCTION_WORDS)


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
    if (symbols_only(old[a:b]) or symbols_only(new[c:d])) and old[a:b].strip() and new[
            c:d].strip():
        # A change of punctuation or typography (' for ’) is quoted with its whole word; a
        # mark only deleted or inserted is « le signe ».
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
        or (a < b and old[b - 1] in "'’") or (c < d and new[d - 1] in "'’")
    ):
        b, d = b + 1, d + 1
    return a, b, c, d


def _slide(old: str, new: str, region: Region) -> Region:
    """An insertion or a deletion that ends with a function word, slid to the words before
    when they read the same: « informés par » + « écrit par » is « informés » + « par
    écrit »."""
    a, b, c, d = region
    for _ in range(anchors.MAX_CONTEXT):
        moved = old[a:b] if c == d else new[c:d]
        if (a == b) == (c == d):
            break
        words = moved.rstrip().split()
        if not words or words[-1].lower() not in anchors.FUNCTION_WORDS:
            break
        size = len(moved) - moved.rstrip().rfind(" ") - 1 if " " in moved.rstrip() else len(
            moved)
        if size >= len(moved) or a < size or old[a - size : a] != moved[-size:]:
            break
        a, b, c, d = a - size, b - size, c - size, d - size
    return a, b, c, d


def _reference(old: str, new: str, region: Region) -> Region:
    """A change of the number of an article is quoted as the reference it is (« L. 2331-1 »,
    not « 2331-1 »)."""
    a, b, c, d = region
    prefix = _REFERENCE_PREFIX.search(old, 0, a)
    if prefix is not None and a < b and old[a].isdigit() and new[c:d][:1].isdigit():
        return prefix.start(), b, c - (a - prefix.start()), d
    return region


def _trim(old: str, new: str, region: Region) -> Region:
    """A region without the whole words its two sides share at their start or end (« 1 000 »
    becoming « 000 » is « 1 » deleted)."""
    a, b, c, d = region
    while True:
        left, right = old[a:b], new[c:d]
        word = _FIRST_WORD.match(left)
        if word is None or not (right == word.group(1) or (
                right.startswith(word.group(1)) and right[len(word.group(1)):][:1].isspace())):
            break
        a, c = a + len(word.group(1)), c + len(word.group(1))
    while True:
        left, right = old[a:b], new[c:d]
        word = _LAST_WORD.search(left)
        if word is None or not (right == word.group(1) or (
                right.endswith(word.group(1)) and right[: -len(word.group(1))][-1:].isspace())):
            break
        b, d = b - len(word.group(1)), d - len(word.group(1))
    return a, b, c, d


def _balance(old: str, new: str, region: Region) -> Region:
    """A region whose guillemets do not pair up grows, a word at a time, until they do."""
    a, b, c, d = region
    for _ in range(64):
        if balanced(old[a:b]) and balanced(new[c:d]):
            return a, b, c, d
        if old[a:b].count("«") + new[c:d].count("«") >= old[a:b].count("»") + new[
                c:d].count("»") and b < len(old):
            step = next(anchors.word_ends(old, b), len(old)) - b
            b, d = b + step, d + step
        elif a > 0 and c > 0:
            step = a - next(anchors.word_starts(old, a), 0)
            a, c = a - step, c - step
        else:
            break
    return a, b, c, d


__all__ = ["Region", "regions_of"]
