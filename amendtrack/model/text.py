"""Inline text: spans of characters with their marks (bold, italic …) and line breaks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

LINE_BREAK = "\n"
"""Inside a span's text, a line break (``<br/>`` in XML) is written as a newline."""


class Mark(StrEnum):
    """An inline format. The value is the XML element name."""

    BOLD = "b"
    ITALIC = "i"
    UNDERLINE = "u"
    STRIKE = "s"
    """Struck-through text as the source shows it (an act's deletions, read back)."""
    SUPERSCRIPT = "sup"
    SUBSCRIPT = "sub"


MARK_ORDER: tuple[Mark, ...] = tuple(Mark)
"""Canonical nesting order of marks, outermost first."""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text carrying one set of marks."""

    text: str
    """The characters, exactly; ``"\\n"`` stands for a line break."""
    marks: frozenset[Mark] = frozenset()
    """The formats applied to the whole run."""


Inline = tuple[Span, ...]
"""Inline content: spans in order, normalised by `normalise_inline`."""


def normalise_inline(spans: Iterable[Span]) -> Inline:
    """Drop empty spans and merge neighbours that carry the same marks."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and merged[-1].marks == span.marks:
            merged[-1] = Span(merged[-1].text + span.text, span.marks)
        else:
            merged.append(span)
    return tuple(merged)


def inline_text(spans: Iterable[Span]) -> str:
    """The plain text of inline content (line breaks as newlines)."""
    if type(spans) is tuple and len(spans) == 1:  # the usual block: one unformatted run
        return spans[0].text
    return "".join([span.text for span in spans])


def plain(text: str) -> Inline:
    """Inline content made of one unformatted span (or nothing for empty text)."""
    return normalise_inline([Span(text)])
