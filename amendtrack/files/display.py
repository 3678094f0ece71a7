"""Text shown on a terminal: control characters escaped, never sent raw.

A document or a file name can carry characters a terminal obeys instead of showing: ESC starts
an escape sequence (colours, cursor moves, a new window title), CR and the C1 controls can hide
what came before, a line or paragraph separator breaks one message into two, bidirectional
overrides reorder what is read. `shown` writes each of them as a visible escape (``\\x1b``,
``\\u202e``); a lone surrogate (a file name that is not valid UTF-8) shows the byte it stands
for. Every message amendtrack prints goes through it, and so does the terminal renderer's text.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, keep: str = "") -> str:
    """`text` with every control character escaped, except those in `keep` (``"\\n\\t"``)."""
    if _UNSAFE.search(text) is None:
        return text  # the usual case
    if not keep:
        return _UNSAFE.sub(_escape, text)
    return _UNSAFE.sub(
        lambda match: match.group() if match.group() in keep else _escape(match), text
    )


def shown_json(text: str) -> str:
    """JSON text with the same characters written as ``\\uXXXX`` escapes: still the same JSON.

    Raw newlines in JSON text are layout (inside strings they are escaped), so they stay.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(
        lambda match: match.group() if match.group() == "\n" else f"\\u{ord(match.group()):04x}",
        text,
    )


def for_terminal(data: bytes, media_type: str = "text/plain") -> bytes:
    """Output bytes about to be shown on a terminal: text with its control characters escaped
    (JSON kept valid JSON), anything that is not UTF-8 text unchanged."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    if media_type == "application/json":
        return shown_json(text).encode("utf-8")
    return shown(text, "\n\t").encode("utf-8")
