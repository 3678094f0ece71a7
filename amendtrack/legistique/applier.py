"""Applying amending instructions to a version, one after the other.

Every article, alinéa and tiret an instruction names is counted in the text before amendment
(`amendtrack.legistique.instructions`); the working text (`amendtrack.legistique.document`)
remembers where each block stood. Inside one alinéa, words are found as the instructions before
left them. When the text has no article headings at all, an instruction naming an article
applies to the whole text (a note says so): the legi corpus stores one article per file.

A failure names the line and why (article not found, alinéa out of range, anchor not found or
ambiguous, a block already deleted) and nothing is applied.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import assert_never

from amendtrack.errors import AmendmentError
from amendtrack.french.deliberations import reread
from amendtrack.legistique.counting import (
    ARTICLE_HEADING,
    alineas,
    counted_as,
    locate,
    part_blocks,
    tirets,
)
from amendtrack.legistique.document import Document, Entry, Part, item
from amendtrack.legistique.editing import ANCHORLESS, chosen, edit_block, hits
from amendtrack.legistique.headings import quoted_article, retitled
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    InstructionFailure,
    NoChange,
    StructureChange,
    Unit,
    WordChange,
)
from amendtrack.legistique.labels import article_key
from amendtrack.legistique.structures import abrogate, apply_structure
from amendtrack.model import Block, BlockKind, Version, plain
from amendtrack.translation import _, ngettext


@dataclass(frozen=True, slots=True)
class Applied:
    """The result of applying instructions: the new version and what the user should know."""

    version: Version
    notes: tuple[str, ...]
    """Provisions that change no text, articles taken as the whole text, …"""


def apply_instructions(
    version: Version, instructions: tuple[Instruction, ...], name: str = "<instructions>"
) -> Applied:
    """Apply instructions in order. Raises AmendmentError (« line N: why ») on the first failure."""
    document = Document(version.body)
    notes: list[str] = _acts(instructions, name)
    for instruction in instructions:
        try:
            apply_instruction(document, instruction, notes)
        except InstructionFailure as failure:
            raise AmendmentError(_("line {line}: {problem}").format(line=instruction.line,
                                                                   problem=failure),
                                 name) from None
    return Applied(replace(version, body=document.blocks()), tuple(dict.fromkeys(notes)))


def _acts(instructions: tuple[Instruction, ...], name: str) -> list[str]:
    """Notes for the code or act the instructions name; two different ones are refused."""
    named = dict.fromkeys(instruction.where.act for instruction in instructions
                          if not isinstance(instruction, NoChange) and instruction.where.act)
    if len(named) > 1:
        raise AmendmentError(
            _("the instructions amend several texts ({texts}); apply the instructions for each "
              "text to that text").format(texts=", ".join(str(act) for act in named)), name)
    return [_("the instructions name the {act}: they are applied to this text").format(act=act)
            for act in named]


def apply_instruction(document: Document, instruction: Instruction, notes: list[str]) -> None:
    """One instruction applied to the working text (InstructionFailure if it cannot be)."""
    match instruction:
        case NoChange():
            notes.append(_("line {line}: changes no text, not applied: {text}").format(
                line=instruction.line, text=instruction.text))
        case WordChange():
            _apply_words(document, instruction, notes)
        case BlockChange():
            _apply_blocks(document, instruction, notes)
        case StructureChange():
            apply_structure(document, instruction, notes)
        case _ as unreachable:
            assert_never(unreachable)


def counted(document: Document, address: Address,
            notes: list[str]) -> tuple[Part, list[Entry], tuple[Block, ...]]:
    """The part an address counts in, and the blocks it counts (as they stood before
    amendment): those of its article, or, for an address that names none in a text whose
    blocks outside its articles lie in several places, all of those."""
    part = document.part_for(address, notes)
    if not address.names_unit and not part.kind and len(
            document.outside) > 1:
        return part, document.outside_entries(), document.outside_blocks()
    return part, part.original, part.original_blocks()


def resolve(document: Document, address: Address, notes: list[str]) -> tuple[Part, Entry]:
    """The unit and the block an address names, counted before amendment."""
    part, entries, blocks = counted(document, address, notes)
    if not part.alive:
        raise InstructionFailure(_("that article was abrogated by an earlier instruction"))
    if address.heading:
        if part.heading is None:
            raise InstructionFailure(_("that part of the text has no heading"))
        return part, part.heading
    entry = entries[locate(blocks, address)]
    return document.owner(entry), entry


def _living(part: Part, entry: Entry) -> Entry:
    if not entry.alive:
        raise InstructionFailure(_("that block was deleted by an earlier instruction"))
    return entry


def _run(document: Document, address: Address, first: Entry, count: int,
         notes: list[str]) -> list[Entry]:
    """`count` consecutive alinéas (or tirets of one alinéa, or visas …) from `first`, as they
    stood before amendment."""
    _, entries, blocks = counted(document, address, notes)
    start = entries.index(first)
    unit = counted_as(blocks[start])
    if unit is Unit.TIRET:
        owner = max((i for i in alineas(blocks) if i < start), default=None)
        siblings = tirets(blocks, owner)
    else:
        siblings = alineas(blocks, unit=unit)
    found = siblings[siblings.index(start) :][:count]
    if len(found) < count:
        what = unit.value
        raise InstructionFailure(ngettext(
            "{unit} out of range: there is only {count} {unit} from the one named",
            "{unit} out of range: there are only {count} {unit}s from the one named",
            len(found)).format(unit=what, count=len(found)))
    return [entries[i] for i in found]


def _where(part: Part) -> str:
    if part.kind == "article":
        return _("article {number}").format(number=part.number)
    return _("the text") if not part.kind else _("the {division}").format(division=part.kind)


def _apply_words(document: Document, change: WordChange, notes: list[str]) -> None:
    where = change.where
    part = document.part_for(where, notes)
    if where.whole and not where.names_unit:
        candidates = [entry for other in document.parts if other.alive
                      for entry in other.alive_entries()]  # the whole text
    elif where.whole:
        candidates = part.alive_entries()
    else:
        candidates = [_living(part, resolve(document, where, notes)[1])]
    if change.kind in ANCHORLESS or not change.anchor:
        if len(candidates) != 1:
            raise InstructionFailure(_("say which alinéa the words go at the start or end of"))
        entry = candidates[0]
        entry.block = reread(edit_block(entry.block, change))
        return
    found = [(entry, position) for entry in candidates
             for position in hits(entry.block.text, change)]
    label = _where(part) if where.whole else _("that alinéa")
    picked = chosen(list(range(len(found))), change, label)
    for entry in dict.fromkeys(found[n][0] for n in picked):
        positions = [found[n][1] for n in picked if found[n][0] is entry]
        entry.block = reread(edit_block(entry.block, change, positions))


def _new_entries(document: Document, part: Part, texts: tuple[str, ...], unit: Unit,
                 near: Entry | None) -> list[Entry]:
    list_id: str | None = None
    if unit is Unit.TIRET:
        neighbours = [e.block for e in part.entries if e.block.kind is BlockKind.ITEM]
        if near is not None and near.block.kind is BlockKind.ITEM:
            neighbours.insert(0, near.block)
        list_id = neighbours[0].list_id if neighbours else document.fresh_id("list-")
    kind = {Unit.TIRET: BlockKind.ITEM, Unit.VISA: BlockKind.VISA,
            Unit.CONSIDERANT: BlockKind.CONSIDERANT}.get(unit, BlockKind.PARAGRAPH)
    return [Entry(Block(document.fresh_id("inserted-"), kind, plain(text), list_id=list_id),
                  False) for text in texts]


def after_position(part: Part, entry: Entry, item_unit: bool) -> int:
    """Where a block goes « après » `entry`: an alinéa after that alinéa's tirets, and after
    the blocks earlier instructions inserted there."""
    entries = part.entries
    position = entries.index(entry) + 1
    if not item_unit and not item(entry):
        while position < len(entries) and item(entries[position]):
            position += 1
    while position < len(entries) and not entries[position].original:
        position += 1
    return position


def _apply_blocks(document: Document, change: BlockChange, notes: list[str]) -> None:
    kind, where = change.kind, change.where
    match kind:
        case BlockChangeKind.REWRITE:
            _rewrite(document, change, notes)
        case BlockChangeKind.DELETE:
            _delete(document, change, notes)
        case BlockChangeKind.INSERT_BEFORE if where.whole:
            _before_unit(document, change, notes)
        case BlockChangeKind.INSERT_AFTER if where.whole:
            _after_unit(document, change, notes)
        case BlockChangeKind.INSERT_AFTER | BlockChangeKind.INSERT_BEFORE:
            part, entry = resolve(document, where, notes)
            at = part.entries.index(entry) if kind is BlockChangeKind.INSERT_BEFORE else (
                after_position(part, entry, change.unit is Unit.TIRET))
            part.entries[at:at] = _new_entries(document, part, change.texts, change.unit, entry)
        case BlockChangeKind.APPEND:
            _append(document, change, notes)
        case BlockChangeKind.MOVE_AFTER | BlockChangeKind.MOVE_BEFORE:
            _move(document, change, notes)
        case _ as unreachable:
            assert_never(unreachable)


def _before_unit(document: Document, change: BlockChange, notes: list[str]) -> None:
    """« Avant l'article 1er, sont insérés deux alinéas … »: they end what comes before it."""
    named = change.where
    if not named.names_unit:
        raise InstructionFailure(_("say before which alinéa the new ones go"))
    part = document.part_for(named, notes, anchor=True)
    position = document.parts.index(part)
    before = document.parts[position - 1] if position else document.parts[0]
    if position == 0:
        raise InstructionFailure(_("nothing comes before that part of the text"))
    before.entries.extend(_new_entries(document, before, change.texts, change.unit, None))


