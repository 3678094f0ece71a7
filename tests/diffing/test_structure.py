"""Structure-aware alignment: an inserted visa shifts nothing, « Article 3 » → « Article 4 » is a
renumbering, a vote formula rewritten is a modification, a text's final newline is no change."""

from __future__ import annotations

from pathlib import Path

from amendtrack.diffing.amendment_json import dumps, loads
from amendtrack.diffing.amendments import apply, diff
from amendtrack.diffing.structure import pair_by_kind
from amendtrack.importers.importing import import_source
from amendtrack.importers.options import ReadOptions
from amendtrack.legistique.writer import legistique_text
from amendtrack.model import Block, BlockKind, BlockOpKind, Version, plain
from amendtrack.rendering import Change, RenderJob, View, compose_act

META = {"collectivite": "Commune de Saint-Essai", "objet": "Tarifs", "deliberation": "tarifs"}

PREAMBLE = ("Le Conseil municipal,\n\n"
            "Vu le code général des collectivités territoriales ;\n\n"
            "Vu le code de l'éducation ;\n\n"
            "Considérant la hausse des prix ;\n\n"
            "Après en avoir délibéré, à l'unanimité,\n\nDÉCIDE :\n\n")
ARTICLES = ("Article 1er – Tarifs\n\nLe prix du repas est fixé à 3 euros.\n\n"
            "Le tarif réduit est de 1 euro.\n\n"
            "Article 2 – Application\n\nLes tarifs s'appliquent au 1er novembre 2021.\n\n"
            "Article 3 – Exécution\n\nLa Maire est chargée de l'exécution.\n")


def text_version(tmp_path: Path, name: str, text: str, seance: str) -> Version:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return import_source(path, source_format=None, meta={**META, "seance": seance},
                         options=ReadOptions()).version


def changed(old: Version, new: Version) -> list[tuple[BlockOpKind, str | None, str | None]]:
    return [(op.kind, op.old.id if op.old else None, op.new.id if op.new else None)
            for op in diff(old, new).blocks if op.kind is not BlockOpKind.KEEP]


def test_an_inserted_visa_shifts_nothing(tmp_path: Path) -> None:
    old = text_version(tmp_path, "old", PREAMBLE + ARTICLES, "2021-10-14")
    new_text = (PREAMBLE + ARTICLES).replace(
        "Vu le code de l'éducation ;", "Vu le code de la santé publique ;\n\n"
        "Vu le code de l'éducation ;").replace("3 euros", "3,50 euros")
    new = text_version(tmp_path, "new", new_text, "2022-05-12")
    assert [b.kind for b in new.body][:4] == [BlockKind.DECISION, BlockKind.VISA, BlockKind.VISA,
                                             BlockKind.VISA]
    amendment = diff(old, new)
    assert changed(old, new) == [(BlockOpKind.INSERT, None, "v2"),
                                 (BlockOpKind.MODIFY, "a1-p1", "a1-p1")]
    # Every other block keeps its id and its article: the alinéas of the articles are numbered
    # inside them (a1-p1 …), the visas among themselves.
    kept = [(op.old.id, op.new.id) for op in amendment.blocks
            if op.kind is BlockOpKind.KEEP and op.old and op.new]
    assert [pair for pair in kept if pair[0] != pair[1]] == [("v2", "v3")]
    for op in amendment.blocks:
        if op.kind is BlockOpKind.KEEP and op.old_index is not None and op.new_index is not None:
            before, after = old.division_of(op.old_index), new.division_of(op.new_index)
            assert (before and before.number) == (after and after.number)
    wording = legistique_text(amendment, old).replace("\u00a0", " ")
    assert "Au premier alinéa de l'article 1er, les mots : « 3 euros » sont remplacés" in wording
    assert "article 2" not in wording and "article 3" not in wording
    assert apply(loads(dumps(amendment), "a.json"), old) == new


