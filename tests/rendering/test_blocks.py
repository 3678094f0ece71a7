"""The helpers of amendtrack.rendering: segments, the French summary, the diff view's context."""

from __future__ import annotations

import pytest

from amendtrack.errors import UsageError
from amendtrack.model import (
    Amendment,
    Block,
    BlockKind,
    BlockOp,
    BlockOpKind,
    InlineOp,
    InlineOpKind,
    Mark,
    Metadata,
    Version,
    VersionInfo,
    plain,
)
from amendtrack.rendering import (
    Change,
    Deletions,
    Elision,
    RenderBlock,
    RenderJob,
    Run,
    Summary,
    View,
    check_view,
    elision_text,
    merge_runs,
    segments,
    split_lines,
    summarise,
    summary_text,
    view_items,
)

NONE: frozenset[Mark] = frozenset()


def run(text: str, change: Change = Change.SAME) -> Run:
    return Run(text, NONE, change)


def shown(runs: list[Run]) -> list[tuple[str, str]]:
    """Segments as (change, text) pairs."""
    return [(change.value, "".join(r.text for r in group)) for change, group in segments(runs)]


def test_addition_edges_are_plain_text() -> None:
    runs = [run("Le tarif"), run(" réduit ", Change.ADDED), run("est fixé.")]
    assert shown(runs) == [("same", "Le tarif"), ("same", " "), ("added", "réduit"),
                           ("same", " "), ("same", "est fixé.")]


def test_deletion_edges_dropped_unless_words_would_touch() -> None:
    assert shown([run("les élections"), run(" complémentaires", Change.DELETED), run(", de")]) == [
        ("same", "les élections"), ("same", " "), ("deleted", "complémentaires"), ("same", ", de")]
    assert shown([run("a "), run("b ", Change.DELETED), run("c")]) == [
        ("same", "a "), ("deleted", "b"), ("same", " "), ("same", "c")]
    assert shown([run("a "), run("b ", Change.DELETED), run(" c")]) == [
        ("same", "a "), ("deleted", "b"), ("same", " c")]
    assert shown([run("Fin. ", Change.DELETED), run("Toutefois")]) == [
        ("deleted", "Fin."), ("same", " "), ("same", "Toutefois")]


def test_whitespace_only_changes_are_not_marked() -> None:
    assert shown([run("a"), run("  ", Change.ADDED), run("b")]) == [
        ("same", "a"), ("same", "  "), ("same", "b")]
    assert shown([run("a "), run(" ", Change.DELETED), run("b")]) == [("same", "a "), ("same", "b")]


def test_one_addition_across_formats_is_one_segment() -> None:
    runs = [Run("1", NONE, Change.ADDED), Run("er", frozenset({Mark.SUPERSCRIPT}), Change.ADDED),
            Run(" janvier", NONE, Change.ADDED)]
    assert [(c, len(g)) for c, g in segments(runs)] == [(Change.ADDED, 3)]


def test_merge_runs_joins_like_neighbours_and_drops_empty_ones() -> None:
    merged = merge_runs([run("a"), run(""), run("b"), run("c", Change.ADDED)])
    assert merged == (run("ab"), run("c", Change.ADDED))


def test_split_lines() -> None:
    assert split_lines([run("a\nb"), run("c", Change.ADDED)]) == [
        [run("a")], [run("b"), run("c", Change.ADDED)]]
    assert split_lines([]) == [[]]


@pytest.mark.parametrize(("summary", "text"), [
    (Summary(modified=1, words_inserted=1), "1 paragraphe modifié, 1 mot inséré, 0 supprimé"),
    (Summary(modified=3, words_inserted=12, words_deleted=2),
     "3 paragraphes modifiés, 12 mots insérés, 2 supprimés"),
    (Summary(inserted=2, deleted=1, words_inserted=9, words_deleted=1),
     "2 paragraphes ajoutés, 1 paragraphe supprimé, 9 mots insérés, 1 supprimé"),
    (Summary(moved=1), "1 paragraphe déplacé"),
    (Summary(altered=2), "2 paragraphes retouchés (forme seule)"),
    (Summary(), "aucune modification"),
])
def test_summary_text_in_french(summary: Summary, text: str) -> None:
    assert summary_text(summary) == text


def test_elision_text() -> None:
    assert elision_text(1) == "[… 1 paragraphe inchangé …]"
    assert elision_text(12) == "[… 12 paragraphes inchangés …]"


# --- a ten-paragraph text where paragraph 5 changes and paragraph 8 is deleted --------------


