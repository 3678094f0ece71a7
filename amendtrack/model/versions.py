"""A version of a deliberation: its version information, its metadata and its body of blocks."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from amendtrack.model.text import Inline, inline_text


class BlockKind(StrEnum):
    """What a body block is. The value is the XML element name."""

    HEADING = "heading"
    PARAGRAPH = "p"
    ITEM = "item"
    """An item of a list; consecutive items with the same `Block.list_id` form one list."""
    DECISION = "decision"
    """The decision and vote formula (« Le Conseil Municipal, après en avoir délibéré, … »)."""
    SIGNATURE = "signature"
    """A signature line (« Fait et délibéré … », « Le Président, »)."""


MAX_HEADING_LEVEL = 100
"""The deepest heading level amendtrack reads (renderers write ``#`` or indents per level)."""


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the body: a heading, a paragraph (alinéa), a list item, a formula."""

    id: str
    """Stable identifier, unique in the version, kept across versions for the same block."""
    kind: BlockKind
    content: Inline
    list_id: str | None = None
    """For an item: the identifier of the list it belongs to; None otherwise."""
    level: int | None = None
    """For a heading: its level, 1 being the highest; None otherwise."""

    @property
    def text(self) -> str:
        """The plain text of the block."""
        return inline_text(self.content)


@dataclass(frozen=True, slots=True)
class Vote:
    """The result of the vote. `unanimite` excludes counts that contradict it."""

    pour: int | None = None
    contre: int | None = None
    abstentions: int | None = None
    unanimite: bool = False


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
    numero: str | None = None
    president: str | None = None
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