def test_an_inserted_article_renumbers_the_others(tmp_path: Path) -> None:
    old = text_version(tmp_path, "old", PREAMBLE + ARTICLES, "2021-10-14")
    inserted = ARTICLES.replace("Article 2 – Application", "Article 2 – Tarif social\n\n"
                                "Un tarif de 0,50 euro s'applique aux familles aidées.\n\n"
                                "Article 3 – Application").replace(
        "Article 3 – Exécution", "Article 4 – Exécution").replace(
        "au 1er novembre 2021", "au 1er janvier 2022")  # and the article renumbered changes
    new = text_version(tmp_path, "new", PREAMBLE + inserted, "2022-05-12")
    ops = {op.new.text if op.new else "": op for op in diff(old, new).blocks}
    inserted_heading = ops["Article 2 – Tarif social"]
    assert inserted_heading.kind is BlockOpKind.INSERT
    renumbered = ops["Article 3 – Application"]
    assert renumbered.kind is BlockOpKind.MODIFY and renumbered.old is not None
    assert renumbered.old.text == "Article 2 – Application"
    assert (renumbered.old.number, renumbered.new and renumbered.new.number) == ("2", "3")
    assert ops["Article 4 – Exécution"].kind is BlockOpKind.MODIFY
    assert ops["Les tarifs s'appliquent au 1er janvier 2022."].kind is BlockOpKind.MODIFY
    job = RenderJob(diff(old, new), old, new, view=View.ACT)
    act = compose_act(job)
    headings = [block for block in act.body() if block.kind is BlockKind.ARTICLE]
    marked = [[(run.change, run.text) for run in block.runs if run.change is not Change.SAME]
              for block in headings]
    assert marked[2] == [(Change.DELETED, "2"), (Change.ADDED, "3")]


def test_an_alinea_moved_to_another_article_is_a_move(tmp_path: Path) -> None:
    old = text_version(tmp_path, "old", PREAMBLE + ARTICLES, "2021-10-14")
    moved = ARTICLES.replace("Le tarif réduit est de 1 euro.\n\n", "").replace(
        "Les tarifs s'appliquent au 1er novembre 2021.\n\n",
        "Les tarifs s'appliquent au 1er novembre 2021.\n\nLe tarif réduit est de 1 euro.\n\n")
    new = text_version(tmp_path, "new", PREAMBLE + moved, "2022-05-12")
    assert changed(old, new) == [(BlockOpKind.MOVE, "a1-p2", "a2-p2")]
    job = RenderJob(diff(old, new), old, new, view=View.ACT)
    (moved_block,) = [b for b in compose_act(job).body() if b.change is BlockOpKind.MOVE]
    assert moved_block.moved_from == "deuxième alinéa de l'article 1er"


def test_a_rewritten_vote_is_a_modification(tmp_path: Path) -> None:
    old = text_version(tmp_path, "old", PREAMBLE.replace(
        "à l'unanimité", "par 20 voix pour, 3 contre et 2 abstentions") + ARTICLES, "2021-10-14")
    new = text_version(tmp_path, "new", PREAMBLE + ARTICLES, "2022-05-12")
    assert changed(old, new) == [(BlockOpKind.MODIFY, "d2", "d2")]


def test_pair_by_kind_needs_one_of_a_kind_on_each_side() -> None:
    old = (Block("d1", BlockKind.DECISION, plain("A")), Block("d2", BlockKind.DECISION, plain("B")),
           Block("v1", BlockKind.VOTE, plain("C")))
    new = (Block("d1", BlockKind.DECISION, plain("X")), Block("v1", BlockKind.VOTE, plain("Y")))
    assert pair_by_kind([], [0, 1, 2], [0, 1], old, new) == [(2, 1)]


def test_a_final_newline_is_the_end_of_the_file(tmp_path: Path) -> None:
    old = text_version(tmp_path, "old", "Premier alinéa.\n\nDernier alinéa.\n", "2021-10-14")
    assert old.body[-1].text == "Dernier alinéa." and old.info.final_newlines == 1
    new = text_version(tmp_path, "new", "Premier alinéa.\n\nDernier alinéa modifié.\n\n"
                       "Un alinéa ajouté.\n", "2022-05-12")
    amendment = diff(old, new)
    assert [(op.kind, op.new.text if op.new else None) for op in amendment.changed()] == [
        (BlockOpKind.MODIFY, "Dernier alinéa modifié."), (BlockOpKind.INSERT, "Un alinéa ajouté.")]
    assert all("\n" not in s.text for op in amendment.blocks for i in op.inline for s in i.new)
    wording = legistique_text(amendment, old)
    assert "«\u00a0Un alinéa ajouté.\u00a0»." in wording and "\n\u00a0»" not in wording
