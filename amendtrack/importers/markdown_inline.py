"""Markdown inline content, read by markdown-it-py: emphasis, a few HTML tags, escapes, entities.

markdown-it-py (`amendtrack.importers.markdown_parser`) applies CommonMark's rules for
``**bold**``, ``__bold__``, ``*italic*``, ``_italic_`` (flanking, the rule of three, ``_`` not
opening inside a word), in linear time, and ``~~struck~~`` (GFM) is struck through: unmatched
delimiters stay as literal characters (``5 * 3`` is text, a single ``~`` strikes nothing).
Links, images, code spans and autolinks are not read: their characters stay text, as in a
deliberation. The HTML tags ``<b> <strong> <i> <em> <u> <s> <sup> <sub>`` apply their mark to
what they enclose and ``<br>`` is a line break; an unmatched or unknown tag is kept as text, with
a warning. Tags are paired in one pass with a stack (`_pair_tags`), so a page of nested tags
costs no more than a page of text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from amendtrack.importers.markdown_parser import parser
from amendtrack.model import Inline, Mark, Span, normalise_inline
from amendtrack.translation import _

if TYPE_CHECKING:
    from markdown_it.token import Token

_TAG_MARKS = {
    "b": Mark.BOLD,
    "strong": Mark.BOLD,
    "i": Mark.ITALIC,
    "em": Mark.ITALIC,
    "u": Mark.UNDERLINE,
    "s": Mark.STRIKE,
    "strike": Mark.STRIKE,
    "sup": Mark.SUPERSCRIPT,
    "sub": Mark.SUBSCRIPT,
}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\s*(/?)>")
_EMPHASIS = {"em_open": (Mark.ITALIC, 1), "em_close": (Mark.ITALIC, -1),
             "strong_open": (Mark.BOLD, 1), "strong_close": (Mark.BOLD, -1),
             "s_open": (Mark.STRIKE, 1), "s_close": (Mark.STRIKE, -1)}
@dataclass(slots=True)
class _Piece:
    """Literal text, or an HTML tag that may apply a mark, with the marks it gets."""

    text: str
    tag: Mark | None = None
    closing: bool = False
    emphasis: frozenset[Mark] = frozenset()
    """The marks of ``*`` and ``**`` around it."""
    marks: frozenset[Mark] = frozenset()
    """All its marks, once tags are paired."""


def parse_inline(source: str) -> tuple[Inline, list[str]]:
    """Inline content for one block's Markdown source, and warnings about dropped markup."""
    tokens = parser().parseInline(source)
    children = tokens[0].children if tokens and tokens[0].children else []
    return inline_from_tokens(children)


def inline_from_tokens(tokens: Sequence[Token]) -> tuple[Inline, list[str]]:
    """Inline content for markdown-it's inline tokens (the children of an ``inline`` token)."""
    warnings: list[str] = []
    if len(tokens) == 1 and tokens[0].type == "text":  # the usual paragraph: plain text
        return normalise_inline([Span(tokens[0].content)]), warnings
    pieces = _pieces(tokens, warnings)
    if any(piece.tag is not None for piece in pieces):
        _pair_tags(pieces, warnings)
    else:
        for piece in pieces:
            piece.marks = piece.emphasis
    return _spans(pieces), warnings


def _spans(pieces: list[_Piece]) -> Inline:
    # Neighbours with the same marks are joined here, in one pass: thousands of tags kept as
    # text must not be concatenated one by one.
    spans: list[Span] = []
    texts: list[str] = []
    marks: frozenset[Mark] | None = None
    for piece in pieces:
        if not piece.text:
            continue
        if piece.marks != marks and texts:
            spans.append(Span("".join(texts), marks or frozenset()))
            texts = []
        marks = piece.marks
        texts.append(piece.text)
    if texts:
        spans.append(Span("".join(texts), marks or frozenset()))
    return normalise_inline(spans)


