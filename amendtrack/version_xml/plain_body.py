"""The children of a version's ``<body>`` written out directly, when every block is plain text.

A speed path of `amendtrack.version_xml.writing`: a whole code has thousands of blocks and no marks,
and writing them as text is several times faster than building an lxml tree. The output is exactly
what lxml writes for the same blocks (tests/version_xml/test_fast_paths.py compares both).
"""

from __future__ import annotations

import re

from amendtrack.model import LINE_BREAK, Block, BlockKind

# Characters lxml writes as they are (outside these it refuses the text, or escapes it).
_XML_SAFE = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


def plain_body(blocks: tuple[Block, ...]) -> list[str] | None:
    """The children of <body>, exactly as lxml writes them, when every block is plain text.

    A whole code has thousands of blocks and no marks: writing them out directly makes
    `content_hash` several times faster than building the tree. Anything else (marks, a
    character XML refuses, an empty body) returns None and takes the lxml path,
    which tests/version_xml/test_fast_paths.py compares byte for byte with this one.
    """
    if not blocks:
        return None
    texts: list[str] = []
    for block in blocks:
        content = block.content
        if not content:
            texts.append("")
        elif len(content) > 1 or content[0].marks or not content[0].text:
            return None
        else:
            texts.append(content[0].text)
    identifiers = [block.id for block in blocks]
    divisions = (BlockKind.ARTICLE, BlockKind.ANNEX)
    labels = [value for block in blocks if block.kind in divisions
              for value in (block.number, block.title) if value is not None]
    # Checked and escaped all at once: `_XML_SAFE` matches a concatenation when it matches
    # each piece, and NUL (which it refuses) is in no piece, so it can separate them.
    if any(_XML_SAFE.fullmatch("".join(pieces)) is None
           for pieces in (texts, identifiers, labels)):
        return None
    escaped = _escape_text("\0".join(texts)).replace(LINE_BREAK, "<br/>").split("\0")
    ids = _escape_attribute("\0".join(identifiers)).split("\0")
    return _children(blocks, escaped, ids)


def _children(blocks: tuple[Block, ...], texts: list[str], ids: list[str]) -> list[str] | None:
    # The elements of plain blocks whose text and id are already escaped, each line break of
    # the text a <br/> (see `writing._append_text`); numbers and titles are checked already.
    children: list[str] = []
    items: list[str] = []
    list_id: str | None = None  # the id attribute of the list being written
    item, id_only, tags = BlockKind.ITEM, _ID_ONLY, _TAGS  # looked up once
    for block, text, identifier in zip(blocks, texts, ids, strict=True):
        kind = block.kind
        if kind is item:
            element = (f'<item id="{identifier}">{text}</item>' if text
                       else f'<item id="{identifier}"/>')
            if items and list_id == block.list_id:
                items.append(element)
                continue
            _close_list(children, list_id, items)
            list_id = block.list_id or f"{block.id}-list"
            if _XML_SAFE.fullmatch(list_id) is None:
                return None
            items = [element]
            continue
        if items:
            _close_list(children, list_id, items)
            items = []
        attributes = "" if kind in id_only else _attributes(block)
        tag = tags[kind]
        children.append(f'<{tag} id="{identifier}"{attributes}>{text}</{tag}>' if text
                        else f'<{tag} id="{identifier}"{attributes}/>')
    _close_list(children, list_id, items)
    return children


_TAGS = {kind: kind.value for kind in BlockKind}
"""Each kind's element name (``kind.value`` is a property call on Python 3.11)."""
_ID_ONLY = frozenset(BlockKind) - {BlockKind.HEADING, BlockKind.ARTICLE, BlockKind.ANNEX}
"""The kinds whose element has no attribute but its id (`_attributes`)."""


def _close_list(children: list[str], list_id: str | None, items: list[str]) -> None:
    if items:
        inner = "\n      ".join(items)
        identifier = _escape_attribute(list_id or "")
        children.append(f'<list id="{identifier}">\n      {inner}\n    </list>')


def _attributes(block: Block) -> str:
    # The attributes after the id, in the order `writing._add_body` sets them (the values
    # are checked by `plain_body`).
    if block.kind is BlockKind.HEADING:
        return f' level="{block.level}"' if block.level not in (None, 1) else ""
    if block.kind not in (BlockKind.ARTICLE, BlockKind.ANNEX):
        return ""
    attributes = ""
    for name, value in (("number", block.number), ("title", block.title)):
        if value is not None:
            attributes += f' {name}="{_escape_attribute(value)}"'
    return attributes + (' alinea="true"' if block.alinea else "")


def _escape_text(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _escape_attribute(value: str) -> str:
    value = _escape_text(value)
    for character, reference in (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;")):
        if character in value:
            value = value.replace(character, reference)
    return value
