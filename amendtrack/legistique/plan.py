"""The instructions that turn one article (or annex, division, the preamble) of OLD into NEW's.

`plan_unit` walks the unit's blocks in NEW's reading order. Blocks the diff pairs and keeps in
order stay; a paired block out of order is moved (« Le cinquième alinéa est placé après le
deuxième alinéa »); a run of deleted blocks where a run of new ones stands is rewritten (« Le
troisième alinéa est ainsi rédigé », « … sont remplacés par deux alinéas ainsi rédigés »); other
new blocks are inserted after the block before them (or before the one after them); the other
old blocks are deleted. Every place is named as it stood before amendment.

Each instruction is applied at once to a working copy of the unit and checked: the blocks
placed so far must stand in NEW's order, before every block still to come. When an instruction
does not fit, the next way to say it is tried (« Avant … » for « Après … », a deletion and an
insertion for a move); when nothing fits, the whole unit is rewritten (`fallback`).
"""

from __future__ import annotations

from itertools import pairwise

from amendtrack.errors import AmendmentError
from amendtrack.legistique.counting import alineas, counted_as
from amendtrack.legistique.document import Entry
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    InstructionFailure,
    Unit,
)
from amendtrack.legistique.walk import UnitPair, Walk, stable_pairs, walk_for
from amendtrack.legistique.words import word_changes
from amendtrack.translation import _


def plan_unit(unit: UnitPair) -> list[Instruction]:
    """The instructions for one unit, checked (the unit rewritten whole when nothing else
    gives NEW's blocks)."""
    try:
        planned = _planned(unit)
    except InstructionFailure:
        planned = None
    return planned if planned is not None else fallback(unit)


def _planned(unit: UnitPair) -> list[Instruction] | None:
    walk = walk_for(unit)
    stable = stable_pairs(unit.pairs, unit.moves)
    walk.pending = [walk.part.original[unit.pairs[j]] for j in sorted(stable)]
    deleted = set(range(len(unit.old))) - set(unit.pairs.values())
    rewrites = _rewrites(unit, stable, deleted)
    index = 0
    while index < len(unit.new):
        if index in rewrites:
            index = _rewrite(walk, index, rewrites[index], deleted)
        elif index in unit.pairs:
            index = _paired(walk, index, index in stable, deleted)
        else:
            index = _insert(walk, index, set(rewrites))
        if index < 0:
            return None
    for old_index in sorted(deleted):
        delete = BlockChange(BlockChangeKind.DELETE, walk.address(old_index),
                             unit=counted_as(unit.old[old_index]))
        if walk.try_emit(delete, old_index - 0.25) is None:
            return None
    texts = [entry.block.text for entry in walk.part.alive_entries()]
    if texts != [block.text for block in unit.new]:
        return None
    return _ordered(walk.instructions)


def _ordered(emitted: list[tuple[float, Instruction]]) -> list[Instruction]:
    """NEW's reading order, with the deletions together where the first deleted block stood
    (deletions do not depend on the order: they leave every place where it was)."""
    def deletion(item: tuple[float, Instruction]) -> bool:
        return isinstance(item[1], BlockChange) and item[1].kind is BlockChangeKind.DELETE

    def unit_of(entry: tuple[float, Instruction]) -> Unit:
        return entry[1].unit if isinstance(entry[1], BlockChange) else Unit.ALINEA

    kept = [entry for entry in emitted if not deletion(entry)]
    first_of: dict[Unit, float] = {}
    for entry in sorted(entry for entry in emitted if deletion(entry)):
        first_of.setdefault(unit_of(entry), entry[0])

    def order(entry: tuple[float, Instruction]) -> tuple[bool, float, float]:
        # alinéas first, then visas, considérants, tirets in the order the text has them
        unit = unit_of(entry)
        return unit is not Unit.ALINEA, first_of[unit], entry[0]

    deletions = sorted((entry for entry in emitted if deletion(entry)), key=order)
    if not deletions:
        return [instruction for _, instruction in kept]
    # All of them together, where the first deleted block stood: one sentence says them.
    first = min(key for key, _ in deletions)
    at = next((n for n, (other, _) in enumerate(kept) if other > first), len(kept))
    kept[at:at] = deletions
    return [instruction for _, instruction in kept]


