"""Applying amending instructions to a version, one after the other.

Counting (documented in `Address`): a block that is not a list item is an alinéa; a list item is
a tiret of the alinéa before it. An article is a heading « Article 2 » and the blocks up to the
next article heading; without an article, counting covers the whole text. When the text has no
article headings at all, an instruction naming an article applies to the whole text (a note
says so): the legi corpus stores one article per file.

Every instruction reads the text as the previous ones left it. A failure names the line and why
(article not found, alinéa out of range, anchor not found or ambiguous) and nothing is applied.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import assert_never

from amendtrack.errors import AmendmentError
from amendtrack.legistique.counting import article_label, resolve, scope
from amendtrack.legistique.editing import apply_words
from amendtrack.legistique.instructions import (
    BlockChange,
    BlockChangeKind,
    Instruction,
    InstructionFailure,
    NoChange,
    Unit,
    WordChange,
)
from amendtrack.model import Block, BlockKind, Version, plain


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
            return apply_words(body, instruction, notes)
        case BlockChange():
            return _apply_blocks(body, instruction, notes)
        case _ as unreachable:
            assert_never(unreachable)


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
        kind = {Unit.TIRET: BlockKind.ITEM, Unit.VISA: BlockKind.VISA,
                Unit.CONSIDERANT: BlockKind.CONSIDERANT}.get(unit, BlockKind.PARAGRAPH)
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
                from amendtrack.french.deliberations import reread

                first = reread(replace(body[index], content=plain(change.texts[0])))
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


__all__ = ["Applied", "after_position", "apply_instruction", "apply_instructions"]
