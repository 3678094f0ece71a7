"""« Rajout en gras »: recover both versions from an act that shows its additions in bold.

A modifying act reproduces the text of the deliberation it modifies with the added words in
bold. After its title block comes the exposé (« Monsieur le Président expose … de la manière
suivante : (rajout en gras). »), then the text. This module finds the exposé and splits the text:

- NEW is the text with the bold spans as plain text (other marks, such as the superscript of
  « 1<sup>er</sup> », kept);
- OLD is the text without the bold spans. With each span one adjacent space goes too, so no
  double space is left: the space before it when it is followed by a space, a line end,
  the block's end or « . , ) ] … »; otherwise the space after it when it starts a block or
  a line. Leading and trailing spaces of a bold span count as plain text. A block that is
  bold throughout is absent from OLD.

Struck-through spans, when the act shows its deletions (« les suppressions sont barrées »), are
the other way round: in OLD (unstruck), not in NEW, one adjacent space going with them by the
same rule. A block struck through throughout is absent from NEW. The label amendtrack puts on a
moved alinéa (« [déplacé : auparavant …] » opening the block) is not part of either text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from amendtrack.importers.source import SourceBlock
from amendtrack.model import LINE_BREAK, MARK_ORDER, Block, Inline, Mark, Span, normalise_inline
from amendtrack.translation import _

_LEGEND = re.compile(
    r"\b(?:rajouts?|ajouts?|ajouté(?:e|s|es)?|modifications?)\s+"
    r"(?:(?:apparaissent|figurent|sont|sont indiqués|sont portés)\s+)?en\s+gras\b",
    re.IGNORECASE,
)
_EXPOSE = re.compile(r"\bexpose\b", re.IGNORECASE)
EXPOSE_SEARCH = 3
"""The exposé is looked for among this many blocks after the title block."""
_SPACES = frozenset(" \t\u00a0\u202f")
_MOVE_LABEL = re.compile(r"\s*\[d[ée]plac[ée][^\]\n]*\]\s*")
_NO_SPACE_BEFORE = frozenset(".,)]…")


@dataclass(frozen=True, slots=True)
class BoldSplit:
    """The two bodies read from a « rajout en gras » text."""

    old: tuple[Block, ...]
    new: tuple[Block, ...]
    additions: tuple[Inline, ...]
    """Each bold span (without its outer spaces), bold mark removed, in reading order."""
    deletions: tuple[Inline, ...] = ()
    """Each struck-through span (without its outer spaces), strike mark removed."""


def find_expose(blocks: Sequence[SourceBlock]) -> tuple[int, list[str]]:
    """How many of the blocks after the title block form the exposé, and warnings.

    The exposé ends with the block holding the legend (« (rajout en gras) »). Without a
    legend, a first block saying « expose » is the exposé; otherwise there is none.
    """
    for index, block in enumerate(blocks[:EXPOSE_SEARCH]):
        if _LEGEND.search(_text(block.content)):
            return index + 1, []
    if blocks and _EXPOSE.search(_text(blocks[0].content)):
        return 1, [_("no « (rajout en gras) » legend found; the first paragraph is the exposé")]
    return 0, [_("no exposé found: every bold span after the title block is an addition")]


def _text(content: Inline) -> str:
    return " ".join("".join(span.text for span in content).split())


def split_bold(blocks: Sequence[Block]) -> BoldSplit:
    """Split blocks whose bold spans are additions (and struck spans deletions) into OLD and
    NEW bodies."""
    old: list[Block] = []
    new: list[Block] = []
    additions: list[Inline] = []
    deletions: list[Inline] = []
    for block in blocks:
        label = _MOVE_LABEL.match("".join(span.text for span in block.content))
        if label is not None:
            block = replace(block, content=_cut(block.content, [(0, label.end())]))
        added = _mark_ranges(block.content, Mark.BOLD)
        deleted = _mark_ranges(block.content, Mark.STRIKE)
        plain_content = normalise_inline(
            Span(span.text, span.marks - {Mark.BOLD, Mark.STRIKE}) for span in block.content)
        text = "".join(span.text for span in plain_content)
        additions.extend(_slice(plain_content, start, end) for start, end in added)
        deletions.extend(_slice(plain_content, start, end) for start, end in deleted)
        for side, ranges in ((new, deleted), (old, added)):
            kept = _cut(plain_content, _with_adjacent_space(text, ranges))
            if not ranges or "".join(span.text for span in kept).strip():
                side.append(replace(block, content=kept))
    return BoldSplit(old=tuple(old), new=tuple(new), additions=tuple(additions),
                     deletions=tuple(deletions))


def _mark_ranges(content: Inline, mark: Mark) -> list[tuple[int, int]]:
    """The character ranges of the runs carrying `mark` (outer spaces trimmed)."""
    ranges: list[tuple[int, int]] = []
    position = 0
    run_start: int | None = None
    text = "".join(span.text for span in content)
    for span in (*content, Span("", frozenset())):
        if mark in span.marks and span.text != LINE_BREAK:
            if run_start is None:
                run_start = position
        elif run_start is not None:
            ranges.extend(_trimmed(text, run_start, position))
            run_start = None
        position += len(span.text)
    return ranges


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # Outer spaces and line breaks of a bold run are plain text; a run of spaces is no addition.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def _with_adjacent_space(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    widened: list[tuple[int, int]] = []
    for start, end in ranges:
        before = text[start - 1] if start > 0 else LINE_BREAK
        after = text[end] if end < len(text) else LINE_BREAK
        if before in _SPACES and (
            after in _SPACES or after == LINE_BREAK or after in _NO_SPACE_BEFORE
        ):
            start -= 1
        elif before == LINE_BREAK and after in _SPACES:
            end += 1
        if widened and start <= widened[-1][1]:
            widened[-1] = (widened[-1][0], max(end, widened[-1][1]))
        else:
            widened.append((start, end))
    return widened


def _cut(content: Inline, ranges: list[tuple[int, int]]) -> Inline:
    """The content without the characters in `ranges` (sorted, disjoint)."""
    kept: list[Span] = []
    position = 0
    for span in content:
        span_end = position + len(span.text)
        pieces = []
        cursor = position
        for start, end in ranges:
            if end <= cursor or start >= span_end:
                continue
            pieces.append(span.text[cursor - position : max(start, cursor) - position])
            cursor = min(end, span_end)
        pieces.append(span.text[cursor - position :])
        kept.append(Span("".join(pieces), span.marks))
        position = span_end
    return normalise_inline(kept)


def _slice(content: Inline, start: int, end: int) -> Inline:
    return _cut(content, [(0, start), (end, 1 << 62)])


def render_addition(content: Inline) -> str:
    """An addition as it reads in the source: marks as HTML tags, line breaks as ``<br>``."""
    pieces: list[str] = []
    for span in content:
        text = span.text.replace(LINE_BREAK, "<br>")
        for mark in reversed(MARK_ORDER):
            if mark in span.marks:
                text = f"<{mark.value}>{text}</{mark.value}>"
        pieces.append(text)
    return "".join(pieces)
