"""The data model: deliberation versions and the amendments between them.

Everything here is immutable (frozen, slotted dataclasses and enums) so that a version or an
amendment can be hashed, shared between renderers and compared in tests. Nothing here knows
about XML, JSON or diff-match-patch: `documents` reads and writes versions, `amendments`
computes amendments.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from types import MappingProxyType

LINE_BREAK = "\n"
"""Inside a span's text, a line break (``<br/>`` in XML) is written as a newline."""


class Mark(StrEnum):
    """An inline format. The value is the XML element name."""

    BOLD = "b"
    ITALIC = "i"
    UNDERLINE = "u"
    SUPERSCRIPT = "sup"
    SUBSCRIPT = "sub"


MARK_ORDER: tuple[Mark, ...] = tuple(Mark)
"""Canonical nesting order of marks, outermost first."""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text carrying one set of marks."""

    text: str
    """The characters, exactly; ``"\\n"`` stands for a line break."""
    marks: frozenset[Mark] = frozenset()
    """The formats applied to the whole run."""


Inline = tuple[Span, ...]
"""Inline content: spans in order, normalised by `normalise_inline`."""


def normalise_inline(spans: Iterable[Span]) -> Inline:
    """Drop empty spans and merge neighbours that carry the same marks."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and merged[-1].marks == span.marks:
            merged[-1] = Span(merged[-1].text + span.text, span.marks)
        else:
            merged.append(span)
    return tuple(merged)


def inline_text(spans: Iterable[Span]) -> str:
    """The plain text of inline content (line breaks as newlines)."""
    return "".join(span.text for span in spans)


def plain(text: str) -> Inline:
    """Inline content made of one unformatted span (or nothing for empty text)."""
    return normalise_inline([Span(text)])


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


# --- metadata as flat fields ------------------------------------------------------------------

_VOTE_FIELDS = ("pour", "contre", "abstentions", "unanimite")


def metadata_fields(metadata: Metadata) -> dict[str, str]:
    """Metadata as flat ``name → text`` pairs, absent facts left out.

    Names are those of `Metadata`, with ``vote.pour`` etc. for the vote; `--meta KEY=VALUE` and
    metadata changes in amendments use the same names.
    """
    flat: dict[str, str] = {}
    for item in fields(metadata):
        value = getattr(metadata, item.name)
        if value is None:
            continue
        if isinstance(value, Vote):
            for name in _VOTE_FIELDS:
                sub = getattr(value, name)
                if name == "unanimite":
                    if sub:
                        flat["vote.unanimite"] = "true"
                elif sub is not None:
                    flat[f"vote.{name}"] = str(sub)
            continue
        flat[item.name] = str(value)
    return flat


METADATA_FIELD_NAMES: tuple[str, ...] = tuple(
    name
    for item in fields(Metadata)
    for name in (
        [f"vote.{sub}" for sub in _VOTE_FIELDS] if item.name == "vote" else [item.name]
    )
)
"""Every flat metadata field name, in schema order."""

_INT_FIELDS = frozenset({"en_exercice", "presents", "representes", "votants"})


def metadata_from_fields(flat: dict[str, str]) -> Metadata:
    """The inverse of `metadata_fields`. Raises ValueError on an unknown name or a bad number."""
    unknown = sorted(set(flat) - set(METADATA_FIELD_NAMES))
    if unknown:
        raise ValueError(
            f"unknown metadata field {unknown[0]!r} (known: {', '.join(METADATA_FIELD_NAMES)})"
        )
    for required in ("collectivite", "seance", "objet"):
        if not flat.get(required):
            raise ValueError(f"metadata field {required!r} is required")
    values: dict[str, object] = {}
    vote: dict[str, object] = {}
    for name, text in flat.items():
        if name.startswith("vote."):
            sub = name.removeprefix("vote.")
            vote[sub] = _parse_bool(name, text) if sub == "unanimite" else _parse_int(name, text)
        elif name in _INT_FIELDS:
            values[name] = _parse_int(name, text)
        else:
            values[name] = text
    if vote:
        values["vote"] = Vote(**vote)  # type: ignore[arg-type]
    return Metadata(**values)  # type: ignore[arg-type]


