"""Amending instructions as records: where (`Address`) and what (`WordChange`, `BlockChange`).

`amendtrack.legistique.reader` reads them from French text, `amendtrack.legistique.writer`
writes them, and `amendtrack.legistique.applier` applies them to a version.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    """What a block instruction inserts or counts."""

    ALINEA = "alinéa"
    TIRET = "tiret"
    VISA = "visa"
    """A visa of the preamble (« Vu … »): visas are counted among themselves, not as alinéas."""
    CONSIDERANT = "considérant"
    """A considérant, counted among the considérants."""


@dataclass(frozen=True, slots=True)
class Address:
    """A place in the text, counted in the text as it stands when the instruction applies.

    Alinéas are the blocks that are not list items, visas or considérants; a list item is a
    tiret of the alinéa before it; visas and considérants are counted among their own kind
    (`unit`), so an inserted visa renumbers no alinéa. Inside an article, counting starts
    after the article's heading; without `article`, it covers the whole text. With only
    `article` set (or nothing), the address is the whole article (or the whole text).
    """

    article: str | None = None
    """The article's number as written (« 2 », « 1er », « 298 septies »)."""
    alinea: int | None = None
    """1-based position of the alinéa; -1 is the last (« dernier »), -2 the one before."""
    tiret: int | None = None
    """1-based position of a tiret of that alinéa (or, without alinéa, before the first one)."""
    label: str | None = None
    """An alinéa named by its own number, such as « 3° », instead of its position."""
    unit: Unit = Unit.ALINEA
    """What `alinea` counts: alinéas, or visas or considérants (« le deuxième visa »)."""

    @property
    def whole(self) -> bool:
        """True when the address is a whole article or the whole text, not one block."""
        return self.alinea is None and self.tiret is None and self.label is None


class WordChangeKind(StrEnum):
    """The word-level formulas."""

    REPLACE = "replace"
    """« les mots : « X » sont remplacés par les mots : « Y » »."""
    DELETE = "delete"
    """« les mots : « X » sont supprimés »."""
    INSERT_AFTER = "insert-after"
    """« après les mots : « X », sont insérés les mots : « Y » »."""
    INSERT_BEFORE = "insert-before"
    """« avant les mots : « X », sont insérés les mots : « Y » »."""
    INSERT_START = "insert-start"
    """« au début de l'alinéa, sont insérés les mots : « Y » »."""
    APPEND = "append"
    """« est complété par les mots : « Y » » (placed before a final full stop)."""
    APPEND_SENTENCE = "append-sentence"
    """« est complété par une phrase ainsi rédigée : « Y » » (after everything)."""


@dataclass(frozen=True, slots=True)
class WordChange:
    """A change of words inside one block."""

    kind: WordChangeKind
    where: Address
    anchor: str = ""
    """The words replaced or deleted, or after/before which `words` go (empty otherwise)."""
    words: str = ""
    """The new words (empty for DELETE)."""
    occurrence: int | None = None
    """Which occurrence of `anchor` (1-based, -1 for the last); None: it must be unique."""
    line: int = 0
    """Line of the instruction in its file (0 when generated)."""


class BlockChangeKind(StrEnum):
    """The formulas over whole alinéas and tirets."""

    REWRITE = "rewrite"
    """« Le deuxième alinéa est ainsi rédigé : » (a whole address: every block of it)."""
    DELETE = "delete"
    """« Le deuxième alinéa est supprimé » (`count` consecutive alinéas or tirets)."""
    INSERT_AFTER = "insert-after"
    """« Après le deuxième alinéa, il est inséré un alinéa ainsi rédigé : »."""
    INSERT_BEFORE = "insert-before"
    """« Avant le premier alinéa, il est inséré un alinéa ainsi rédigé : »."""
    APPEND = "append"
    """« L'article 2 est complété par un alinéa ainsi rédigé : » (at the end of `where`)."""
    MOVE_AFTER = "move-after"
    """« Le cinquième alinéa est placé après le deuxième alinéa » (both counted before)."""
    MOVE_BEFORE = "move-before"
    """« Le cinquième alinéa est placé avant le deuxième alinéa »."""


@dataclass(frozen=True, slots=True)
class BlockChange:
    """A change of whole blocks."""

    kind: BlockChangeKind
    where: Address
    texts: tuple[str, ...] = ()
    """The new alinéas or tirets (REWRITE, INSERT_*, APPEND)."""
    unit: Unit = Unit.ALINEA
    """What INSERT_* and APPEND insert, and what DELETE counts."""
    count: int = 1
    """DELETE: how many consecutive alinéas or tirets, starting at `where`."""
    destination: Address | None = None
    """MOVE_*: the block the moved one goes after or before."""
    line: int = 0


@dataclass(frozen=True, slots=True)
class NoChange:
    """A provision that changes no text (date of application, …): reported, not applied."""

    text: str
    line: int = 0


Instruction = WordChange | BlockChange | NoChange
"""One instruction."""


class InstructionFailure(Exception):
    """Why one instruction cannot be applied (turned into an AmendmentError with its line)."""
