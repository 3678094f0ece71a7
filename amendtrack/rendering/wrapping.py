"""Text laid out for a terminal: widths in display cells, lines wrapped between words.

A renderer hands `wrap` its text as fragments (a text and an opaque style, such as an escape
sequence's parameters) and gets lines back, each no wider than the width asked for. Lines break
only at ordinary spaces and tabs (never inside a word, never at a non-breaking space); a word
wider than the whole line is the one thing cut. Widths are counted in the cells a terminal
gives a character (an accent that combines takes none, a wide character two), never in escape
sequences. `hanging_indent` finds the label of a list item (« 1° », « a) », « - », « — »,
« I. ») so that the lines after the first start under its text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

Fragment = tuple[str, str]
"""A piece of text and its style (opaque here: the renderer's)."""

Line = list[Fragment]
"""One line of output, as fragments."""

_SLOW = re.compile("[\u0300-\U0010ffff]")  # characters below U+0300 take one cell each
_SGR = re.compile("\x1b\\[[0-9;]*m")
_TOKEN = re.compile(r"\n|[ \t]+|[^ \t\n]+")
TAB = 8
"""Tab stops, every eight cells."""

_LABEL = re.compile(
    r"(?:\{\+|\[-)?"  # a marker opening an added or deleted item
    r"(?:\d+°(?: ?(?:bis|ter|quater|quinquies|sexies))?"  # 1°, 2° bis
    r"|[IVX]+\.(?: [-–—])?"  # I., II. —
    r"|\d+(?:\.\d+)*[.)]"  # 1. 1) 1.2.
    r"|[a-z]{1,3}\)"  # a) aa) iv)
    r"|\((?:\d+|[a-z])\)"  # (1) (a)
    r"|[-–—•*])"  # a dash or a bullet
    r"[ \u00a0\u202f]+(?=\S)"
)


def char_cells(char: str) -> int:
    """The cells a terminal gives one character: 0 for a combining or format character,
    2 for a wide one (East Asian wide or full width), 1 otherwise."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """The width of `text` on a terminal, in cells (escape sequences take none)."""
    if "\x1b" in text:
        text = _SGR.sub("", text)
    if _SLOW.search(text) is None:
        return len(text)
    return sum(char_cells(char) for char in text)


def visible(text: str) -> str:
    """`text` without its SGR escape sequences (colours, bold…)."""
    return _SGR.sub("", text)


def hanging_indent(text: str) -> int:
    """The width of the label opening `text` (« 1° », « a) », « — »…) with the spaces after
    it, in cells; 0 when `text` does not open with one."""
    match = _LABEL.match(text)
    return 0 if match is None else cells(match.group())


def wrap(fragments: Iterable[Fragment], width: int | None, indent: int = 0) -> list[Line]:
    """The fragments as lines no wider than `width` cells (None: not wrapped, cut only at
    line breaks), the lines after the first indented by `indent` cells.

    A line breaks at the spaces between two words; the spaces at the break are dropped. A line
    break in the text (``"\\n"``) starts a new, indented, line.
    """
    if width is None:
        return _unwrapped(fragments)
    layout = _Layout(max(width, 10), indent if indent * 2 <= width else 0)
    for text, style in fragments:
        for token in _TOKEN.findall(text):
            if token == "\n":
                layout.end_word()
                layout.new_line()
            elif token[0] in " \t":
                layout.end_word()
                layout.space.append((token, style))
            else:
                layout.word.append((token, style))
    layout.end_word()
    return layout.lines


def _unwrapped(fragments: Iterable[Fragment]) -> list[Line]:
    lines: list[Line] = [[]]
    for text, style in fragments:
        for index, piece in enumerate(text.split("\n")):
            if index:
                lines.append([])
            if piece:
                lines[-1].append((piece, style))
    return lines


class _Layout:
    """Lines being filled: the current line's width, the word and the spaces waiting."""

    __slots__ = ("column", "filled", "indent", "lines", "space", "width", "word")

    def __init__(self, width: int, indent: int) -> None:
        self.width = width
        self.indent = indent
        self.lines: list[Line] = [[]]
        self.column = 0
        self.filled = False  # a word is on the current line
        self.word: list[Fragment] = []
        self.space: list[Fragment] = []

    def new_line(self) -> None:
        """Start the next line, indented; waiting spaces are dropped."""
        self.space = []
        self.lines.append([(" " * self.indent, "")] if self.indent else [])
        self.column = self.indent
        self.filled = False

    def _spaces_width(self) -> int:
        if len(self.space) == 1 and "\t" not in self.space[0][0]:
            return len(self.space[0][0])  # the usual case: one run of spaces
        column = self.column
        for text, _style in self.space:
            for char in text:
                column += TAB - column % TAB if char == "\t" else 1
        return column - self.column

    def end_word(self) -> None:
        """Place the word waiting: on this line if it fits after the spaces, else on the next
        one (cut into pieces only when wider than a whole line)."""
        if not self.word:
            return
        word, self.word = self.word, []
        size = cells(word[0][0]) if len(word) == 1 else sum(cells(text) for text, _ in word)
        spaces = self._spaces_width() if self.space else 0
        if self.filled and self.column + spaces + size > self.width:
            self.new_line()
            spaces = 0
        elif spaces:
            self.lines[-1].extend(self.space)
        self.column += spaces
        self.space = []
        self.filled = True
        if self.column + size <= self.width:
            self.lines[-1].extend(word)
            self.column += size
            return
        self._cut(word)

    def _cut(self, word: list[Fragment]) -> None:
        # A word wider than the line (an address, a long number): cut where the line ends.
        for text, style in word:
            piece = ""
            for char in text:
                size = char_cells(char)
                if self.column + size > self.width and (piece or self.filled):
                    if piece:
                        self.lines[-1].append((piece, style))
                    piece = ""
                    self.new_line()
                piece += char
                self.column += size
            if piece:
                self.lines[-1].append((piece, style))
        self.filled = True


__all__ = ["TAB", "Fragment", "Line", "cells", "char_cells", "hanging_indent", "visible", "wrap"]
