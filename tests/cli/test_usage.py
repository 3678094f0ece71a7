"""Usage errors and global options as a user meets them (`amendtrack.cli.usage`): a usage error
is one line in the error shape, exit status 2, in the user's language; the global options are
accepted before and after every command; ``plugins`` lists each renderer's ``-O`` options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_help_language import ENGLISH_WORDS, PATHS, _prose, _words

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "aulnoy-ctg-caf"
OLD, NEW = SAMPLES / "2022-02-02.xml", SAMPLES / "2022-12-07.xml"


def run(*arguments: str | Path, language: str = "C",
        cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``amendtrack ARGUMENTS`` in a fresh process, under `language` (``LANG``)."""
    clean = {key: value for key, value in os.environ.items()
             if key not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "NO_COLOR")}
    return subprocess.run([sys.executable, "-m", "amendtrack", *map(str, arguments)],
                          capture_output=True, text=True, env={**clean, "LANG": language},
                          cwd=cwd, check=False)


# (arguments, what the English line says, what the French line says)
USAGE_ERRORS = [
    (["diff"], "missing argument OLD", "il manque l’argument ANCIENNE"),
    (["diff", OLD], "missing argument NEW", "il manque l’argument NOUVELLE"),
    (["diff", OLD, NEW, "--nope"], "no option --nope", "pas d’option --nope"),
    (["diff", OLD, NEW, "--ful"], "did you mean --full?", "vouliez-vous dire --full ?"),
    (["dif", OLD, NEW], "no command 'dif'; did you mean diff?",
     "pas de commande 'dif' ; vouliez-vous dire diff ?"),
    (["frobnicate"], "no command 'frobnicate'", "pas de commande 'frobnicate'"),
    (["diff", OLD, NEW, "extra"], "unexpected extra arguments: extra",
     "arguments en trop : extra"),
    (["diff", OLD, NEW, "--to"], "--to needs a value", "--to demande une valeur"),
    (["diff", OLD, NEW, "--full=yes"], "--full takes no value", "--full ne prend pas de valeur"),
    (["apply", OLD, "x.json"], "missing option -o / --output", "il manque l’option -o / --output"),
    (["--nope", "diff"], "no option --nope", "pas d’option --nope"),
    (["--color=sometimes", "diff", OLD, NEW], "--color takes auto, always or never",
     "--color prend auto, always ou never"),
    (["diff", OLD, NEW, "--color", "sometimes"], "--color takes auto, always or never",
     "--color prend auto, always ou never"),
    (["batch", "-o", "out.jsonl", "--jobs", "two"], "--jobs takes a whole number, not 'two'",
     "--jobs prend un nombre entier, pas 'two'"),
    (["batch", "-o", "out.jsonl", "--chunk-size", "0"],
     "--chunk-size takes a number of at least 1, not 0",
     "--chunk-size prend un nombre d’au moins 1, pas 0"),
    (["store", "nope"], "no command 'nope'", "pas de commande 'nope'"),
]


@pytest.mark.parametrize(("arguments", "english", "french"), USAGE_ERRORS,
                         ids=[" ".join(map(str, case[0][:1] + case[0][-1:]))
                              for case in USAGE_ERRORS])
def test_a_usage_error_is_one_line_and_exit_2_in_both_languages(
        arguments: list[str | Path], english: str, french: str, tmp_path: Path) -> None:
    shown_en = run(*arguments, language="C", cwd=tmp_path)
    shown_fr = run(*arguments, language="fr_FR.UTF-8", cwd=tmp_path)
    for result, prefix, expected in ((shown_en, "amendtrack: error: ", english),
                                     (shown_fr, "amendtrack: erreur : ", french)):
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(prefix) and expected in lines[0], lines[0]
        assert "Usage" not in lines[0] and "Traceback" not in result.stderr
    problem = _prose(shown_fr.stderr.split("erreur : ", 1)[1], "\0")  # no option, no file
    quoted = _words(" ".join(map(str, arguments)))  # what the user typed, quoted back
    english_words = _words(problem) - quoted
    assert not english_words & ENGLISH_WORDS, shown_fr.stderr
    assert list(tmp_path.iterdir()) == [], "a refused command wrote something"


def test_the_hint_names_the_command_to_ask_for_help() -> None:
    assert run("diff").stderr.rstrip().endswith("(see amendtrack diff --help)")
    assert run("diff", language="fr_FR.UTF-8").stderr.rstrip().endswith(
        "(voir amendtrack diff --help)")
    assert run("store", "nope").stderr.rstrip().endswith("(see amendtrack store --help)")


