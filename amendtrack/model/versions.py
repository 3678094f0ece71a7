"""A version of a deliberation: its version information, its metadata and its body of blocks."""

from __future__ import annotations

from dataclasses import dataclass

from amendtrack.model.blocks import Block, BlockKind
from amendtrack.model.divisions import Division, find_divisions
from amendtrack.model.text import Inline


@dataclass(frozen=True, slots=True)
class Vote:
    """The result of the vote. `unanimite` excludes counts that contradict it (a vote
    « à l'unanimité des suffrages exprimés » may count abstentions: `exprimes`)."""

    pour: int | None = None
    contre: int | None = None
    abstentions: int | None = None
    unanimite: bool = False
    nppv: int | None = None
    """Members present who did not take part in the vote (« ne prenant pas part au vote »)."""
    majorite: bool = False
    """The act says « à la majorité » (with or without counts)."""
    exprimes: bool = False
    """The unanimity is of the votes cast (« à l'unanimité des suffrages exprimés »)."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """Facts about the deliberation. Unknown facts are None, never guessed.

    Dates are ISO 8601 strings (``YYYY-MM-DD``), validated by the schema.
    """

    collectivite: str
    """Name of the collectivité (required)."""
    seance: str
    """Date of the council meeting (required)."""
    objet: str
    """Subject of the deliberation (required)."""
    siren: str | None = None
    """SIREN of the collectivité (9 digits)."""
    numero: str | None = None
    president: str | None = None
    """Name of who presides the séance (« Marie DUPONT »)."""
    secretaire: str | None = None
    convocation: str | None = None
    """Date of the convocation."""
    en_exercice: int | None = None
    """Number of conseillers en exercice."""
    presents: int | None = None
    representes: int | None = None
    votants: int | None = None
    vote: Vote | None = None
    publication: str | None = None
    """Date of publication."""
    transmission: str | None = None
    """Date of transmission to the préfecture."""
    actes_nature: str | None = None
    """@ctes nature code (1 = délibération, …)."""
    actes_matiere: str | None = None
    """@ctes matière code (such as ``7.5``)."""
    assemblee: str | None = None
    """The deliberative assembly, lower case: « conseil municipal », « comité syndical » …"""
    presidence: str | None = None
    """Who presides, as the act names them: « Madame la Maire », « Monsieur le Président »."""
    siret: str | None = None
    """SIRET of the collectivité (14 digits; its first 9 are the SIREN)."""
    actes_matiere_nom: str | None = None
    """Name of the @ctes matière (« Finances locales/Subventions »)."""
    actes_accuse: str | None = None
    """Identifier of the acknowledgement of receipt by the préfecture (@ctes)."""
    actes_accuse_date: str | None = None
    """Date of that acknowledgement (the date of registration at the contrôle de légalité)."""
    actes_prefecture: str | None = None
    """Identifier of the authority of the contrôle de légalité (« PREF0591 »)."""
    budget_annee: str | None = None
    """Budget year, for a budgetary deliberation (« 2023 »)."""
    budget_nom: str | None = None
    """Budget name (« Budget principal »)."""
    url: str | None = None
    """Where the deliberation is published (an http or https address)."""


@dataclass(frozen=True, slots=True)
class ModifyingAct:
    """The act that produced a modifying version (its date, number and exposé)."""

    date: str | None = None
    numero: str | None = None
    expose: Inline = ()
    """The paragraph of the act that explains the change."""
    header: Inline = ()
    """The act's own title block, as it stood (optional)."""


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """Where a version stands in the history of its deliberation."""

    deliberation: str
    """Identifier of the deliberation, stable across its versions (``[a-z0-9][a-z0-9._-]*``)."""
    date: str
    """Date from which this version is the text of the deliberation (ISO 8601)."""
    modifies: str | None = None
    """For a modifying version: the date of the version it modifies."""
    act: ModifyingAct | None = None
    """For a modifying version: the act that modified it."""
    modifies_numero: str | None = None
    """For a modifying version: the numéro of the deliberation it modifies, when stated."""
    replaces: bool = False
    """The act annuls and replaces the version it modifies (« annule et remplace »)."""
    final_newlines: int = 0
    """How many newlines ended the plain-text source: the end of the file, not part of the
    last alinéa (``show --to text`` writes them back); 0 for other sources."""


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a deliberation: what a version XML file holds."""

    info: VersionInfo
    metadata: Metadata
    body: tuple[Block, ...]

    def block(self, block_id: str) -> Block:
        """The block with this identifier (KeyError if none)."""
        for candidate in self.body:
            if candidate.id == block_id:
                return candidate
        raise KeyError(block_id)

    def text(self) -> str:
        """The body as plain text: blocks separated by one blank line."""
        return "\n\n".join(block.text for block in self.body)

    def divisions(self) -> tuple[Division, ...]:
        """The articles and annexes of the body, in reading order (`amendtrack.model.divisions`)."""
        return find_divisions(self.body)

    def articles(self) -> tuple[Division, ...]:
        """The articles of the body, in reading order."""
        return tuple(d for d in self.divisions() if d.kind is BlockKind.ARTICLE)

    def division_of(self, index: int) -> Division | None:
        """The article or annex the block at body index `index` belongs to (None: neither)."""
        return next((d for d in self.divisions() if index in d), None)
