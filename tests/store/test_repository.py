"""The versioned store through its library API: add, history, revisions, verify, recovery."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from amendtrack import version_xml
from amendtrack.errors import IntegrityError, StoreError
from amendtrack.files.writing import temporary_for
from amendtrack.importers.text import version_from_text
from amendtrack.model import Metadata, ModifyingAct, Version, VersionInfo
from amendtrack.store.history import HISTORY_NAME, format_history, parse_history, sha256_of
from amendtrack.store.repository import MARKER_NAME, PENDING_NAME, Store, init_store
from amendtrack.store.revisions import parse_revision, resolve_revision, select
from amendtrack.store.verify import ProblemKind, verify

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
METADATA = Metadata(collectivite="Ville d’Aulnoy-lez-Valenciennes", seance="2022-02-02",
                    objet="Convention territoriale globale « CAF »")


def day(number: int) -> str:
    """An ISO date, `number` days after 2000-01-01."""
    return (datetime.date(2000, 1, 1) + datetime.timedelta(days=number)).isoformat()


def make_version(deliberation: str, date: str, text: str, numero: str | None = None) -> Version:
    """A small version whose body is `text` (paragraphs separated by blank lines)."""
    act = None if numero is None else ModifyingAct(date=date, numero=numero)
    info = VersionInfo(deliberation, date, modifies=None if act is None else "2000-01-01",
                       act=act)
    return version_from_text(text, METADATA, info)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty store."""
    return Store.open(init_store(tmp_path / "store"))


@pytest.fixture
def filled(store: Store) -> Store:
    """A store with two deliberations: ctg-caf (3 versions) and voirie (1)."""
    store.add(make_version("ctg-caf", "2022-02-02", "Premier alinéa.\n\nSecond alinéa."))
    store.add(make_version("ctg-caf", "2022-12-07", "Premier alinéa modifié.\n\nSecond alinéa.",
                           numero="07.12.13"))
    store.add(make_version("ctg-caf", "2023-03-01", "Second alinéa.\n\nPremier alinéa modifié.",
                           numero="01.03.23"))
    store.add(make_version("voirie", "2021-05-04", "Travaux de voirie, rue d’Aulnoy."))
    return store


def visible_files(root: Path) -> set[str]:
    """Every file and folder under `root` whose name does not start with a dot."""
    return {
        str(path.relative_to(root)) for path in root.rglob("*")
        if not any(part.startswith(".") for part in path.relative_to(root).parts)
    }


# --- adding -----------------------------------------------------------------------------------


def test_init_refuses_an_existing_store(store: Store) -> None:
    with pytest.raises(StoreError, match="already exists"):
        init_store(store.root)
    assert json.loads((store.root / MARKER_NAME).read_text()) == {
        "format": "amendtrack-store", "version": 1,
    }


def test_open_without_a_store_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here") as raised:
        Store.open(tmp_path)
    assert raised.value.path == str(tmp_path)


def test_add_writes_the_canonical_file_and_a_chained_history(filled: Store) -> None:
    folder = filled.root / "ctg-caf"
    assert visible_files(filled.root) == {
        MARKER_NAME, "ctg-caf", "voirie", "voirie/history.jsonl", "voirie/2021-05-04.xml",
        "ctg-caf/history.jsonl", "ctg-caf/2022-02-02.xml", "ctg-caf/2022-12-07.xml",
        "ctg-caf/2023-03-01.xml",
    }
    history = filled.history("ctg-caf")
    assert [entry.number for entry in history.entries] == [1, 2, 3]
    assert [entry.act_numero for entry in history.entries] == [None, "07.12.13", "01.03.23"]
    second = folder / "2022-12-07.xml"
    version = version_xml.load(second)
    assert version_xml.serialise(version) == second.read_bytes()
    assert history.entries[1].hash == version_xml.content_hash(version) == sha256_of(
        second.read_bytes())
    # deterministic: the same history gives the same bytes
    data = (folder / HISTORY_NAME).read_bytes()
    assert format_history(parse_history(data, "h")) == data
    assert len({entry.chain for entry in history.entries}) == 3


def test_add_refuses_identical_and_earlier_versions(filled: Store) -> None:
    before = (filled.root / "ctg-caf" / HISTORY_NAME).read_bytes()
    latest = filled.load("ctg-caf", filled.history("ctg-caf").entries[-1])
    with pytest.raises(StoreError, match=r"identical to the latest one \(ctg-caf@3\)"):
        filled.add(latest)
    with pytest.raises(StoreError, match=r"dated 2022-06-01, before the latest one"):
        filled.add(make_version("ctg-caf", "2022-06-01", "Autre texte."))
    assert (filled.root / "ctg-caf" / HISTORY_NAME).read_bytes() == before


