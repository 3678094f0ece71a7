"""The worker: versions read by content hash, every failure a record, acts written whole."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from amendtrack.batch import work
from amendtrack.batch.plan import Pair, Selection, Source, plan
from amendtrack.batch.records import ActRequest, pair_key
from amendtrack.batch.work import Chunk, run_chunk, tool_version
from amendtrack.diffing import amendment_json
from amendtrack.diffing.amendments import apply, diff
from amendtrack.rendering.registry import PluginInfo, Registry
from amendtrack.store import Store
from tests.batch.conftest import renderer_source


def chunk_of(registry: Path, acts: ActRequest | None = None, count: int = 4) -> Chunk:
    acts = acts or ActRequest()
    pairs = [item for item in plan(Source.locate(registry, None), Selection())
             if isinstance(item, Pair)][:count]
    tool = tool_version()
    return Chunk(str(registry), True, tool, acts,
                 tuple((pair_key(pair, tool, acts), pair) for pair in pairs))


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    work._versions.clear()


def test_records_hold_the_exact_amendment_of_each_pair(registry: Path) -> None:
    chunk = chunk_of(registry)
    result = run_chunk(chunk)
    assert result.tool == tool_version() and result.peak_memory > 0
    store = Store.open(registry)
    for (key, pair), outcome in zip(chunk.pairs, result.outcomes, strict=True):
        assert outcome.key == key and outcome.failure is None
        record = json.loads(outcome.line)
        history = store.history(pair.deliberation)
        old = store.load(pair.deliberation, history.entries[pair.old.number - 1])
        new = store.load(pair.deliberation, history.entries[pair.new.number - 1])
        amendment = amendment_json.loads(json.dumps(record["amendment"]).encode())
        assert amendment == diff(old, new)
        assert apply(amendment, old) == new
        assert record["counts"]["words_inserted"] > 0
        assert record["status"] == "ok" and record["old"]["hash"] == pair.old.hash


def test_a_bad_file_fails_its_pairs_only(registry: Path) -> None:
    chunk = chunk_of(registry)
    broken = chunk.pairs[1][1].new  # delib-00000@3
    (registry / broken.file).write_bytes(b"<deliberation>")
    outcomes = run_chunk(chunk).outcomes
    assert [outcome.failure is None for outcome in outcomes] == [True, False, True, True]
    record = json.loads(outcomes[1].line)
    assert record["status"] == "error"
    assert record["error"]["file"] == broken.file
    assert "edited since it was recorded" in record["error"]["message"]
    assert record["error"]["exit_code"] == 1
    assert outcomes[1].failure == (f"{broken.file}: version 3 was edited since it was recorded "
                                   "(its hash differs from the history); run `amendtrack "
                                   "verify` (delib-00000@2 → delib-00000@3)")


def test_bad_xml_in_a_folder_is_an_input_error(registry: Path) -> None:
    chunk = chunk_of(registry, count=1)
    key, pair = chunk.pairs[0]
    (registry / pair.new.file).write_bytes(b"<deliberation>")
    bad = replace(pair, new=replace(pair.new, hash=work.sha256_of(b"<deliberation>")))
    outcome = run_chunk(replace(chunk, is_store=False, pairs=((key, bad),))).outcomes[0]
    record = json.loads(outcome.line)
    assert record["error"]["exit_code"] == 2
    assert "not well-formed XML" in record["error"]["message"]


def test_versions_are_read_once_for_two_consecutive_pairs(registry: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from amendtrack.files import reading

    reads: list[Path] = []
    real = reading.read_bytes

    def counting(path: str | Path, **options: bool) -> bytes:
        if Path(path).suffix == ".xml":
            reads.append(Path(path))
        return real(path, **options)

    monkeypatch.setattr(reading, "read_bytes", counting)
    run_chunk(chunk_of(registry, count=2))  # delib-00000: @1→@2, @2→@3
    assert sorted(path.name for path in reads) == sorted(
        path.name for path in (registry / "delib-00000").glob("*.xml"))


BROKEN_PLUGIN = renderer_source("Broken", "broken", """
if job.new.info.deliberation == "delib-00001":
    raise RuntimeError("cannot draw this one")
stream.write(job.new.metadata.objet.encode())
""")


def test_acts_are_written_and_a_plugin_failure_fails_one_pair(
        registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fake_broken_plugin.py").write_text(BROKEN_PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugin = PluginInfo("broken", "fake_broken_plugin:Broken", "fake-broken", "1.0")
    monkeypatch.setattr(work, "_registry", lambda: Registry([plugin]))
    acts = ActRequest((("broken", "txt"),), str(tmp_path / "acts"))
    outcomes = run_chunk(chunk_of(registry, acts)).outcomes
    assert [outcome.failure is None for outcome in outcomes] == [True, True, False, False]
    assert "renderer plugin broken (from fake-broken): failed while rendering: RuntimeError: " \
           "cannot draw this one" in outcomes[2].failure
    assert json.loads(outcomes[2].line)["error"]["exit_code"] == 1
    first = json.loads(outcomes[0].line)
    assert [(act["renderer"], act["file"]) for act in first["acts"]] == [
        ("broken", "delib-00000/delib-00000@2.txt")]
    assert outcomes[0].noted and first["acts"][0]["notes"]
    written = tmp_path / "acts" / "delib-00000" / "delib-00000@2.txt"
    assert written.read_text(encoding="utf-8").startswith(("Tarifs", "Convention", "Attribution",
                                                           "Modification", "Acquisition",
                                                           "Règlement"))
    assert not (tmp_path / "acts" / "delib-00001").exists() or not any(
        (tmp_path / "acts" / "delib-00001").iterdir())


def test_chunks_results_and_the_diff_core_are_picklable(registry: Path) -> None:
    chunk = chunk_of(registry)
    assert pickle.loads(pickle.dumps(chunk)) == chunk
    result = run_chunk(chunk)
    assert pickle.loads(pickle.dumps(result)) == result
    store = Store.open(registry)
    history = store.history("delib-00000")
    old, new = (store.load("delib-00000", entry) for entry in history.entries[:2])
    amendment = diff(old, new)
    assert pickle.loads(pickle.dumps(amendment)) == amendment
    assert pickle.loads(pickle.dumps(old)) == old
    # Pure: the same inputs give the same amendment, and the inputs are untouched.
    assert diff(pickle.loads(pickle.dumps(old)), new) == amendment
    assert len(pickle.dumps(chunk)) < 4096  # names and hashes, never a version


def test_a_store_version_that_is_a_link_is_a_failed_pair(registry: Path, tmp_path: Path) -> None:
    # The same bytes (so the same hash), but through a link out of the store: a store reads
    # only itself.
    newest = sorted((registry / "delib-00000").glob("*.xml"))[-1]
    outside = tmp_path / "outside.xml"
    outside.write_bytes(newest.read_bytes())
    newest.unlink()
    newest.symlink_to(outside)
    outcomes = run_chunk(chunk_of(registry)).outcomes
    assert [outcome.failure is None for outcome in outcomes] == [True, False, True, True]
    failed = json.loads(outcomes[1].line)
    assert failed["status"] == "error" and failed["error"]["exit_code"] == 2
    assert failed["error"]["file"] == f"delib-00000/{newest.name}"
