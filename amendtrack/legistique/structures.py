"""Applying the instructions over whole articles and divisions (`StructureChange`).

Inserted articles and divisions come as quoted alinéas: « Art. L. 12-1. - Le … » opens an
article (its heading is written like the document's others, see
`amendtrack.legistique.headings`), a line that is itself a heading (« Article L12-1 »,
« Chapitre V bis : La retenue », « Chapitre V bis ») opens that article or division, and the
lines after it are its alinéas. The sentence announces what it inserts (« un article L. 12-1 »,
« un chapitre V bis »): the quotation must hold it.
"""

from __future__ import annotations

from typing import assert_never

from amendtrack.french.deliberations import reread
from amendtrack.legistique.counting import annex_label, article_number, division_of
from amendtrack.legistique.document import Document, Entry, Part
from amendtrack.legistique.headings import (
    article_heading,
    division_heading,
    quoted_article,
    renumbered_article,
    renumbered_division,
)
from amendtrack.legistique.instructions import (
    Address,
    InstructionFailure,
    Path,
    Side,
    StructureChange,
    StructureChangeKind,
)
from amendtrack.legistique.labels import DIVISION_KINDS, article_key, division_key
from amendtrack.model import Block, BlockKind, plain
from amendtrack.translation import _


def apply_structure(document: Document, change: StructureChange, notes: list[str]) -> None:
    """One instruction over whole articles or divisions."""
    match change.kind:
        case StructureChangeKind.ABROGATE:
            if change.heading_only:
                part = document.part_for(change.where, notes)
                if part.heading is None:
                    raise InstructionFailure(_("that part of the text has no heading"))
                part.heading.alive = False
            else:
                abrogate(document, change.where, change.through, notes)
        case StructureChangeKind.INSERT:
            _insert(document, change, notes)
        case StructureChangeKind.RENUMBER:
            _renumber(document, change, notes)
        case StructureChangeKind.CREATE:
            _create(document, change, notes)
        case _ as unreachable:
            assert_never(unreachable)


def abrogate(document: Document, where: Address, through: str | None, notes: list[str]) -> None:
    """« L'article 3 est abrogé » (its heading goes too), « Les articles 3 à 5 sont abrogés »,
    « Le chapitre II est abrogé » (with everything in it)."""
    part = document.part_for(where, notes)
    if part is document.parts[0] and where.article is not None:
        for entry in part.entries:
            entry.alive = False  # a text without headings is the article itself
        return
    if not part.alive:
        raise InstructionFailure(_("that article was already abrogated by an earlier "
                                   "instruction"))
    if through is not None:
        last = document.article(through)
        start, end = document.parts.index(part), document.parts.index(last)
        if end < start:
            raise InstructionFailure(_("article {last} comes before article {first}").format(
                last=through, first=where.article))
        doomed = [p for p in document.parts[start : end + 1] if p.kind == "article"]
    elif part.kind in DIVISION_KINDS:
        doomed = document.extent(part)
    else:
        doomed = [part]
    for other in doomed:
        other.alive = False


def _anchor_position(document: Document, change: StructureChange, notes: list[str]) -> int:
    """Where in `document.parts` the inserted units go."""
    where, side = change.where, change.side
    if side is Side.END and not where.names_unit:
        return len(document.parts)
    part = document.part_for(where, notes, anchor=True)
    parts = document.parts
    if side is Side.BEFORE:
        return parts.index(part)
    if side is Side.START:
        return parts.index(part) + 1
    last = document.extent(part)[-1] if part.kind in DIVISION_KINDS else part
    position = parts.index(last) + 1
    while side is Side.AFTER and position < len(parts) and parts[position].inserted:
        position += 1
    return position


def _insert(document: Document, change: StructureChange, notes: list[str]) -> None:
    at = _anchor_position(document, change, notes)
    new = _parts(document, change.texts, at)
    _check_names(change.names, new)
    document.parts[at:at] = new
    _place_paths(document, at, len(new))
    for part in new:
        if part.kind in ("article", "annexe") and part.number is not None:
            document.give(part, part.kind, part.number)


def _like(document: Document, at: int, kind: str) -> Block | None:
    """The heading, before amendment, of the nearest unit of that kind that the text had
    before amendment (before `at`, else after it), to write a new heading like it."""
    parts = document.parts
    order = [*range(at - 1, -1, -1), *range(at, len(parts))]
    for position in order:
        part = parts[position]
        if part.kind == kind and part.heading is not None and not part.inserted:
            heading: Block | None = part.original_heading
            return heading
    return None


