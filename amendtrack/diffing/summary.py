"""The French summary of an amendment (« 3 paragraphes modifiés, 12 mots insérés, 2 supprimés »).

Part of the renderer API; import these names from `amendtrack.rendering`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from amendtrack.model import Amendment, BlockOpKind, Inline, InlineOpKind, MetadataChange


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of what changed, for the French summary line."""

    modified: int = 0
    """Paragraphs whose text changed (moved ones with new text included)."""
    inserted: int = 0
    """Paragraphs added."""
    deleted: int = 0
    """Paragraphs removed."""
    moved: int = 0
    """Paragraphs moved."""
    words_inserted: int = 0
    words_deleted: int = 0
    altered: int = 0
    """Paragraphs changed in form only (typography, whitespace, formatting)."""


def summarise(amendment: Amendment) -> Summary:
    """Count the changed paragraphs and words of an amendment."""
    counts = dict.fromkeys(("modified", "inserted", "deleted", "moved", "altered"), 0)
    words_in = words_out = 0
    for op in amendment.changed():
        match op.kind:
            case BlockOpKind.INSERT:
                counts["inserted"] += 1
                words_in += _words(_text_of(op.new))
            case BlockOpKind.DELETE:
                counts["deleted"] += 1
                words_out += _words(_text_of(op.old))
            case BlockOpKind.MODIFY | BlockOpKind.MOVE:
                added = sum(_words(i.new) for i in op.inline if i.kind is InlineOpKind.INSERT)
                removed = sum(_words(i.old) for i in op.inline if i.kind is InlineOpKind.DELETE)
                words_in += added
                words_out += removed
                if op.kind is BlockOpKind.MOVE:
                    counts["moved"] += 1
                if added or removed:
                    counts["modified"] += 1
                elif op.kind is BlockOpKind.MODIFY:
                    counts["altered"] += 1
            case BlockOpKind.KEEP:
                pass
            case _ as unreachable:
                assert_never(unreachable)
    return Summary(words_inserted=words_in, words_deleted=words_out, **counts)


def _words(content: Inline) -> int:
    return len("".join(span.text for span in content).split())


def _count(number: int, singular: str, plural: str) -> str:
    # French: 0 and 1 take the singular.
    return f"{number} {singular if number < 2 else plural}"


def summary_text(summary: Summary) -> str:
    """The summary in French, e.g. « 3 paragraphes modifiés, 12 mots insérés, 2 supprimés »."""
    parts: list[str] = []
    if summary.modified:
        parts.append(_count(summary.modified, "paragraphe modifié", "paragraphes modifiés"))
    if summary.inserted:
        parts.append(_count(summary.inserted, "paragraphe ajouté", "paragraphes ajoutés"))
    if summary.deleted:
        parts.append(_count(summary.deleted, "paragraphe supprimé", "paragraphes supprimés"))
    if summary.moved:
        parts.append(_count(summary.moved, "paragraphe déplacé", "paragraphes déplacés"))
    if summary.altered:
        parts.append(_count(summary.altered, "paragraphe retouché (forme seule)",
                            "paragraphes retouchés (forme seule)"))
    if not parts:
        return "aucune modification"
    if summary.words_inserted or summary.words_deleted:
        parts.append(_count(summary.words_inserted, "mot inséré", "mots insérés"))
        parts.append(_count(summary.words_deleted, "supprimé", "supprimés"))
    return ", ".join(parts)


_FIELD_LABELS = {
    "collectivite": "collectivité",
    "siren": "SIREN",
    "seance": "séance",
    "numero": "numéro",
    "objet": "objet",
    "presidence": "présidence",
    "president": "président",
    "secretaire": "secrétaire de séance",
    "convocation": "convocation",
    "en_exercice": "conseillers en exercice",
    "presents": "présents",
    "representes": "représentés",
    "votants": "votants",
    "vote.pour": "voix pour",
    "vote.contre": "voix contre",
    "vote.abstentions": "abstentions",
    "vote.unanimite": "unanimité",
    "vote.nppv": "ne prenant pas part au vote",
    "vote.majorite": "majorité",
    "vote.exprimes": "suffrages exprimés",
    "assemblee": "assemblée",
    "siret": "SIRET",
    "actes_matiere_nom": "intitulé de la matière @ctes",
    "actes_accuse": "accusé de réception @ctes",
    "actes_accuse_date": "date de l'accusé de réception",
    "actes_prefecture": "préfecture",
    "budget_annee": "exercice budgétaire",
    "budget_nom": "budget",
    "url": "adresse de publication",
    "publication": "publication",
    "transmission": "transmission",
    "actes_nature": "nature @ctes",
    "actes_matiere": "matière @ctes",
    "version.deliberation": "délibération",
    "version.date": "date de la version",
    "version.modifies": "version modifiée",
    "act": "acte modificatif",
    "act.date": "date de l'acte",
    "act.numero": "numéro de l'acte",
    "act.header": "en-tête de l'acte",
    "act.expose": "exposé de l'acte",
}
_SHORT = 40  # longer values (an exposé, a header) are named, not quoted


def metadata_text(changes: tuple[MetadataChange, ...]) -> str:
    """The changed metadata in French: « séance (2022-02-02 → 2022-12-07), numéro (→ 07.12.13) ».

    Empty when no metadata changed. Long values are named without being quoted; the version
    information (``version.*``, ``act.*``: where the version stands) is left out.
    """
    parts: list[str] = []
    for change in changes:
        if change.field == "act" or change.field.startswith(("act.", "version.")):
            continue  # where the version stands, not what the deliberation says
        label = _FIELD_LABELS.get(change.field, change.field)
        old, new = (_value(change.old), _value(change.new))
        if len(old) > _SHORT or len(new) > _SHORT:
            parts.append(label)
        elif not new:
            parts.append(f"{label} ({old} → supprimé)")
        else:
            parts.append(f"{label} ({old + ' ' if old else ''}→ {new})")
    return ", ".join(parts)


def _value(text: str | None) -> str:
    return {"true": "oui", "false": "non"}.get(text or "", text or "")


def change_summary(amendment: Amendment) -> str:
    """`summary_text` of the amendment, followed by its metadata changes if any."""
    text = summary_text(summarise(amendment))
    metadata = metadata_text(amendment.metadata)
    return f"{text} ; métadonnées modifiées : {metadata}" if metadata else text


def elision_text(count: int) -> str:
    """The French note for an `Elision`: « [… 12 paragraphes inchangés …] »."""
    return f"[… {_count(count, 'paragraphe inchangé', 'paragraphes inchangés')} …]"


def _text_of(block: object) -> Inline:
    content = getattr(block, "content", None)
    return () if content is None else content


__all__ = [
    "Summary",
    "change_summary",
    "elision_text",
    "metadata_text",
    "summarise",
    "summary_text",
]
