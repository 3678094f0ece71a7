"""The text as instructions amend it: every block remembers where it stood before amendment.

An instruction counts articles, alinéas and tirets in the text before amendment (see
`amendtrack.legistique.instructions`), so the applier keeps, for every unit (article, annex,
division, the preamble), its blocks in their original order (`Part.original`) beside the
blocks as they now stand (`Part.entries`). A deleted block stays in `entries`, not alive, so
that « après le deuxième alinéa » still has a place when the second alinéa is gone; a block an
instruction inserted has no origin and is never counted. Units are found by their number
before amendment, then by the numbers instructions gave them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from amendtrack.legistique.instructions import Address, InstructionFailure, Path
from amendtrack.legistique.labels import DIVISION_KINDS, article_key, division_key, division_name
from amendtrack.legistique.units import units
from amendtrack.model import Block, BlockKind
from amendtrack.translation import _


@dataclass(slots=True, eq=False)
class Entry:
    """A block of the text, as it now stands."""

    block: Block
    original: bool
    """False for a block an instruction inserted."""
    alive: bool = True


@dataclass(slots=True, eq=False)
class Part:
    """A unit of the text: the preamble, an article, an annex or a division heading."""

    kind: str
    number: str | None
    heading: Entry | None
    original: list[Entry]
    """The unit's blocks after its heading, in the order they had before amendment."""
    entries: list[Entry]
    """The same blocks and the inserted ones, in their order now; deleted ones not alive."""
    path: Path = ()
    alive: bool = True
    inserted: bool = False
    original_heading: Block | None = None
    """The heading as it stood before amendment."""
    opening: bool = False
    """The heading is also the first alinéa (« Article 3 : Le tarif … »): it is `entries[0]`."""
    _blocks: tuple[Block, ...] | None = field(default=None, repr=False)

    def original_blocks(self) -> tuple[Block, ...]:
        """The unit's blocks as they stood before amendment (what addresses count)."""
        if self._blocks is None:
            self._blocks = tuple(entry.block for entry in self.original)
        return self._blocks

    def alive_entries(self) -> list[Entry]:
        """The unit's blocks now."""
        return [entry for entry in self.entries if entry.alive]

    @property
    def rank(self) -> int:
        """A division's rank (0 for a partie); articles, annexes and the preamble rank below."""
        return DIVISION_KINDS.index(self.kind) if self.kind in DIVISION_KINDS else 99


def _key(kind: str, number: str) -> str:
    return f"{kind}:{article_key(number)}"


