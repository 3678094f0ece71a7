"""Reading inputs: the one bounded way amendtrack reads a file or standard input.

`read_bytes` opens regular files only (a FIFO, a device, a socket or a folder is refused with one
line, and a FIFO is opened without blocking, so nothing waits for a writer that never comes);
standard input is read only when ``-`` is given for it. The size cap is applied while reading,
never trusted from ``stat``: a file that grows, or a link to ``/dev/zero``, stops at the cap.
`decode_text` decodes a text source and names the first bad byte. The command line remembers
the identity of every input it read (`remember_inputs`) so that the writer can refuse to replace
one of them (`amendtrack.files.writing`).
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from amendtrack.errors import InputError
from amendtrack.translation import _, grouped

DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Inputs larger than this are refused (override with ``AMENDTRACK_MAX_INPUT_BYTES``)."""
STDIN = "-"
"""The argument that names standard input."""
UTF8_BOM = b"\xef\xbb\xbf"
_CHUNK = 1024 * 1024
_KINDS: tuple[tuple[Callable[[int], bool], Callable[[], str]], ...] = (
    (stat.S_ISDIR, lambda: _("is a directory, not a file")),
    (stat.S_ISLNK, lambda: _("is a symbolic link, not a file")),
    (stat.S_ISFIFO, lambda: _("is a FIFO (named pipe), not a regular file; to read a pipe, give "
                              "- and send it to standard input")),
    (stat.S_ISCHR, lambda: _("is a character device, not a regular file")),
    (stat.S_ISBLK, lambda: _("is a block device, not a regular file")),
    (stat.S_ISSOCK, lambda: _("is a socket, not a regular file")),
)
"""Each kind of file that is not read, and the problem to say (translated when it is said)."""
_TEXT_CODECS_REFUSED = frozenset({
    "undefined", "unicode_escape", "raw_unicode_escape", "idna", "punycode", "rot_13",
})
"""Codecs Python knows that are no character encoding of a document."""


class _Inputs:
    """The identities (device, inode) of the inputs read, when the command line asks for it."""

    def __init__(self) -> None:
        self.enabled = False
        self.identities: dict[tuple[int, int], str] = {}
        self.stdin_read = False


_INPUTS = _Inputs()


def remember_inputs(enabled: bool = True) -> None:
    """Start (or stop) remembering the inputs read, so an output can be checked against them.

    The command line turns it on: ``show v.xml -o v.xml`` must not destroy its input. A program
    using the library may well save over the file it loaded, so it is off by default.
    """
    _INPUTS.enabled = enabled
    _INPUTS.identities.clear()
    _INPUTS.stdin_read = False


def input_named(device: int, inode: int) -> str | None:
    """The input read with this identity (None if none was, or nothing is remembered)."""
    return _INPUTS.identities.get((device, inode))


def max_input_bytes() -> int:
    """The size cap in force, from the environment or the default."""
    configured = os.environ.get("AMENDTRACK_MAX_INPUT_BYTES", "")
    return int(configured) if configured.isdigit() and len(configured) < 19 else (
        DEFAULT_MAX_INPUT_BYTES
    )


def read_bytes(path: str | Path, *, follow_links: bool = True,
               allow_empty: bool = False) -> bytes:
    """The bytes of an input file (or standard input for ``-``), bounded by the size cap.

    Refuses, with one `InputError` naming `path`: a missing or unreadable file, anything but a
    regular file, more bytes than the cap, and a file with nothing but white space in it. With
    `follow_links` False (the store's own files) a symbolic link is refused too, and ``-`` is
    a file name like any other. With `allow_empty` (a configuration file) an empty file is
    read as it is.
    """
    reading_stdin = str(path) == STDIN and follow_links
    data = _read_stdin() if reading_stdin else _read_file(path, follow_links)
    if not allow_empty and not data.removeprefix(UTF8_BOM).strip():
        raise InputError(_("file is empty"), path)
    return data


