"""One version as a document (`View.DOCUMENT`): the deliberation itself, to edit and import again.

``amendtrack show VERSION --to docx`` writes the deliberation as staff would type it: its title
block, then its body (visas, considérants, articles, the vote and the signatures) with its own
marks and no change marked. The title block is the one the version recorded from its source
(`VersionInfo.act` header) when it has one, otherwise it is composed from the metadata in the
lines the importers recognise (`amendtrack.importers.title_block`): the collectivité, the
register of the assembly, the séance, the numéro, the secrétaire, who presides, the objet and
the deliberation it modifies. Importing the file again gives the same body and metadata;
`unstated_facts` names the facts no line of a document can state (SIREN, dates of
publication …), for ``show`` to say so.
"""

from __future__ import annotations

from dataclasses import replace

from amendtrack.french.calendar import french_date
from amendtrack.model import (
    LINE_BREAK,
    BlockKind,
    BlockOpKind,
    Mark,
    Metadata,
    Version,
    metadata_fields,
)
from amendtrack.rendering.act import Act, ActBlock, ActRole
from amendtrack.rendering.api import RenderJob, View
from amendtrack.rendering.blocks import RenderBlock, all_blocks
from amendtrack.rendering.runs import Change, Run

_BOLD = frozenset({Mark.BOLD})
TITLE_BLOCK_FIELDS = frozenset({
    "collectivite", "assemblee", "seance", "numero", "secretaire", "president", "presidence",
    "objet",
})
"""The metadata a title block states (the body states the vote, who presides, the assembly)."""
_BODY_FIELDS = ("vote.", "presidence", "assemblee", "president")


def document_job(version: Version, options: dict[str, str] | None = None) -> RenderJob:
    """The job that renders `version` as a document."""
    from amendtrack.diffing.amendments import diff

    return RenderJob(diff(version, version), version, version, view=View.DOCUMENT,
                     options=dict(options or {}), full=True)


def compose_document(job: RenderJob) -> Act:
    """The deliberation of `job.new` as a document: title block, then the body, unmarked."""
    version = job.new
    header = _recorded(version) or _composed(version)
    blocks = [ActBlock(ActRole.HEADER, block) for block in header]
    blocks.extend(ActBlock(ActRole.BODY, _unmarked(block)) for block in all_blocks(job)
                  if block.change is not BlockOpKind.DELETE)  # NEW alone, whatever the job
    return Act(tuple(blocks), title=version.metadata.objet)


def unstated_facts(version: Version) -> list[str]:
    """The metadata fields of `version` that no title block or body line of a document states
    (``siren``, ``convocation`` …): importing the document back leaves them out."""
    return [name for name in metadata_fields(version.metadata)
            if name not in TITLE_BLOCK_FIELDS and not name.startswith(_BODY_FIELDS)]


def document_keywords(job: RenderJob) -> str:
    """The keywords office renderers write in a document's properties: amendtrack's version
    and the content hashes of the versions it was made from (`Amendment.base_hash` …)."""
    from amendtrack._version import __version__

    tool = f"amendtrack {__version__}"
    if job.view is View.DOCUMENT:
        return f"{tool}, version {job.amendment.result_hash}"
    return (f"{tool}, ancienne version {job.amendment.base_hash}, "
            f"nouvelle version {job.amendment.result_hash}")


def _unmarked(block: RenderBlock) -> RenderBlock:
    runs = tuple(replace(run, change=Change.SAME) for run in block.runs
                 if run.change is not Change.DELETED)
    return replace(block, change=BlockOpKind.KEEP, runs=runs, moved_from=None)


def _recorded(version: Version) -> list[RenderBlock]:
    """The title block the version recorded from its source, cut at its blank lines."""
    act = version.info.act
    if act is None or not act.header:
        return []
    blocks: list[list[Run]] = [[]]
    for span in act.header:
        for index, piece in enumerate(span.text.split(LINE_BREAK * 2)):
            if index:
                blocks.append([])
            if piece:
                blocks[-1].append(Run(piece, span.marks, Change.SAME))
    return [RenderBlock(BlockKind.PARAGRAPH, BlockOpKind.KEEP, tuple(runs))
            for runs in blocks if runs]


def _composed(version: Version) -> list[RenderBlock]:
    """A title block stating the version's facts in the lines the importers read."""
    metadata = version.metadata
    first = [_collectivite_line(metadata.collectivite)]
    if metadata.assemblee:
        first += ["EXTRAIT DU REGISTRE",
                  f"DES DÉLIBÉRATIONS {_of_assembly(metadata.assemblee).upper()}"]
    first.append(f"Séance du {french_date(metadata.seance)}")
    blocks = [first]
    if metadata.numero:
        blocks.append([f"Délibération n° {metadata.numero}"])
    people = []
    if metadata.secretaire:
        people.append(f"Secrétaire de séance : {metadata.secretaire}")
    presiding = _presiding_line(metadata)
    if presiding:
        people.append(presiding)
    if people:
        blocks.append(people)
    blocks.append([f"Objet : {metadata.objet}", *_modification_lines(version)])
    return [_bold(lines) for lines in blocks]


def _collectivite_line(collectivite: str) -> str:
    from amendtrack.importers.title_block import names_collectivite

    return collectivite if names_collectivite(collectivite) else f"Collectivité : {collectivite}"


def _of_assembly(assembly: str) -> str:
    from amendtrack.french.naming import with_article

    return with_article(assembly, "de")


def _presiding_line(metadata: Metadata) -> str | None:
    """« Présidence : Madame Anne MARTIN, Maire », when both the name and the title are known."""
    if not (metadata.president and metadata.presidence):
        return None
    civility, _, function = metadata.presidence.partition(" ")
    function = function.split(" ", 1)[1] if function.startswith(("la ", "le ")) else function
    if civility not in ("Madame", "Monsieur") or not function:
        return None
    return f"Présidence : {civility} {metadata.president}, {function}"


def _modification_lines(version: Version) -> list[str]:
    info = version.info
    if info.modifies is None:
        return []
    kind = "Annule et remplace" if info.replaces else "Modification de"
    kind += " la délibération"
    numero = f" n° {info.modifies_numero}" if info.modifies_numero else ""
    when = f" du {french_date(info.modifies)}" if numero else (
        f" en date du {french_date(info.modifies)}")
    return [f"{kind}{numero}{when}"]


def _bold(lines: list[str]) -> RenderBlock:
    return RenderBlock(BlockKind.PARAGRAPH, BlockOpKind.KEEP,
                       (Run(LINE_BREAK.join(lines), _BOLD, Change.SAME),))


__all__ = [
    "TITLE_BLOCK_FIELDS",
    "compose_document",
    "document_job",
    "document_keywords",
    "unstated_facts",
]