def test_amendtrack_alone_shows_the_help_in_the_users_language() -> None:
    alone = run(language="fr_FR.UTF-8")
    assert alone.returncode == 2
    assert alone.stderr.startswith("Utilisation : amendtrack [OPTIONS] COMMANDE")


GLOBAL_OPTIONS = [["--no-color"], ["--color=never"], ["--color", "always"], ["--no-pager"]]


@pytest.mark.parametrize("path", [path for path in PATHS if path],
                         ids=[" ".join(path) for path in PATHS if path])
def test_every_command_accepts_the_global_options_after_its_name(path: tuple[str, ...]) -> None:
    page = run(*path, "--help").stdout
    for option in ("--store DIR", "--color auto|always|never", "--no-color", "--no-pager"):
        assert option in page, page


def test_global_options_work_before_and_after_the_command(tmp_path: Path) -> None:
    before = run("--no-color", "--no-pager", "diff", OLD, NEW)
    after = run("diff", OLD, NEW, "--no-color", "--no-pager")
    mixed = run("--color=always", "diff", OLD, NEW, "--color=never")
    assert before.returncode == after.returncode == mixed.returncode == 0, after.stderr
    assert before.stdout == after.stdout == mixed.stdout
    assert "{+qui seront réalisées" in after.stdout


def test_diff_takes_store_after_the_command_like_every_other_command(tmp_path: Path) -> None:
    store = tmp_path / "registre"
    assert run("store", "init", store).returncode == 0
    for version in (OLD, NEW):
        added = run("add", version, "--deliberation", "caf", "--store", store)
        assert added.returncode == 0, added.stderr
    after = run("diff", "caf@1", "caf@2", "--store", store)
    before = run("--store", store, "diff", "caf@1", "caf@2")
    assert after.returncode == before.returncode == 0, after.stderr
    assert after.stdout == before.stdout == run("diff", OLD, NEW).stdout
    overridden = run("--store", tmp_path / "absent", "diff", "caf@1", "caf@2", "--store", store)
    assert overridden.returncode == 0, overridden.stderr
    elsewhere = run("diff", "caf@1", "caf@2", "--store", tmp_path / "absent")
    assert elsewhere.returncode == 2 and len(elsewhere.stderr.splitlines()) == 1


def test_plugins_lists_the_options_of_each_renderer() -> None:
    listing = run("plugins")
    assert listing.returncode == 0, listing.stderr
    blocks = {block.split(" ", 1)[0]: block for block in listing.stdout.split("\n\n")}
    assert {"terminal", "html", "odt", "docx", "pdf", "markdown", "json"} <= set(blocks)
    assert "-O title=…  the page title" in blocks["html"]
    assert "-O tracked_changes=…" in blocks["docx"]
    assert "no -O option" in blocks["json"]
    assert "used by: diff, amend, show" in blocks["html"]
    assert all(len(line) <= 100 for line in listing.stdout.splitlines())
    french = run("plugins", language="fr_FR.UTF-8")
    assert "-O title=…" in french.stdout and "utilisé par : diff, amend, show" in french.stdout
    assert "aucune option -O" in french.stdout


def test_a_deprecated_command_says_so_in_the_users_language(
        capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    from amendtrack import translation
    from amendtrack.cli.usage import Command, Group

    def old_add() -> None:
        print("added")

    app = typer.Typer(cls=Group, add_completion=False, rich_markup_mode=None)
    app.command("add", cls=Command, help="Record a version.", deprecated="use store add")(old_add)
    app.command("other", cls=Command, help="Something else.")(lambda: None)
    translation.install("fr")
    try:
        command = typer.main.get_command(app)
        assert command.main(["add"], prog_name="amendtrack", standalone_mode=False) is None
        ran = capsys.readouterr()
        assert ran.out == "added\n"
        assert ran.err == ("amendtrack: attention : amendtrack add est obsolète : use store add"
                           "\n")
        command.main(["add", "--help"], prog_name="amendtrack", standalone_mode=False)
        page = capsys.readouterr().out
        assert "(obsolète : use store add)" in page and "DEPRECATED" not in page
        command.main(["--help"], prog_name="amendtrack", standalone_mode=False)
        listing = capsys.readouterr().out
        assert "Record a version. (obsolète : use store add)" in listing
    finally:
        translation.install("en")
