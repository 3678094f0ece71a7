"""Import a source document (text, Markdown, ODT, DOCX, HTML) as a version.

The format comes from ``--from`` or the file's extension (`amendtrack.importers.formats`). Plain
text is imported exactly (`amendtrack.importers.text`): paragraphs split on blank lines and nothing
else, so ``show --to text`` gives the source back byte for byte. The other formats are read into a
`SourceDocument` and go through `version_from_source`: title block → metadata
(`amendtrack.importers.title_block`), page-break joins, decision and signature formulas, block ids
(`amendtrack.importers.body`). `import_bold_as_additions` reads a « rajout en gras » act into the
version it modifies and the version it makes (`amendtrack.importers.bold_additions`).

Metadata comes from what the source states, overridden by ``--meta`` (`amendtrack.importers.meta`
lists the keys). collectivite, seance and objet are required: when neither the source nor ``--meta``
gives one, the import fails and says how to give it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from amendtrack.errors import SourceError
from amendtrack.files.reading import byte_order_mark_note, decode_text, read_bytes
from amendtrack.importers.body import assign_ids, join_page_breaks, recognise_formulas, vote_fields
from amendtrack.importers.bold_additions import find_expose, render_addition, split_bold
from amendtrack.importers.formats import READERS, SourceFormat, choose_format
from amendtrack.importers.meta import (
    check_text_size,
    check_xml_characters,
    resolve_info,
    resolve_metadata,
    split_meta,
)
from amendtrack.importers.options import ReadOptions
from amendtrack.importers.source import SourceDocument
from amendtrack.importers.text import blocks_from_text, normalise_newlines
from amendtrack.importers.title_block import read_title_block
from amendtrack.model import (
    LINE_BREAK,
    Block,
    Metadata,
    ModifyingAct,
    Span,
    Version,
    inline_text,
    metadata_fields,
    normalise_inline,
)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """An imported version and what the import had to say about it."""

    version: Version
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BoldImport:
    """Both versions read from a « rajout en gras » act."""

    old: Version
    """The modified deliberation as it stood before the act."""
    new: Version
    """The deliberation as the act makes it (its act, header and exposé in `VersionInfo.act`)."""
    additions: tuple[str, ...]
    """The text of each bold span, other marks as HTML tags (« 1<sup>er</sup> »)."""
    warnings: tuple[str, ...] = ()


def import_source(
    path: Path,
    *,
    source_format: str | None,
    meta: dict[str, str],
    options: ReadOptions,
) -> ImportResult:
    """Import one source file as a version."""
    chosen = choose_format(path, source_format)
    if chosen is SourceFormat.TEXT:
        return _import_text(path, meta, options.encoding)
    document = read_source(path, chosen, options)
    return version_from_source(document, meta, path)


def read_source(path: Path, source_format: SourceFormat, options: ReadOptions) -> SourceDocument:
    """Read a structured source into a `SourceDocument` with the reader for its format."""
    reader = READERS.get(source_format)
    if reader is None:
        raise SourceError(f"{source_format} is not read as a structured document", path)
    document = reader(read_bytes(path), path, options)
    if not document.blocks:
        raise SourceError("no text found in the document", path)
    return document


def _import_text(path: Path, meta: dict[str, str], encoding: str) -> ImportResult:
    data = read_bytes(path)
    text, note = normalise_newlines(decode_text(data, path, encoding))
    notes = [f"{path}: {found}" for found in (byte_order_mark_note(data), note)
             if found is not None]
    check_xml_characters(text, path)
    fields, version_keys, old_keys = split_meta(meta)
    if old_keys:
        raise SourceError("old.* keys in --meta only apply with --bold-as-additions", path)
    metadata = resolve_metadata({}, fields, path)
    modifies = version_keys.get("modifies") or None
    info = resolve_info(path, metadata, version_keys, modifies=modifies, act=None)
    body = blocks_from_text(text)
    for block in body:
        check_text_size(block.text, path, f"paragraph {block.id}")
    version = Version(info=info, metadata=metadata, body=body)
    return ImportResult(version=version, warnings=tuple(notes))


def version_from_source(
    document: SourceDocument, meta: dict[str, str], path: Path
) -> ImportResult:
    """The shared step after any structured reader: title block, joins, formulas, ids."""
    fields, version_keys, old_keys = split_meta(meta)
    if old_keys:
        raise SourceError("old.* keys in --meta only apply with --bold-as-additions", path)
    title = read_title_block(document.blocks)
    body, joins = join_page_breaks(document.blocks[title.blocks :])
    blocks = assign_ids(recognise_formulas(body))
    _check_blocks(blocks, path)
    metadata = resolve_metadata(title.fields() | vote_fields(blocks), fields, path)
    act = None
    modifies = version_keys.get("modifies") or title.modifies
    if modifies:
        act = ModifyingAct(date=metadata.seance, numero=metadata.numero, header=title.header)
    info = resolve_info(path, metadata, version_keys, modifies=modifies, act=act)
    warnings = (*document.warnings, *title.warnings, *_took(title.fields(), modifies), *joins)
    return ImportResult(Version(info=info, metadata=metadata, body=blocks), tuple(warnings))


def _check_blocks(blocks: tuple[Block, ...], path: Path) -> None:
    for block in blocks:
        text = inline_text(block.content)
        check_xml_characters(text, path, f"paragraph « {text[:30]}… »")
        check_text_size(text, path, f"paragraph « {text[:30]}… »")


def _took(facts: dict[str, str], modifies: str | None) -> list[str]:
    if not facts and not modifies:
        return []
    listed = [f"{name}={value}" for name, value in facts.items()]
    if modifies:
        listed.append(f"modifies={modifies}")
    return ["from the title block: " + "; ".join(listed)]


def import_bold_as_additions(
    path: Path,
    *,
    source_format: str | None,
    meta: dict[str, str],
    options: ReadOptions,
) -> BoldImport:
    """Read a « rajout en gras » act into OLD (before the act) and NEW (as the act makes it)."""
    chosen = choose_format(path, source_format)
    if chosen is SourceFormat.TEXT:
        raise SourceError("plain text has no bold: --bold-as-additions needs Markdown, "
                          "ODT, DOCX or HTML", path)
    document = read_source(path, chosen, options)
    return bold_import_from_source(document, meta, path)


def bold_import_from_source(
    document: SourceDocument, meta: dict[str, str], path: Path
) -> BoldImport:
    """The shared « rajout en gras » step after any structured reader."""
    fields, version_keys, old_keys = split_meta(meta)
    title = read_title_block(document.blocks)
    rest, joins = join_page_breaks(document.blocks[title.blocks :])
    expose_count, expose_notes = find_expose(rest)
    blocks = assign_ids(recognise_formulas(rest[expose_count:]))
    _check_blocks(blocks, path)
    split = split_bold(blocks)
    if not split.additions:
        raise SourceError("no bold text found after the title block and exposé", path)
    new_metadata = resolve_metadata(title.fields() | vote_fields(blocks), fields, path)
    modifies = version_keys.get("modifies") or title.modifies
    if not modifies:
        raise SourceError(
            "the title block does not say which deliberation this act modifies; "
            "give its date with --meta modifies=YYYY-MM-DD",
            path,
        )
    expose: list[Span] = []
    for block in rest[:expose_count]:
        if expose:
            expose.append(Span(LINE_BREAK * 2))
        expose.extend(block.content)
    act = ModifyingAct(
        date=new_metadata.seance,
        numero=new_metadata.numero,
        expose=normalise_inline(expose),
        header=title.header,
    )
    new_info = resolve_info(path, new_metadata, version_keys, modifies=modifies, act=act)
    old_metadata = resolve_metadata(_old_facts(new_metadata, modifies), old_keys, path)
    old_info = resolve_info(
        path, old_metadata, {"deliberation": new_info.deliberation, "date": modifies},
        modifies=None, act=None,
    )
    warnings = (*document.warnings, *title.warnings, *_took(title.fields(), modifies), *joins,
                *expose_notes)
    return BoldImport(
        old=Version(info=old_info, metadata=old_metadata, body=split.old),
        new=Version(info=new_info, metadata=new_metadata, body=split.new),
        additions=tuple(render_addition(addition) for addition in split.additions),
        warnings=tuple(warnings),
    )


def _old_facts(new: Metadata, modifies: str) -> dict[str, str]:
    # What NEW says about the deliberation as a whole also holds for OLD; what it says about
    # the séance of the act (numero, secretaire, vote, …) does not.
    shared = ("collectivite", "objet", "siren", "actes_nature", "actes_matiere")
    flat = metadata_fields(new)
    return {name: flat[name] for name in shared if name in flat} | {"seance": modifies}
