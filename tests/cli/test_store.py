"""The store's commands as a user runs them: store init, add, log, list, verify, revisions."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict
from pathlib import Path

import pytest

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.diffing.summary import change_summary, summarise
from tests.store.test_repository import make_version
from tests.test_store_crash import AMENDTRACK

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "aulnoy-ctg-caf"


def run(*arguments: str | Path, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    """Run the installed `amendtrack` command."""
    return subprocess.run(
        [str(AMENDTRACK), *map(str, arguments)], capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {})}, cwd=ROOT,
    )


def one_error_line(result: subprocess.CompletedProcess[str], code: int, problem: str) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("amendtrack: error: "), lines[0]
    assert problem in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the two sample versions, added through the CLI."""
    root = tmp_path_factory.mktemp("cli") / "deliberations"
    created = run("store", "init", root)
    assert created.returncode == 0, created.stderr
    for number, name in enumerate(("2022-02-02.xml", "2022-12-07.xml"), start=1):
        added = run("add", SAMPLE / name, "--store", root)
        assert added.returncode == 0, added.stderr
        assert added.stdout.startswith(f"aulnoy-ctg-caf@{number} {name[:10]} "), added.stdout
    return root


def test_init_twice_is_refused(store: Path) -> None:
    one_error_line(run("store", "init", store), 2, "a store already exists here")


def test_add_refuses_identical_and_earlier_versions(store: Path) -> None:
    line = one_error_line(run("add", SAMPLE / "2022-12-07.xml", "--store", store), 2,
                          "identical to the latest one (aulnoy-ctg-caf@2)")
    assert line.startswith(f"amendtrack: error: {SAMPLE / '2022-12-07.xml'}: ")
    one_error_line(run("add", SAMPLE / "2022-02-02.xml", "--store", store), 2,
                   "dated 2022-02-02, before the latest one")


def test_add_needs_a_store(tmp_path: Path) -> None:
    line = one_error_line(run("add", SAMPLE / "2022-02-02.xml", "--store", tmp_path / "none"),
                          2, "no store here")
    assert str(tmp_path / "none") in line


def test_add_a_revision_under_a_new_id_then_list(store: Path) -> None:
    copied = run("add", "aulnoy-ctg-caf@1", "--deliberation", "copie-ctg", "--store", store)
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.startswith("copie-ctg@1 2022-02-02 ")
    listing = run("list", "--json", env={"AMENDTRACK_STORE": str(store)})
    assert listing.returncode == 0, listing.stderr
    rows = {row["deliberation"]: row for row in json.loads(listing.stdout)}
    assert rows["aulnoy-ctg-caf"]["versions"] == 2
    assert rows["aulnoy-ctg-caf"]["latest"]["date"] == "2022-12-07"
    assert rows["copie-ctg"]["latest"]["file"] == "2022-02-02.xml"
    text = run("list", "--store", store)
    assert "aulnoy-ctg-caf@2  2022-12-07  Convention territoriale globale" in text.stdout


def test_log_lists_versions_acts_and_changes(store: Path) -> None:
    result = run("log", "aulnoy-ctg-caf", "--store", store)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "aulnoy-ctg-caf@1  2022-02-02  original"
    assert lines[1].startswith("aulnoy-ctg-caf@2  2022-12-07  act n° 07.12.13 of 2022-12-07")
    # The log counts the change exactly as `diff` and every renderer do.
    amendment = diff(version_xml.load(SAMPLE / "2022-02-02.xml"),
                     version_xml.load(SAMPLE / "2022-12-07.xml"))
    assert lines[1].endswith(f"  {change_summary(amendment)}"), lines[1]
    # The act of 7 December 2022 only adds words (« rajout en gras »).
    assert summarise(amendment).words_deleted == 0 < summarise(amendment).words_inserted
    entries = json.loads(run("log", "aulnoy-ctg-caf", "--json", "--store", store).stdout)
    assert entries[0]["summary"] is None
    assert entries[1]["summary"] == asdict(summarise(amendment))
    assert entries[1]["change"] == change_summary(amendment)


def test_log_of_an_unknown_deliberation(store: Path) -> None:
    one_error_line(run("log", "inconnue", "--store", store), 2, "no deliberation 'inconnue'")


def test_verify_passes_then_names_an_edited_file(store: Path, tmp_path: Path) -> None:
    good = run("verify", "--deep", "--store", store)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "every hash and chain verified" in good.stdout
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(store), str(copy)], check=True)
    edited = copy / "aulnoy-ctg-caf" / "2022-02-02.xml"
    data = bytearray(edited.read_bytes())
    data[200] ^= 0x20
    edited.write_bytes(bytes(data))
    bad = run("verify", "--store", copy)
    one_error_line(bad, 1, "1 problem(s) found")
    assert len(bad.stdout.splitlines()) == 1
    assert bad.stdout.startswith(f"{edited}: edited: version @1 differs from the history ")


def test_samples_verify_as_a_store() -> None:
    result = run("verify", "--deep", "--store", ROOT / "samples")
    assert result.returncode == 0, result.stdout + result.stderr


def test_show_and_diff_accept_revisions(store: Path) -> None:
    env = {"AMENDTRACK_STORE": str(store)}
    shown = run("show", "aulnoy-ctg-caf@latest", "--to", "xml", env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.encode() == (SAMPLE / "2022-12-07.xml").read_bytes()
    earlier = run("show", "aulnoy-ctg-caf@latest~1", "--to", "xml", env=env)
    assert earlier.stdout.encode() == (SAMPLE / "2022-02-02.xml").read_bytes()
    diffed = run("diff", "aulnoy-ctg-caf@1", "aulnoy-ctg-caf@latest", env=env)
    assert diffed.returncode in (0, 1), diffed.stderr


def test_store_option_and_new_version(tmp_path: Path) -> None:
    root = tmp_path / "s"
    assert run("store", "init", "--store", root).returncode == 0
    source = tmp_path / "v.xml"
    from amendtrack import version_xml

    version_xml.save(make_version("essai", "2023-01-01", "Un texte."), source)
    assert run("add", source, "--store", root).stdout.startswith("essai@1 2023-01-01 ")
    assert (root / "essai" / "2023-01-01.xml").read_bytes() == source.read_bytes()
