"""The JSON form of an amendment (``"format": "amendtrack.amendment/2"``).

Documented in docs/amendment-format.md, with a JSON Schema in schemas/amendment.schema.json.
The form is self-contained: a renderer given only the JSON can show the whole amended text.
To stay compact, the text of a block is written once: a kept block carries its content once
(not OLD's and NEW's copy), a modified block carries only its inline runs (OLD's text is the
runs' ``old`` sides, NEW's the ``new`` sides, and an equal run has one ``text``).
"""

from __future__ import annotations

import io
import json
import re
from enum import StrEnum
from json.encoder import encode_basestring as _quoted
from typing import Any, BinaryIO, TypeVar

from amendtrack.errors import AmendmentError
from amendtrack.files.safe_json import parse_json
from amendtrack.model import (
    MARK_ORDER,
    Amendment,
    Block,
    BlockKind,
    BlockOp,
    BlockOpKind,
    Inline,
    InlineOp,
    InlineOpKind,
    Mark,
    MetadataChange,
    Span,
    normalise_inline,
)
from amendtrack.model.blocks import MAX_HEADING_LEVEL
from amendtrack.translation import _

_E = TypeVar("_E", bound=StrEnum)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (lone surrogates included)."""

FORMAT = "amendtrack.amendment/2"
"""The value of the top-level ``format`` member; a new major number means incompatible."""
FORMAT_1 = "amendtrack.amendment/1"
"""Amendments between format-1 versions: their hashes name format-1 serialisations."""


# --- writing ----------------------------------------------------------------------------------


def dumps(amendment: Amendment) -> bytes:
    """The amendment as UTF-8 JSON (one block operation per line, deterministic)."""
    buffer = io.BytesIO()
    dump(amendment, buffer)
    return buffer.getvalue()


def dump(amendment: Amendment, stream: BinaryIO) -> None:
    """Write `dumps(amendment)` to `stream`, operation by operation (never whole in memory)."""
    head = {
        "format": FORMAT,
        "base": amendment.base_hash,
        "result": amendment.result_hash,
        "minimal": amendment.minimal,
        "notes": list(amendment.notes),
        "metadata": [
            {"field": change.field, "old": change.old, "new": change.new}
            for change in amendment.metadata
        ],
    }
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    stream.write(f'{opening}, "blocks": [\n'.encode())
    # Encoded `_OPS_PER_WRITE` operations at a time into the stream: a whole code's JSON is
    # never held as one (possibly four bytes a character) Python string, and the stream is
    # called a few times, not once per operation.
    blocks = amendment.blocks
    for start in range(0, len(blocks), _OPS_PER_WRITE):
        texts = [
            _block_op_json(op)
            if not op.inline
            else json.dumps(_block_op(op), ensure_ascii=False, separators=(",", ":"))
            for op in blocks[start:start + _OPS_PER_WRITE]
        ]
        stream.write(((",\n" if start else "") + ",\n".join(texts)).encode())
    stream.write(b"\n]}\n")


_OPS_PER_WRITE = 1_000
"""Block operations encoded together and written in one call (a few hundred KB at most)."""


def _block_op_json(op: BlockOp) -> str:
    """``json.dumps(_block_op(op))`` (compact, UTF-8) for an operation without inline runs.

    Written out by hand because a whole code has thousands of kept blocks; it must give the
    same text as the generic path (tests/diffing/test_amendment_json.py checks it).
    """
    block = op.new if op.new is not None else op.old
    assert block is not None
    return (
        f'{{"op":"{_OP_NAMES[op.kind]}","old_index":{_int(op.old_index)},'
        f'"new_index":{_int(op.new_index)},"old":{_header_json(op.old)},'
        f'"new":{_header_json(op.new)},"content":[{_inline_json(block.content)}]}}'
    )


_OP_NAMES = {kind: kind.value for kind in BlockOpKind}
"""Each operation's name (``kind.value`` is a property call on Python 3.11)."""
_INLINE_OP_NAMES = {kind: kind.value for kind in InlineOpKind}
_QUOTED_KINDS = {kind: _quoted(kind.value) for kind in BlockKind}
"""Each block kind's name as a JSON string."""


def _int(value: int | None) -> str:
    return "null" if value is None else str(value)


def _header_json(block: Block | None) -> str:
    if block is None:
        return "null"
    text = f'{{"id":{_quoted(block.id)},"kind":{_QUOTED_KINDS[block.kind]}'
    if block.list_id is not None:
        text += f',"list_id":{_quoted(block.list_id)}'
    if block.level is not None:
        text += f',"level":{block.level}'
    if block.number is not None:
        text += f',"number":{_quoted(block.number)}'
    if block.title is not None:
        text += f',"title":{_quoted(block.title)}'
    if block.alinea:
        text += ',"alinea":true'
    return text + "}"


