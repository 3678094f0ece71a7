"""The schema of version XML (``schemas/deliberation.rng``) and the rules it cannot state."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

from amendtrack.errors import DocumentError
from amendtrack.files.safe_xml import safe_parser

NAMESPACE = "urn:amendtrack:deliberation:1"
FORMAT_VERSION = "1"
NS = f"{{{NAMESPACE}}}"
"""The namespace in Clark notation, to prefix tag names."""


@lru_cache(maxsize=1)
def _schema() -> etree.RelaxNG:
    from importlib import resources  # only when validating: keeps start-up light

    with resources.files("amendtrack.schemas").joinpath("deliberation.rng").open("rb") as stream:
        return etree.RelaxNG(etree.parse(stream, safe_parser()))


def validate_tree(root: etree._Element, name: str | Path = "<input>") -> None:
    """Validate an element tree against the schema, then check that block ids are unique."""
    schema = _schema()
    if not schema.validate(root):
        error = schema.error_log.last_error
        line = getattr(error, "line", 0)
        where = f"line {line}: " if line else ""
        problem = clean_message(error.message)
        raise DocumentError(f"does not match the schema: {where}{problem}", name)
    tags = (f"{NS}heading", f"{NS}p", f"{NS}list", f"{NS}item", f"{NS}decision",
            f"{NS}signature")
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


def clean_message(message: str) -> str:
    """A schema message without the namespace in every element name (kept when it is the point).
    """
    cleaned = message.replace(NS, "")
    if "namespace" not in cleaned:
        cleaned = cleaned.replace(NAMESPACE, "")
    return " ".join(cleaned.split()).rstrip(".")