def _job(**changes: object) -> RenderJob:
    old_blocks = [Block(f"p{i}", BlockKind.PARAGRAPH, plain(f"Alinéa {i}.")) for i in range(10)]
    changed = Block("p5", BlockKind.PARAGRAPH, plain("Alinéa 5 modifié."))
    ops: list[BlockOp] = []
    new_index = 0
    for i, block in enumerate(old_blocks):
        if i == 5:
            ops.append(BlockOp(BlockOpKind.MODIFY, i, new_index, block, changed, (
                InlineOp(InlineOpKind.EQUAL, plain("Alinéa 5"), plain("Alinéa 5")),
                InlineOp(InlineOpKind.INSERT, (), plain(" modifié")),
                InlineOp(InlineOpKind.EQUAL, plain("."), plain(".")))))
        elif i == 8:
            ops.append(BlockOp(BlockOpKind.DELETE, i, None, block, None))
            continue
        else:
            ops.append(BlockOp(BlockOpKind.KEEP, i, new_index, block, block))
        new_index += 1
    new_blocks = [op.new for op in ops if op.new is not None]
    metadata = Metadata(collectivite="Test", seance="2020-01-01", objet="x")
    old = Version(VersionInfo("t", "2020-01-01"), metadata, tuple(old_blocks))
    new = Version(VersionInfo("t", "2021-01-01"), metadata, tuple(new_blocks))
    job = RenderJob(Amendment("sha256:a", "sha256:b", tuple(ops)), old, new)
    from dataclasses import replace

    return replace(job, **changes)  # type: ignore[arg-type]


def _outline(job: RenderJob) -> list[str]:
    return [f"…{item.count}" if isinstance(item, Elision) else f"{item.position}:{item.text}"
            for item in view_items(job)]


def test_view_items_keep_one_paragraph_of_context_and_elide_the_rest() -> None:
    assert _outline(_job()) == [
        "…4", "4:Alinéa 4.", "5:Alinéa 5.5 modifié.", "6:Alinéa 6.",
        "7:Alinéa 7.", "8:Alinéa 8.", "9:Alinéa 9."]


def test_view_items_with_deletions_hidden_skip_the_deleted_paragraph() -> None:
    assert _outline(_job(deletions=Deletions.HIDE)) == [
        "…4", "4:Alinéa 4.", "5:Alinéa 5 modifié.", "6:Alinéa 6.", "…2"]


def test_view_items_full_shows_everything() -> None:
    items = list(view_items(_job(full=True)))
    assert len(items) == 10 and not any(isinstance(item, Elision) for item in items)
    # Whole words: « 5. » becomes « 5 modifié. », shown as a deleted and an added word.
    assert [r.change for r in items[5].runs] == [Change.SAME, Change.DELETED, Change.ADDED]  # type: ignore[union-attr]


def test_summarise_counts_paragraphs_and_words() -> None:
    summary = summarise(_job().amendment)
    assert summary == Summary(modified=1, deleted=1, words_inserted=1, words_deleted=2)
    assert summary_text(summary) == (
        "1 paragraphe modifié, 1 paragraphe supprimé, 1 mot inséré, 2 supprimés")


def test_flags_and_views_are_checked() -> None:
    job = _job(options={"a": "oui", "b": "0", "c": "peut-être"})
    assert job.flag("a") is True and job.flag("b") is False and job.flag("z", True) is True
    with pytest.raises(UsageError, match="-O c takes true or false"):
        job.flag("c")

    class DiffOnly:
        name = "diffonly"
        views = (View.DIFF,)

    check_view(DiffOnly, job)
    with pytest.raises(UsageError, match=r"cannot render the act view \(it renders: diff\)"):
        check_view(DiffOnly, _job(view=View.ACT))


def test_render_block_text() -> None:
    block = RenderBlock(BlockKind.PARAGRAPH, BlockOpKind.KEEP, (run("a"), run("b", Change.ADDED)))
    assert block.text == "ab"


def test_metadata_changes_are_named_in_french_and_version_fields_left_out() -> None:
    from amendtrack.model import MetadataChange
    from amendtrack.rendering import metadata_text

    changes = (
        MetadataChange("act.numero", None, "07.12.13"),
        MetadataChange("numero", None, "07.12.13"),
        MetadataChange("seance", "2022-02-02", "2022-12-07"),
        MetadataChange("secretaire", "Dimitri KRAJEWSKI", None),
        MetadataChange("vote.unanimite", None, "true"),
        MetadataChange("objet", "Convention", "Convention territoriale globale " * 3),
        MetadataChange("version.date", "2022-02-02", "2022-12-07"),
    )
    assert metadata_text(changes) == (
        "numéro (→ 07.12.13), séance (2022-02-02 → 2022-12-07), "
        "secrétaire de séance (Dimitri KRAJEWSKI → supprimé), unanimité (→ oui), objet"
    )
    assert metadata_text(()) == ""


def test_terminal_summary_names_the_metadata_of_the_aulnoy_amendment() -> None:
    import subprocess
    import sys
    from pathlib import Path

    samples = Path(__file__).resolve().parents[2] / "samples" / "aulnoy-ctg-caf"
    out = subprocess.run(
        [sys.executable, "-m", "amendtrack", "diff", str(samples / "2022-02-02.xml"),
         str(samples / "2022-12-07.xml")],
        capture_output=True, text=True, check=True,
    ).stdout
    last = out.strip().splitlines()[-1]
    assert last.startswith("Résumé : 1 paragraphe modifié, 14 mots insérés, 0 supprimé ; ")
    assert "séance (2022-02-02 → 2022-12-07)" in last
