"""Pairing the leftover blocks: in order inside gaps, and moved blocks anywhere, in linear work."""

from __future__ import annotations

import pytest

from amendtrack.diffing import amendments, pairing
from amendtrack.importers.text import version_from_text
from amendtrack.model import BlockOpKind, Metadata, Version, VersionInfo

_METADATA = Metadata(collectivite="Commune de Sainte-Marie", seance="2024-03-01", objet="Tarifs")

# One act of a registry: each paragraph has words of its own (names, amounts, places).
ACT = [
    "Le conseil municipal fixe le tarif de la cantine scolaire à 3 euros par repas servi.",
    "La salle polyvalente Jean-Moulin est louée aux associations sportives pour 120 euros.",
    "Le marché hebdomadaire du jeudi se tient place de la Libération depuis 1998.",
    "Les droits de place des forains sont perçus par le régisseur municipal chaque trimestre.",
    "La bibliothèque Colette ouvre le mercredi et le samedi, de neuf heures à midi.",
    "Le columbarium du cimetière Saint-Roch accueille les urnes pour quinze ou trente ans.",
    "Le transport scolaire vers le collège Pasteur est gratuit pour les familles boursières.",
    "Les concessions funéraires perpétuelles ne sont plus accordées depuis le 1er mars 2010.",
]


def _acts(copies: int, new: bool) -> Version:
    paragraphs: list[str] = []
    for copy in range(1, copies + 1):
        body = list(ACT)
        if new:
            # The second paragraph moves to the end and changes a little; the fifth changes.
            moved = body.pop(1).replace("120 euros", "150 euros")
            body.append(moved)
            body[3] = body[3].replace("neuf heures", "dix heures")
        paragraphs += [f"Acte {copy}. {text}" for text in body]
    info = VersionInfo(deliberation="tarifs", date="2024-03-01" if new else "2023-03-01")
    return version_from_text("\n\n".join(paragraphs), _METADATA, info)


def _counted_diff(old: Version, new: Version, monkeypatch: pytest.MonkeyPatch) -> tuple[
        list[BlockOpKind], int]:
    calls = []
    original = pairing.symbol_runs

    def counting(*arguments: object) -> object:
        calls.append(1)
        return original(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(pairing, "symbol_runs", counting)
    amendment = amendments.diff(old, new)
    return [op.kind for op in amendment.changed()], len(calls)


def test_places_interpolate_between_kept_blocks() -> None:
    places = pairing.Places([(0, 0), (4, 8)], old_size=10, new_size=12)
    assert places.of_old(2) == 4.0  # halfway between old 0 and 4: halfway between new 0 and 8
    assert places.of_new(4) == 2.0
    assert places.of_old(7) == 10.0  # after the last kept pair, towards the ends
    assert places.of_new(-1 + 1) == 0.0


def test_a_registry_of_similar_acts_is_paired_in_linear_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    one_kinds, one_diffs = _counted_diff(_acts(1, False), _acts(1, True), monkeypatch)
    assert one_kinds.count(BlockOpKind.MOVE) == 1 and one_kinds.count(BlockOpKind.MODIFY) == 1
    many_kinds, many_diffs = _counted_diff(_acts(40, False), _acts(40, True), monkeypatch)
    # The same answer in each of the 40 acts, though every word recurs in 40 blocks…
    assert many_kinds.count(BlockOpKind.MOVE) == 40
    assert many_kinds.count(BlockOpKind.MODIFY) == 40
    # …for a bounded number of word diffs per act, not one per pair of acts.
    assert many_diffs <= 40 * one_diffs * 3


def test_moved_blocks_are_paired_with_their_own_act(monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = _acts(12, False), _acts(12, True)
    moves = [op for op in amendments.diff(old, new).blocks if op.kind is BlockOpKind.MOVE]
    assert len(moves) == 12
    for op in moves:
        assert op.old is not None and op.new is not None
        assert op.old.text.split(".")[0] == op.new.text.split(".")[0]  # « Acte k » both sides


def test_a_gap_too_large_to_compare_every_pair_is_still_paired_in_order() -> None:
    count = 120  # 120 × 120 pairs, well over GAP_PAIRS
    assert count * count > pairing.GAP_PAIRS
    old_paragraphs = [f"Article {k} : la subvention numéro {k} est versée à l'association "
                      f"de quartier {k} avant la fin de l'exercice." for k in range(count)]
    new_paragraphs = [text.replace("avant la fin", "au début") for text in old_paragraphs]
    info = VersionInfo(deliberation="subventions", date="2024-01-01")
    old = version_from_text("Préambule\n\n" + "\n\n".join(old_paragraphs) + "\n\nFin",
                            _METADATA, info)
    new = version_from_text("Préambule\n\n" + "\n\n".join(new_paragraphs) + "\n\nFin",
                            _METADATA, info)
    amendment = amendments.diff(old, new)
    modified = [(op.old_index, op.new_index) for op in amendment.blocks
                if op.kind is BlockOpKind.MODIFY]
    assert modified == [(k, k) for k in range(1, count + 1)]
    assert amendments.apply(amendment, old) == new