class Document:
    """The body being amended, cut into units."""

    def __init__(self, body: tuple[Block, ...]) -> None:
        self.parts: list[Part] = []
        self._numbers: dict[str, Part] = {}
        self._given: dict[str, Part] = {}
        self._ids = {block.id for block in body}
        self._next: dict[str, int] = {}
        self._owners: dict[int, Part] = {}
        for unit in units(body):
            entries = [Entry(block, True) for block in body[unit.start : unit.end]]
            heading = None if unit.heading is None else (
                entries[0] if unit.opening else Entry(body[unit.heading], True))
            part = Part(unit.kind, unit.number, heading, entries, list(entries), unit.path,
                        original_heading=None if heading is None else heading.block,
                        opening=unit.opening)
            part.original_blocks()  # counting reads the blocks as they stand now, before any edit
            self.parts.append(part)
            self._owners.update((id(entry), part) for entry in entries)
            if unit.kind in ("article", "annexe") and unit.number is not None:
                self._numbers[_key(unit.kind, unit.number)] = part
        self.has_articles = any(part.kind == "article" for part in self.parts)
        self.structured = len(self.parts) > 1
        self.outside = [part for part in self.parts if not part.kind]
        """The parts outside articles, annexes and divisions (the preamble first): what an
        address that names none of them counts in, as one run."""
        self._outside_blocks = tuple(entry.block for entry in self.outside_entries())

    def blocks(self) -> tuple[Block, ...]:
        """The amended body."""
        result: list[Block] = []
        for part in self.parts:
            if not part.alive:
                continue
            if part.heading is not None and part.heading.alive and not part.opening:
                result.append(part.heading.block)
            result.extend(entry.block for entry in part.entries if entry.alive)
        return tuple(result)

    def fresh_id(self, prefix: str) -> str:
        """A block id no block of the document has."""
        number = self._next.get(prefix, 1)
        while f"{prefix}{number}" in self._ids:
            number += 1
        self._next[prefix] = number + 1
        self._ids.add(f"{prefix}{number}")
        return f"{prefix}{number}"

    def owner(self, entry: Entry) -> Part:
        """The part a block of the text before amendment belongs to."""
        return self._owners[id(entry)]

    def outside_entries(self) -> list[Entry]:
        """The blocks outside articles, annexes and divisions, before amendment, in order."""
        return [entry for part in self.outside for entry in part.original]

    def outside_blocks(self) -> tuple[Block, ...]:
        """`outside_entries`' blocks as they stood before amendment."""
        return self._outside_blocks

    def give(self, part: Part, kind: str, number: str) -> None:
        """Let later instructions find `part` by a number an instruction gave it."""
        self._given.setdefault(_key(kind, number), part)

    # --- finding units ------------------------------------------------------------------------

    def article(self, number: str, kind: str = "article", anchor: bool = False) -> Part:
        """The article (or annex) numbered `number` before amendment, else by a given number
        (also when the one numbered so before amendment was abrogated and a new article took
        its number, unless the article is the `anchor` of an insertion: its place is OLD's)."""
        key = _key(kind, number)
        part, given = self._numbers.get(key), self._given.get(key)
        if given is not None and (part is None or (
                not anchor and not part.alive and given.alive)):
            part = given
        if part is None:
            raise InstructionFailure(
                (_("article {number} not found: the text has no such article") if kind == "article"
                 else _("annex {number} not found: the text has no such annex")).format(
                    number=number))
        return part

    def division(self, path: Path) -> Part:
        """The division a path names: its last division, with every outer one given that the
        document has (a kind the document never uses is not required)."""
        if not path:
            return self.parts[0]
        kinds = {kind for part in self.parts for kind, _ in part.path}
        wanted = [(kind, division_key(number)) for kind, number in path if kind in kinds]
        kind = path[-1][0]
        found = [part for part in self.parts
                 if part.kind == kind and part.path and _matches(part.path, wanted)]
        if len(found) > 1 and any(part.inserted for part in found):
            # Numbered before amendment: the text's own division first.
            found = [part for part in found if not part.inserted] or found
        if len(found) != 1:
            name = division_name(path)
            raise InstructionFailure(
                _("{division} not found").format(division=name) if not found
                else _("{division} is ambiguous: {count} divisions").format(division=name,
                                                                            count=len(found)))
        return found[0]

    def part_for(self, address: Address, notes: list[str], anchor: bool = False) -> Part:
        """The unit an address counts in: the article, annex or division it names; else the
        text before the first of them (or the only article, in a text of one article).
        `anchor`: the unit an insertion is placed by (`article`)."""
        if address.annex is not None:
            return self.article(address.annex, "annexe", anchor)
        if address.article is not None:
            if not self.has_articles and not self.structured:
                notes.append(_("the text has no article headings: article {number} is the "
                               "whole text").format(number=address.article))
                return self.parts[0]
            return self.article(address.article, anchor=anchor)
        if address.division:
            return self.division(address.division)
        if not self.parts[0].original and len(self.parts) == 2:
            return self.parts[1]  # a text of one article: what names no article is in it
        return self.parts[0]

    def extent(self, part: Part) -> list[Part]:
        """A division and the units in it (up to the next division of the same rank or
        above), in their order now."""
        start = self.parts.index(part)
        found = [part]
        for other in self.parts[start + 1 :]:
            if other.rank <= part.rank:
                break
            found.append(other)
        return found

    def last_alive(self) -> Part:
        """The last unit still in the text (the preamble if nothing else is)."""
        return next((part for part in reversed(self.parts) if part.alive), self.parts[0])


def _matches(path: Path, wanted: list[tuple[str, str]]) -> bool:
    have = {kind: division_key(number) for kind, number in path}
    return all(have.get(kind) == number for kind, number in wanted)


def item(entry: Entry) -> bool:
    """Whether an entry is a list item (a tiret)."""
    return entry.block.kind is BlockKind.ITEM


__all__ = ["Document", "Entry", "Part", "item"]
