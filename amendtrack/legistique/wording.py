"""Instructions → the French text of the « dispositif modificatif », laid out as drafters do.

One paragraph per sentence, quotations on the lines after it. Instructions on one article (or
annex) are grouped: « L'article L. 2122-8 est ainsi modifié : » then « 1° … ; 2° … . »; word
changes on one alinéa are grouped under « Le deuxième alinéa est ainsi modifié : » (as a), b) …
inside an article's group, as 1°, 2° … outside one). Consecutive deletions of alinéas of one
place are merged (« Les troisième, sixième et septième alinéas sont supprimés »), and so are
consecutive abrogations of articles (« Les articles L. 12 et L. 14 sont abrogés »). The
sentences themselves come from `amendtrack.legistique.phrases` and
`amendtrack.legistique.structure_phrases`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from amendtrack.french.ordinals import ordinal
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    NoChange,
    StructureChange,
    StructureChangeKind,
    Unit,
    WordChange,
)
from amendtrack.legistique.labels import citation
from amendtrack.legistique.phrases import NBSP, block_sentence, clause, place, word_sentence
from amendtrack.legistique.structure_phrases import structure_sentence

__all__ = ["NBSP", "sentence", "wording"]


def sentence(instruction: Instruction, inner: bool = False) -> str:
    """Any instruction as a sentence, without its final full stop; with `inner`, without the
    article or division an enclosing sentence names."""
    match instruction:
        case WordChange():
            return word_sentence(instruction, inner)
        case BlockChange():
            return block_sentence(instruction, inner)
        case StructureChange():
            return structure_sentence(instruction)
        case NoChange():
            return instruction.text.rstrip(" .")
    raise AssertionError(instruction)


@dataclass(slots=True)
class _Item:
    """One sentence of the dispositif, or the header of a group with its items."""

    scope: Address | None
    """The article, annex or division the sentence is about (None: not grouped)."""
    text: str
    """The sentence on its own (its place in full)."""
    inner: str
    """The same sentence inside its article's group."""


def _scope(instruction: Instruction) -> Address | None:
    if isinstance(instruction, StructureChange | NoChange):
        return None
    where = instruction.where
    if where.heading or not where.names_unit:
        return None
    return Address(article=where.article, annex=where.annex, division=where.division)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _position_list(numbers: list[int], second: bool) -> str:
    """« troisième, sixième et septième », « deuxième à quatrième et septième »."""
    words: list[str] = []
    index = 0
    while index < len(numbers):
        run = index
        while run + 1 < len(numbers) and numbers[run] > 0 and numbers[run + 1] == numbers[
                run] + 1:
            run += 1
        if run - index >= 2:
            words.append(f"{ordinal(numbers[index])} à {ordinal(numbers[run])}")
            index = run + 1
            continue
        number = numbers[index]
        words.append(ordinal(number, second=second))
        index += 1
    return ", ".join(words[:-1]) + (" et " if len(words) > 1 else "") + words[-1]


def _deletion_key(change: Instruction) -> tuple[object, ...] | None:
    """What deletions must share to be merged: their place and, for tirets, their alinéa."""
    if not isinstance(change, BlockChange) or change.kind is not BlockChangeKind.DELETE:
        return None
    where = change.where
    if change.count != 1 or where.whole or where.heading or where.sentence is not None:
        return None
    if where.label is not None and where.tiret is None:
        return None
    if change.unit is Unit.TIRET or where.tiret is not None:
        return ("tiret", replace(where, tiret=None, second=False))
    return (where.unit.value, replace(where, alinea=None, second=False))


def _merged_deletion(changes: list[BlockChange], inner: bool) -> str:
    where = changes[0].where
    tirets = changes[0].unit is Unit.TIRET or where.tiret is not None
    numbers = [(c.where.tiret if tirets else c.where.alinea) or 0 for c in changes]
    numbers = sorted(numbers, key=lambda n: (n < 0, n))
    second = any(c.where.second for c in changes)
    owner = replace(where, tiret=None, second=False) if tirets else replace(
        where, alinea=None, second=False)
    of = "" if owner.whole and (inner or not owner.names_unit)\
        else " " + place(owner, "du", inner)
    unit = "tirets" if tirets else f"{where.unit.value}s"
    return f"Les {_position_list(numbers, second)} {unit}{of} sont supprimés"


