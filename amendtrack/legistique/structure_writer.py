"""Writing the instructions over whole articles, annexes and divisions.

`abrogations` words the units of OLD that NEW lost: a division with everything in it (« Le
chapitre II du titre Ier est abrogé »), or only its heading (« L'intitulé du chapitre II est
supprimé »), runs of articles (« Les articles L. 12 à L. 15 sont abrogés »), single ones.
`insertion` words a run of new units: « Après l'article L. 12, il est inséré un article L. 12-1
ainsi rédigé : « Art. L. 12-1. - … » » (the heading written back from « Art. L. 12-1. - »
when the document's style gives it exactly, else quoted as it reads), « Au début du chapitre II
… », « Avant l'article 1er … », « Le texte est complété par … ». `heading_changes` words what
changed in the heading of a unit that stays: « L'article 4 devient l'article 5 », « Dans
l'intitulé du chapitre II, le mot … », « L'intitulé du chapitre II est ainsi rédigé : ».
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from amendtrack.legistique.applier import apply_instruction
from amendtrack.legistique.counting import (
    annex_label,
    article_number,
    division_of,
)
from amendtrack.legistique.document import Document
from amendtrack.legistique.headings import (
    article_heading,
    article_opening,
    quoted_article,
    renumbered_article,
    renumbered_division,
    retitled,
    title_span,
)
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    InstructionFailure,
    Path,
    Side,
    StructureChange,
    StructureChangeKind,
)
from amendtrack.legistique.labels import DIVISION_KINDS, article_key, citation, division_key
from amendtrack.legistique.outside import gained, lost
from amendtrack.legistique.units import Unit
from amendtrack.legistique.words import word_changes
from amendtrack.model import Block, BlockKind, plain

_RANK_OF_ARTICLE = 99


@dataclass(frozen=True, slots=True)
class Texts:
    """OLD's and NEW's bodies and their units."""

    old: tuple[Block, ...]
    new: tuple[Block, ...]
    old_units: tuple[Unit, ...]
    new_units: tuple[Unit, ...]
    moves: frozenset[int] = frozenset()
    """NEW indices of the blocks the diff calls moved."""


def _rank(unit: Unit) -> int:
    return DIVISION_KINDS.index(unit.kind) if unit.kind in DIVISION_KINDS else _RANK_OF_ARTICLE


def _matches(path: Path, wanted: Path) -> bool:
    have = {kind: division_key(number) for kind, number in path}
    return all(have.get(kind) == division_key(number) for kind, number in wanted)


def unique_path(unit: Unit, all_units: Sequence[Unit]) -> Path:
    """The shortest end of a division's path that names it alone (« le chapitre II du titre
    Ier », not the whole « … du livre Ier de la partie législative » when that is enough)."""
    divisions = [other for other in all_units if other.kind == unit.kind and other.path]
    for length in range(1, len(unit.path) + 1):
        wanted = unit.path[-length:]
        if sum(1 for other in divisions if _matches(other.path, wanted)) == 1:
            return wanted
    return unit.path


def base_of(unit: Unit, all_units: Sequence[Unit]) -> Address:
    """How instructions name a unit of OLD."""
    if unit.kind == "article":
        return Address(article=citation(unit.number or ""))
    if unit.kind == "annexe":
        return Address(annex=unit.number)
    if unit.kind:
        return Address(division=unique_path(unit, all_units))
    return Address()


# --- abrogations -------------------------------------------------------------------------------

def abrogations(texts: Texts, start: int, stop: int) -> list[Instruction]:
    """The units ``old_units[start:stop]`` (none of them in NEW), abrogated."""
    found: list[Instruction] = []
    position = start
    while position < stop:
        unit = texts.old_units[position]
        base = base_of(unit, texts.old_units)
        if not unit.kind:
            found.extend(lost(texts.old, texts.old_units, position))
            position += 1
            continue
        if unit.kind in DIVISION_KINDS:
            extent = position + 1
            while extent < len(texts.old_units) and _rank(texts.old_units[extent]) > _rank(unit):
                extent += 1
            whole = extent <= stop
            found.append(StructureChange(StructureChangeKind.ABROGATE, base,
                                         heading_only=not whole))
            position = extent if whole else position + 1
            continue
        run = position
        while run + 1 < stop and texts.old_units[run + 1].kind == "article" == unit.kind:
            run += 1
        if run - position >= 2:
            last = citation(texts.old_units[run].number or "")
            found.append(StructureChange(StructureChangeKind.ABROGATE, base, through=last))
            position = run + 1
            continue
        found.append(StructureChange(StructureChangeKind.ABROGATE, base))
        position += 1
    return found


# --- insertions --------------------------------------------------------------------------------

def _like(texts: Texts, old_position: int) -> Block | None:
    """The heading of the article nearest `old_position` in OLD (before it, else after)."""
    units = texts.old_units
    order = [*range(old_position, 0, -1), *range(old_position + 1, len(units))]
    for position in order:
        if 0 < position < len(units) and units[position].kind == "article":
            heading = units[position].heading
            return None if heading is None else texts.old[heading]
    return None


def _heading_like(text: str) -> bool:
    probe = Block("probe", BlockKind.HEADING, plain(text))
    return bool(article_number(probe) or annex_label(probe) is not None or division_of(probe)
                or quoted_article(text))


def _quoted_unit(texts: Texts, unit: Unit, like: Block | None) -> list[str] | None:
    """The quoted alinéas of a new unit; None when one of its alinéas would read as a
    heading."""
    assert unit.heading is not None
    heading = texts.new[unit.heading]
    body = texts.new[unit.heading + 1 : unit.end]
    if any(_heading_like(block.text) for block in body):
        return None
    if unit.kind == "article" and body and body[0].kind is not BlockKind.ITEM:
        number = citation(unit.number or "")
        if article_heading(number, like, "probe").text == heading.text:
            return [article_opening(number, body[0].text), *(b.text for b in body[1:])]
    return [heading.text, *(block.text for block in body)]


def _anchor(texts: Texts, previous: tuple[int, int], following: tuple[int, int] | None,
            first: Unit) -> tuple[Address, Side, int]:
    """Where new units go: ``(place, side, OLD unit whose neighbour article styles them)``."""
    units = texts.old_units
    before = units[previous[0]]
    if before.kind in ("article", "annexe"):
        return base_of(before, units), Side.AFTER, previous[0]
    if before.kind in DIVISION_KINDS and (_rank(first) > _rank(before) or following is None):
        return base_of(before, units), Side.START, previous[0]
    if following is not None:
        return base_of(units[following[0]], units), Side.BEFORE, following[0] - 1
    return Address(), Side.END, len(units) - 1


def _names(run: Sequence[Unit]) -> Path:
    """The units a sentence announces: those not inside a division inserted with them."""
    names: list[tuple[str, str]] = []
    ranks: list[int] = []
    for unit in run:
        if not ranks or _rank(unit) <= min(ranks):
            number = citation(unit.number or "") if unit.kind == "article" else (
                unit.number or "")
            names.append((unit.kind, number))
        if unit.kind in DIVISION_KINDS:
            ranks.append(_rank(unit))
    return tuple(names)


def insertion(texts: Texts, previous: tuple[int, int], following: tuple[int, int] | None,
              only: int | None = None) -> list[Instruction]:
    """The new units between two matched ones (or the one at `only`), inserted."""
    stop = following[1] if following is not None else len(texts.new_units)
    positions = [only] if only is not None else list(range(previous[1] + 1, stop))
    runs: list[list[Unit]] = [[]]
    for position in positions:
        unit = texts.new_units[position]
        runs.append([unit]) if not unit.kind else runs[-1].append(unit)
        if not unit.kind:
            runs.append([])
    found: list[Instruction] = []
    before = texts.old_units[previous[0]]
    old_keys = {unit.key for unit in texts.old_units if unit.kind}
    for run in (run for run in runs if run):
        if not run[0].kind:
            found.append(_gained(texts, run[0], before, following, old_keys))
            continue
        found.extend(_units_inserted(texts, previous, following, run, found, before))
        before = run[-1]
    return found


def _gained(texts: Texts, unit: Unit, before: Unit, following: tuple[int, int] | None,
            old_keys: set[str]) -> Instruction:
    """A part outside the units NEW gained: at the end of the text, or after the unit before
    it, unless that one is new and OLD has one of its number (« Après l'article 2 » would name
    OLD's), then before the unit after it."""
    if unit is texts.new_units[-1]:
        return gained(texts.new, unit, None)
    new_one = not any(before is unit for unit in texts.old_units)
    if new_one and before.key in old_keys and following is not None:
        return gained(texts.new, unit, texts.old_units[following[0]], before=True)
    return gained(texts.new, unit, before)


def _units_inserted(texts: Texts, previous: tuple[int, int], following: tuple[int, int] | None,
                    run: list[Unit], done: list[Instruction], before: Unit) -> list[Instruction]:
    """A run of new articles and divisions: after the unit before them (or, first of all,
    where `_anchor` says)."""
    where, side, styled = _anchor(texts, previous, following, run[0])
    if done:  # after a part outside the units inserted just before: after the unit before it
        where, side = Address(article=citation(before.number or "")), Side.AFTER
    like = _like(texts, styled)
    quoted: list[str] = []
    later: list[Instruction] = []
    for unit in run:
        lines = _quoted_unit(texts, unit, like)
        if lines is None:
            lines = [texts.new[unit.heading or 0].text]
            later.append(_completed(texts, unit))
        quoted.extend(lines)
    change = StructureChange(StructureChangeKind.INSERT, where, side, tuple(quoted), _names(run))
    return [change, *later]


def _completed(texts: Texts, unit: Unit) -> Instruction:
    """« L'article L. 12-1 est complété par deux alinéas ainsi rédigés : » for the alinéas of
    a new unit that could not be quoted with its heading."""
    address = Address(article=citation(unit.number or "")) if unit.kind == "article" else (
        Address(annex=unit.number) if unit.kind == "annexe" else Address(division=unit.path))
    body = tuple(block.text for block in texts.new[unit.start : unit.end])
    return BlockChange(BlockChangeKind.APPEND, address, body)


# --- headings ---------------------------------------------------------------------------------

def heading_changes(texts: Texts, old_position: int, new_position: int,
                    pairs: Mapping[int, int], inline: Mapping[int, object]
                    ) -> list[Instruction] | None:
    """What changed in the heading of a unit that stays; None when it cannot be said (the
    unit is then abrogated and inserted anew)."""
    old_unit, new_unit = texts.old_units[old_position], texts.new_units[new_position]
    if old_unit.heading is None or new_unit.heading is None:
        return []
    old, new = texts.old[old_unit.heading], texts.new[new_unit.heading]
    if old.text == new.text:
        return []
    base = base_of(old_unit, texts.old_units)
    found: list[Instruction] = []
    current = old
    if old_unit.kind == "annexe":
        if article_key(old_unit.number or "") != article_key(new_unit.number or ""):
            return None
    elif _renumbered(old_unit, new_unit):
        kind, number = _new_number(new_unit)
        current = (renumbered_article(old, number) if old_unit.kind == "article" else
                   renumbered_division(old, number, None))
        found.append(StructureChange(StructureChangeKind.RENUMBER, base,
                                     names=((kind, number),)))
    if old_unit.opening:
        # Its heading is its first alinéa: what else changes there is said with the alinéa.
        return found if article_number(current) == article_number(new) or not found else None
    if current.text != new.text:
        retitle = _retitled(current, new, Address(article=base.article, annex=base.annex,
                                                  division=base.division, heading=True))
        if retitle is None:
            return None
        found.extend(retitle)
    return found if _gives(old, new, found) else None


def _renumbered(old: Unit, new: Unit) -> bool:
    if old.kind == "article":
        return article_key(old.number or "") != article_key(new.number or "")
    return division_key(old.number or "") != division_key(new.number or "")


def _new_number(unit: Unit) -> tuple[str, str]:
    if unit.kind == "article":
        return "article", citation(unit.number or "")
    return unit.kind, unit.number or ""


def _retitled(current: Block, new: Block, where: Address) -> list[Instruction] | None:
    changes = word_changes(current, new.text, (), where)
    if changes is not None:
        return list(changes)
    span = title_span(new.text)
    if span is None:
        return None
    title = new.text[span[0] : span[1]]
    rewritten = retitled(current, title)
    if rewritten is None or rewritten.text != new.text:
        return None
    return [BlockChange(BlockChangeKind.REWRITE, where, (title,))]


def _gives(old: Block, new: Block, changes: list[Instruction]) -> bool:
    """Whether the heading changes, applied to the heading alone, give NEW's heading."""
    document = Document((old,))
    try:
        for change in changes:
            apply_instruction(document, change, [])
    except InstructionFailure:
        return False
    heading = document.parts[-1].heading
    return heading is not None and heading.block.text == new.text
