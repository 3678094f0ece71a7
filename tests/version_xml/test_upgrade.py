"""Format-1 files, read and upgraded: the committed samples of format 1 and a user's store.

tests/data/format1-store is the samples store as it was committed in format 1 (the two Aulnoy
versions and their hash-chained history). A store of format-1 files is never rewritten: it
verifies as it is, its versions are read upgraded, diffed with format-2 versions, and a new
version is added after them with the chain going on.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.errors import StoreError
from amendtrack.importers.text import version_text
from amendtrack.model import BlockKind, BlockOpKind
from amendtrack.store.history import History, format_history
from amendtrack.store.repository import Store, init_store

ROOT = Path(__file__).resolve().parents[2]
FORMAT1 = ROOT / "tests" / "data" / "format1-store"
SAMPLES = ROOT / "samples" / "aulnoy-ctg-caf"

TEXT_FORMAT1 = b"""<?xml version='1.0' encoding='UTF-8'?>
<deliberation xmlns="urn:amendtrack:deliberation:1" format-version="1">
  <version deliberation="tarifs" date="2021-10-14"/>
  <metadata>
    <collectivite>Commune de Saint-Essai</collectivite>
    <seance>2021-10-14</seance>
    <objet>Tarifs</objet>
  </metadata>
  <body>
    <p id="p1">Vu le code g\xc3\xa9n\xc3\xa9ral des collectivit\xc3\xa9s territoriales ;</p>
    <p id="p2">D\xc3\x89CIDE :</p>
    <p id="p3">Article 1er : Le tarif est fix\xc3\xa9 \xc3\xa0 3 euros.<br/></p>
  </body>
