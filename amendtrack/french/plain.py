"""The plain key of French text: lower case, no accents, plain apostrophes and spaces.

What the formulas of a deliberation (`amendtrack.french.deliberations`) and the pairing of
articles (`amendtrack.diffing.structure`) compare; a module of its own so that the diff does
not compile the formulas' regular expressions.
"""

from __future__ import annotations


class _PlainCharacters(dict[int, str]):
    """``str.translate`` table of `plain_key`, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        import unicodedata  # only for characters met for the first time: off start-up

        character = chr(code)
        if character in "\u2019\u2018\u02bc":
            plain = "'"
        elif character in "\u00a0\u202f\u2009":
            plain = " "
        else:
            base = unicodedata.normalize("NFKD", character)[:1].lower()
            plain = base if len(base) == 1 else character
            if len(character.lower()) == 1 and len(base) != 1:
                plain = character.lower()
        self[code] = plain
        return plain


_PLAIN = _PlainCharacters({code: chr(code).lower() for code in range(128)})


def plain_key(text: str) -> str:
    """`text` in lower case without accents, apostrophes and spaces made plain, same length.

    Each character maps to one character, so a match in the key is a match at the same
    place in `text`.
    """
    if text.isascii():
        return text.lower()
    return text.translate(_PLAIN)


__all__ = ["plain_key"]
