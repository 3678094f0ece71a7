"""The amending act (« rajout en gras »), composed from facts as a renderer-neutral structure.

When a council changes an earlier deliberation it adopts an act that reproduces the whole text
with the changes marked. `compose` builds that act from a `RenderJob`; every sentence comes from
the house template (`amendtrack.rendering.template`, a file a collectivité can change) filled with
the facts of the versions (`amendtrack.rendering.act_facts`), none fixed in code:

- the **header**: NEW's own title block as it stood when it has one (it keeps the council's
  capitals and words), otherwise composed (collectivité, register of the assembly, séance,
  secrétaire, numéro);
- the **title**: the assembly's marker, the objet and « Modification de la délibération n° … du
  … » (or « Annule et remplace … »), each line left out when the recorded header already has it;
- the **exposé**: ``amend --expose``, else NEW's own, else the template's sentence naming who
  presides and the deliberation modified; then the **notice** saying what the marks mean:
  « (rajout en gras) » when the act only adds, « (les ajouts figurent en gras, les suppressions
  sont barrées, …) » when it also shows deletions or moves (a recorded legend is replaced then);
- NEW's text with its changes: additions bold, deleted words struck through, a deleted alinéa
  struck through or replaced by « (supprimé) » (`DeletionStyle`), a moved one labelled with
  where it stood (renderers draw `move_label`); changes close together are joined into one
  region to read (`amendtrack.rendering.regions`);
- the decision formula and the signature lines, when NEW's text does not carry them;
- with ``amend --typography`` (`ActSettings.typography`), French typography's non-breaking
  spaces before « : ; ! ? » and inside « » in every part (`typeset`), the versions unchanged.

Every part is a `RenderBlock`, so a renderer draws the act with the code it uses for the diff.
`act_warnings` gives what the act had to state without a fact, and what it hides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from amendtrack.french.deliberations import plain_key
from amendtrack.french.naming import place_of
from amendtrack.french.typography import french_spacing
from amendtrack.french.votes import vote_phrase
from amendtrack.model import (
    LINE_BREAK,
    BlockKind,
    BlockOpKind,
    Mark,
    Version,
    Vote,
)
from amendtrack.rendering.act_facts import ActFacts, act_facts
from amendtrack.rendering.api import DeletionStyle, RenderJob
from amendtrack.rendering.blocks import RenderBlock, all_blocks, hidden_deletions
from amendtrack.rendering.regions import coalesce
from amendtrack.rendering.runs import Change, Run, split_lines
from amendtrack.rendering.template import HouseTemplate, default_template

_BOLD = frozenset({Mark.BOLD})
_ITALIC = frozenset({Mark.ITALIC})
TITLE_MARKER = "Modification de la délibération"
"""How the title line of a modifying act begins (« Annule et remplace » for a replacing one)."""
BOLD_NOTICE = "(rajout en gras)"
"""The default notice of an act that only adds text."""
_LEGEND = re.compile(r"\(.*\ben gras\b.*\)", re.DOTALL)


class ActRole(StrEnum):
    """The part of the act a block belongs to; renderers may style each part."""

    HEADER = "header"
    """Collectivité, register, séance, secrétaire and numéro."""
    TITLE = "title"
    """The assembly's marker, the objet and the deliberation modified."""
    EXPOSE = "expose"
    BODY = "body"
    """The consolidated text, changes marked."""
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
    notes: tuple[str, ...] = ()
    """Facts the act had to state without their being known (see `ActFacts.notes`)."""

    def body(self) -> Iterator[RenderBlock]:
        """The blocks of the consolidated text (body, decision and signature from NEW)."""
        return (item.block for item in self.blocks if item.role is ActRole.BODY)


@dataclass(frozen=True, slots=True)
class _Marks:
    """What the consolidated text of the act shows, for its notice."""

    additions: bool
    struck: bool
    mentioned: bool
    moved: bool

    @classmethod
    def of(cls, blocks: list[RenderBlock], mentioned: bool) -> _Marks:
        changes = {run.change for block in blocks for run in block.runs}
        return cls(Change.ADDED in changes, Change.DELETED in changes, mentioned,
                   any(block.change is BlockOpKind.MOVE for block in blocks))


