"""The bounds of what a source document may ask for, and the one way to read its numbers.

A document is data from anyone: a 1 kB ODT can ask for two thousand million spaces, a style
can have three thousand ancestors, a number can have five thousand digits. Every count a reader
takes from a document goes through `document_number` and the limits below, and a document past a
limit is refused with one `SourceError` that says which limit; nothing is cut silently. Nesting
is bounded by the XML and HTML parsers themselves (`amendtrack.files.safe_xml.MAX_DEPTH`), and a
page they stop reading is refused, never imported cut short.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from amendtrack.errors import SourceError
from amendtrack.translation import _, grouped

MAX_SPACES = 10_000
"""Spaces one ``text:s`` may stand for (a line of a deliberation has at most a few hundred)."""
MAX_REPEAT = 1_000
"""Times one table cell or row with text may be repeated (``table:number-columns-repeated``)."""
MAX_EXPANDED_CHARACTERS = 50_000_000
"""Characters that counts (spaces, repeats) may add to a whole document, all together."""
MAX_STYLE_CHAIN = 100
"""Ancestors a style may have (LibreOffice's own styles have fewer than ten)."""
MAX_DIGITS = 9
"""Digits of any number read from a document (levels, positions, counts, weights)."""
MAX_ELEMENTS = 500_000
"""Elements of an HTML page, or of all the XML parts of a package together (a 300-page act
has some tens of thousands): the readers walk them in Python, about 25 µs each."""
MAX_MARKDOWN_LINES = 100_000
"""Lines of a Markdown text (markdown-it-py spends up to 100 µs on each)."""
MAX_MARKDOWN_MARKS = 500_000
"""Emphasis marks (``*``, ``_``) and ``<`` of a Markdown text (up to 20 µs each)."""


def check_elements(count: int, path: Path | str) -> None:
    """Refuse a document of more than `MAX_ELEMENTS` elements."""
    if count > MAX_ELEMENTS:
        raise SourceError(
            _("has {count} elements, more than the {limit} accepted; split it, or import its "
              "text as plain text").format(count=grouped(count), limit=grouped(MAX_ELEMENTS)),
            path,
        )


def check_markdown_markup(text: str, path: Path | str) -> None:
    """Refuse a Markdown text over `MAX_MARKDOWN_LINES` lines or `MAX_MARKDOWN_MARKS` marks."""
    lines = text.count("\n") + 1
    marks = text.count("*") + text.count("_") + text.count("<")
    if lines > MAX_MARKDOWN_LINES:
        raise SourceError(
            _("has {count} lines, more than the {limit} accepted; split it, or import it as "
              "plain text").format(count=grouped(lines), limit=grouped(MAX_MARKDOWN_LINES)),
            path,
        )
    if marks > MAX_MARKDOWN_MARKS:
        raise SourceError(
            _("has {count} emphasis marks and tags, more than the {limit} accepted; split it, "
              "or import it as plain text").format(count=grouped(marks),
                                                   limit=grouped(MAX_MARKDOWN_MARKS)),
            path,
        )


def document_number(value: str | None, what: str, path: Path | str, *,
                    maximum: int | None = None) -> int | None:
    """The whole number `value` states, or None when there is none (absent or not a number).

    SourceError naming `what` when it has more than `MAX_DIGITS` digits or is over `maximum`.
    A sign is allowed (``w:position`` lowers text with a negative number).
    """
    if value is None:
        return None
    text = value.strip()
    digits = text.removeprefix("-").removeprefix("+")
    if not digits.isdigit() or not digits.isascii():
        return None
    if len(digits.lstrip("0")) > MAX_DIGITS:
        if maximum is not None:
            message = _("{what} is a number of {digits} digits, more than the {maximum} "
                        "accepted").format(what=what, digits=grouped(len(digits)),
                                           maximum=grouped(maximum))
        else:
            message = _("{what} is a number of {digits} digits, more than {limit} digits").format(
                what=what, digits=grouped(len(digits)), limit=MAX_DIGITS)
        raise SourceError(message, path)
    number = int(text)
    if maximum is not None and number > maximum:
        raise SourceError(_("{what} is {number}, more than the {maximum} accepted").format(
            what=what, number=grouped(number), maximum=grouped(maximum)), path)
    return number


class ExpansionBudget:
    """What counts in one document have added so far, against `MAX_EXPANDED_CHARACTERS`."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.used = 0

    def spend(self, characters: int, what: str) -> None:
        """Count `characters` added by `what`; SourceError once the budget is exceeded."""
        self.used += characters
        if self.used > MAX_EXPANDED_CHARACTERS:
            raise SourceError(
                _("{what} would make the document over {limit} characters long: refused as a "
                  "possible memory bomb").format(what=what,
                                                 limit=grouped(MAX_EXPANDED_CHARACTERS)),
                self.path,
            )


def style_chain(name: str, parent_of: Callable[[str], str | None], path: Path | str,
                ) -> list[str]:
    """`name` and its ancestors, nearest first, as `parent_of` links them.

    A style that is its own ancestor ends the chain where the cycle closes (a cycle adds
    nothing to inherit); SourceError for a chain longer than `MAX_STYLE_CHAIN`.
    """
    chain = [name]
    seen = {name}
    while (parent := parent_of(chain[-1])) is not None and parent not in seen:
        if len(chain) >= MAX_STYLE_CHAIN:
            raise SourceError(
                _("style {name!r} inherits from more than {limit} styles in a chain; "
                  "refused").format(name=name[:40], limit=MAX_STYLE_CHAIN),
                path,
            )
        chain.append(parent)
        seen.add(parent)
    return chain
