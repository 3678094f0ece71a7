"""The open-data export: the SCDL « Délibérations » CSV (version 2.1) of the acts of a store.

Every version in a store is an act a council adopted (the deliberation first, then each act
that modified it), so each version is one row, in deliberation then version order. A row's
facts are the version's metadata, under the names ``--meta`` uses; facts given with ``--meta``
fill in those a version does not state (a store's SIRET, say). The table schema is
``schemas/scdl-deliberations.schema.json``, written from the official documentation.

Nothing is guessed and nothing is dropped silently:

- a row that lacks a required fact, or whose required fact is malformed (a SIRET that is not 14
  digits with a right key digit, an @ctes matière code out of the nomenclature, a matière name
  of another matière), is left out of the CSV and reported (`Row.problems`): a required cell is
  never written empty;
- an optional fact that would break the schema's rules (vote counts given in part or that do
  not add up, a registration date before the séance, a budget year without its budget) leaves
  its cells empty and is reported (`Row.notes`).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from amendtrack.translation import _

if TYPE_CHECKING:
    from amendtrack.store.repository import Store

SCDL_VERSION = "2.1"
COLUMNS = (
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM", "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE",
    "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
)
"""The columns, in the schema's order."""
REQUIRED = COLUMNS[:7]
SOURCES: Mapping[str, str] = {
    "COLL_NOM": "collectivite", "COLL_SIRET": "siret", "DELIB_ID": "numero",
    "DELIB_DATE": "seance", "DELIB_MATIERE_CODE": "actes_matiere",
    "DELIB_MATIERE_NOM": "actes_matiere_nom", "DELIB_OBJET": "objet",
    "BUDGET_ANNEE": "budget_annee", "BUDGET_NOM": "budget_nom", "PREF_ID": "actes_prefecture",
    "PREF_DATE": "actes_accuse_date", "VOTE_EFFECTIF": "en_exercice", "VOTE_REEL": "votants",
    "VOTE_POUR": "vote.pour", "VOTE_CONTRE": "vote.contre",
    "VOTE_ABSTENTION": "vote.abstentions", "DELIB_URL": "url",
}
"""The metadata field (``--meta`` name) each column comes from."""
VOTES = ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")
MATIERES: Mapping[str, tuple[str, int]] = {
    "1": ("Commande publique", 7), "2": ("Urbanisme", 3), "3": ("Domaine et patrimoine", 6),
    "4": ("Fonction publique", 5), "5": ("Institutions et vie politique", 8),
    "6": ("Libertés publiques et pouvoirs de police", 5), "7": ("Finances locales", 10),
    "8": ("Domaines de compétences par thèmes", 9), "9": ("Autres domaines de compétences", 4),
}
"""The nine matières of the @ctes nomenclature (level 1), and how many sub-matières each has."""
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MATIERE = re.compile(r"([0-9])\.([0-9]{1,2})")
_BUDGET_YEAR = re.compile(r"([0-9]{4})(?:/([0-9]{4}))?")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*")