def test_same_date_versions_get_numbered_file_names(store: Store) -> None:
    names = [store.add(make_version("essai", "2022-02-02", f"Texte {n}.")).file for n in range(3)]
    assert names == ["2022-02-02.xml", "2022-02-02.2.xml", "2022-02-02.3.xml"]
    assert verify(store).ok


def test_deliberation_option_stores_a_copy_under_the_new_id(filled: Store) -> None:
    original = filled.load("voirie", filled.history("voirie").entries[0])
    entry = filled.add(original, "voirie-copie")
    copy = filled.load("voirie-copie", entry)
    assert copy.info.deliberation == "voirie-copie"
    assert copy.body == original.body
    with pytest.raises(StoreError, match="not a deliberation id"):
        filled.add(original, "Voirie Copie")


def test_add_refuses_a_folder_that_is_not_a_deliberation(store: Store) -> None:
    (store.root / "notes").mkdir()
    (store.root / "notes" / "README.md").write_text("notes")
    with pytest.raises(StoreError, match="not a deliberation"):
        store.add(make_version("notes", "2022-02-02", "Texte."))


def test_add_refuses_a_date_with_a_time_zone(store: Store) -> None:
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        store.add(make_version("essai", "2022-02-02Z", "Texte."))


def test_a_failed_write_is_undone_at_once(store: Store, monkeypatch: pytest.MonkeyPatch,
                                         ) -> None:
    from amendtrack.errors import OutputError
    from amendtrack.store import repository as store_module

    store.add(make_version("essai", "2022-02-02", "Premier."))
    real_write = store_module.write_atomic

    def failing_write(path: Path, data: bytes, *, durable: bool = True,
                      follow_links: bool = True) -> None:
        if path.name == HISTORY_NAME:
            raise OSError(28, "No space left on device", str(path))
        real_write(path, data, durable=durable, follow_links=follow_links)

    monkeypatch.setattr(store_module, "write_atomic", failing_write)
    with pytest.raises(OutputError, match="No space left on device"):
        store.add(make_version("essai", "2022-03-03", "Second."))
    with pytest.raises(OutputError):
        store.add(make_version("neuve", "2022-03-03", "Nouvelle."))
    monkeypatch.undo()
    assert verify(store).recovered is None
    assert visible_files(store.root) == {
        MARKER_NAME, "essai", "essai/history.jsonl", "essai/2022-02-02.xml",
    }
    assert not list(store.root.rglob(".*"))


# --- revisions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "number"),
    [("ctg-caf@1", 1), ("ctg-caf@3", 3), ("ctg-caf@latest", 3), ("ctg-caf@latest~1", 2),
     ("ctg-caf@latest~2", 1), ("ctg-caf@2022-12-07", 2), ("ctg-caf@2022-12-06", 1),
     ("ctg-caf@2030-01-01", 3)],
)
def test_revisions_select_the_right_version(filled: Store, argument: str, number: int) -> None:
    revision = parse_revision(argument)
    assert revision is not None
    entry = select(filled.history("ctg-caf"), revision)
    assert entry.number == number
    version = resolve_revision(argument, filled.root)
    assert version is not None
    assert version_xml.serialise(version) == filled.path("ctg-caf", entry).read_bytes()


@pytest.mark.parametrize(
    ("argument", "problem"),
    [("ctg-caf@0", "versions @1 to @3"), ("ctg-caf@4", "versions @1 to @3"),
     ("ctg-caf@latest~3", "only 3 version"), ("ctg-caf@2021-01-01", "first version"),
     ("ctg-caf@hier", "not a file, nor a revision"), ("inconnue@1", "no deliberation")],
)
def test_bad_revisions_are_refused_clearly(filled: Store, argument: str, problem: str) -> None:
    with pytest.raises(StoreError, match=problem):
        resolve_revision(argument, filled.root)


def test_a_file_is_not_a_revision(filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  ) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ctg-caf@1").write_text("a file")
    assert resolve_revision("ctg-caf@1", filled.root) is None
    assert resolve_revision("v1.xml", filled.root) is None


def test_revisions_use_the_environment_store(filled: Store, monkeypatch: pytest.MonkeyPatch,
                                             ) -> None:
    monkeypatch.setenv("AMENDTRACK_STORE", str(filled.root))
    version = resolve_revision("voirie@latest", None)
    assert version is not None and version.info.date == "2021-05-04"


def test_loading_an_edited_version_fails(filled: Store) -> None:
    path = filled.root / "voirie" / "2021-05-04.xml"
    path.write_bytes(path.read_bytes().replace(b"Travaux", b"Travail"))
    with pytest.raises(IntegrityError, match="edited since it was recorded"):
        resolve_revision("voirie@1", filled.root)


