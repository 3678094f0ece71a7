"""Editing words inside one alinéa: finding an anchor, and splicing the new words in.

Occurrences are found on the text as written, then with apostrophes and spaces folded (’ and ',
a non-breaking space and a plain one); `edit` puts the words at the right place with the spaces
a reader expects around them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from amendtrack.legistique.counting import resolve, scope
from amendtrack.legistique.instructions import (
    Address,
    InstructionFailure,
    WordChange,
    WordChangeKind,
)
from amendtrack.model import Block, Inline, Span, normalise_inline

_FOLD = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\t": " "})


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


_ATTACHED = ",.)"
_FOLLOWERS = " ,.;:)\u00a0\u202f"


def edit(text: str, change: WordChange, position: int) -> tuple[int, int, str]:
    """The splice ``(start, end, new text)`` a word change makes at an anchor position."""
    anchor_end = position + len(change.anchor)
    words = change.words
    match change.kind:
        case WordChangeKind.REPLACE:
            return position, anchor_end, words
        case WordChangeKind.DELETE:
            start, end = position, anchor_end
            before_space = start > 0 and text[start - 1] == " "
            if before_space and (end == len(text) or text[end] in _FOLLOWERS):
                start -= 1
            elif start == 0 and end < len(text) and text[end] == " ":
                end += 1
            return start, end, ""
        case WordChangeKind.INSERT_AFTER:
            return anchor_end, anchor_end, words if words[:1] in _ATTACHED else " " + words
        case WordChangeKind.INSERT_BEFORE:
            return position, position, words + " "
        case WordChangeKind.INSERT_START:
            return 0, 0, words + " " if text else words
        case WordChangeKind.APPEND:
            if not text:
                return 0, 0, words
            at = len(text) - 1 if text.endswith(".") and not words.endswith(".") else len(text)
            return at, at, words if words[:1] in _ATTACHED else " " + words
        case WordChangeKind.APPEND_SENTENCE:
            return len(text), len(text), " " + words if text else words
        case _ as unreachable:
            assert_never(unreachable)


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


def _where(address: Address) -> str:
    if address.whole:
        return f"article {address.article}" if address.article else "the text"
    return "that alinéa" if address.tiret is None else "that tiret"


def apply_words(
    body: tuple[Block, ...], change: WordChange, notes: list[str]
) -> tuple[Block, ...]:
    if change.where.whole:
        start, end = scope(body, change.where.article, notes)
        candidates = list(range(start, end))
    else:
        candidates = [resolve(body, change.where, notes)]
    if change.kind in (WordChangeKind.INSERT_START, WordChangeKind.APPEND,
                       WordChangeKind.APPEND_SENTENCE):
        if len(candidates) != 1:
            raise InstructionFailure("say which alinéa the words go at the start or end of")
        index, position = candidates[0], 0
    else:
        hits = [(i, p) for i in candidates for p in occurrences(body[i].text, change.anchor)]
        index, position = _choose(hits, change)
    text = body[index].text
    start, stop, new = edit(text, change, position)
    block = body[index]
    from amendtrack.french.deliberations import reread

    updated = reread(replace(block, content=splice(block.content, start, stop, new)))
    return (*body[:index], updated, *body[index + 1 :])


def _choose(hits: list[tuple[int, int]], change: WordChange) -> tuple[int, int]:
    quoted = f"« {change.anchor} »"
    if not hits:
        raise InstructionFailure(f"anchor {quoted} not found in {_where(change.where)}")
    if change.occurrence is None:
        if len(hits) > 1:
            raise InstructionFailure(
                f"anchor {quoted} is ambiguous: {len(hits)} occurrences in {_where(change.where)}"
            )
        return hits[0]
    count, wanted = len(hits), change.occurrence
    if wanted == 0 or not -count <= wanted <= count:
        raise InstructionFailure(f"anchor {quoted} occurs {count} time(s), not {wanted}")
    return hits[wanted - 1 if wanted > 0 else wanted]
