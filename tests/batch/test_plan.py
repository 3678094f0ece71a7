"""Planning: the pairs of a store or a folder, in output order, with selection and problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from amendtrack.batch.plan import Pair, PlanProblem, Selection, Source, plan
from amendtrack.errors import InputError, StoreError, UsageError
from amendtrack.store.history import sha256_of
from tests.batch.conftest import DELIBERATIONS


def pairs_of(items: list[Pair | PlanProblem]) -> list[Pair]:
    return [item for item in items if isinstance(item, Pair)]


def test_store_pairs_every_consecutive_version_in_order(registry: Path) -> None:
    items = plan(Source.locate(registry, None), Selection())
    pairs = pairs_of(items)
    assert len(items) == len(pairs) == 2 * DELIBERATIONS
    assert [pair.label for pair in pairs[:3]] == [
        "delib-00000@1 → delib-00000@2", "delib-00000@2 → delib-00000@3",
        "delib-00001@1 → delib-00001@2"]
    for pair in pairs:
        assert pair.new.number == pair.old.number + 1
        assert pair.old.date < pair.new.date
        for ref in (pair.old, pair.new):
            assert sha256_of((registry / ref.file).read_bytes()) == ref.hash


def test_selection_by_deliberation_and_date(registry: Path) -> None:
    source = Source.locate(registry, None)
    chosen = pairs_of(plan(source, Selection(frozenset({"delib-00003", "delib-00007"}))))
    assert {pair.deliberation for pair in chosen} == {"delib-00003", "delib-00007"}
    assert len(chosen) == 4
    every = pairs_of(plan(source, Selection()))
    cut = sorted(pair.new.date for pair in every)[len(every) // 2]
    recent = pairs_of(plan(source, Selection(since=cut)))
    assert recent == [pair for pair in every if pair.new.date >= cut]
    assert 0 < len(recent) < len(every)


def test_unknown_deliberation_and_bad_date_are_usage_errors(registry: Path) -> None:
    source = Source.locate(registry, None)
    with pytest.raises(UsageError, match="no deliberation 'delib-99999'"):
        plan(source, Selection(frozenset({"delib-99999"})))
    with pytest.raises(UsageError, match="--since takes a date YYYY-MM-DD"):
        Selection(since="07/12/2022")


def test_an_unreadable_history_is_a_problem_in_its_place(registry: Path) -> None:
    (registry / "delib-00004" / "history.jsonl").write_text("not json\n", encoding="utf-8")
    items = plan(Source.locate(registry, None), Selection())
    problems = [item for item in items if isinstance(item, PlanProblem)]
    assert len(problems) == 1 and len(items) == 2 * DELIBERATIONS - 1
    assert problems[0].file == "delib-00004/history.jsonl"
    assert problems[0].deliberation == "delib-00004"
    assert "line 1" in problems[0].message and problems[0].exit_code == 1
    assert items.index(problems[0]) == 8  # after the pairs of delib-00000 … delib-00003


def test_folder_groups_by_deliberation_and_orders_by_date(registry: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    names = {}
    for number, version_file in enumerate(sorted(registry.glob("delib-0000[0-2]/*.xml"))):
        # Names that do not sort by date, some in a subfolder.
        target = folder / ("sub" if number % 2 else "") / f"{(7 * number) % 9}-{number}.xml"
        shutil.copyfile(version_file, target)
        names[target.relative_to(folder).as_posix()] = version_file
    (folder / ".hidden.xml").write_text("<broken", encoding="utf-8")
    (folder / "notes.txt").write_text("not a version", encoding="utf-8")
    (folder / "broken.xml").write_text("<deliberation><oops></deliberation>", encoding="utf-8")
    acts = folder / "acts"
    acts.mkdir()
    shutil.copyfile(next(iter(names.values())), acts / "copy.xml")
    items = plan(Source.locate(folder, None), Selection(), exclude=[acts])
    pairs = pairs_of(items)
    assert [pair.deliberation for pair in pairs] == ["delib-00000"] * 2 + ["delib-00001"] * 2 + [
        "delib-00002"] * 2
    for pair in pairs:
        assert names[pair.old.file].parent.name == pair.deliberation
        assert names[pair.old.file].name == pair.old.date + ".xml"
        assert pair.old.date < pair.new.date
    assert isinstance(items[-1], PlanProblem) and items[-1].file == "broken.xml"
    assert "not well-formed XML" in items[-1].message and items[-1].exit_code == 2
    assert len(items) == 7


def test_locate_a_store_a_folder_or_nothing(registry: Path, tmp_path: Path) -> None:
    assert Source.locate(registry, None).is_store
    assert Source.locate(None, registry) == Source(registry.resolve(), True)
    assert not Source.locate(tmp_path, None).is_store
    with pytest.raises(InputError, match="not a folder"):
        Source.locate(tmp_path / "missing", None)
    with pytest.raises(StoreError, match="no store here"):
        Source.locate(None, tmp_path)