def _rewrites(unit: UnitPair, stable: set[int], deleted: set[int]) -> dict[int, list[int]]:
    """NEW index of a run of inserted blocks → the run of deleted OLD blocks it replaces
    (both runs of one kind, in the same gap between stable blocks)."""
    found: dict[int, list[int]] = {}
    anchors = sorted(stable)
    bounds = [(-1, -1), *((unit.pairs[j], j) for j in anchors), (len(unit.old), len(unit.new))]
    for (old_low, new_low), (old_high, new_high) in pairwise(bounds):
        olds = [i for i in range(old_low + 1, old_high) if i in deleted]
        news = [j for j in range(new_low + 1, new_high) if j not in unit.pairs]
        if not olds or not news:
            continue
        kind = counted_as(unit.old[olds[0]])
        run = [olds[0]]
        while (len(run) < len(olds) and olds[len(run)] == run[-1] + 1
               and counted_as(unit.old[olds[len(run)]]) is kind):
            run.append(olds[len(run)])
        if counted_as(unit.new[news[0]]) is kind:
            found[news[0]] = run
            deleted.difference_update(run)
    return found


def _run_of_new(unit: UnitPair, index: int, taken: set[int]) -> list[int]:
    kind = counted_as(unit.new[index])
    run = [index]
    while (run[-1] + 1 < len(unit.new) and run[-1] + 1 not in unit.pairs
           and run[-1] + 1 not in taken and counted_as(unit.new[run[-1] + 1]) is kind):
        run.append(run[-1] + 1)
    return run


def _rewrite(walk: Walk, index: int, olds: list[int], deleted: set[int]) -> int:
    unit = walk.unit
    news = _run_of_new(unit, index, set())
    unit_kind = counted_as(unit.old[olds[0]])
    where = walk.address(olds[0]) if len(olds) == 1 else walk.numbered(olds[0])
    change = BlockChange(BlockChangeKind.REWRITE, where,
                         tuple(unit.new[j].text for j in news), unit_kind, len(olds))
    first = walk.part.original[olds[0]]
    created = walk.try_emit(change, olds[0], [first])
    if created is None:
        # Not where NEW has them: the old blocks are deleted and the new ones inserted.
        deleted.update(olds)
        return _insert_texts(walk, index, news)
    walk.placed.extend([first, *created])
    return index + len(news)


def _paired(walk: Walk, index: int, stable: bool, deleted: set[int]) -> int:
    unit = walk.unit
    old_index = unit.pairs[index]
    entry = walk.part.original[old_index]
    if stable:
        walk.pending.remove(entry)
    elif not _move(walk, entry, old_index):
        # No way to say the move: the block is deleted where it was and inserted here.
        deleted.add(old_index)
        return _insert_texts(walk, index, [index])
    walk.placed.append(entry)
    if entry.block.text != unit.new[index].text:
        _modify(walk, entry, old_index, index)
    return index + 1


def _last_original(walk: Walk) -> Entry | None:
    last = walk.placed[-1] if walk.placed else None
    return last if last is not None and last.original else None


def _original_index(walk: Walk, entry: Entry) -> int:
    return walk.part.original.index(entry)


def _move(walk: Walk, entry: Entry, old_index: int) -> bool:
    where = walk.address(old_index)
    last = _last_original(walk)
    if last is not None:
        target = _original_index(walk, last)
        change = BlockChange(BlockChangeKind.MOVE_AFTER, where, destination=walk.address(target))
        if walk.try_emit(change, target + 0.5, [entry]) is not None:
            return True
    if walk.pending:
        target = _original_index(walk, walk.pending[0])
        change = BlockChange(BlockChangeKind.MOVE_BEFORE, where,
                             destination=walk.address(target))
        if walk.try_emit(change, target - 0.5, [entry]) is not None:
            return True
    return False


def _whole_ok(walk: Walk) -> bool:
    """A unit with one alinéa and no tiret is named whole (« À l'article 2, … »)."""
    base, old = walk.unit.base, walk.unit.old
    named = base.article is not None or base.annex is not None
    return named and len(old) == 1 and len(alineas(old)) == 1


def _modify(walk: Walk, entry: Entry, old_index: int, new_index: int) -> None:
    unit = walk.unit
    text = unit.new[new_index].text
    addresses = [walk.address(old_index)]
    if _whole_ok(walk):
        addresses.insert(0, unit.base)
    before = entry.block
    for where in addresses:
        changes = word_changes(entry.block, text, unit.inline.get(new_index, ()), where)
        if changes is None:
            break
        saved = len(walk.instructions)
        if all(walk.try_emit(change, old_index) is not None for change in changes):
            return
        del walk.instructions[saved:]  # forget them: they all edit `entry`
        entry.block = before
    rewrite = BlockChange(BlockChangeKind.REWRITE, addresses[-1], (text,),
                          counted_as(entry.block))
    if walk.try_emit(rewrite, old_index) is None:
        raise InstructionFailure(_("the alinéa cannot be rewritten"))


