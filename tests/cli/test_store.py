"""The store's commands as a user runs them: store init, add, log, list, verify, revisions."""

from __future__ import annotations

import json
import os
import re
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


FRENCH = {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH = {"LANG": "C", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
ENGLISH_WORDS = re.compile(r"\b(the|of|act|modifies|recorded|meeting|store|original|which|"
                           r"version of|error|warning)\b")
"""Words that would betray an untranslated message in a French log or error line."""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the two sample versions, filed by `store add` without --deliberation."""
    root = tmp_path_factory.mktemp("cli") / "deliberations"
    created = run("store", "init", root)
    assert created.returncode == 0, created.stderr
    for number, name in enumerate(("2022-02-02.xml", "2022-12-07.xml"), start=1):
        added = run("store", "add", SAMPLE / name, "--store", root)
        assert added.returncode == 0, added.stderr
        assert added.stdout.startswith(f"aulnoy-ctg-caf@{number} {name[:10]} "), added.stdout
        assert added.stderr == ""
    return root


def renamed_copy(name: str, identifier: str, folder: Path) -> Path:
    """A sample version under another id, as `import` names a document after its file."""
    data = (SAMPLE / name).read_bytes().replace(b'deliberation="aulnoy-ctg-caf"',
                                                f'deliberation="{identifier}"'.encode())
    copy = folder / f"{identifier}.xml"
    copy.write_bytes(data)
    return copy


def test_the_aulnoy_pair_is_filed_under_one_deliberation(store: Path) -> None:
    listing = json.loads(run("store", "list", "--json", "--store", store).stdout)
    assert [(row["deliberation"], row["versions"]) for row in listing] == [("aulnoy-ctg-caf", 2)]


def test_versions_named_after_their_files_go_under_the_one_they_modify(tmp_path: Path) -> None:
    root = tmp_path / "s"
    assert run("store", "init", root).returncode == 0
    first = run("store", "add", renamed_copy("2022-02-02.xml", "v1", tmp_path), "--store", root)
    assert first.stdout.startswith("v1@1 2022-02-02 "), first.stderr
    second = run("store", "add", renamed_copy("2022-12-07.xml", "v2", tmp_path), "--store", root)
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("v1@2 2022-12-07 "), second.stdout
    assert second.stderr == "amendtrack: filed under v1: this version modifies v1@1\n"
    assert not (root / "v2").exists()
    assert run("store", "verify", "--deep", "--store", root).returncode == 0


def test_a_modifying_version_of_an_unknown_act_is_refused_unless_new(tmp_path: Path) -> None:
    root = tmp_path / "s"
    assert run("store", "init", root).returncode == 0
    refused = run("store", "add", SAMPLE / "2022-12-07.xml", "--store", root)
    one_error_line(refused, 2, "this version modifies the deliberation of 2022-02-02, which "
                   "the store does not hold: add that one first")
    assert sorted(path.name for path in root.iterdir()) == ["amendtrack-store.json"]
    french = run("store", "add", SAMPLE / "2022-12-07.xml", "--store", root, env=FRENCH)
    assert french.stderr.startswith(f"amendtrack: erreur : {SAMPLE / '2022-12-07.xml'} : "
                                    "cette version modifie la délibération du 2 février 2022, "
                                    "absente du dépôt"), french.stderr
    assert not ENGLISH_WORDS.search(french.stderr.split(" : ", 2)[2]), french.stderr
    added = run("store", "add", SAMPLE / "2022-12-07.xml", "--new", "--store", root)
    assert added.stdout.startswith("aulnoy-ctg-caf@1 2022-12-07 "), added.stderr
    lines = run("store", "log", "aulnoy-ctg-caf", "--store", root, env=FRENCH).stdout
    assert lines.splitlines() == [
        "aulnoy-ctg-caf@1  2022-12-07  n° 07.12.13, séance du 7 décembre 2022",
        "    acte n° 07.12.13 du 7 décembre 2022",
        "    modifie la version du 2 février 2022, absente du dépôt",
    ]


def test_an_unclear_lineage_is_one_question(tmp_path: Path) -> None:
    from amendtrack.store.repository import Store, init_store

    target = Store.open(init_store(tmp_path / "s"))
    for identifier, objet in (("cantine", "Tarifs de la cantine"), ("voirie", "Voirie")):
        target.add(make_version(identifier, "2022-02-02", f"{objet}."))
    act = tmp_path / "acte.xml"
    version_xml.save(make_version("acte", "2022-06-01", "Texte.", numero="2022-40"), act)
    text = act.read_text(encoding="utf-8").replace('modifies="2000-01-01"',
                                                   'modifies="2022-02-02"')
    act.write_text(text, encoding="utf-8")
    asked = run("store", "add", act, "--store", target.root)
    one_error_line(asked, 2, "2 deliberations hold a version this one may modify (cantine@1, "
                   "voirie@1); say which with --deliberation ID")
    told = run("store", "add", act, "--deliberation", "voirie", "--store", target.root)
    assert told.stdout.startswith("voirie@2 2022-06-01 "), told.stderr


def test_a_new_deliberation_with_a_close_objet_is_warned_about(store: Path,
                                                               tmp_path: Path) -> None:
    root = tmp_path / "s"
    subprocess.run(["cp", "-r", str(store), str(root)], check=True)
    copy = renamed_copy("2022-02-02.xml", "ctg-caf-bis", tmp_path)
    added = run("store", "add", copy, "--store", root)
    assert added.returncode == 0 and added.stdout.startswith("ctg-caf-bis@1 "), added.stderr
    assert added.stderr == (
        "amendtrack: warning: the new deliberation ctg-caf-bis has an objet close to that of "
        "aulnoy-ctg-caf (« Convention territoriale globale Caisse d'Allocations Familiales du "
        f"Nord »): if it is a version of aulnoy-ctg-caf, remove the folder {root / 'ctg-caf-bis'}"
        " and file it with --deliberation aulnoy-ctg-caf\n")


def test_add_refuses_identical_and_earlier_versions(store: Path) -> None:
    line = one_error_line(run("store", "add", SAMPLE / "2022-12-07.xml", "--store", store), 2,
                          "identical to the latest one (aulnoy-ctg-caf@2)")
    assert line.startswith(f"amendtrack: error: {SAMPLE / '2022-12-07.xml'}: ")
    one_error_line(run("store", "add", SAMPLE / "2022-02-02.xml", "--store", store), 2,
                   "dated 2022-02-02, before the latest one")


def test_add_needs_a_store(tmp_path: Path) -> None:
    line = one_error_line(run("store", "add", SAMPLE / "2022-02-02.xml", "--store",
                              tmp_path / "none"), 2, "no store here")
    assert str(tmp_path / "none") in line


def test_init_twice_is_refused(store: Path) -> None:
    one_error_line(run("store", "init", store), 2, "a store already exists here")


def test_add_a_revision_under_a_new_id_then_list(store: Path, tmp_path: Path) -> None:
    root = tmp_path / "s"
    subprocess.run(["cp", "-r", str(store), str(root)], check=True)
    copied = run("store", "add", "aulnoy-ctg-caf@1", "--deliberation", "copie-ctg",
                 "--store", root)
    assert copied.returncode == 0, copied.stderr
    assert copied.stdout.startswith("copie-ctg@1 2022-02-02 ")
    listing = run("store", "list", "--json", env={"AMENDTRACK_STORE": str(root)})
    assert listing.returncode == 0, listing.stderr
    rows = {row["deliberation"]: row for row in json.loads(listing.stdout)}
    assert rows["aulnoy-ctg-caf"]["versions"] == 2
    assert rows["aulnoy-ctg-caf"]["latest"]["date"] == "2022-12-07"
    assert rows["copie-ctg"]["latest"]["file"] == "2022-02-02.xml"
    text = run("store", "list", "--store", root)
    assert "aulnoy-ctg-caf@2  2022-12-07  Convention territoriale globale" in text.stdout


def _pair_summary() -> str:
    amendment = diff(version_xml.load(SAMPLE / "2022-02-02.xml"),
                     version_xml.load(SAMPLE / "2022-12-07.xml"))
    return change_summary(amendment)


def test_log_speaks_french_with_numero_seance_and_act(store: Path) -> None:
    result = run("store", "log", "aulnoy-ctg-caf", "--store", store, env=FRENCH)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "aulnoy-ctg-caf@1  2022-02-02  séance du 2 février 2022",
        "    première version enregistrée",
        "aulnoy-ctg-caf@2  2022-12-07  n° 07.12.13, séance du 7 décembre 2022",
        "    acte n° 07.12.13 du 7 décembre 2022",
        "    modifie la version du 2 février 2022 (aulnoy-ctg-caf@1)",
        f"    {_pair_summary()}",
    ]
    assert "original" not in result.stdout
    words = [line for line in result.stdout.splitlines() if not line.startswith("    1 ")]
    assert not ENGLISH_WORDS.search("\n".join(words)), result.stdout


def test_log_speaks_english_under_lang_c(store: Path) -> None:
    result = run("store", "log", "aulnoy-ctg-caf", "--store", store, env=ENGLISH)
    assert result.stdout.splitlines()[:5] == [
        "aulnoy-ctg-caf@1  2022-02-02  meeting of 2022-02-02",
        "    the first version recorded",
        "aulnoy-ctg-caf@2  2022-12-07  n° 07.12.13, meeting of 2022-12-07",
        "    act n° 07.12.13 of 2022-12-07",
        "    it modifies the version of 2022-02-02 (aulnoy-ctg-caf@1)",
    ]


def test_log_counts_what_diff_counts(store: Path) -> None:
    diffed = run("diff", SAMPLE / "2022-02-02.xml", SAMPLE / "2022-12-07.xml")
    summaries = [line.removeprefix("Résumé : ") for line in diffed.stdout.splitlines()
                 if line.startswith("Résumé : ")]
    assert len(summaries) == 1, diffed.stdout[-500:]
    logged = run("store", "log", "aulnoy-ctg-caf", "--store", store).stdout.splitlines()
    assert logged[-1] == f"    {summaries[0]}"
    # The act of 7 December 2022 only adds words (« rajout en gras »).
    amendment = diff(version_xml.load(SAMPLE / "2022-02-02.xml"),
                     version_xml.load(SAMPLE / "2022-12-07.xml"))
    assert summarise(amendment).words_deleted == 0 < summarise(amendment).words_inserted
    entries = json.loads(run("store", "log", "aulnoy-ctg-caf", "--json", "--store",
                             store).stdout)
    assert entries[0]["summary"] is None and entries[0]["modified"] is None
    assert entries[1]["summary"] == asdict(summarise(amendment))
    assert entries[1]["change"] == summaries[0] == change_summary(amendment)
    assert (entries[1]["numero"], entries[1]["seance"], entries[1]["modified"]) == (
        "07.12.13", "2022-12-07", 1)


def test_the_old_spellings_work_with_a_note(store: Path, tmp_path: Path) -> None:
    new = run("store", "log", "aulnoy-ctg-caf", "--store", store)
    old = run("log", "aulnoy-ctg-caf", "--store", store)
    assert old.stdout == new.stdout
    assert old.stderr == ("amendtrack: `amendtrack log` is now `amendtrack store log`; the old "
                          "spelling still works, but will be removed\n")
    for arguments in (("list",), ("verify",)):
        result = run(*arguments, "--store", store)
        assert result.returncode == 0 and result.stdout, result.stderr
        assert result.stderr.count("\n") == 1 and "is now `amendtrack store" in result.stderr
    root = tmp_path / "s"
    assert run("store", "init", root).returncode == 0
    added = run("add", SAMPLE / "2022-02-02.xml", "--store", root)
    assert added.stdout.startswith("aulnoy-ctg-caf@1 "), added.stderr
    assert "`amendtrack add` is now `amendtrack store add`" in added.stderr
    # An error stays one line, with no note.
    one_error_line(run("add", SAMPLE / "2022-02-02.xml", "--store", root), 2,
                   "identical to the latest one")
    french = run("list", "--store", store, env=FRENCH)
    assert french.stderr == ("amendtrack: `amendtrack list` s’écrit maintenant `amendtrack "
                             "store list` ; l’ancienne forme marche encore, mais sera "
                             "retirée\n")


def test_store_groups_every_store_command() -> None:
    listed = run("store", "--help", env=ENGLISH).stdout
    section = listed.split("Commands:")[1].split("Examples:")[0]
    commands = [line.split()[0] for line in section.splitlines()
                if line.startswith("  ") and not line.startswith("   ")]
    assert commands == ["init", "add", "log", "list", "verify", "export"]
    french = run("store", "add", "--help", env=FRENCH).stdout
    assert "Exemples :" in french and "amendtrack store add 2022-12-07.xml" in french
    assert "Examples:" not in french and "File a new version" not in french


def test_log_of_an_unknown_deliberation(store: Path) -> None:
    one_error_line(run("store", "log", "inconnue", "--store", store), 2,
                   "no deliberation 'inconnue'")


def test_verify_passes_then_names_an_edited_file(store: Path, tmp_path: Path) -> None:
    good = run("store", "verify", "--deep", "--store", store)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "every hash and chain verified" in good.stdout
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(store), str(copy)], check=True)
    edited = copy / "aulnoy-ctg-caf" / "2022-02-02.xml"
    data = bytearray(edited.read_bytes())
    data[200] ^= 0x20
    edited.write_bytes(bytes(data))
    bad = run("store", "verify", "--store", copy)
    one_error_line(bad, 1, "1 problem(s) found")
    assert len(bad.stdout.splitlines()) == 1
    assert bad.stdout.startswith(f"{edited}: edited: version @1 differs from the history ")
    french = run("store", "verify", "--store", copy, env=FRENCH)
    assert french.stdout.startswith(f"{edited} : modifié : la version @1 diffère de "
                                    "l’historique "), french.stdout
    assert french.stderr.endswith(" : 1 problème trouvé\n"), french.stderr


def test_samples_verify_as_a_store() -> None:
    result = run("store", "verify", "--deep", "--store", ROOT / "samples")
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
    assert run("store", "add", source, "--store", root).stdout.startswith("essai@1 2023-01-01 ")
    assert (root / "essai" / "2023-01-01.xml").read_bytes() == source.read_bytes()
