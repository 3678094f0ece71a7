"""The title block of a deliberation, read into metadata.

The title block is the run of leading blocks that look like a title (headings, blocks that are
bold throughout, or blocks holding a recognised line), up to the last block that holds a
recognised line. Each line of it (blocks are split at line breaks) is matched against the usual
French formulas; only what a line states is taken, never guessed:

- « VILLE D'… », « COMMUNE DE … », « MAIRIE DE … », … → ``collectivite`` (the line as written);
- « Séance du 7 décembre 2022 » → ``seance`` (French month names, « 1er », ``07/12/2022``);
- « n° 07.12.13. » → ``numero`` (final full stop dropped);
- « Secrétaire de séance : monsieur Dimitri KRAJEWSKI » → ``secretaire`` (civility dropped);
- « Objet : … » → ``objet``; after « DELIBERATION DU CONSEIL MUNICIPAL », the following
  unrecognised lines of its block (or of the next block, when it ends the block) → ``objet``;
- « Modification de la délibération en date du 2 février 2022 » → `TitleBlock.modifies`.

A fact given twice with different values is left out, with a warning. The title block is kept
as `TitleBlock.header`: its blocks' inline content, marks and line breaks as in the source,
blocks separated by two line breaks (one empty line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from amendtrack.french.calendar import parse_french_date
from amendtrack.importers.source import SourceBlock
from amendtrack.model import LINE_BREAK, BlockKind, Inline, Mark, Span, normalise_inline

MAX_TITLE_BLOCKS = 12
"""The title block is looked for among this many leading blocks."""

_E = "[eéÉE]"
_BOILERPLATE = re.compile(
    rf"^(?:extrait du registre.*|(?:registre )?des d{_E}lib{_E}rations.*|r{_E}publique fran[cç]aise"
    rf"|d{_E}partement d.*|arrondissement d.*|canton d.*|libert{_E}.*fraternit{_E}.*)$",
    re.IGNORECASE,
)
_COLLECTIVITE = re.compile(
    r"^(?:ville|commune|mairie|communaut[eé] (?:de communes|d'agglom[eé]ration|urbaine)"
    r"|m[eé]tropole|syndicat)\b.+$",
    re.IGNORECASE,
)
_SEANCE = re.compile(rf"^(?:s{_E}ance|r{_E}union|conseil municipal)\b.*\bdu\b", re.IGNORECASE)
_SECRETAIRE = re.compile(
    rf"^secr{_E}taire de s{_E}ance\s*:\s*(?:(?:monsieur|madame|mademoiselle|m\.|mme|mr)\s+)?"
    r"(.+?)\.?$",
    re.IGNORECASE,
)
_NUMERO = re.compile(
    rf"^(?:d{_E}lib{_E}ration\s+)?(?:n[°º]|num{_E}ro)\s*:?\s*(\S+?)\.?$", re.IGNORECASE
)
_MARKER = re.compile(rf"^d{_E}lib{_E}ration du conseil municipal\s*\.?$", re.IGNORECASE)
_OBJET = re.compile(r"^objet\s*:\s*(.+)$", re.IGNORECASE)
_MODIFIES = re.compile(rf"^modification de la d{_E}lib{_E}ration\b(.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """What the title block of a source says."""

    blocks: int
    """How many leading source blocks it spans (0: no title block found)."""
    facts: tuple[tuple[str, str], ...] = ()
    """Recognised metadata as flat fields (``collectivite``, ``seance``, ``numero``, …)."""
    modifies: str | None = None
    """The date of the deliberation this act modifies, if the title block says so."""
    header: Inline = ()
    """The title block's content as it stands in the source."""
    warnings: tuple[str, ...] = ()

    def fields(self) -> dict[str, str]:
        """The recognised facts as a dictionary."""
        return dict(self.facts)


def split_lines(content: Inline) -> list[Inline]:
    """Inline content cut at its line breaks."""
    lines: list[list[Span]] = [[]]
    for span in content:
        for position, piece in enumerate(span.text.split(LINE_BREAK)):
            if position:
                lines.append([])
            lines[-1].append(Span(piece, span.marks))
    return [normalise_inline(line) for line in lines]


def _collapse(line: Inline) -> str:
    text = "".join(span.text for span in line).replace("’", "'")
    return " ".join(text.split())


def _classify(line: str) -> tuple[str, str | None] | None:
    """What a line of the title block states: (field, value), or None if unrecognised."""
    if _MARKER.match(line):
        return ("marker", None)
    if modifies := _MODIFIES.match(line):
        return ("modifies", parse_french_date(modifies[1]))
    if _BOILERPLATE.match(line):
        return ("boilerplate", None)
    if secretaire := _SECRETAIRE.match(line):
        return ("secretaire", secretaire[1])
    if _SEANCE.match(line) and (when := parse_french_date(line)):
        return ("seance", when)
    if numero := _NUMERO.match(line):
        return ("numero", numero[1])
    if objet := _OBJET.match(line):
        return ("objet", objet[1])
    if _COLLECTIVITE.match(line):
        return ("collectivite", line)
    return None


def _bold_throughout(block: SourceBlock) -> bool:
    return all(Mark.BOLD in span.marks for span in block.content if span.text.strip())


def read_title_block(blocks: Sequence[SourceBlock]) -> TitleBlock:
    """Recognise the title block at the start of `blocks`."""
    found: dict[str, list[str]] = {}
    objet_lines: list[str] = []
    notes: list[str] = []
    end = 0
    objet_open = False  # unrecognised lines after « DELIBERATION DU CONSEIL MUNICIPAL »
    for index, block in enumerate(blocks[:MAX_TITLE_BLOCKS]):
        recognised = False
        for line in (_collapse(line) for line in split_lines(block.content)):
            kind = _classify(line) if line else None
            if kind is None:
                if line and objet_open:
                    objet_lines.append(line)
                    recognised = True
                continue
            recognised = True
            name, value = kind
            objet_open = name == "marker"
            if value is not None:
                found.setdefault(name, []).append(value)
            elif name == "modifies":
                notes.append(f"the title block says « {line} » but gives no date it modifies")
        if recognised:
            end = index + 1
        elif not (block.kind is BlockKind.HEADING or _bold_throughout(block)):
            break
        if objet_lines:
            objet_open = False  # the objet ends with the block that holds it
    if objet_lines:
        found.setdefault("objet", []).append(" ".join(objet_lines))
    return _title_block(blocks[:end], found, notes)


def _title_block(
    blocks: Sequence[SourceBlock], found: dict[str, list[str]], warnings: list[str]
) -> TitleBlock:
    facts: list[tuple[str, str]] = []
    modifies = None
    for name, values in found.items():
        distinct = list(dict.fromkeys(values))
        if len(distinct) > 1:
            warnings.append(
                f"the title block gives {len(distinct)} values for {name} "
                f"({' / '.join(distinct)}): left out"
            )
            continue
        if name == "modifies":
            modifies = distinct[0]
        else:
            facts.append((name, distinct[0]))
    header: list[Span] = []
    for block in blocks:
        if header:
            header.append(Span(LINE_BREAK * 2))
        header.extend(block.content)
    return TitleBlock(
        blocks=len(blocks),
        facts=tuple(facts),
        modifies=modifies,
        header=normalise_inline(header),
        warnings=tuple(warnings),
    )
