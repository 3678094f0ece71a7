"""Kept words: the gaps between anchors are those a word-by-word search finds.

`changed_gaps` does not look at the words inside a stretch of identical text (they are
anchors, and nothing changes between two of them); these tests compare it with the search
that checks every word of NEW, on edited texts where long identical stretches occur.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack.diffing.amendments import diff
from amendtrack.french.typography import fold
from amendtrack.importers.text import version_from_text
from amendtrack.model import BlockOp, BlockOpKind, InlineOpKind, Metadata, VersionInfo, inline_text
from amendtrack.rendering.kept_words import Side, changed_gaps

METADATA = Metadata(collectivite="Test", seance="2020-01-01", objet="Mots gardés")
_WORDS = ("le", "maire", "l'article", "l’article", "L. 2121-29,", "conseil", "œuvre", "oeuvre",
          "12\u00a0500 €", "commune.", "(deux)", "et", "à", ";", "délibère", "x")
_WORD = re.compile(r"\S+")


def _sides(op: BlockOp) -> tuple[Side, Side]:
    """Both sides of a modified block, built as `rendering.runs` builds them."""
    old, new = Side(), Side()
    for inline in op.inline:
        aligned = inline.kind not in (InlineOpKind.INSERT, InlineOpKind.DELETE)
        old_start, new_start = len(old.partner), len(new.partner)
        old.add(inline.old, aligned, new_start, len(inline_text(inline.new)))
        new.add(inline.new, aligned, old_start, len(inline_text(inline.old)),
                same=inline.kind is InlineOpKind.EQUAL and inline.old == inline.new)
    return old, new


def _every_word(old: Side, new: Side) -> list[tuple[int, int, int, int]]:
    """The gaps found by checking every word of NEW for an anchor (the reference)."""
    old_words = {match.start(): match for match in _WORD.finditer(old.text)}
    gaps: list[tuple[int, int, int, int]] = []
    old_end = new_end = 0
    for word in [*_WORD.finditer(new.text), None]:
        if word is None:
            start, end, partner = len(new.partner), 0, None
        else:
            start, end = word.span()
            image = new.partner[start:end]
            partner = old_words.get(image[0])
            if partner is None or -1 in image:
                continue
            back = old.partner[partner.start() : partner.end()]
            if not (image[-1] < partner.end() and -1 not in back and start <= back[0]
                    and back[-1] < end and fold(partner.group()) == fold(word.group())):
                continue
        gap = (old_end, len(old.partner) if partner is None else partner.start(), new_end, start)
        if old.changes_in(*gap[:2]) or new.changes_in(*gap[2:]):
            gaps.append(gap)
        if partner is not None:
            old_end, new_end = partner.end(), end
    return gaps


def _modified_ops(old: str, new: str) -> list[BlockOp]:
    amendment = diff(version_from_text(old, METADATA, VersionInfo("t", "2020-01-01")),
                     version_from_text(new, METADATA, VersionInfo("t", "2021-01-01")))
    return [op for op in amendment.blocks if op.inline]


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, str]:
    """A text of words and that text with a few words replaced, inserted or removed."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
    edited = list(words)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(edited)))
        match draw(st.sampled_from(("replace", "insert", "remove"))):
            case "replace" if at < len(edited):
                edited[at] = draw(st.sampled_from(_WORDS))
            case "remove" if at < len(edited) and len(edited) > 1:
                del edited[at]
            case _:
                edited.insert(at, draw(st.sampled_from(_WORDS)))
    spaces = draw(st.sampled_from((" ", "  ", "\u00a0")))
    return " ".join(words), spaces.join(edited) if draw(st.booleans()) else " ".join(edited)


@settings(max_examples=300, deadline=None)
@given(_edited())
def test_the_gaps_are_those_of_a_search_of_every_word(texts: tuple[str, str]) -> None:
    for op in _modified_ops(*texts):
        old, new = _sides(op)
        assert changed_gaps(old, new) == _every_word(old, new)


def test_a_long_identical_stretch_is_skipped_and_changes_the_gaps_not() -> None:
    common = " ".join(["le conseil municipal délibère sur l'article L. 2121-29"] * 20)
    [op] = _modified_ops(f"Le maire {common} et la commune.",
                         f"La maire {common} et les communes.")
    assert op.kind is BlockOpKind.MODIFY
    old, new = _sides(op)
    assert any(high - low > 500 for low, high in new.same)  # the stretch the search skips
    gaps = changed_gaps(old, new)
    assert gaps == _every_word(old, new)
    assert [new.text[start:end] for *_, start, end in gaps] == ["La ", " les communes."]
