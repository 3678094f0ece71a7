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

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from amendtrack.errors import SourceError
from amendtrack.files.reading import byte_order_mark_note, decode_text, read_bytes
from amendtrack.importers.body import (
    assign_ids,
    body_fields,
    join_page_breaks,
    structured_paragraphs,
)
from amendtrack.importers.formats import READERS, SourceFormat, choose_format
from amendtrack.importers.meta import (
    check_text_size,
    check_xml_characters,
    resolve_info,
    resolve_metadata,
    split_meta,
    with_defaults,
)
from amendtrack.importers.options import ReadOptions
from amendtrack.importers.source import SourceBlock, SourceDocument
from amendtrack.importers.structure import recognise_structure
from amendtrack.importers.text import normalise_newlines, split_final_newlines
from amendtrack.model import (
    LINE_BREAK,
    Block,
    BlockKind,
    Inline,
    Metadata,
    ModifyingAct,
    Span,
    Version,
    VersionInfo,
    inline_text,
    metadata_fields,
    normalise_inline,
)
from amendtrack.translation import _

if TYPE_CHECKING:  # off the path of a text import (`_import_text`)
    from amendtrack.importers.title_block import TitleBlock


@dataclass(frozen=True, slots=True)
class ImportResult:
    """An imported version and what the import had to say about it."""

    version: Version
    warnings: tuple[str, ...] = ()
    """Problems: what was dropped, guessed or changed on the way (``amendtrack: warning:``)."""
    notes: tuple[str, ...] = ()
    """News, not problems: the facts read from the title block and the text."""


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
    deletions: tuple[str, ...] = ()
    """The text of each struck-through span (the act shows its deletions)."""
    notes: tuple[str, ...] = ()
    """News, not problems: the facts read from the title block and the text."""


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
        return _import_text(path, meta, options)
    document = read_source(path, chosen, options)
    return version_from_source(document, meta, path, meta_prefix=options.meta_prefix,
                               options=options)


def read_source(path: Path, source_format: SourceFormat, options: ReadOptions) -> SourceDocument:
    """Read a structured source into a `SourceDocument` with the reader for its format."""
    reader = READERS.get(source_format)
    if reader is None:
        raise SourceError(_("{format} is not read as a structured document").format(
            format=source_format), path)
    document = reader(read_bytes(path), path, options)
    if not document.blocks:
        raise SourceError(_("no text found in the document"), path)
    return document


def _import_text(path: Path, meta: dict[str, str], options: ReadOptions) -> ImportResult:
    # Exact: paragraphs split on blank lines and nothing else (so ``show --to text`` gives the
    # file back), the final newlines kept apart, the structure read from the words.
    data = read_bytes(path)
    text, note = normalise_newlines(decode_text(data, path, options.encoding))
    notes = [f"{path}: {found}" for found in (byte_order_mark_note(data), note)
             if found is not None]
    check_xml_characters(text, path)
    fields, version_keys, old_keys = split_meta(meta)
    if old_keys:
        raise SourceError(_("old.* keys in --meta only apply with --bold-as-additions"), path)
    body_text, final_newlines = split_final_newlines(text)
    texts = body_text.split("\n\n")
    for number, paragraph in enumerate(texts, start=1):
        check_text_size(paragraph, path, _("paragraph {number}").format(number=number))
    blocks = structured_paragraphs(texts)
    stated, taken = with_defaults(body_fields(blocks), fields, options)
    notes.extend(f"{path}: {message}" for message in taken)
    metadata = resolve_metadata(stated, fields, path, options.meta_prefix)
    info = resolve_info(path, metadata, version_keys, title=None, act=None)
    info = replace(info, final_newlines=final_newlines)
    version = Version(info=info, metadata=metadata, body=blocks)
    return ImportResult(version=version, warnings=tuple(notes))


def version_from_source(
    document: SourceDocument, meta: dict[str, str], path: Path, *, meta_prefix: str = "",
    options: ReadOptions | None = None,
) -> ImportResult:
    """The shared step after any structured reader: title block, joins, formulas, ids; the
    facts the source does not state from `options`' defaults (`ReadOptions.defaults`)."""
    from amendtrack.importers.title_block import read_title_block

    fields, version_keys, old_keys = split_meta(meta)
    if old_keys:
        raise SourceError(_("old.* keys in --meta only apply with --bold-as-additions"), path)
    title = read_title_block(document.blocks)
    body, joins = join_page_breaks(document.blocks[title.blocks :])
    blocks = assign_ids(recognise_structure(body))
    _check_blocks(blocks, path)
    stated = body_fields(blocks)
    facts, taken = with_defaults(stated | title.fields(), fields, options)
    metadata = resolve_metadata(facts, fields, path, meta_prefix)
    act = None
    if version_keys.get("modifies") or title.modifies:
        act = ModifyingAct(date=metadata.seance, numero=metadata.numero, header=title.header)
    info = resolve_info(path, metadata, version_keys, title=title, act=act)
    warnings = (*document.warnings, *title.warnings, *taken, *joins)
    return ImportResult(Version(info=info, metadata=metadata, body=blocks), tuple(warnings),
                        notes=tuple(_took(title, stated)))


