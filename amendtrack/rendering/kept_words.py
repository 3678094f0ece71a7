"""Which words a modified block keeps: its two sides aligned character by character.

An internal part of `amendtrack.rendering.runs`: a `Side` holds OLD's or NEW's text of a
modified block with, for each character, the character of the other side it is aligned with;
`changed_gaps` finds the stretches between kept words (anchors) that hold a change, which
renderers show as whole words deleted and added.
"""

from __future__ import annotations

import re
from itertools import accumulate, islice
from operator import not_

from amendtrack.french.typography import fold
from amendtrack.model import Inline, Span, inline_text

_WORD = re.compile(r"\S+")


class Side:
    """One side (OLD or NEW) of a modified block, with its alignment to the other side."""

    __slots__ = ("_changed", "_parts", "offsets", "partner", "same", "spans")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.spans: list[Span] = []
        self.offsets: list[int] = []
        self.partner: list[int] = []  # the aligned character of the other side, or -1
        self._changed: list[int] = [0]  # prefix counts of inserted or deleted characters
        self.same: list[tuple[int, int]] = []  # where identical text is aligned with itself

    @property
    def text(self) -> str:
        """The side's text (the spans' texts joined)."""
        self._parts[:] = ["".join(self._parts)]
        return self._parts[0]

    def add(self, content: Inline, aligned: bool, other_start: int, other_length: int, *,
            same: bool = False) -> None:
        """Append content, aligned (or not) with other_length characters at other_start;
        `same`: the other side's content is this one."""
        text = inline_text(content)
        offset = len(self.partner)
        if same and text:
            self.same.append((offset, offset + len(text)))
        for span in content:
            self.offsets.append(offset)
            self.spans.append(span)
            offset += len(span.text)
        self._parts.append(text)
        length, last = len(text), self._changed[-1]
        if not aligned or not other_length:
            self.partner.extend([-1] * length)
        elif other_length == length:
            self.partner.extend(range(other_start, other_start + length))
        else:  # runs of unequal length (œ for oe): each character maps to the nearest one
            self.partner.extend(other_start + min(k, other_length - 1) for k in range(length))
        if aligned:
            self._changed.extend([last] * length)
        else:
            # Inserted or deleted whitespace alone changes no word (issue 3: whitespace
            # changes are never shown as added words).
            counts = accumulate(map(not_, map(str.isspace, text)), initial=last)
            self._changed.extend(islice(counts, 1, None))

    def changes_in(self, start: int, end: int) -> bool:
        """Whether a character of start..end is inserted or deleted."""
        return self._changed[end] > self._changed[start]


def changed_gaps(old: Side, new: Side) -> list[tuple[int, int, int, int]]:
    """The gaps between anchors that hold a change: (OLD start, OLD end, NEW start, NEW end).

    An anchor is a pair of kept words: a NEW word whose characters are all aligned (none
    inserted) into one OLD word aligned back into it that reads the same up to typography.
    A word inside a stretch of identical text (`Side.same`), not touching its ends, is one,
    and between two such words of one stretch nothing changes: they are not looked at.
    """
    old_text, beyond = old.text, len(new.partner) + 1
    gaps: list[tuple[int, int, int, int]] = []
    old_end = new_end = 0
    same = iter([*new.same, (beyond, beyond)])
    low, high = next(same)
    inside = False  # whether the last anchor is a word inside the stretch low..high
    for word in [*_WORD.finditer(new.text), None]:
        if word is None:
            start, end, anchor = len(new.partner), 0, (len(old.partner), 0)
        else:
            start, end = word.span()
            while high < end:
                (low, high), inside = next(same), False
            if low < start and end < high:  # aligned with itself, whitespace around it
                first = new.partner[start]
                if inside:
                    old_end, new_end = first + end - start, end
                    continue
                anchor, inside = (first, first + end - start), True
            else:
                found = _anchor(old_text, old, new, (start, end), word.group())
                if found is None:
                    continue
                anchor, inside = found, False
        gap = (old_end, anchor[0], new_end, start)
        if old.changes_in(*gap[:2]) or new.changes_in(*gap[2:]):
            gaps.append(gap)
        old_end, new_end = anchor[1], end
    return gaps


def _anchor(old_text: str, old: Side, new: Side, where: tuple[int, int], spelt: str,
            ) -> tuple[int, int] | None:
    """Where in OLD the NEW word at `where` (`spelt`) is kept, or None if it is not an anchor."""
    start, end = where
    image = new.partner[start:end]
    first = image[0]
    if first < 0 or -1 in image or (first and not old_text[first - 1].isspace()):
        return None
    partner = _WORD.match(old_text, first)  # the OLD word that starts there, if one does
    if partner is None:
        return None
    back = old.partner[partner.start() : partner.end()]
    # Aligned characters map in order, so checking the ends checks every character.
    if not (image[-1] < partner.end() and -1 not in back and start <= back[0]
            and back[-1] < end and _same_word(partner.group(), spelt)):
        return None
    return partner.start(), partner.end()


def _same_word(old: str, new: str) -> bool:
    return old == new or fold(old) == fold(new)  # folded only when they differ


__all__ = ["Side", "changed_gaps"]
