"""Reading input files: existence, size cap and text decoding, with one clear error each."""

from __future__ import annotations

import os
from pathlib import Path

from amendtrack.errors import InputError

DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Inputs larger than this are refused (override with ``AMENDTRACK_MAX_INPUT_BYTES``)."""


def max_input_bytes() -> int:
    """The size cap in force, from the environment or the default."""
    configured = os.environ.get("AMENDTRACK_MAX_INPUT_BYTES", "")
    return int(configured) if configured.isdigit() else DEFAULT_MAX_INPUT_BYTES


def read_bytes(path: str | Path) -> bytes:
    """The bytes of an input file, refusing a missing, unreadable, empty or oversized one."""
    source = Path(path)
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path) from None
    if source.is_dir():
        raise InputError("is a directory, not a file", path)
    cap = max_input_bytes()
    if size > cap:
        raise InputError(f"file is too large ({size:,} bytes; the limit is {cap:,})", path)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path) from None
    if len(data) > cap:  # the file grew while we looked at it
        raise InputError(f"file is too large (the limit is {cap:,} bytes)", path)
    if not data.strip():
        raise InputError("file is empty", path)
    return data


def decode_text(data: bytes, path: str | Path, encoding: str = "utf-8") -> str:
    """Decode a text source, naming the first bad byte if the encoding is wrong."""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path) from None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.start + 1].hex().upper()
        raise InputError(
            f"not valid {encoding.upper()} (byte 0x{bad} on line {line}); "
            "convert the file to UTF-8 or give its encoding with --encoding",
            path,
        ) from None
