"""Amendment → instructions → French légistique (the « dispositif modificatif »).

`instructions_for` walks NEW in reading order and says, for each block, how to get it from the
text as the previous instructions left it: words replaced, deleted or inserted; alinéas rewritten,
deleted, inserted or moved. Every instruction is applied at once with the reader's own applier
(`amendtrack.legistique.applier`) and checked against the text it must give, so the wording is
exact by construction; when an elegant formula would not be exact (odd whitespace, a change
that is whitespace only), the alinéa is rewritten whole (« est ainsi rédigé »).

Choices: alinéas are the blocks that are not list items and a list item is a tiret of the
alinéa before it (« Au premier tiret du quatorzième alinéa »); an alinéa that starts with « 3° »
is named « le 3° »; the last alinéa (or tiret) of three or more is « le dernier ». An anchor is
the shortest run of words unique in its alinéa, and starts with the article or preposition
before its last word when there is one (« de financement », not « financement »); if no run of
up to eight words is unique, the occurrence is counted (« après la deuxième occurrence du
mot : … »). `wording` writes the French text; `legistique_text` also reads it back with
`amendtrack.legistique.reader.parse`, applies it to OLD and refuses to return a wording that does
not give NEW.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from amendtrack.errors import AmendmentError
from amendtrack.legistique.applier import (
    InstructionFailure,
    address_of,
    after_position,
    apply_instruction,
)
from amendtrack.legistique.reader import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    Unit,
    WordChange,
    WordChangeKind,
)
from amendtrack.legistique.words import regions_of, word_changes
from amendtrack.model import Amendment, Block, BlockKind, Version

__all__ = ["bodies", "instructions_for", "legistique_text", "wording"]


def bodies(amendment: Amendment) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """OLD's and NEW's bodies, rebuilt from the amendment's block operations."""
    old = sorted((op.old_index, op.old) for op in amendment.blocks
                 if op.old_index is not None and op.old is not None)
    new = sorted((op.new_index, op.new) for op in amendment.blocks
                 if op.new_index is not None and op.new is not None)
    return tuple(block for _, block in old), tuple(block for _, block in new)


@dataclass(slots=True)
class _Entry:
    tag: int | None
    """Index of the block in OLD (None for a block the instructions inserted)."""
    placed: bool


class _Walk:
    """The text as the instructions so far leave it, and the instructions."""

    def __init__(self, old: tuple[Block, ...]) -> None:
        self.body = old
        self.entries = [_Entry(index, False) for index in range(len(old))]
        self.instructions: list[Instruction] = []
        self.notes: list[str] = []

    def emit(self, instruction: Instruction, expected: list[str]) -> None:
        try:
            body = apply_instruction(self.body, instruction, self.notes)
        except InstructionFailure as failure:
            raise AmendmentError(
                f"legistique: generated instruction does not apply: {failure}"
            ) from None
        if [block.text for block in body] != expected:
            raise AmendmentError("legistique: generated instruction does not give NEW")
        self.body = body
        self.instructions.append(instruction)

    def texts(self) -> list[str]:
        return [block.text for block in self.body]

    def last_placed(self) -> int:
        return max((i for i, entry in enumerate(self.entries) if entry.placed), default=-1) + 1


def _item(block: Block) -> bool:
    return block.kind is BlockKind.ITEM


def instructions_for(amendment: Amendment) -> tuple[Instruction, ...]:
    """The instructions that turn OLD into NEW, in NEW's reading order."""
    old, new = bodies(amendment)
    pairs = {op.new_index: op for op in amendment.blocks
             if op.new_index is not None and op.old_index is not None}
    deleted = set(range(len(old))) - {op.old_index for op in pairs.values()}
    walk = _Walk(old)
    index = 0
    while index < len(new):
        target = walk.last_placed()
        op = pairs.get(index)
        if op is None:
            index = _insert_or_rewrite(walk, new, index, pairs, deleted, target)
            continue
        assert op.old_index is not None
        position = next(i for i, e in enumerate(walk.entries) if e.tag == op.old_index)
        if position >= target:
            _delete(walk, [i for i in range(target, position) if walk.entries[i].tag in deleted
                           and not walk.entries[i].placed])
            position = next(i for i, e in enumerate(walk.entries) if e.tag == op.old_index)
        else:
            position = _move(walk, position, target)
        walk.entries[position].placed = True
        if walk.body[position].text != new[index].text:
            _modify(walk, position, new[index].text, op.inline)
        index += 1
    _delete(walk, [i for i, entry in enumerate(walk.entries) if not entry.placed])
    if walk.texts() != [block.text for block in new]:
        raise AmendmentError("legistique: the instructions do not give NEW")
    return tuple(walk.instructions)