def _inline_json(content: Inline) -> str:
    return ",".join(
        _quoted(span.text)
        if not span.marks
        else f'{{"text":{_quoted(span.text)},"marks":['
        + ",".join(f'"{m.value}"' for m in MARK_ORDER if m in span.marks)
        + "]}"
        for span in content
    )


def _block_op(op: BlockOp) -> dict[str, Any]:
    data: dict[str, Any] = {
        "op": op.kind.value,
        "old_index": op.old_index,
        "new_index": op.new_index,
        "old": None if op.old is None else _header(op.old),
        "new": None if op.new is None else _header(op.new),
    }
    if op.inline:
        data["inline"] = [_inline_op(run) for run in op.inline]
    else:
        block = op.new if op.new is not None else op.old
        assert block is not None
        data["content"] = _inline(block.content)
    return data


def _header(block: Block) -> dict[str, Any]:
    header: dict[str, Any] = {"id": block.id, "kind": block.kind.value}
    if block.list_id is not None:
        header["list_id"] = block.list_id
    if block.level is not None:
        header["level"] = block.level
    if block.number is not None:
        header["number"] = block.number
    if block.title is not None:
        header["title"] = block.title
    if block.alinea:
        header["alinea"] = True
    return header


def _inline_op(op: InlineOp) -> dict[str, Any]:
    if op.kind is InlineOpKind.EQUAL:
        return {"op": "equal", "text": _inline(op.new)}
    data: dict[str, Any] = {"op": _INLINE_OP_NAMES[op.kind]}
    if op.kind is not InlineOpKind.INSERT:
        data["old"] = _inline(op.old)
    if op.kind is not InlineOpKind.DELETE:
        data["new"] = _inline(op.new)
    return data


def _inline(content: Inline) -> list[Any]:
    # An unformatted span is a bare string; a formatted one is {"text", "marks"}.
    return [
        span.text
        if not span.marks
        else {"text": span.text, "marks": [m.value for m in MARK_ORDER if m in span.marks]}
        for span in content
    ]


# --- reading ----------------------------------------------------------------------------------


def loads(data: bytes, name: str = "<amendment>") -> Amendment:
    """An amendment from its JSON form; AmendmentError naming `name` if it is not one.

    Parsed by `amendtrack.files.safe_json` (numbers and nesting bounded); text a version file
    cannot hold (a control character, a lone surrogate) is refused with its JSON path.
    """
    document = parse_json(data, name, AmendmentError)
    try:
        return _amendment(document)
    except _Bad as error:
        raise AmendmentError(_("not an amendtrack amendment: {problem}").format(problem=error),
                             name) from None


class _Bad(Exception):
    """A structural problem, with the JSON path where it was found."""


def _amendment(document: Any) -> Amendment:
    top = _object(document, "$")
    found = top.get("format")
    if found == FORMAT_1:
        raise _Bad(_("$.format is {found!r}: it was written for version format 1 and its "
                     "hashes name format-1 files; compute it again with amendtrack diff OLD NEW "
                     "--to json").format(found=found))
    if found != FORMAT:
        raise _Bad(_("$.format is {found!r}, expected {expected!r}").format(found=found,
                                                                            expected=FORMAT))
    blocks = _list(top.get("blocks"), "$.blocks")
    metadata = _list(top.get("metadata", []), "$.metadata")
    notes = _list(top.get("notes", []), "$.notes")
    return Amendment(
        base_hash=_string(top.get("base"), "$.base"),
        result_hash=_string(top.get("result"), "$.result"),
        blocks=tuple(_read_block_op(item, f"$.blocks[{k}]") for k, item in enumerate(blocks)),
        metadata=tuple(_read_change(item, f"$.metadata[{k}]") for k, item in enumerate(metadata)),
        minimal=_boolean(top.get("minimal", True), "$.minimal"),
        notes=tuple(_string(note, f"$.notes[{k}]") for k, note in enumerate(notes)),
    )


def _read_change(item: Any, path: str) -> MetadataChange:
    data = _object(item, path)
    return MetadataChange(
        field=_string(data.get("field"), f"{path}.field"),
        old=_optional_string(data.get("old"), f"{path}.old"),
        new=_optional_string(data.get("new"), f"{path}.new"),
    )


