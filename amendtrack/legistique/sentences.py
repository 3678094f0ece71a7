"""Sentences of an alinéa, as « à la deuxième phrase du troisième alinéa » counts them.

A sentence ends with « . », « ! », « ? » or « … » (and any closing guillemet or parenthesis
after it) followed by a space and a capital letter or an opening guillemet. A full stop after an
initial or a roman numeral (« L. 123-1 », « M. Dupont », « II. - Les … ») or after a usual
abbreviation (« art. », « Mme. », « cf. ») ends no sentence. The writer and the applier count
with the same function, so whatever the writer says, the applier finds.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?…][»)\"”’]*(?=[ \u00a0\u202f\t\n]+[«\"“A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ])")
_NOT_AN_END = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|[IVXLC]+|art|arts|cf|Mme|Mmes|MM|Mlle|Dr|Me|St|Ste|etc|av|bd|p|pp"
    r"|vol|al|op|chap|coll|ibid|n°)\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of `text`, in order (spaces between them left out)."""
    spans: list[tuple[int, int]] = []
    start = _skip_spaces(text, 0)
    for match in _END.finditer(text):
        end = match.end()
        if end <= start or _NOT_AN_END.search(text[max(start, end - 12) : match.start() + 1]):
            continue
        spans.append((start, end))
        start = _skip_spaces(text, end)
    stop = len(text.rstrip())
    if start < stop:
        spans.append((start, stop))
    return spans


def _skip_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def sentence_span(text: str, position: int) -> tuple[int, int] | None:
    """The span of the `position`-th sentence (1-based, -1 the last), None if there is none."""
    spans = sentence_spans(text)
    if position == 0 or not -len(spans) <= position <= len(spans):
        return None
    return spans[position - 1 if position > 0 else position]


def sentence_count(text: str) -> int:
    """How many sentences `text` has."""
    return len(sentence_spans(text))


__all__ = ["sentence_count", "sentence_span", "sentence_spans"]