def _after_unit(document: Document, change: BlockChange, notes: list[str]) -> None:
    """« Après l'article 3, sont insérés deux alinéas … »: outside the articles, right after
    that one (after what earlier instructions put there)."""
    if not change.where.names_unit:
        raise InstructionFailure(_("say after which alinéa the new ones go"))
    part = document.part_for(change.where, notes, anchor=True)
    last = document.extent(part)[-1] if part.path else part
    position = document.parts.index(last) + 1
    following = document.parts[position] if position < len(document.parts) else None
    if following is None or following.kind:
        following = Part("", None, None, [], [], inserted=True)
        document.parts.insert(position, following)
    at = 0
    while at < len(following.entries) and not following.entries[at].original:
        at += 1
    following.entries[at:at] = _new_entries(document, following, change.texts, change.unit,
                                            None)


def _append(document: Document, change: BlockChange, notes: list[str]) -> None:
    where = change.where
    if where.part is not None:
        part = document.part_for(where, notes)
        last = part.original[part_blocks(part.original_blocks(), where.part)[-1]]
        at = after_position(part, last, change.unit is Unit.TIRET)
    else:
        named = where.names_unit
        part = document.part_for(where, notes) if named else document.last_alive()
        at = len(part.entries)
    part.entries[at:at] = _new_entries(document, part, change.texts, change.unit, None)


