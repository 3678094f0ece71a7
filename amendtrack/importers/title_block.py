"""The title block of a deliberation, read into metadata.

The title block is the run of leading blocks that look like a title (headings, blocks that are
bold throughout, or blocks holding a recognised line), up to the last block that holds a
recognised line. Each line of it (blocks are split at line breaks) is matched against the usual
French formulas; only what a line states is taken, never guessed:

- « VILLE D'… », « COMMUNE DE … », « MAIRIE DE … », « CENTRE COMMUNAL D'ACTION SOCIALE DE … »,
  « CCAS de … », « COMMUNAUTÉ DE COMMUNES … », « SYNDICAT … », « SIVOM … », « DÉPARTEMENT DE … »
  (when no other line names the collectivité: it is also the usual boilerplate of a commune),
  « RÉGION … », « ÉTABLISSEMENT PUBLIC … », … → ``collectivite`` (the line as written);
  « Collectivité : … » → ``collectivite`` (what follows the colon);
- « DELIBERATION DU CONSEIL MUNICIPAL », « DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL », « Séance du
  conseil d'administration du … » → ``assemblee`` (« conseil municipal », « comité syndical » …);
- « Séance du 7 décembre 2022 » → ``seance`` (French month names, « 1er », ``07/12/2022``);
- « n° 07.12.13. » → ``numero`` (final full stop dropped);
- « Secrétaire de séance : monsieur Dimitri KRAJEWSKI » → ``secretaire`` (civility dropped);
- « Présidence : Madame Anne MARTIN, Maire », « Sous la présidence de Monsieur Jean DUPONT,
  Président » → ``president`` (the name) and ``presidence`` (« Madame la Maire »);
- « Objet : … » → ``objet``; after « DELIBERATION DU CONSEIL MUNICIPAL » (or of any assembly),
  the following unrecognised lines of its block (or of the next block, when it ends the block)
  → ``objet``;
- « Modification de la délibération en date du 2 février 2022 », « Modification de la
  délibération n° 2021-112 du 14 octobre 2021 » → `TitleBlock.modifies` (and
  `TitleBlock.modifies_numero`); « Annule et remplace la délibération n° … du … » the same, with
  `TitleBlock.replaces`; a modification stated at the end of the objet (« Objet : Tarifs –
  modification de la délibération n° … du … ») the same, the objet keeping its subject only.

A fact given twice with different values is left out, with a warning. The title block is kept
as `TitleBlock.header`: its blocks' inline content, marks and line breaks as in the source,
blocks separated by two line breaks (one empty line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from amendtrack.french.calendar import parse_french_date
from amendtrack.french.deliberations import assembly_in, plain_key
from amendtrack.importers.source import SourceBlock
from amendtrack.model import LINE_BREAK, BlockKind, Inline, Mark, Span, normalise_inline
from amendtrack.translation import _

MAX_TITLE_BLOCKS = 12
"""The title block is looked for among this many leading blocks."""

_E = "[eéÉE]"
_BOILERPLATE = re.compile(
    rf"^(?:extrait du (?:registre|proc{_E}s-verbal).*|(?:registre )?des d{_E}lib{_E}rations.*"
    rf"|r{_E}publique fran[cç]aise|arrondissement d.*|canton d.*|libert{_E}.*fraternit{_E}.*)$",
    re.IGNORECASE,
)
_COLLECTIVITE = re.compile(
    r"^(?:ville|commune|mairie|communaut[eé] (?:de communes|d'agglom[eé]ration|urbaine)"
    r"|m[eé]tropole|syndicat|sivom|sivu|sdis|ccas|cias|caisse des [eé]coles|r[eé]gion|p[oô]le"
    r"|petr|office public|[eé]tablissement public|centre (?:inter)?communal d'action sociale"
    r"|service d[eé]partemental|conseil (?:d[eé]partemental|r[eé]gional)|collectivit[eé])\b.+$",
    re.IGNORECASE,
)
_LABELLED_COLLECTIVITE = re.compile(rf"^collectivit{_E}\s*:\s*(.+)$", re.IGNORECASE)
_DEPARTEMENT = re.compile(rf"^d{_E}partement d.+$", re.IGNORECASE)
_SEANCE = re.compile(rf"^(?:s{_E}ance|r{_E}union|conseil|comit{_E}|bureau)\b.*\bdu\b",
                     re.IGNORECASE)
_SECRETAIRE = re.compile(
    rf"^secr{_E}taire de s{_E}ance\s*:\s*(?:(?:monsieur|madame|mademoiselle|m\.|mme|mr)\s+)?"
    r"(.+?)\.?$",
    re.IGNORECASE,
)
_PRESIDENCE = re.compile(
    rf"^(?:pr{_E}sidence\s*:|sous la pr{_E}sidence de|pr{_E}sid{_E}e? par)\s*"
    r"(monsieur|madame|m\.|mme)\s+(.+?),\s*(.+?)\.?$",
    re.IGNORECASE,
)
_NUMERO = re.compile(
    rf"^(?:d{_E}lib{_E}ration\s+)?(?:n[°º]|num{_E}ro)\s*:?\s*(\S+?)\.?$", re.IGNORECASE
)
_MARKER = re.compile(rf"^d{_E}lib{_E}ration (?:du|de la|de l')\s*(.+?)\s*\.?$", re.IGNORECASE)
_OBJET = re.compile(r"^objet\s*:\s*(.+)$", re.IGNORECASE)
_MODIFIES = re.compile(
    rf"^(?P<kind>modification de|modifiant|annule et remplace|annulant et rempla[cç]ant)"
    rf"\s+la d{_E}lib{_E}ration\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_MODIFIES_IN_OBJET = re.compile(
    rf"^(?P<objet>.+?)\s*[-–—,(]\s*(?P<clause>(?:modification de|modifiant|annule et "
    rf"remplace|annulant et rempla[cç]ant)\s+la d{_E}lib{_E}ration\b.*?)\)?\s*$",
    re.IGNORECASE,
)
_MODIFIED_NUMERO = re.compile(r"\bn[°º]\s*([^\s,]+?)[.,]?(?=\s|$)", re.IGNORECASE)


def _modification(kind: str, rest: str) -> list[tuple[str, str | None]]:
    """The facts of « Modification de la délibération n° X du DATE » (or « Annule et
    remplace … »): the date it modifies, its numéro, whether it replaces it."""
    facts: list[tuple[str, str | None]] = [("modifies", parse_french_date(rest))]
    numero = _MODIFIED_NUMERO.search(rest)
    if numero is not None:
        facts.append(("modifies_numero", numero[1]))
    if plain_key(kind).startswith("annul"):
        facts.append(("replaces", "true"))
    return facts


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
    modifies_numero: str | None = None
    """The numéro of the deliberation this act modifies, if the title block says so."""
    replaces: bool = False
    """The act annuls and replaces that deliberation (« Annule et remplace … »)."""

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


Fact = tuple[str, str | None]
"""A field and its value; the value None says the line names the field without a usable value."""


def _classify(line: str) -> list[Fact] | None:
    """What a line of the title block states, or None if it is not recognised."""
    assembly = assembly_in(line)
    marker = _MARKER.match(line)
    if marker and assembly and assembly_in(marker[1]):
        when = parse_french_date(line)
        return [("marker", None), ("assemblee", assembly), *([("seance", when)] if when else [])]
    if modifies := _MODIFIES.match(line):
        return _modification(modifies["kind"], modifies["rest"])
    if _BOILERPLATE.match(line):
        return [("boilerplate", None), *([("assemblee", assembly)] if assembly else [])]
    if secretaire := _SECRETAIRE.match(line):
        return [("secretaire", secretaire[1])]
    if presidence := _PRESIDENCE.match(line):
        return _presidence(*presidence.groups())
    if _SEANCE.match(line) and (when := parse_french_date(line)):
        return [("seance", when), *([("assemblee", assembly)] if assembly else [])]
    if numero := _NUMERO.match(line):
        return [("numero", numero[1])]
    if objet := _OBJET.match(line):
        return _objet(objet[1])
    if labelled := _LABELLED_COLLECTIVITE.match(line):
        return [("collectivite", labelled[1])]
    if _COLLECTIVITE.match(line):
        return [("collectivite", line)]
    if _DEPARTEMENT.match(line):
        return [("departement", line)]
    return None


def names_collectivite(line: str) -> bool:
    """Whether a title block reads `line` as the name of a collectivité (« COMMUNE DE … »)."""
    if _LABELLED_COLLECTIVITE.match(line):
        return False
    return _COLLECTIVITE.match(line) is not None or _DEPARTEMENT.match(line) is not None


def _objet(text: str) -> list[Fact]:
    """The objet, and a modification it states at its end (« Tarifs – modification de … »)."""
    stated = _MODIFIES_IN_OBJET.match(text)
    if stated is None:
        return [("objet", text)]
    clause = _MODIFIES.match(stated["clause"])
    assert clause is not None  # the clause starts with the same words
    return [("objet", stated["objet"]), *_modification(clause["kind"], clause["rest"])]


def _presidence(civility: str, name: str, function: str) -> list[Fact]:
    """« Madame Anne MARTIN, Maire » → the name, and the title as an act names her."""
    feminine = civility.lower().startswith(("madame", "mme"))
    title = f"{'Madame la' if feminine else 'Monsieur le'} {function[:1].upper()}{function[1:]}"
    return [("president", name), ("presidence", title)]


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
            facts = _classify(line) if line else None
            if facts is None:
                if line and objet_open:
                    objet_lines.append(line)
                    recognised = True
                continue
            recognised = True
            objet_open = facts[0][0] == "marker"
            for name, value in facts:
                if value is not None:
                    found.setdefault(name, []).append(value)
                elif name == "modifies":
                    notes.append(_("the title block says « {line} » but gives no date it "
                                   "modifies").format(line=line))
        if recognised:
            end = index + 1
        elif not (block.kind is BlockKind.HEADING or _bold_throughout(block)):
            break
        if objet_lines:
            objet_open = False  # the objet ends with the block that holds it
    if objet_lines:
        for name, value in _objet(" ".join(objet_lines)):
            if value is not None:
                found.setdefault(name, []).append(value)
    departement = found.pop("departement", None)
    if departement and "collectivite" not in found:
        found["collectivite"] = departement
    return _title_block(blocks[:end], found, notes)


_VERSION_FACTS = ("modifies", "modifies_numero", "replaces")


def _title_block(
    blocks: Sequence[SourceBlock], found: dict[str, list[str]], warnings: list[str]
) -> TitleBlock:
    facts: list[tuple[str, str]] = []
    version: dict[str, str] = {}
    for name, values in found.items():
        distinct = list(dict.fromkeys(values))
        if len(distinct) > 1:
            warnings.append(
                _("the title block gives {count} values for {name} ({values}): left out").format(
                    count=len(distinct), name=name, values=" / ".join(distinct))
            )
            continue
        if name in _VERSION_FACTS:
            version[name] = distinct[0]
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
        modifies=version.get("modifies"),
        header=normalise_inline(header),
        warnings=tuple(warnings),
        modifies_numero=version.get("modifies_numero"),
        replaces=version.get("replaces") == "true",
    )
