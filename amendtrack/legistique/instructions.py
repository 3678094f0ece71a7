"""Amending instructions as records: where (`Address`) and what (`WordChange`, `BlockChange`,
`StructureChange`), or a provision that changes no text (`NoChange`).

`amendtrack.legistique.reader` reads them from French text, `amendtrack.legistique.writer`
writes them, and `amendtrack.legistique.applier` applies them to a version.

Numbering. Every article, division, alinéa, tiret and part an instruction names is counted in
the text before amendment, whatever the instructions before it did (the Guide de légistique's
rule: « Les troisième, sixième et septième alinéas sont supprimés » names the alinéas the
reader of the text in force sees). Inside one alinéa, words and sentences are found in the
alinéa as the instructions before left it, in the order they are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

Path = tuple[tuple[str, str], ...]
"""A division named by kind and number, outermost first: ``(("titre", "Ier"), ("chapitre",
"II"))`` is « le chapitre II du titre Ier »."""


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
    """A place in the text, counted in the text before amendment.

    Alinéas are the blocks that are not list items, visas or considérants; a list item is a
    tiret of the alinéa before it; visas and considérants are counted among their kind (`unit`).
    Inside an article (or an annex, or a division), counting starts after its heading (at it,
    for an article that opens with its first alinéa, « Article 3 : Le tarif … ») and stops where
    the article does; without `article` and `division`, it covers the text outside the articles,
    annexes and divisions (the whole text when it has none). With none of `alinea`,
    `tiret`, `label`, `part`, `sentence` and `heading`, the address is the whole article (or
    division, or text).
    """

    article: str | None = None
    """The article's number as cited (« 2 », « 1er », « L. 2122-8 », « 298 septies »)."""
    alinea: int | None = None
    """1-based position of the alinéa; -1 is the last (« dernier »), -2 the one before."""
    tiret: int | None = None
    """1-based position of a tiret of that alinéa (or, without alinéa, before the first one)."""
    label: str | None = None
    """An alinéa named by its own number, such as « 3° » or « a) », instead of its position."""
    part: str | None = None
    """A numbered part of the article, « II » or « 4 »: the alinéas from the one that opens
    with « II. » to the next part; `alinea` and `label` then count inside it."""
    sentence: int | None = None
    """A sentence of the alinéa (1-based, -1 the last), counted as the alinéa stands."""
    heading: bool = False
    """The heading of the article or division itself (« l'intitulé du chapitre II »)."""
    division: Path = ()
    """A division (its heading and the blocks before its first article) when `article` is
    None; with `article`, the divisions the instruction says it is in (not needed to find it)."""
    annex: str | None = None
    """An annex by its label (« tableau n° 4 »), instead of an article."""
    second: bool = False
    """Wording only: the alinéa (or, with `tiret`, the tiret) is the second of two (« le
    second alinéa », not « le deuxième »)."""
    second_sentence: bool = False
    """Wording only: the sentence is the second of two (« la seconde phrase »)."""
    act: str | None = None
    """The code or act the instruction names (« code de la propriété intellectuelle »)."""
    unit: Unit = Unit.ALINEA
    """What `alinea` counts: alinéas, or visas, or considérants (« le deuxième visa »)."""

    @property
    def names_unit(self) -> bool:
        """Whether the address names an article, an annex or a division."""
        return self.article is not None or self.annex is not None or bool(self.division)

    @property
    def whole(self) -> bool:
        """True when the address is a whole article, annex, division or text, not a part."""
        return (self.alinea is None and self.tiret is None and self.label is None
                and self.part is None and self.sentence is None and not self.heading)


class WordChangeKind(StrEnum):
    """The word-level formulas."""

    REPLACE = "replace"
    """« les mots : « X » sont remplacés par les mots : « Y » »."""
    DELETE = "delete"
    """« les mots : « X » sont supprimés »; without anchor, the sentence `where` names."""
    INSERT_AFTER = "insert-after"
    """« après les mots : « X », sont insérés les mots : « Y » » (without anchor: after the
    sentence `where` names, « Après la première phrase, est insérée une phrase … »)."""
    INSERT_BEFORE = "insert-before"
    """« avant les mots : « X », sont insérés les mots : « Y » »."""
    INSERT_START = "insert-start"
    """« au début de l'alinéa, sont insérés les mots : « Y » »."""
    APPEND = "append"
    """« est complété par les mots : « Y » » (placed before a final full stop)."""
    APPEND_SENTENCE = "append-sentence"
    """« est complété par une phrase ainsi rédigée : « Y » » (after everything)."""
    REWRITE = "rewrite"
    """« la deuxième phrase est ainsi rédigée : « Y » » (the sentence `where` names)."""


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
    every: int | None = None
    """Every occurrence of `anchor` (« chaque occurrence »: 0; « les deux occurrences »: 2,
    which is then checked); None: one occurrence."""