def _read_block_op(item: Any, path: str) -> BlockOp:
    data = _object(item, path)
    kind = _enum(BlockOpKind, data.get("op"), f"{path}.op")
    old_index = _optional_index(data.get("old_index"), f"{path}.old_index")
    new_index = _optional_index(data.get("new_index"), f"{path}.new_index")
    if "inline" in data:
        inline = tuple(
            _read_inline_op(run, f"{path}.inline[{k}]")
            for k, run in enumerate(_list(data["inline"], f"{path}.inline"))
        )
        old_content = normalise_inline(s for run in inline for s in run.old)
        new_content = normalise_inline(s for run in inline for s in run.new)
    else:
        inline = ()
        old_content = new_content = _read_inline(data.get("content"), f"{path}.content")
    old = _read_header(data.get("old"), old_content, f"{path}.old")
    new = _read_header(data.get("new"), new_content, f"{path}.new")
    expected = {
        BlockOpKind.INSERT: (False, True),
        BlockOpKind.DELETE: (True, False),
    }.get(kind, (True, True))
    if (old is not None, new is not None) != expected or (
        (old_index is not None, new_index is not None) != expected
    ):
        raise _Bad(_("{path}: a {kind} operation has the wrong old/new sides").format(
            path=path, kind=kind.value))
    return BlockOp(kind, old_index, new_index, old, new, inline)


def _read_header(item: Any, content: Inline, path: str) -> Block | None:
    if item is None:
        return None
    data = _object(item, path)
    level = data.get("level")
    if level is not None and (type(level) is not int or not 1 <= level <= MAX_HEADING_LEVEL):
        raise _Bad(_("{path}.level must be a whole number from 1 to {maximum}").format(
            path=path, maximum=MAX_HEADING_LEVEL))
    return Block(
        id=_string(data.get("id"), f"{path}.id"),
        kind=_enum(BlockKind, data.get("kind"), f"{path}.kind"),
        content=content,
        list_id=_optional_string(data.get("list_id"), f"{path}.list_id"),
        level=level,
        number=_optional_string(data.get("number"), f"{path}.number"),
        title=_optional_string(data.get("title"), f"{path}.title"),
        alinea=_boolean(data.get("alinea", False), f"{path}.alinea"),
    )


def _read_inline_op(item: Any, path: str) -> InlineOp:
    data = _object(item, path)
    kind = _enum(InlineOpKind, data.get("op"), f"{path}.op")
    if kind is InlineOpKind.EQUAL:
        text = _read_inline(data.get("text"), f"{path}.text")
        return InlineOp(kind, text, text)
    old = () if kind is InlineOpKind.INSERT else _read_inline(data.get("old"), f"{path}.old")
    new = () if kind is InlineOpKind.DELETE else _read_inline(data.get("new"), f"{path}.new")
    return InlineOp(kind, old, new)


def _read_inline(item: Any, path: str) -> Inline:
    spans: list[Span] = []
    for k, span in enumerate(_list(item, path)):
        if isinstance(span, str):
            spans.append(Span(_string(span, f"{path}[{k}]")))
            continue
        data = _object(span, f"{path}[{k}]")
        marks = _list(data.get("marks"), f"{path}[{k}].marks")
        spans.append(
            Span(
                _string(data.get("text"), f"{path}[{k}].text"),
                frozenset(_enum(Mark, m, f"{path}[{k}].marks") for m in marks),
            )
        )
    return normalise_inline(spans)


# Small checkers: each names the JSON path of the value it refuses.


def _object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(_("{path} must be an object").format(path=path))
    return value


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(_("{path} must be an array").format(path=path))
    return value


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise _Bad(_("{path} must be a string").format(path=path))
    bad = _NOT_XML.search(value)
    if bad is not None:
        raise _Bad(_("{path} holds U+{code:04X}, a character no version file can hold").format(
            path=path, code=ord(bad.group())))
    return value


def _optional_string(value: Any, path: str) -> str | None:
    return None if value is None else _string(value, path)


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise _Bad(_("{path} must be true or false").format(path=path))
    return value


def _optional_index(value: Any, path: str) -> int | None:
    if value is None:
        return None
    if type(value) is not int or value < 0:
        raise _Bad(_("{path} must be a non-negative whole number or null").format(path=path))
    return value


def _enum(kind: type[_E], value: Any, path: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise _Bad(_("{path} is {value}, expected one of: {allowed}").format(
            path=path, value=repr(value)[:40], allowed=allowed)) from None


__all__ = ["FORMAT", "dump", "dumps", "loads"]
