"""The store reads only itself, never guesses at a damaged note, and verifies read-only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from amendtrack.errors import IntegrityError, OutputError
from amendtrack.store.history import HISTORY_NAME, read_store_file
from amendtrack.store.recovery import PENDING_NAME, read_pending
from amendtrack.store.repository import Store, init_store
from amendtrack.store.revisions import parse_revision
from amendtrack.store.verify import ProblemKind, verify
from tests.store.test_repository import make_version


@pytest.fixture
def two(tmp_path: Path) -> Store:
    store = Store.open(init_store(tmp_path / "store"))
    store.add(make_version("voirie", "2022-01-01", "Premier."))
    store.add(make_version("voirie", "2022-02-02", "Second."))
    return store


def _rewrite_entry(store: Store, line: int, **changes: object) -> None:
    history = store.root / "voirie" / HISTORY_NAME
    lines = history.read_text().splitlines()
    entry = json.loads(lines[line])
    entry.update(changes)
    lines[line] = json.dumps(entry)
    history.write_text("\n".join(lines) + "\n")


def test_an_entry_naming_a_file_outside_is_refused_and_never_read(two: Store) -> None:
    outside = two.root.parent / "outside.xml"
    outside.write_bytes((two.root / "voirie" / "2022-02-02.xml").read_bytes())
    _rewrite_entry(two, 2, file="../../outside.xml")
    entry = two.history("voirie").entries[1]
    with pytest.raises(IntegrityError, match="not a version file of this folder"):
        two.load("voirie", entry)
    problems = verify(two).problems
    assert any("names '../../outside.xml'" in problem.detail for problem in problems)


def test_links_fifos_and_folders_in_the_store_are_refused(two: Store, tmp_path: Path) -> None:
    version = two.root / "voirie" / "2022-01-01.xml"
    version.unlink()
    (tmp_path / "elsewhere.xml").write_bytes(b"<x/>")
    version.symlink_to(tmp_path / "elsewhere.xml")
    with pytest.raises(IntegrityError, match="symbolic link"):
        read_store_file(version)
    version.unlink()
    os.mkfifo(version)
    with pytest.raises(IntegrityError, match="FIFO"):
        two.load("voirie", two.history("voirie").entries[0])
    problems = verify(two).problems
    assert [(p.kind, p.path.name) for p in problems] == [(ProblemKind.EDITED, "2022-01-01.xml")]
    assert read_store_file(two.root / "absent.xml") is None


def test_a_linked_deliberation_folder_is_not_read(two: Store, tmp_path: Path) -> None:
    (two.root / "autre").symlink_to(two.root / "voirie")
    with pytest.raises(IntegrityError, match="symbolic link"):
        two.history("autre")
    assert any(problem.kind is ProblemKind.EXTRA and problem.path.name == "autre"
               for problem in verify(two).problems)


@pytest.mark.parametrize("note", ["{}", "[1, 2]", "{", '{"deliberation": "voirie"}', "folder",
                                  '{"deliberation": "../x", "previous": "", '
                                  '"new_folder": false, "entry": {}}'])
def test_a_damaged_pending_note_is_one_error_and_a_verify_problem(two: Store, note: str) -> None:
    pending = two.root / PENDING_NAME
    if note == "folder":
        pending.mkdir()
    else:
        pending.write_text(note)
    with pytest.raises(IntegrityError, match="pending note of an interrupted add is damaged"):
        read_pending(two.root)
    with pytest.raises(IntegrityError, match="move it out of the store"):
        two.add(make_version("voirie", "2022-03-03", "Troisième."))
    report = verify(two)
    assert [problem.kind for problem in report.problems] == [ProblemKind.PENDING]
    assert len(two.history("voirie").entries) == 2


def test_history_numbers_and_nesting_are_bounded(two: Store) -> None:
    _rewrite_entry(two, 1, number=10 ** 40)
    with pytest.raises(IntegrityError, match="digits"):
        two.history("voirie")
    history = two.root / "voirie" / HISTORY_NAME
    history.write_text(history.read_text().splitlines()[0] + "\n" + "[" * 50_000 + "\n")
    with pytest.raises(IntegrityError, match="nested too deeply"):
        two.history("voirie")


def test_a_failed_write_during_recovery_is_one_output_error(two: Store,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            ) -> None:
    history = two.history("voirie")
    version = make_version("voirie", "2022-03-03", "Troisième.")
    entry = history.next_entry(version, "sha256:" + "0" * 64)
    from amendtrack.store.history import entry_json

    (two.root / PENDING_NAME).write_text(json.dumps({
        "deliberation": "voirie", "previous": history.head, "new_folder": False,
        "entry": entry_json(entry)}))

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "unlink", read_only)
    with pytest.raises(OutputError, match="cannot finish the interrupted add of voirie@3"):
        two.recover()
    report = verify(two)  # still checks everything, and says what it could not do
    assert [problem.kind for problem in report.problems] == [ProblemKind.PENDING]
    assert report.versions == 2


def test_revisions_name_real_days_and_bounded_numbers() -> None:
    from amendtrack.errors import StoreError

    assert parse_revision("voirie@2024-02-29") is not None
    for wrong in ("voirie@2099-13-45", "voirie@2023-02-29"):
        with pytest.raises(StoreError, match="is not a date"):
            parse_revision(wrong)
    with pytest.raises(StoreError, match="that many versions"):
        parse_revision("voirie@" + "9" * 5000)
