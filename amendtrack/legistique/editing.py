"""Editing words inside one alinéa: finding an anchor, and splicing the new words in.

Occurrences are found on the text as written, then with apostrophes and spaces folded (’ and ',
a non-breaking space and a plain one); with `Address.sentence`, only inside that sentence.
`edit` gives the splice a word change makes at one anchor position, with the spaces a reader
expects around the new words; `edit_block` applies a change to a block on its own (the writer
checks its candidates with it), `splice` keeps the marks of the untouched text.
"""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from amendtrack.french.ordinals import ordinal
from amendtrack.legistique.instructions import InstructionFailure, WordChange, WordChangeKind
from amendtrack.legistique.sentences import sentence_span, sentence_spans
from amendtrack.model import Block, Inline, Span, normalise_inline
from amendtrack.translation import _, ngettext

_FOLD = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\t": " "})

ANCHORLESS = frozenset((WordChangeKind.INSERT_START, WordChangeKind.APPEND,
                        WordChangeKind.APPEND_SENTENCE, WordChangeKind.REWRITE))
"""The kinds that need no anchor: they act at the start or end of their place."""


def occurrences(text: str, words: str) -> list[int]:
    """Where `words` stand in `text` as whole words: exact matches, else matches that ignore
    the kind of apostrophe and of space (straight ' for ’, a space for a non-breaking one)."""
    exact = _find(text, words)
    return exact if exact else _find(text.translate(_FOLD), words.translate(_FOLD))


def _find(text: str, words: str) -> list[int]:
    if not words:
        return []
    found: list[int] = []
    start = text.find(words)
    while start >= 0:
        end = start + len(words)
        left_ok = not (words[0].isalnum() and start > 0 and text[start - 1].isalnum())
        right_ok = not (words[-1].isalnum() and end < len(text) and text[end].isalnum())
        if left_ok and right_ok:
            found.append(start)
        start = text.find(words, start + 1)
    return found


def place_span(text: str, change: WordChange) -> tuple[int, int]:
    """The part of `text` the change acts in: its sentence, or the whole alinéa."""
    if change.where.sentence is None:
        return 0, len(text)
    span = sentence_span(text, change.where.sentence)
    if span is None:
        count = len(sentence_spans(text))
        raise InstructionFailure(
            ngettext("sentence out of range: no {nth} sentence (the alinéa has {count})",
                     "sentence out of range: no {nth} sentence (the alinéa has {count})",
                     count).format(nth=_nth(change.where.sentence), count=count))
    return span


def _nth(position: int) -> str:
    return ordinal(position, feminine=True) if position >= -2 and position else str(position)


def hits(text: str, change: WordChange) -> list[int]:
    """Positions of the change's anchor in its place (its sentence or the whole alinéa)."""
    low, high = place_span(text, change)
    return [low + found for found in occurrences(text[low:high], change.anchor)]


_ATTACHED = ",.)"
_FOLLOWERS = " ,.;:)\u00a0\u202f"


def edit(text: str, change: WordChange, position: int) -> tuple[int, int, str]:
    """The splice ``(start, end, new text)`` a word change makes at an anchor position (or,
    for the kinds without anchor, in its place)."""
    if not change.anchor and change.kind not in ANCHORLESS:
        return _edit_sentence(text, change)
    low, high = place_span(text, change)
    anchor_end = position + len(change.anchor)
    words = change.words
    match change.kind:
        case WordChangeKind.REPLACE:
            return position, anchor_end, words
        case WordChangeKind.DELETE:
            return _deletion(text, position, anchor_end)
        case WordChangeKind.INSERT_AFTER:
            return anchor_end, anchor_end, words if words[:1] in _ATTACHED else " " + words
        case WordChangeKind.INSERT_BEFORE:
            return position, position, _before(words)
        case WordChangeKind.INSERT_START:
            return low, low, _before(words) if text[low:high] else words
        case WordChangeKind.APPEND:
            if low == high:
                return low, low, words
            at = high - 1 if text[low:high].endswith(".") and not words.endswith(".") else high
            return at, at, words if words[:1] in _ATTACHED else " " + words
        case WordChangeKind.APPEND_SENTENCE:
            return high, high, " " + words if text[low:high] else words
        case WordChangeKind.REWRITE:
            if change.where.sentence is None:
                raise InstructionFailure(_("« est ainsi rédigé » on words needs a sentence"))
            return low, high, words
        case _ as unreachable:
            assert_never(unreachable)


