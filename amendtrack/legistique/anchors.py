"""Choosing the words an instruction quotes to say where a change goes (its anchor).

An anchor is a run of whole words next to the change, unique where it is looked for (the
alinéa, or one of its sentences), and meaningful: it holds a content word, never a bare « ou »,
« et », « de » (« après les mots : « de financement » », not « après le mot : « de » »), and it
starts with the article or preposition before its content word when there is one. `after` and
`before` give the shortest such anchors ending or starting at a position.
"""

from __future__ import annotations

from collections.abc import Iterator

from amendtrack.legistique.editing import occurrences
from amendtrack.legistique.quoting import clean

MAX_CONTEXT = 8
"""Words of context tried around a change before counting occurrences."""

FUNCTION_WORDS = frozenset(
    ("de", "du", "des", "d'", "la", "le", "les", "l'", "à", "au", "aux", "en", "et", "ou", "un",
     "une", "par", "pour", "sur", "dans", "avec", "sans", "ni", "que", "qui", "se", "sa", "son",
     "ses", "ce", "ces", "est", "sont", "il", "elle", "y", "ne", "pas", "or", "donc", "car",
     "mais", "si", "leur", "leurs", "a", "ont", "dont", "où")
)
"""Words that say nothing on their own: an anchor needs a word besides them."""

LEADING_WORDS = frozenset(
    ("de", "du", "des", "d'", "la", "le", "les", "l'", "à", "au", "aux", "en", "par", "pour",
     "sur", "dans", "avec", "sans", "un", "une")
)
"""Articles and prepositions an anchor keeps before its content word (« de financement »)."""


def _words(text: str) -> list[str]:
    return [w.strip(",;:.()«»\"").lower() for w in text.replace("’", "'").split()]


def meaningful(anchor: str) -> bool:
    """Whether an anchor holds a word that is not a function word (nor punctuation)."""
    for word in _words(anchor):
        for part in word.split("'"):
            if part and part not in FUNCTION_WORDS and any(c.isalnum() for c in part):
                return True
    return False


def word_starts(text: str, end: int) -> Iterator[int]:
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


def word_ends(text: str, start: int) -> Iterator[int]:
    """Ends of runs of 1, 2, 3… words that start at `start` (whitespace after it skipped)."""
    position = start
    while position < len(text) and text[position].isspace():
        position += 1
    while position < len(text):
        while position < len(text) and not text[position].isspace():
            position += 1
        yield position
        while position < len(text) and text[position].isspace():
            position += 1


def _unique(text: str, anchor: str, low: int, high: int) -> bool:
    return len(occurrences(text[low:high], anchor)) == 1


def after(text: str, position: int, low: int = 0, high: int | None = None) -> str | None:
    """The shortest meaningful anchor ending at `position`, unique in ``text[low:high]``."""
    stop = len(text) if high is None else high
    end = position
    while end > low and text[end - 1].isspace():
        end -= 1
    starts = [s for s in list(word_starts(text, end))[:MAX_CONTEXT] if s >= low]
    if len(starts) > 1 and _words(text[starts[1] : starts[0]])[:1] and \
            _words(text[starts[1] : starts[0]])[0] in LEADING_WORDS:
        starts = starts[1:]
    for begin in starts:
        anchor = text[begin:end]
        if _inside_number(text, begin) or not meaningful(anchor) or not clean(anchor):
            continue
        if _unique(text, anchor, low, stop):
            return anchor
    return None


def _inside_number(text: str, position: int) -> bool:
    """Whether `position` is inside a number written with spaces (« 10 000 »)."""
    return (position > 1 and text[position : position + 1].isdigit()
            and text[position - 1] in " \u00a0\u202f" and text[position - 2].isdigit())


def before(text: str, position: int, low: int = 0, high: int | None = None) -> str | None:
    """The shortest meaningful anchor starting at `position`, unique in ``text[low:high]``."""
    stop = len(text) if high is None else high
    start = position
    while start < stop and text[start].isspace():
        start += 1
    for end in list(word_ends(text, start))[:MAX_CONTEXT]:
        if end > stop:
            break
        anchor = text[start:end]
        if _inside_number(text, end + 1) or not meaningful(anchor) or not clean(anchor):
            continue
        if _unique(text, anchor, low, stop):
            return anchor
    return None


def counted_after(text: str, position: int) -> tuple[str, int] | None:
    """A short meaningful anchor ending at `position`, with its occurrence number."""
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    for begin in list(word_starts(text, end))[:MAX_CONTEXT]:
        anchor = text[begin:end]
        if meaningful(anchor) and clean(anchor):
            found = occurrences(text, anchor)
            if begin in found:
                return anchor, found.index(begin) + 1
    return None


__all__ = ["FUNCTION_WORDS", "MAX_CONTEXT", "after", "before", "counted_after", "meaningful",
           "word_ends", "word_starts"]
