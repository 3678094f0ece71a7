"""Typographic equivalence: which character differences are typography, not wording.

French texts write the same word in several ways: ’ or ', « » or " ", a non-breaking space
(U+00A0, U+202F) or a plain one, œ or oe. The diff compares words through `fold`, so such
differences never show up as added or deleted words; `classify` then names what kind of
difference two aligned runs have, and renderers show NEW's own characters.
"""

from __future__ import annotations

from amendtrack.model import InlineOpKind

_FOLDS = tuple(
    {
        "\u2019": "'",  # ’ right single quotation mark (the French apostrophe)
        "\u2018": "'",  # ‘
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u0153": "oe",  # œ
        "\u0152": "OE",  # Œ
        "\u00e6": "ae",  # æ
        "\u00c6": "AE",  # Æ
    }.items()
)


def fold(text: str) -> str:
    """Text with typographic variants replaced by one plain form (the comparison key)."""
    # One str.replace per variant present is much faster than str.translate on long
    # non-ASCII text; no replacement brings in a character another one replaces.
    for variant, plain in _FOLDS:
        if variant in text:
            text = text.replace(variant, plain)
    return text


def is_whitespace(text: str) -> bool:
    """True for a non-empty run made only of whitespace (spaces, tabs, line breaks, U+00A0…)."""
    return text.isspace()


def classify(old: str, new: str) -> InlineOpKind:
    """The kind of difference between two runs whose words compare equal.

    EQUAL for identical text, TYPOGRAPHY when only typographic variants differ (including a
    non-breaking space for a plain one), WHITESPACE when both runs are whitespace (or empty)
    and differ otherwise (a run of spaces, a tab, a line break), and TYPOGRAPHY for anything
    else that `fold` makes equal.
    """
    if old == new:
        return InlineOpKind.EQUAL
    if fold(old) == fold(new):
        return InlineOpKind.TYPOGRAPHY
    if (not old or old.isspace()) and (not new or new.isspace()):
        return InlineOpKind.WHITESPACE
    return InlineOpKind.TYPOGRAPHY


NO_BREAK_SPACE = "\u00a0"
"""The space before « : » and inside « » (espace insécable)."""
NARROW_NO_BREAK_SPACE = "\u202f"
"""The space before « ; ! ? » (espace fine insécable)."""
_BEFORE = {":": NO_BREAK_SPACE, ";": NARROW_NO_BREAK_SPACE, "!": NARROW_NO_BREAK_SPACE,
           "?": NARROW_NO_BREAK_SPACE, "»": NO_BREAK_SPACE}
_SPACES = frozenset(" \u00a0\u202f\u2009")


def french_spacing(pieces: list[str]) -> list[str]:
    """`pieces` of one text (the runs of a paragraph) with French typography's spaces.

    Before « : ; ! ? » and « » », and after « « », the space is made non-breaking (U+00A0 before
    the colon and inside guillemets, U+202F before « ; ! ? »), and added where a word touches the
    sign (« Maire: » → « Maire : »). A colon, « ; », « ! » or « ? » that does not end a word (a
    time 10:30, an address http://…) and a sign after another sign are left as they are. The
    text is otherwise unchanged, and so is the number of pieces.
    """
    chars = [(char, index) for index, piece in enumerate(pieces) for char in piece]
    out: list[tuple[str, int]] = []
    skip_space = False
    for position, (char, piece) in enumerate(chars):
        if skip_space:
            skip_space = False
            if char == " ":
                continue
        following = chars[position + 1][0] if position + 1 < len(chars) else ""
        if char in _BEFORE and (char == "»" or not following or following.isspace()
                                or following in "»)."):
            _space_before(out, _BEFORE[char], piece)
        out.append((char, piece))
        if char == "«" and following and following not in _SPACES and not following.isspace():
            out.append((NO_BREAK_SPACE, piece))
        elif char == "«" and following == " ":
            out.append((NO_BREAK_SPACE, piece))
            skip_space = True
    result = ["" for _ in pieces]
    for char, piece in out:
        result[piece] += char
    return result


def _space_before(out: list[tuple[str, int]], space: str, piece: int) -> None:
    """The space before a sign made `space`, or `space` added after a word touching it."""
    if out and out[-1][0] in _SPACES:
        out[-1] = (space, out[-1][1])
    elif out and (out[-1][0].isalnum() or out[-1][0] in ")]’'\""):
        out.append((space, piece))


__all__ = ["NARROW_NO_BREAK_SPACE", "NO_BREAK_SPACE", "classify", "fold", "french_spacing",
           "is_whitespace"]
