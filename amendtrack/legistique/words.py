"""Word-level formulas for one modified alinéa: where its changes are, and how to word each.

`regions_of` turns an inline diff into changed regions widened to whole words (a change never
starts or ends inside a word, guillemets inside a region pair up). `word_changes` finds, for
each region in document order, the formula a drafter would write that the applier turns into
exactly the wanted text: the words themselves when they are unique (« le mot : « X » est
remplacé … », « les mots : « X » sont supprimés »); otherwise, of the formulas that name the
sentence (« À la deuxième phrase, … »), a whole sentence (« La deuxième phrase est supprimée »),
a meaningful anchor or a counted occurrence, the shortest; and only then a wider quotation.
Deletions stay deletions. It returns None when the alinéa is better rewritten whole
(whitespace-only changes, heavy rewrites).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from amendtrack.legistique import anchors
from amendtrack.legistique.editing import edit_block, occurrences
from amendtrack.legistique.instructions import (
    Address,
    InstructionFailure,
    WordChange,
    WordChangeKind,
)
from amendtrack.legistique.phrases import clause
from amendtrack.legistique.quoting import balanced, clean, symbols_only
from amendtrack.legistique.sentences import sentence_spans
from amendtrack.model import Block, InlineOp, InlineOpKind, inline_text

Region = tuple[int, int, int, int]
"""A change: OLD's characters ``[0]:[1]`` become NEW's ``[2]:[3]``."""

_REFERENCE_PREFIX = re.compile(r"(?<![\w.])(?:LO|[LRDA])\.?\s?\*{0,2}\s?$")
_FIRST_WORD = re.compile(r"(\S+)(?=\s|$)")
_LAST_WORD = re.compile(r"(?:^|(?<=\s))(\S+)$")
MAX_CHANGES = 6
"""More changes than this in one alinéa: the alinéa is rewritten whole."""
REWRITE_SHARE = 0.6
"""When changed characters exceed this share of the alinéa, it is rewritten whole."""


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


def word_changes(block: Block, new: str, inline: Sequence[object],
                 where: Address) -> list[WordChange] | None:
    """The word changes that turn `block` into text `new`; None when it should be rewritten."""
    old = block.text
    regions = regions_of(old, new, inline)
    changed = sum((b - a) + (d - c) for a, b, c, d in regions)
    if not regions or len(regions) > MAX_CHANGES or changed > REWRITE_SHARE * (len(old) + len(new)):
        return None
    if any(not old[a:b].strip() and not new[c:d].strip() for a, b, c, d in regions):
        return None  # whitespace only: no formula shows it, the alinéa is rewritten
    result: list[WordChange] = []
    delta = 0
    current = block
    for a, b, c, d in regions:
        start, end = a + delta, b + delta
        expected = current.text[:start] + new[c:d] + current.text[end:]
        found = _best(current, start, end, new[c:d], expected, where)
        if found is None:
            return None
        change, current = found
        result.append(change)
        delta += (d - c) - (b - a)
    return result


def _valid(block: Block, change: WordChange, expected: str) -> Block | None:
    try:
        after = edit_block(block, change)
    except InstructionFailure:
        return None
    return after if after.text == expected else None


def _best(block: Block, start: int, end: int, words: str, expected: str,
          where: Address) -> tuple[WordChange, Block] | None:
    text = block.text
    for change in _plain(text, start, end, words, where):
        after = _valid(block, change, expected)
        if after is not None:
            sentences = [(other, result)
                         for other in _whole_sentences(text, start, end, expected, where)
                         if (result := _valid(block, other, expected)) is not None]
            return min([(change, after), *sentences], key=_score)
    found = [(change, after) for change in _alternatives(text, start, end, words, expected, where)
             if (after := _valid(block, change, expected)) is not None]
    # Wider quotations come narrowest first: the first that works is the shortest of them.
    wider = next(((change, after) for change in _wider(text, start, end, words, expected, where)
                  if (after := _valid(block, change, expected)) is not None), None)
    if wider is not None:
        found.append(wider)
    if found:
        return min(found, key=_score)
    return None


def _score(pair: tuple[WordChange, Block]) -> int:
    """How long the instruction reads; a counted occurrence past the second is harder to
    check by eye than a few more quoted words."""
    change = pair[0]
    counted = change.occurrence if change.occurrence and change.occurrence > 2 else 2
    return len(clause(change)) + 20 * (counted - 2)


def _kind(old: str, new: str) -> WordChangeKind:
    return WordChangeKind.DELETE if not new else WordChangeKind.REPLACE


def _plain(text: str, start: int, end: int, words: str,
           where: Address) -> Iterator[WordChange]:
    old, core = text[start:end].strip(), words.strip()
    if not old and core and clean(core):
        if not text[:start].strip():
            yield WordChange(WordChangeKind.INSERT_START, where, words=core)
        if text[end:].strip() in ("", "."):
            if core[:1].isupper() and text[:start].rstrip().endswith((".", "!", "?")):
                yield WordChange(WordChangeKind.APPEND_SENTENCE, where, words=core)
            yield WordChange(WordChangeKind.APPEND, where, words=core)
        found = [WordChange(kind, where, anchor, core) for kind, anchor in (
            (WordChangeKind.INSERT_AFTER, anchors.after(text, start)),
            (WordChangeKind.INSERT_BEFORE, anchors.before(text, end))) if anchor is not None]
        # « après » reads best; « avant » when the words before need three or more to be
        # unique and meaningful while those after need fewer.
        yield from sorted(found, key=lambda change: max(len(change.anchor.split()), 2))
    elif old and clean(old) and (not core or clean(core)) and len(occurrences(text, old)) == 1 \
            and not _dressed_deletion(old, core):
        yield WordChange(_kind(old, core), where, old, core)


def _sentence_of(text: str, start: int, end: int) -> tuple[int, int, int, int] | None:
    """``(number, first, last, count)`` of the sentence holding ``[start, end)``."""
    spans = sentence_spans(text)
    for number, (low, high) in enumerate(spans, 1):
        if low <= start and end <= high + 1:
            return number, low, high, len(spans)
    return None


def _in_sentence(where: Address, number: int, count: int) -> Address:
    if number == count and count >= 3:
        return replace(where, sentence=-1)
    return replace(where, sentence=number, second_sentence=number == 2 == count)


def _alternatives(text: str, start: int, end: int, words: str, expected: str,
                  where: Address) -> Iterator[WordChange]:
    old, core = text[start:end].strip(), words.strip()
    found = _sentence_of(text, start, end)
    if found is not None and found[3] >= 2:
        number, low, high, count = found
        scoped = _in_sentence(where, number, count)
        yield from _scoped(text, start, end, old, core, scoped, low, high)
        yield from _whole_sentences(text, start, end, expected, where)
    if old and clean(old) and (not core or clean(core)) and not _dressed_deletion(old, core):
        positions = occurrences(text, old)
        at = next((p for p in positions if start <= p <= start + len(text[start:end]) - len(
            text[start:end].lstrip())), None)
        if len(positions) > 1 and at is not None:
            yield WordChange(_kind(old, core), where, old, core, positions.index(at) + 1)
    elif not old and core and clean(core):
        counted = anchors.counted_after(text, start)
        if counted is not None:
            yield WordChange(WordChangeKind.INSERT_AFTER, where, counted[0], core, counted[1])


def _scoped(text: str, start: int, end: int, old: str, core: str, where: Address,
            low: int, high: int) -> Iterator[WordChange]:
    if old and clean(old) and (not core or clean(core)) and not _dressed_deletion(old, core):
        if len(occurrences(text[low:high], old)) == 1:
            yield WordChange(_kind(old, core), where, old, core)
    elif not old and core and clean(core):
        anchor = anchors.after(text, start, low, high)
        if anchor is not None:
            yield WordChange(WordChangeKind.INSERT_AFTER, where, anchor, core)
        anchor = anchors.before(text, end, low, high)
        if anchor is not None:
            yield WordChange(WordChangeKind.INSERT_BEFORE, where, anchor, core)


def _whole_sentences(text: str, start: int, end: int, expected: str,
                     where: Address) -> Iterator[WordChange]:
    """A sentence deleted, rewritten or inserted whole (in an alinéa of two or more); a
    sentence is rewritten only when most of it changes."""
    before, after = sentence_spans(text), sentence_spans(expected)
    count = len(before)
    if count < 2:
        return
    for number, (low, high) in enumerate(before, 1):
        scoped = _in_sentence(where, number, count)
        yield WordChange(WordChangeKind.DELETE, scoped)
        grow = len(expected) - len(text)
        rewritten = expected[low : high + grow].strip()
        mostly = low <= start and end <= high and 2 * (end - start) >= high - low
        if rewritten and clean(rewritten) and mostly:
            yield WordChange(WordChangeKind.REWRITE, scoped, words=rewritten)
        for new_low, new_high in after:
            sentence = expected[new_low:new_high]
            if new_low >= high and clean(sentence):
                yield WordChange(WordChangeKind.INSERT_AFTER, scoped, words=sentence)


def _dressed_deletion(old: str, new: str) -> bool:
    """Whether `new` is `old` with a run of whole words cut out (a deletion worded as a
    replacement: « les mots : « X ou » sont remplacés par le mot : « ou » »)."""
    before, after = old.split(), new.split()
    cut = len(before) - len(after)
    return bool(after) and cut > 0 and any(
        before[:k] + before[k + cut :] == after for k in range(len(after) + 1))


def _wider(text: str, start: int, end: int, words: str, expected: str,
           where: Address) -> Iterator[WordChange]:
    lefts = [start, *list(anchors.word_starts(text, start))[: anchors.MAX_CONTEXT]]
    rights = [end, *list(anchors.word_ends(text, end))[: anchors.MAX_CONTEXT]]
    grow = len(expected) - len(text)
    for total in range(1, 2 * anchors.MAX_CONTEXT + 1):
        for left in range(total + 1):
            right = total - left
            if left >= len(lefts) or right >= len(rights):
                continue
            low, high = lefts[left], rights[right]
            old, new = text[low:high].strip(), expected[low : high + grow].strip()
            if not (clean(old) and clean(new)) or _dressed_deletion(old, new):
                continue
            if len(occurrences(text, old)) == 1:
                yield WordChange(WordChangeKind.REPLACE, where, old, new)


__all__ = ["MAX_CHANGES", "REWRITE_SHARE", "Region", "regions_of", "word_changes"]