def _pieces(tokens: Sequence[Token], warnings: list[str]) -> list[_Piece]:
    pieces: list[_Piece] = []
    depth = {Mark.BOLD: 0, Mark.ITALIC: 0, Mark.STRIKE: 0}
    active: frozenset[Mark] = frozenset()
    for token in tokens:
        kind = token.type
        emphasis = _EMPHASIS.get(kind)
        if emphasis is not None:
            depth[emphasis[0]] += emphasis[1]
            active = frozenset(mark for mark, count in depth.items() if count > 0)
        elif kind == "softbreak":
            pieces.append(_Piece(" ", emphasis=active))
        elif kind == "hardbreak":
            pieces.append(_Piece("\n", emphasis=active))
        elif kind == "html_inline":
            pieces.append(_tag_piece(token.content, active, warnings))
        else:
            pieces.append(_Piece(token.content, emphasis=active))
    return pieces


def _tag_piece(html: str, emphasis: frozenset[Mark], warnings: list[str]) -> _Piece:
    tag = _TAG.fullmatch(html)
    name = tag.group(2).lower() if tag else ""
    if name == "br":
        return _Piece("\n", emphasis=emphasis)
    if tag and name in _TAG_MARKS and not tag.group(3):
        return _Piece(html, tag=_TAG_MARKS[name], closing=bool(tag.group(1)), emphasis=emphasis)
    warnings.append(_("unsupported HTML tag {tag} kept as text").format(tag=html))
    return _Piece(html, emphasis=emphasis)


def _pair_tags(pieces: list[_Piece], warnings: list[str]) -> None:
    """Pair opening and closing tags; mark what each pair encloses. Linear in the pieces.

    A closing tag closes the nearest open tag of its kind; tags opened after that one and not
    closed are unmatched. Each tag enters and leaves the stack once, and the marks are then
    applied in one sweep (+1 at an opening tag, -1 at its closing tag).
    """
    stack: list[int] = []  # indexes of open tags, outermost first
    depth: dict[int, int] = {}  # an open tag's place in the stack
    open_of: dict[Mark, list[int]] = {mark: [] for mark in _TAG_MARKS.values()}
    changes: dict[int, Mark] = {}
    unmatched: list[int] = []
    for index, piece in enumerate(pieces):
        if piece.tag is None:
            continue
        if not piece.closing:
            depth[index] = len(stack)
            stack.append(index)
            open_of[piece.tag].append(index)
            continue
        if not open_of[piece.tag]:
            unmatched.append(index)
            continue
        opener = open_of[piece.tag][-1]
        inside = depth[opener]  # its place in the stack
        for inner in stack[inside + 1:]:  # opened inside, never closed (each leaves once)
            open_of[pieces[inner].tag or piece.tag].pop()
            unmatched.append(inner)
        del stack[inside:]
        open_of[piece.tag].pop()
        changes[opener] = changes[index] = piece.tag
    unmatched.extend(stack)
    for index in unmatched:  # in the order they were found unmatched
        warnings.append(_("unmatched HTML tag {tag} kept as text").format(
            tag=pieces[index].text))
        pieces[index].tag = None
    _apply_marks(pieces, changes)


def _apply_marks(pieces: list[_Piece], changes: dict[int, Mark]) -> None:
    counts = dict.fromkeys(_TAG_MARKS.values(), 0)
    tagged: frozenset[Mark] = frozenset()
    combined: dict[frozenset[Mark], frozenset[Mark]] = {}
    for index, piece in enumerate(pieces):
        mark = changes.get(index)
        if mark is not None:
            counts[mark] += -1 if piece.closing else 1
            tagged = frozenset(mark for mark, count in counts.items() if count > 0)
            combined.clear()
            piece.text = ""
            continue
        marks = combined.get(piece.emphasis)
        if marks is None:
            marks = combined[piece.emphasis] = tagged | piece.emphasis
        piece.marks = marks