def compose(job: RenderJob) -> Act:
    """The amending act for `job` (its view is not consulted)."""
    template = job.act.template or default_template()
    facts = act_facts(job.new, job.old, template, job.act.facts, job.act.facts_origin)
    body, mentioned = _body(job, template, facts)
    marks = _Marks.of(body, mentioned)
    title_lines = _title_lines(job.new, template, facts)
    blocks = _head(job.new, template, facts, title_lines)
    blocks.append(ActBlock(ActRole.EXPOSE, _expose(job, template, facts, marks)))
    blocks.extend(ActBlock(ActRole.BODY, block) for block in body)
    kinds = {block.kind for block in body}
    if BlockKind.DECISION not in kinds:
        blocks.append(ActBlock(ActRole.DECISION, _decision(template, facts)))
    if BlockKind.SIGNATURE not in kinds:
        blocks.extend(ActBlock(ActRole.SIGNATURE, block)
                      for block in _signature(template, facts))
    title = f"{job.new.metadata.objet} — {title_lines[-1]}"
    if job.act.typography:
        blocks = [replace(part, block=typeset(part.block)) for part in blocks]
    return Act(tuple(blocks), title=title, notes=tuple(facts.notes()))


def typeset(block: RenderBlock) -> RenderBlock:
    """`block` with French typography's non-breaking spaces (``amend --typography``), its runs
    and what they mark unchanged (`amendtrack.french.typography.french_spacing`)."""
    texts = french_spacing([run.text for run in block.runs])
    return replace(block, runs=tuple(replace(run, text=text)
                                     for run, text in zip(block.runs, texts, strict=True)))


def act_warnings(job: RenderJob) -> list[str]:
    """What the user must hear about the act of `job`: facts it had to state without their
    being known, and what ``--deletions hide`` leaves out."""
    hidden = hidden_deletions(job)
    return [*compose(job).notes, *([hidden] if hidden else [])]


# --- header and title -------------------------------------------------------------------------


def _title_lines(new: Version, template: HouseTemplate, facts: ActFacts) -> list[str]:
    """The title's lines: the assembly's marker, the objet, the deliberation modified."""
    values = facts.values
    key = "titre.annule_et_remplace" if new.info.replaces else "titre.modification"
    if not facts.numero_modifie:
        key += "_sans_numero"
    return [template.text("titre.marqueur", values), new.metadata.objet,
            template.text(key, values)]


def _head(new: Version, template: HouseTemplate, facts: ActFacts,
          title_lines: list[str]) -> list[ActBlock]:
    recorded = _recorded_header(new)
    if not recorded:
        header = _composed_header(new, template, facts)
        return [*(ActBlock(ActRole.HEADER, block) for block in header),
                ActBlock(ActRole.TITLE, _bold_block(title_lines))]
    # The act's own header, as it stood, is authoritative: it keeps « monsieur » and the
    # capitals the council used. Its last block is the title when it has one; otherwise the
    # title adds only the lines the header does not already have.
    text = plain_key("".join(block.text for block in recorded))
    if any(plain_key(marker) in text for marker in (TITLE_MARKER, "Annule et remplace")):
        return [*(ActBlock(ActRole.HEADER, block) for block in recorded[:-1]),
                ActBlock(ActRole.TITLE, recorded[-1])]
    said = " ".join(plain_key(text).split())
    # The marker is said when the header names the assembly's register; another line when the
    # header holds it (« Objet : Tarifs » holds the objet « Tarifs »).
    marker_said = plain_key(facts.values["assemblee"]) in said and "deliberation" in said
    missing = [line for index, line in enumerate(title_lines)
               if not (index == 0 and marker_said)
               and " ".join(plain_key(line).split()) not in said]
    return [*(ActBlock(ActRole.HEADER, block) for block in recorded),
            ActBlock(ActRole.TITLE, _bold_block(missing))]


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


def _composed_header(new: Version, template: HouseTemplate, facts: ActFacts) -> list[RenderBlock]:
    values = facts.values
    metadata = new.metadata
    blocks = [_bold_block([values["COLLECTIVITE"], *template.lines("entete.registre", values),
                           template.text("entete.seance", values)])]
    if metadata.secretaire:
        blocks.append(_bold_block([template.text("entete.secretaire", values)]))
    if values["numero"]:
        numero = template.text("entete.numero", values)
        blocks.append(_bold_block([numero.replace("..", ".")]))
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


# --- exposé and notice ------------------------------------------------------------------------


def _notice(template: HouseTemplate, facts: ActFacts, marks: _Marks) -> str:
    values = facts.values
    if not (marks.struck or marks.mentioned or marks.moved):
        return template.text("notice.ajouts_seuls", values)
    phrases = [template.text(f"notice.{key}", values) for key, shown in (
        ("ajouts", marks.additions), ("suppressions_barrees", marks.struck),
        ("suppressions_mention", marks.mentioned), ("deplacements", marks.moved)) if shown]
    values["marques"] = ", ".join(phrases)
    return template.text("notice.marques", values)


