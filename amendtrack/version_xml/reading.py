"""Version XML → model: load, validate and convert a version file.

Loading is safe by construction (`amendtrack.files.safe_xml`: no DTD, no entity expansion, no
network), bounded in size (`amendtrack.files.reading`), and validated against the schema with
messages that name the file and the line (`amendtrack.version_xml.schema`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from amendtrack.errors import DocumentError
from amendtrack.files.reading import read_bytes
from amendtrack.files.safe_xml import parse_xml
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
from amendtrack.model.versions import MAX_HEADING_LEVEL
from amendtrack.version_xml.schema import NS, validate_tree

_MARKS = {mark.value: mark for mark in Mark}


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
    root: etree._Element = parse_xml(data, name, DocumentError)
    return root


def _version_from_tree(root: etree._Element, name: str | Path) -> Version:
    version = root.find(f"{NS}version")
    metadata = root.find(f"{NS}metadata")
    body = root.find(f"{NS}body")
    assert version is not None and metadata is not None and body is not None  # schema-checked
    return Version(
        info=_info_from_tree(version),
        metadata=_metadata_from_tree(metadata, name),
        body=tuple(_blocks_from_tree(body, name)),
    )


def _info_from_tree(element: etree._Element) -> VersionInfo:
    act_element = element.find(f"{NS}modifying-act")
    act = None
    if act_element is not None:
        header = act_element.find(f"{NS}header")
        expose = act_element.find(f"{NS}expose")
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


def _bounded(value: str, what: str, element: etree._Element, name: str | Path,
             maximum: int) -> int:
    # The schema says "a whole number"; this says "one amendtrack can use" (no 5,000 digits).
    digits = value.strip().lstrip("+").lstrip("0")
    if len(digits) > len(str(maximum)) or int(digits or "0") > maximum:
        shown = f"{len(digits):,} digits" if len(digits) > 12 else digits
        raise DocumentError(
            f"line {element.sourceline}: {what} is {shown}, more than the {maximum:,} "
            "amendtrack reads",
            name,
        )
    return int(value)


def _metadata_from_tree(element: etree._Element, name: str | Path) -> Metadata:
    def text(tag: str) -> str | None:
        child = element.find(f"{NS}{tag}")
        return None if child is None else (child.text or "")

    def number(tag: str, attribute: str) -> int | None:
        child = element.find(f"{NS}{tag}")
        value = None if child is None else child.get(attribute)
        if value is None or child is None:
            return None
        return _bounded(value, f"{tag} {attribute}", child, name, 10**9)

    collectivite = element.find(f"{NS}collectivite")
    actes = element.find(f"{NS}actes")
    vote_element = element.find(f"{NS}vote")
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


_BLOCK_KINDS = {f"{NS}{kind.value}": kind for kind in BlockKind}


def _blocks_from_tree(body: etree._Element, name: str | Path) -> Iterable[Block]:
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
                level=_bounded(level, "the heading level", element, name, MAX_HEADING_LEVEL)
                if level is not None
                else (1 if kind is BlockKind.HEADING else None),
            )


_LIST_TAG = f"{NS}list"


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
