"""Metadata and version information as flat fields, and the changes between two versions.

An amendment records every field that differs (`MetadataChange`). Metadata fields keep the names
of `amendtrack.model.metadata_fields`; version information adds ``version.*`` and ``act.*``
fields; an inline value (the act's header and exposé) is written as short XML-like markup.
"""

from __future__ import annotations

import re

from amendtrack.errors import AmendmentError
from amendtrack.model import (
    MARK_ORDER,
    Inline,
    Mark,
    Metadata,
    MetadataChange,
    ModifyingAct,
    Span,
    Version,
    VersionInfo,
    metadata_fields,
    metadata_from_fields,
    normalise_inline,
)
from amendtrack.translation import _

_ACT_PRESENT = "yes"


def version_fields(version: Version) -> dict[str, str]:
    """Metadata and version information as flat ``name → text`` pairs (absent ones left out).

    Metadata fields are named as in `amendtrack.model.metadata_fields`; version information is
    ``version.deliberation``, ``version.date``, ``version.modifies``,
    ``version.modifies_numero``, ``version.replaces``, ``version.final_newlines``, ``act``
    (``yes`` when the version has a modifying act), ``act.date``, ``act.numero``, and
    ``act.header`` and ``act.expose`` as inline markup (`inline_markup`).
    """
    flat = metadata_fields(version.metadata)
    info = version.info
    flat["version.deliberation"] = info.deliberation
    flat["version.date"] = info.date
    if info.modifies is not None:
        flat["version.modifies"] = info.modifies
    if info.modifies_numero is not None:
        flat["version.modifies_numero"] = info.modifies_numero
    if info.replaces:
        flat["version.replaces"] = "true"
    if info.final_newlines:
        flat["version.final_newlines"] = str(info.final_newlines)
    if info.act is not None:
        flat["act"] = _ACT_PRESENT
        for name, value in (("act.date", info.act.date), ("act.numero", info.act.numero)):
            if value is not None:
                flat[name] = value
        for name, content in (("act.header", info.act.header), ("act.expose", info.act.expose)):
            if content:
                flat[name] = inline_markup(content)
    return flat


def metadata_changes(old: Version, new: Version) -> tuple[MetadataChange, ...]:
    """The fields of `version_fields` that differ, in a stable (sorted) order."""
    before, after = version_fields(old), version_fields(new)
    return tuple(
        MetadataChange(name, before.get(name), after.get(name))
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    )


def apply_changes(
    old: Version, changes: tuple[MetadataChange, ...]
) -> tuple[VersionInfo, Metadata]:
    """The version information and metadata of `old` with `changes` made (AmendmentError)."""
    flat = version_fields(old)
    for change in changes:
        if flat.get(change.field) != change.old:
            raise AmendmentError(
                _("metadata field {name!r} is {found!r} in the version, the amendment expects "
                  "{expected!r}").format(name=change.field, found=flat.get(change.field),
                                         expected=change.old)
            )
        if change.new is None:
            flat.pop(change.field, None)
        else:
            flat[change.field] = change.new
    try:
        return _info_from_fields(flat), metadata_from_fields(
            {k: v for k, v in flat.items() if k != "act" and not k.startswith(("version.", "act."))}
        )
    except ValueError as error:
        raise AmendmentError(str(error)) from None


def _info_from_fields(flat: dict[str, str]) -> VersionInfo:
    act = None
    if flat.get("act") == _ACT_PRESENT:
        act = ModifyingAct(
            date=flat.get("act.date"),
            numero=flat.get("act.numero"),
            header=inline_from_markup(flat.get("act.header", "")),
            expose=inline_from_markup(flat.get("act.expose", "")),
        )
    elif any(name.startswith("act.") for name in flat):
        raise ValueError(_("act.* fields are given but field 'act' is not 'yes'"))
    final_newlines = flat.get("version.final_newlines", "0")
    if not final_newlines.isdigit():
        raise ValueError(_("version.final_newlines must be a whole number, not {value!r}").format(
            value=final_newlines))
    return VersionInfo(
        deliberation=flat.get("version.deliberation", ""),
        date=flat.get("version.date", ""),
        modifies=flat.get("version.modifies"),
        act=act,
        modifies_numero=flat.get("version.modifies_numero"),
        replaces=flat.get("version.replaces") == "true",
        final_newlines=int(final_newlines),
    )


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MARKUP = re.compile(r"<(/?)(b|i|u|s|sup|sub)>|<br/>|&(amp|lt|gt);|[^<&]+|(.)", re.DOTALL)
_UNESCAPES = {"amp": "&", "lt": "<", "gt": ">"}


def inline_markup(content: Inline) -> str:
    """Inline content as a short XML-like string: ``1<sup>er</sup> janvier``, ``<br/>``."""
    parts: list[str] = []
    for span in content:
        marks = [mark for mark in MARK_ORDER if mark in span.marks]
        text = span.text.translate(_ESCAPES).replace("\n", "<br/>")
        opening = "".join(f"<{mark.value}>" for mark in marks)
        closing = "".join(f"</{mark.value}>" for mark in reversed(marks))
        parts.append(opening + text + closing)
    return "".join(parts)


def inline_from_markup(markup: str) -> Inline:
    """The inverse of `inline_markup` (ValueError on anything else)."""
    open_marks: list[Mark] = []
    spans: list[Span] = []
    for match in _MARKUP.finditer(markup):
        closing, tag, entity, stray = match.groups()
        if stray is not None:
            raise ValueError(
                _("bad inline markup near {text!r}").format(
                    text=markup[match.start() : match.start() + 20])
            )
        if tag is not None:
            mark = Mark(tag)
            if closing:
                if not open_marks or open_marks[-1] is not mark:
                    raise ValueError(_("unbalanced </{tag}> in inline markup").format(tag=tag))
                open_marks.pop()
            else:
                open_marks.append(mark)
            continue
        text = (
            "\n"
            if match.group(0) == "<br/>"
            else (_UNESCAPES[entity] if entity else match.group(0))
        )
        spans.append(Span(text, frozenset(open_marks)))
    if open_marks:
        raise ValueError(_("unclosed <{tag}> in inline markup").format(
            tag=open_marks[-1].value))
    return normalise_inline(spans)


__all__ = [
    "apply_changes",
    "inline_from_markup",
    "inline_markup",
    "metadata_changes",
    "version_fields",
]