def _insert_or_rewrite(
    walk: _Walk, new: tuple[Block, ...], index: int, pairs: Mapping[int, object],
    deleted: set[int], target: int,
) -> int:
    block = new[index]
    entries = walk.entries
    if (target < len(entries) and entries[target].tag in deleted and not entries[target].placed
            and _item(walk.body[target]) == _item(block)):
        where = address_of(walk.body, target)
        expected = walk.texts()
        expected[target] = block.text
        walk.emit(BlockChange(BlockChangeKind.REWRITE, where, (block.text,)), expected)
        entries[target] = _Entry(None, True)
        return index + 1
    run = [block]
    while (index + len(run) < len(new) and index + len(run) not in pairs
           and _item(new[index + len(run)]) == _item(block)):
        run.append(new[index + len(run)])
    unit = Unit.TIRET if _item(block) else Unit.ALINEA
    texts = tuple(b.text for b in run)
    body = walk.body
    if target > 0 and after_position(body, target - 1, _item(block)) == target:
        change = BlockChange(BlockChangeKind.INSERT_AFTER, address_of(body, target - 1), texts,
                             unit)
    elif target < len(body):
        change = BlockChange(BlockChangeKind.INSERT_BEFORE, address_of(body, target), texts, unit)
    else:
        change = BlockChange(BlockChangeKind.APPEND, Address(), texts, unit)
    expected = walk.texts()
    expected[target:target] = list(texts)
    walk.emit(change, expected)
    walk.entries[target:target] = [_Entry(None, True) for _ in run]
    return index + len(run)


def _delete(walk: _Walk, positions: list[int]) -> None:
    """Delete blocks, consecutive ones of one kind in one instruction, in document order."""
    tags = [walk.entries[i].tag for i in positions]
    while tags:
        position = next(i for i, e in enumerate(walk.entries) if e.tag == tags[0])
        item = _item(walk.body[position])
        count = 1
        while (count < len(tags) and position + count < len(walk.entries)
               and walk.entries[position + count].tag == tags[count]
               and _item(walk.body[position + count]) == item):
            count += 1
        where = address_of(walk.body, position)
        numbered = _numbered(walk.body, position, where) if count > 1 else None
        if numbered is None:
            count = 1
        else:
            where = numbered
        expected = walk.texts()
        del expected[position : position + count]
        unit = Unit.TIRET if item and count > 1 else Unit.ALINEA
        walk.emit(BlockChange(BlockChangeKind.DELETE, where, unit=unit, count=count), expected)
        del walk.entries[position : position + count]
        tags = tags[count:]


def _numbered(body: tuple[Block, ...], position: int, where: Address) -> Address | None:
    """The address with a positive number, as a range « Les deuxième à quatrième » needs."""
    if where.tiret is not None:
        if where.tiret > 0:
            return where
        owner = max((i for i in range(position) if not _item(body[i])), default=-1)
        count = sum(1 for i in range(owner + 1, position + 1) if _item(body[i]))
        return Address(where.article, where.alinea, count, where.label)
    if where.label is not None or (where.alinea is not None and where.alinea < 0):
        start = 0 if where.article is None else _article_start(body, position)
        number = sum(1 for i in range(start, position + 1) if not _item(body[i]))
        return Address(where.article, number)
    return where if where.alinea is not None else None


def _article_start(body: tuple[Block, ...], position: int) -> int:
    from amendtrack.legistique.applier import article_label

    return next((i + 1 for i in range(position - 1, -1, -1) if article_label(body[i])), 0)


def _move(walk: _Walk, position: int, target: int) -> int:
    """Move the block at `position` to just before `target` (> position); its new index."""
    body = walk.body
    item = _item(body[position])
    if after_position(body, target - 1, item) == target:
        change = BlockChange(BlockChangeKind.MOVE_AFTER, address_of(body, position),
                             destination=address_of(body, target - 1))
    else:
        change = BlockChange(BlockChangeKind.MOVE_BEFORE, address_of(body, position),
                             destination=address_of(body, target))
    expected = walk.texts()
    expected.insert(target - 1, expected.pop(position))
    walk.emit(change, expected)
    walk.entries.insert(target - 1, walk.entries.pop(position))
    return target - 1