def _rewrite(document: Document, change: BlockChange, notes: list[str]) -> None:
    where = change.where
    if where.whole:
        part = document.part_for(where, notes)
        if _reheading(part, change.texts):
            _reheaded(document, part, change.texts)
            return
        texts = _without_opening(part, change.texts)
        if not where.names_unit:
            for other in document.parts[1:]:
                other.alive = False
        for entry in part.entries:
            entry.alive = False
        part.entries.extend(_new_entries(document, part, texts, Unit.ALINEA, None))
        return
    part, first = resolve(document, where, notes)
    if where.heading:
        title = retitled(first.block, change.texts[0]) if len(change.texts) == 1 else None
        if title is None:
            raise InstructionFailure(_("that heading has no title to rewrite"))
        first.block = title
        return
    run = [_living(part, entry) for entry in _run(document, where, first, change.count, notes)]
    first.block = reread(replace(first.block, content=plain(change.texts[0])))
    for entry in run[1:]:
        entry.alive = False
    at = part.entries.index(first) + 1
    kind = BlockKind.PARAGRAPH if first.block.kind in (BlockKind.ARTICLE, BlockKind.ANNEX) else (
        first.block.kind)
    extra = [Entry(replace(block.block, kind=kind, list_id=first.block.list_id),
                   False) for block in _new_entries(document, part, change.texts[1:],
                                                    Unit.ALINEA, None)]
    part.entries[at:at] = extra