def _insert(walk: Walk, index: int, taken: set[int]) -> int:
    return _insert_texts(walk, index, _run_of_new(walk.unit, index, taken))


def _insert_texts(walk: Walk, index: int, run: list[int]) -> int:
    unit = walk.unit
    texts = tuple(unit.new[j].text for j in run)
    kind = counted_as(unit.new[run[0]])
    for key, change in _insertions(walk, texts, kind):
        created = walk.try_emit(change, key)
        if created is not None:
            walk.placed.extend(created)
            return run[-1] + 1
    return -1


def _insertions(walk: Walk, texts: tuple[str, ...],
                kind: Unit) -> list[tuple[float, Instruction]]:
    """The ways to say where new blocks go, the plainest first."""
    found: list[tuple[float, Instruction]] = []
    last = _last_original(walk)
    if last is not None:
        target = _original_index(walk, last)
        found.append((target + 0.5, BlockChange(BlockChangeKind.INSERT_AFTER,
                                                walk.address(target), texts, kind)))
    if walk.pending:
        target = _original_index(walk, walk.pending[0])
        found.append((target - 0.5, BlockChange(BlockChangeKind.INSERT_BEFORE,
                                                walk.address(target), texts, kind)))
    later = [e for e in walk.part.entries if e.original and e not in walk.placed]
    for entry in later[:3]:
        target = _original_index(walk, entry)
        found.append((target - 0.5, BlockChange(BlockChangeKind.INSERT_BEFORE,
                                                walk.address(target), texts, kind)))
    base = walk.unit.base
    named = base.names_unit
    if named or walk.unit.after is None:
        append = (float(len(walk.unit.old)), BlockChange(BlockChangeKind.APPEND, base, texts,
                                                         kind))
        # At the end of an article: « L'article 3 est complété par un alinéa … ».
        at_end = not walk.pending and not later
        found.insert(0, append) if named and at_end else found.append(append)
    elif walk.unit.after is not None:
        found.append((len(walk.unit.old), _before_next(walk.unit, texts)))
    return found


def _before_next(unit: UnitPair, texts: tuple[str, ...]) -> Instruction:
    """« Avant l'article 1er, sont insérés deux alinéas ainsi rédigés : » (the preamble)."""
    from amendtrack.legistique.units import units

    assert unit.after is not None
    heading_unit = units((unit.after,))[-1]
    where = _unit_address(heading_unit.kind, heading_unit.number, heading_unit.path)
    return BlockChange(BlockChangeKind.INSERT_BEFORE, where, texts)


def _unit_address(kind: str, number: str | None, path: tuple[tuple[str, str], ...]) -> Address:
    from amendtrack.legistique.labels import citation

    if kind == "article":
        return Address(article=citation(number or ""))
    if kind == "annexe":
        return Address(annex=number)
    return Address(division=path)


def fallback(unit: UnitPair) -> list[Instruction]:
    """The unit rewritten whole (« L'article 3 est ainsi rédigé : … »), or, for the preamble,
    its alinéas deleted and the new ones inserted."""
    base = unit.base
    texts = tuple(block.text for block in unit.new)
    walk = walk_for(unit)
    if base.names_unit and texts:
        if base.article is not None:
            from amendtrack.legistique.headings import article_opening

            texts = (article_opening(base.article, texts[0]), *texts[1:])
        change = BlockChange(BlockChangeKind.REWRITE, base, texts)
        if walk.try_emit(change, 0) is not None:
            return [change]
        raise AmendmentError(_("legistique: an article could not be rewritten whole"))
    if unit.after is None and texts:
        return [BlockChange(BlockChangeKind.REWRITE, base, texts)]  # « Le texte est ainsi rédigé »
    order = sorted(range(len(unit.old)), key=lambda i: (counted_as(unit.old[i]).value, i))
    result: list[Instruction] = [
        BlockChange(BlockChangeKind.DELETE, walk.address(i),
                    unit=counted_as(unit.old[i])) for i in order]
    if texts:
        result.append(_before_next(unit, texts) if unit.after is not None else BlockChange(
            BlockChangeKind.APPEND, base, texts))
    return result
