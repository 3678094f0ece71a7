"""The structure of a deliberation, recognised after any reader: the step every importer shares.

Readers (text, Markdown, ODT, DOCX, HTML) only see headings, paragraphs and list items. This
step reads what each one is from its words (`amendtrack.french.deliberations.recognise`): visas,
considérants, the decision formula (« après en avoir délibéré », « DÉCIDE : »), articles with
their number and title, annexes, the vote block and signature lines. It runs on every import, on
the body of a « rajout en gras » act, and (through `amendtrack.version_xml.upgrade`) on every
format-1 file read.
"""

from __future__ import annotations

from collections.abc import Sequence

from amendtrack.french.deliberations import recognise
from amendtrack.importers.source import SourceBlock
from amendtrack.model import BlockKind, inline_text


def recognise_structure(blocks: Sequence[SourceBlock]) -> list[SourceBlock]:
    """The blocks with the kind their words give them (and an article's number and title)."""
    roles = recognise([(block.kind, inline_text(block.content)) for block in blocks])
    shaped: list[SourceBlock] = []
    for block, role in zip(blocks, roles, strict=True):
        if role.kind is block.kind and role.number is None:
            shaped.append(block)
            continue
        shaped.append(SourceBlock(
            role.kind, block.content, block.level if role.kind is BlockKind.HEADING else None,
            block.list_key, role.number, role.title, role.alinea,
        ))
    return shaped


__all__ = ["recognise_structure"]
