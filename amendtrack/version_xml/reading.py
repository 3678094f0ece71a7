"""Version XML → model: load, validate and convert a version file.

Loading is safe by construction (`amendtrack.files.safe_xml`: no DTD, no entity expansion, no
network), bounded in size (`amendtrack.files.reading`), and validated against the schema of its
format with messages that name the file and the line (`amendtrack.version_xml.schema`). A
format-1 file is read with the format-1 schema, then upgraded (`amendtrack.version_xml.upgrade`).
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
from amendtrack.model.blocks import MAX_HEADING_LEVEL
from amendtrack.translation import _, grouped
from amendtrack.version_xml.schema import NS, NS_1, check_schema, check_unique_ids, format_of

_MARKS = {mark.value: mark for mark in Mark}


def load(path: str | Path) -> Version:
    """Read, validate and convert a version XML file."""
    return parse_bytes(read_bytes(path), path)


def parse_bytes(data: bytes, name: str | Path = "<input>") -> Version:
    """Parse version XML from bytes; `name` is used in error messages."""
    root = _parse_tree(data, name)
    check_schema(root, name)
    # The ids are checked from those the conversion reads (a whole code has thousands of
    # blocks: walking the body again for them took as long as validating it against the
    # schema); when one is used twice, `check_unique_ids` names the lines.
    list_ids: list[str] = []
    format_1 = format_of(root) == "1"
    version = _version_from_tree(root, NS_1 if format_1 else NS, name, list_ids)
    _check_ids(version, list_ids, root, name)
    if format_1:
        from amendtrack.version_xml.upgrade import upgrade

        return upgrade(version)
    return version


def _check_ids(version: Version, list_ids: list[str], root: etree._Element,
               name: str | Path) -> None:
    identifiers = {block.id for block in version.body}
    identifiers.update(list_ids)
    if len(identifiers) != len(version.body) + len(list_ids):
        check_unique_ids(root, name)


def validate(path: str | Path) -> None:
    """Check a file against the schema and the rules the schema cannot state (unique ids)."""
    load(path)


def _parse_tree(data: bytes, name: str | Path) -> etree._Element:
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and not data.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        raise DocumentError(
            _("not a version XML file (it does not start with '<'); a text, Markdown, ODT, "
              "DOCX or HTML document must be imported first: amendtrack import FILE -o "
              "FILE.xml"),
            name,
        )
    root: etree._Element = parse_xml(data, name, DocumentError)
    return root


def _version_from_tree(root: etree._Element, ns: str, name: str | Path,
                       list_ids: list[str]) -> Version:
    # `ns` is the namespace of the file's format in Clark notation: format 1's elements are a
    # subset of format 2's, under the same names. The ids of the lists are added to `list_ids`.
    version = root.find(f"{ns}version")
    metadata = root.find(f"{ns}metadata")
    body = root.find(f"{ns}body")
    assert version is not None and metadata is not None and body is not None  # schema-checked
    return Version(
        info=_info_from_tree(version, ns, name),
        metadata=_metadata_from_tree(metadata, ns, name),
        body=tuple(_blocks_from_tree(body, ns, name, list_ids)),
    )


def _number(element: etree._Element, attribute: str, name: str | Path,
            maximum: int = 10**9) -> int | None:
    # The schema says "a whole number"; this says "one amendtrack can use" (no 5,000 digits).
    value = element.get(attribute)
    if value is None:
        return None
    digits = value.strip().lstrip("+").lstrip("0")
    if len(digits) > len(str(maximum)) or int(digits or "0") > maximum:
        tag = etree.QName(element).localname
        if len(digits) > 12:
            message = _("line {line}: {tag} {attribute} is a number of {digits} digits, more "
                        "than the {maximum} amendtrack reads").format(
                line=element.sourceline, tag=tag, attribute=attribute,
                digits=grouped(len(digits)), maximum=grouped(maximum))
        else:
            message = _("line {line}: {tag} {attribute} is {number}, more than the {maximum} "
                        "amendtrack reads").format(
                line=element.sourceline, tag=tag, attribute=attribute, number=digits,
                maximum=grouped(maximum))
        raise DocumentError(message, name)
    return int(value)


def _info_from_tree(element: etree._Element, ns: str, name: str | Path) -> VersionInfo:
    act_element = element.find(f"{ns}modifying-act")
    act = None
    if act_element is not None:
        header = act_element.find(f"{ns}header")
        expose = act_element.find(f"{ns}expose")
        act = ModifyingAct(
            date=act_element.get("date"),
            numero=act_element.get("numero"),
            header=() if header is None else inline_from_element(header),
            expose=() if expose is None else inline_from_element(expose),
        )
    final_newlines = _number(element, "final-newlines", name)
    return VersionInfo(
        deliberation=element.get("deliberation", ""),
        date=element.get("date", ""),
        modifies=element.get("modifies"),
        act=act,
        modifies_numero=element.get("modifies-numero"),
        replaces=element.get("replaces") == "true",
        final_newlines=final_newlines or 0,
    )


def _metadata_from_tree(element: etree._Element, ns: str, name: str | Path) -> Metadata:
    def text(tag: str) -> str | None:
        child = element.find(f"{ns}{tag}")
        return None if child is None else (child.text or "")

    def attribute(tag: str, key: str) -> str | None:
        child = element.find(f"{ns}{tag}")
        return None if child is None else child.get(key)

    def number(tag: str, key: str) -> int | None:
        child = element.find(f"{ns}{tag}")
        return None if child is None else _number(child, key, name)

    return Metadata(
        collectivite=text("collectivite") or "",
        siren=attribute("collectivite", "siren"),
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
        vote=_vote_from_tree(element.find(f"{ns}vote"), name),
        publication=text("publication"),
        transmission=text("transmission"),
        actes_nature=attribute("actes", "nature"),
        actes_matiere=attribute("actes", "matiere"),
        assemblee=text("assemblee"),
        presidence=text("presidence"),
        siret=attribute("collectivite", "siret"),
        actes_matiere_nom=attribute("actes", "matiere-nom"),
        actes_accuse=attribute("actes", "accuse"),
        actes_accuse_date=attribute("actes", "accuse-date"),
        actes_prefecture=attribute("actes", "prefecture"),
        budget_annee=attribute("budget", "annee"),
        budget_nom=attribute("budget", "nom"),
        url=text("url"),
    )


def _vote_from_tree(element: etree._Element | None, name: str | Path) -> Vote | None:
    if element is None:
        return None
    return Vote(
        pour=_number(element, "pour", name),
        contre=_number(element, "contre", name),
        abstentions=_number(element, "abstentions", name),
        unanimite=element.get("unanimite") == "true",
        nppv=_number(element, "nppv", name),
        majorite=element.get("majorite") == "true",
        exprimes=element.get("exprimes") == "true",
    )


def _blocks_from_tree(body: etree._Element, ns: str, name: str | Path,
                      list_ids: list[str]) -> Iterable[Block]:
    # Tags are compared in Clark notation: the schema has already checked the namespace, that
    # only articles and annexes have a number, a title or an alinéa, and only headings a level.
    kinds = {f"{ns}{kind.value}": kind for kind in BlockKind}
    list_tag = f"{ns}list"
    item, heading = BlockKind.ITEM, BlockKind.HEADING  # looked up once (a property on 3.11)
    divisions = (BlockKind.ARTICLE, BlockKind.ANNEX)
    for element in body:
        if element.tag == list_tag:
            list_id = element.get("id")
            list_ids.append(list_id or "")
            for child in element:
                yield Block(child.get("id", ""), item, inline_from_element(child), list_id)
            continue
        kind = kinds[element.tag]
        get = element.get
        if kind is heading:
            level = _number(element, "level", name, MAX_HEADING_LEVEL)
            yield Block(get("id", ""), kind, inline_from_element(element), None,
                        1 if level is None else level)
        elif kind in divisions:
            yield Block(get("id", ""), kind, inline_from_element(element), None, None,
                        get("number"), get("title"), get("alinea") == "true")
        else:
            yield Block(get("id", ""), kind, inline_from_element(element))


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