def _check_blocks(blocks: tuple[Block, ...], path: Path) -> None:
    for block in blocks:
        text = inline_text(block.content)
        where = _("paragraph « {start}… »").format(start=text[:30])
        check_xml_characters(text, path, where)
        check_text_size(text, path, where)


def _took(title: TitleBlock, stated: dict[str, str]) -> list[str]:
    """What the import read from the title block and from the text, said to the user."""
    notes: list[str] = []
    listed = [f"{name}={value}" for name, value in title.fields().items()]
    for name, value in (("modifies", title.modifies), ("modifies_numero", title.modifies_numero),
                        ("replaces", "true" if title.replaces else None)):
        if value:
            listed.append(f"{name}={value}")
    if listed:
        notes.append(_("from the title block: {facts}").format(facts="; ".join(listed)))
    words = [f"{name}={value}" for name, value in stated.items()
             if name in ("presidence", "assemblee") and name not in title.fields()]
    if words:
        notes.append(_("from the text: {facts}").format(facts="; ".join(words)))
    return notes


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
        raise SourceError(_("plain text has no bold: --bold-as-additions needs Markdown, ODT, "
                            "DOCX or HTML"), path)
    document = read_source(path, chosen, replace(options, edits_as_marks=True))
    return bold_import_from_source(document, meta, path, options=options)


def bold_import_from_source(
    document: SourceDocument, meta: dict[str, str], path: Path, *,
    options: ReadOptions | None = None,
) -> BoldImport:
    """The shared « rajout en gras » step after any structured reader (the facts the act does
    not state from `options`' defaults, `ReadOptions.defaults`)."""
    from amendtrack.importers.bold_additions import find_expose, render_addition, split_bold
    from amendtrack.importers.title_block import read_title_block

    fields, version_keys, old_keys = split_meta(meta)
    title = read_title_block(document.blocks)
    rest, joins = join_page_breaks(document.blocks[title.blocks :])
    expose_count, expose_notes = find_expose(rest)
    blocks = assign_ids(rest[expose_count:])
    _check_blocks(blocks, path)
    split = split_bold(blocks)
    if not split.additions and not split.deletions:
        raise SourceError(_("no bold text found after the title block and exposé"), path)
    # The structure is read on each side: « Article ~~2~~ **3** : » is an article of both.
    split = replace(split, old=_structured(split.old), new=_structured(split.new))
    expose_blocks = rest[:expose_count]
    stated = body_fields([*expose_blocks, *split.new])
    facts, taken = with_defaults(stated | title.fields(), fields, options)
    new_metadata = resolve_metadata(facts, fields, path)
    modifies = version_keys.get("modifies") or title.modifies
    if not modifies:
        raise SourceError(
            _("the title block does not say which deliberation this act modifies; give its "
              "date with --meta modifies=YYYY-MM-DD"),
            path,
        )
    act = ModifyingAct(date=new_metadata.seance, numero=new_metadata.numero,
                       expose=_joined_blocks(expose_blocks), header=title.header)
    new_info = resolve_info(path, new_metadata, version_keys, title=title, act=act)
    old_metadata = resolve_metadata(_old_facts(new_metadata, new_info), old_keys, path)
    old_info = resolve_info(
        path, old_metadata, {"deliberation": new_info.deliberation, "date": modifies},
        title=None, act=None,
    )
    warnings = (*document.warnings, *title.warnings, *taken, *joins, *expose_notes)
    return BoldImport(
        old=Version(info=old_info, metadata=old_metadata, body=split.old),
        new=Version(info=new_info, metadata=new_metadata, body=split.new),
        additions=tuple(render_addition(addition) for addition in split.additions),
        warnings=tuple(warnings),
        deletions=tuple(render_addition(deletion) for deletion in split.deletions),
        notes=tuple(_took(title, stated)),
    )


def _joined_blocks(blocks: Sequence[SourceBlock]) -> Inline:
    """Blocks as one inline content, separated by an empty line (the exposé)."""
    spans: list[Span] = []
    for block in blocks:
        if spans:
            spans.append(Span(LINE_BREAK * 2))
        spans.extend(block.content)
    return normalise_inline(spans)


def _structured(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Blocks as the shared step would make them from their text: structure and ids."""
    lists: dict[str | None, int] = {}
    sources = [SourceBlock(block.kind, block.content, block.level,
                           lists.setdefault(block.list_id, len(lists))
                           if block.kind is BlockKind.ITEM else None)
               for block in blocks]
    return assign_ids(recognise_structure(sources))


def _old_facts(new: Metadata, info: VersionInfo) -> dict[str, str]:
    # What NEW says about the deliberation as a whole also holds for OLD; what it says about
    # the séance of the act (numero, secretaire, vote, …) does not. The numéro of the
    # deliberation modified is OLD's numéro, when the act states it.
    shared = ("collectivite", "objet", "siren", "siret", "assemblee", "actes_nature",
              "actes_matiere", "actes_matiere_nom")
    flat = metadata_fields(new)
    old = {name: flat[name] for name in shared if name in flat}
    old["seance"] = info.modifies or ""
    if info.modifies_numero:
        old["numero"] = info.modifies_numero
    return old
