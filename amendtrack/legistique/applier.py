"""Applying amending instructions to a version, and the counting of alinéas both sides share.

Counting (documented in `Address`): a block that is not a list item is an alinéa; a list item is
a tiret of the alinéa before it. An article is a heading « Article 2 » and the blocks up to the
next article heading; without an article, counting covers the whole text. When the text has no
article headings at all, an instruction naming an article applies to the whole text (a note
says so): the legi corpus stores one article per file.

Every instruction reads the text as the previous ones left it. A failure names the line and why
(article not found, alinéa out of range, anchor not found or ambiguous) and nothing is applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import assert_never

from amendtrack.errors import AmendmentError
from amendtrack.french.ordinals import ordinal
from amendtrack.legistique.reader import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    NoChange,
    Unit,
    WordChange,
    WordChangeKind,
)
from amendtrack.model import Block, BlockKind, Inline, Span, Version, normalise_inline, plain

_SUFFIXES = "bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies"
_ARTICLE_HEADING = re.compile(
    rf"\s*art(?:icle|\.)\s+((?:[LRD]\.?\s?)?[\w-]+(?:\s+(?:{_SUFFIXES}))?)\b.*",
    re.IGNORECASE | re.DOTALL,
)
_FOLD = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\t": " "})


class InstructionFailure(Exception):
    """Why one instruction cannot be applied (turned into an AmendmentError with its line)."""


@dataclass(frozen=True, slots=True)
class Applied:
    """The result of applying instructions: the new version and what the user should know."""

    version: Version
    notes: tuple[str, ...]
    """Provisions that change no text, articles taken as the whole text, …"""


def apply_instructions(
    version: Version, instructions: tuple[Instruction, ...], name: str = "<instructions>"
) -> Applied:
    """Apply instructions in order. Raises AmendmentError (« line N: why ») on the first failure."""
    body = version.body
    notes: list[str] = []
    for instruction in instructions:
        try:
            body = apply_instruction(body, instruction, notes)
        except InstructionFailure as failure:
            raise AmendmentError(f"line {instruction.line}: {failure}", name) from None
    return Applied(replace(version, body=body), tuple(dict.fromkeys(notes)))


def apply_instruction(
    body: tuple[Block, ...], instruction: Instruction, notes: list[str]
) -> tuple[Block, ...]:
    """One instruction applied to a body (InstructionFailure if it cannot be)."""
    match instruction:
        case NoChange():
            notes.append(f"line {instruction.line}: changes no text, not applied: "
                         f"{instruction.text}")
            return body
        case WordChange():
            return _apply_words(body, instruction, notes)
        case BlockChange():
            return _apply_blocks(body, instruction, notes)
        case _ as unreachable:
            assert_never(unreachable)


# --- counting ---------------------------------------------------------------------------------


def article_label(block: Block) -> str | None:
    """The number of an article heading (« 2 » for « Article 2 »), None for other blocks."""
    if block.kind not in (BlockKind.HEADING, BlockKind.PARAGRAPH):
        return None
    match = _ARTICLE_HEADING.fullmatch(block.text)
    if match is None or (block.kind is BlockKind.PARAGRAPH and len(block.text.split()) > 3):
        return None
    return match.group(1)


def _same_article(left: str, right: str) -> bool:
    def key(label: str) -> str:
        label = re.sub(r"[\s.]", "", label.lower())
        return re.sub(r"^(?:1er|1re|premier|première)$", "1", label)

    return key(left) == key(right)


def scope(body: tuple[Block, ...], article: str | None, notes: list[str]) -> tuple[int, int]:
    """The blocks an address counts in: ``(start, end)`` indices of the article's body."""
    headings = [index for index, block in enumerate(body) if article_label(block)]
    if article is None:
        return 0, len(body)
    if not headings:
        notes.append(f"the text has no article headings: article {article} is the whole text")
        return 0, len(body)
    for position, index in enumerate(headings):
        label = article_label(body[index])
        if label is not None and _same_article(label, article):
            end = headings[position + 1] if position + 1 < len(headings) else len(body)
            return index + 1, end
    raise InstructionFailure(f"article {article} not found")


def _alineas(body: tuple[Block, ...], start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if body[i].kind is not BlockKind.ITEM]


