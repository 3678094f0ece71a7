"""The amending act (« rajout en gras »): composition, and the seed reproduced by the CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from amendtrack.model import (
    Amendment,
    Block,
    BlockKind,
    BlockOp,
    BlockOpKind,
    Mark,
    Metadata,
    ModifyingAct,
    Span,
    Version,
    VersionInfo,
    Vote,
    plain,
)
from amendtrack.rendering import Change, RenderJob, View
from amendtrack.rendering.act import ActRole, commune, compose, vote_formula

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "aulnoy-ctg-caf"


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_markdown_act_reproduces_the_seed() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("amendtrack")), "amend", str(SAMPLES / "2022-02-02.xml"),
         str(SAMPLES / "2022-12-07.xml"), "--to", "markdown"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    seed = (SAMPLES / "acte-07.12.13.md").read_text(encoding="utf-8")
    assert _collapse(result.stdout) == _collapse(seed)


def test_vote_formula() -> None:
    assert vote_formula(Vote(unanimite=True)) == "à l'unanimité"
    assert vote_formula(Vote(pour=20, contre=3, abstentions=2)) == (
        "par 20 voix pour, 3 contre et 2 abstentions")
    assert vote_formula(Vote(pour=25, abstentions=1)) == "par 25 voix pour et 1 abstention"
    assert vote_formula(None) == ""


def test_commune_from_collectivite() -> None:
    assert commune("Ville d'Aulnoy-lez-Valenciennes") == "Aulnoy-lez-Valenciennes"
    assert commune("Commune de Saint-Saulve") == "Saint-Saulve"
    assert commune("Valenciennes Métropole") == "Valenciennes Métropole"


def _job_without_recorded_header() -> RenderJob:
    # Inputs built by hand: a one-paragraph deliberation where NEW adds two words.
    metadata = Metadata(collectivite="Ville de Marly", seance="2023-03-01", objet="Tarifs",
                        secretaire="Jeanne DUPONT", numero="01.03.23",
                        vote=Vote(pour=20, contre=2))
    old_block = Block("p1", BlockKind.PARAGRAPH, plain("Le tarif est fixé."))
    new_block = Block("p1", BlockKind.PARAGRAPH, plain("Le tarif réduit est fixé."))
    old = Version(VersionInfo("marly", "2022-06-01"),
                  Metadata(collectivite="Ville de Marly", seance="2022-06-01", objet="Tarifs"),
                  (old_block,))
    new = Version(VersionInfo("marly", "2023-03-01", modifies="2022-06-01",
                              act=ModifyingAct(date="2023-03-01")), metadata, (new_block,))
    from amendtrack.model import InlineOp, InlineOpKind

    op = BlockOp(BlockOpKind.MODIFY, 0, 0, old_block, new_block, (
        InlineOp(InlineOpKind.EQUAL, plain("Le tarif "), plain("Le tarif ")),
        InlineOp(InlineOpKind.INSERT, (), plain("réduit ")),
        InlineOp(InlineOpKind.EQUAL, plain("est fixé."), plain("est fixé.")),
    ))
    amendment = Amendment("sha256:a", "sha256:b", (op,))
    return RenderJob(amendment, old, new, view=View.ACT)


def test_composed_act_from_metadata() -> None:
    act = compose(_job_without_recorded_header())
    texts = {role: [b.block.text for b in act.blocks if b.role is role] for role in ActRole}
    assert texts[ActRole.HEADER][0].split("\n") == [
        "VILLE DE MARLY", "EXTRAIT DU REGISTRE", "DES DELIBERATIONS DU CONSEIL MUNICIPAL",
        "Séance du 1er mars 2023"]
    assert texts[ActRole.HEADER][1:] == ["Secrétaire de séance : Jeanne DUPONT", "n° 01.03.23."]
    assert texts[ActRole.TITLE] == [
        "DELIBERATION DU CONSEIL MUNICIPAL\nTarifs\n"
        "Modification de la délibération en date du 1er juin 2022"]
    assert texts[ActRole.EXPOSE][0].endswith("de la manière suivante : (rajout en gras).")
    assert "par 20 voix pour et 2 contre," in texts[ActRole.DECISION][0]
    assert texts[ActRole.SIGNATURE][0] == (
        "Fait et délibéré, en séance, à Marly, à la date que dessus.")
    body = next(act.body())
    added = [run.text for run in body.runs if run.change is Change.ADDED]
    assert added == ["réduit "]
    notice = [run for b in act.blocks if b.role is ActRole.EXPOSE for run in b.block.runs
              if run.text == "(rajout en gras)"]
    assert notice and notice[0].marks == frozenset({Mark.BOLD})


def test_recorded_header_is_used_as_it_stood() -> None:
    job = _job_without_recorded_header()
    header = (Span("MAIRIE", frozenset({Mark.BOLD})), Span("\n\n"),
              Span("Secrétaire : madame X", frozenset({Mark.BOLD})))
    info = VersionInfo("marly", "2023-03-01", act=ModifyingAct(header=header))
    new = Version(info, job.new.metadata, job.new.body)
    act = compose(RenderJob(job.amendment, job.old, new, view=View.ACT))
    headers = [b.block.text for b in act.blocks if b.role is ActRole.HEADER]
    assert headers == ["MAIRIE", "Secrétaire : madame X"]
    titles = [b.block.text for b in act.blocks if b.role is ActRole.TITLE]
    assert titles and titles[0].endswith("en date du 1er juin 2022")


# --- composed from facts -----------------------------------------------------------------------


def _facts_job(**metadata: object) -> RenderJob:
    job = _job_without_recorded_header()
    from dataclasses import replace

    new = replace(job.new, metadata=replace(job.new.metadata, **metadata))
    return RenderJob(job.amendment, job.old, new, view=View.ACT)


def test_who_presides_and_the_assembly_come_from_the_facts() -> None:
    act = compose(_facts_job(presidence="Madame la Vice-Présidente", president="Claire BERNARD",
                             assemblee="comité syndical", collectivite="SIVOM du Val"))
    texts = {role: [b.block.text for b in act.blocks if b.role is role] for role in ActRole}
    assert texts[ActRole.HEADER][0].split("\n")[2] == "DES DELIBERATIONS DU COMITE SYNDICAL"
    assert texts[ActRole.TITLE][0].startswith("DELIBERATION DU COMITE SYNDICAL\n")
    assert texts[ActRole.EXPOSE][0].startswith(
        "Madame la Vice-Présidente expose qu'il est nécessaire de modifier la délibération "
        "adoptée par le comité syndical en date du 1er juin 2022")
    assert texts[ActRole.DECISION][0].split("\n") == [
        "Le Comité Syndical,", "après en avoir délibéré,", "par 20 voix pour et 2 contre,",
        "adhère aux propositions de Madame la Vice-Présidente."]
    assert texts[ActRole.SIGNATURE][-1] == "Pour extrait conforme,\nLa Vice-Présidente,\nClaire BERNARD"
    assert act.notes == ()


def test_unknown_facts_are_said_not_guessed_silently() -> None:
    act = compose(_job_without_recorded_header())
    assert "Le président de séance expose" in next(
        b.block.text for b in act.blocks if b.role is ActRole.EXPOSE)
    assert len(act.notes) == 2
    assert "no fact says who does; give it with --meta presidence=" in act.notes[0]
    assert "« conseil municipal », inferred from the collectivité" in act.notes[1]


def test_a_recorded_legend_is_kept_or_replaced() -> None:
    old = version_xml_load("2022-02-02.xml")
    new = version_xml_load("2022-12-07.xml")
    from amendtrack.diffing.amendments import diff

    legend = "(rajout en gras)"
    kept = compose(RenderJob(diff(old, new), old, new, view=View.ACT))
    assert legend in next(b.block.text for b in kept.blocks if b.role is ActRole.EXPOSE)
    from dataclasses import replace

    shorter = replace(new, body=new.body[:-1])  # the last signature line deleted
    act = compose(RenderJob(diff(old, shorter), old, shorter, view=View.ACT))
    expose = next(b.block for b in act.blocks if b.role is ActRole.EXPOSE)
    assert legend not in expose.text
    bold = [run.text for run in expose.runs if Mark.BOLD in run.marks]
    assert bold == ["(les ajouts figurent en gras, les suppressions sont barrées)"]


def version_xml_load(name: str) -> Version:
    from amendtrack import version_xml

    return version_xml.load(SAMPLES / name)


def test_typography_protects_the_colon_in_the_act_only() -> None:
    from amendtrack import version_xml as versions
    from amendtrack.diffing.amendments import diff as compute
    from amendtrack.french.typography import NO_BREAK_SPACE
    from amendtrack.rendering.api import ActSettings

    folder = Path(__file__).resolve().parents[2] / "samples" / "aulnoy-ctg-caf"
    old, new = versions.load(folder / "2022-02-02.xml"), versions.load(folder / "2022-12-07.xml")
    plain = RenderJob(compute(old, new), old, new, view=View.ACT, full=True)
    typeset = RenderJob(plain.amendment, old, new, view=View.ACT, full=True,
                  act=ActSettings(typography=True))
    texts = [part.block.text for part in compose(typeset).blocks]
    assert any(text.endswith(f"Monsieur le Maire{NO_BREAK_SPACE}:") for text in texts)
    assert f"Secrétaire de séance{NO_BREAK_SPACE}: monsieur" in "".join(texts)
    assert not any(text.endswith("Maire :") for text in texts)
    assert any(text.endswith("Monsieur le Maire :")
               for text in (part.block.text for part in compose(plain).blocks))
    assert any(block.text.endswith("Monsieur le Maire :") for block in new.body)  # unchanged
    # The same words, runs and marks: only spaces differ.
    for before, after in zip(compose(plain).blocks, compose(typeset).blocks,
                             strict=True):
        assert [(r.marks, r.change) for r in before.block.runs] == [
            (r.marks, r.change) for r in after.block.runs]
        assert before.block.text.replace(" ", "") == after.block.text.replace(
            NO_BREAK_SPACE, "").replace("\u202f", "").replace(" ", "")