def _parse_int(name: str, text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise ValueError(f"metadata field {name!r} must be a whole number, not {text!r}")
    return int(text)


BOOLEAN_WORDS: Mapping[str, bool] = MappingProxyType({
    "true": True, "false": False, "yes": True, "no": False, "oui": True, "non": False,
    "1": True, "0": False, "on": True, "off": False,
})
"""The words amendtrack reads as yes or no, wherever a yes/no value is typed (case ignored)."""


def read_bool(text: str) -> bool | None:
    """The yes/no value `text` spells (`BOOLEAN_WORDS`), None if it spells none."""
    return BOOLEAN_WORDS.get(text.strip().lower())


def _parse_bool(name: str, text: str) -> bool:
    value = read_bool(text)
    if value is None:
        raise ValueError(f"metadata field {name!r} must be true or false, not {text!r}")
    return value


def with_metadata(metadata: Metadata, updates: dict[str, str]) -> Metadata:
    """Metadata with some flat fields set (an empty value removes the field)."""
    flat = metadata_fields(metadata)
    for name, value in updates.items():
        if value:
            flat[name] = value
        else:
            flat.pop(name, None)
    return metadata_from_fields(flat)


# --- amendments -------------------------------------------------------------------------------


class InlineOpKind(StrEnum):
    """What happened to a run of text inside a modified block."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    FORMAT = "format"
    """Same characters, other marks (the same words became bold, superscript, …)."""
    TYPOGRAPHY = "typography"
    """Same words, other typography (’ and ', « » and " ", œ and oe, U+00A0 and space)."""
    WHITESPACE = "whitespace"
    """Only whitespace differs (runs of spaces, tabs, line breaks)."""


@dataclass(frozen=True, slots=True)
class InlineOp:
    """One run of an inline diff. A replacement is a DELETE followed by an INSERT."""

    kind: InlineOpKind
    old: Inline
    """The run as it stands in OLD (empty for INSERT)."""
    new: Inline
    """The run as it stands in NEW (empty for DELETE); renderers show these characters."""


class BlockOpKind(StrEnum):
    """What happened to a block."""

    KEEP = "keep"
    MODIFY = "modify"
    INSERT = "insert"
    DELETE = "delete"
    MOVE = "move"
    """The block changed position (and possibly content: see `BlockOp.inline`)."""


@dataclass(frozen=True, slots=True)
class BlockOp:
    """One operation over aligned blocks, listed in reading order of the amended text.

    A DELETE stands where the block stood in OLD; a MOVE stands at its new position.
    """

    kind: BlockOpKind
    old_index: int | None
    """Position of the block in OLD's body (None for INSERT)."""
    new_index: int | None
    """Position of the block in NEW's body (None for DELETE)."""
    old: Block | None
    new: Block | None
    inline: tuple[InlineOp, ...] = ()
    """For MODIFY, and for a MOVE whose content changed: the inline diff."""


@dataclass(frozen=True, slots=True)
class MetadataChange:
    """A metadata or version field that changed (None: absent on that side)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Amendment:
    """The exact difference between two versions: applying it to OLD gives NEW."""

    base_hash: str
    """Content hash of the version it applies to (``sha256:…``)."""
    result_hash: str
    """Content hash of the version it produces."""
    blocks: tuple[BlockOp, ...]
    metadata: tuple[MetadataChange, ...] = ()
    minimal: bool = True
    """False when a size or time budget cut the search short: the diff is exact but not minimal."""
    notes: tuple[str, ...] = field(default=())
    """Warnings for the user (for instance why the amendment is not minimal)."""

    def changed(self) -> Iterator[BlockOp]:
        """The operations that are not KEEP."""
        return (op for op in self.blocks if op.kind is not BlockOpKind.KEEP)


__all__ = [
    "LINE_BREAK",
    "MARK_ORDER",
    "METADATA_FIELD_NAMES",
    "Amendment",
    "Block",
    "BlockKind",
    "BlockOp",
    "BlockOpKind",
    "Inline",
    "InlineOp",
    "InlineOpKind",
    "Mark",
    "Metadata",
    "MetadataChange",
    "ModifyingAct",
    "Span",
    "Version",
    "VersionInfo",
    "Vote",
    "inline_text",
    "metadata_fields",
    "metadata_from_fields",
    "normalise_inline",
    "plain",
    "with_metadata",
]
