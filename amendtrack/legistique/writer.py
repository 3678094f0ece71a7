"""Amendment → instructions → French légistique (the « dispositif modificatif »).

`instructions_for` cuts OLD and NEW into their preamble, articles, annexes and divisions
(`amendtrack.legistique.units`), matches them (`amendtrack.legistique.matching`) and says,
unit by unit in NEW's order: what changes inside a unit that stays (`amendtrack.legistique.plan`,
every place counted in the text before amendment), which units are abrogated (« Les articles
L. 12 à L. 15 sont abrogés », « Le chapitre II est abrogé »), inserted (« Après l'article L. 12,
il est inséré un article L. 12-1 ainsi rédigé : »), renumbered (« L'article 4 devient l'article
5 ») or retitled; when articles are renumbered, `renumbered_last` puts the changes inside them
first, then the renumbering, then the articles inserted. `wording` lays the instructions out;
`legistique_text` reads the wording back with `amendtrack.legistique.reader.parse`, applies it
to OLD and refuses to return a wording that does not give NEW exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from amendtrack.errors import AmendmentError
from amendtrack.legistique.applier import apply_instructions
from amendtrack.legistique.instructions import (
    BlockChange,
    BlockChangeKind,
    Instruction,
    StructureChange,
    StructureChangeKind,
)
from amendtrack.legistique.labels import article_key
from amendtrack.legistique.matching import match_units, unit_pairs
from amendtrack.legistique.outside import counted, skeleton
from amendtrack.legistique.plan import plan_unit
from amendtrack.legistique.reader import parse
from amendtrack.legistique.structure_writer import (
    Texts,
    abrogations,
    base_of,
    heading_changes,
    insertion,
)
from amendtrack.legistique.units import units
from amendtrack.legistique.walk import UnitPair
from amendtrack.legistique.wording import renumbering, wording
from amendtrack.model import Amendment, Block, BlockOpKind, Version
from amendtrack.translation import _

__all__ = ["bodies", "instructions_for", "legistique_text", "renumbered_last", "reused_last"]


def bodies(amendment: Amendment) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """OLD's and NEW's bodies, rebuilt from the amendment's block operations."""
    old = sorted((op.old_index, op.old) for op in amendment.blocks
                 if op.old_index is not None and op.old is not None)
    new = sorted((op.new_index, op.new) for op in amendment.blocks
                 if op.new_index is not None and op.new is not None)
    return tuple(block for _, block in old), tuple(block for _, block in new)


def instructions_for(amendment: Amendment, reform: bool = True) -> tuple[Instruction, ...]:
    """The instructions that turn OLD into NEW, unit by unit in NEW's reading order; `reform`:
    an article whose heading starts or stops holding its first alinéa is rewritten whole
    (« L'article 4 est ainsi rédigé : »), else abrogated and inserted again."""
    old, new = bodies(amendment)
    pairs = {op.new_index: op.old_index for op in amendment.blocks
             if op.new_index is not None and op.old_index is not None}
    inline = {op.new_index: op.inline for op in amendment.blocks if op.new_index is not None}
    old_units, new_units = units(old), units(new, like=old)
    moves = frozenset(op.new_index for op in amendment.blocks
                      if op.kind is BlockOpKind.MOVE and op.new_index is not None)
    texts = Texts(old, new, old_units, new_units, moves)
    result: list[Instruction] = []
    previous = (0, 0)
    done = 0  # the old units up to this one are said (`previous` may be before: an anchor)
    for old_position, new_position in match_units(old_units, new_units, pairs):
        result.extend(abrogations(texts, max(previous[0], done) + 1, old_position))
        done = old_position
        if new_position > previous[1] + 1:
            result.extend(insertion(texts, previous, (old_position, new_position)))
        if reform and _reformed(texts, old_position, new_position):
            result.append(_rewritten(texts, old_position, new_position))
            previous = (old_position, new_position)
            continue
        changes = heading_changes(texts, old_position, new_position, pairs, inline)
        if changes is None or not _compatible_outside(texts, old_position, new_position):
            result.extend(abrogations(texts, old_position, old_position + 1))
            result.extend(insertion(texts, previous, (old_position, new_position),
                                    new_position))
            previous = (previous[0], new_position)
            continue
        result.extend(changes)
        prelude = tuple(changes) if texts.old_units[old_position].opening else ()
        result.extend(_inside(texts, old_position, new_position, pairs, inline, prelude))
        previous = (old_position, new_position)
    result.extend(abrogations(texts, max(previous[0], done) + 1, len(old_units)))
    if previous[1] + 1 < len(new_units):
        result.extend(insertion(texts, previous, None))
    return tuple(result)


def _reformed(texts: Texts, old_position: int, new_position: int) -> bool:
    """An article of the same number whose heading starts or stops holding its first
    alinéa (« Article 4 : Le tarif … » becoming « Article 4 – Tarifs » and alinéas)."""
    old, new = texts.old_units[old_position], texts.new_units[new_position]
    return (old.kind == new.kind == "article" and old.opening != new.opening
            and old.key == new.key and old.heading is not None and new.heading is not None)


