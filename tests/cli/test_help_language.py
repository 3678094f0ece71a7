"""Help and usage errors as a user meets them: in French under a French locale, in English under
``LANG=C``, with examples, without Python types, within 100 columns.

Every command and group is found in the click command tree (none is listed by hand) and its
``--help`` is run in a fresh ``amendtrack`` process, since the language is chosen when the
command line starts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import typer.core
import typer.main

from amendtrack.cli import store

ROOT = Path(__file__).resolve().parents[2]

ENGLISH_WORDS = frozenset({
    "the", "and", "of", "file", "files", "default", "with", "for", "to", "is", "or", "not",
    "this", "that", "from", "by", "which", "when", "each", "its", "an", "are", "be", "into",
    "write", "writes", "print", "show", "help", "exit", "missing", "try", "error", "usage",
    "examples", "commands", "required", "no", "such", "value", "invalid",
    "did", "you", "mean", "folder", "renderer",
})
"""Words that betray an untranslated message (lower case; compared without case)."""

FRENCH_WORDS = frozenset({
    "le", "la", "les", "des", "du", "un", "une", "et", "ou", "pour", "dans", "est", "par",
    "défaut", "utilisation", "affiche", "exemples", "fichier", "dossier", "obligatoire",
    "aide", "sortie", "écrit", "avec", "sans", "pas",
})
"""Words that betray French help under ``LANG=C`` (compared without case)."""

def _command_paths() -> list[tuple[str, ...]]:
    """Every command and group of amendtrack, found in the click command tree."""
    from amendtrack.cli.application import app

    paths: list[tuple[str, ...]] = []

    def walk(command: typer.core.TyperGroup, path: tuple[str, ...]) -> None:
        context = typer.Context(command)
        for name in command.list_commands(context):
            child = command.get_command(context, name)
            assert child is not None, name
            paths.append((*path, name))
            if isinstance(child, typer.core.TyperGroup):
                walk(child, (*path, name))

    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    walk(root, ())
    return [(), *paths]


PATHS = _command_paths()
OLD_SPELLINGS = {name for name, _function in store.OLD_SPELLINGS}


def _env(language: str, columns: int) -> dict[str, str]:
    clean = {key: value for key, value in os.environ.items()
             if key not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "COLUMNS")}
    return {**clean, "LANG": language, "COLUMNS": str(columns)}


def run(*arguments: str, language: str, columns: int = 100) -> subprocess.CompletedProcess[str]:
    """``amendtrack ARGUMENTS`` in a fresh process, under `language` (``LANG``)."""
    return subprocess.run([sys.executable, "-m", "amendtrack", *arguments],
                          capture_output=True, text=True, env=_env(language, columns),
                          cwd=ROOT, check=False)


@cache
def help_page(path: tuple[str, ...], language: str, columns: int = 100) -> str:
    result = run(*path, "--help", language=language, columns=columns)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return result.stdout


def _prose(page: str, heading: str) -> str:
    """The page without what is not prose: the examples (command lines, from their heading
    on), option and file tokens, metavars, choices, quoted French (« … »)."""
    text = page.split(f"\n{heading}", 1)[0]
    while re.search(r"«[^«»]*»", text):
        text = re.sub(r"«[^«»]*»", " ", text)
    kept = [token for token in text.split()
            if not re.search(r"^[-\[{(]*-|\.\w|[/@=|$<>_\\]|^[A-ZÉÈ0-9\[\].…]{2,}$", token)]
    return " ".join(kept)


def _words(prose: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[A-Za-zÀ-ÿ’']+", prose)}


def _label(path: tuple[str, ...]) -> str:
    return " ".join(path) or "amendtrack"


ALL_CASES = [pytest.param(path, id=_label(path)) for path in PATHS]


def test_the_walk_finds_every_command_and_group() -> None:
    names = {" ".join(path) for path in PATHS}
    assert {"", "import", "diff", "amend", "plugins", "batch", "store"} <= names
    assert any(len(path) == 2 for path in PATHS), "no subcommand of a group was found"


@pytest.mark.parametrize("path", ALL_CASES)
def test_help_is_french_under_a_french_locale(path: tuple[str, ...]) -> None:
    page = help_page(path, "fr_FR.UTF-8")
    assert page.startswith(f"Utilisation : amendtrack {' '.join(path)}".rstrip() + " ")
    assert "\nOptions :\n" in page and "\nExemples :\n" in page, page
    commands = {name for other in PATHS for name in other}
    english = (_words(_prose(page, "Exemples :"))
               - commands) & ENGLISH_WORDS
    assert not english, f"English in « amendtrack {' '.join(path)} --help »: {english}\n{page}"


@pytest.mark.parametrize("path", ALL_CASES)
def test_help_is_english_under_the_c_locale(path: tuple[str, ...]) -> None:
    page = help_page(path, "C")
    assert page.startswith("Usage: amendtrack"), page
    assert "\nOptions:\n" in page, page
    french = _words(_prose(page, "Examples:")) & FRENCH_WORDS
    assert not french, f"French in « amendtrack {' '.join(path)} --help » under LANG=C: {french}"


@pytest.mark.parametrize("path", ALL_CASES)
def test_every_command_has_examples(path: tuple[str, ...]) -> None:
    page = help_page(path, "C")
    examples = page.split("\nExamples:\n", 1)[-1] if "\nExamples:\n" in page else ""
    lines = [line.strip() for line in examples.splitlines() if line.strip()]
    assert lines and all(line.startswith("amendtrack ") for line in lines), page
    if path:
        # an old spelling (`amendtrack add`) teaches the new one (`amendtrack store add`)
        spelled = ("store", *path) if path[0] in OLD_SPELLINGS else path
        assert any(line.startswith(f"amendtrack {' '.join(spelled)}") for line in lines), page


@pytest.mark.parametrize("path", ALL_CASES)
@pytest.mark.parametrize("columns", [100, 250])
def test_help_fits_100_columns_and_shows_no_python_type(path: tuple[str, ...],
                                                        columns: int) -> None:
    for language in ("fr_FR.UTF-8", "C"):
        page = help_page(path, language, columns)
        too_long = [line for line in page.splitlines() if len(line) > 100]
        assert not too_long, too_long
        assert not re.search(r"<(str|int|path|bool|float|list\[[a-z]+\])>|\bPATH\b"
                             r"|\bINTEGER\b", page), page


def test_choices_and_installed_renderers_are_listed() -> None:
    diff = help_page(("diff",), "C")
    amend = help_page(("amend",), "C")
    show = help_page(("show",), "C")
    for renderer in ("terminal", "html", "odt", "docx", "pdf", "markdown", "json", "legistique"):
        assert re.search(rf"--to RENDERER\s+The renderer: [^\[]*\b{renderer}\b", diff), diff
    assert "--deletions show|hide" in diff
    assert "--deletions show|mention|hide" in amend
    documents = show.split("--to FORMAT", 1)[1].split("-o, --output")[0]
    assert "docx" in documents and "pdf" in documents
    assert "json" not in documents and "legistique" not in documents  # they write no document
    assert "--tracked-changes accept|reject" in diff
    assert "--color auto|always|never" in diff
    assert "--from text|markdown|odt|docx|html" in help_page(("import",), "C")


def test_a_third_party_renderer_is_listed_in_the_help(tmp_path: Path) -> None:
    from tests.batch.conftest import renderer_source
    from tests.rendering.test_registry import make_distribution

    site = tmp_path / "site"
    source = renderer_source("Loud", "loud", 'stream.write(b"x")', views="(View.DIFF,)")
    make_distribution(site, "fake-loud", "1.0", {"loud": "fake_loud:Loud"},
                      {"fake_loud": source})
    env = {**_env("C", 100), "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-m", "amendtrack", "diff", "--help"],
                            capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert re.search(r"The renderer: [^\[]*\bloud\b", result.stdout), result.stdout
