"""Tests of amendtrack.legistique.writer: wording amendments in French légistique, exactly.

Round trip everywhere: the generated wording is read back by `amendtrack.legistique.reader.parse`
and applied to OLD by `amendtrack.legistique.applier`, and must give NEW byte for byte.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.importers.text import version_from_text, version_text
from amendtrack.legistique.applier import apply_instructions
from amendtrack.legistique.reader import parse
from amendtrack.legistique.wording import wording
from amendtrack.legistique.writer import legistique_text
from amendtrack.model import Block, BlockKind, Metadata, Version, VersionInfo, plain
from amendtrack.rendering import RenderJob
from tests.legistique.defects import defects
from tests.legistique.structured import pairs
from tests.strategies import FRENCH_WORDS, WHITESPACE

HERE = Path(__file__).parents[1]
CASES = HERE / "data" / "legi" / "cases"
GOLDEN = HERE / "golden" / "legistique"
SAMPLE = HERE.parent / "samples" / "aulnoy-ctg-caf"
META = Metadata("X", "2020-01-01", "Y")
INFO = VersionInfo("x", "2020-01-01")


def _version(text: str) -> Version:
    return version_from_text(text, META, INFO)


def _round_trip(old: Version, new: Version) -> str:
    text = legistique_text(diff(old, new), old)
    result = apply_instructions(old, parse(text))
    assert [b.text for b in result.version.body] == [b.text for b in new.body]
    assert defects(text) == []
    return text


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()))
def test_corpus_round_trip(case: str) -> None:
    old = _version((CASES / case / "base.txt").read_text(encoding="utf-8"))
    new = _version((CASES / case / "amended.txt").read_text(encoding="utf-8"))
    text = _round_trip(old, new)
    result = apply_instructions(old, parse(text))
    assert version_text(result.version) == (CASES / case / "amended.txt").read_text("utf-8")


@pytest.mark.parametrize("case", sorted(p.parent.name for p in GOLDEN.glob("*/expected.txt")))
def test_golden_wording(case: str) -> None:
    folder = GOLDEN / case
    old = _version((folder / "old.txt").read_text(encoding="utf-8"))
    new = _version((folder / "new.txt").read_text(encoding="utf-8"))
    assert _round_trip(old, new) == (folder / "expected.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(p.parent.name for p in GOLDEN.glob("*/instructions.txt")))
def test_drafters_amendments_worded_by_amendtrack(case: str) -> None:
    """The amendments of the drafters' golden cases, worded by amendtrack, give NEW too."""
    folder = GOLDEN / case
    old = _version((folder / "old.txt").read_text(encoding="utf-8"))
    new = _version((folder / "new.txt").read_text(encoding="utf-8"))
    _round_trip(old, new)


def test_wording_typography() -> None:
    text = (GOLDEN / "replace-word" / "expected.txt").read_text(encoding="utf-8")
    assert "le mot\u00a0: «\u00a0général\u00a0» est remplacé" in text
    assert " : " not in text.replace("\u00a0:", "")


def test_case_029_wording() -> None:
    old = _version((CASES / "029" / "base.txt").read_text(encoding="utf-8"))
    new = _version((CASES / "029" / "amended.txt").read_text(encoding="utf-8"))
    text = _round_trip(old, new)
    assert ("1° Le mot\u00a0: «\u00a0devant\u00a0» est remplacé par les mots\u00a0: "
            "«\u00a0lors d'une cérémonie républicaine par\u00a0»") in text


def test_aulnoy_sample_inserts_after_de_financement_in_the_right_tiret() -> None:
    old = version_xml.load(SAMPLE / "2022-02-02.xml")
    new = version_xml.load(SAMPLE / "2022-12-07.xml")
    text = _round_trip(old, new)
    tirets = [i for i, b in enumerate(old.body) if "conventions d'objectifs" in b.text]
    assert len(tirets) == 1 and old.body[tirets[0]].kind is BlockKind.ITEM
    assert text.startswith("Au premier tiret du ")
    assert "après les mots\u00a0: «\u00a0de financement\u00a0», sont insérés les mots\u00a0: " \
           "«\u00a0qui seront réalisées pour les bonus territoriaux" in text


def test_renderer_plugin_writes_the_wording() -> None:
    from amendtrack_plugins.legistique import LegistiqueRenderer

    old = _version("Le conseil général statue.")
    new = _version("Le conseil départemental statue.")
    stream = io.BytesIO()
    LegistiqueRenderer().render(RenderJob(diff(old, new), old, new), stream)
    assert stream.getvalue().decode("utf-8") == wording(parse(stream.getvalue().decode()))


def test_renderer_is_registered() -> None:
    from amendtrack.rendering.registry import discover

    names = {info.name: info.value for info in discover()[0]}
    assert names.get("legistique") == "amendtrack_plugins.legistique:LegistiqueRenderer"


# --- hypothesis ---------------------------------------------------------------------------------

_WORDS = st.sampled_from((*FRENCH_WORDS, "conseil", "le", "de", "la", "commune", "et"))


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    words = draw(st.lists(_WORDS, min_size=1, max_size=14))
    spaces = draw(st.lists(st.sampled_from((" ", " ", " ", *WHITESPACE)),
                           min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, spaces, strict=True)).rstrip(" ") or "x"


@st.composite
def _pair(draw: st.DrawFn) -> tuple[Version, Version]:
    kinds = st.sampled_from((BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.ITEM,
                             BlockKind.HEADING))
    old_blocks = [(draw(kinds), draw(_paragraph())) for _ in range(draw(st.integers(1, 6)))]
    new_blocks: list[tuple[BlockKind, str]] = []
    for kind, text in old_blocks:
        action = draw(st.sampled_from(("keep", "keep", "edit", "drop", "add")))
        if action == "edit":
            words = text.split(" ")
            at = draw(st.integers(0, len(words)))
            words[at:at + draw(st.integers(0, 2))] = draw(st.lists(_WORDS, max_size=3))
            text = " ".join(words)
        if action != "drop":
            new_blocks.append((kind, text))
        if action == "add":
            new_blocks.append((draw(kinds), draw(_paragraph())))
    if draw(st.booleans()) and len(new_blocks) > 2:
        new_blocks.append(new_blocks.pop(0))

    def version(blocks: list[tuple[BlockKind, str]], prefix: str) -> Version:
        return Version(INFO, META, tuple(
            Block(f"{prefix}{n}", kind, plain(text), list_id="l" if kind is BlockKind.ITEM
                  else None, level=1 if kind is BlockKind.HEADING else None)
            for n, (kind, text) in enumerate(blocks)))

    return version(old_blocks, "o"), version(new_blocks, "n")


@settings(max_examples=150, deadline=None)
@given(_pair())
def test_generated_instructions_give_new_exactly(pair: tuple[Version, Version]) -> None:
    old, new = pair
    _round_trip(old, new)


@settings(max_examples=150, deadline=None)
@given(pairs())
def test_texts_with_articles_and_divisions_give_new_exactly(
    pair: tuple[Version, Version],
) -> None:
    """Articles abrogated, inserted and renumbered, divisions retitled, alinéas moved: the
    wording, read back, gives NEW, and a drafter would accept it."""
    old, new = pair
    _round_trip(old, new)
