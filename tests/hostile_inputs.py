"""Builders of the inputs the hostile-input suite and the fuzz targets start from.

Small sound documents of every format (version XML, amendment JSON, Markdown, HTML, ODT, DOCX)
and a store, each with a hook to put a hostile piece in. Big hostile files are built here at run
time, never committed.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from amendtrack import version_xml
from amendtrack.diffing import amendment_json as json_form
from amendtrack.diffing.amendments import diff
from amendtrack.store.repository import Store, init_store
from tests.importers.test_docx import W_NS, docx_bytes
from tests.importers.test_odt import odt_bytes
from tests.importers.test_packages import rezip
from tests.version_xml.test_version_xml import MINIMAL

__all__ = ["MINIMAL", "W_NS", "rezip"]

SECOND = MINIMAL.replace(  # a later version that says which one it modifies
    b'date="2022-02-02"', b'date="2022-03-03" modifies="2022-02-02"').replace(
    b"<seance>2022-02-02</seance>", b"<seance>2022-03-03</seance>"
).replace(b"suite", b"fin")
TITLE_ODT = ("<text:p>Ville d'Essai</text:p><text:p>Séance du 2 février 2022</text:p>"
             "<text:p>Objet : essai</text:p>")


def write(path: Path, data: bytes | str) -> Path:
    """Write `data` (UTF-8 for text) to `path` and return it."""
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def odt_with_content(body: str) -> bytes:
    """An ODT whose body is `body` (after a title block, so that it imports without --meta)."""
    return odt_bytes(TITLE_ODT + body)


def odt_with_styles(body: str, styles: str) -> bytes:
    """An ODT with common styles."""
    return odt_bytes(TITLE_ODT + body, styles=f"<office:styles>{styles}</office:styles>")


def docx_with_document(document: bytes) -> bytes:
    """A DOCX whose main part is `document` (bytes, any encoding)."""
    return rezip(docx_bytes("<w:p/>"), replace={"word/document.xml": document})


def docx_with_styles(body: str, styles: str) -> bytes:
    """A DOCX with extra styles."""
    return docx_bytes(body, styles)


def html_page(body: bytes, head: bytes = b"") -> bytes:
    """An HTML page around `body`."""
    return (b"<!DOCTYPE html><html><head>" + head + b"</head><body>"
            b"<p>Ville d'Essai</p><p>S\xc3\xa9ance du 2 f\xc3\xa9vrier 2022</p>"
            b"<p>Objet : essai</p>" + body + b"</body></html>")


SAMPLE_ACT = Path(__file__).resolve().parents[1] / "samples" / "aulnoy-ctg-caf" / "acte-07.12.13.md"


def act_markdown() -> bytes:
    """A real « rajout en gras » act in Markdown (the Aulnoy sample)."""
    return SAMPLE_ACT.read_bytes()


def second_with_act_facts() -> bytes:
    """SECOND in format 2 with the facts the act names (so that `amend` has nothing to warn)."""
    second = version_xml.parse_bytes(SECOND)
    metadata = replace(second.metadata, assemblee="conseil municipal",
                       presidence="Madame la Maire")
    return version_xml.serialise(replace(second, metadata=metadata))


def amendment_json() -> bytes:
    """The JSON amendment from MINIMAL to SECOND."""
    old, new = version_xml.parse_bytes(MINIMAL), version_xml.parse_bytes(SECOND)
    return json_form.dumps(diff(old, new))


def store_with_two_versions(root: Path) -> Path:
    """A store at `root` holding essai@1 (MINIMAL) and essai@2 (SECOND)."""
    store = Store.open(init_store(root))
    store.add(version_xml.parse_bytes(MINIMAL))
    store.add(version_xml.parse_bytes(SECOND))
    return root


def history_lines(store: Path) -> list[dict[str, object]]:
    """The JSON lines of essai's history."""
    return [json.loads(line) for line in (store / "essai" / "history.jsonl").read_text().splitlines()]


_COMMON_WORDS = (
    "le", "la", "les", "de", "des", "du", "conseil", "municipal", "commune", "délibération",
    "article", "alinéa", "budget", "subvention", "association", "convention", "territoriale",
    "globale", "caisse", "allocations", "familiales", "enfance", "jeunesse", "parentalité",
    "montant", "euros", "année", "exercice", "vote", "unanimité", "président", "séance",
    "rapport",
)


def forty_thousand_paragraphs(work: Path) -> None:
    """old.xml and new.xml in `work`: 40,000 paragraphs of few distinct words, 1,100 rewritten.

    The hard case of issue 11 for pairing moved blocks (104 s and 750 MB before the budget).
    """
    import random

    from amendtrack.model import Block, BlockKind, Metadata, Version, VersionInfo, plain

    chance = random.Random(20221207)

    def paragraph(number: int) -> str:
        words = [chance.choice(_COMMON_WORDS) for _ in range(chance.randint(8, 40))]
        return " ".join(words) + f" {number}."

    old = [paragraph(number) for number in range(40_000)]
    new = list(old)
    for number in chance.sample(range(40_000), 1_100):
        new[number] = " ".join(chance.choice(_COMMON_WORDS) for _ in range(30))

    def version(texts: list[str], date: str) -> Version:
        body = tuple(Block(f"p{k}", BlockKind.PARAGRAPH, plain(text))
                     for k, text in enumerate(texts, 1))
        return Version(VersionInfo("code", date),
                       Metadata(collectivite="Ville d'Essai", seance=date, objet="Code"), body)

    version_xml.save(version(old, "2022-01-01"), work / "old.xml")
    version_xml.save(version(new, "2022-02-01"), work / "new.xml")