def _modify(walk: _Walk, position: int, text: str, inline: Sequence[object]) -> None:
    where = address_of(walk.body, position)
    regions = regions_of(walk.body[position].text, text, inline)
    changes = word_changes(walk.body, position, where, regions, text)
    expected = walk.texts()
    expected[position] = text
    if changes is None:
        walk.emit(BlockChange(BlockChangeKind.REWRITE, where, (text,)), expected)
        return
    for change, after in changes:
        partial = walk.texts()
        partial[position] = after
        walk.emit(change, partial)


# --- wording ----------------------------------------------------------------------------------

NBSP = "\u00a0"


def _guillemets_safe(text: str) -> bool:
    """Whether the reader finds the end of « text » (its own guillemets pair up)."""
    depth = 1
    for char in text:
        depth += (char == "«") - (char == "»")
        if depth == 0:
            return False
    return depth == 1 and "\n«" not in text


def quoted(text: str) -> str:
    """« text » with non-breaking spaces inside the guillemets.

    Text whose own guillemets do not pair up is put between straight (or curly) double quotes
    instead, which the reader also reads, so that the wording stays exact.
    """
    if _guillemets_safe(text):
        return f"«{NBSP}{text}{NBSP}»"
    for opening, closing in (('"', '"'), ("“", "”")):
        if closing not in text:
            return f"{opening}{NBSP}{text}{NBSP}{closing}"
    raise AmendmentError("legistique: a quotation holds both » and \" and ” unpaired")


def _block_quote(texts: tuple[str, ...]) -> str:
    # Each quoted alinéa opens with «; only the last one closes (the légistique convention).
    if all(_guillemets_safe(text) for text in texts):
        return "\n" + "\n".join(f"«{NBSP}{text}" for text in texts) + f"{NBSP}»"
    return "\n" + "\n".join(quoted(text) for text in texts)


def place(address: Address) -> str:
    """« premier tiret du deuxième alinéa de l'article 2 », « 3° », « texte »…"""
    from amendtrack.french.ordinals import ordinal

    suffix = f" de l'article {address.article}" if address.article else ""
    if address.whole:
        return f"article {address.article}" if address.article else "texte"
    owner = address.label if address.label is not None else (
        f"{ordinal(address.alinea)} alinéa" if address.alinea is not None else "")
    if address.tiret is None:
        return owner + suffix
    tiret = f"{ordinal(address.tiret)} tiret"
    return (f"{tiret} du {owner}" if owner else tiret) + suffix


def _the(address: Address) -> str:
    return f"l'{place(address)}" if address.whole and address.article else f"le {place(address)}"


def _noun(words: str) -> tuple[str, bool]:
    plural = len(words.split()) > 1
    return ("les mots" if plural else "le mot"), plural


def _subject(change: WordChange) -> tuple[str, str]:
    """The words a clause is about, and the agreement of its verb (« é », « és », « ée »)."""
    from amendtrack.french.ordinals import ordinal

    noun, plural = _noun(change.anchor)
    if change.occurrence is not None:
        of = "des mots" if plural else "du mot"
        nth = ordinal(change.occurrence, feminine=True)
        return f"la {nth} occurrence {of}{NBSP}: {quoted(change.anchor)}", "ée"
    return f"{noun}{NBSP}: {quoted(change.anchor)}", "és" if plural else "é"


def _inserted(words: str) -> str:
    noun, plural = _noun(words)
    verb = "sont insérés" if plural else "est inséré"
    return f"{verb} {noun}{NBSP}: {quoted(words)}"


def clause(change: WordChange) -> str:
    """The clause of a word change, as an item of « … est ainsi modifié : » (lower case)."""
    words = change.words
    match change.kind:
        case WordChangeKind.REPLACE:
            subject, agree = _subject(change)
            verb = "sont" if agree == "és" else "est"
            noun, _ = _noun(words)
            return f"{subject} {verb} remplac{agree} par {noun}{NBSP}: {quoted(words)}"
        case WordChangeKind.DELETE:
            subject, agree = _subject(change)
            return f"{subject} {'sont' if agree == 'és' else 'est'} supprim{agree}"
        case WordChangeKind.INSERT_AFTER | WordChangeKind.INSERT_BEFORE:
            side = "après" if change.kind is WordChangeKind.INSERT_AFTER else "avant"
            subject, _ = _subject(change)
            return f"{side} {subject}, {_inserted(words)}"
        case WordChangeKind.INSERT_START:
            return f"au début, {_inserted(words)}"
        case WordChangeKind.APPEND:
            noun, _ = _noun(words)
            return f"il est complété par {noun}{NBSP}: {quoted(words)}"
        case WordChangeKind.APPEND_SENTENCE:
            return f"il est complété par une phrase ainsi rédigée{NBSP}: {quoted(words)}"
    raise AssertionError(change.kind)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(change: WordChange) -> str:
    the = _the(change.where)
    at = "à l'" + place(change.where) if change.where.whole and change.where.article else (
        "au " + place(change.where))
    match change.kind:
        case WordChangeKind.INSERT_START:
            return f"Au début du {place(change.where)}, {_inserted(change.words)}"
        case WordChangeKind.APPEND | WordChangeKind.APPEND_SENTENCE:
            return _capital(the) + clause(change).removeprefix("il")
        case _:
            return f"{_capital(at)}, {clause(change)}"