def _tirets(body: tuple[Block, ...], owner: int | None, start: int, end: int) -> list[int]:
    first = start if owner is None else owner + 1
    found: list[int] = []
    for index in range(first, end):
        if body[index].kind is not BlockKind.ITEM:
            break
        found.append(index)
    return found


def _pick(indices: list[int], position: int, what: str) -> int:
    count = len(indices)
    if position == 0 or not -count <= position <= count or (position > 0 and position > count):
        have = f"{count} {what}s" if count != 1 else f"one {what}"
        raise InstructionFailure(
            f"{what} out of range: no {ordinal(position) if position else 'zeroth'} {what} "
            f"(there {'is' if count == 1 else 'are'} {have})"
        )
    return indices[position - 1 if position > 0 else position]


def _labelled(body: tuple[Block, ...], label: str, start: int, end: int) -> int:
    found = [i for i in _alineas(body, start, end) if _starts_with_label(body[i].text, label)]
    if not found:
        raise InstructionFailure(f"no alinéa starts with « {label} »")
    if len(found) > 1:
        raise InstructionFailure(f"{len(found)} alinéas start with « {label} »")
    return found[0]


def _starts_with_label(text: str, label: str) -> bool:
    text = text.lstrip()
    return text.startswith(label) and (len(text) == len(label) or text[len(label)].isspace())


def label_of(block: Block) -> str | None:
    """The « 3° » an alinéa starts with, if any."""
    match = re.match(r"\s*(\d+°)(?=\s|$)", block.text)
    return None if match is None else match.group(1)


def resolve(body: tuple[Block, ...], address: Address, notes: list[str]) -> int:
    """The index of the block an address names (InstructionFailure if there is none)."""
    start, end = scope(body, address.article, notes)
    owner: int | None = None
    if address.label is not None:
        owner = _labelled(body, address.label, start, end)
    elif address.alinea is not None:
        owner = _pick(_alineas(body, start, end), address.alinea, "alinéa")
    if address.tiret is None:
        if owner is None:
            raise InstructionFailure("the instruction names no alinéa")
        return owner
    return _pick(_tirets(body, owner, start, end), address.tiret, "tiret")


def address_of(body: tuple[Block, ...], index: int) -> Address:
    """How the generator names a block: in its article if it has one, else in the whole text."""
    article: str | None = None
    start, end = 0, len(body)
    for position in range(index - 1, -1, -1):
        label = article_label(body[position])
        if label is not None:
            if article_label(body[index]) is None:
                article, start = label, position + 1
            break
    if article is not None:
        end = next((i for i in range(index + 1, len(body)) if article_label(body[i])), len(body))
    alineas = _alineas(body, start, end)
    if body[index].kind is not BlockKind.ITEM:
        alinea, label = _alinea_fields(body, alineas, index)
        return Address(article, alinea, label=label)
    owner = max((i for i in alineas if i < index), default=None)
    tirets = _tirets(body, owner, start, end)
    tiret = tirets.index(index) + 1
    if tiret == len(tirets) and len(tirets) >= 3:
        tiret = -1
    if owner is None:
        return Address(article, tiret=tiret)
    alinea, label = _alinea_fields(body, alineas, owner)
    return Address(article, alinea, tiret, label)


def _alinea_fields(
    body: tuple[Block, ...], alineas: list[int], index: int
) -> tuple[int | None, str | None]:
    label = label_of(body[index])
    if label is not None:
        same = [i for i in alineas if _starts_with_label(body[i].text, label)]
        if len(same) == 1:
            return None, label
    number = alineas.index(index) + 1
    if number == len(alineas) and number >= 3:
        return -1, None
    return number, None


# --- words ------------------------------------------------------------------------------------


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