def _before(words: str) -> str:
    """Words put before others, with the space between them (none after an apostrophe or a
    dash that touches what precedes it: « l'ensemble », « I.-Dès », but « I. - Les »)."""
    attached = words.endswith(("'", "’")) or (
        words.endswith(("-", "–", "—")) and not words[:-1].endswith(" "))
    return words if attached else words + " "


def _deletion(text: str, start: int, end: int) -> tuple[int, int, str]:
    before_space = start > 0 and text[start - 1] == " "
    if before_space and (end == len(text) or text[end] in _FOLLOWERS):
        start -= 1
    elif start == 0 and end < len(text) and text[end] == " ":
        end += 1
    return start, end, ""


def _edit_sentence(text: str, change: WordChange) -> tuple[int, int, str]:
    """A change of a whole sentence: deleted, or a sentence inserted after or before it."""
    if change.where.sentence is None:
        raise InstructionFailure(_("the instruction quotes no words and names no sentence"))
    low, high = place_span(text, change)
    match change.kind:
        case WordChangeKind.DELETE:
            return _deletion(text, low, high)
        case WordChangeKind.INSERT_AFTER:
            return high, high, " " + change.words
        case WordChangeKind.INSERT_BEFORE:
            return low, low, change.words + " "
    raise InstructionFailure(_("the instruction quotes no words"))


def chosen(found: list[int], change: WordChange, where: str) -> list[int]:
    """The anchor positions the change acts at, among those found (InstructionFailure if its
    occurrence or its count does not fit)."""
    quoted = f"« {change.anchor} »"
    if not found:
        raise InstructionFailure(_("anchor {anchor} not found in {place}").format(anchor=quoted,
                                                                                 place=where))
    count = len(found)
    if change.every is not None:
        if change.every and change.every != count:
            raise InstructionFailure(
                ngettext("anchor {anchor} occurs {count} time in {place}, not {wanted}",
                         "anchor {anchor} occurs {count} times in {place}, not {wanted}",
                         count).format(anchor=quoted, count=count, place=where,
                                       wanted=change.every))
        return found
    if change.occurrence is None:
        if count > 1:
            raise InstructionFailure(_("anchor {anchor} is ambiguous: {count} occurrences in "
                                       "{place}").format(anchor=quoted, count=count, place=where))
        return found
    wanted = change.occurrence
    if wanted == 0 or not -count <= wanted <= count:
        raise InstructionFailure(ngettext("anchor {anchor} occurs {count} time, not {wanted}",
                                          "anchor {anchor} occurs {count} times, not {wanted}",
                                          count).format(anchor=quoted, count=count,
                                                        wanted=wanted))
    return [found[wanted - 1 if wanted > 0 else wanted]]


def edit_block(block: Block, change: WordChange, positions: list[int] | None = None) -> Block:
    """The block after the change (InstructionFailure if it cannot be made); `positions` are
    the anchor positions when the caller chose them among several blocks."""
    text = block.text
    if positions is None:
        positions = [0] if not change.anchor else chosen(hits(text, change), change,
                                                         _("that alinéa"))
    content = block.content
    for position in sorted(positions, reverse=True):
        start, stop, new = edit(text, change, position)
        content = splice(content, start, stop, new)
        text = text[:start] + new + text[stop:]
    return replace(block, content=content)


def splice(content: Inline, start: int, end: int, text: str) -> Inline:
    """Inline content with characters ``start:end`` replaced by unformatted `text`."""
    spans: list[Span] = []
    offset = 0
    placed = False
    for span in content:
        low, high = offset, offset + len(span.text)
        if high <= start or low >= end:
            if low >= end and not placed:
                spans.append(Span(text))
                placed = True
            spans.append(span)
        else:
            if low < start:
                spans.append(Span(span.text[: start - low], span.marks))
            if not placed:
                spans.append(Span(text))
                placed = True
            if high > end:
                spans.append(Span(span.text[end - low :], span.marks))
        offset = high
    if not placed:
        spans.append(Span(text))
    return normalise_inline(spans)


__all__ = ["ANCHORLESS", "chosen", "edit", "edit_block", "hits", "occurrences", "place_span",
           "splice"]
