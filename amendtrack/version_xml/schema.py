"""The schemas of version XML and the rules they cannot state.

Format 2 (``schemas/deliberation.rng``, namespace ``urn:amendtrack:deliberation:2``) is what
amendtrack writes; format 1 (``schemas/deliberation-1.rng``) is still read and upgraded
(`amendtrack.version_xml.upgrade`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from amendtrack.errors import DocumentError
from amendtrack.files.safe_xml import safe_parser
from amendtrack.translation import _

NAMESPACE = "urn:amendtrack:deliberation:2"
FORMAT_VERSION = "2"
NS = f"{{{NAMESPACE}}}"
"""The namespace in Clark notation, to prefix tag names."""
NAMESPACE_1 = "urn:amendtrack:deliberation:1"
"""The namespace of format 1, read and upgraded."""
NS_1 = f"{{{NAMESPACE_1}}}"
_SCHEMA_FILES = {NAMESPACE: "deliberation.rng", NAMESPACE_1: "deliberation-1.rng"}
_BLOCK_TAGS = ("heading", "p", "list", "item", "visa", "considerant", "decision", "article",
               "annex", "vote", "signature")


@lru_cache(maxsize=2)
def _schema(namespace: str) -> etree.RelaxNG:
    # The files sit in the package's folder, as installed: read from there, not through
    # importlib.resources (which imports zipfile and more, 5 ms of every run).
    from importlib import import_module

    package = import_module("amendtrack.schemas")  # mapped from schemas/ (pyproject.toml)
    assert package.__file__ is not None  # a regular package, with its __init__.py
    path = Path(package.__file__).with_name(_SCHEMA_FILES[namespace])
    with path.open("rb") as stream:
        return etree.RelaxNG(etree.parse(stream, safe_parser()))


def format_of(root: etree._Element) -> str:
    """The format version a root element claims: "2", "1", or "" for neither namespace."""
    namespace = etree.QName(root).namespace
    return {NAMESPACE: "2", NAMESPACE_1: "1"}.get(namespace or "", "")


def validate_tree(root: etree._Element, name: str | Path = "<input>") -> None:
    """Validate an element tree against the schema of its format, then check unique ids."""
    check_schema(root, name)
    check_unique_ids(root, name)


def check_schema(root: etree._Element, name: str | Path = "<input>") -> None:
    """Validate an element tree against the schema of its format (not the unique ids: see
    `check_unique_ids`, and `amendtrack.version_xml.reading`, which checks the ids it reads)."""
    namespace = etree.QName(root).namespace or ""
    if namespace not in _SCHEMA_FILES:
        raise DocumentError(
            _("does not match the schema: the namespace is {namespace!r}, not {format_2!r} "
              "(format 2) or {format_1!r} (format 1)").format(
                namespace=namespace, format_2=NAMESPACE, format_1=NAMESPACE_1)
            if namespace else
            _("does not match the schema: the root element has no namespace, not {format_2!r} "
              "(format 2) or {format_1!r} (format 1)").format(format_2=NAMESPACE,
                                                              format_1=NAMESPACE_1),
            name,
        )
    schema = _schema(namespace)
    if not schema.validate(root):
        error = schema.error_log.last_error
        line = getattr(error, "line", 0)
        problem = clean_message(error.message)
        if line:
            message = _("does not match the schema: line {line}: {problem}").format(
                line=line, problem=problem)
        else:
            message = _("does not match the schema: {problem}").format(problem=problem)
        raise DocumentError(message, name)


def check_unique_ids(root: etree._Element, name: str | Path = "<input>") -> None:
    """Refuse a block id used twice (lists' and items' ids included), naming both lines."""
    namespace = etree.QName(root).namespace or ""
    body = root.find(f"{{{namespace}}}body")
    tags = [f"{{{namespace}}}{tag}" for tag in _BLOCK_TAGS]
    elements = [] if body is None else list(body.iter(*tags))
    identifiers = [element.get("id", "") for element in elements]
    if len(set(identifiers)) == len(identifiers):
        return  # the usual case; otherwise find the lines to name
    seen: dict[str, int] = {}
    for element in elements:
        identifier = element.get("id", "")
        if identifier in seen:
            raise DocumentError(
                _("line {line}: block id {identifier!r} is used twice (first on line "
                  "{first})").format(line=element.sourceline, identifier=identifier,
                                     first=seen[identifier]),
                name,
            )
        first = element.sourceline if isinstance(element.sourceline, int) else 0
        seen[identifier] = first


def clean_message(message: str) -> str:
    """A schema message without the namespaces in element names (kept when they are the point).
    """
    cleaned = message
    for namespace in (NAMESPACE, NAMESPACE_1):
        cleaned = cleaned.replace(f"{{{namespace}}}", "")
        if "namespace" not in cleaned:
            cleaned = cleaned.replace(namespace, "")
    return " ".join(cleaned.split()).rstrip(".")