# --- verify -----------------------------------------------------------------------------------


def test_verify_passes_on_a_good_store(filled: Store) -> None:
    report = verify(filled, deep=True)
    assert report.ok, report.problems
    assert (report.deliberations, report.versions) == (2, 4)


def test_verify_names_a_one_byte_change_in_any_version_file(filled: Store) -> None:
    files = sorted(filled.root.glob("*/*.xml"))
    assert len(files) == 4
    for path in files:
        original = path.read_bytes()
        for offset in (0, len(original) // 2, len(original) - 1):
            changed = bytearray(original)
            changed[offset] ^= 0x01
            path.write_bytes(bytes(changed))
            problems = verify(filled).problems
            assert [(p.kind, p.path) for p in problems] == [(ProblemKind.EDITED, path)]
        path.write_bytes(original)
    assert verify(filled).ok


def test_verify_names_a_removed_file(filled: Store) -> None:
    path = filled.root / "ctg-caf" / "2022-12-07.xml"
    path.unlink()
    problems = verify(filled).problems
    assert [(p.kind, p.path) for p in problems] == [(ProblemKind.MISSING, path)]


def test_verify_names_an_added_file(filled: Store) -> None:
    added = filled.root / "ctg-caf" / "2024-01-01.xml"
    shutil.copy(filled.root / "ctg-caf" / "2022-12-07.xml", added)
    other = filled.root / "voirie" / "2020-01-01.xml"
    other.write_text("<not-a-version/>")
    (filled.root / "voirie" / "README.md").write_text("Documentation is allowed.")
    problems = verify(filled).problems
    assert [(p.kind, p.path) for p in problems] == [
        (ProblemKind.EXTRA, added), (ProblemKind.EXTRA, other),
    ]


def test_verify_names_a_removed_history(filled: Store) -> None:
    (filled.root / "voirie" / HISTORY_NAME).unlink()
    problems = verify(filled).problems
    assert [(p.kind, p.path) for p in problems] == [
        (ProblemKind.MISSING, filled.root / "voirie" / HISTORY_NAME),
    ]


def test_verify_detects_an_edited_history(filled: Store) -> None:
    path = filled.root / "ctg-caf" / HISTORY_NAME
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("07.12.13", "07.12.14"), encoding="utf-8")
    problems = verify(filled).problems
    assert [(p.kind, p.path) for p in problems] == [(ProblemKind.HISTORY, path)]
    assert "@2: the chain is broken" in problems[0].detail
    lines = original.splitlines(keepends=True)
    path.write_text(lines[0] + lines[1] + lines[3], encoding="utf-8")  # entry 2 dropped
    kinds = {p.kind for p in verify(filled).problems}
    assert kinds == {ProblemKind.HISTORY, ProblemKind.EXTRA}


def test_deep_verify_reads_every_version(filled: Store) -> None:
    # A version file and its history entry both rewritten consistently except for the id:
    # the hash check passes, only the deep check sees it.
    folder = filled.root / "voirie"
    history = filled.history("voirie")
    version = filled.load("voirie", history.entries[0])
    forged = version_xml.serialise(make_version("autre", version.info.date, "Travaux."))
    (folder / "2021-05-04.xml").write_bytes(forged)
    from amendtrack.store.history import History, with_chain

    entry = with_chain(
        type(history.entries[0])(1, "2021-05-04", "2021-05-04.xml", sha256_of(forged), "",
                                 objet=METADATA.objet),
        History("voirie").head,
    )
    (folder / HISTORY_NAME).write_bytes(format_history(History("voirie", (entry,))))
    assert verify(filled).ok
    deep = verify(filled, deep=True).problems
    assert [p.kind for p in deep] == [ProblemKind.INVALID]


# --- recovery from a crash (each state an `add` can leave behind) ------------------------------


def _pending_add(store: Store, version: Version, *, renamed: bool) -> str:
    """Leave the store as an `add` killed after its note (and maybe its version file)."""
    history = store.history(version.info.deliberation)
    data = version_xml.serialise(version)
    entry = history.next_entry(version, sha256_of(data))
    from amendtrack.store.history import entry_json

    note = {"deliberation": history.deliberation, "previous": history.head,
            "new_folder": False, "entry": entry_json(entry)}
    (store.root / PENDING_NAME).write_text(json.dumps(note))
    folder = store.root / history.deliberation
    temporary_for(folder / entry.file).write_bytes(data[:100])  # a write killed half-way
    if renamed:
        (folder / entry.file).write_bytes(data)
    return entry.file


