"""Word-level formulas for one modified alinéa: how to word each of its changes.

For each changed region (`amendtrack.legistique.regions`), in document order, `word_changes`
finds the formula a drafter would write that the applier turns into
exactly the wanted text: the words themselves when they are unique (« le mot : « X » est
remplacé … », « les mots : « X » sont supprimés »); otherwise, of the formulas that name the
sentence (« À la deuxième phrase, … »), a whole sentence (« La deuxième phrase est supprimée »),
a meaningful anchor or a counted occurrence, the shortest; and only then a wider quotation.
Deletions stay deletions. It returns None when the alinéa is better rewritten whole
(whitespace-only changes, heavy rewrites).
"""

from __future__ import annotations

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
from amendtrack.legistique.quoting import clean
from amendtrack.legistique.regions import Region, regions_of
from amendtrack.legistique.sentences import sentence_spans
from amendtrack.model import Block

MAX_CHANGES = 6
"""More changes than this in one alinéa: the alinéa is rewritten whole."""
REWRITE_SHARE = 0.6
"""When changed characters exceed this share of the alinéa, it is rewritten whole."""


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
