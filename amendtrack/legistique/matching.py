"""Which article (annex, division) of NEW each one of OLD became.

Two units match when the diff pairs their headings (« Article 4 » and « Article 5 »: the article
was renumbered) or, among those left, when they have the same number; matches that would cross
others are dropped (that article is abrogated and a new one inserted). The preambles (the text
before the first heading) always match. `unit_pairs` also gives, for a match, the pairs of
blocks the diff made inside the two units: a block paired with a block of another unit is
deleted in one and inserted in the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from amendtrack.diffing.alignment import longest_increasing
from amendtrack.legistique.units import Unit, unit_of


def _compatible(old: Unit, new: Unit) -> bool:
    return old.kind == new.kind and old.kind != ""


def match_units(old_units: Sequence[Unit], new_units: Sequence[Unit],
                pairs: Mapping[int, int]) -> list[tuple[int, int]]:
    """Matched ``(old unit position, new unit position)``, in order, the preambles first."""
    by_heading = {unit.heading: position for position, unit in enumerate(new_units)
                  if unit.heading is not None}
    reverse = {old_index: new_index for new_index, old_index in pairs.items()}
    matched: dict[int, int] = {0: 0}
    for position, unit in enumerate(old_units):
        if unit.heading is None or unit.heading not in reverse:
            continue
        other = by_heading.get(reverse[unit.heading])
        if other is not None and _compatible(unit, new_units[other]):
            matched[position] = other
    taken = set(matched.values())
    free = {new_units[p].key: p for p in range(1, len(new_units))
            if p not in taken and new_units[p].kind}
    for position in range(1, len(old_units)):
        if position in matched or not old_units[position].kind:
            continue
        other = free.get(old_units[position].key)
        if other is not None and other not in taken:
            matched[position] = other
            taken.add(other)
    chain = longest_increasing(sorted(matched.items()))
    return longest_increasing(sorted(_outside(old_units, new_units, dict(chain))))


def _outside(old_units: Sequence[Unit], new_units: Sequence[Unit],
             matched: dict[int, int]) -> list[tuple[int, int]]:
    """The matches, with each part of the text outside the units (the vote and signatures
    after the articles …) matched to the one that follows the same unit in NEW, or, when both
    texts have as many such parts, to the one in the same rank."""
    found = dict(matched)
    taken = set(matched.values())
    olds = [p for p in range(1, len(old_units)) if not old_units[p].kind]
    news = [p for p in range(1, len(new_units)) if not new_units[p].kind]
    if len(olds) == len(news):
        found.update(zip(olds, news, strict=True))
        return list(found.items())
    for position in range(1, len(old_units)):
        if old_units[position].kind or position - 1 not in matched:
            continue
        other = matched[position - 1] + 1
        if other < len(new_units) and not new_units[other].kind and other not in taken:
            found[position] = other
            taken.add(other)
    return list(found.items())


def unit_pairs(old_units: Sequence[Unit], new_units: Sequence[Unit], pairs: Mapping[int, int],
               old_position: int, new_position: int) -> dict[int, int]:
    """The diff's pairs inside two matched units, as indices into their bodies."""
    old, new = old_units[old_position], new_units[new_position]
    found: dict[int, int] = {}
    for new_index in range(new.start, new.end):
        old_index = pairs.get(new_index)
        if old_index is not None and old.start <= old_index < old.end:
            found[new_index - new.start] = old_index - old.start
    return found


__all__ = ["match_units", "unit_of", "unit_pairs"]
