"""Instructions → French: the wording of the « dispositif modificatif ».

`wording` writes each instruction as a French sentence the way the Guide de légistique wants it:
quotations in guillemets with non-breaking spaces (`quoted`), places named from the article down
to the tiret (`place`), and word-level clauses (« le mot : « X » est remplacé par les mots : … »).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from amendtrack.errors import AmendmentError
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    Unit,
    WordChange,
    WordChangeKind,
)

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
        f"{ordinal(address.alinea)} {address.unit.value}" if address.alinea is not None else "")
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
            destination = change.destination
            assert destination is not None
            if destination.article == change.where.article and not destination.whole:
                destination = replace(destination, article=None)  # the article, named once
            return f"{the} est placé {side} {_the(destination)}"
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
