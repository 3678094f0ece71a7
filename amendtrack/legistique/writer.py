"""Amendment → instructions → French légistique (the « dispositif modificatif »).

`instructions_for` walks NEW in reading order and says, for each block, how to get it from the
text as the previous instructions left it: words replaced, deleted or inserted; alinéas rewritten,
deleted, inserted or moved. Every instruction is applied at once with the reader's own applier
(`amendtrack.legistique.applier`) and checked against the text it must give, so the wording is
exact by construction; when an elegant formula would not be exact (odd whitespace, a change
that is whitespace only), the alinéa is rewritten whole (« est ainsi rédigé »).

Choices: alinéas are the blocks that are not list items and a list item is a tiret of the
alinéa before it (« Au premier tiret du quatorzième alinéa »); an alinéa that starts with « 3° »
is named « le 3° »; the last alinéa (or tiret) of three or more is « le dernier ». An anchor is
the shortest run of words unique in its alinéa, and starts with the article or preposition
before its last word when there is one (« de financement », not « financement »); if no run of
up to eight words is unique, the occurrence is counted (« après la deuxième occurrence du
mot : … »). `wording` writes the French text; `legistique_text` also reads it back with
`amendtrack.legistique.reader.parse`, applies it to OLD and refuses to return a wording that does
not give NEW.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from amendtrack.errors import AmendmentError
from amendtrack.legistique.applier import after_position, apply_instruction
from amendtrack.legistique.counting import address_of, unit_of
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    InstructionFailure,
    Unit,
)
from amendtrack.legistique.wording import wording
from amendtrack.legistique.words import regions_of, word_changes
from amendtrack.model import Amendment, Block, BlockKind, Version

__all__ = ["bodies", "instructions_for", "legistique_text"]


def bodies(amendment: Amendment) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """OLD's and NEW's bodies, rebuilt from the amendment's block operations."""
    old = sorted((op.old_index, op.old) for op in amendment.blocks
                 if op.old_index is not None and op.old is not None)
    new = sorted((op.new_index, op.new) for op in amendment.blocks
                 if op.new_index is not None and op.new is not None)
    return tuple(block for _, block in old), tuple(block for _, block in new)


@dataclass(slots=True)
class _Entry:
    tag: int | None
    """Index of the block in OLD (None for a block the instructions inserted)."""
    placed: bool


class _Walk:
    """The text as the instructions so far leave it, and the instructions."""

    def __init__(self, old: tuple[Block, ...]) -> None:
        self.body = old
        self.entries = [_Entry(index, False) for index in range(len(old))]
        self.instructions: list[Instruction] = []
        self.notes: list[str] = []

    def emit(self, instruction: Instruction, expected: list[str]) -> None:
        try:
            body = apply_instruction(self.body, instruction, self.notes)
        except InstructionFailure as failure:
            raise AmendmentError(
                f"legistique: generated instruction does not apply: {failure}"
            ) from None
        if [block.text for block in body] != expected:
            raise AmendmentError("legistique: generated instruction does not give NEW")
        self.body = body
        self.instructions.append(instruction)

    def texts(self) -> list[str]:
        return [block.text for block in self.body]

    def last_placed(self) -> int:
        return max((i for i, entry in enumerate(self.entries) if entry.placed), default=-1) + 1


def _item(block: Block) -> bool:
    return block.kind is BlockKind.ITEM


def instructions_for(amendment: Amendment) -> tuple[Instruction, ...]:
    """The instructions that turn OLD into NEW, in NEW's reading order."""
    old, new = bodies(amendment)
    pairs = {op.new_index: op for op in amendment.blocks
             if op.new_index is not None and op.old_index is not None}
    deleted = set(range(len(old))) - {op.old_index for op in pairs.values()}
    walk = _Walk(old)
    index = 0
    while index < len(new):
        target = walk.last_placed()
        op = pairs.get(index)
        if op is None:
            index = _insert_or_rewrite(walk, new, index, pairs, deleted, target)
            continue
        assert op.old_index is not None
        position = next(i for i, e in enumerate(walk.entries) if e.tag == op.old_index)
        if position >= target:
            _delete(walk, [i for i in range(target, position) if walk.entries[i].tag in deleted
                           and not walk.entries[i].placed])
            position = next(i for i, e in enumerate(walk.entries) if e.tag == op.old_index)
        else:
            position = _move(walk, position, target)
        walk.entries[position].placed = True
        if walk.body[position].text != new[index].text:
            _modify(walk, position, new[index].text, op.inline)
        index += 1
    _delete(walk, [i for i, entry in enumerate(walk.entries) if not entry.placed])
    if walk.texts() != [block.text for block in new]:
        raise AmendmentError("legistique: the instructions do not give NEW")
    return tuple(walk.instructions)


