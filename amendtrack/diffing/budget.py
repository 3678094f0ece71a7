"""The document-size budget of the diff: what two versions may weigh together to be compared.

The diff holds both versions, their tokens, symbol tables and the operations between them at
once: about 10 bytes a character and 1 kB a block, measured on synthetic codes (a 240,000
paragraph pair, 37 million characters each, peaks at 700 MB). `check_budget` runs first in
`amendtrack.diffing.amendments.diff` and refuses two versions over `MAX_DIFF_CHARACTERS` or
`MAX_DIFF_BLOCKS` together, with one clear error, before any memory is spent: a whole French code
(a few million characters) is far inside it, and a diff inside it stays well under 1 GB.
``AMENDTRACK_MAX_DIFF_CHARACTERS`` and ``AMENDTRACK_MAX_DIFF_BLOCKS`` change the limits for a
machine with the memory for more.
"""

from __future__ import annotations

import os
from operator import attrgetter

from amendtrack.errors import InputError
from amendtrack.model import Version
from amendtrack.translation import _, grouped

MAX_DIFF_CHARACTERS = 40_000_000
"""Characters of both versions together (their bodies' text) that one diff may compare."""
MAX_DIFF_BLOCKS = 300_000
"""Blocks (paragraphs, headings, items) of both versions together that one diff may compare."""


def _limit(variable: str, default: int) -> int:
    configured = os.environ.get(variable, "")
    return int(configured) if configured.isdigit() and len(configured) < 19 else default


def check_budget(old: Version, new: Version) -> None:
    """Refuse two versions too large to compare within the budget (InputError, exit 2)."""
    blocks = len(old.body) + len(new.body)
    block_limit = _limit("AMENDTRACK_MAX_DIFF_BLOCKS", MAX_DIFF_BLOCKS)
    if blocks > block_limit:
        raise InputError(
            _("too large to compare: the two versions have {count} blocks together (the limit "
              "is {limit}; AMENDTRACK_MAX_DIFF_BLOCKS sets it)").format(
                count=grouped(blocks), limit=grouped(block_limit))
        )
    text = attrgetter("text")  # mapped in C over a whole code's blocks
    characters = sum(map(len, map(text, old.body))) + sum(map(len, map(text, new.body)))
    character_limit = _limit("AMENDTRACK_MAX_DIFF_CHARACTERS", MAX_DIFF_CHARACTERS)
    if characters > character_limit:
        raise InputError(
            _("too large to compare: the two versions have {count} characters together (the "
              "limit is {limit}; AMENDTRACK_MAX_DIFF_CHARACTERS sets it)").format(
                count=grouped(characters), limit=grouped(character_limit))
        )
