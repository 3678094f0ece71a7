"""Model → version XML: deterministic serialisation, saving, and the content hash.

Serialisation is deterministic UTF-8, so identical versions give identical bytes and the
content hash (`content_hash`) is stable. A whole code's plain body is written out directly
(`amendtrack.version_xml.plain_body`), several times faster than an lxml tree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from amendtrack.errors import DocumentError
from amendtrack.files.safe_xml import safe_parser, syntax_problem
from amendtrack.model import (
    LINE_BREAK,
    Block,
    BlockKind,
    Inline,
    Mark,
    Metadata,
    Version,
    VersionInfo,
)
from amendtrack.translation import _
from amendtrack.version_xml.plain_body import plain_body as _plain_body
from amendtrack.version_xml.schema import FORMAT_VERSION, NAMESPACE, NS, validate_tree

_INLINE_BLOCKS = {kind.value for kind in BlockKind if kind is not BlockKind.ITEM}


def serialise(version: Version) -> bytes:
    """Deterministic UTF-8 XML for a version (the canonical form hashed by `content_hash`)."""
    return b"".join(_serialised_pieces(version, _plain_body(version.body)))


def _serialise(version: Version, plain_body: list[str] | None) -> bytes:
    # `serialise` with or without the body written out directly (the tests compare both).
    return b"".join(_serialised_pieces(version, plain_body))


def _serialised_pieces(version: Version, plain_body: list[str] | None) -> Iterator[bytes]:
    # The serialisation in pieces whose concatenation is the document. `plain_body`, when
    # given, is the body's children already written out (see `_plain_body`): the tree gets an
    # empty <body/> and the children are spliced in its place, one piece each, so that
    # `content_hash` never holds a whole code as one string.
    namespaces: Any = {None: NAMESPACE}  # the stubs do not allow the default namespace
    root = etree.Element(f"{NS}deliberation", nsmap=namespaces)
    root.set("format-version", FORMAT_VERSION)
    try:
        _add_version(root, version.info)
        _add_metadata(root, version.metadata)
        if plain_body is None:
            _add_body(root, version.body)
        else:
            _child(root, "body")
    except ValueError as error:  # lxml refuses characters XML 1.0 cannot hold
        raise DocumentError(_("cannot be stored as XML: {problem}").format(
            problem=error)) from None
    _indent(root, 0)
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
    if plain_body is None:
        yield data
        return
    # Everything before the body is escaped text or our own tags: this is the element.
    head, tail = data.split(b"<body/>", 1)
    yield head + b"<body>"
    for start in range(0, len(plain_body), _CHILDREN_PER_PIECE):
        pieces = plain_body[start:start + _CHILDREN_PER_PIECE]
        yield ("\n    " + "\n    ".join(pieces)).encode()
    yield b"\n  </body>" + tail


_CHILDREN_PER_PIECE = 1_000
"""Children of a plain body encoded together, one piece of the serialisation each."""


def save(version: Version, path: str | Path) -> None:
    """Validate and write a version atomically."""
    from amendtrack.files.writing import write_atomic

    write_atomic(path, checked_bytes(version, path))


def checked_bytes(version: Version, name: str | Path = "<output>") -> bytes:
    """Serialise a version and check the result against the schema before anyone writes it."""
    try:
        data = serialise(version)
    except DocumentError as error:
        raise DocumentError(error.message, name) from None
    try:
        tree = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as syntax:  # what it would be read back with: never HUGE
        raise DocumentError(
            _("cannot be written as a version file that can be read back: {problem}").format(
                problem=syntax_problem(syntax)),
            name,
        ) from None
    validate_tree(tree, name)
    return data


def content_hash(version: Version) -> str:
    """``sha256:`` and the hex digest of the canonical serialisation."""
    digest = hashlib.sha256()
    for piece in _serialised_pieces(version, _plain_body(version.body)):
        digest.update(piece)
    return "sha256:" + digest.hexdigest()


def _child(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{NS}{tag}")
    if text is not None:
        element.text = text
    return element


def _set(element: etree._Element, attribute: str, value: object) -> None:
    if value is not None:
        element.set(attribute, str(value))


def _add_version(root: etree._Element, info: VersionInfo) -> None:
    element = _child(root, "version")
    element.set("deliberation", info.deliberation)
    element.set("date", info.date)
    _set(element, "modifies", info.modifies)
    _set(element, "modifies-numero", info.modifies_numero)
    if info.replaces:
        element.set("replaces", "true")
    if info.final_newlines:
        element.set("final-newlines", str(info.final_newlines))
    if info.act is not None:
        act = _child(element, "modifying-act")
        _set(act, "date", info.act.date)
        _set(act, "numero", info.act.numero)
        if info.act.header:
            inline_into_element(_child(act, "header"), info.act.header)
        if info.act.expose:
            inline_into_element(_child(act, "expose"), info.act.expose)


def _add_metadata(root: etree._Element, metadata: Metadata) -> None:
    element = _child(root, "metadata")
    collectivite = _child(element, "collectivite", metadata.collectivite)
    _set(collectivite, "siren", metadata.siren)
    _set(collectivite, "siret", metadata.siret)
    if metadata.assemblee is not None:
        _child(element, "assemblee", metadata.assemblee)
    _child(element, "seance", metadata.seance)
    if metadata.numero is not None:
        _child(element, "numero", metadata.numero)
    _child(element, "objet", metadata.objet)
    for tag in ("presidence", "president", "secretaire", "convocation"):
        value = getattr(metadata, tag)
        if value is not None:
            _child(element, tag, value)
    counts = {
        "en-exercice": metadata.en_exercice,
        "presents": metadata.presents,
        "representes": metadata.representes,
        "votants": metadata.votants,
    }
    if any(value is not None for value in counts.values()):
        conseillers = _child(element, "conseillers")
        for attribute, value in counts.items():
            _set(conseillers, attribute, value)
    if metadata.vote is not None:
        _add_vote(_child(element, "vote"), metadata)
    for tag in ("publication", "transmission"):
        value = getattr(metadata, tag)
        if value is not None:
            _child(element, tag, value)
    _add_attributes(element, "actes", {
        "nature": metadata.actes_nature, "matiere": metadata.actes_matiere,
        "matiere-nom": metadata.actes_matiere_nom, "accuse": metadata.actes_accuse,
        "accuse-date": metadata.actes_accuse_date, "prefecture": metadata.actes_prefecture,
    })
    _add_attributes(element, "budget", {"annee": metadata.budget_annee,
                                        "nom": metadata.budget_nom})
    if metadata.url is not None:
        _child(element, "url", metadata.url)


def _add_vote(element: etree._Element, metadata: Metadata) -> None:
    vote = metadata.vote
    assert vote is not None
    for name in ("pour", "contre", "abstentions", "nppv"):
        _set(element, name, getattr(vote, name))
    for name in ("unanimite", "majorite", "exprimes"):
        if getattr(vote, name):
            element.set(name, "true")


def _add_attributes(parent: etree._Element, tag: str, values: dict[str, str | None]) -> None:
    # An element of attributes only, written when one of them is known.
    if any(value is not None for value in values.values()):
        element = _child(parent, tag)
        for attribute, value in values.items():
            _set(element, attribute, value)


def _add_body(root: etree._Element, blocks: tuple[Block, ...]) -> None:
    body = _child(root, "body")
    current_list: etree._Element | None = None
    for block in blocks:
        if block.kind is BlockKind.ITEM:
            if current_list is None or current_list.get("id") != block.list_id:
                current_list = _child(body, "list")
                current_list.set("id", block.list_id or f"{block.id}-list")
            element = _child(current_list, "item")
        else:
            current_list = None
            element = _child(body, block.kind.value)
        element.set("id", block.id)
        if block.kind is BlockKind.HEADING and block.level not in (None, 1):
            element.set("level", str(block.level))
        if block.kind in _DIVISIONS:
            _set(element, "number", block.number)
            _set(element, "title", block.title)
            if block.alinea:
                element.set("alinea", "true")
        content = block.content
        if (
            len(content) == 1
            and content[0].text
            and not content[0].marks
            and LINE_BREAK not in content[0].text
        ):
            element.text = content[0].text  # the usual case, as inline_into_element writes it
        else:
            inline_into_element(element, content)


_DIVISIONS = frozenset({BlockKind.ARTICLE, BlockKind.ANNEX})


def inline_into_element(element: etree._Element, content: Inline) -> None:
    """Write inline content into an empty element, nesting marks in `MARK_ORDER`."""
    stack: list[tuple[Mark, etree._Element]] = []
    for span in content:
        wanted = span.marks
        while stack and not all(mark in wanted for mark, _ in stack):
            stack.pop()
        opened = {mark for mark, _ in stack}
        for mark in Mark:
            if mark in wanted and mark not in opened:
                parent = stack[-1][1] if stack else element
                stack.append((mark, _child(parent, mark.value)))
        target = stack[-1][1] if stack else element
        _append_text(target, span.text)


def _append_text(element: etree._Element, text: str) -> None:
    # Text is appended after the element's last child (as its tail) or as its own text;
    # each line break becomes a <br/>.
    pieces = text.split(LINE_BREAK)
    for position, piece in enumerate(pieces):
        if position:
            etree.SubElement(element, f"{NS}br")
        if not piece:
            continue
        if len(element):
            last = element[-1]
            last.tail = (last.tail or "") + piece
        else:
            element.text = (element.text or "") + piece


_NOT_INDENTED = frozenset(
    f"{NS}{tag}" for tag in (*_INLINE_BLOCKS, "item", "header", "expose")
)


def _indent(element: etree._Element, depth: int) -> None:
    # Indent structural elements only: inline content keeps its whitespace exactly.
    if element.tag in _NOT_INDENTED or not len(element):
        return
    inner = "\n" + "  " * (depth + 1)
    element.text = inner
    for child in element:
        _indent(child, depth + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * depth