</deliberation>
"""
"""What format 1 made of a text file ending with a newline: it ended the last alinéa."""


def amendtrack(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "amendtrack", *map(str, arguments)],
                          capture_output=True, text=True, check=False, cwd=ROOT)


def test_the_format1_samples_are_read_and_upgraded() -> None:
    old = version_xml.load(FORMAT1 / "aulnoy-ctg-caf" / "2022-02-02.xml")
    new = version_xml.load(FORMAT1 / "aulnoy-ctg-caf" / "2022-12-07.xml")
    current_old = version_xml.load(SAMPLES / "2022-02-02.xml")
    current_new = version_xml.load(SAMPLES / "2022-12-07.xml")
    # The same blocks, ids and text as a format-2 import of the act; the facts format 1 had.
    assert [(b.id, b.kind, b.text) for b in new.body] == [
        (b.id, b.kind, b.text) for b in current_new.body]
    assert [(b.id, b.kind, b.text) for b in old.body] == [
        (b.id, b.kind, b.text) for b in current_old.body]
    assert new.metadata.vote == current_new.metadata.vote
    assert new.metadata.presidence is None  # format 1 had no such fact: nothing is guessed
    assert version_xml.serialise(new).startswith(
        b"<?xml version='1.0' encoding='UTF-8'?>\n<deliberation xmlns=\"urn:amendtrack:deliberation:2\"")


def test_a_format1_text_keeps_its_bytes_and_gains_its_structure(tmp_path: Path) -> None:
    path = tmp_path / "tarifs.xml"
    path.write_bytes(TEXT_FORMAT1)
    version = version_xml.load(path)
    assert [block.kind for block in version.body] == [
        BlockKind.VISA, BlockKind.DECISION, BlockKind.ARTICLE]
    assert [block.id for block in version.body] == ["p1", "p2", "p3"]  # ids kept
    assert version.body[-1].text.endswith("3 euros.")  # the newline is the end of the file
    assert version.info.final_newlines == 1
    shown = amendtrack("show", path, "--to", "text")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == ("Vu le code général des collectivités territoriales ;\n\n"
                            "DÉCIDE :\n\nArticle 1er : Le tarif est fixé à 3 euros.\n")
    again = version_xml.parse_bytes(version_xml.checked_bytes(version))
    assert again == version


def _format1_store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    shutil.copytree(FORMAT1, store)
    return store


def test_a_format1_store_verifies_and_reads(tmp_path: Path) -> None:
    store = _format1_store(tmp_path)
    verified = amendtrack("verify", "--store", store, "--deep")
    assert verified.returncode == 0, verified.stderr + verified.stdout
    logged = amendtrack("log", "aulnoy-ctg-caf", "--store", store)
    assert logged.returncode == 0 and "paragraphe modifié" in logged.stdout, logged.stderr
    shown = amendtrack("show", "aulnoy-ctg-caf@2", "--store", store, "--to", "xml")
    assert 'format-version="2"' in shown.stdout  # read upgraded; the file is left as it is
    stored = FORMAT1 / "aulnoy-ctg-caf" / "2022-12-07.xml"
    assert (store / "aulnoy-ctg-caf" / "2022-12-07.xml").read_bytes() == stored.read_bytes()


def test_format1_and_format2_versions_diff_on_the_structure(tmp_path: Path) -> None:
    old = Store.open(_format1_store(tmp_path)).load(
        "aulnoy-ctg-caf", Store.open(tmp_path / "store").history("aulnoy-ctg-caf").entries[0])
    new = version_xml.load(SAMPLES / "2022-12-07.xml")  # format 2
    changed = [op for op in diff(old, new).blocks if op.kind is not BlockOpKind.KEEP]
    assert [op.kind for op in changed] == [BlockOpKind.MODIFY]  # the one addition, nothing else


def test_adding_after_format1_versions_continues_the_chain(tmp_path: Path) -> None:
    store_dir = _format1_store(tmp_path)
    store = Store.open(store_dir)
    latest = store.history("aulnoy-ctg-caf").entries[-1]
    same = store.load("aulnoy-ctg-caf", latest)
    with pytest.raises(StoreError, match="identical to the latest one"):
        store.add(same)  # the same version, though its bytes would now be format 2
    from dataclasses import replace

    later = replace(same, info=replace(same.info, date="2023-01-05"))
    entry = store.add(later)
    assert entry.number == 3 and entry.hash == version_xml.content_hash(later)
    verified = amendtrack("verify", "--store", store_dir)
    assert verified.returncode == 0, verified.stderr + verified.stdout
    history = (store_dir / "aulnoy-ctg-caf" / "history.jsonl").read_text(encoding="utf-8")
    kept = (FORMAT1 / "aulnoy-ctg-caf" / "history.jsonl").read_text(encoding="utf-8")
    assert history.startswith(kept)  # the format-1 entries are as they were


def test_a_format1_text_in_a_store(tmp_path: Path) -> None:
    root = init_store(tmp_path / "store")
    folder = root / "tarifs"
    folder.mkdir()
    (folder / "2021-10-14.xml").write_bytes(TEXT_FORMAT1)
    version = version_xml.parse_bytes(TEXT_FORMAT1)
    entry = History("tarifs").next_entry(version, "sha256:" + hashlib.sha256(
        TEXT_FORMAT1).hexdigest())
    (folder / "history.jsonl").write_bytes(format_history(History("tarifs", (entry,))))
    verified = amendtrack("verify", "--store", root, "--deep")
    assert verified.returncode == 0, verified.stderr + verified.stdout
    loaded = Store.open(root).load("tarifs", entry)
    assert version_text(loaded).endswith("3 euros.\n")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="ab é\n’«»", max_size=10), min_size=1, max_size=6))
def test_a_format1_text_upgrades_to_the_same_text(paragraphs: list[str]) -> None:
    # What format 1 made of a text: its paragraphs as they were, final newlines included.
    text = "\n\n".join(paragraphs)
    from amendtrack.importers.text import version_from_text
    from amendtrack.model import Metadata, VersionInfo

    version = version_from_text(text, Metadata("X", "2021-10-14", "O"),
                                VersionInfo("texte", "2021-10-14"))
    format2 = version_xml.serialise(version)
    format1 = format2.replace(b"urn:amendtrack:deliberation:2", b"urn:amendtrack:deliberation:1"
                              ).replace(b'format-version="2"', b'format-version="1"')
    upgraded = version_xml.parse_bytes(format1)
    assert version_text(upgraded) == text
    assert [block.id for block in upgraded.body] == [
        block.id for block in version.body][: len(upgraded.body)]
    assert not upgraded.body[-1].text.endswith("\n")
    assert version_xml.parse_bytes(version_xml.serialise(upgraded)) == upgraded
