"""A unit of OLD and its counterpart in NEW, and the working copy the planner checks against.

`UnitPair` holds the two units and the diff's pairing of their blocks; `Walk` a working copy of
the unit (`amendtrack.legistique.document`) on which every planned instruction is applied at once
and checked: the blocks placed so far must stand in NEW's order, before every block still to come
(`Walk.try_emit` undoes an instruction that breaks this). `stable_pairs` finds the pairs that keep
their order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from amendtrack.diffing.alignment import longest_increasing
from amendtrack.legistique.applier import apply_instruction
from amendtrack.legistique.counting import address_of, alineas, counted_as
from amendtrack.legistique.document import Document, Entry, Part
from amendtrack.legistique.instructions import Address, Instruction, InstructionFailure
from amendtrack.legistique.instructions import Unit as Counted
from amendtrack.model import Block, BlockKind


def item(block: Block) -> bool:
    """Whether a block is a list item (a tiret)."""
    return block.kind is BlockKind.ITEM


@dataclass(frozen=True, slots=True)
class UnitPair:
    """One unit of OLD and its counterpart in NEW, with the diff's pairing of their blocks."""

    old: tuple[Block, ...]
    new: tuple[Block, ...]
    pairs: Mapping[int, int]
    """NEW's block index in the unit → OLD's."""
    inline: Mapping[int, Sequence[object]]
    """NEW's block index in the unit → the inline diff of that pair."""
    base: Address
    """How instructions name the unit: its article, annex or division (nothing: preamble)."""
    heading: Block | None = None
    """The unit's heading in OLD, so that the working copy holds it."""
    after: Block | None = None
    """For the preamble of a text with articles: the first heading after it."""
    moves: frozenset[int] = frozenset()
    """NEW indices of the pairs the diff calls moves (the others keep their order)."""
    skeleton: tuple[Block, ...] | None = None
    """The blocks of the working copy, when the unit is not an article alone: for a part of
    the text outside its articles, every such part and the headings between them."""
    counted: tuple[Block, ...] | None = None
    """The blocks an address counts in (None: `old`), `old` starting at `offset`."""
    offset: int = 0
    prelude: tuple[Instruction, ...] = ()
    """Instructions said before (the renumbering of an article that opens with its first
    alinéa): the working copy starts with them applied."""


def stable_pairs(pairs: Mapping[int, int], moves: frozenset[int] = frozenset()) -> set[int]:
    """NEW indices of the pairs that keep their order: those the diff does not call moves
    (of them, the longest run in order, should a pairing across units have broken it)."""
    ordered = sorted((old, new) for new, old in pairs.items() if new not in moves)
    return {new for _, new in longest_increasing(ordered)}


@dataclass(slots=True)
class Walk:
    """The working copy of the unit and what has been placed."""

    unit: UnitPair
    document: Document
    part: Part
    instructions: list[tuple[float, Instruction]] = field(default_factory=list)
    placed: list[Entry] = field(default_factory=list)
    pending: list[Entry] = field(default_factory=list)
    """Stable blocks not placed yet, in order."""

    def address(self, index: int) -> Address:
        """How an instruction names block `index` of the unit before amendment."""
        base = self.unit.base
        counted = self.unit.counted or self.unit.old
        found = address_of(counted, self.unit.offset + index, None)
        return replace(found, article=base.article, annex=base.annex, division=base.division)

    def numbered(self, index: int) -> Address:
        """Block `index` named by its position, counted from the first (for a run)."""
        found = self.address(index)
        blocks = self.unit.counted or self.unit.old
        index += self.unit.offset
        if counted_as(blocks[index]) is not Counted.ALINEA and not item(blocks[index]):
            counted = alineas(blocks, unit=counted_as(blocks[index]))
            return replace(found, alinea=counted.index(index) + 1, second=False)
        if item(blocks[index]):
            owner = max((i for i in alineas(blocks) if i < index), default=None)
            first = owner + 1 if owner is not None else 0
            number = sum(1 for i in range(first, index + 1) if item(blocks[i]))
            return replace(found, tiret=number, second=False)
        number = alineas(blocks).index(index) + 1
        return replace(found, alinea=number, label=None, second=False)

    def try_emit(self, instruction: Instruction, key: float,
                 new: list[Entry] | None = None) -> list[Entry] | None:
        """Apply and check `instruction`; the entries it created, or None (nothing kept)."""
        saved = [(entry, entry.block, entry.alive) for part in self.document.parts
                 for entry in part.entries]
        orders = [(part, list(part.entries)) for part in self.document.parts]
        parts = list(self.document.parts)
        order = orders[self.document.parts.index(self.part)][1]
        try:
            apply_instruction(self.document, instruction, [])
        except InstructionFailure:
            self._restore(saved, orders, parts)
            return None
        known = {id(entry) for entry in order}
        created = [entry for entry in self.part.entries if id(entry) not in known]
        if not self._in_order([*(new or []), *created]):
            self._restore(saved, orders, parts)
            return None
        self.instructions.append((key, instruction))
        return created

    def _restore(self, saved: list[tuple[Entry, Block, bool]],
                 orders: list[tuple[Part, list[Entry]]], parts: list[Part]) -> None:
        for entry, block, alive in saved:
            entry.block, entry.alive = block, alive
        for part, order in orders:
            part.entries[:] = order
        self.document.parts[:] = parts

    def _in_order(self, added: list[Entry]) -> bool:
        alive = [entry for entry in self.part.entries if entry.alive]
        position = {id(entry): index for index, entry in enumerate(alive)}
        chain = [position.get(id(entry), -1) for entry in [*self.placed, *added]]
        if any(p < 0 for p in chain) or chain != sorted(chain):
            return False
        later = [position[id(e)] for e in self.pending if id(e) in position]
        return not chain or not later or chain[-1] < min(later)


def walk_for(unit: UnitPair) -> Walk:
    """A working copy of the unit (and of what its addresses need around it)."""
    heading = unit.heading if unit.heading is not None and (
        not unit.old or unit.old[0] is not unit.heading) else None
    blocks = unit.skeleton or tuple(block for block in (heading, *unit.old, unit.after)
                                    if block is not None)
    document = Document(blocks)
    if unit.heading is not None:
        part = next(p for p in document.parts if p.original_heading is unit.heading)
    else:
        part = next((p for p in document.parts if not p.kind and p.original and unit.old
                     and p.original[0].block is unit.old[0]), document.parts[0])
    for instruction in unit.prelude:
        apply_instruction(document, instruction, [])
    return Walk(unit, document, part)


__all__ = ["UnitPair", "Walk", "item", "stable_pairs", "walk_for"]
