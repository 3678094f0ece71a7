"""Source documents → versions: one module per source format, one typed table of readers.

`amendtrack.importers.importing` is the pipeline: the format is chosen from the typed table
`amendtrack.importers.formats`; a reader (`text`, `markdown`, `odt`, `docx`, `html`) turns the
file into a `SourceDocument` (`amendtrack.importers.source`, built with
`amendtrack.importers.builder`); then the title block becomes metadata
(`amendtrack.importers.title_block`, `amendtrack.importers.meta`), and page-break joins,
formulas and block ids are settled (`amendtrack.importers.body`).
`amendtrack.importers.bold_additions` reads a « rajout en gras » act into both versions;
`amendtrack.importers.packages` opens ODT and DOCX packages safely.
"""
