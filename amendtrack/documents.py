"""Reading and writing version XML: the only module that parses or serialises it with lxml.

Loading is safe by construction: no DTD, no entity expansion, no network, a size cap
(`amendtrack.inputs`), and schema validation whose messages name the file and the line.
Serialisation is deterministic UTF-8, so identical versions give identical bytes and the
content hash (`content_hash`) is stable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from amendtrack.errors import DocumentError
from amendtrack.inputs import read_bytes
from amendtrack.model import (
    LINE_BREAK,
    Block,
    BlockKind,
    Inline,
    Mark,
    Metadata,
    ModifyingAct,
    Span,
    Version,
    VersionInfo,
    Vote,
    normalise_inline,
)
from amendtrack.plain_body import plain_body as _plain_body

NAMESPACE = "urn:amendtrack:deliberation:1"
FORMAT_VERSION = "1"
_NS = f"{{{NAMESPACE}}}"
_MARKS = {mark.value: mark for mark in Mark}
_INLINE_BLOCKS = {"heading", "p", "decision", "signature"}


def safe_parser() -> etree.XMLParser:
    """A new XML parser that loads no DTD, expands no entity and never uses the network.

    A new one per call: lxml parsers are not thread-safe. Every XML amendtrack reads, version
    files and the parts of ODT and DOCX packages alike, goes through one of these.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    from importlib import resources  # only when validating: keeps start-up light

    with resources.files("amendtrack.schemas").joinpath("deliberation.rng").open("rb") as stream:
        return etree.RelaxNG(etree.parse(stream, safe_parser()))


# --- loading ----------------------------------------------------------------------------------


def load(path: str | Path) -> Version:
    """Read, validate and convert a version XML file."""
    return parse_bytes(read_bytes(path), path)


def parse_bytes(data: bytes, name: str | Path = "<input>") -> Version:
    """Parse version XML from bytes; `name` is used in error messages."""
    root = _parse_tree(data, name)
    validate_tree(root, name)
    return _version_from_tree(root, name)


def validate(path: str | Path) -> None:
    """Check a file against the schema and the rules the schema cannot state (unique ids)."""
    load(path)


def _parse_tree(data: bytes, name: str | Path) -> etree._Element:
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and not data.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        raise DocumentError(
            "not a version XML file (it does not start with '<'); a text, Markdown, ODT, DOCX "
            "or HTML document must be imported first: amendtrack import FILE -o FILE.xml",
            name,
        )
    _refuse_doctype(data, name)
    _check_encoding(data, name)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        line = f"line {error.lineno}: " if error.lineno else ""
        raise DocumentError(f"not well-formed XML: {line}{_clean(error.msg)}", name) from None
    if root is None:
        raise DocumentError("not an XML document", name)
    docinfo: Any = root.getroottree().docinfo  # `doctype` is missing from the stubs
    if docinfo.doctype:
        raise DocumentError("a DOCTYPE is not allowed (no DTD, no entities)", name)
    return root


def _refuse_doctype(data: bytes, name: str | Path) -> None:
    # A DOCTYPE is how entity expansion ("billion laughs") and external entities get in:
    # version files never need one. This cheap look at the prolog refuses the usual case
    # before lxml sees the document; `_parse_tree` checks the parsed tree as well.
    if b"<!DOCTYPE" in _prolog(data[:65536]).upper().replace(b"\x00", b""):
        raise DocumentError("a DOCTYPE is not allowed (no DTD, no entities)", name)


def _prolog(head: bytes) -> bytes:
    # Everything before the root element's start tag (comments and declarations included).
    position = 0
    while True:
        start = head.find(b"<", position)
        if start < 0 or start + 1 >= len(head):
            return head
        if head[start + 1 : start + 2] not in (b"?", b"!"):
            return head[:start]
        position = start + 1


def _check_encoding(data: bytes, name: str | Path) -> None:
    head = data[:200]
    if head.startswith(b"<?xml") and b"encoding=" in head.split(b"?>", 1)[0]:
        return  # lxml honours a declared encoding
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte order mark
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.start + 1].hex().upper()
        raise DocumentError(
            f"not valid UTF-8 (byte 0x{bad} on line {line}) and no encoding declared; "
            "convert it to UTF-8 or declare its encoding",
            name,
        ) from None


