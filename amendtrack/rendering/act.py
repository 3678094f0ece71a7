"""The amending act (« rajout en gras »), composed as a renderer-neutral structure.

When a conseil municipal changes an earlier deliberation it adopts an act that reproduces the
whole text with the additions in bold. `compose` builds that act from a `RenderJob`: the
header from NEW's metadata and modifying act (collectivité, « EXTRAIT DU REGISTRE DES
DELIBERATIONS DU CONSEIL MUNICIPAL », séance, secrétaire, numéro), the title (objet and
« Modification de la délibération en date du … », the date taken from OLD), the exposé ending
« de la manière suivante : (rajout en gras). », NEW's text with the additions marked, then the
vote formula and the signature block when NEW's text does not carry them itself.

Every part is a `RenderBlock`, so a renderer draws the act with the code it uses for the diff.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from amendtrack.french.calendar import french_date
from amendtrack.model import LINE_BREAK, BlockKind, BlockOpKind, Mark, Metadata, Version, Vote
from amendtrack.rendering.api import RenderJob
from amendtrack.rendering.blocks import RenderBlock, all_blocks
from amendtrack.rendering.runs import Change, Run, split_lines

_BOLD = frozenset({Mark.BOLD})
REGISTER = ("EXTRAIT DU REGISTRE", "DES DELIBERATIONS DU CONSEIL MUNICIPAL")
"""The register lines of the header, as councils print them (capitals without accents)."""
TITLE_MARKER = "Modification de la délibération"
"""How the title line of the act begins."""
BOLD_NOTICE = "(rajout en gras)"
"""The words that tell the reader how additions are marked."""


class ActRole(StrEnum):
    """The part of the act a block belongs to; renderers may style each part."""

    HEADER = "header"
    """Collectivité, register, séance, secrétaire and numéro."""
    TITLE = "title"
    """« DELIBERATION DU CONSEIL MUNICIPAL », the objet and the modified deliberation."""
    EXPOSE = "expose"
    BODY = "body"
    """The consolidated text, additions marked."""
    DECISION = "decision"
    SIGNATURE = "signature"


@dataclass(frozen=True, slots=True)
class ActBlock:
    """One block of the act and the part it belongs to."""

    role: ActRole
    block: RenderBlock


@dataclass(frozen=True, slots=True)
class Act:
    """The whole amending act, in reading order."""

    blocks: tuple[ActBlock, ...]
    title: str
    """A one-line title for document metadata (« objet — Modification de la délibération … »)."""
    language: str = "fr"

    def body(self) -> Iterator[RenderBlock]:
        """The blocks of the consolidated text (body, decision and signature from NEW)."""
        return (item.block for item in self.blocks if item.role is ActRole.BODY)


def compose(job: RenderJob) -> Act:
    """The amending act for `job` (its view is not consulted)."""
    new, old = job.new, job.old
    modified = old.metadata.seance or old.info.date
    title_line = f"Modification de la délibération en date du {french_date(modified)}"
    blocks: list[ActBlock] = []
    recorded = _recorded_header(new)
    if recorded:
        # The act's own header, as it stood, is authoritative: it keeps « monsieur » and
        # the capitals the council used. Its last block is the title when it has one.
        has_title = TITLE_MARKER in "".join(block.text for block in recorded)
        header = recorded[:-1] if has_title else recorded
        blocks.extend(ActBlock(ActRole.HEADER, block) for block in header)
        if has_title:
            blocks.append(ActBlock(ActRole.TITLE, recorded[-1]))
    else:
        blocks.extend(ActBlock(ActRole.HEADER, block) for block in _header(new))
    if not recorded or TITLE_MARKER not in "".join(block.text for block in recorded):
        blocks.append(ActBlock(ActRole.TITLE, _bold_block(
            ["DELIBERATION DU CONSEIL MUNICIPAL", new.metadata.objet, title_line]
        )))
    blocks.append(ActBlock(ActRole.EXPOSE, _expose(new, modified)))
    kinds: set[BlockKind] = set()
    for block in all_blocks(job):
        kinds.add(block.kind)
        blocks.append(ActBlock(ActRole.BODY, block))
    if BlockKind.DECISION not in kinds:
        blocks.append(ActBlock(ActRole.DECISION, _decision(new.metadata)))
    if BlockKind.SIGNATURE not in kinds:
        blocks.extend(ActBlock(ActRole.SIGNATURE, block) for block in _signature(new.metadata))
    return Act(tuple(blocks), title=f"{new.metadata.objet} — {title_line}")


def _recorded_header(new: Version) -> list[RenderBlock]:
    """The modifying act's recorded header, cut into blocks at its blank lines."""
    act = new.info.act
    if act is None or not act.header:
        return []
    blocks: list[RenderBlock] = []
    current: list[list[Run]] = []
    for line in split_lines(Run(span.text, span.marks, Change.SAME) for span in act.header):
        if line:
            current.append(line)
            continue
        if current:
            blocks.append(_lines_block(current))
            current = []
    if current:
        blocks.append(_lines_block(current))
    return blocks


def _lines_block(lines: list[list[Run]]) -> RenderBlock:
    runs: list[Run] = []
    for index, line in enumerate(lines):
        if index:
            runs.append(Run(LINE_BREAK, frozenset(), Change.SAME))
        runs.extend(line)
    return RenderBlock(BlockKind.PARAGRAPH, BlockOpKind.KEEP, tuple(runs))