def _block_sentence(change: BlockChange) -> str:
    from amendtrack.french.ordinals import cardinal, ordinal

    the = _capital(_the(change.where))
    count = len(change.texts)
    unit = change.unit.value
    made = f"il est inséré un {unit} ainsi rédigé" if count <= 1 else (
        f"sont insérés {cardinal(count)} {unit}s ainsi rédigés")
    match change.kind:
        case BlockChangeKind.REWRITE:
            agree = "" if count == 1 else "s"
            return f"{the} est ainsi rédigé{agree}{NBSP}:{_block_quote(change.texts)}"
        case BlockChangeKind.DELETE:
            if change.count == 1:
                return f"{the} est supprimé"
            where = change.where
            joiner = "et" if change.count == 2 else "à"
            first = where.tiret if change.unit is Unit.TIRET else where.alinea
            assert first is not None
            span = f"Les {ordinal(first)} {joiner} {ordinal(first + change.count - 1)}"
            if change.unit is Unit.TIRET:
                owner = Address(where.article, where.alinea, None, where.label)
                of = f" du {place(owner)}" if not owner.whole else (
                    f" de l'article {where.article}" if where.article else "")
                return f"{span} tirets{of} sont supprimés"
            of = f" de l'article {where.article}" if where.article else ""
            return f"{span} alinéas{of} sont supprimés"
        case BlockChangeKind.INSERT_AFTER | BlockChangeKind.INSERT_BEFORE:
            side = "Après" if change.kind is BlockChangeKind.INSERT_AFTER else "Avant"
            return f"{side} {_the(change.where)}, {made}{NBSP}:{_block_quote(change.texts)}"
        case BlockChangeKind.APPEND:
            unit_phrase = f"un {unit} ainsi rédigé" if count <= 1 else (
                f"{cardinal(count)} {unit}s ainsi rédigés")
            return f"{the} est complété par {unit_phrase}{NBSP}:{_block_quote(change.texts)}"
        case BlockChangeKind.MOVE_AFTER | BlockChangeKind.MOVE_BEFORE:
            side = "après" if change.kind is BlockChangeKind.MOVE_AFTER else "avant"
            assert change.destination is not None
            return f"{the} est placé {side} {_the(change.destination)}"
    raise AssertionError(change.kind)


def wording(instructions: Sequence[Instruction]) -> str:
    """The French text of instructions: one sentence per instruction, word changes in one
    alinéa grouped as « Le deuxième alinéa est ainsi modifié : 1° … ; 2° … »."""
    paragraphs: list[str] = []
    index = 0
    while index < len(instructions):
        instruction = instructions[index]
        if isinstance(instruction, WordChange):
            group = [instruction]
            while (index + len(group) < len(instructions)
                   and isinstance(nxt := instructions[index + len(group)], WordChange)
                   and nxt.where == instruction.where and not instruction.where.whole):
                group.append(nxt)
            index += len(group)
            if len(group) == 1:
                paragraphs.append(_sentence(instruction) + ".")
                continue
            items = [f"{n}° {_capital(clause(change))}" for n, change in enumerate(group, 1)]
            paragraphs.append(f"{_capital(_the(instruction.where))} est ainsi modifié{NBSP}:\n"
                              + " ;\n".join(items) + ".")
            continue
        index += 1
        if isinstance(instruction, BlockChange):
            paragraphs.append(_block_sentence(instruction) + ".")
        else:
            paragraphs.append(instruction.text)
    return "\n".join(paragraphs) + ("\n" if paragraphs else "")


def legistique_text(amendment: Amendment, old: Version) -> str:
    """The wording of an amendment, read back and applied to `old` to check it gives NEW."""
    from amendtrack.legistique.applier import apply_instructions
    from amendtrack.legistique.reader import parse

    text = wording(instructions_for(amendment))
    _, new = bodies(amendment)
    result = apply_instructions(old, parse(text, "<generated wording>"))
    if [b.text for b in result.version.body] != [b.text for b in new]:
        raise AmendmentError("legistique: the wording, read back, does not give NEW exactly")
    return text
