"""Properties of amendments.diff / apply / invert over generated French versions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.diffing import amendments
from amendtrack.errors import AmendmentError
from amendtrack.model import (
    Block,
    BlockKind,
    BlockOpKind,
    InlineOpKind,
    Mark,
    Metadata,
    ModifyingAct,
    Span,
    Version,
    VersionInfo,
    normalise_inline,
    plain,
)
from amendtrack.version_xml import content_hash
from tests.strategies import FRENCH_WORDS, WHITESPACE, french_text, inline, versions


@st.composite
def edited_inline(draw: st.DrawFn, content: tuple[Span, ...]) -> tuple[Span, ...]:
    """`content` with words inserted, removed, re-marked or re-spaced here and there."""
    spans: list[Span] = []
    for span in content:
        words = span.text.split(" ")
        out: list[str] = []
        for word in words:
            action = draw(st.sampled_from(["keep", "keep", "keep", "drop", "insert", "space"]))
            if action == "drop":
                continue
            if action == "insert":
                out.append(draw(st.sampled_from(FRENCH_WORDS)))
            if action == "space":
                word += draw(st.sampled_from(WHITESPACE))
            out.append(word)
        marks = span.marks
        if draw(st.booleans()):
            marks = marks ^ {draw(st.sampled_from(tuple(Mark)))}
        spans.append(Span(" ".join(out), marks))
    if draw(st.booleans()):
        spans.extend(draw(inline()))
    return normalise_inline(spans)


@st.composite
def version_pairs(draw: st.DrawFn) -> tuple[Version, Version]:
    """OLD and NEW: blocks kept, modified, removed, inserted and moved; metadata changed."""
    old = draw(versions())
    body: list[Block] = []
    for block in old.body:
        action = draw(st.sampled_from(["keep", "keep", "modify", "delete", "insert"]))
        if action == "delete":
            continue
        if action == "modify":
            block = replace(block, content=draw(edited_inline(block.content)))
        if action == "insert":
            body.append(Block(f"n{len(body)}", BlockKind.PARAGRAPH, draw(inline())))
        body.append(block)
    if len(body) > 1 and draw(st.booleans()):
        moved = body.pop(draw(st.integers(0, len(body) - 1)))
        body.insert(draw(st.integers(0, len(body))), moved)
    # Text import numbers blocks by position: renumber sometimes, as it would.
    if draw(st.booleans()):
        body = [replace(b, id=f"r{k}") for k, b in enumerate(body)]
    else:
        seen: set[str] = set()
        unique: list[Block] = []
        for k, b in enumerate(body):
            unique.append(b if b.id not in seen else replace(b, id=f"u{k}"))
            seen.add(b.id)
        body = unique
    metadata = old.metadata
    info = old.info
    if draw(st.booleans()):
        metadata = replace(metadata, objet=draw(french_text(min_words=1)).strip() or "Autre",
                           numero=draw(st.none() | st.just("07.12.13")))
        info = VersionInfo(
            deliberation=info.deliberation,
            date="2022-12-07",
            modifies=info.date,
            act=ModifyingAct(date="2022-12-07", numero="07.12.13",
                             expose=draw(inline()), header=draw(inline())),
        )
    return old, Version(info=info, metadata=metadata, body=tuple(body))


@settings(max_examples=100, deadline=None)
@given(version_pairs())
def test_apply_diff_gives_new(pair: tuple[Version, Version]) -> None:
    old, new = pair
    amendment = amendments.diff(old, new)
    assert amendments.apply(amendment, old) == new


@settings(max_examples=100, deadline=None)
@given(version_pairs())
def test_apply_invert_gives_old(pair: tuple[Version, Version]) -> None:
    old, new = pair
    amendment = amendments.diff(old, new)
    assert amendments.apply(amendments.invert(amendment), new) == old
    assert amendments.invert(amendments.invert(amendment)) == amendment


@settings(max_examples=100, deadline=None)
@given(version_pairs())
def test_operations_are_in_reading_order_of_new(pair: tuple[Version, Version]) -> None:
    old, new = pair
    amendment = amendments.diff(old, new)
    new_positions = [op.new_index for op in amendment.blocks if op.new_index is not None]
    assert new_positions == list(range(len(new.body)))
    old_positions = sorted(op.old_index for op in amendment.blocks if op.old_index is not None)
    assert old_positions == list(range(len(old.body)))


def _version(*texts: str | tuple[Span, ...]) -> Version:
    return Version(
        info=VersionInfo(deliberation="essai", date="2022-02-02"),
        metadata=Metadata(collectivite="Aulnoy", seance="2022-02-02", objet="Essai"),
        body=tuple(
            Block(f"p{k}", BlockKind.PARAGRAPH, plain(t) if isinstance(t, str) else t)
            for k, t in enumerate(texts)
        ),
    )


def test_identical_versions_give_only_keeps() -> None:
    version = _version("Le conseil municipal.", "Décide.")
    amendment = amendments.diff(version, version)
    assert [op.kind for op in amendment.blocks] == [BlockOpKind.KEEP, BlockOpKind.KEEP]
    assert amendment.base_hash == amendment.result_hash == content_hash(version)


def test_inserted_paragraph_leaves_the_others_kept() -> None:
    old = _version("Premier alinéa.", "Deuxième alinéa.", "Troisième alinéa.")
    new = _version("Premier alinéa.", "Nouvel alinéa inséré.", "Deuxième alinéa.",
                   "Troisième alinéa.")
    kinds = [op.kind for op in amendments.diff(old, new).blocks]
    assert kinds == [BlockOpKind.KEEP, BlockOpKind.INSERT, BlockOpKind.KEEP, BlockOpKind.KEEP]


def test_delete_stands_where_the_block_stood_in_old() -> None:
    old = _version("Un.", "Deux supprimé entièrement.", "Trois.")
    new = _version("Un.", "Trois.", "Quatre ajouté à la fin.")
    ops = amendments.diff(old, new).blocks
    assert [(op.kind, op.old_index, op.new_index) for op in ops] == [
        (BlockOpKind.KEEP, 0, 0),
        (BlockOpKind.DELETE, 1, None),
        (BlockOpKind.KEEP, 2, 1),
        (BlockOpKind.INSERT, None, 2),
    ]


def test_moved_block_is_a_move_at_its_new_position() -> None:
    old = _version("Alpha alinéa.", "Bêta alinéa.", "Gamma alinéa.", "Delta alinéa.")
    new = _version("Alpha alinéa.", "Gamma alinéa.", "Delta alinéa.", "Bêta alinéa.")
    ops = amendments.diff(old, new).blocks
    move = [op for op in ops if op.kind is BlockOpKind.MOVE]
    assert [(op.old_index, op.new_index) for op in move] == [(1, 3)]
    assert ops[-1] is move[0]


def test_replacement_is_delete_then_insert_of_whole_words() -> None:
    old = _version("Le conseil général délibère.")
    new = _version("Le conseil départemental délibère.")
    (op,) = amendments.diff(old, new).blocks
    changed = [(i.kind, "".join(s.text for s in i.old), "".join(s.text for s in i.new))
               for i in op.inline if i.kind is not InlineOpKind.EQUAL]
    assert changed == [(InlineOpKind.DELETE, "général", ""),
                       (InlineOpKind.INSERT, "", "départemental")]


def test_typography_whitespace_and_format_have_their_own_kinds() -> None:
    old = _version((Span("l'article « premier » du 1er janvier 2023, les  oeuvres"),))
    new = _version((Span("l’article \"premier\" du 1"), Span("er", frozenset({Mark.SUPERSCRIPT})),
                    Span(" janvier 2023, les œuvres")))
    (op,) = amendments.diff(old, new).blocks
    kinds = {i.kind for i in op.inline}
    assert InlineOpKind.INSERT not in kinds and InlineOpKind.DELETE not in kinds
    assert {InlineOpKind.TYPOGRAPHY, InlineOpKind.FORMAT, InlineOpKind.WHITESPACE} <= kinds
    assert amendments.apply(amendments.diff(old, new), old) == new


def test_apply_refuses_another_base() -> None:
    old, new = _version("Un."), _version("Deux.")
    amendment = amendments.diff(old, new)
    with pytest.raises(AmendmentError, match="does not apply to this version"):
        amendments.apply(amendment, new)


def test_apply_refuses_a_forged_result() -> None:
    old, new = _version("Un texte."), _version("Un autre texte.")
    amendment = amendments.diff(old, new)
    forged = replace(amendment, result_hash="sha256:" + "0" * 64)
    with pytest.raises(AmendmentError, match="does not give the version"):
        amendments.apply(forged, old)


def test_the_diff_leaves_no_reference_cycle() -> None:
    # The diff runs with the cyclic collector paused: a cycle it made would never be freed.
    import gc
    from pathlib import Path

    from amendtrack.importers.text import version_from_text

    folder = Path(__file__).resolve().parents[1] / "data" / "legi" / "cases" / "023"
    metadata = Metadata(collectivite="Légifrance", seance="2015-03-22", objet="Article")
    old = version_from_text((folder / "base.txt").read_text(encoding="utf-8"), metadata,
                            VersionInfo(deliberation="legi", date="2014-01-01"))
    new = version_from_text((folder / "amended.txt").read_text(encoding="utf-8"), metadata,
                            VersionInfo(deliberation="legi", date="2015-01-01"))
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        amendment = amendments.diff(old, new)
        assert any(op.kind is BlockOpKind.MOVE for op in amendment.blocks)
        del amendment
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
    assert gc.isenabled() == enabled
