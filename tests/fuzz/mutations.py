"""Hypothesis strategies that mutate corpus files: byte edits, format tokens, repeated slices.

A mutation is a short list of edits on a seed: insert bytes or a token of the format, delete a
slice, replace a slice by a token, or repeat a slice many times (what finds deep nesting and
quadratic loops). For ODT and DOCX the edits go to the XML part that matters most (the body,
or the styles) and the package is zipped again, so that most inputs reach the reader; raw edits
of the ZIP bytes are tried too.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

CORPUS = Path(__file__).parent / "corpus"

TOKENS: dict[str, tuple[bytes, ...]] = {
    "version_xml": (b"<b>", b"</b>", b"<br/>", b'level="', b'presents="', b"&#", b"<!DOCTYPE",
                    b'id="p1"', b"<p ", b"</p>", b"\xc2\x9b", b"\x00", b"99999999999999"),
    "amendment_json": (b"[", b"]", b"{", b"}", b'"op":', b'"insert"', b'"modify"', b"null",
                       b'"old_index":', b"99999999999999999999", b'"\\ud800"', b"NaN", b","),
    "instructions": ("Au deuxième alinéa, ".encode(), "le mot : « ".encode(), " » ".encode(),
                     "est remplacé par les mots : ".encode(), "est supprimé.".encode(),
                     "À l'article 3, ".encode(), b"999999999999e ", b"\n", "« ".encode()),
    "markdown": (b"**", b"__", b"*", b"_", b"<b>", b"</b>", b"<sup>", b"</sup>", b"<br>",
                 b"\n\n", b"  \n", b"- ", b"  - ", b"# ", b"---\n", b"&nbsp;", b"\\", b"1. "),
    "html": (b"<b>", b"</b>", b"<p>", b"</p>", b"<ul><li>", b"</li></ul>", b"<ins>", b"<del>",
             b'<span style="font-weight:', b"<br>", b"<pre>", b"<meta charset=", b"&#", b"<main>"),
    "odt": (b"<text:span>", b"</text:span>", b'<text:s text:c="', b"<text:tab/>",
            b'text:style-name="', b'style:parent-style-name="', b"<text:list><text:list-item>",
            b'table:number-columns-repeated="', b"<!DOCTYPE", b'text:outline-level="'),
    "docx": (b"<w:r>", b"</w:r>", b"<w:t>", b"</w:t>", b'<w:position w:val="', b"<w:b/>",
             b'<w:basedOn w:val="', b"<w:ins>", b"<w:del>", b'<w:numId w:val="', b"<!DOCTYPE"),
}
"""Pieces of each format that mutations insert: what readers look for."""
_MAIN_PARTS = {"odt": ("content.xml", "styles.xml"), "docx": ("word/document.xml",
                                                              "word/styles.xml")}


def seeds(target: str) -> list[bytes]:
    """The committed corpus of a target, sorted by name."""
    return [path.read_bytes() for path in sorted((CORPUS / target).iterdir())]


_edit = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 1 << 20), st.binary(max_size=6)),
    st.tuples(st.just("token"), st.integers(0, 1 << 20), st.integers(0, 63)),
    st.tuples(st.just("delete"), st.integers(0, 1 << 20), st.integers(1, 80)),
    st.tuples(st.just("repeat"), st.integers(0, 1 << 20), st.integers(1, 24), st.integers(2, 400)),
)


def apply_edits(data: bytes, edits: list[tuple[Any, ...]], tokens: tuple[bytes, ...]) -> bytes:
    """`data` with the edits made in order (positions taken modulo its length)."""
    for kind, position, *rest in edits:
        where = position % (len(data) + 1)
        if kind == "insert":
            data = data[:where] + rest[0] + data[where:]
        elif kind == "token":
            data = data[:where] + tokens[rest[0] % len(tokens)] + data[where:]
        elif kind == "delete":
            data = data[:where] + data[where + rest[0]:]
        else:
            piece = data[where:where + rest[0]]
            data = data[:where] + piece * rest[1] + data[where:]
    return data


def _rezipped(package: bytes, part: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = content if item.filename == part else source.read(item.filename)
            target.writestr(item, data)
    return out.getvalue()


@st.composite
def mutated(draw: st.DrawFn, target: str) -> bytes:
    """A corpus file of `target` after a few edits."""
    seed = draw(st.sampled_from(seeds(target)))
    edits = draw(st.lists(_edit, min_size=1, max_size=6))
    tokens = TOKENS[target]
    if target not in _MAIN_PARTS or draw(st.integers(0, 9)) == 0:
        return apply_edits(seed, edits, tokens)
    part = draw(st.sampled_from(_MAIN_PARTS[target]))
    names = zipfile.ZipFile(io.BytesIO(seed)).namelist()
    if part not in names:
        part = _MAIN_PARTS[target][0]
    content = zipfile.ZipFile(io.BytesIO(seed)).read(part)
    return _rezipped(seed, part, apply_edits(content, edits, tokens))