@dataclass(slots=True)
class Row:
    """One act: its cells, and what kept it out of the CSV or left some cells empty."""

    revision: str
    """``ID@N``: the version the row is made from."""
    cells: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """Why the row is left out (a required fact missing or malformed)."""
    notes: list[str] = field(default_factory=list)
    """Optional cells left empty, and why."""

    @property
    def complete(self) -> bool:
        """Whether the row can be written."""
        return not self.problems


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def siret_is_valid(siret: str) -> bool:
    """14 digits with a right key digit (Luhn; La Poste's: digit sum a multiple of 5)."""
    if not re.fullmatch(r"[0-9]{14}", siret):
        return False
    if siret.startswith("356000000"):
        return sum(int(digit) for digit in siret) % 5 == 0
    total = 0
    for position, digit in enumerate(reversed(siret)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _required(row: Row, facts: Mapping[str, str]) -> None:
    for column in REQUIRED:
        value = facts.get(SOURCES[column], "").strip()
        if value:
            row.cells[column] = value
        else:
            row.problems.append(_(
                "{column} is unknown: record {fact} in the version, or give --meta "
                "{fact}=VALUE for every act that lacks it").format(column=column,
                                                                   fact=SOURCES[column]))
    siret = row.cells.get("COLL_SIRET")
    if siret is not None and not siret_is_valid(siret):
        row.problems.append(_("COLL_SIRET {siret!r} is not a SIRET (14 digits, the last a "
                              "key)").format(siret=siret))
    siren = facts.get("siren")
    if siret is not None and siren and not siret.startswith(siren):
        row.problems.append(_("COLL_SIRET {siret!r} does not begin with the SIREN "
                              "{siren!r}").format(siret=siret, siren=siren))
    date = row.cells.get("DELIB_DATE")
    if date is not None and not _ISO_DATE.match(date):
        row.problems.append(_("DELIB_DATE {date!r} is not a date YYYY-MM-DD").format(
            date=date))
    elif date is not None:
        row.cells["DELIB_DATE"] = date[:10]  # a time zone offset has no column
    _check_matiere(row)


def _check_matiere(row: Row) -> None:
    code, name = row.cells.get("DELIB_MATIERE_CODE"), row.cells.get("DELIB_MATIERE_NOM")
    if code is None:
        return
    match = _MATIERE.fullmatch(code)
    if match is None or match[1] not in MATIERES or not 1 <= int(match[2]) <= MATIERES[match[1]][1]:
        row.problems.append(_("DELIB_MATIERE_CODE {code!r} is not a matière of the @ctes "
                              "nomenclature (1.1 to 9.4)").format(code=code))
        return
    if name is None or "/" not in name:
        return  # a name of the collectivité's own referential (« URBANISME ») is free
    first = _folded(name.split("/", 1)[0])
    named = [key for key, (title, _count) in MATIERES.items() if _folded(title) == first]
    if named and named[0] != match[1]:
        row.problems.append(_("DELIB_MATIERE_NOM {name!r} names another matière than the "
                              "code {code} ({matiere})").format(
            name=name, code=code, matiere=MATIERES[match[1]][0]))


def _optional(row: Row, facts: Mapping[str, str]) -> None:
    for column in COLUMNS[7:]:
        value = facts.get(SOURCES[column], "").strip()
        if value:
            row.cells[column] = value
    _check_budget(row)
    _check_registration(row)
    _check_votes(row)
    url = row.cells.get("DELIB_URL")
    if url is not None and not _URL.fullmatch(url):
        _drop(row, ("DELIB_URL",), _("DELIB_URL {url!r} is not an http or https "
                                     "address").format(url=url))


def _drop(row: Row, columns: tuple[str, ...], reason: str) -> None:
    for column in columns:
        row.cells.pop(column, None)
    row.notes.append(_("{columns} left empty: {reason}").format(columns=", ".join(columns),
                                                                 reason=reason))


def _check_budget(row: Row) -> None:
    year, name = row.cells.get("BUDGET_ANNEE"), row.cells.get("BUDGET_NOM")
    match = None if year is None else _BUDGET_YEAR.fullmatch(year)
    if year is not None and (match is None or (match[2] and match[2] <= match[1])):
        _drop(row, ("BUDGET_ANNEE", "BUDGET_NOM"), _(
            "the budget year {year!r} is not YYYY or YYYY/YYYY (the second year after the "
            "first)").format(year=year))
    elif year is not None and name is None:
        _drop(row, ("BUDGET_ANNEE",), _("a budget year needs the budget's name (budget_nom)"))


def _check_registration(row: Row) -> None:
    registered, adopted = row.cells.get("PREF_DATE"), row.cells.get("DELIB_DATE")
    if registered is None:
        return
    if not _ISO_DATE.fullmatch(registered[:10]):
        _drop(row, ("PREF_DATE",), _("{date!r} is not a date YYYY-MM-DD").format(
            date=registered))
    elif adopted is not None and registered[:10] < adopted:
        _drop(row, ("PREF_DATE",), _(
            "the registration date {date} is before the séance ({seance})").format(
                date=registered[:10], seance=adopted))
    else:
        row.cells["PREF_DATE"] = registered[:10]


def _check_votes(row: Row) -> None:
    given = {column: row.cells[column] for column in VOTES if column in row.cells}
    if not given:
        return
    if len(given) < len(VOTES) or not all(value.isdigit() for value in given.values()):
        missing = ", ".join(SOURCES[column] for column in VOTES if column not in given)
        _drop(row, VOTES, _("the schema needs all five vote counts or none (missing: "
                            "{missing})").format(missing=missing))
        return
    effectif, reel, pour, contre, abstention = (int(given[column]) for column in VOTES)
    if not effectif >= reel == pour + contre + abstention:
        _drop(row, VOTES, _(
            "the vote counts do not add up (en exercice {effectif}, votants {votants}, pour "
            "{pour}, contre {contre}, abstentions {abstentions})").format(
                effectif=effectif, votants=reel, pour=pour, contre=contre,
                abstentions=abstention))


def row_for(revision: str, facts: Mapping[str, str]) -> Row:
    """The row of one act from its facts (flat metadata names)."""
    row = Row(revision)
    _required(row, facts)
    _optional(row, facts)
    return row


def csv_bytes(rows: list[Row]) -> bytes:
    """The CSV: UTF-8, comma-separated, a header line, the complete rows (RFC 4180 lines)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        if row.complete:
            writer.writerow([row.cells.get(column, "") for column in COLUMNS])
    return buffer.getvalue().encode("utf-8")


def export_rows(store: Store, defaults: Mapping[str, str], since: str | None = None,
                ) -> Iterator[Row]:
    """The row of every version of `store` (séance on or after `since`), in store order."""
    from amendtrack.model.fields import metadata_fields

    for deliberation in store.deliberations():
        for entry in store.history(deliberation).entries:
            version = store.load(deliberation, entry)
            if since is not None and version.metadata.seance[:10] < since:
                continue
            facts = {**defaults, **metadata_fields(version.metadata)}
            yield row_for(f"{deliberation}@{entry.number}", facts)


__all__ = [
    "COLUMNS",
    "MATIERES",
    "REQUIRED",
    "SCDL_VERSION",
    "SOURCES",
    "Row",
    "csv_bytes",
    "export_rows",
    "row_for",
    "siret_is_valid",
]