def _apply_words(
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
    updated = replace(block, content=splice(block.content, start, stop, new))
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


# --- blocks -----------------------------------------------------------------------------------


def _new_blocks(
    body: tuple[Block, ...], texts: tuple[str, ...], unit: Unit, near: tuple[int, ...]
) -> list[Block]:
    used = {block.id for block in body}
    list_id: str | None = None
    if unit is Unit.TIRET:
        neighbours = [body[i] for i in near if 0 <= i < len(body)]
        list_id = next((b.list_id for b in neighbours if b.kind is BlockKind.ITEM), None)
        list_id = list_id or _fresh({b.list_id or "" for b in body}, "list-")
    made: list[Block] = []
    for text in texts:
        block_id = _fresh(used, "inserted-")
        used.add(block_id)
        kind = BlockKind.ITEM if unit is Unit.TIRET else BlockKind.PARAGRAPH
        made.append(Block(block_id, kind, plain(text), list_id=list_id))
    return made


def _fresh(used: set[str], prefix: str) -> str:
    number = 1
    while f"{prefix}{number}" in used:
        number += 1
    return f"{prefix}{number}"


def after_position(body: tuple[Block, ...], index: int, item: bool) -> int:
    """Where a block goes « après » block `index`: an alinéa goes after that alinéa's tirets."""
    position = index + 1
    if not item and body[index].kind is not BlockKind.ITEM:
        while position < len(body) and body[position].kind is BlockKind.ITEM:
            position += 1
    return position


def _apply_blocks(
    body: tuple[Block, ...], change: BlockChange, notes: list[str]
) -> tuple[Block, ...]:
    blocks = list(body)
    kind, where = change.kind, change.where
    item = change.unit is Unit.TIRET
    match kind:
        case BlockChangeKind.REWRITE:
            if where.whole:
                start, end = scope(body, where.article, notes)
                blocks[start:end] = _new_blocks(body, change.texts, Unit.ALINEA, ())
            else:
                index = resolve(body, where, notes)
                first = replace(body[index], content=plain(change.texts[0]))
                rest = [replace(b, kind=body[index].kind, list_id=body[index].list_id)
                        for b in _new_blocks(body, change.texts[1:], Unit.ALINEA, ())]
                blocks[index : index + 1] = [first, *rest]
        case BlockChangeKind.DELETE:
            for index in sorted(_deleted(body, change, notes), reverse=True):
                del blocks[index]
        case BlockChangeKind.INSERT_AFTER | BlockChangeKind.INSERT_BEFORE:
            index = resolve(body, where, notes)
            at = index if kind is BlockChangeKind.INSERT_BEFORE else after_position(
                body, index, item)
            blocks[at:at] = _new_blocks(body, change.texts, change.unit, (at - 1, at))
        case BlockChangeKind.APPEND:
            _, end = scope(body, where.article, notes)
            blocks[end:end] = _new_blocks(body, change.texts, change.unit, (end - 1,))
        case BlockChangeKind.MOVE_AFTER | BlockChangeKind.MOVE_BEFORE:
            if change.destination is None:
                raise InstructionFailure("a move needs a destination")
            source = resolve(body, where, notes)
            target = resolve(body, change.destination, notes)
            moved_item = body[source].kind is BlockKind.ITEM
            at = target if kind is BlockChangeKind.MOVE_BEFORE else after_position(
                body, target, moved_item)
            block = blocks.pop(source)
            blocks.insert(at - 1 if source < at else at, block)
        case _ as unreachable:
            assert_never(unreachable)
    return tuple(blocks)


def _deleted(body: tuple[Block, ...], change: BlockChange, notes: list[str]) -> list[int]:
    where = change.where
    if where.whole:
        start, end = scope(body, where.article, notes)
        if where.article is not None and start > 0 and article_label(body[start - 1]):
            start -= 1  # « L'article 3 est abrogé »: its heading goes too
        return list(range(start, end))
    if change.count == 1:
        return [resolve(body, where, notes)]
    if change.unit is Unit.TIRET and where.tiret is not None and where.tiret > 0:
        return [resolve(body, replace(where, tiret=where.tiret + k), notes)
                for k in range(change.count)]
    if where.alinea is not None and where.alinea > 0 and where.tiret is None:
        return [resolve(body, replace(where, alinea=where.alinea + k), notes)
                for k in range(change.count)]
    raise InstructionFailure("a range of alinéas must start at a numbered alinéa")


__all__ = [
    "Applied",
    "InstructionFailure",
    "address_of",
    "after_position",
    "apply_instruction",
    "apply_instructions",
    "article_label",
    "edit",
    "label_of",
    "occurrences",
    "resolve",
    "scope",
    "splice",
]
