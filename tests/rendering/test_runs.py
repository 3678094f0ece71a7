"""Runs: how a modified block's fine inline operations are shown as whole words."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings

from amendtrack.diffing.amendments import diff
from amendtrack.importers.text import version_from_text
from amendtrack.model import (
    Block,
    BlockOp,
    BlockOpKind,
    InlineOpKind,
    Mark,
    Metadata,
    Span,
    Version,
    VersionInfo,
    inline_text,
    normalise_inline,
)
from amendtrack.rendering.runs import Change, Deletions, Run, inline_runs, segments
from tests.strategies import inline

METADATA = Metadata(collectivite="Test", seance="2020-01-01", objet="Runs")
SUP = frozenset({Mark.SUPERSCRIPT})


def _versions(old: str, new: str) -> tuple[Version, Version]:
    return (version_from_text(old, METADATA, VersionInfo("t", "2020-01-01")),
            version_from_text(new, METADATA, VersionInfo("t", "2021-01-01")))


def _modified(old: Version, new: Version) -> BlockOp:
    [op] = [op for op in diff(old, new).blocks if op.kind is BlockOpKind.MODIFY]
    return op


def _op(old: str, new: str) -> BlockOp:
    return _modified(*_versions(old, new))


def _shown(op: BlockOp, deletions: Deletions = Deletions.SHOW) -> list[tuple[Change, str]]:
    """What a renderer marks as added or deleted: the segments' changes and texts."""
    return [(change, "".join(run.text for run in group))
            for change, group in segments(inline_runs(op, deletions))
            if change in (Change.ADDED, Change.DELETED)]


def _core(op: BlockOp, kind: InlineOpKind) -> list[str]:
    return [inline_text(i.new if kind is InlineOpKind.INSERT else i.old)
            for i in op.inline if i.kind is kind]


def test_a_word_changed_in_part_is_shown_whole() -> None:
    op = _op("dans les conditions prévues à l'article L. 123-1, les communes",
             "dans les conditions prévues à l'article L. 123-1-9, les communes")
    # The core's operations stay fine (the comma is not part of them) ...
    assert "," not in "".join(_core(op, InlineOpKind.INSERT) + _core(op, InlineOpKind.DELETE))
    # ... the display marks the whole words, punctuation attached.
    assert _shown(op) == [(Change.DELETED, "123-1,"), (Change.ADDED, "123-1-9,")]


def test_a_punctuation_change_marks_the_word_it_is_attached_to() -> None:
    op = _op("Le tarif est fixé par le maire. Il est publié.",
             "Le tarif est fixé par le maire ; il est publié.")
    assert _shown(op) == [(Change.DELETED, "maire. Il"), (Change.ADDED, "maire ; il")]


def test_a_sentence_split_off_reads_as_the_corpus_expects() -> None:
    # Case 023's first change, shortened: « chasseurs~~. Elles …~~ **et, …** » before.
    op = _op("à l'intention des chasseurs. Elles coordonnent les actions des associations.",
             "à l'intention des chasseurs et, le cas échéant, des associations.")
    assert _shown(op) == [(Change.DELETED, "chasseurs. Elles coordonnent les actions"),
                          (Change.ADDED, "chasseurs et, le cas échéant,")]


def test_an_elided_article_changes_with_its_word() -> None:
    op = _op("Il est procédé à l'élection du maire.", "Il est procédé à une élection du maire.")
    assert _shown(op) == [(Change.DELETED, "l'élection"), (Change.ADDED, "une élection")]


def test_a_pure_insertion_and_a_pure_deletion() -> None:
    assert _shown(_op("Le tarif est fixé.", "Le tarif réduit est fixé.")) == [
        (Change.ADDED, "réduit")]
    op = _op("Le tarif réduit est fixé.", "Le tarif est fixé.")
    assert _shown(op) == [(Change.DELETED, "réduit")]
    # The deleted word stays apart from its neighbours; hidden, NEW's text is left exactly.
    assert "".join(run.text for run in inline_runs(op)) == "Le tarif réduit est fixé."
    assert "".join(run.text for run in inline_runs(op, Deletions.HIDE)) == "Le tarif est fixé."


