"""Markdown inline content: emphasis, a few HTML tags, escapes and character references.

Emphasis follows CommonMark's delimiter-run rules (flanking, the rule of three, ``_`` not
opening inside a word), simplified to what deliberations use: ``**bold**``, ``__bold__``,
``*italic*``, ``_italic_``, and both at once with three delimiters; ``~~struck~~`` (GFM) is
struck through. Unmatched delimiters stay as literal characters (``5 * 3`` is text). The HTML
tags ``<b> <strong> <i> <em> <u> <s> <sup> <sub>`` apply their mark to what they enclose,
``<br>`` is a line break; an unmatched or unknown tag is kept as text, with a warning.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from amendtrack.model import Inline, Mark, Span, normalise_inline

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
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass
class _Token:
    """A piece of the source: literal text, an emphasis delimiter run, or an HTML tag."""

    text: str
    delimiter: str = ""
    """``*`` or ``_`` for a delimiter run; empty otherwise."""
    length: int = 0
    """Delimiters of the run not yet used."""
    original: int = 0
    can_open: bool = False
    can_close: bool = False
    tag: Mark | None = None
    closing_tag: bool = False
    marks: set[Mark] = field(default_factory=set)


def parse_inline(source: str) -> tuple[Inline, list[str]]:
    """Inline content for one block's Markdown source, and warnings about dropped markup."""
    warnings: list[str] = []
    tokens = _tokenise(source, warnings)
    _pair_tags(tokens, warnings)
    _pair_emphasis(tokens)
    spans = [Span(_literal(token), frozenset(token.marks)) for token in tokens]
    return normalise_inline(spans), warnings


def _literal(token: _Token) -> str:
    if token.delimiter:
        return token.delimiter * token.length
    return token.text


def _tokenise(source: str, warnings: list[str]) -> list[_Token]:
    tokens: list[_Token] = []
    text: list[str] = []

    def push(token: _Token) -> None:
        if text:
            tokens.append(_Token("".join(text)))
            text.clear()
        tokens.append(token)

    position = 0
    while position < len(source):
        char = source[position]
        escaped = source[position + 1 : position + 2]
        if char == "\\" and escaped and escaped in _ASCII_PUNCTUATION:
            text.append(escaped)
            position += 2
        elif char in "*_" or source.startswith("~~", position):
            end = position
            while end < len(source) and source[end] == char:
                end += 1
            push(_delimiter_run(source, position, end))
            position = end
        elif char == "<" and (tag := _TAG.match(source, position)):
            name = tag.group(2).lower()
            if name == "br":
                text.append("\n")
            elif name in _TAG_MARKS and not tag.group(3):
                push(_Token(tag.group(0), tag=_TAG_MARKS[name], closing_tag=bool(tag.group(1))))
            else:
                warnings.append(f"unsupported HTML tag {tag.group(0)} kept as text")
                text.append(tag.group(0))
            position = tag.end()
        elif char == "&" and (entity := _ENTITY.match(source, position)):
            text.append(html.unescape(entity.group(0)))
            position = entity.end()
        else:
            text.append(char)
            position += 1
    if text:
        tokens.append(_Token("".join(text)))
    return tokens


def _delimiter_run(source: str, start: int, end: int) -> _Token:
    before = source[start - 1] if start > 0 else " "
    after = source[end] if end < len(source) else " "
    left = not after.isspace() and (
        not _is_punctuation(after) or before.isspace() or _is_punctuation(before)
    )
    right = not before.isspace() and (
        not _is_punctuation(before) or after.isspace() or _is_punctuation(after)
    )
    char = source[start]
    if char == "_":
        can_open = left and (not right or _is_punctuation(before))
        can_close = right and (not left or _is_punctuation(after))
    else:
        can_open, can_close = left, right
    length = end - start
    return _Token(source[start:end], char, length, length, can_open, can_close)


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _pair_tags(tokens: list[_Token], warnings: list[str]) -> None:
    open_tags: list[int] = []
    for index, token in enumerate(tokens):
        if token.tag is None:
            continue
        if not token.closing_tag:
            open_tags.append(index)
            continue
        match = next(
            (depth for depth in range(len(open_tags) - 1, -1, -1)
             if tokens[open_tags[depth]].tag is token.tag),
            None,
        )
        if match is None:
            _unmatched(token, warnings)
            continue
        opener = open_tags[match]
        for unclosed in open_tags[match + 1 :]:
            _unmatched(tokens[unclosed], warnings)
        del open_tags[match:]
        for inner in tokens[opener + 1 : index]:
            inner.marks.add(token.tag)
        tokens[opener].text = token.text = ""
        tokens[opener].tag = token.tag = None
    for unclosed in open_tags:
        _unmatched(tokens[unclosed], warnings)


def _unmatched(token: _Token, warnings: list[str]) -> None:
    warnings.append(f"unmatched HTML tag {token.text} kept as text")
    token.tag = None


def _pair_emphasis(tokens: list[_Token]) -> None:
    for closer_index, closer in enumerate(tokens):
        if not closer.delimiter or not closer.can_close:
            continue
        while closer.length:
            opener_index = _find_opener(tokens, closer_index)
            if opener_index is None:
                break
            opener = tokens[opener_index]
            used = 2 if opener.length >= 2 and closer.length >= 2 else 1
            mark = Mark.BOLD if used == 2 else Mark.ITALIC
            if closer.delimiter == "~":
                if used != 2:
                    break  # a single tilde strikes nothing
                mark = Mark.STRIKE
            for inner in tokens[opener_index + 1 : closer_index]:
                inner.marks.add(mark)
                inner.can_open = inner.can_close = False  # delimiters inside are now text
            opener.length -= used
            closer.length -= used


def _find_opener(tokens: list[_Token], closer_index: int) -> int | None:
    closer = tokens[closer_index]
    for index in range(closer_index - 1, -1, -1):
        opener = tokens[index]
        if opener.delimiter != closer.delimiter or not opener.can_open or not opener.length:
            continue
        both_sides = opener.can_close or closer.can_open
        if (
            closer.delimiter != "~"
            and both_sides
            and (opener.original + closer.original) % 3 == 0
            and not (opener.original % 3 == 0 and closer.original % 3 == 0)
        ):
            continue  # CommonMark's rule of three
        return index
    return None