def _merged_abrogation(changes: list[StructureChange]) -> str:
    numbers = [str(change.where.article) for change in changes]
    return "Les articles " + ", ".join(numbers[:-1]) + f" et {numbers[-1]} sont abrogés"


def renumbering(change: Instruction) -> bool:
    """Whether `change` renumbers an article (« L'article 4 devient l'article 5 »)."""
    return (isinstance(change, StructureChange) and change.kind is StructureChangeKind.RENUMBER
            and change.where.article is not None and change.where.whole
            and change.title is None and len(change.names) == 1
            and change.names[0][0] == "article")


def _listing(numbers: list[str]) -> str:
    """« 2 et 3 », « L. 12, L. 13 et L. 14 », « 1er à 4 » (three or more plain numbers that
    follow each other)."""
    plain_numbers = [1 if n == "1er" else int(n) if n.isdecimal() and len(n) < 10 else 0
                     for n in numbers]
    if len(numbers) > 2 and plain_numbers[0] and plain_numbers == list(
            range(plain_numbers[0], plain_numbers[0] + len(numbers))):
        return f"{numbers[0]} à {numbers[-1]}"
    return ", ".join(numbers[:-1]) + f" et {numbers[-1]}"


def _merged_renumbering(changes: list[StructureChange]) -> str:
    olds = [str(change.where.article) for change in changes]
    news = [citation(change.names[0][1]) for change in changes]
    return f"Les articles {_listing(olds)} deviennent respectivement les articles " \
           f"{_listing(news)}"


def _abrogation(change: Instruction) -> bool:
    return (isinstance(change, StructureChange) and change.kind is StructureChangeKind.ABROGATE
            and change.where.article is not None and change.through is None
            and not change.heading_only and change.where.whole)


def _deletions_from(instructions: Sequence[Instruction], index: int, key: tuple[object, ...],
                    wide: bool) -> tuple[list[BlockChange], list[Instruction], int]:
    """The deletions from `index` on that share `key` (alinéas are counted before amendment,
    so a deletion can be said before the instructions planned between): `wide`, all of them;
    otherwise those that follow each other and, for alinéas outside the articles, those past
    instructions on articles. The instructions passed over are returned apart, to be said
    after the merged deletion; the last value is how many instructions that takes."""
    first = instructions[index]
    assert isinstance(first, BlockChange)
    group = [first]
    between: list[Instruction] = []
    skipped: list[Instruction] = []
    across = not first.where.names_unit
    last = index
    for position in range(index + 1, len(instructions)):
        following = instructions[position]
        if _deletion_key(following) == key:
            assert isinstance(following, BlockChange)
            group.append(following)
            between.extend(skipped)
            skipped = []
            last = position
        elif wide or (across and (isinstance(following, StructureChange) or (
                not isinstance(following, NoChange) and following.where.names_unit))):
            skipped.append(following)
        else:
            break
    return group, between, last - index + 1


def _structure_run(instructions: Sequence[Instruction], index: int,
                   belongs: Callable[[Instruction], bool],
                   merged: Callable[[list[StructureChange]], str]) -> tuple[_Item, int]:
    """The changes from `index` on that `belongs` takes (abrogations, renumberings), said in
    one sentence by `merged` when there are several; and how many they are."""
    run = 1
    while index + run < len(instructions) and belongs(instructions[index + run]):
        run += 1
    group = [c for c in instructions[index : index + run] if isinstance(c, StructureChange)]
    text = merged(group) if run > 1 else sentence(instructions[index])
    return _Item(None, text, text), run


