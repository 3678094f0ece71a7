"""Reading the sentences Parliament writes: the bills corpus (`tests/data/bills`, see its notice).

Every amending alinéa of the two bills is read into instructions (or gives its place to the items
below it, « … est ainsi modifié : »), or reported with the reason it was not; provisions that
change no text are reported as such. At least 95 % must be read (the coverage figure is printed
by `bench/legistique_bench.py`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    NoChange,
    Side,
    StructureChange,
    StructureChangeKind,
    WordChange,
    WordChangeKind,
)
from amendtrack.legistique.reader import Provision, read

BILLS = Path(__file__).parents[1] / "data" / "bills"
CPI = "code de la propriété intellectuelle"


def _provisions(name: str) -> tuple[Provision, ...]:
    return read((BILLS / name).read_text(encoding="utf-8"), name)


def _at(provisions: tuple[Provision, ...], start: str) -> Provision:
    """The first provision that starts so."""
    found = [p for p in provisions if p.text.startswith(start)]
    assert found, start
    return found[0]


@pytest.mark.parametrize("name", ["ppl12-866.txt", "pjl12-691.txt"])
def test_every_amending_alinea_is_read_or_reported(name: str) -> None:
    provisions = _provisions(name)
    amending = [p for p in provisions if p.amending]
    unread = [p for p in amending if p.problem is not None]
    assert amending
    assert len(unread) <= 0.05 * len(amending), [(p.line, p.problem) for p in unread]
    assert all(p.problem for p in unread)
    assert all(p.instructions or p.header for p in amending if p.problem is None)


def test_the_corpus_counts() -> None:
    provisions = _provisions("ppl12-866.txt")
    assert sum(p.heading for p in provisions) == 20  # « Article 1er » … « Article 20 »
    no_change = [p for p in provisions if not p.amending and not p.heading]
    assert [p.line for p in no_change] == [747, 749]  # « La présente loi est applicable … »
    assert all(isinstance(i, NoChange) for p in no_change for i in p.instructions)


def test_header_naming_a_code_gives_its_place_to_the_items() -> None:
    provisions = _provisions("ppl12-866.txt")
    assert _at(provisions, "Le code de la propriété intellectuelle est ainsi modifié").header
    (change,) = _at(provisions, "1° Au premier alinéa de l'article L. 615-17").instructions
    assert change == WordChange(WordChangeKind.REPLACE, Address("L. 615-17", 1, act=CPI),
                                "aux brevets d'invention", "au présent titre", line=5)
    first, second = _at(provisions, "2° Les articles L. 615-18 et L. 615-19").instructions
    assert first == StructureChange(StructureChangeKind.ABROGATE, Address("L. 615-18", act=CPI),
                                    line=7)
    assert isinstance(second, StructureChange) and second.where.article == "L. 615-19"


def test_occurrences_lists_and_compound_clauses() -> None:
    provisions = _provisions("ppl12-866.txt")
    two = _at(provisions, "b) Les deux occurrences du mot : « contrefaisants »").instructions
    assert [(c.every, c.where.article) for c in two if isinstance(c, WordChange)] == [
        (2, "L. 521-5")]
    deleted = _at(provisions, "2° Les troisième, quatrième et dernier alinéas sont supprimés.")
    assert [c.where.alinea for c in deleted.instructions if isinstance(c, BlockChange)] == [
        3, 4, -1]
    both = _at(provisions, "c) Les mots : « produits portant atteinte").instructions
    assert [c.anchor for c in both if isinstance(c, WordChange)] == [
        "produits portant atteinte à une indication géographique",
        "activités portant atteinte à une indication géographique"]


def test_many_places_sentences_parts_and_labels() -> None:
    provisions = _provisions("ppl12-866.txt")
    many = _at(provisions, "3° Au second alinéa de l'article L. 511-10").instructions
    places = [(c.where.article, c.where.alinea, c.where.sentence) for c in many
              if isinstance(c, WordChange)]
    assert places == [("L. 511-10", 2, None), ("L. 521-3", None, None), ("L. 611-8", -2, None),
                      ("L. 611-8", -1, None), ("L. 615-8", None, None), ("L. 622-3", 2, 2),
                      ("L. 623-29", 1, None), ("L. 712-6", 2, None), ("L. 716-5", -2, None)]
    (label,) = _at(provisions, "2° Au 5° du II de l'article L. 251-2").instructions
    assert isinstance(label, WordChange) and (label.where.part, label.where.label) == ("II", "5°")
    (part,) = _at(provisions, "Le 4 de l'article 38 du code des douanes").instructions
    assert isinstance(part, BlockChange) and part.where == Address("38", part="4",
                                                                  act="code des douanes")
    (sentence,) = _at(provisions, "À la seconde phrase de l'article L. 615-20").instructions
    assert isinstance(sentence, WordChange) and sentence.where.sentence == 2
    assert sentence.where.act == CPI  # « du même code »: the code named last


def test_articles_and_divisions() -> None:
    provisions = _provisions("ppl12-866.txt")
    (inserted,) = _at(provisions, "2° Après l'article L. 332-1, il est inséré").instructions
    assert isinstance(inserted, StructureChange)
    assert (inserted.kind, inserted.side, inserted.names) == (
        StructureChangeKind.INSERT, Side.AFTER, (("article", "L. 332-1-1"),))
    (chapter,) = _at(provisions, "2° Après le chapitre V, il est inséré").instructions
    assert isinstance(chapter, StructureChange) and chapter.where.division == (
        ("partie", "première"), ("livre", "III"), ("titre", "III"), ("chapitre", "V"))
    (created,) = _at(provisions, "1° Un chapitre I bis intitulé").instructions
    assert isinstance(created, StructureChange) and created.kind is StructureChangeKind.CREATE
    assert (created.names, created.title, created.where.article, created.through) == (
        (("chapitre", "I bis"),), "La retenue", "L. 521-14", "L. 521-19")
    (renumbered,) = _at(provisions, "1° La section unique intitulée").instructions
    assert isinstance(renumbered, StructureChange)
    assert (renumbered.kind, renumbered.names, renumbered.title) == (
        StructureChangeKind.RENUMBER, (("section", "1"),), "Actions civiles")


def test_an_ordinance_named_in_full() -> None:
    provisions = _provisions("pjl12-691.txt")
    (appended,) = _at(provisions, "L'article 38-2 de l'ordonnance").instructions
    assert isinstance(appended, BlockChange) and appended.kind is BlockChangeKind.APPEND
    assert appended.where.article == "38-2"
    assert appended.where.act == ("ordonnance n° 58-1270 du 22 décembre 1958 portant loi "
                                  "organique relative au statut de la magistrature")
    assert appended.texts[0].startswith("Les dispositions du présent article")
