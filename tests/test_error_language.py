"""Provoked errors speak the user's language: French under a French locale, English under C.

`CASES` is a list of bad inputs for every command that reads input, each run through the real
entry point (a new process) twice: under ``LANG=fr_FR.UTF-8`` and under ``LANG=C``. In both, the
error is one line on stderr with the same exit code; in French it reads
« amendtrack: erreur : … » and holds none of `ENGLISH_WORDS`, words that would betray a message
left untranslated; in English it reads "amendtrack: error: …" and holds none of `FRENCH_WORDS`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "aulnoy-ctg-caf"

ENGLISH_WORDS = frozenset({
    "the", "not", "file", "must", "invalid", "found", "expected", "error", "cannot",
    "can't", "does", "doesn't", "is", "are", "was", "has", "have", "no", "such", "with",
    "and", "of", "directory", "empty", "unknown", "missing", "only", "allowed", "should",
    "line", "which", "this", "that", "takes", "give", "write", "read", "wrong", "too",
    "large", "more", "than", "already", "while", "before", "after", "there", "nothing",
    "been", "failed", "used", "twice", "needs", "need", "for", "to", "it", "in", "by",
    "from", "be", "use", "here", "create", "set", "given", "into", "without", "neither",
    "nor",
})
"""Words that, in a French message, would show it was never translated."""

FRENCH_WORDS = frozenset({
    "erreur", "fichier", "introuvable", "est", "une", "pas", "n’est", "ce", "aucun",
    "dossier", "vide", "ligne", "moteur", "inconnu", "attendu", "doit", "valide", "donnez",
    "écrivez", "lecture", "écriture", "impossible", "trop",
})
"""Words that, in an English message, would show the French catalog was used."""

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


@dataclass(frozen=True)
class Case:
    """One provoked error: the command line, the environment it runs with, its exit code."""

    name: str
    arguments: tuple[str, ...]
    exit_code: int = 2
    environ: dict[str, str] = field(default_factory=dict)


CASES = [
    Case("show a missing file", ("show", "absent.xml")),
    Case("show a folder", ("show", "rep.xml")),
    Case("show an empty file", ("show", "zero.xml")),
    Case("show a file that is not XML", ("show", "note.xml")),
    Case("show XML of another namespace", ("show", "ns.xml")),
    Case("show malformed XML", ("show", "cassé.xml")),
    Case("show an oversized file", ("show", "old.xml"),
         environ={"AMENDTRACK_MAX_INPUT_BYTES": "100"}),
    Case("validate XML of another namespace", ("validate", "old.xml", "ns.xml")),
    Case("validate a missing file", ("validate", "absent.xml")),
    Case("diff with a missing NEW", ("diff", "old.xml", "absent.xml")),
    Case("diff to an unknown renderer", ("diff", "old.xml", "new.xml", "--to", "nope")),
    Case("diff with an unknown -O option", ("diff", "old.xml", "new.xml", "-O", "nope=1")),
    Case("diff with a bad -O yes/no value",
         ("diff", "old.xml", "new.xml", "--to", "markdown", "-O", "summary=peut-être")),
    Case("diff to an extension no renderer writes", ("diff", "old.xml", "new.xml", "-o", "x.zzz")),
    Case("diff into a folder", ("diff", "old.xml", "new.xml", "--to", "markdown", "-o", "rep.xml"),
         exit_code=1),
    Case("amend with a bad house template",
         ("amend", "old.xml", "new.xml", "--template", "note.txt", "-o", "acte.odt")),
    Case("amend with a missing OLD", ("amend", "absent.xml", "new.xml", "-o", "acte.odt")),
    Case("import with an unknown --meta key", ("import", "note.txt", "-o", "v.xml", "--meta",
                                              "zz=1")),
    Case("import with a --meta date that is no date",
         ("import", "note.txt", "-o", "v.xml", "--meta", "seance=hier")),
    Case("import with --meta replaces neither yes nor no",
         ("import", "note.txt", "-o", "v.xml", "--meta", "replaces=peut-être")),
    Case("import without the required facts", ("import", "note.txt", "-o", "v.xml")),
    Case("import a text file named .odt", ("import", "faux.odt", "-o", "v.xml")),
    Case("import an unknown --from format", ("import", "note.txt", "--from", "klingon", "-o",
                                            "v.xml")),
    Case("import with an unknown --encoding", ("import", "note.txt", "--encoding", "klingon",
                                              "-o", "v.xml")),
    Case("import with a bad --tracked-changes",
         ("import", "faux.odt", "--tracked-changes", "peut-être", "-o", "v.xml")),
    Case("import a file of unknown extension", ("import", "note.zzz", "-o", "v.xml")),
    Case("apply an amendment of another format", ("apply", "old.xml", "am.json", "-o", "v.xml")),
    Case("apply an amendment that is not JSON", ("apply", "old.xml", "note.txt", "-o", "v.xml")),
    Case("invert an amendment that is not JSON", ("invert", "note.txt")),
    Case("invert a missing amendment", ("invert", "absent.json")),
    Case("apply instructions whose anchor is not there",
         ("apply-instructions", "old.xml", "consignes.txt", "-o", "v.xml")),
    Case("batch a file that is no folder", ("batch", "note.txt", "-o", "lot.jsonl")),
    Case("batch with a --since that is no date",
         ("batch", "lot", "-o", "lot.jsonl", "--since", "hier")),
    Case("import with a --meta that is not KEY=VALUE",
         ("import", "note.txt", "-o", "v.xml", "--meta", "sansvaleur")),
    Case("diff with an unknown --deletions",
         ("diff", "old.xml", "new.xml", "--deletions", "peut-être")),
    Case("show a bad revision ID@N", ("show", "x@zz")),
    Case("import without -o", ("import", "note.txt")),
    Case("diff two versions too large to compare",
         ("diff", "old.xml", "new.xml"), environ={"AMENDTRACK_MAX_DIFF_BLOCKS": "1"}),
    Case("apply instructions that change no text",
         ("apply-instructions", "old.xml", "phrase.txt", "-o", "v.xml")),
    Case("show ID@N without a store", ("show", "x@1", "--store", "sans-registre")),
    Case("log without a store", ("log", "x", "--store", "sans-registre")),
    Case("batch without a store", ("batch", "--store", "sans-registre", "-o",
                                                   "lot.jsonl")),
]
"""Bad inputs for every command that reads input."""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding every input the cases name (the bad ones and two good versions)."""
    folder = tmp_path_factory.mktemp("inputs")
    for name in ("2022-02-02.xml", "2022-12-07.xml"):
        (folder / name).write_bytes((SAMPLE / name).read_bytes())
    (folder / "2022-02-02.xml").rename(folder / "old.xml")
    (folder / "2022-12-07.xml").rename(folder / "new.xml")
    (folder / "rep.xml").mkdir()
    (folder / "zero.xml").write_bytes(b"")
    (folder / "note.xml").write_text("Bonjour.\n", encoding="utf-8")
    (folder / "ns.xml").write_text('<?xml version="1.0"?><version xmlns="urn:autre"/>\n',
                                   encoding="utf-8")
    (folder / "cassé.xml").write_text("<a><b></a>\n", encoding="utf-8")
    (folder / "note.txt").write_text("Bonjour\n", encoding="utf-8")
    (folder / "note.zzz").write_text("Bonjour\n", encoding="utf-8")
    (folder / "faux.odt").write_text("Bonjour\n", encoding="utf-8")
    (folder / "am.json").write_text('{"format": 3}\n', encoding="utf-8")
    (folder / "consignes.txt").write_text(
        "Au premier alinéa, le mot « zzz » est supprimé.\n", encoding="utf-8")
    (folder / "phrase.txt").write_text("Le sapin est vert.\n", encoding="utf-8")
    (folder / "lot").mkdir()
    return folder