class BlockChangeKind(StrEnum):
    """The formulas over whole alinéas and tirets."""

    REWRITE = "rewrite"
    """« Le deuxième alinéa est ainsi rédigé : » (`count` blocks replaced by `texts`; a whole
    address: every block of it)."""
    DELETE = "delete"
    """« Le deuxième alinéa est supprimé » (`count` consecutive alinéas or tirets)."""
    INSERT_AFTER = "insert-after"
    """« Après le deuxième alinéa, il est inséré un alinéa ainsi rédigé : »."""
    INSERT_BEFORE = "insert-before"
    """« Avant le premier alinéa, il est inséré un alinéa ainsi rédigé : »."""
    APPEND = "append"
    """« L'article 2 est complété par un alinéa ainsi rédigé : » (at the end of `where`)."""
    MOVE_AFTER = "move-after"
    """« Le cinquième alinéa est placé après le deuxième alinéa »."""
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
    """DELETE and REWRITE: how many consecutive alinéas or tirets, starting at `where`."""
    destination: Address | None = None
    """MOVE_*: the block the moved one goes after or before."""
    line: int = 0


class StructureChangeKind(StrEnum):
    """The formulas over whole articles and divisions."""

    INSERT = "insert"
    """« Après l'article L. 12, il est inséré un article L. 12-1 ainsi rédigé : »; the quoted
    alinéas hold the new articles (« Art. L. 12-1. - … ») and division headings."""
    ABROGATE = "abrogate"
    """« L'article L. 15 est abrogé », « Les articles L. 12 à L. 15 sont abrogés », « Le
    chapitre II est abrogé » (a division with everything in it), « L'intitulé du chapitre II
    est supprimé » (`heading_only`)."""
    RENUMBER = "renumber"
    """« L'article 4 devient l'article 5 », « La section unique devient une section 1 »."""
    CREATE = "create"
    """« Il est créé un chapitre I bis intitulé : « La retenue » et comprenant les articles
    L. 521-14 à L. 521-19 »: a division heading placed before the first of those articles."""


class Side(StrEnum):
    """Where an insertion of articles or divisions goes, relative to `StructureChange.where`."""

    AFTER = "after"
    BEFORE = "before"
    START = "start"
    """At the start of a division, after its heading."""
    END = "end"
    """At the end of a division (« Le chapitre III est complété par une section IV »), or of
    the text when `where` names nothing."""


@dataclass(frozen=True, slots=True)
class StructureChange:
    """A change of whole articles or divisions."""

    kind: StructureChangeKind
    where: Address
    """The article or division abrogated, renumbered, or that an insertion is placed by."""
    side: Side = Side.AFTER
    texts: tuple[str, ...] = ()
    """INSERT: the quoted alinéas."""
    names: Path = ()
    """INSERT: the articles and divisions the sentence announces, ``("article", "L. 12-1")``;
    RENUMBER and CREATE: the new kind and number."""
    through: str | None = None
    """ABROGATE: the last article of a range (« L. 12 à L. 15 »); CREATE: the last article."""
    title: str | None = None
    """RENUMBER and CREATE: the division's title (« intitulé »), when the sentence gives one."""
    heading_only: bool = False
    """ABROGATE of a division: only its heading goes, its articles stay."""
    line: int = 0


@dataclass(frozen=True, slots=True)
class NoChange:
    """A provision that changes no text (date of application, …): reported, not applied."""

    text: str
    line: int = 0


Instruction = WordChange | BlockChange | StructureChange | NoChange
"""One instruction."""


class InstructionFailure(Exception):
    """Why one instruction cannot be applied (turned into an AmendmentError with its line)."""
