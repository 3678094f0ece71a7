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
from tests.legistique.structured import deliberation_pairs, pairs
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


@pytest.mark.parametrize("name", sorted(p.name for p in (HERE / "golden" / "deliberations")
                                        .iterdir() if p.is_dir()))
def test_golden_deliberations_worded_without_defects(name: str) -> None:
    """Issue 12's deliberations (visas, considérants, articles that open with their first
    alinéa, annexes, signatures): worded, read back and applied, they give NEW, defect-free."""
    from tests.rendering.golden_acts import load_case

    case = load_case(name)
    text = legistique_text(case.job().amendment, case.old)
    result = apply_instructions(case.old, parse(text))
    assert [b.text for b in result.version.body] == [b.text for b in case.new.body]
    assert defects(text) == []


def test_the_text_outside_the_articles_is_counted_as_one() -> None:
    """The preamble and the signatures after the articles: « le dernier alinéa » is the last
    signature line; visas are counted among the visas."""
    from amendtrack.french.deliberations import reread

    def version(lines: list[tuple[BlockKind, str]], prefix: str) -> Version:
        return Version(INFO, META, tuple(reread(Block(f"{prefix}{n}", kind, plain(text)))
                                         for n, (kind, text) in enumerate(lines)))

    head = [(BlockKind.DECISION, "Le Conseil municipal,"), (BlockKind.VISA, "Vu le code ;"),
            (BlockKind.VISA, "Vu la loi ;"), (BlockKind.VISA, "Vu le décret ;"),
            (BlockKind.DECISION, "DÉCIDE :"), (BlockKind.ARTICLE, "Article 1er"),
            (BlockKind.PARAGRAPH, "Le tarif est fixé à 3 euros.")]
    old = version([*head, (BlockKind.SIGNATURE, "Le Maire, Jean DUPONT")], "o")
    new = version([*head[:2], *head[3:], (BlockKind.SIGNATURE, "Le Maire, Paul MARTIN")], "n")
    text = _round_trip(old, new).replace("\u00a0", " ")
    assert text.splitlines() == [
        "Le deuxième visa est supprimé.",
        "Au dernier alinéa, les mots : « Jean DUPONT » sont remplacés par les mots : « Paul "
        "MARTIN ».",
    ]


@settings(max_examples=100, deadline=None)
@given(deliberation_pairs())
def test_deliberations_with_their_structure_give_new_exactly(
    pair: tuple[Version, Version],
) -> None:
    """Visas and considérants counted among themselves, articles that open with their first
    alinéa, signatures after the articles: the wording gives NEW, defect-free."""
    old, new = pair
    _round_trip(old, new)


def test_a_structure_that_missed_some_articles_is_cut_by_its_headings() -> None:
    """NEW has article blocks (« Article 99 ») beside paragraphs heading articles the import did
    not read as such (« Article L1 »); OLD has only the paragraphs: both are cut alike, by
    their headings, and the wording gives NEW."""
    def version(lines: list[tuple[BlockKind, str]], prefix: str) -> Version:
        return Version(INFO, META, tuple(
            Block(f"{prefix}{n}", kind, plain(text),
                  number="99" if kind is BlockKind.ARTICLE else None)
            for n, (kind, text) in enumerate(lines)))

    paragraphs = [(BlockKind.PARAGRAPH, text) for text in (
        "Le conseil", "Article L1", "Article L2", "Article L3", "Le conseil vote.", "Article L4")]
    added = (BlockKind.ARTICLE, "Article 99")
    old = version(paragraphs, "o")
    new = version([*paragraphs[:3], added, *paragraphs[3:], added], "n")
    assert _round_trip(old, new).replace("\u00a0", " ").splitlines() == [
        "L'article L. 2 est complété par un alinéa ainsi rédigé :", "« Article 99 ».",
        "L'article L. 4 est complété par un alinéa ainsi rédigé :", "« Article 99 ».",
    ]