def validate_tree(root: etree._Element, name: str | Path = "<input>") -> None:
    """Validate an element tree against the schema, then check that block ids are unique."""
    schema = _schema()
    if not schema.validate(root):
        error = schema.error_log.last_error
        line = getattr(error, "line", 0)
        where = f"line {line}: " if line else ""
        raise DocumentError(f"does not match the schema: {where}{_clean(error.message)}", name)
    tags = (f"{_NS}heading", f"{_NS}p", f"{_NS}list", f"{_NS}item", f"{_NS}decision",
            f"{_NS}signature")
    identifiers = [element.get("id", "") for element in root.iter(*tags)]
    if len(set(identifiers)) == len(identifiers):
        return  # the usual case; otherwise find the lines to name
    seen: dict[str, int] = {}
    for element in root.iter(*tags):
        identifier = element.get("id", "")
        if identifier in seen:
            raise DocumentError(
                f"line {element.sourceline}: block id {identifier!r} is used twice "
                f"(first on line {seen[identifier]})",
                name,
            )
        first = element.sourceline if isinstance(element.sourceline, int) else 0
        seen[identifier] = first


def _clean(message: str) -> str:
    return message.replace(_NS, "").replace(NAMESPACE, "").strip().rstrip(".")


def _version_from_tree(root: etree._Element, name: str | Path) -> Version:
    version = root.find(f"{_NS}version")
    metadata = root.find(f"{_NS}metadata")
    body = root.find(f"{_NS}body")
    assert version is not None and metadata is not None and body is not None  # schema-checked
    return Version(
        info=_info_from_tree(version),
        metadata=_metadata_from_tree(metadata),
        body=tuple(_blocks_from_tree(body)),
    )


def _info_from_tree(element: etree._Element) -> VersionInfo:
    act_element = element.find(f"{_NS}modifying-act")
    act = None
    if act_element is not None:
        header = act_element.find(f"{_NS}header")
        expose = act_element.find(f"{_NS}expose")
        act = ModifyingAct(
            date=act_element.get("date"),
            numero=act_element.get("numero"),
            header=() if header is None else inline_from_element(header),
            expose=() if expose is None else inline_from_element(expose),
        )
    return VersionInfo(
        deliberation=element.get("deliberation", ""),
        date=element.get("date", ""),
        modifies=element.get("modifies"),
        act=act,
    )


def _metadata_from_tree(element: etree._Element) -> Metadata:
    def text(tag: str) -> str | None:
        child = element.find(f"{_NS}{tag}")
        return None if child is None else (child.text or "")

    def number(tag: str, attribute: str) -> int | None:
        child = element.find(f"{_NS}{tag}")
        value = None if child is None else child.get(attribute)
        return None if value is None else int(value)

    collectivite = element.find(f"{_NS}collectivite")
    actes = element.find(f"{_NS}actes")
    vote_element = element.find(f"{_NS}vote")
    vote = None
    if vote_element is not None:
        vote = Vote(
            pour=number("vote", "pour"),
            contre=number("vote", "contre"),
            abstentions=number("vote", "abstentions"),
            unanimite=vote_element.get("unanimite") == "true",
        )
    return Metadata(
        collectivite=text("collectivite") or "",
        siren=None if collectivite is None else collectivite.get("siren"),
        seance=text("seance") or "",
        numero=text("numero"),
        objet=text("objet") or "",
        president=text("president"),
        secretaire=text("secretaire"),
        convocation=text("convocation"),
        en_exercice=number("conseillers", "en-exercice"),
        presents=number("conseillers", "presents"),
        representes=number("conseillers", "representes"),
        votants=number("conseillers", "votants"),
        vote=vote,
        publication=text("publication"),
        transmission=text("transmission"),
        actes_nature=None if actes is None else actes.get("nature"),
        actes_matiere=None if actes is None else actes.get("matiere"),
    )


_BLOCK_KINDS = {f"{_NS}{kind.value}": kind for kind in BlockKind}