def test_a_typography_only_gap_stays_altered() -> None:
    op = _op('à l\'avant-dernier alinéa du secteur "du centre" de la commune',
             'au deuxième alinéa du secteur " du centre ” de la commune')
    assert _shown(op) == [(Change.DELETED, "à l'avant-dernier"), (Change.ADDED, "au deuxième")]
    altered = [run.text for run in inline_runs(op) if run.change is Change.ALTERED]
    assert "”" in "".join(altered)  # NEW's quote is shown, as a change of form only


def test_typography_alone_adds_no_word() -> None:
    op = _op("les « conventions d’aide » signées", 'les "conventions d\'aide" signées')
    runs = inline_runs(op)
    assert {run.change for run in runs} == {Change.SAME, Change.ALTERED}
    assert "".join(run.text for run in runs) == 'les "conventions d\'aide" signées'


def _with_content(version: Version, *spans: Span) -> Version:
    block = version.body[0]
    return replace(version, body=(Block(block.id, block.kind, normalise_inline(spans)),))


def test_marks_are_kept_on_whole_words() -> None:
    old, new = _versions("au 1er, 2e alinéa.", "au 1er; 3e alinéa.")
    old = _with_content(old, Span("au 1"), Span("er", SUP), Span(", 2"), Span("e", SUP),
                        Span(" alinéa."))
    new = _with_content(new, Span("au 1"), Span("er", SUP), Span("; 3"), Span("e", SUP),
                        Span(" alinéa."))
    runs = [run for run in inline_runs(_modified(old, new))
            if run.change in (Change.ADDED, Change.DELETED)]
    assert runs == [
        Run("1", frozenset(), Change.DELETED), Run("er", SUP, Change.DELETED),
        Run(", 2", frozenset(), Change.DELETED), Run("e", SUP, Change.DELETED),
        Run("1", frozenset(), Change.ADDED), Run("er", SUP, Change.ADDED),
        Run("; 3", frozenset(), Change.ADDED), Run("e", SUP, Change.ADDED),
    ]


def test_a_format_change_of_a_kept_word_stays_altered() -> None:
    old, new = _versions("au 1er janvier", "au 1er janvier")
    old = _with_content(old, Span("effet au 1er mars, dit-il"))
    new = _with_content(new, Span("effet au 1"), Span("er", SUP), Span(" mars, dit-il"))
    runs = inline_runs(_modified(old, new))
    assert {run.change for run in runs} == {Change.SAME, Change.ALTERED}
    altered = [run for run in runs if run.change is Change.ALTERED]
    assert Run("er", SUP, Change.ALTERED) in altered
    assert "".join(run.text for run in altered) in "1er"


def test_deletions_hidden() -> None:
    common = " des associations communales et intercommunales de chasse agréées."
    op = _op("à l'intention des chasseurs. Elles coordonnent les actions" + common,
             "à l'intention des chasseurs et, le cas échéant," + common)
    hidden = inline_runs(op, Deletions.HIDE)
    assert Change.DELETED not in {run.change for run in hidden}
    assert _shown(op, Deletions.HIDE) == [(Change.ADDED, "chasseurs et, le cas échéant,")]
    assert "".join(run.text for run in hidden) == (
        "à l'intention des chasseurs et, le cas échéant," + common)


def _parts(runs: tuple[Run, ...], deleted: bool) -> tuple[Span, ...]:
    return normalise_inline(Span(run.text, run.marks) for run in runs
                            if (run.change is Change.DELETED) is deleted)


@settings(max_examples=150, deadline=None)
@given(inline(), inline())
def test_runs_show_new_exactly_and_deleted_text_from_old(old: tuple[Span, ...],
                                                         new: tuple[Span, ...]) -> None:
    before, after = _versions("x", "y")
    old_version, new_version = _with_content(before, *old), _with_content(after, *new)
    for op in diff(old_version, new_version).blocks:
        shown, hidden = inline_runs(op), inline_runs(op, Deletions.HIDE)
        new_content = op.new.content if op.new is not None else ()
        # Whatever is marked, NEW's characters and marks are all there, in order.
        assert _parts(shown, deleted=False) == new_content
        assert _parts(hidden, deleted=False) == new_content
        assert _parts(hidden, deleted=True) == ()
        # Deleted runs are pieces of OLD, with OLD's marks.
        old_text = op.old.text if op.old is not None else ""
        position = 0
        for run in shown:
            if run.change is Change.DELETED:
                position = old_text.find(run.text, position)
                assert position >= 0
                position += len(run.text)
