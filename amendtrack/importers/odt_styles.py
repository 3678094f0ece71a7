"""The text and paragraph styles of an ODT document, with what they inherit resolved.

Marks come from ``fo:font-weight``, ``fo:font-style``, ``style:text-underline-style``,
``style:text-line-through-style`` and ``style:text-position``; a paragraph style is a heading
style when it (or an ancestor) has an outline level or is a "Heading N" / "Titre N" style.
Inheritance is resolved without recursion and bounded (`amendtrack.importers.bounds.style_chain`):
a chain of three thousand styles is refused with one line, a cycle inherits nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amendtrack.importers.bounds import document_number, style_chain
from amendtrack.importers.builder import PLAIN, TextFormat
from amendtrack.model import Mark
from amendtrack.translation import _

_HEADING_STYLE = re.compile(r"^(?:Heading|Titre)_20_(\d{1,2})$")
MAX_OUTLINE_LEVEL = 10
"""ODF outline levels run from 1 to 10."""

OdfElement = Any
"""An odfdo element (odfdo has no type hints)."""


@dataclass(frozen=True, slots=True)
class Style:
    """What a style gives its text: marks, and an outline level for headings."""

    parent: str | None
    text: TextFormat
    outline_level: int | None


EMPTY = Style(None, PLAIN, None)


def outline_level(value: str | None, path: Path | str) -> int | None:
    """An outline level as a document states it (None for none, or for 0)."""
    level = document_number(value, _("an outline level"), path, maximum=MAX_OUTLINE_LEVEL)
    return level if level is not None and level > 0 else None


class Styles:
    """Text and paragraph styles by name, with inherited properties resolved."""

    def __init__(self, document: OdfElement, path: Path | str) -> None:
        self.path = path
        self._raw: dict[tuple[str, str], Style] = {}
        for family in ("text", "paragraph"):
            for style in document.get_styles(family):
                name = style.name
                if name is None or (family, name) in self._raw:
                    continue
                level = outline_level(style.get_attribute_string("style:default-outline-level"),
                                      path)
                match = _HEADING_STYLE.match(str(name))
                if level is None and match:
                    level = int(match.group(1)) or None
                properties = style.get_properties(area="text") or {}
                self._raw[(family, str(name))] = Style(
                    style.parent_style, _text_format(properties, path), level
                )
        self._resolved: dict[tuple[str, str], Style] = {}

    def get(self, family: str, name: str | None) -> Style:
        """The style with inherited properties, or an empty style if unknown."""
        if name is None:
            return EMPTY
        key = (family, name)
        found = self._resolved.get(key)
        if found is not None:
            return found

        def parent_of(child: str) -> str | None:
            raw = self._raw.get((family, child))
            return None if raw is None else raw.parent

        chain = style_chain(name, parent_of, self.path)
        inherited = EMPTY
        for ancestor in reversed(chain):
            resolved = self._resolved.get((family, ancestor))
            if resolved is None:
                raw = self._raw.get((family, ancestor), EMPTY)
                level = raw.outline_level
                resolved = Style(None, raw.text.over(inherited.text),
                                 level if level is not None else inherited.outline_level)
                self._resolved[(family, ancestor)] = resolved
            inherited = resolved
        return inherited


def _text_format(properties: dict[str, str], path: Path | str) -> TextFormat:
    weight = properties.get("fo:font-weight")
    style = properties.get("fo:font-style")
    underline = properties.get("style:text-underline-style")
    struck = properties.get("style:text-line-through-style")
    position = properties.get("style:text-position")
    return TextFormat(
        bold=None if weight is None else _is_bold(weight, path),
        italic=None if style is None else style in ("italic", "oblique"),
        underline=None if underline is None else underline != "none",
        strike=None if struck is None else struck != "none",
        position=_position(position),
        baseline=position is not None and _position(position) is None,
    )


def _is_bold(weight: str, path: Path | str) -> bool:
    number = document_number(weight, _("a font weight"), path)
    if number is not None:
        return number >= 600
    return weight == "bold"


def _position(value: str | None) -> Mark | None:
    if value is None:
        return None
    first = value.split()[0] if value.split() else "0%"
    if first == "super":
        return Mark.SUPERSCRIPT
    if first == "sub":
        return Mark.SUBSCRIPT
    try:
        amount = float(first.rstrip("%"))
    except ValueError:
        return None
    if amount > 0:
        return Mark.SUPERSCRIPT
    return Mark.SUBSCRIPT if amount < 0 else None
