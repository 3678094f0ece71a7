"""The body of an imported source: page-break joins, formulas, vote and block ids.

Block ids follow one scheme, numbered per kind in reading order and documented here because
other versions of the same deliberation are imported with it too:

- headings ``h1``, ``h2``, …; paragraphs ``p1``, ``p2``, …;
- lists ``l1``, ``l2``, … and their items ``l1-1``, ``l1-2``, …;
- decision formulas ``d1``, …; signature lines ``s1``, ….
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from amendtrack.importers.source import SourceBlock
from amendtrack.model import Block, BlockKind, Inline, Span, inline_text, normalise_inline

_DECISION = re.compile(r"apr[eè]s en avoir d[ée]lib[ée]r[ée]", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"^(?:fait et d[ée]lib[ée]r[ée]|fait à|le secr[ée]taire de s[ée]ance|la secr[ée]taire de "
    r"s[ée]ance|pour extrait conforme|pour copie conforme|(?:le|la) maire\b|(?:le|la) "
    r"pr[ée]sident(?:e)?\b)",
    re.IGNORECASE,
)
_UNANIMITE = re.compile(r"\bà l'unanimité\b", re.IGNORECASE)
_COUNTS = {
    "vote.pour": re.compile(r"\b(\d+)\s+voix\s+pour\b", re.IGNORECASE),
    "vote.contre": re.compile(r"\b(\d+)\s+voix\s+contre\b", re.IGNORECASE),
    "vote.abstentions": re.compile(r"\b(\d+)\s+abstentions?\b", re.IGNORECASE),
}
_FRAGMENT = 30
"""Characters of each fragment quoted in a page-break warning."""


def _collapsed(content: Inline) -> str:
    return " ".join(inline_text(content).replace("’", "'").split())


# --- page-break joins -------------------------------------------------------------------------


def _split_by_page_break(first: SourceBlock, second: SourceBlock) -> bool:
    """A paragraph without final punctuation followed by one starting in lower case."""
    if first.kind is not BlockKind.PARAGRAPH or second.kind is not BlockKind.PARAGRAPH:
        return False
    end = inline_text(first.content).rstrip(" \t\u00a0\u202f")
    start = inline_text(second.content).lstrip(" \t\u00a0\u202f")
    return bool(end) and bool(start) and end[-1].isalnum() and start[0].islower()


def _joined(first: Inline, second: Inline) -> Inline:
    # The joining space carries the marks both sides share, so a bold run cut by a page
    # break stays one bold run.
    shared = first[-1].marks & second[0].marks
    if first[-1].text[-1:].isspace() or second[0].text[:1].isspace():
        return normalise_inline(first + second)
    return normalise_inline((*first, Span(" ", shared), *second))


def join_page_breaks(blocks: Sequence[SourceBlock]) -> tuple[list[SourceBlock], list[str]]:
    """Join paragraphs split by a page break, with one warning per join."""
    joined: list[SourceBlock] = []
    warnings: list[str] = []
    for block in blocks:
        if joined and _split_by_page_break(joined[-1], block):
            before = inline_text(joined[-1].content).rstrip()[-_FRAGMENT:]
            after = inline_text(block.content).lstrip()[:_FRAGMENT]
            warnings.append(
                f"joined two paragraphs split by a page break: « …{before} » + « {after}… »"
            )
            joined[-1] = replace(joined[-1], content=_joined(joined[-1].content, block.content))
        else:
            joined.append(block)
    return joined, warnings


# --- formulas ---------------------------------------------------------------------------------


def recognise_formulas(blocks: Sequence[SourceBlock]) -> list[SourceBlock]:
    """Mark the decision formula as DECISION and the signature lines as SIGNATURE.

    A paragraph containing « après en avoir délibéré » is a decision. Signature lines
    (« Fait et délibéré … », « Le secrétaire de séance, … », « Pour extrait conforme, … »,
    « Le Maire, … ») are paragraphs after the last decision or, without a decision, the run of
    such paragraphs that ends the document.
    """
    shaped = [
        replace(block, kind=BlockKind.DECISION)
        if block.kind is BlockKind.PARAGRAPH and _DECISION.search(_collapsed(block.content))
        else block
        for block in blocks
    ]
    decisions = [index for index, block in enumerate(shaped) if block.kind is BlockKind.DECISION]
    if decisions:
        candidates = range(decisions[-1] + 1, len(shaped))
    else:
        start = len(shaped)
        while start > 0 and _is_signature(shaped[start - 1]):
            start -= 1
        candidates = range(start, len(shaped))
    for index in candidates:
        if _is_signature(shaped[index]):
            shaped[index] = replace(shaped[index], kind=BlockKind.SIGNATURE)
    return shaped


def _is_signature(block: SourceBlock) -> bool:
    return block.kind is BlockKind.PARAGRAPH and bool(
        _SIGNATURE.match(_collapsed(block.content))
    )


def vote_fields(blocks: Sequence[Block | SourceBlock]) -> dict[str, str]:
    """Vote facts stated by the decision formulas (« à l'unanimité », « 25 voix pour », …)."""
    found: dict[str, str] = {}
    for block in blocks:
        if block.kind is not BlockKind.DECISION:
            continue
        text = _collapsed(block.content)
        if _UNANIMITE.search(text):
            found["vote.unanimite"] = "true"
            continue
        for name, pattern in _COUNTS.items():
            if count := pattern.search(text):
                found[name] = count[1]
    return found


# --- ids --------------------------------------------------------------------------------------

_PREFIXES = {
    BlockKind.HEADING: "h",
    BlockKind.PARAGRAPH: "p",
    BlockKind.DECISION: "d",
    BlockKind.SIGNATURE: "s",
}


def assign_ids(blocks: Sequence[SourceBlock]) -> tuple[Block, ...]:
    """Blocks with ids in the module's scheme (lists: consecutive items with one key)."""
    counters = dict.fromkeys(_PREFIXES.values(), 0)
    lists = 0
    items = 0
    previous_key: int | None = None
    result: list[Block] = []
    for block in blocks:
        if block.kind is BlockKind.ITEM:
            key = -1 if block.list_key is None else block.list_key
            if previous_key is None or key != previous_key:
                lists += 1
                items = 0
            items += 1
            previous_key = key
            list_id = f"l{lists}"
            result.append(Block(f"{list_id}-{items}", BlockKind.ITEM, block.content, list_id))
            continue
        previous_key = None
        prefix = _PREFIXES[block.kind]
        counters[prefix] += 1
        level = (block.level or 1) if block.kind is BlockKind.HEADING else None
        result.append(Block(f"{prefix}{counters[prefix]}", block.kind, block.content, None, level))
    return tuple(result)