def test_a_part_gained_after_the_articles_is_said_at_the_end_of_the_text() -> None:
    """Article 2 moved after article 3 is abrogated and inserted again under its number; the
    signature NEW gained after it cannot be placed « Après l'article 2 » (that names OLD's):
    the text is completed by it."""
    from amendtrack.french.deliberations import reread

    def version(lines: list[tuple[BlockKind, str]], prefix: str) -> Version:
        return Version(INFO, META, tuple(reread(Block(f"{prefix}{n}", kind, plain(text)))
                                         for n, (kind, text) in enumerate(lines)))

    second = (BlockKind.ARTICLE, "Article 2 : Le tarif est fixé à 3 euros.")
    third = (BlockKind.ARTICLE, "Article 3")
    old = version([second, third], "o")
    new = version([third, second, (BlockKind.SIGNATURE, "Le Maire, Jean DUPONT")], "n")
    text = _round_trip(old, new).replace("\u00a0", " ")
    assert text.splitlines()[-2:] == ["Le texte est complété par un alinéa ainsi rédigé :",
                                      "« Le Maire, Jean DUPONT »."]


def test_an_article_whose_heading_changes_form_is_rewritten_whole() -> None:
    """« Article 4 : Le tarif … » (the heading holds the first alinéa) becoming « Article 4 –
    Tarifs » and an alinéa, and back: « L'article 4 est ainsi rédigé : », not an abrogation
    and an insertion."""
    from amendtrack.french.deliberations import reread

    def article(block_id: str, text: str, alinea: bool) -> Block:
        return reread(Block(block_id, BlockKind.ARTICLE, plain(text), alinea=alinea))

    last = article("c", "Article 5 : Le maire est chargé de son exécution.", True)
    opening = Version(INFO, META, (article("a", "Article 4 : Le tarif est de 3 euros.", True),
                                   last))
    headed = Version(INFO, META, (article("a", "Article 4 – Tarifs", False),
                                  Block("b", BlockKind.PARAGRAPH,
                                        plain("Le tarif est de 4 euros.")), last))
    assert _round_trip(opening, headed).replace("\u00a0", " ").splitlines() == [
        "L'article 4 est ainsi rédigé :", "« Article 4 – Tarifs", "« Le tarif est de 4 euros. ».",
    ]
    assert _round_trip(headed, opening).replace("\u00a0", " ").splitlines() == [
        "L'article 4 est ainsi rédigé :", "« Article 4 : Le tarif est de 3 euros. ».",
    ]


def test_an_article_moved_to_the_front_is_abrogated_first_then_inserted() -> None:
    """Article L. 4 moved before L. 2 with an alinéa that reads like a heading: the old one is
    abrogated first, so that « L'article L. 4 est complété … » names the new one."""
    old = _version("Article L. 2\n\nArticle L. 3\n\nArticle L. 4")
    new = _version("Article L. 4\n\nArticle L. 1 : le conseil vote.\n\nArticle L. 2\n\n"
                   "Article L. 3")
    assert _round_trip(old, new).replace("\u00a0", " ").splitlines()[0] == (
        "L'article L. 4 est abrogé.")


def test_an_insertion_by_an_article_whose_number_was_taken_is_placed_where_it_stood() -> None:
    """Article 1 lost its alinéa to a new article 99 after it: the article is inserted again,
    abrogated, and « Avant l'article 1er » for article 99 is the old article's place."""
    from amendtrack.french.deliberations import reread

    def version(lines: list[tuple[BlockKind, str]], prefix: str) -> Version:
        return Version(INFO, META, tuple(reread(Block(f"{prefix}{n}", kind, plain(text)))
                                         for n, (kind, text) in enumerate(lines)))

    first = (BlockKind.ARTICLE, "Article 1 : Tarifs")
    alinea = (BlockKind.PARAGRAPH, "Le tarif est de 3 euros.")
    _round_trip(version([first, alinea], "o"),
                version([first, (BlockKind.ARTICLE, "Article 99"), alinea], "n"))
