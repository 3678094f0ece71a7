"""The one safe way to parse XML: no DTD, no entity expansion, no network.

Every XML amendtrack reads, version files and the parts of ODT and DOCX packages alike, is
parsed by `parse_xml` (or a parser from `safe_parser`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from amendtrack.errors import InputError
from amendtrack.translation import _, grouped


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


def parse_xml(data: bytes, name: str | Path, error: type[InputError] = InputError) -> Any:
    """The root element of `data`, refusing a DOCTYPE, bad UTF-8 and malformed XML.

    Problems are raised as `error` (an `InputError` subclass) naming `name`.
    """
    _refuse_doctype(data, name, error)
    _check_encoding(data, name, error)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as syntax:
        if syntax.lineno:
            problem = _("not well-formed XML: line {line}: {problem}").format(
                line=syntax.lineno, problem=syntax_problem(syntax))
        else:
            problem = _("not well-formed XML: {problem}").format(problem=syntax_problem(syntax))
        raise error(problem, name) from None
    if root is None:
        raise error(_("not an XML document"), name)
    docinfo: Any = root.getroottree().docinfo  # `doctype` is missing from the stubs
    if docinfo.doctype:
        raise error(_("a DOCTYPE is not allowed (no DTD, no entities)"), name)
    return root


MAX_TEXT_BYTES = 10_000_000
"""The longest text one element can hold: the parser's own limit, never lifted (no HUGE)."""
MAX_DEPTH = 256
"""The deepest nesting of elements the parser reads (its own limit, never lifted)."""
_LINE_AND_COLUMN = re.compile(r",? line \d+, column \d+$")


_LIBXML2_MESSAGES: tuple[tuple[re.Pattern[str], Callable[[], str]], ...] = (
    (re.compile(r"Opening and ending tag mismatch: (?P<opening>\S+) line (?P<line>\d+) and "
                r"(?P<closing>\S+)"),
     lambda: _("the end tag {closing} does not close the element {opening} opened on line "
               "{line}")),
    (re.compile(r"Premature end of data in tag (?P<tag>\S+) line (?P<line>\d+)"),
     lambda: _("the document ends before the element {tag} opened on line {line} is closed")),
    (re.compile(r"Extra content at the end of the document"),
     lambda: _("there is more after the end of the root element")),
    (re.compile(r"Start tag expected, '<' not found"),
     lambda: _("an element was expected ('<' not found)")),
    (re.compile(r"Document is empty"), lambda: _("the document is empty")),
    (re.compile(r"EndTag: '</' not found"), lambda: _("an end tag is missing ('</' not found)")),
    (re.compile(r"Couldn't find end of Start Tag (?P<tag>\S+)"),
     lambda: _("the start tag {tag} is not finished")),
    (re.compile(r"StartTag: invalid element name"), lambda: _("an element name is not valid")),
    (re.compile(r"Attribute (?P<name>\S+) redefined"),
     lambda: _("the attribute {name} is given twice")),
    (re.compile(r"xmlParseEntityRef: no name"),
     lambda: _("an & does not begin an entity reference (write &amp;)")),
)
"""Frequent libxml2 syntax messages, each said in the interface's language (translated when it
is said); other messages are shown as libxml2 gives them."""


def _in_words(message: str) -> str:
    for pattern, template in _LIBXML2_MESSAGES:
        found = pattern.match(message)
        if found:
            return template().format(**found.groupdict())
    return message


def syntax_problem(syntax: etree.XMLSyntaxError) -> str:
    """The parser's message in one plain line, with its limits said in amendtrack's words."""
    return parser_problem(str(syntax.msg))


def parser_problem(message: str) -> str:
    """A libxml2 message (XML or HTML parser) in one plain line, its limits in plain words."""
    message = " ".join(message.split())  # a message can hold a newline
    message = _LINE_AND_COLUMN.sub("", message).strip().rstrip(".,")
    if "Excessive depth" in message:
        return _("elements nested more than {depth} deep").format(depth=MAX_DEPTH)
    if "Text node too long" in message or "huge text node" in message:
        return _("a text of more than {limit} bytes in one element").format(
            limit=grouped(MAX_TEXT_BYTES))
    if "XML_PARSE_HUGE" in message:
        return _("over the XML parser's limits")
    return _in_words(message)


def _refuse_doctype(data: bytes, name: str | Path, error: type[InputError]) -> None:
    # A DOCTYPE is how entity expansion ("billion laughs") and external entities get in:
    # version files never need one. This cheap look at the prolog refuses the usual case
    # before lxml sees the document; `parse_xml` checks the parsed tree as well.
    if b"<!DOCTYPE" in _prolog(data[:65536].replace(b"\x00", b"")).upper():
        raise error(_("a DOCTYPE is not allowed (no DTD, no entities)"), name)


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


def _check_encoding(data: bytes, name: str | Path, error: type[InputError]) -> None:
    head = data[:200]
    if head.startswith(b"<?xml") and b"encoding=" in head.split(b"?>", 1)[0]:
        return  # lxml honours a declared encoding
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte order mark
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as undecodable:
        line = data.count(b"\n", 0, undecodable.start) + 1
        bad = data[undecodable.start : undecodable.start + 1].hex().upper()
        raise error(
            _("not valid UTF-8 (byte 0x{byte} on line {line}) and no encoding declared; convert "
              "it to UTF-8 or declare its encoding").format(byte=bad, line=line),
            name,
        ) from None
