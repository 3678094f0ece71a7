"""Splitting French text into the tokens the word diff compares.

A token is a whitespace run, a word, a single punctuation character, or an atomic unit that
would read as confetti if a change could fall inside it: a date (« 1er janvier 2023 »), an
amount (« 12 500,00 € »), a number with thousands separators (space, U+00A0 or U+202F) or a
decimal comma. An elided article or pronoun (« l' », « d' », « qu' », with ’ or ') is its own
token, so « l'article » and « l’article » share the word « article ». Hyphenated words and
references (« gardes-chasse », « L. 2212-5 », « 2012-1246 ») stay whole.

Concatenating the tokens of a text always gives the text back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from amendtrack.french.calendar import MONTH_PATTERN
from amendtrack.french.typography import fold
from amendtrack.model import Amendment, BlockOpKind, InlineOp, InlineOpKind, inline_text

_SEPARATOR = "[ \u00a0\u202f\u2009]"
_GROUPED = rf"\d{{1,3}}(?:{_SEPARATOR}\d{{3}}(?!\d))+(?:,\d+)?"
_DECIMAL = r"\d+,\d+"
_DATE = rf"(?:1er|\d{{1,2}}){_SEPARATOR}(?:{MONTH_PATTERN}){_SEPARATOR}\d{{4}}(?!\w)"
_AMOUNT = rf"(?:{_GROUPED}|{_DECIMAL}|\d+){_SEPARATOR}?(?:€|euros?(?!\w)|EUR(?!\w))"
_ELISION = r"(?:lorsqu|puisqu|quoiqu|jusqu|presqu|qu|[cdjlmnst])['\u2019](?=\w)"
_WORD = r"\w+(?:[-'\u2019\u2011]\w+)*"

_ALTERNATIVES = (
    rf"\s+|(?<!\w)(?:{_DATE}|{_AMOUNT}|(?:{_GROUPED}|{_DECIMAL})(?!\w))|(?<!\w){_ELISION}"
    rf"|{_WORD}|."
)
# The first alternative is a shortcut for the commonest token, a word of letters followed by a
# space or punctuation: none of the others can match there, and _WORD would match the same.
_TOKEN = re.compile(rf"[^\W\d]+(?=[\s,.;:)]|\Z)|{_ALTERNATIVES}", re.IGNORECASE | re.DOTALL)

WHITESPACE_KEY = " "
"""The comparison key of every whitespace run: runs are aligned, their differences classified."""


def tokenize(text: str) -> list[str]:
    """The tokens of `text`, in order; ``"".join(tokenize(text)) == text``."""
    return _TOKEN.findall(text)


def token_key(token: str) -> str:
    """What the diff compares: whitespace runs are all alike, typography is folded."""
    if token.isspace():
        return WHITESPACE_KEY
    return fold(token)


def token_keys(text: str, tokens: list[str]) -> list[str]:
    """`token_key` of each of `tokens` (the tokens of `text`), computed on the folded text.

    Folding never moves a token boundary (each folded character belongs to the same class
    of the tokenizer), so this is one `translate` per text instead of one per token.
    """
    keys = [WHITESPACE_KEY if token.isspace() else token for token in tokenize(fold(text))]
    if len(keys) != len(tokens):  # not expected; stay correct if it ever happens
        return [token_key(token) for token in tokens]
    return keys


def tokens_and_keys(text: str) -> tuple[list[str], list[str]]:
    """``tokenize(text)`` and its `token_keys`, tokenizing only once when it can.

    When folding keeps every character in its tokenizer class and the text's length (no œ or
    æ, no ‘ which is punctuation while ' joins words), the folded text's token boundaries are
    the text's own: the tokens are cut from the text at those boundaries.
    """
    folded = fold(text)
    if len(folded) != len(text) or "\u2018" in text:
        own = tokenize(text)
        return own, token_keys(text, own)
    folded_tokens = tokenize(folded)
    keys = [WHITESPACE_KEY if token.isspace() else token for token in folded_tokens]
    if folded == text:
        return folded_tokens, keys
    tokens: list[str] = []
    position = 0
    for token in folded_tokens:
        tokens.append(text[position : position + len(token)])
        position += len(token)
    return tokens, keys


def folded_tokens(text: str) -> list[str]:
    """`token_key` of each token of `text`, except that whitespace runs are left as they are.

    What the pairing of blocks encodes (through a `SymbolTable` that folds whitespace): one
    tokenization of the folded text when folding keeps the token boundaries (see
    `tokens_and_keys`).
    """
    folded = fold(text)
    if len(folded) != len(text) or "\u2018" in text:
        return [token_key(token) for token in tokenize(text)]
    return tokenize(folded)


# --- inserted and deleted words of an amendment -----------------------------------------------

COARSE_WORDS = r"\S+"
"""Words with their punctuation attached (how `expected` in the corpus counts)."""
FINE_WORDS = r"\w+|[^\w\s]"
"""Words and single punctuation characters (the corpus's `fine_tokens`)."""


@dataclass(frozen=True, slots=True)
class WordChanges:
    """Runs of inserted and deleted words, as exact substrings, in document order."""

    inserted: tuple[str, ...]
    deleted: tuple[str, ...]

    def counts(self, pattern: str = COARSE_WORDS) -> tuple[int, int]:
        """The number of inserted and deleted words."""
        compiled = re.compile(pattern)
        return (
            sum(len(compiled.findall(run)) for run in self.inserted),
            sum(len(compiled.findall(run)) for run in self.deleted),
        )


def changed_words(
    amendment: Amendment, pattern: str = COARSE_WORDS, *, fold_typography: bool = True
) -> WordChanges:
    """The amendment read at word level: which words (matches of `pattern`) are new or gone.

    A word is kept when its characters are aligned, in order and all of them, with one word of
    the other side that reads the same (the same after `fold` when `fold_typography`);
    otherwise it is inserted (NEW) or deleted (OLD). Neighbouring changed words form one run,
    spaces between them included. Moved blocks with unchanged text change no word.
    """
    compiled = re.compile(pattern)
    inserted: list[tuple[int, int, str]] = []
    deleted: list[tuple[int, int, str]] = []
    for op in amendment.blocks:
        if op.kind is BlockOpKind.INSERT and op.new is not None and op.new_index is not None:
            inserted.extend(_whole(op.new.text, compiled, op.new_index))
        elif op.kind is BlockOpKind.DELETE and op.old is not None and op.old_index is not None:
            deleted.extend(_whole(op.old.text, compiled, op.old_index))
        elif op.inline and op.old_index is not None and op.new_index is not None:
            ins, dels = _block_changes(op.inline, compiled, fold_typography)
            inserted.extend((op.new_index, start, text) for start, text in ins)
            deleted.extend((op.old_index, start, text) for start, text in dels)
    return WordChanges(
        tuple(text for *_, text in sorted(inserted)), tuple(text for *_, text in sorted(deleted))
    )


def _whole(text: str, pattern: re.Pattern[str], block: int) -> list[tuple[int, int, str]]:
    words = list(pattern.finditer(text))
    if not words:
        return []
    return [(block, words[0].start(), text[words[0].start() : words[-1].end()])]


def _block_changes(
    ops: tuple[InlineOp, ...], pattern: re.Pattern[str], fold_typography: bool
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    aligned_kinds = {InlineOpKind.EQUAL, InlineOpKind.FORMAT, InlineOpKind.WHITESPACE}
    if fold_typography:
        aligned_kinds.add(InlineOpKind.TYPOGRAPHY)
    old_map: list[int] = []
    new_map: list[int] = []
    for op in ops:
        old_length, new_length = len(inline_text(op.old)), len(inline_text(op.new))
        if op.kind in aligned_kinds:
            # Runs of unequal length (œ for oe) map their characters to the nearest one.
            new_start, old_start = len(new_map), len(old_map)
            old_map.extend(new_start + min(k, new_length - 1) for k in range(old_length))
            new_map.extend(old_start + min(k, old_length - 1) for k in range(new_length))
        else:
            old_map.extend([-1] * old_length)
            new_map.extend([-1] * new_length)
    old_text = "".join(inline_text(op.old) for op in ops)
    new_text = "".join(inline_text(op.new) for op in ops)
    old_words = list(pattern.finditer(old_text))
    new_words = list(pattern.finditer(new_text))
    old_at = {match.start(): k for k, match in enumerate(old_words)}
    kept_old: set[int] = set()
    kept_new: set[int] = set()
    same = fold if fold_typography else str
    for k, word in enumerate(new_words):
        image = [new_map[p] for p in range(word.start(), word.end())]
        if -1 in image or image[0] not in old_at:
            continue
        partner = old_words[old_at[image[0]]]
        back = [old_map[p] for p in range(partner.start(), partner.end())]
        if (
            all(word.start() <= p < word.end() for p in back)
            and all(partner.start() <= p < partner.end() for p in image)
            and same(partner.group()) == same(word.group())
        ):
            kept_new.add(k)
            kept_old.add(old_at[image[0]])
    return _runs(new_text, new_words, kept_new), _runs(old_text, old_words, kept_old)


def _runs(text: str, words: list[re.Match[str]], kept: set[int]) -> list[tuple[int, str]]:
    runs: list[tuple[int, str]] = []
    start: int | None = None
    for k, word in enumerate([*words, None]):
        changed = word is not None and k not in kept
        if changed and start is None:
            start = k
        elif not changed and start is not None:
            first, last = words[start], words[k - 1]
            runs.append((first.start(), text[first.start() : last.end()]))
            start = None
    return runs


__all__ = [
    "COARSE_WORDS",
    "FINE_WORDS",
    "WHITESPACE_KEY",
    "WordChanges",
    "changed_words",
    "folded_tokens",
    "token_key",
    "token_keys",
    "tokenize",
    "tokens_and_keys",
]