def _blocks_from_tree(body: etree._Element) -> Iterable[Block]:
    # Tags are compared in Clark notation: the schema has already checked the namespace.
    for element in body:
        if element.tag == _LIST_TAG:
            list_id = element.get("id")
            for item in element:
                yield Block(
                    id=item.get("id", ""),
                    kind=BlockKind.ITEM,
                    content=inline_from_element(item),
                    list_id=list_id,
                )
        else:
            kind = _BLOCK_KINDS[element.tag]
            level = element.get("level")
            yield Block(
                id=element.get("id", ""),
                kind=kind,
                content=inline_from_element(element),
                level=int(level)
                if level is not None
                else (1 if kind is BlockKind.HEADING else None),
            )


_LIST_TAG = f"{_NS}list"


def inline_from_element(element: etree._Element) -> Inline:
    """The inline content of an element (its text and inline children, not its tail)."""
    if not len(element):  # the usual case: plain text, no marks, no line break
        text = element.text
        return (Span(text),) if text else ()
    spans: list[Span] = []
    _collect(element, frozenset(), spans)
    return normalise_inline(spans)


def _collect(element: etree._Element, marks: frozenset[Mark], spans: list[Span]) -> None:
    if element.text:
        spans.append(Span(element.text, marks))
    for child in element:
        tag = etree.QName(child).localname
        if tag == "br":
            spans.append(Span(LINE_BREAK, marks))
        else:
            _collect(child, marks | {_MARKS[tag]}, spans)
        if child.tail:
            spans.append(Span(child.tail, marks))


# --- saving -----------------------------------------------------------------------------------


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
    root = etree.Element(f"{_NS}deliberation", nsmap=namespaces)
    root.set("format-version", FORMAT_VERSION)
    try:
        _add_version(root, version.info)
        _add_metadata(root, version.metadata)
        if plain_body is None:
            _add_body(root, version.body)
        else:
            _child(root, "body")
    except ValueError as error:  # lxml refuses characters XML 1.0 cannot hold
        raise DocumentError(f"cannot be stored as XML: {error}") from None
    _indent(root, 0)
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
    if plain_body is None:
        yield data
        return
    # Everything before the body is escaped text or our own tags: this is the element.
    head, tail = data.split(b"<body/>", 1)
    yield head + b"<body>"
    for child in plain_body:
        yield b"\n    " + child.encode()
    yield b"\n  </body>" + tail


def save(version: Version, path: str | Path) -> None:
    """Validate and write a version atomically."""
    from amendtrack.outputs import write_atomic

    write_atomic(path, checked_bytes(version, path))


def checked_bytes(version: Version, name: str | Path = "<output>") -> bytes:
    """Serialise a version and check the result against the schema before anyone writes it."""
    try:
        data = serialise(version)
    except DocumentError as error:
        raise DocumentError(error.message, name) from None
    validate_tree(etree.fromstring(data, safe_parser()), name)
    return data


def content_hash(version: Version) -> str:
    """``sha256:`` and the hex digest of the canonical serialisation."""
    digest = hashlib.sha256()
    for piece in _serialised_pieces(version, _plain_body(version.body)):
        digest.update(piece)
    return "sha256:" + digest.hexdigest()


def _child(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{_NS}{tag}")
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
    _child(element, "seance", metadata.seance)
    if metadata.numero is not None:
        _child(element, "numero", metadata.numero)
    _child(element, "objet", metadata.objet)
    for tag in ("president", "secretaire", "convocation"):
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
        vote = _child(element, "vote")
        _set(vote, "pour", metadata.vote.pour)
        _set(vote, "contre", metadata.vote.contre)
        _set(vote, "abstentions", metadata.vote.abstentions)
        if metadata.vote.unanimite:
            vote.set("unanimite", "true")
    for tag in ("publication", "transmission"):
        value = getattr(metadata, tag)
        if value is not None:
            _child(element, tag, value)
    if metadata.actes_nature is not None or metadata.actes_matiere is not None:
        actes = _child(element, "actes")
        _set(actes, "nature", metadata.actes_nature)
        _set(actes, "matiere", metadata.actes_matiere)


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
            etree.SubElement(element, f"{_NS}br")
        if not piece:
            continue
        if len(element):
            last = element[-1]
            last.tail = (last.tail or "") + piece
        else:
            element.text = (element.text or "") + piece


_NOT_INDENTED = frozenset(
    f"{_NS}{tag}" for tag in (*_INLINE_BLOCKS, "item", "header", "expose")
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