def _insert_or_rewrite(
    walk: _Walk, new: tuple[Block, ...], index: int, pairs: Mapping[int, object],
    deleted: set[int], target: int,
) -> int:
    block = new[index]
    entries = walk.entries
    if (target < len(entries) and entries[target].tag in deleted and not entries[target].placed
            and unit_of(walk.body[target]) is unit_of(block)):
        where = address_of(walk.body, target)
        expected = walk.texts()
        expected[target] = block.text
        walk.emit(BlockChange(BlockChangeKind.REWRITE, where, (block.text,)), expected)
        entries[target] = _Entry(None, True)
        return index + 1
    run = [block]
    while (index + len(run) < len(new) and index + len(run) not in pairs
           and unit_of(new[index + len(run)]) is unit_of(block)):
        run.append(new[index + len(run)])
    unit = unit_of(block)
    texts = tuple(b.text for b in run)
    body = walk.body
    if target > 0 and after_position(body, target - 1, _item(block)) == target:
        change = BlockChange(BlockChangeKind.INSERT_AFTER, address_of(body, target - 1), texts,
                             unit)
    elif target < len(body):
        change = BlockChange(BlockChangeKind.INSERT_BEFORE, address_of(body, target), texts, unit)
    else:
        change = BlockChange(BlockChangeKind.APPEND, Address(), texts, unit)
    expected = walk.texts()
    expected[target:target] = list(texts)
    walk.emit(change, expected)
    walk.entries[target:target] = [_Entry(None, True) for _ in run]
    return index + len(run)


def _delete(walk: _Walk, positions: list[int]) -> None:
    """Delete blocks, consecutive ones of one kind in one instruction, in document order."""
    tags = [walk.entries[i].tag for i in positions]
    while tags:
        position = next(i for i, e in enumerate(walk.entries) if e.tag == tags[0])
        item = _item(walk.body[position])
        count = 1
        while (count < len(tags) and position + count < len(walk.entries)
               and walk.entries[position + count].tag == tags[count]
               and _item(walk.body[position + count]) == item):
            count += 1
        where = address_of(walk.body, position)
        numbered = _numbered(walk.body, position, where) if (
            count > 1 and where.unit is Unit.ALINEA) else None
        if numbered is None:
            count = 1
        else:
            where = numbered
        expected = walk.texts()
        del expected[position : position + count]
        unit = Unit.TIRET if item and count > 1 else Unit.ALINEA
        walk.emit(BlockChange(BlockChangeKind.DELETE, where, unit=unit, count=count), expected)
        del walk.entries[position : position + count]
        tags = tags[count:]


def _numbered(body: tuple[Block, ...], position: int, where: Address) -> Address | None:
    """The address with a positive number, as a range « Les deuxième à quatrième » needs."""
    if where.tiret is not None:
        if where.tiret > 0:
            return where
        owner = max((i for i in range(position) if not _item(body[i])), default=-1)
        count = sum(1 for i in range(owner + 1, position + 1) if _item(body[i]))
        return Address(where.article, where.alinea, count, where.label)
    if where.label is not None or (where.alinea is not None and where.alinea < 0):
        start = 0 if where.article is None else _article_start(body, position)
        number = sum(1 for i in range(start, position + 1) if not _item(body[i]))
        return Address(where.article, number)
    return where if where.alinea is not None else None


def _article_start(body: tuple[Block, ...], position: int) -> int:
    from amendtrack.legistique.counting import address_of, scope

    article = address_of(body, position).article
    return 0 if article is None else scope(body, article, [])[0]


def _move(walk: _Walk, position: int, target: int) -> int:
    """Move the block at `position` to just before `target` (> position); its new index."""
    body = walk.body
    item = _item(body[position])
    after = after_position(body, target - 1, item) == target
    source, destination = _move_addresses(body, position, target - 1 if after else target)
    kind = BlockChangeKind.MOVE_AFTER if after else BlockChangeKind.MOVE_BEFORE
    change = BlockChange(kind, source, destination=destination)
    expected = walk.texts()
    expected.insert(target - 1, expected.pop(position))
    walk.emit(change, expected)
    walk.entries.insert(target - 1, walk.entries.pop(position))
    return target - 1


def _move_addresses(body: tuple[Block, ...], source: int,
                    destination: int) -> tuple[Address, Address]:
    """Both places of a move; counted in the whole text when they are in different articles
    (one sentence names one article)."""
    from amendtrack.legistique.counting import whole_text_address

    first, second = address_of(body, source), address_of(body, destination)
    if first.article == second.article:
        return first, second
    return whole_text_address(body, source), whole_text_address(body, destination)


def _modify(walk: _Walk, position: int, text: str, inline: Sequence[object]) -> None:
    where = address_of(walk.body, position)
    regions = regions_of(walk.body[position].text, text, inline)
    changes = word_changes(walk.body, position, where, regions, text)
    expected = walk.texts()
    expected[position] = text
    if changes is None:
        walk.emit(BlockChange(BlockChangeKind.REWRITE, where, (text,)), expected)
        return
    for change, after in changes:
        partial = walk.texts()
        partial[position] = after
        walk.emit(change, partial)


def legistique_text(amendment: Amendment, old: Version) -> str:
    """The wording of an amendment, read back and applied to `old` to check it gives NEW."""
    from amendtrack.legistique.applier import apply_instructions
    from amendtrack.legistique.reader import parse

    text = wording(instructions_for(amendment))
    _, new = bodies(amendment)
    result = apply_instructions(old, parse(text, "<generated wording>"))
    if [b.text for b in result.version.body] != [b.text for b in new]:
        raise AmendmentError("legistique: the wording, read back, does not give NEW exactly")
    return text