def _parts(document: Document, texts: tuple[str, ...], at: int) -> list[Part]:
    """The units the quoted alinéas of an insertion hold."""
    made: list[Part] = []
    for text in texts:
        head = _opening(document, text, at)
        if head is not None:
            heading, kind, number, first = head
            made.append(Part(kind, number, Entry(heading, False), [], [], inserted=True))
            if first is None:
                continue
            text = first
        if not made:
            raise InstructionFailure(_("the quotation does not open with an article or a "
                                       "division"))
        block = Block(document.fresh_id("inserted-"), BlockKind.PARAGRAPH, plain(text))
        made[-1].entries.append(Entry(block, False))
    return made


def _opening(document: Document, text: str, at: int) -> tuple[Block, str, str, str | None] | None:
    """The heading a quoted alinéa opens with: ``(heading, kind, number, rest)``."""
    probe = Block("probe", BlockKind.HEADING, plain(text))
    opening = quoted_article(text)
    if opening is not None:
        number, rest = opening
        heading = article_heading(number, _like(document, at, "article"),
                                  document.fresh_id("inserted-"))
        return heading, "article", number, rest or None
    heading_number = article_number(probe)
    if heading_number is not None:
        heading = _styled(document, Block(document.fresh_id("inserted-"), BlockKind.PARAGRAPH,
                                          plain(text)), at, "article")
        # The number the text's own structure reads in it, if it has one.
        return heading, "article", article_number(heading) or heading_number, None
    label = annex_label(probe)
    division = division_of(probe)
    if label is None and division is None:
        return None
    kind = "annexe" if label is not None else division.kind if division else ""
    heading = Block(document.fresh_id("inserted-"), BlockKind.PARAGRAPH, plain(text))
    number_of = label if label is not None else division.number if division else ""
    return _styled(document, heading, at, kind), kind, number_of, None


def _styled(document: Document, heading: Block, at: int, kind: str) -> Block:
    """A heading quoted as it reads, with the block kind and level of its neighbours'."""
    like = _like(document, at, kind)
    if like is None:
        return heading
    return reread(Block(heading.id, like.kind, heading.content, level=like.level,
                        alinea=like.alinea))


def _check_names(names: Path, made: list[Part]) -> None:
    have = {(part.kind, _fold(part.kind, part.number or "")) for part in made}
    for kind, number in names:
        if (kind, _fold(kind, number)) not in have:
            raise InstructionFailure(_("the quotation holds no {division} {number}").format(
                division=kind, number=number))


def _fold(kind: str, number: str) -> str:
    return division_key(number) if kind in DIVISION_KINDS else article_key(number)


def _place_paths(document: Document, start: int, count: int) -> None:
    """Give inserted divisions their path: the divisions before them, and themselves."""
    path: list[tuple[str, str]] = []
    for part in document.parts[:start]:
        if part.kind in DIVISION_KINDS and part.path:
            path = list(part.path)
    for part in document.parts[start : start + count]:
        if part.kind in DIVISION_KINDS:
            rank = DIVISION_KINDS.index(part.kind)
            while path and DIVISION_KINDS.index(path[-1][0]) >= rank:
                path.pop()
            path.append((part.kind, part.number or ""))
            part.path = tuple(path)


def _renumber(document: Document, change: StructureChange, notes: list[str]) -> None:
    part = document.part_for(change.where, notes)
    if part.heading is None or not change.names:
        raise InstructionFailure(_("only an article or a division can be renumbered"))
    number = change.names[0][1]
    if part.kind in DIVISION_KINDS:
        part.heading.block = renumbered_division(part.heading.block, number, change.title)
    else:
        part.heading.block = renumbered_article(part.heading.block, number)
        document.give(part, part.kind, number)


def _create(document: Document, change: StructureChange, notes: list[str]) -> None:
    """« Il est créé un chapitre I bis intitulé : « … » et comprenant les articles … »."""
    first = document.part_for(change.where, notes)
    if change.through is not None:
        document.article(change.through)
    if not change.names:
        raise InstructionFailure(_("the instruction names no division to create"))
    kind, number = change.names[0]
    at = document.parts.index(first)
    heading = division_heading(kind, number, change.title, _like(document, at, kind),
                               document.fresh_id("inserted-"))
    document.parts.insert(at, Part(kind, number, Entry(heading, False), [], [], inserted=True))
    _place_paths(document, at, 1)


__all__ = ["abrogate", "apply_structure"]
