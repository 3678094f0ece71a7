"""The SCDL « Délibérations » rows: required facts or no row, optional facts only when coherent.

Every CSV written here is validated with frictionless against the Table Schema kept in
schemas/scdl-deliberations.schema.json (written from the schema's official documentation),
and against the documentation's own rules that a Table Schema cannot state.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import frictionless
import pytest

from amendtrack.store.scdl import (
    COLUMNS,
    MATIERES,
    csv_bytes,
    row_for,
    siret_is_valid,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schemas" / "scdl-deliberations.schema.json"
FACTS = {
    "collectivite": "Ville de Poitiers", "siret": "21860194600013", "numero": "1DL15494",
    "seance": "2017-10-15", "actes_matiere": "8.4",
    "actes_matiere_nom": "Domaines de compétences par thèmes/Aménagement du territoire",
    "objet": "Lancement d'une démarche partenariale, « politique montagne »",
}
COMPLETE = {**FACTS, "budget_annee": "2017/2018", "budget_nom": "Budget annexe déchets",
            "actes_prefecture": "PREF086", "actes_accuse_date": "2017-10-20",
            "en_exercice": "43", "votants": "40", "vote.pour": "25", "vote.contre": "10",
            "vote.abstentions": "5", "url": "https://data.maville.fr/deliberations/200417_1.pdf"}


def validate_scdl(data: bytes, folder: Path) -> list[dict[str, str]]:
    """Validate a CSV with frictionless and the documentation's rules; return its rows."""
    (folder / "export.csv").write_bytes(data)
    schema = frictionless.Schema.from_descriptor(json.loads(SCHEMA.read_text(encoding="utf-8")))
    report = frictionless.validate(frictionless.Resource(path="export.csv", basepath=str(folder),
                                                         schema=schema))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    for row in rows:
        assert siret_is_valid(row["COLL_SIRET"])
        votes = [row[name] for name in ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR",
                                        "VOTE_CONTRE", "VOTE_ABSTENTION")]
        assert all(votes) or not any(votes)
        if all(votes):
            effectif, reel, pour, contre, abstention = map(int, votes)
            assert effectif >= reel == pour + contre + abstention
        assert not row["PREF_DATE"] or row["PREF_DATE"] >= row["DELIB_DATE"]
        assert not row["BUDGET_ANNEE"] or row["BUDGET_NOM"]
    return rows


def test_schema_names_its_source_and_has_the_columns_in_order() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert "schema.data.gouv.fr/scdl/deliberations" in schema["sources"][0]["path"]
    assert tuple(field["name"] for field in schema["fields"]) == COLUMNS
    required = [f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")]
    assert required == list(COLUMNS[:7])


def test_a_complete_act_validates(tmp_path: Path) -> None:
    row = row_for("poitiers@1", COMPLETE)
    assert row.complete and not row.notes
    (written,) = validate_scdl(csv_bytes([row]), tmp_path)
    assert written["DELIB_OBJET"] == FACTS["objet"]
    assert written["VOTE_POUR"] == "25" and written["BUDGET_ANNEE"] == "2017/2018"
    assert csv_bytes([row]).startswith(",".join(COLUMNS).encode() + b"\r\n")


@pytest.mark.parametrize(("missing", "column"), [
    ("siret", "COLL_SIRET"), ("numero", "DELIB_ID"), ("actes_matiere", "DELIB_MATIERE_CODE"),
    ("actes_matiere_nom", "DELIB_MATIERE_NOM"), ("collectivite", "COLL_NOM"),
])
def test_a_missing_required_fact_leaves_the_row_out(missing: str, column: str,
                                                    tmp_path: Path) -> None:
    facts = {name: value for name, value in COMPLETE.items() if name != missing}
    row = row_for("poitiers@2", facts)
    assert not row.complete
    assert row.problems == [f"{column} is unknown: record {missing} in the version, or give "
                            f"--meta {missing}=VALUE for every act that lacks it"]
    assert validate_scdl(csv_bytes([row, row_for("poitiers@1", COMPLETE)]), tmp_path)[0][
        "DELIB_ID"] == "1DL15494"  # only the complete row is written


@pytest.mark.parametrize(("change", "problem"), [
    ({"siret": "2186019460001"}, "is not a SIRET"),
    ({"siret": "21860194600014"}, "is not a SIRET"),  # wrong key digit
    ({"siren": "215900382"}, "does not begin with the SIREN '215900382'"),
    ({"actes_matiere": "7.11"}, "is not a matière of the @ctes nomenclature"),
    ({"actes_matiere": "8"}, "is not a matière of the @ctes nomenclature"),
    ({"actes_matiere": "7.5"}, "names another matière than the code 7.5 (Finances locales)"),
    ({"seance": "15/10/2017"}, "is not a date YYYY-MM-DD"),
])
def test_a_malformed_required_fact_leaves_the_row_out(change: dict[str, str],
                                                      problem: str) -> None:
    row = row_for("poitiers@1", {**COMPLETE, **change})
    assert not row.complete and len(row.problems) == 1 and problem in row.problems[0]


def test_a_collectivite_matiere_name_is_free() -> None:
    row = row_for("poitiers@1", {**COMPLETE, "actes_matiere_nom": "URBANISME"})
    assert row.complete
    accents = row_for("poitiers@1", {**COMPLETE, "actes_matiere_nom":
                                     "DOMAINES DE COMPETENCES PAR THEMES/amenagement"})
    assert accents.complete


@pytest.mark.parametrize(("change", "emptied", "reason"), [
    ({"vote.contre": None}, ("VOTE_EFFECTIF", "VOTE_ABSTENTION"), "all five vote counts"),
    ({"vote.pour": "26"}, ("VOTE_POUR",), "do not add up"),
    ({"en_exercice": "39"}, ("VOTE_REEL",), "do not add up"),
    ({"actes_accuse_date": "2017-10-01"}, ("PREF_DATE",), "before the séance"),
    ({"budget_nom": None}, ("BUDGET_ANNEE",), "needs the budget's name"),
    ({"budget_annee": "2018/2017"}, ("BUDGET_ANNEE", "BUDGET_NOM"), "the second year after"),
    ({"url": "data.maville.fr/x.pdf"}, ("DELIB_URL",), "not an http or https address"),
])
def test_incoherent_optional_facts_are_left_empty_and_said(
        change: dict[str, str | None], emptied: tuple[str, ...], reason: str,
        tmp_path: Path) -> None:
    facts = {**COMPLETE, **change}
    row = row_for("poitiers@1", {k: v for k, v in facts.items() if v is not None})
    assert row.complete and len(row.notes) == 1 and reason in row.notes[0]
    (written,) = validate_scdl(csv_bytes([row]), tmp_path)
    assert all(written[column] == "" for column in emptied)
    assert written["DELIB_ID"] == "1DL15494"


def test_siret_key_digits() -> None:
    assert siret_is_valid("21860194600013") and siret_is_valid("73282932000074")
    assert not siret_is_valid("73282932000075") and not siret_is_valid("7328293200007a")
    assert siret_is_valid("35600000000010")  # La Poste: the sum of its digits
    assert not siret_is_valid("35600000000011")


def test_the_nomenclature_has_its_nine_matieres() -> None:
    assert [count for _, count in MATIERES.values()] == [7, 3, 6, 5, 8, 5, 10, 9, 4]
