"""The légistique of structured deliberations: visas and considérants counted among themselves,
changes inside an article worded against it, every golden pair worded exactly."""

from __future__ import annotations

import pytest

from amendtrack.legistique.applier import apply_instructions
from amendtrack.legistique.reader import parse
from amendtrack.legistique.writer import legistique_text
from amendtrack.model import BlockKind
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
    assert text.splitlines() == [
        "Après le deuxième visa, il est inséré un visa ainsi rédigé :",
        "« Vu le code pénal, notamment ses articles 225-17 et 225-18 ; ».",
        "Après le premier considérant, il est inséré un considérant ainsi rédigé :",
        "« Considérant les dégradations constatées pendant l'été 2022 ; ».",
        "Au premier alinéa de l'article 2, le mot : « 18 » est remplacé par le mot : « 19 ».",
    ]


def test_a_change_inside_an_article_names_it() -> None:
    case = load_case("tarifs-piscine-maire")
    text = legistique_text(case.job().amendment, case.old).replace("\u00a0", " ")
    assert "Au premier tiret du premier alinéa de l'article 1er, les mots : « 4,00 euros »" in text


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
