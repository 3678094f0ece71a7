"""One change summary: the terminal, HTML, Markdown and ODT renderers and ``store log`` all
report the same counts for the same amendment, those of `amendtrack.diffing.summary`."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

import amendtrack
from amendtrack import version_xml
from amendtrack.diffing.summary import change_summary, summarise
from amendtrack.model import Metadata, Version
from amendtrack.store.repository import Store, init_store
from tests.store.test_repository import make_version

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "aulnoy-ctg-caf"

OLD_TEXT = """Le conseil municipal, après en avoir délibéré,

Article 1 : le tarif de la cantine scolaire pour les élèves des écoles maternelles et
élémentaires de la commune est fixé à 3 euros.

Article 2 : la présente délibération entre en vigueur le 1er janvier.

Article 3 : le maire est chargé de son exécution.

Article 4 : un recours est possible devant le tribunal administratif de Lille."""
NEW_TEXT = """Le conseil municipal, après en avoir délibéré,

Article 1 : le tarif de la cantine scolaire pour les élèves des écoles maternelles et
élémentaires de la commune est fixé à 3,50 euros par repas.

Article 3 : le maire est chargé de son exécution.

Article 2 : la présente délibération entre en vigueur le 1er janvier.

Article 5 : une copie est adressée au préfet du Nord."""


def _pair() -> tuple[Version, Version]:
    old = make_version("cantine", "2023-01-10", OLD_TEXT)
    new = make_version("cantine", "2023-06-20", NEW_TEXT, numero="2023-41")
    metadata: Metadata = replace(new.metadata, numero="2023-41", seance="2023-06-20")
    return old, replace(new, metadata=metadata)


def _from_terminal(old: Version, new: Version, amendment: amendtrack.Amendment) -> str:
    return amendtrack.render(amendment, old, new, to="terminal").decode("utf-8")


def _from_html(old: Version, new: Version, amendment: amendtrack.Amendment) -> str:
    return html.unescape(amendtrack.render(amendment, old, new, to="html").decode("utf-8"))


def _from_markdown(old: Version, new: Version, amendment: amendtrack.Amendment) -> str:
    text = amendtrack.render(amendment, old, new, to="markdown").decode("utf-8")
    return re.sub(r"\\(.)", r"\1", text)


def _from_odt(old: Version, new: Version, amendment: amendtrack.Amendment) -> str:
    data = amendtrack.render(amendment, old, new, to="odt")
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    root = etree.fromstring(content)
    return "\n".join("".join(paragraph.itertext()) for paragraph in root.iter(
        "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"))


def _summary_line(text: str) -> str:
    found = re.findall(r"Résumé : ([^\n<*]+)", text)
    assert len(found) == 1, text[-2000:]
    return found[0].strip()


@pytest.mark.parametrize("pair", ["constructed", "aulnoy"])
@pytest.mark.parametrize("reader", [_from_terminal, _from_html, _from_markdown, _from_odt],
                         ids=["terminal", "html", "markdown", "odt"])
def test_every_renderer_reports_the_same_summary(pair: str, reader: object) -> None:
    if pair == "aulnoy":
        old = version_xml.load(SAMPLE / "2022-02-02.xml")
        new = version_xml.load(SAMPLE / "2022-12-07.xml")
    else:
        old, new = _pair()
    amendment = amendtrack.diff(old, new)
    assert callable(reader)
    assert _summary_line(reader(old, new, amendment)) == change_summary(amendment)


def test_the_constructed_pair_has_every_kind_of_change() -> None:
    old, new = _pair()
    amendment = amendtrack.diff(old, new)
    counts = summarise(amendment)
    assert counts.modified and counts.inserted and counts.deleted and counts.moved
    assert "métadonnées modifiées : " in change_summary(amendment)


def test_store_log_reports_the_same_summary(tmp_path: Path) -> None:
    old, new = _pair()
    store = Store.open(init_store(tmp_path / "store"))
    store.add(old)
    store.add(new)
    result = subprocess.run(
        [sys.executable, "-m", "amendtrack", "log", "cantine", "--store", str(store.root)],
        capture_output=True, text=True, check=True,
    )
    last = result.stdout.splitlines()[-1]
    assert last.endswith("  " + change_summary(amendtrack.diff(old, new))), last


def test_every_metadata_field_has_a_french_label() -> None:
    from amendtrack.diffing import summary
    from amendtrack.model.fields import METADATA_FIELD_NAMES

    missing = [name for name in METADATA_FIELD_NAMES if name not in summary._FIELD_LABELS]
    assert not missing, f"fields the summary would name by their key: {missing}"
