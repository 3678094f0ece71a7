"""The fast paths of `amendtrack.version_xml.writing` give exactly what the lxml paths give."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack import version_xml
from amendtrack.errors import DocumentError
from amendtrack.model import Block, BlockKind, Mark, Metadata, Span, Version, VersionInfo
from amendtrack.version_xml import writing
from tests.strategies import french_text

ROOT = Path(__file__).resolve().parents[2]
_ODD = st.text(alphabet="&<>\"'\r\t\n é’«»\U0001f600\x7f\x85]x\x0b", max_size=8)
_TEXT = french_text() | _ODD


@st.composite
def plain_versions(draw: st.DrawFn) -> Version:
    """Versions whose blocks are unformatted text, with lists, levels and odd characters."""
    blocks: list[Block] = []
    for position in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(BlockKind))
        text = draw(_TEXT)
        content = (Span(text),) if text else ()
        suffix = draw(st.sampled_from(["", "&", '"', "<x>", "é"]))
        blocks.append(
            Block(
                id=f"b{position}{suffix}",
                kind=kind,
                content=content,
                list_id=draw(st.sampled_from([None, "l1", "l2", "l&\""]))
                if kind is BlockKind.ITEM
                else None,
                level=draw(st.sampled_from([None, 1, 2, 3])) if kind is BlockKind.HEADING else None,
            )
        )
    metadata = Metadata(collectivite="Aulnoy <&>", seance="2022-12-07", objet="objet « x »")
    return Version(VersionInfo(deliberation="d", date="2022-12-07"), metadata, tuple(blocks))


@settings(max_examples=300, deadline=None)
@given(plain_versions())
def test_plain_body_is_written_as_lxml_writes_it(version: Version) -> None:
    try:
        expected = writing._serialise(version, plain_body=None)
    except DocumentError:
        with pytest.raises(DocumentError):
            version_xml.serialise(version)
        return
    assert version_xml.serialise(version) == expected
    assert version_xml.content_hash(version) == "sha256:" + hashlib.sha256(expected).hexdigest()


def test_marks_and_bad_characters_take_the_lxml_path() -> None:
    def body(*content: Span) -> tuple[Block, ...]:
        return (Block(id="p1", kind=BlockKind.PARAGRAPH, content=content),)

    assert writing._plain_body(body(Span("a", frozenset({Mark.BOLD})))) is None
    assert writing._plain_body(body(Span("a\nb\n"))) == ['<p id="p1">a<br/>b<br/></p>']
    assert writing._plain_body(body(Span("a\x0bb"))) is None
    assert writing._plain_body(body(Span("a"), Span("b", frozenset({Mark.ITALIC})))) is None
    assert writing._plain_body(()) is None
    assert writing._plain_body(body(Span("a"))) == ['<p id="p1">a</p>']


@pytest.mark.parametrize("path", sorted((ROOT / "samples").glob("*/*.xml")), ids=str)
def test_samples_serialise_alike_both_ways(path: Path) -> None:
    version = version_xml.load(path)
    assert version_xml.serialise(version) == writing._serialise(version, plain_body=None)
