"""The body of an imported source: page-break joins, the vote it states, and block ids.

Block ids follow one scheme, numbered per kind in reading order and documented here because
other versions of the same deliberation are imported with it too:

- headings ``h1``, ``h2``, …; paragraphs ``p1``, ``p2``, …;
- lists ``l1``, ``l2``, … and their items ``l1-1``, ``l1-2``, …;
- visas ``v1``, …; considérants ``c1``, …; decision formulas ``d1``, …; vote blocks ``vt1``,
  …; signature lines ``s1``, …;
- articles ``a1``, ``a2``, … (in reading order, whatever their number) and annexes ``x1``, …;
  the blocks an article or annex holds are numbered inside it: ``a2-p1``, ``a2-l1``,
  ``a2-l1-1``, ``x1-h1``, … So an inserted visa or considérant changes no other id than the
  visas' or considérants' after it, and an alinéa added to article 2 no id outside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from amendtrack.importers.source import SourceBlock
from amendtrack.model import Block, BlockKind, Inline, Span, inline_text, normalise_inline
from amendtrack.translation import _

_FRAGMENT = 30
"""Characters of each fragment quoted in a page-break warning."""


# --- page-break joins -------------------------------------------------------------------------


def _split_by_page_break(first: SourceBlock, second: SourceBlock) -> bool:
    """A paragraph without final punctuation followed by one starting in lower case."""
    if first.kind is not BlockKind.PARAGRAPH or second.kind is not BlockKind.PARAGRAPH:
        return False
    end = inline_text(first.content).rstrip(" \t\u00a0\u202f")
    start = inline_text(second.content).lstrip(" \t\u00a0\u202f")
    return bool(end) and bool(start) and end[-1].isalnum() and start[0].islower()


def _joined(first: Inline, second: Inline) -> Inline:
    # The joining space carries the marks both sides share, so a bold run cut by a page
    # break stays one bold run.
    shared = first[-1].marks & second[0].marks
    if first[-1].text[-1:].isspace() or second[0].text[:1].isspace():
        return normalise_inline(first + second)
    return normalise_inline((*first, Span(" ", shared), *second))


def join_page_breaks(blocks: Sequence[SourceBlock]) -> tuple[list[SourceBlock], list[str]]:
    """Join paragraphs split by a page break, with one warning per join."""
    joined: list[SourceBlock] = []
    warnings: list[str] = []
    for block in blocks:
        if joined and _split_by_page_break(joined[-1], block):
            before = inline_text(joined[-1].content).rstrip()[-_FRAGMENT:]
            after = inline_text(block.content).lstrip()[:_FRAGMENT]
            warnings.append(
                _("joined two paragraphs split by a page break: « …{before} » + « {after}… »")
                .format(before=before, after=after)
            )
            joined[-1] = replace(joined[-1], content=_joined(joined[-1].content, block.content))
        else:
            joined.append(block)
    return joined, warnings


# --- formulas ---------------------------------------------------------------------------------


def recognise_formulas(blocks: Sequence[SourceBlock]) -> list[SourceBlock]:
    """The structure of the body (`amendtrack.importers.structure.recognise_structure`).

    Kept under its first name: the decision formula and signature lines were the first parts
    recognised; visas, considérants, articles, annexes and the vote are recognised with them.
    """
    from amendtrack.importers.structure import recognise_structure

    return recognise_structure(blocks)


def vote_fields(blocks: Sequence[Block | SourceBlock]) -> dict[str, str]:
    """Vote facts stated by the decision formulas and vote blocks (« à l'unanimité », « 25 voix
    pour », « Pour : 20 ; Contre : 3 », …: `amendtrack.french.votes.read_vote`).

    Facts a later block states again win (the vote block after the articles is the result).
    """
    from amendtrack.french.votes import read_vote

    found: dict[str, str] = {}
    stating = (BlockKind.DECISION, BlockKind.VOTE)  # looked up once (properties on 3.11)
    for block in blocks:
        if block.kind in stating:
            found.update(read_vote(inline_text(block.content)))
    return found


def body_fields(blocks: Sequence[Block | SourceBlock]) -> dict[str, str]:
    """The facts the text itself states: the vote (`vote_fields`), who presides (« Madame la
    Maire expose », « adhère aux propositions de Monsieur le Président »: ``presidence``), their
    name under their title in the signature (``president``) and the assembly the decision
    formula names (« Le comité syndical, après en avoir délibéré »: ``assemblee``)."""
    from amendtrack.french.deliberations import assembly_in, presiding_in, signatory_in

    found = vote_fields(blocks)
    signature, decision = BlockKind.SIGNATURE, BlockKind.DECISION  # looked up once
    for block in blocks:
        kind = block.kind
        text = inline_text(block.content)
        if "president" not in found and kind is signature and (name := signatory_in(text)):
            found["president"] = name
        if "presidence" not in found and kind in _SPOKEN and (who := presiding_in(text)):
            found["presidence"] = who
        if ("assemblee" not in found and kind is decision
                and (assembly := assembly_in(text))):
            found["assemblee"] = assembly
    return found


_SPOKEN = frozenset({BlockKind.PARAGRAPH, BlockKind.DECISION, BlockKind.CONSIDERANT,
                     BlockKind.VISA, BlockKind.ITEM})
"""Where a presiding person is named speaking or proposing (not in articles' headings)."""


# --- ids --------------------------------------------------------------------------------------

_PREFIXES = {
    BlockKind.HEADING: "h",
    BlockKind.PARAGRAPH: "p",
    BlockKind.VISA: "v",
    BlockKind.CONSIDERANT: "c",
    BlockKind.DECISION: "d",
    BlockKind.ARTICLE: "a",
    BlockKind.ANNEX: "x",
    BlockKind.VOTE: "vt",
    BlockKind.SIGNATURE: "s",
}


class _Numbering:
    """Counters for one scope: the whole text, or one article or annex."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.counters: dict[str, int] = {}
        self.list_key: int | None = None
        self.list_id = ""
        self.items = 0

    def next(self, name: str) -> str:
        number = self.counters[name] = self.counters.get(name, 0) + 1
        return f"{self.prefix}{name}{number}"

    def item(self, key: int | None) -> tuple[str, str]:
        key = -1 if key is None else key
        if self.list_key is None or key != self.list_key:
            self.list_id, self.items = self.next("l"), 0
        self.list_key = key
        self.items += 1
        return f"{self.list_id}-{self.items}", self.list_id


def assign_ids(blocks: Sequence[SourceBlock]) -> tuple[Block, ...]:
    """Blocks with ids in the module's scheme (lists: consecutive items with one key)."""
    ids = block_ids([(block.kind, block.list_key) for block in blocks])
    return tuple(
        Block(identifier, BlockKind.ITEM, block.content, list_id)
        if block.kind is BlockKind.ITEM
        else Block(identifier, block.kind, block.content, None,
                   (block.level or 1) if block.kind is BlockKind.HEADING else None,
                   block.number, block.title, block.alinea)
        for block, (identifier, list_id) in zip(blocks, ids, strict=True)
    )


def structured_paragraphs(texts: Sequence[str]) -> tuple[Block, ...]:
    """Paragraphs of plain text (a text import) recognised and numbered: what `assign_ids`
    gives for `recognise_structure` of them, without a source block per paragraph (a whole
    code has thousands)."""
    from amendtrack.french.deliberations import recognise

    roles = recognise([(BlockKind.PARAGRAPH, text) for text in texts])
    ids = block_ids([(role.kind, None) for role in roles])
    return tuple(
        Block(identifier, role.kind, (Span(text),) if text else (), None, None, role.number,
              role.title, role.alinea)
        for text, role, (identifier, _) in zip(texts, roles, ids, strict=True)
    )


def block_ids(blocks: Iterable[tuple[BlockKind, int | None]]) -> list[tuple[str, str | None]]:
    """The id of each block of the given kinds (and, for an item, its list key), and for an
    item the id of its list: `assign_ids` without building the blocks."""
    text = _Numbering("")
    scope = text
    within: frozenset[BlockKind] = frozenset()  # the kinds the current division holds
    ids: list[tuple[str, str | None]] = []
    item = BlockKind.ITEM  # looked up once (a property call on Python 3.11)
    for kind, list_key in blocks:
        if kind not in within:
            scope, within = text, frozenset()
        if kind is item:
            ids.append(scope.item(list_key))
            continue
        scope.list_key = None
        identifier = scope.next(_PREFIXES[kind])
        ids.append((identifier, None))
        if kind in _HOLDS:
            scope, within = _Numbering(identifier + "-"), _HOLDS[kind]
    return ids


_HOLDS = {
    BlockKind.ARTICLE: frozenset({BlockKind.PARAGRAPH, BlockKind.ITEM}),
    BlockKind.ANNEX: frozenset(BlockKind) - {BlockKind.ANNEX, BlockKind.VOTE,
                                            BlockKind.SIGNATURE},
}
"""The kinds of block an article or an annex holds (`amendtrack.model.divisions`)."""
