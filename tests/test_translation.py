"""The language of the interface: chosen from the locale, every message in the French catalog."""

from __future__ import annotations

import gettext
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from amendtrack import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "amendtrack" / "locale" / "fr" / "LC_MESSAGES" / "amendtrack.po"
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "fr"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_BE.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "en"}, "en"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "fr:de"}, "fr"),
    ],
)
def test_the_language_follows_the_locale(environ: dict[str, str], expected: str) -> None:
    assert translation.choose_language(environ) == expected


def test_the_configured_language_wins_over_the_locale() -> None:
    assert translation.choose_language({"LANG": "C"}, "fr") == "fr"
    assert translation.choose_language({"LANG": "fr_FR.UTF-8"}, "en") == "en"
    assert translation.choose_language({"LANG": "fr_FR.UTF-8"}, "klingon") == "en"


def _catalog() -> dict[str, object]:
    with CATALOG.open("rb") as source:
        catalog = read_po(source)
    return {str(message.id if isinstance(message.id, str) else message.id[0]): message.string
            for message in catalog if message.id}


def _marked_in(folder: Path) -> set[str]:
    found = extract_from_dir(str(folder), method_map=[("**.py", "python")], keywords=KEYWORDS)
    return {message if isinstance(message, str) else message[0]
            for _file, _line, message, _comments, _context in found}


def test_every_message_of_amendtrack_has_its_french() -> None:
    catalog = _catalog()
    marked = _marked_in(ROOT / "amendtrack") | _marked_in(ROOT / "plugins")
    assert marked, "no message is marked for translation"
    missing = sorted(message for message in marked if not catalog.get(message))
    assert not missing, f"messages without French in {CATALOG.name}: {missing}"


def test_every_string_typer_shows_in_help_has_its_french() -> None:
    catalog = _catalog()
    core = Path(typer.__file__).parent / "core.py"
    shown = {str(found[1]) for found in extract_from_file("python", str(core))}
    assert "required" in shown
    assert sorted(message for message in shown if not catalog.get(message)) == []


def test_the_compiled_catalog_is_installed_and_up_to_date() -> None:
    assert translation.catalog_installed("fr"), "run pip install -e . to compile the catalogs"
    compiled = translation.LOCALE_DIR / "fr" / "LC_MESSAGES" / "amendtrack.mo"
    with compiled.open("rb") as mo_file:
        french = gettext.GNUTranslations(mo_file)
    stale = [message for message, string in _catalog().items()
             if isinstance(string, str) and french.gettext(message) != string]
    assert not stale, f"{compiled} is older than its .po: run pip install -e . ({stale[:3]})"


def _run(*arguments: str, **environ: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items()
             if key not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [sys.executable, "-c", "from amendtrack.cli import main; main()", *arguments],
        capture_output=True, text=True, env={**clean, **environ}, cwd=ROOT, check=False,
    )


def test_an_error_line_keeps_its_shape_in_french_and_in_english() -> None:
    french = _run("show", "absent.xml", LANG="fr_FR.UTF-8")
    english = _run("show", "absent.xml", LANG="C.UTF-8")
    assert french.returncode == english.returncode == 2
    assert french.stderr.startswith("amendtrack: erreur : absent.xml : "), french.stderr
    assert english.stderr.startswith("amendtrack: error: absent.xml: "), english.stderr
    assert french.stderr.count("\n") == english.stderr.count("\n") == 1


def test_help_speaks_french_under_a_french_locale() -> None:
    french = _run("show", "--help", LANG="fr_FR.UTF-8")
    english = _run("show", "--help", LANG="C")
    assert "[obligatoire]" in french.stdout and "[required]" not in french.stdout
    assert "[required]" in english.stdout