def _read_file(path: str | Path, follow_links: bool) -> bytes:
    if not str(path):
        raise InputError(_("an empty file name names no file"), "''")
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        # Look before opening: opening a device can have effects (a tape rewinds).
        _refuse_kind((Path(path).stat() if follow_links else Path(path).lstat()).st_mode, path)
        # O_NONBLOCK: a FIFO put in place since the look opens at once instead of waiting.
        descriptor = os.open(path, flags if follow_links else flags | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise InputError(_("no such file"), path) from None
    except OSError as error:
        raise InputError(_("cannot read: {problem}").format(problem=error.strerror),
                         path) from None
    try:
        status = os.fstat(descriptor)
        _refuse_kind(status.st_mode, path)
        os.set_blocking(descriptor, True)
        data = _read_bounded(descriptor, path)
    except OSError as error:
        raise InputError(_("cannot read: {problem}").format(problem=error.strerror),
                         path) from None
    finally:
        os.close(descriptor)
    if _INPUTS.enabled:
        _INPUTS.identities[(status.st_dev, status.st_ino)] = str(path)
    return data


def _refuse_kind(mode: int, path: str | Path) -> None:
    for test, problem in _KINDS:
        if test(mode):
            raise InputError(problem(), path)
    if not stat.S_ISREG(mode):
        raise InputError(_("is not a regular file"), path)


def _read_stdin() -> bytes:
    if _INPUTS.stdin_read:
        raise InputError(_("standard input can be read only once"), STDIN)
    _INPUTS.stdin_read = True
    try:
        return _read_bounded(sys.stdin.fileno() if sys.stdin is not None else 0, STDIN)
    except (OSError, ValueError) as error:
        problem = getattr(error, "strerror", None) or _("standard input is closed")
        raise InputError(_("cannot read: {problem}").format(problem=problem), STDIN) from None


def _read_bounded(descriptor: int, path: str | Path) -> bytes:
    cap = max_input_bytes()
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(descriptor, min(_CHUNK, cap + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > cap:
            raise InputError(_("file is too large (the limit is {limit} bytes)").format(
                limit=grouped(cap)), path)


def byte_order_mark_note(data: bytes) -> str | None:
    """The warning to give when a text source starts with a UTF-8 byte order mark it loses."""
    if data.startswith(UTF8_BOM):
        return _("a UTF-8 byte order mark at the start of the file was dropped")
    return None


def decode_text(data: bytes, path: str | Path, encoding: str = "utf-8") -> str:
    """Decode a text source, naming the first bad byte if the encoding is wrong.

    A UTF-8 byte order mark is dropped (`byte_order_mark_note` says so); `encoding` must be a
    character encoding (``undefined`` or ``rot_13`` are not).
    """
    codec = _codec(encoding, path)
    if codec == "utf-8":
        data = data.removeprefix(UTF8_BOM)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.start + 1].hex().upper()
        raise InputError(
            _("not valid {encoding} (byte 0x{byte} on line {line}); convert the file to UTF-8 "
              "or give its encoding with --encoding").format(encoding=encoding.upper(), byte=bad,
                                                             line=line),
            path,
        ) from None
    except UnicodeError:
        raise InputError(_("cannot be decoded as {encoding}").format(
            encoding=encoding.upper()), path) from None
    if data and not text.strip():
        raise InputError(_("file is empty"), path)
    return text


def _codec(encoding: str, path: str | Path) -> str:
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):
        raise InputError(_("unknown encoding {encoding!r}").format(encoding=encoding[:40]),
                         path) from None
    name = info.name.replace("-", "_")
    if name in _TEXT_CODECS_REFUSED or not getattr(info, "_is_text_encoding", True):
        raise InputError(_("{encoding!r} is not a character encoding").format(
            encoding=encoding[:40]), path)
    return "utf-8" if name == "utf_8" else info.name
