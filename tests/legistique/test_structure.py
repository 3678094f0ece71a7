"""The légistique of structured deliberations: visas and considérants counted among themselves,
changes inside an article worded against it, every golden pair worded exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from amendtrack.diffing.amendments import diff
from amendtrack.errors import AmendmentError
from amendtrack.importers.importing import import_source
from amendtrack.importers.options import ReadOptions
from amendtrack.legistique.applier import apply_instructions
from amendtrack.legistique.reader import parse
from amendtrack.legistique.writer import legistique_text
from amendtrack.model import BlockKind, Version
from tests.legistique.defects import defects
from tests.rendering.golden_acts import CASES, load_case


@pytest.mark.parametrize("name", CASES)
def test_every_golden_pair_is_worded_exactly(name: str) -> None:
    case = load_case(name)
    job = case.job()
    # legistique_text reads its wording back and applies it to OLD: it must give NEW.
    assert legistique_text(job.amendment, case.old)


def test_an_inserted_visa_and_considerant_shift_no_alinea() -> None:
    case = load_case("visa-insere")
    text = legistique_text(case.job().amendment, case.old).replace("\u00a0", " ")
    # « second »: the second of two visas; article 2 has one alinéa: it is named whole; the
    # quoted « 18 » is a number (issue 15's wording).
    assert text.splitlines() == [
        "Après le second visa, il est inséré un visa ainsi rédigé :",
        "« Vu le code pénal, notamment ses articles 225-17 et 225-18 ; ».",
        "Après le premier considérant, il est inséré un considérant ainsi rédigé :",
        "« Considérant les dégradations constatées pendant l'été 2022 ; ».",
        "À l'article 2, le nombre : « 18 » est remplacé par le nombre : « 19 ».",
    ]


def test_a_change_inside_an_article_names_it() -> None:
    case = load_case("tarifs-piscine-maire")
    text = legistique_text(case.job().amendment, case.old).replace("\u00a0", " ")
    # The changes of article 1er are grouped under it (issue 15's wording).
    lines = text.splitlines()
    header = lines.index("L'article 1er est ainsi modifié :")
    assert "2° Au premier tiret du premier alinéa, le nombre : « 4,00 » est remplacé par le " \
           "nombre : « 4,50 » ;" in lines[header + 1 :]


def test_visa_instructions_are_read_and_applied() -> None:
    case = load_case("visa-insere")
    instructions = parse("Après le premier visa, il est inséré un visa ainsi rédigé :\n"
                         "« Vu le code rural ; ».\nLe deuxième considérant est supprimé.\n"
                         "Au premier considérant, le mot : « décence » est remplacé par le mot : "
                         "« dignité ».")
    with pytest.raises(Exception, match="no deuxième considérant"):
        apply_instructions(case.old, instructions)
    result = apply_instructions(case.old, instructions[:1] + instructions[2:]).version
    visas = [block for block in result.body if block.kind is BlockKind.VISA]
    assert [block.text for block in visas][1] == "Vu le code rural ;"
    considerant = next(block for block in result.body if block.kind is BlockKind.CONSIDERANT)
    assert "dignité du cimetière" in considerant.text


IMPORTED = Path(__file__).parents[1] / "golden" / "legistique-imported"
_META = {"collectivite": "Commune de Saint-Martin", "seance": "2024-01-15", "objet": "Tarifs"}


def _imported(path: Path) -> Version:
    return import_source(path, source_format=None, meta=_META, options=ReadOptions()).version


@pytest.mark.parametrize("case", sorted(p.name for p in IMPORTED.iterdir() if p.is_dir()))
def test_imported_golden_wording(case: str) -> None:
    """Texts imported with their structure: articles inserted among others are worded as a
    drafter does (changes first, then « Les articles 2 et 3 deviennent respectivement les
    articles 3 et 4 », then the new article), visas counted among the visas."""
    folder = IMPORTED / case
    old, new = _imported(folder / "old.txt"), _imported(folder / "new.txt")
    text = legistique_text(diff(old, new), old)
    assert text == (folder / "expected.txt").read_text(encoding="utf-8")
    result = apply_instructions(old, parse(text))
    assert [block.text for block in result.version.body] == [block.text for block in new.body]
    assert defects(text) == []


def test_renumbering_is_said_once_for_the_articles_that_follow() -> None:
    """A renumbering of single articles stays one sentence per article when it is alone, and
    the reader takes lists and ranges of plain numbers."""
    one = parse("L'article 4 devient l'article 5.")
    listed = parse("Les articles L. 12, L. 13 et L. 14 deviennent respectivement les articles "
                   "L. 13, L. 14 et L. 15.")
    ranged = parse("Les articles 1er à 4 deviennent respectivement les articles 2 à 5.")
    assert [(i.where.article, i.names) for i in one] == [("4", (("article", "5"),))]
    assert [(i.where.article, i.names[0][1]) for i in listed] == [
        ("L. 12", "L. 13"), ("L. 13", "L. 14"), ("L. 14", "L. 15")]
    assert [(i.where.article, i.names[0][1]) for i in ranged] == [
        ("1er", "2"), ("2", "3"), ("3", "4"), ("4", "5")]
    with pytest.raises(AmendmentError):  # four articles cannot become three
        parse("Les articles 1er à 4 deviennent respectivement les articles 2 à 4.")
    with pytest.raises(AmendmentError, match="cannot read"):  # no text has that many articles
        parse("Les articles 1er à 99999999999 deviennent respectivement les articles 2 à "
              "100000000000.")