def _rewritten(texts: Texts, old_position: int, new_position: int) -> Instruction:
    """« L'article 4 est ainsi rédigé : « Article 4 – Tarifs » « Le tarif … » »."""
    new = texts.new_units[new_position]
    assert new.heading is not None
    return BlockChange(BlockChangeKind.REWRITE, base_of(texts.old_units[old_position],
                                                        texts.old_units),
                       tuple(block.text for block in texts.new[new.heading : new.end]))


def _compatible_outside(texts: Texts, old_position: int, new_position: int) -> bool:
    """Parts outside the units match parts outside the units (and units, units); an article
    that opens with its first alinéa matches only one that does."""
    old, new = texts.old_units[old_position], texts.new_units[new_position]
    if old.opening != new.opening:  # « Article 4 : Le … » become « Article 4 : Titre » and alinéas
        return False
    return bool(old.kind) == bool(new.kind) or old_position == new_position == 0


def _inside(texts: Texts, old_position: int, new_position: int, pairs: Mapping[int, int],
            inline: Mapping[int, Sequence[object]],
            prelude: tuple[Instruction, ...]) -> list[Instruction]:
    old_unit, new_unit = texts.old_units[old_position], texts.new_units[new_position]
    local = unit_pairs(texts.old_units, texts.new_units, pairs, old_position, new_position)
    old_body = texts.old[old_unit.start : old_unit.end]
    new_body = texts.new[new_unit.start : new_unit.end]
    heading = None if old_unit.heading is None else texts.old[old_unit.heading]
    if not prelude and [block.text for block in old_body] == [block.text for block in new_body]:
        return []
    after = None
    if old_unit.heading is None and len(texts.old_units) > 1:
        first = texts.old_units[1].heading
        after = None if first is None else texts.old[first]
    local_inline = {j: inline.get(new_unit.start + j, ()) if not (prelude and j == 0) else ()
                    for j in local}
    moves = frozenset(j for j in local if new_unit.start + j in texts.moves)
    pair = UnitPair(old_body, new_body, local, local_inline,
                    base_of(old_unit, texts.old_units), heading, after, moves, prelude=prelude)
    if not old_unit.kind and len(texts.old_units) > 1:
        blocks, offset = counted(texts.old, texts.old_units, old_position)
        pair = replace(pair, skeleton=skeleton(texts.old, texts.old_units), counted=blocks,
                       offset=offset)
    return plan_unit(pair)


def renumbered_last(instructions: Sequence[Instruction]) -> tuple[Instruction, ...]:
    """The order a drafter writes when articles are renumbered: what changes inside the
    articles first (numbered as before amendment), then the renumbering (« Les articles 2 et 3
    deviennent respectivement les articles 3 et 4 »), then the articles inserted in the places
    it frees (« Après l'article 1er, il est inséré un article 2 … »)."""
    def inserts_articles(change: Instruction) -> bool:
        return isinstance(change, StructureChange) and change.kind is (
            StructureChangeKind.INSERT) and bool(change.names) and all(
                kind == "article" for kind, _ in change.names)

    if not any(renumbering(change) for change in instructions):
        return tuple(instructions)
    return (*(c for c in instructions if not renumbering(c) and not inserts_articles(c)),
            *(c for c in instructions if renumbering(c)),
            *(c for c in instructions if inserts_articles(c)))


def reused_last(instructions: Sequence[Instruction]) -> tuple[Instruction, ...]:
    """The abrogation of an article whose number a new article takes said first, so that
    what follows names the new one (« L'article L. 4 est abrogé. Avant l'article L. 2, il est
    inséré un article L. 4 … L'article L. 4 est complété par … »)."""
    def key(number: str | None) -> str:
        return article_key(number or "")

    inserted = {key(number) for change in instructions if isinstance(change, StructureChange)
                and change.kind is StructureChangeKind.INSERT
                for kind, number in change.names if kind == "article"}

    def reused(change: Instruction) -> bool:
        return (isinstance(change, StructureChange) and change.kind is (
            StructureChangeKind.ABROGATE) and change.through is None
            and change.where.article is not None and key(change.where.article) in inserted)

    return (*(c for c in instructions if reused(c)), *(c for c in instructions if not reused(c)))


def legistique_text(amendment: Amendment, old: Version) -> str:
    """The wording of an amendment, read back and applied to `old` to check it gives NEW (in
    a drafter's order, `renumbered_last`, or else in NEW's reading order; the deletions of one
    place in one sentence, or else where they were planned)."""
    _old, new = bodies(amendment)
    wanted = [b.text for b in new]
    for reform in (True, False):
        planned = instructions_for(amendment, reform)
        orders = dict.fromkeys((renumbered_last(planned), reused_last(planned), planned))
        for instructions, wide in ((order, wide) for wide in (True, False) for order in orders):
            text = wording(instructions, wide)
            try:
                result = apply_instructions(old, parse(text, "<generated wording>"))
            except AmendmentError:
                continue
            if [b.text for b in result.version.body] == wanted:
                return text
    raise AmendmentError(_("legistique: the wording, read back, does not give NEW exactly"))