def _bold_block(lines: list[str]) -> RenderBlock:
    text = LINE_BREAK.join(line for line in lines if line)
    return RenderBlock(BlockKind.PARAGRAPH, BlockOpKind.KEEP, (Run(text, _BOLD, Change.SAME),))


def _plain_block(kind: BlockKind, lines: list[str]) -> RenderBlock:
    text = LINE_BREAK.join(lines)
    return RenderBlock(kind, BlockOpKind.KEEP, (Run(text, frozenset(), Change.SAME),))


def _header(new: Version) -> list[RenderBlock]:
    metadata = new.metadata
    act = new.info.act
    seance = f"Séance du {french_date(metadata.seance)}"
    blocks = [_bold_block([metadata.collectivite.upper(), *REGISTER, seance])]
    if metadata.secretaire:
        blocks.append(_bold_block([f"Secrétaire de séance : {metadata.secretaire}"]))
    numero = (act.numero if act is not None else None) or metadata.numero
    if numero:
        blocks.append(_bold_block([f"n° {numero}" if numero.endswith(".") else f"n° {numero}."]))
    return blocks


def _expose(new: Version, modified: str) -> RenderBlock:
    act = new.info.act
    if act is not None and act.expose:
        runs = [Run(span.text, span.marks, Change.SAME) for span in act.expose]
        text = "".join(run.text for run in runs)
        if BOLD_NOTICE in text:
            return RenderBlock(BlockKind.PARAGRAPH, BlockOpKind.KEEP, tuple(runs))
        runs = _trim_end(runs)
        if not text.rstrip().rstrip(".").rstrip().endswith(":"):
            runs.append(Run(" de la manière suivante :", frozenset(), Change.SAME))
    else:
        president = "Monsieur le Président"
        runs = [Run(
            f"{president} expose qu'il est nécessaire de modifier la délibération adoptée par "
            f"le conseil municipal en date du {french_date(modified)} de la manière suivante :",
            frozenset(), Change.SAME,
        )]
    runs.append(Run(" ", frozenset(), Change.SAME))
    runs.append(Run(BOLD_NOTICE, _BOLD, Change.SAME))
    runs.append(Run(".", frozenset(), Change.SAME))
    return RenderBlock(BlockKind.PARAGRAPH, BlockOpKind.KEEP, tuple(runs))


def _trim_end(runs: list[Run]) -> list[Run]:
    # The exposé is continued by « (rajout en gras). »: drop its final dot and spaces.
    trimmed = list(runs)
    while trimmed:
        last = trimmed[-1]
        text = last.text.rstrip().removesuffix(".").rstrip()
        if text:
            trimmed[-1] = Run(text, last.marks, last.change)
            return trimmed
        trimmed.pop()
    return trimmed


def vote_formula(vote: Vote | None) -> str:
    """« à l'unanimité » or « par 20 voix pour, 3 contre et 2 abstentions » (empty if unknown)."""
    if vote is None:
        return ""
    if vote.unanimite:
        return "à l'unanimité"
    parts: list[str] = []
    if vote.pour is not None:
        parts.append(f"{vote.pour} voix pour")
    if vote.contre is not None:
        parts.append(f"{vote.contre} contre")
    if vote.abstentions is not None:
        parts.append(f"{vote.abstentions} abstention" + ("s" if vote.abstentions > 1 else ""))
    if not parts:
        return ""
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    return f"par {joined}"


def _decision(metadata: Metadata) -> RenderBlock:
    lines = ["Le Conseil Municipal,", "après en avoir délibéré,"]
    formula = vote_formula(metadata.vote)
    if formula:
        lines.append(f"{formula},")
    lines.append("adhère aux propositions de Monsieur le Président.")
    return _plain_block(BlockKind.DECISION, lines)


def commune(collectivite: str) -> str:
    """The place name of a collectivité: « Ville d'Aulnoy-lez-Valenciennes » → its town."""
    return re.sub(r"^(?:ville|commune|mairie)\s+(?:de\s+la\s+|de\s+|d['’]\s*|du\s+|des\s+)",
                  "", collectivite.strip(), flags=re.IGNORECASE)


def _signature(metadata: Metadata) -> list[RenderBlock]:
    place = commune(metadata.collectivite)
    blocks = [_plain_block(BlockKind.SIGNATURE, [
        f"Fait et délibéré, en séance, à {place}, à la date que dessus."
    ])]
    if metadata.secretaire:
        name = re.sub(r"^(?:monsieur|madame|m\.|mme)\s+", "", metadata.secretaire,
                      flags=re.IGNORECASE)
        blocks.append(_plain_block(BlockKind.SIGNATURE,
                                   ["Le secrétaire de séance,", f"{name.rstrip('.')}."]))
    blocks.append(_plain_block(BlockKind.SIGNATURE, ["Pour extrait conforme,", "Le Président,"]))
    return blocks


__all__ = [
    "BOLD_NOTICE",
    "REGISTER",
    "TITLE_MARKER",
    "Act",
    "ActBlock",
    "ActRole",
    "commune",
    "compose",
    "vote_formula",
]
