"""Lineage: `Store.file` puts a version under the deliberation it modifies, or asks."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amendtrack import version_xml
from amendtrack.errors import StoreError
from amendtrack.importers.text import version_from_text
from amendtrack.model import Metadata, ModifyingAct, Version, VersionInfo
from amendtrack.store.history import HISTORY_NAME
from amendtrack.store.lineage import Filing, close_objets, objet_likeness
from amendtrack.store.log import log
from amendtrack.store.repository import Store, init_store
from amendtrack.store.verify import verify

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "aulnoy-ctg-caf"
BEFORE_LINEAGE = Path(__file__).parent / "data" / "before-lineage"


def deliberation(identifier: str, seance: str, objet: str, text: str, *,
                 numero: str | None = None, modifies: str | None = None,
                 modifies_numero: str | None = None) -> Version:
    """A version of the séance `seance`; a modifying one when it says what it modifies."""
    modifying = modifies is not None or modifies_numero is not None
    act = ModifyingAct(date=seance, numero=numero) if modifying else None
    info = VersionInfo(identifier, seance, modifies=modifies, act=act,
                       modifies_numero=modifies_numero)
    metadata = Metadata(collectivite="Ville d’Aulnoy", seance=seance, objet=objet,
                        numero=numero)
    return version_from_text(text, metadata, info)


def renamed(version: Version, identifier: str) -> Version:
    """`version` with another id, as `import` names a document after its file."""
    return replace(version, info=replace(version.info, deliberation=identifier))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty store."""
    return Store.open(init_store(tmp_path / "store"))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the store and its bytes."""
    return {str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_the_aulnoy_versions_named_after_their_files_go_under_one_deliberation(
        store: Store) -> None:
    old = renamed(version_xml.load(SAMPLE / "2022-02-02.xml"), "v1")
    new = renamed(version_xml.load(SAMPLE / "2022-12-07.xml"), "v2")
    first, placed = store.file(old)
    assert placed.filing is Filing.NEW and placed.deliberation == "v1"
    second, placed = store.file(new)
    assert (placed.filing, placed.deliberation) == (Filing.MODIFIES, "v1")
    assert placed.modified == first
    assert store.deliberations() == ["v1"]
    assert [entry.number for entry in store.history("v1").entries] == [1, 2]
    assert store.load("v1", second).info.deliberation == "v1"  # the copy carries the id
    assert verify(store, deep=True).ok


def test_the_samples_as_they_are_go_under_their_own_id(store: Store) -> None:
    for name in ("2022-02-02.xml", "2022-12-07.xml"):
        store.file(version_xml.load(SAMPLE / name))
    assert store.deliberations() == ["aulnoy-ctg-caf"]
    assert store.history("aulnoy-ctg-caf").entries[1].numero == "07.12.13"


def test_the_numero_chain_leads_to_the_first_deliberation(store: Store) -> None:
    store.file(deliberation("tarifs", "2022-02-02", "Tarifs de la cantine", "3 euros.",
                            numero="2022-15"))
    _, placed = store.file(deliberation(
        "acte-40", "2022-06-01", "Tarifs de la cantine", "3,50 euros.", numero="2022-40",
        modifies_numero="2022-15"))
    assert placed.deliberation == "tarifs"
    # An act modifying the act n° 2022-40 (no date given) modifies the same deliberation.
    _, placed = store.file(deliberation(
        "acte-3", "2023-01-10", "Tarifs de la cantine", "4 euros.", numero="2023-03",
        modifies_numero="N° 2022-40"))
    assert (placed.deliberation, placed.modified and placed.modified.number) == ("tarifs", 2)


def test_same_seance_deliberations_are_told_apart_by_numero_then_objet(store: Store) -> None:
    store.file(deliberation("cantine", "2022-02-02", "Tarifs de la cantine scolaire", "3 €.",
                            numero="2022-15"))
    store.file(deliberation("football", "2022-02-02", "Subvention au club de football",
                            "500 €.", numero="2022-16"))
    store.file(deliberation("voirie", "2022-02-02", "Travaux de voirie", "Rue A."))
    by_numero = deliberation("acte", "2022-06-01", "Avenant", "600 €.", numero="2022-41",
                             modifies="2022-02-02", modifies_numero="2022-16")
    assert store.file(by_numero)[1].deliberation == "football"
    by_objet = deliberation("acte-2", "2022-06-02", "Tarifs de la cantine scolaire : "
                            "modification", "4 €.", modifies="2022-02-02")
    assert store.file(by_objet)[1].deliberation == "cantine"
    before = snapshot(store.root)
    unclear = deliberation("acte-3", "2022-06-03", "Modification", "Rue B.",
                           modifies="2022-02-02")
    with pytest.raises(StoreError, match="3 deliberations hold a version this one may "
                       r"modify \(cantine@1, football@1, voirie@1\); say which with "
                       "--deliberation ID"):
        store.file(unclear, source="acte-3.xml")
    assert snapshot(store.root) == before
    assert store.file(unclear, "voirie")[1].filing is Filing.GIVEN


def test_a_numero_that_contradicts_the_date_match_is_not_that_deliberation(
        store: Store) -> None:
    store.file(deliberation("cantine", "2022-02-02", "Tarifs", "3 €.", numero="2022-15"))
    act = deliberation("acte", "2022-06-01", "Tarifs", "4 €.", modifies="2022-02-02",
                       modifies_numero="2022-99")
    with pytest.raises(StoreError, match="modifies the deliberation n° 2022-99 of "
                       "2022-02-02, which the store does not hold"):
        store.file(act)


def test_an_unknown_act_is_refused_unless_new(store: Store) -> None:
    store.file(deliberation("cantine", "2022-02-02", "Tarifs", "3 €."))
    before = snapshot(store.root)
    act = deliberation("avenant", "2022-06-01", "Avenant à la convention", "Texte.",
                       modifies="2021-11-30")
    with pytest.raises(StoreError, match="add that one first, say which deliberation it "
                       "belongs to with --deliberation ID, or start a new deliberation with "
                       "--new") as raised:
        store.file(act, source="avenant.xml")
    assert raised.value.path == "avenant.xml"
    assert snapshot(store.root) == before
    with pytest.raises(StoreError, match="the store has no deliberation 'autre': to start"):
        store.file(act, "autre")
    entry, placed = store.file(act, new=True)
    assert (placed.filing, placed.deliberation, entry.number) == (Filing.NEW, "avenant", 1)
    with pytest.raises(StoreError, match="already holds 'cantine'"):
        store.file(deliberation("cantine", "2023-01-01", "Tarifs", "4 €."), new=True)


def test_an_id_the_store_holds_that_contradicts_the_lineage_is_a_question(
        store: Store) -> None:
    store.file(deliberation("cantine", "2022-02-02", "Tarifs", "3 €."))
    store.file(deliberation("voirie", "2022-03-03", "Voirie", "Rue A."))
    act = deliberation("voirie", "2022-06-01", "Tarifs", "4 €.", modifies="2022-02-02")
    with pytest.raises(StoreError, match="carries the id 'voirie', which the store holds, but "
                       "it modifies cantine@1; say which with --deliberation voirie or "
                       "--deliberation cantine"):
        store.file(act)


def test_a_new_deliberation_with_a_close_objet_is_flagged(store: Store) -> None:
    store.file(deliberation("ctg", "2022-02-02", "Convention territoriale globale – CAF du "
                            "Nord", "Texte."))
    store.file(deliberation("budget-2023", "2023-01-10", "Budget primitif 2023", "Texte."))
    _, placed = store.file(deliberation("copie", "2022-12-07", "Convention Territoriale "
                                        "Globale CAF du Nord", "Autre texte."))
    assert placed.filing is Filing.NEW
    assert placed.close == (("ctg", "Convention territoriale globale – CAF du Nord"),)
    _, placed = store.file(deliberation("budget-2024", "2024-01-10", "Budget primitif 2024",
                                        "Texte."))
    assert placed.close == ()  # another year is another budget


def test_a_store_recorded_before_lineage_reads_verifies_and_files(tmp_path: Path) -> None:
    root = tmp_path / "store"
    shutil.copytree(BEFORE_LINEAGE, root)
    store = Store.open(root)
    assert verify(store, deep=True).ok
    old_entries = store.history("aulnoy-ctg-caf").entries
    assert [entry.seance for entry in old_entries] == [None, None]
    lines = log(store, "aulnoy-ctg-caf")
    assert [line.numero for line in lines] == [None, "07.12.13"]  # read from the versions
    assert lines[1].modified == old_entries[0]
    later = deliberation("ctg-2023", "2023-03-01", "Convention territoriale globale",
                         "Texte.", numero="01.03.23", modifies_numero="07.12.13")
    entry, placed = store.file(later)
    assert (placed.deliberation, entry.number, entry.numero) == ("aulnoy-ctg-caf", 3,
                                                                 "01.03.23")
    history = (root / "aulnoy-ctg-caf" / HISTORY_NAME).read_text(encoding="utf-8")
    kept = (BEFORE_LINEAGE / "aulnoy-ctg-caf" / HISTORY_NAME).read_text(encoding="utf-8")
    assert history.startswith(kept)  # the old entries stay as they were
    assert verify(store, deep=True).ok


def test_the_numero_and_seance_are_in_the_chain(store: Store) -> None:
    store.file(deliberation("cantine", "2022-02-02", "Tarifs", "3 €.", numero="2022-15"))
    path = store.root / "cantine" / HISTORY_NAME
    path.write_text(path.read_text(encoding="utf-8").replace('"2022-15"', '"2022-16"'),
                    encoding="utf-8")
    problems = verify(store).problems
    assert [problem.detail for problem in problems] == [
        "entry @1: the chain is broken (the entry or one before it was edited)"]


_OBJETS = st.text(alphabet="abcdéèçôABCÉ -’'0123456789", min_size=1, max_size=40).filter(
    lambda text: any(character.isalpha() for character in text))


@given(_OBJETS)
def test_an_objet_is_close_to_itself_whatever_its_case_and_accents(objet: str) -> None:
    plain = objet.upper().replace("É", "E").replace("’", "'")
    if objet_likeness(objet, objet) == 0.0:  # only small words (« de la »): nothing to match
        return
    assert objet_likeness(objet, objet) == 1.0
    assert objet_likeness(objet, plain) == 1.0
    assert list(close_objets(objet, [("a", plain)])) == [("a", plain)]


@given(_OBJETS, _OBJETS)
def test_likeness_is_a_share(one: str, other: str) -> None:
    assert 0.0 <= objet_likeness(one, other) <= 1.0
