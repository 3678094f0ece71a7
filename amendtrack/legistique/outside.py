"""The text outside its articles: the preamble, the vote and signatures, what lies between.

An address that names no article, annex or division counts the blocks outside them, wherever
they stand, as one run (`amendtrack.legistique.document`): « le dernier alinéa » of a
deliberation may be its last signature line. The writer plans each part of that run on a working
copy that holds all of them and the headings between (`skeleton`), naming its blocks in the whole
run (`counted`); a part of OLD that NEW lost is deleted block by block (`lost`), a part NEW gained
is inserted after the unit before it, or before the one after it when the unit before is a new
one that shares its number with one of OLD, or at the end of the text (`gained`).
"""

from __future__ import annotations

from amendtrack.legistique.counting import address_of, counted_as
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
)
from amendtrack.legistique.labels import citation
from amendtrack.legistique.units import Unit
from amendtrack.model import Block


def counted(old: tuple[Block, ...], old_units: tuple[Unit, ...],
            position: int) -> tuple[tuple[Block, ...], int]:
    """Every block of OLD outside its units, and where unit `position`'s blocks start in it."""
    blocks: list[Block] = []
    offset = 0
    for index, unit in enumerate(old_units):
        if not unit.kind:
            if index == position:
                offset = len(blocks)
            blocks.extend(old[unit.start : unit.end])
    return tuple(blocks), offset


def skeleton(old: tuple[Block, ...], old_units: tuple[Unit, ...]) -> tuple[Block, ...]:
    """The blocks outside OLD's units, with the headings of the units between them."""
    blocks: list[Block] = []
    for unit in old_units:
        if not unit.kind:
            blocks.extend(old[unit.start : unit.end])
        elif unit.heading is not None:
            blocks.append(old[unit.heading])
    return tuple(blocks)


def lost(old: tuple[Block, ...], old_units: tuple[Unit, ...],
         position: int) -> list[Instruction]:
    """A part outside the units that NEW lost: its blocks deleted (alinéas first)."""
    blocks, offset = counted(old, old_units, position)
    unit = old_units[position]
    order = sorted(range(unit.end - unit.start),
                   key=lambda i: (counted_as(blocks[offset + i]).value, i))
    return [BlockChange(BlockChangeKind.DELETE, address_of(blocks, offset + i, None),
                        unit=counted_as(blocks[offset + i])) for i in order]


def gained(new: tuple[Block, ...], unit: Unit, by: Unit | None,
           before: bool = False) -> Instruction:
    """A part outside the units that NEW gained, after unit `by` (« Après l'article 3, sont
    insérés deux alinéas ainsi rédigés : »), or before it, or, without `by`, at the end of the
    text (« Le texte est complété par un alinéa ainsi rédigé : »)."""
    texts = tuple(block.text for block in new[unit.start : unit.end])
    if by is None:
        return BlockChange(BlockChangeKind.APPEND, Address(), texts)
    number = by.number or ""
    where = Address(article=citation(number)) if by.kind == "article" else (
        Address(annex=number) if by.kind == "annexe" else Address(division=by.path))
    kind = BlockChangeKind.INSERT_BEFORE if before else BlockChangeKind.INSERT_AFTER
    return BlockChange(kind, where, texts)


__all__ = ["counted", "gained", "lost", "skeleton"]
