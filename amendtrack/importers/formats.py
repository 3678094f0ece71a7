"""The source formats amendtrack imports, and the typed table of their readers.

Each structured format has one reader in its own module (`amendtrack.importers.markdown`,
`odt`, `docx`, `html`), imported only when a file of that format is read. Plain text is not in
the table: it is imported exactly by `amendtrack.importers.text`, not through a
`SourceDocument`.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from amendtrack.errors import SourceError
from amendtrack.importers.options import ReadOptions
from amendtrack.importers.source import SourceDocument
from amendtrack.translation import _


class SourceFormat(StrEnum):
    """A format of source document, named as ``--from`` takes it."""

    TEXT = "text"
    MARKDOWN = "markdown"
    ODT = "odt"
    DOCX = "docx"
    HTML = "html"

    @property
    def extensions(self) -> tuple[str, ...]:
        """The file extensions that select this format (with the dot)."""
        return _EXTENSIONS[self]


_EXTENSIONS: Mapping[SourceFormat, tuple[str, ...]] = MappingProxyType({
    SourceFormat.TEXT: (".txt", ".text"),
    SourceFormat.MARKDOWN: (".md", ".markdown"),
    SourceFormat.ODT: (".odt",),
    SourceFormat.DOCX: (".docx",),
    SourceFormat.HTML: (".html", ".htm"),
})
_ALIASES = MappingProxyType({"md": "markdown", "txt": "text", "htm": "html"})


class Reader(Protocol):
    """A reader of one structured format: the file's bytes into a `SourceDocument`."""

    def __call__(self, data: bytes, path: Path, options: ReadOptions) -> SourceDocument:
        """Read `data` (the bytes of `path`); SourceError naming `path` if it cannot."""


def _read_markdown(data: bytes, path: Path, options: ReadOptions) -> SourceDocument:
    from amendtrack.files.reading import decode_text
    from amendtrack.importers.bounds import check_markdown_markup
    from amendtrack.importers.markdown import read_markdown
    from amendtrack.importers.meta import check_xml_characters
    from amendtrack.importers.text import normalise_newlines

    text, _note = normalise_newlines(decode_text(data, path, options.encoding))
    check_xml_characters(text, path)  # before markup hides the line it is on
    check_markdown_markup(text, path)
    return read_markdown(text, str(path))


def _read_odt(data: bytes, path: Path, options: ReadOptions) -> SourceDocument:
    from amendtrack.importers.odt import read_odt

    return read_odt(data, path, tracked_changes=options.tracked_changes)


def _read_docx(data: bytes, path: Path, options: ReadOptions) -> SourceDocument:
    from amendtrack.importers.docx import read_docx

    return read_docx(data, path, tracked_changes=options.tracked_changes)


def _read_html(data: bytes, path: Path, options: ReadOptions) -> SourceDocument:
    from amendtrack.importers.html import read_html

    return read_html(data, path, tracked_changes=options.tracked_changes,
                     edits_as_marks=options.edits_as_marks)


READERS: Mapping[SourceFormat, Reader] = MappingProxyType({
    SourceFormat.MARKDOWN: _read_markdown,
    SourceFormat.ODT: _read_odt,
    SourceFormat.DOCX: _read_docx,
    SourceFormat.HTML: _read_html,
})
"""The reader of every structured format (all but plain text)."""


def choose_format(path: Path, requested: str | None) -> SourceFormat:
    """The format to read `path` as: `requested` (``--from``) or the one its extension names."""
    known = ", ".join(f"{item.value} ({' '.join(item.extensions)})" for item in SourceFormat)
    if requested is not None:
        name = _ALIASES.get(requested, requested)
        try:
            return SourceFormat(name)
        except ValueError:
            raise SourceError(
                _("unknown source format {format!r}; known formats: {known}").format(
                    format=requested, known=known), path
            ) from None
    suffix = path.suffix.lower()
    for item in SourceFormat:
        if suffix in item.extensions:
            return item
    raise SourceError(
        _("cannot tell the format from the extension {extension!r}; known formats: {known} "
          "(or give one with --from)").format(extension=suffix, known=known) if suffix else
        _("cannot tell the format of a file name without an extension; known formats: {known} "
          "(or give one with --from)").format(known=known),
        path,
    )
