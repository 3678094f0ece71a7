"""`amendtrack store export --scdl` as a user runs it: the samples and a generated registry.

Every CSV is validated with frictionless against schemas/scdl-deliberations.schema.json and the
documentation's own rules (`tests.store.test_scdl.validate_scdl`).
"""

from __future__ import annotations

from pathlib import Path

from tests.batch.conftest import DELIBERATIONS, run
from tests.store.test_scdl import validate_scdl

ROOT = Path(__file__).resolve().parents[2]
MATIERE = ["--meta", "actes_matiere=8.2",
           "--meta", "actes_matiere_nom=Domaines de compétences par thèmes/Aide sociale"]
SIRET = ["--meta", "siret=21590038200015"]
"""A well-formed SIRET beginning with Aulnoy's SIREN, for the tests (the act does not state
the collectivité's SIRET, so the samples do not either)."""


def test_the_samples_export_and_validate(tmp_path: Path) -> None:
    output = tmp_path / "deliberations.csv"
    result = run("store", "export", "--store", ROOT / "samples", "--scdl", output, *SIRET,
                 *MATIERE)
    rows = validate_scdl(output.read_bytes(), tmp_path)
    (row,) = rows
    assert row["DELIB_DATE"] == "2022-12-07"
    assert row["COLL_NOM"] == "VILLE D'AULNOY-LEZ-VALENCIENNES"  # as the act states it
    assert row["DELIB_ID"] == "07.12.13" and row["COLL_SIRET"] == "21590038200015"
    assert row["DELIB_OBJET"].startswith("Convention territoriale globale")
    # The act of 2 February 2022 is not numbered in the source: left out and said, not
    # written with an empty DELIB_ID.
    assert result.returncode == 2
    assert ("amendtrack: error: aulnoy-ctg-caf@1: left out of the export: DELIB_ID is "
            "unknown") in result.stderr
    assert result.stderr.splitlines()[-1] == f"amendtrack: acts exported: 1 of 2, to {output}"


def test_a_registry_exports_every_act(registry: Path, tmp_path: Path) -> None:
    output = tmp_path / "deliberations.csv"
    result = run("store", "export", "--store", registry, "--scdl", output, *SIRET, *MATIERE)
    assert result.returncode == 0, result.stderr
    rows = validate_scdl(output.read_bytes(), tmp_path)
    assert len(rows) == 3 * DELIBERATIONS
    assert [row["DELIB_ID"] for row in rows[:3]] == ["01.02"] * 3
    assert result.stderr.splitlines()[-1] == (
        f"amendtrack: acts exported: {3 * DELIBERATIONS} of {3 * DELIBERATIONS}, to {output}")
    since = run("store", "export", "--store", registry, "--scdl", output, *SIRET, *MATIERE,
                "--since", "2021-06-01")
    assert since.returncode == 0
    recent = validate_scdl(output.read_bytes(), tmp_path)
    assert 0 < len(recent) < len(rows) and all(r["DELIB_DATE"] >= "2021-06-01" for r in recent)


def test_missing_facts_are_named_per_act_and_nothing_empty_is_written(registry: Path,
                                                                      tmp_path: Path) -> None:
    output = tmp_path / "deliberations.csv"
    result = run("store", "export", "--store", registry, "--scdl", output, *MATIERE)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if "left out" in line]
    assert len(errors) == 3 * DELIBERATIONS
    assert errors[0] == ("amendtrack: error: delib-00000@1: left out of the export: COLL_SIRET "
                         "is unknown: record siret in the version, or give --meta siret=VALUE "
                         "for every act that lacks it")
    assert validate_scdl(output.read_bytes(), tmp_path) == []  # the header only


def test_usage_errors(registry: Path, tmp_path: Path) -> None:
    for arguments, problem in [
        ([], "store export needs --scdl FILE.csv"),
        (["--scdl", tmp_path / "x.csv", "--meta", "couleur=bleu"],
         "--meta couleur is not a fact the export uses"),
        (["--scdl", tmp_path / "x.csv", "--since", "2021"], "--since takes a date"),
    ]:
        result = run("store", "export", "--store", registry, *arguments)
        assert result.returncode == 2
        assert result.stderr.startswith("amendtrack: error: ") and problem in result.stderr
        assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()


def test_facts_recorded_in_the_versions_need_no_meta(tmp_path: Path) -> None:
    from amendtrack.importers.text import version_from_text
    from amendtrack.model import Metadata, ModifyingAct, VersionInfo, Vote
    from amendtrack.store import Store, init_store

    store = Store.open(init_store(tmp_path / "store"))
    facts = Metadata(
        collectivite="Ville de Poitiers", seance="2023-03-14", objet="Tarifs de la cantine",
        numero="2023-041", siret="21860194600013", siren="218601946", actes_matiere="7.10",
        actes_matiere_nom="Finances locales/Divers", budget_annee="2023",
        budget_nom="Budget principal", actes_prefecture="PREF086",
        actes_accuse_date="2023-03-20", en_exercice=43, votants=40,
        vote=Vote(pour=30, contre=6, abstentions=4), url="https://www.poitiers.fr/d/2023-041.pdf")
    store.add(version_from_text("Le repas est à 3 euros.", facts,
                                VersionInfo("cantine", "2023-03-14")))
    amended = Metadata(**{**{name: getattr(facts, name) for name in facts.__slots__},
                          "numero": "2023-077", "seance": "2023-06-20",
                          "actes_accuse_date": None, "vote": Vote(pour=39, contre=1)})
    store.add(version_from_text("Le repas est à 3,50 euros.", amended,
                                VersionInfo("cantine", "2023-06-20", modifies="2023-03-14",
                                            act=ModifyingAct(date="2023-06-20",
                                                             numero="2023-077"))))
    output = tmp_path / "deliberations.csv"
    result = run("store", "export", "--store", tmp_path / "store", "--scdl", output)
    assert result.returncode == 0, result.stderr
    first, second = validate_scdl(output.read_bytes(), tmp_path)
    assert (first["DELIB_ID"], first["COLL_SIRET"], first["DELIB_MATIERE_CODE"]) == (
        "2023-041", "21860194600013", "7.10")
    assert (first["VOTE_EFFECTIF"], first["VOTE_REEL"], first["VOTE_POUR"], first["VOTE_CONTRE"],
            first["VOTE_ABSTENTION"]) == ("43", "40", "30", "6", "4")
    assert (first["PREF_ID"], first["PREF_DATE"], first["BUDGET_ANNEE"]) == (
        "PREF086", "2023-03-20", "2023")
    assert first["DELIB_URL"] == "https://www.poitiers.fr/d/2023-041.pdf"
    # The second act's vote lacks its abstentions: its vote cells are left empty, and said.
    assert (second["DELIB_ID"], second["DELIB_DATE"], second["VOTE_POUR"]) == (
        "2023-077", "2023-06-20", "")
    assert ("amendtrack: warning: cantine@2: VOTE_EFFECTIF, VOTE_REEL, VOTE_POUR, VOTE_CONTRE, "
            "VOTE_ABSTENTION left empty: the schema needs all five vote counts or none "
            "(missing: vote.abstentions)") in result.stderr
