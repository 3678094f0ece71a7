"""Plain text import: one paragraph per block, paragraphs separated by one blank line.

Everything inside a paragraph is kept exactly (runs of spaces, tabs, non-breaking spaces, line
breaks), so that `version_text` gives the source back byte for byte.
"""

from __future__ import annotations

from amendtrack.model import (
    Block,
    BlockKind,
    Metadata,
    Version,
    VersionInfo,
    plain,
)
from amendtrack.translation import _

PARAGRAPH_SEPARATOR = "\n\n"


def normalise_newlines(text: str) -> tuple[str, str | None]:
    """`text` with CRLF and CR line endings as LF, and a warning when any was converted."""
    if "\r" not in text:
        return text, None
    return (
        text.replace("\r\n", "\n").replace("\r", "\n"),
        _("Windows (CRLF) or old Mac (CR) line endings were converted to LF"),
    )


def split_final_newlines(text: str) -> tuple[str, int]:
    """The text without the newlines that end it, and how many there were.

    A text file's final newline (and any blank line after its last alinéa) is the end of the
    file, not content: it is kept apart (`VersionInfo.final_newlines`) and written back by
    `version_text`.
    """
    body = text.rstrip("\n")
    return body, len(text) - len(body)


def blocks_from_text(text: str) -> tuple[Block, ...]:
    """Blocks for plain text: split on every blank line, nothing else touched.

    Splitting on exactly one blank line (two newlines) keeps any extra newline inside the
    neighbouring paragraph as a line break, so joining the blocks gives `text` back exactly.
    """
    return tuple(
        Block(id=f"p{number}", kind=BlockKind.PARAGRAPH, content=plain(paragraph))
        for number, paragraph in enumerate(text.split(PARAGRAPH_SEPARATOR), start=1)
    )


def version_from_text(text: str, metadata: Metadata, info: VersionInfo) -> Version:
    """A version whose body is the paragraphs of `text`."""
    return Version(info=info, metadata=metadata, body=blocks_from_text(text))


def version_text(version: Version) -> str:
    """The body as plain text, then its final newlines: the inverse of a text import."""
    body = PARAGRAPH_SEPARATOR.join(block.text for block in version.body)
    return body + "\n" * version.info.final_newlines