def _expose(job: RenderJob, template: HouseTemplate, facts: ActFacts,
            marks: _Marks) -> RenderBlock:
    notice = _notice(template, facts, marks)
    act = job.new.info.act
    given = job.act.expose if job.act.expose is not None else (
        act.expose if act is not None and act.expose else None)
    if given is None:
        key = "expose.annule_et_remplace" if job.new.info.replaces else "expose.modification"
        runs = [Run(template.text(key, facts.values), frozenset(), Change.SAME)]
    else:
        runs = [Run(span.text, span.marks, Change.SAME) for span in given]
        legend = next((i for i, run in enumerate(runs) if _LEGEND.fullmatch(run.text.strip())),
                      None)
        if legend is not None:
            if notice != template.text("notice.ajouts_seuls", facts.values):
                runs[legend] = replace(runs[legend], text=notice)
            return RenderBlock(BlockKind.PARAGRAPH, BlockOpKind.KEEP, tuple(runs))
        runs = _trim_end(runs)
        if not "".join(run.text for run in runs).rstrip().endswith(":"):
            runs.append(Run(" " + template.text("expose.suite", facts.values), frozenset(),
                            Change.SAME))
    runs.append(Run(" ", frozenset(), Change.SAME))
    runs.append(Run(notice, _BOLD, Change.SAME))
    runs.append(Run(".", frozenset(), Change.SAME))
    return RenderBlock(BlockKind.PARAGRAPH, BlockOpKind.KEEP, tuple(runs))


def _trim_end(runs: list[Run]) -> list[Run]:
    # The exposé is continued by the notice: drop its final dot and spaces.
    trimmed = list(runs)
    while trimmed:
        last = trimmed[-1]
        text = last.text.rstrip().removesuffix(".").rstrip()
        if text:
            trimmed[-1] = Run(text, last.marks, last.change)
            return trimmed
        trimmed.pop()
    return trimmed


# --- body, decision and signature -------------------------------------------------------------


def _body(job: RenderJob, template: HouseTemplate,
          facts: ActFacts) -> tuple[list[RenderBlock], bool]:
    """NEW's blocks with their changes, a deleted alinéa as « (supprimé) » when so chosen."""
    blocks: list[RenderBlock] = []
    mentioned = False
    mention = template.text("marques.suppression", facts.values)
    for block in all_blocks(job):
        if block.change is BlockOpKind.DELETE and job.act.deletion_style is DeletionStyle.MENTION:
            block = replace(block, runs=(Run(mention, _ITALIC, Change.SAME),))
            mentioned = True
        elif block.change in (BlockOpKind.MODIFY, BlockOpKind.MOVE):
            block = replace(block, runs=coalesce(block.runs))
        blocks.append(block)
    return blocks, mentioned


def _decision(template: HouseTemplate, facts: ActFacts) -> RenderBlock:
    key = "decision.avec_vote" if facts.values["vote"] else "decision.sans_vote"
    return _plain_block(BlockKind.DECISION, template.lines(key, facts.values))


def _signature(template: HouseTemplate, facts: ActFacts) -> list[RenderBlock]:
    values = facts.values
    blocks = [_plain_block(BlockKind.SIGNATURE, template.lines("signature.fait", values))]
    if values["secretaire"]:
        lines = template.lines("signature.secretaire", values)
        blocks.append(_plain_block(BlockKind.SIGNATURE, [line.replace("..", ".")
                                                         for line in lines]))
    key = "signature.extrait_avec_nom" if values["president"] else "signature.extrait"
    blocks.append(_plain_block(BlockKind.SIGNATURE, template.lines(key, values)))
    return blocks


def vote_formula(vote: Vote | None) -> str:
    """« à l'unanimité » or « par 20 voix pour, 3 contre et 2 abstentions » (empty if unknown);
    `amendtrack.french.votes.vote_phrase`, which `read_vote` reads back."""
    return vote_phrase(vote)


def commune(collectivite: str) -> str:
    """The place name of a collectivité (`amendtrack.french.naming.place_of`)."""
    return place_of(collectivite)


__all__ = [
    "BOLD_NOTICE",
    "TITLE_MARKER",
    "Act",
    "ActBlock",
    "ActRole",
    "act_warnings",
    "commune",
    "compose",
    "hidden_deletions",
    "typeset",
    "vote_formula",
]