def _run(case: Case, folder: Path, language: str) -> subprocess.CompletedProcess[str]:
    environ = {key: value for key, value in os.environ.items()
               if key not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "AMENDTRACK_STORE")}
    environ.update(case.environ, LANG=language)
    return subprocess.run(
        [sys.executable, "-c", "from amendtrack.cli import main; main()", *case.arguments],
        capture_output=True, text=True, env=environ, cwd=folder, check=False, timeout=120,
    )


def _words(line: str) -> set[str]:
    """The words of a message, lower-cased; quoted values (file names, user input), option
    names (``--from``) and words in capitals (placeholders such as FILE) left out."""
    text = _OPTION.sub(" ", _QUOTED.sub(" ", line))
    return {word.lower() for word in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text)
            if not word.isupper()}


def _check(case: Case, folder: Path) -> None:
    french = _run(case, folder, "fr_FR.UTF-8")
    english = _run(case, folder, "C")
    assert english.returncode == case.exit_code, english.stderr
    assert french.returncode == english.returncode, (french.stderr, english.stderr)
    for result in (french, english):
        assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    assert french.stderr.startswith("amendtrack: erreur : "), french.stderr
    assert english.stderr.startswith("amendtrack: error: "), english.stderr
    left = sorted(_words(french.stderr.removeprefix("amendtrack: erreur : ")) & ENGLISH_WORDS)
    assert not left, f"English words {left} in the French message: {french.stderr}"
    leaked = sorted(_words(english.stderr.removeprefix("amendtrack: error: ")) & FRENCH_WORDS)
    assert not leaked, f"French words {leaked} in the English message: {english.stderr}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_provoked_error_speaks_the_language_of_the_locale(case: Case, inputs: Path) -> None:
    _check(case, inputs)