def _reheading(part: Part, texts: tuple[str, ...]) -> bool:
    """Whether an article's new text opens with its own heading line (« Article 4 – Tarifs »,
    « Article 4 : Le tarif … »), not the « Art. 4. - » of a quoted article."""
    match = ARTICLE_HEADING.fullmatch(texts[0]) if texts else None
    return (part.kind == "article" and part.heading is not None and match is not None
            and texts[0].lstrip()[:8].lower() == "article " and article_key(match.group(1))
            == article_key(part.number or ""))


def _reheaded(document: Document, part: Part, texts: tuple[str, ...]) -> None:
    """« L'article 4 est ainsi rédigé : « Article 4 – Tarifs » « Le tarif … » »: the heading
    replaced too, and whether it holds the first alinéa (« Article 4 : Le tarif … ») with it."""
    assert part.heading is not None
    like = part.heading.block
    heading = reread(Block(like.id, like.kind, plain(texts[0]), level=like.level,
                           alinea=True))  # read as the import reads a paragraph
    for entry in part.entries:
        entry.alive = False
    part.heading = Entry(heading, False)
    part.opening = heading.kind is BlockKind.ARTICLE and heading.alinea
    part.entries.extend([part.heading] if part.opening else [])
    part.entries.extend(_new_entries(document, part, texts[1:], Unit.ALINEA, None))


def _without_opening(part: Part, texts: tuple[str, ...]) -> tuple[str, ...]:
    """« Art. 3. - Le … » opening an article's new text: its number is not an alinéa."""
    opening = quoted_article(texts[0]) if texts else None
    if part.kind != "article" or opening is None:
        return texts
    if article_key(opening[0]) != article_key(part.number or ""):
        raise InstructionFailure(_("the new text opens with article {found}, not article "
                                   "{expected}").format(found=opening[0], expected=part.number))
    return (opening[1], *texts[1:]) if opening[1] else texts[1:]


def _delete(document: Document, change: BlockChange, notes: list[str]) -> None:
    where = change.where
    if where.whole:
        abrogate(document, where, None, notes)
        return
    part, first = resolve(document, where, notes)
    for entry in _run(document, where, first, change.count, notes):
        _living(part, entry).alive = False


def _move(document: Document, change: BlockChange, notes: list[str]) -> None:
    if change.destination is None:
        raise InstructionFailure(_("a move needs a destination"))
    part, entry = resolve(document, change.where, notes)
    _living(part, entry)
    target_part, target = resolve(document, change.destination, notes)
    part.entries.remove(entry)
    if change.kind is BlockChangeKind.MOVE_BEFORE:
        at = target_part.entries.index(target)
    else:
        at = after_position(target_part, target, item(entry))
    target_part.entries.insert(at, entry)


__all__ = ["Applied", "after_position", "apply_instruction", "apply_instructions", "resolve"]