def _items(instructions: Sequence[Instruction],
           wide: bool = True) -> list[_Item | list[WordChange]]:
    """Sentences, with merged deletions (`_deletions_from`); runs of word changes on one block
    stay lists."""
    items: list[_Item | list[WordChange]] = []
    index = 0
    while index < len(instructions):
        instruction = instructions[index]
        run = 1
        if isinstance(instruction, WordChange):
            while (index + run < len(instructions)
                   and isinstance(nxt := instructions[index + run], WordChange)
                   and _block_of(nxt.where) == _block_of(instruction.where)
                   and not instruction.where.whole):
                run += 1
            group = [c for c in instructions[index : index + run] if isinstance(c, WordChange)]
            items.append(group if run > 1 else _Item(_scope(instruction), *_both(instruction)))
        elif (key := _deletion_key(instruction)) is not None:
            group_d, between, run = _deletions_from(instructions, index, key, wide)
            if len(group_d) == 1:
                items.append(_Item(_scope(instruction), *_both(instruction)))
            else:
                items.append(_Item(_scope(instruction), _merged_deletion(group_d, False),
                                   _merged_deletion(group_d, True)))
            items.extend(_items(between, wide))
        elif renumbering(instruction):
            item, run = _structure_run(instructions, index, renumbering, _merged_renumbering)
            items.append(item)
        elif _abrogation(instruction):
            item, run = _structure_run(instructions, index, _abrogation, _merged_abrogation)
            items.append(item)
        else:
            items.append(_Item(_scope(instruction), *_both(instruction)))
        index += run
    return items


def _both(instruction: Instruction) -> tuple[str, str]:
    return sentence(instruction), sentence(instruction, inner=True)


def _block_of(address: Address) -> Address:
    return replace(address, sentence=None, second_sentence=False)


def _label(number: int, letters: bool) -> str:
    if not letters:
        return f"{number}°"
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    if number <= 26:
        return f"{alphabet[number - 1]})"
    return f"{alphabet[(number - 27) // 26 % 26]}{alphabet[(number - 1) % 26]})"


def _listed(lines: list[str], letters: bool, last: bool) -> list[str]:
    """Items numbered 1°, 2° … (or a), b) …), each closing with « ; », the last with « . »
    (or « ; » when more items follow at the level above)."""
    out = []
    for number, text in enumerate(lines, 1):
        end = "." if number == len(lines) and last else " ;"
        out.append(f"{_label(number, letters)} {_capital(text)}{end}")
    return out


def _group_of_words(changes: list[WordChange], inner: bool, letters: bool,
                    last: bool) -> list[str]:
    where = _block_of(changes[0].where)
    head = f"{_capital(place(where, 'le', inner))} est ainsi modifié{NBSP}:"
    return [head, *_listed([clause(change) for change in changes], letters, last)]


def _scope_of(item: _Item | list[WordChange]) -> Address | None:
    return _scope(item[0]) if isinstance(item, list) else item.scope


def _modified(scope: Address) -> str:
    female = scope.annex is not None or (bool(scope.division) and scope.division[-1][0] in (
        "partie", "section", "sous-section"))
    return f"{_capital(place(scope, 'le'))} est ainsi {'modifiée' if female else 'modifié'}" \
           f"{NBSP}:"


def _grouped(run: list[_Item | list[WordChange]]) -> list[str]:
    """The items of one article under « L'article X est ainsi modifié : »."""
    scope = _scope_of(run[0])
    assert scope is not None
    lines = [_modified(scope)]
    for number, item in enumerate(run, 1):
        last = number == len(run)
        if isinstance(item, list):
            head, *rest = _group_of_words(item, True, True, last)
            lines.append(f"{number}° {head}")
            lines.extend(rest)
        else:
            lines.append(f"{number}° {_capital(item.inner)}{'.' if last else ' ;'}")
    return lines


def wording(instructions: Sequence[Instruction], wide: bool = True) -> str:
    """The French text of instructions: one sentence per instruction, grouped by article and
    by alinéa as the module's docstring says; `wide`: the deletions of one place said in one
    sentence wherever they were planned (`_deletions_from`)."""
    items = _items(instructions, wide)
    paragraphs: list[str] = []
    index = 0
    while index < len(items):
        item = items[index]
        scope = _scope_of(item)
        run = 1
        while scope is not None and index + run < len(items) and _scope_of(
                items[index + run]) == scope:
            run += 1
        if run > 1 or (isinstance(item, list) and scope is not None):
            paragraphs.extend(_grouped(items[index : index + run]))
        elif isinstance(item, list):
            paragraphs.extend(_group_of_words(item, False, False, True))
        else:
            paragraphs.append(item.text + ".")
        index += run
    return "\n".join(paragraphs) + ("\n" if paragraphs else "")
