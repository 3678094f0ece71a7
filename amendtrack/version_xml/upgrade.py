"""Format 1 → format 2: what a format-1 file means once it is read.

A format-1 file (namespace ``urn:amendtrack:deliberation:1``) is read with its own schema, then
upgraded in memory; the file itself is never rewritten (a stored version keeps its bytes and
its hash in the store's history). Two things change, both as a fresh import of the same source
would make them:

- **the end of a text file**: format 1 kept a text file's final newline(s) inside the last
  alinéa (and a blank line at the end as an empty last alinéa). They become
  `VersionInfo.final_newlines`, so the last alinéa ends where its words end, and
  ``show --to text`` still writes the same bytes;
- **the structure**: paragraphs and headings are read again for visas, considérants, the
  decision formula, articles, annexes, the vote and signatures
  (`amendtrack.french.deliberations.recognise`). Every block keeps its id and its text.

Everything else (metadata, version information, marks, ids) is carried over unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from amendtrack.french.deliberations import recognise
from amendtrack.model import LINE_BREAK, Block, BlockKind, Version, plain


def upgrade(version: Version) -> Version:
    """A version read from a format-1 file, as format 2 holds it."""
    body, newlines = _without_final_newlines(version.body)
    roles = recognise([(block.kind, block.text) for block in body])
    structured = tuple(
        block if role.kind is block.kind else replace(
            block, kind=role.kind, number=role.number, title=role.title, alinea=role.alinea,
            level=None,
        )
        for block, role in zip(body, roles, strict=True)
    )
    info = version.info if not newlines else replace(version.info, final_newlines=newlines)
    return Version(info=info, metadata=version.metadata, body=structured)


def _without_final_newlines(body: tuple[Block, ...]) -> tuple[tuple[Block, ...], int]:
    """The body without the newlines that ended a text file, and how many there were.

    Format 1 split a text on blank lines, so « A⏎⏎B⏎ » gave « A », « B⏎ » and « A⏎⏎ » gave
    « A », « » : the trailing newlines are those of the whole text, joined with one blank line.
    Only plain paragraphs are read this way (a text import has nothing else).
    """
    blocks = list(body)
    count = 0
    while blocks and _plain_paragraph(blocks[-1]):
        text = blocks[-1].text
        stripped = text.rstrip(LINE_BREAK)
        count += len(text) - len(stripped)
        if stripped or len(blocks) == 1:
            # A plain paragraph has at most one span (`normalise_inline` merges them).
            blocks[-1] = replace(blocks[-1], content=plain(stripped))
            break
        blocks.pop()
        count += 2  # the blank line that separated it from the block before
    return tuple(blocks), count


def _plain_paragraph(block: Block) -> bool:
    return block.kind is BlockKind.PARAGRAPH and all(not span.marks for span in block.content)
