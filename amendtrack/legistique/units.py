"""The units of a text: its preamble, articles, annexes and divisions, and the blocks each holds.

`units` cuts a body into a preamble (the blocks before the first heading) and units, each a
heading and the blocks up to the next heading (`amendtrack.legistique.counting` decides which
block heads what): an article's alinéas never run into the next article, nor into a division
heading. A number that two headings share is not a unit: its blocks stay in the unit before, so
that every unit can be named. A version that carries its structure (issue 12's article and
annex blocks, `amendtrack.model.divisions`) is cut as the model says, and the blocks outside its
articles (the preamble, the vote and signatures, what lies between) are units without heading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from amendtrack.legistique.counting import (
    annex_label,
    article_number,
    could_head,
    division_of,
)
from amendtrack.legistique.labels import DIVISION_KINDS, article_key, division_key
from amendtrack.model import Block, BlockKind, find_divisions


@dataclass(frozen=True, slots=True)
class Unit:
    """The preamble, an article, an annex or a division heading, and the blocks it holds."""

    kind: str
    """« » for the preamble, « article », « annexe », or the kind of division."""
    number: str | None
    """The article's or division's number as its heading writes it; the annex's label."""
    heading: int | None
    """Index of the heading block in the body (None for the preamble)."""
    start: int
    """Index of the unit's first block after its heading."""
    end: int
    path: tuple[tuple[str, str], ...] = ()
    """For a division: the divisions it is in and itself, ``(kind, number)``, outermost first."""
    opening: bool = False
    """The heading is also the first alinéa (« Article 3 : Le tarif est fixé … »): `start` is
    the heading itself."""

    @property
    def key(self) -> str:
        """The number folded for comparison (articles and annexes), or the path (divisions)."""
        if self.kind == "article":
            return "article:" + article_key(self.number or "")
        if self.kind == "annexe":
            return "annexe:" + article_key(self.number or "")
        return "division:" + "/".join(f"{k}:{division_key(n)}" for k, n in self.path)


def _heading(block: Block, path: list[tuple[str, str]]) -> tuple[str, str] | None:
    if not could_head(block):
        return None
    number = article_number(block)
    if number is not None:
        return "article", number
    label = annex_label(block)
    if label is not None:
        return "annexe", label
    division = division_of(block)
    if division is None:
        return None
    rank = DIVISION_KINDS.index(division.kind)
    while path and DIVISION_KINDS.index(path[-1][0]) >= rank:
        path.pop()
    path.append((division.kind, division.number))
    return division.kind, division.number


_CACHE: dict[tuple[int, bool], tuple[tuple[Block, ...], tuple[Unit, ...]]] = {}


def units(body: tuple[Block, ...], like: tuple[Block, ...] | None = None) -> tuple[Unit, ...]:
    """The preamble and the units of a body, in order (the preamble may be empty); with
    `like` (OLD, for NEW's body), cut the way `like` is cut, so that an article block NEW
    gained in a text cut by its headings is an alinéa there, as the applier, which cuts OLD
    only, will see it."""
    modelled = _modelled(body if like is None else like)
    cached = _CACHE.get((id(body), modelled))
    if cached is not None and cached[0] is body:
        return cached[1]
    found = _from_structure(body) if modelled else _cut(body)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[(id(body), modelled)] = (body, found)
    return found


def _modelled(body: Sequence[Block]) -> bool:
    """Whether the body is cut as its structure says: it has article or annex blocks, and no
    paragraph that heads an article the structure missed (« Article L. 12 », which the
    import does not read as an article, beside « Article 2 »): such a mix is cut by its
    headings, as a text without structure, so that OLD and NEW are always cut alike."""
    return any(block.kind in (BlockKind.ARTICLE, BlockKind.ANNEX) for block in body) and not any(
        could_head(block) and article_number(block) is not None for block in body)


def _cut(body: Sequence[Block]) -> tuple[Unit, ...]:
    path: list[tuple[str, str]] = []
    heads: list[tuple[int, str, str, tuple[tuple[str, str], ...]]] = []
    for index, block in enumerate(body):
        found = _heading(block, path)
        if found is not None:
            kind, number = found
            heads.append((index, kind, number, tuple(path) if kind in DIVISION_KINDS else ()))
    heads = _unique(heads)
    starts = [index for index, *_ in heads]
    result = [Unit("", None, None, 0, starts[0] if starts else len(body))]
    for position, (index, kind, number, where) in enumerate(heads):
        end = starts[position + 1] if position + 1 < len(starts) else len(body)
        result.append(Unit(kind, number, index, index + 1, end, where))
    return tuple(result)


def _from_structure(body: tuple[Block, ...]) -> tuple[Unit, ...]:
    """The units of a version that carries its structure (`amendtrack.model.divisions`): its
    articles and annexes as the model says, and the blocks outside them (the preamble, the
    vote and signatures, what lies between) as units without heading."""
    divisions = find_divisions(body)
    numbers = [f"{d.kind}:{article_key(d.number or '')}" for d in divisions]
    found = [Unit("", None, None, 0, divisions[0].start if divisions else len(body))]
    for position, division in enumerate(divisions):
        kind = "article" if division.kind is BlockKind.ARTICLE else "annexe"
        if numbers.count(numbers[position]) > 1 or division.number is None:
            found.append(Unit("", None, None, division.start, division.end))  # no name
        else:
            found.append(Unit(kind, division.number or "", division.start,
                              division.first_alinea, division.end, opening=division.alinea))
        following = divisions[position + 1].start if position + 1 < len(divisions) else len(
            body)
        if following > division.end:
            found.append(Unit("", None, None, division.end, following))
    return tuple(_joined(found))


def _joined(found: list[Unit]) -> list[Unit]:
    """Parts outside the units that follow each other made one."""
    joined: list[Unit] = []
    for unit in found:
        if joined and not unit.kind and not joined[-1].kind and joined[-1].end == unit.start \
                and len(joined) > 1:
            joined[-1] = Unit("", None, None, joined[-1].start, unit.end)
        else:
            joined.append(unit)
    return joined


def _unique(
    heads: list[tuple[int, str, str, tuple[tuple[str, str], ...]]],
) -> list[tuple[int, str, str, tuple[tuple[str, str], ...]]]:
    """Headings whose key no other heading shares."""
    def key(head: tuple[int, str, str, tuple[tuple[str, str], ...]]) -> str:
        _, kind, number, where = head
        if kind in ("article", "annexe"):
            return f"{kind}:{article_key(number)}"
        return "division:" + "/".join(f"{k}:{division_key(n)}" for k, n in where)

    counts: dict[str, int] = {}
    for head in heads:
        counts[key(head)] = counts.get(key(head), 0) + 1
    return [head for head in heads if counts[key(head)] == 1]


def unit_of(all_units: Sequence[Unit], index: int) -> int:
    """The position in `all_units` of the unit holding block `index` (its heading included)."""
    low, high = 0, len(all_units) - 1
    while low < high:
        middle = (low + high + 1) // 2
        unit = all_units[middle]
        first = unit.heading if unit.heading is not None else unit.start
        if first <= index:
            low = middle
        else:
            high = middle - 1
    return low


__all__ = ["Unit", "unit_of", "units"]