def test_recovery_finishes_an_add_whose_version_file_is_in_place(filled: Store) -> None:
    name = _pending_add(filled, make_version("voirie", "2022-01-01", "Nouveau."), renamed=True)
    report = verify(filled)
    assert report.ok
    assert report.recovered == "finished the interrupted add of voirie@2"
    assert filled.history("voirie").entries[-1].file == name
    assert not list(filled.root.rglob(".*"))


def test_recovery_undoes_an_add_whose_version_file_is_not_in_place(filled: Store) -> None:
    _pending_add(filled, make_version("voirie", "2022-01-01", "Nouveau."), renamed=False)
    report = verify(filled)
    assert report.ok
    assert report.recovered == "undid the interrupted add of voirie@2"
    assert len(filled.history("voirie").entries) == 1
    assert not list(filled.root.rglob(".*"))


# --- change summaries -------------------------------------------------------------------------


def test_summary_counts_words_and_paragraphs() -> None:
    from amendtrack.diffing.summary import change_summary, summarise
    from amendtrack.model import (
        Amendment,
        Block,
        BlockKind,
        BlockOp,
        BlockOpKind,
        InlineOp,
        InlineOpKind,
        plain,
    )

    def block(name: str, text: str) -> Block:
        return Block(name, BlockKind.PARAGRAPH, plain(text))

    kept, moved = block("p1", "Le conseil."), block("p2", "Vu le code général.")
    amendment = Amendment("sha256:a", "sha256:b", (
        BlockOp(BlockOpKind.KEEP, 0, 0, kept, kept),
        BlockOp(BlockOpKind.INSERT, None, 1, None, block("p9", "Article deux, la CAF verse")),
        BlockOp(BlockOpKind.MODIFY, 1, 2, block("p3", "a b"), block("p3", "a c d"), (
            InlineOp(InlineOpKind.EQUAL, plain("a "), plain("a ")),
            InlineOp(InlineOpKind.DELETE, plain("b"), ()),
            InlineOp(InlineOpKind.INSERT, (), plain("c d")),
            InlineOp(InlineOpKind.TYPOGRAPHY, plain("l'"), plain("l’")),
        )),
        BlockOp(BlockOpKind.DELETE, 2, None, block("p4", "Trois mots supprimés"), None),
        BlockOp(BlockOpKind.MOVE, 3, 3, moved, moved),
    ))
    summary = summarise(amendment)
    assert (summary.words_inserted, summary.words_deleted) == (5 + 2, 1 + 3)
    assert (summary.inserted, summary.deleted, summary.moved, summary.modified,
            summary.altered) == (1, 1, 1, 1, 0)
    assert change_summary(amendment) == (
        "1 paragraphe modifié, 1 paragraphe ajouté, 1 paragraphe supprimé, "
        "1 paragraphe déplacé, 7 mots insérés, 4 supprimés"
    )


# --- samples/ is a store ----------------------------------------------------------------------

SAMPLE_FILES = ("2022-02-02.xml", "2022-12-07.xml")


def test_samples_are_a_valid_store(tmp_path: Path) -> None:
    # Rebuild the samples' deliberation by adding its versions to a new store: the files
    # must come out byte for byte, history included.
    rebuilt = Store.open(init_store(tmp_path / "rebuilt"))
    for name in SAMPLE_FILES:
        rebuilt.add(version_xml.load(SAMPLES / "aulnoy-ctg-caf" / name))
    for name in (*SAMPLE_FILES, HISTORY_NAME):
        assert (rebuilt.root / "aulnoy-ctg-caf" / name).read_bytes() == (
            SAMPLES / "aulnoy-ctg-caf" / name
        ).read_bytes(), f"{name} is stale: rebuild with python -m tests.store.test_repository"
    assert (SAMPLES / MARKER_NAME).read_bytes() == (rebuilt.root / MARKER_NAME).read_bytes()
    report = verify(Store.open(SAMPLES), deep=True)
    assert report.ok, report.problems
    assert report.deliberations >= 1


def rebuild_samples_store() -> None:
    """Write samples/amendtrack-store.json and the history of samples/aulnoy-ctg-caf."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        rebuilt = Store.open(init_store(Path(scratch) / "store"))
        for name in SAMPLE_FILES:
            rebuilt.add(version_xml.load(SAMPLES / "aulnoy-ctg-caf" / name))
        shutil.copyfile(rebuilt.root / MARKER_NAME, SAMPLES / MARKER_NAME)
        shutil.copyfile(rebuilt.root / "aulnoy-ctg-caf" / HISTORY_NAME,
                        SAMPLES / "aulnoy-ctg-caf" / HISTORY_NAME)


if __name__ == "__main__":
    # After the sample versions change: python -m tests.store.test_repository
    rebuild_samples_store()
