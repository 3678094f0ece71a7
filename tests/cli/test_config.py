"""The configuration file amendtrack.toml: found in the store folder and in the user's folder,
each key reaching the command it configures, precedence (command line > store's file > user's
file > built-in defaults; a version's own facts > configured facts), and bad files refused with
one line, exit 2. Run as a user would: ``python -m amendtrack`` in a subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from amendtrack.cli.config import (
    CONFIG_NAME,
    MAX_CONFIG_BYTES,
    Config,
    config_files,
    load_config,
    read_config,
    store_folder,
)
from amendtrack.errors import InputError
from amendtrack.store.repository import default_store_dir

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "aulnoy-ctg-caf"
NO_USER = {"XDG_CONFIG_HOME": "/nonexistent/amendtrack-test"}


def amendtrack(*arguments: str | Path, cwd: Path, env: Mapping[str, str] | None = None,
               ) -> subprocess.CompletedProcess[str]:
    environ = {key: value for key, value in os.environ.items()
               if key not in ("AMENDTRACK_STORE", "LC_ALL", "LC_MESSAGES", "LANG")}
    environ.update({"LANG": "C.UTF-8", **NO_USER, **(env or {})})
    return subprocess.run([sys.executable, "-m", "amendtrack", *map(str, arguments)],
                          capture_output=True, text=True, check=False, cwd=cwd, env=environ)


def _without(text: str, *patterns: str) -> str:
    for pattern in patterns:
        text, count = re.subn(pattern, "", text, flags=re.DOTALL)
        assert count, pattern  # the sample still has what the test removes
    return text


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """The Aulnoy pair stripped of the facts a configuration gives: NEW (``new.xml``) states
    neither who presides nor the assembly and has no recorded act, so the act composes its
    exposé and signature from the house template; NEW drops an alinéa (``p2``). ``stated.xml``
    is the same NEW stating who presides. A store folder ``store`` (a plain folder)."""
    signatures = r"\s*<signature id=\"s\d\">.*?</signature>"
    assembly = r"\s*<assemblee>.*?</assemblee>"
    old = _without((SAMPLE / "2022-02-02.xml").read_text(encoding="utf-8"), signatures, assembly)
    (tmp_path / "old.xml").write_text(old, encoding="utf-8")
    new = _without((SAMPLE / "2022-12-07.xml").read_text(encoding="utf-8"), signatures,
                   assembly, r"\s*<modifying-act.*?</modifying-act>", r"\s*<p id=\"p2\">.*?</p>")
    (tmp_path / "stated.xml").write_text(new, encoding="utf-8")
    (tmp_path / "new.xml").write_text(_without(new, r"\s*<presidence>.*?</presidence>"),
                                      encoding="utf-8")
    (tmp_path / "store").mkdir()
    return tmp_path


def configure(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CONFIG_NAME
    path.write_text(text, encoding="utf-8")
    return path


def warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("amendtrack: warning")]


# --- where the files are ----------------------------------------------------------------------


def test_the_store_folder_is_the_one_the_command_uses() -> None:
    environ = {"AMENDTRACK_STORE": "/srv/registre"}
    assert store_folder(["diff", "a", "b", "--store", "s"], environ) == Path("s")
    assert store_folder(["--store", "s", "diff", "a", "b"], {}) == Path("s")
    assert store_folder(["--store=s", "log", "x"], {}) == Path("s")
    assert store_folder(["--store", "first", "log", "--store", "last"], {}) == Path("last")
    assert store_folder(["diff", "--", "--store", "x"], environ) == Path("/srv/registre")
    assert store_folder(["diff", "a", "b"], environ) == Path("/srv/registre")


@pytest.mark.parametrize("value", [None, "", "/srv/registre"])
def test_the_default_store_folder_is_the_store_s(value: str | None,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # config.py spells the default without importing amendtrack.store (start-up time).
    if value is None:
        monkeypatch.delenv("AMENDTRACK_STORE", raising=False)
    else:
        monkeypatch.setenv("AMENDTRACK_STORE", value)
    assert store_folder([], os.environ) == default_store_dir()


def test_the_user_file_follows_xdg_config_home() -> None:
    user, store = config_files(Path("s"), {"XDG_CONFIG_HOME": "/x", "HOME": "/home/m"})
    assert user == Path("/x/amendtrack/amendtrack.toml")
    assert store == Path("s/amendtrack.toml")
    user, _ = config_files(Path("s"), {"HOME": "/home/m"})
    assert user == Path("/home/m/.config/amendtrack/amendtrack.toml")


def test_the_store_s_file_wins_key_by_key(tmp_path: Path) -> None:
    user = configure(tmp_path / "xdg" / "amendtrack",
                     'suppressions = "hide"\ncollectivite = "Ville de X"\nmodele = "m.toml"\n')
    store = configure(tmp_path / "store", 'suppressions = "mention"\nlangue = "fr"\n')
    config = load_config(tmp_path / "store", {"XDG_CONFIG_HOME": str(tmp_path / "xdg")})
    assert (config.suppressions, config.langue, config.collectivite) == ("mention", "fr",
                                                                         "Ville de X")
    assert config.modele == user.parent / "m.toml"  # relative to the file naming it
    assert config.origin("suppressions") == str(store)
    assert config.origin("collectivite") == str(user)
    assert load_config(tmp_path / "nowhere", {"XDG_CONFIG_HOME": str(tmp_path / "no")}) \
        == Config()


def test_an_empty_file_configures_nothing(tmp_path: Path) -> None:
    assert read_config(configure(tmp_path, "")) == Config()
    assert read_config(configure(tmp_path, "# rien pour l'instant\n\n")) == Config()


# --- bad files --------------------------------------------------------------------------------

BAD = [
    ('presidnce = "Madame la Maire"\n', "unknown key 'presidnce' (known: langue, collectivite"),
    ("langue = 1\n", "langue must be a string in quotes, not 1"),
    ('langue = "de"\n', "langue takes en|fr, not 'de'"),
    ('suppressions = "barrer"\n', "suppressions takes show|mention|hide, not 'barrer'"),
    ("[president]\nnom = 'X'\n", "president must be a string in quotes"),
    ('collectivite = ""\n', "collectivite is empty; remove the line to leave it unset"),
    ('langue = "fr"\nrendu = "odt\n', "not valid TOML at line 2, column 13"),
    ("langue = fr\n", "not valid TOML at line 1, column 10"),
    ('langue = "fr"\nlangue = "en"\n', "not valid TOML at line 2, column 14"),  # twice
    ('langue = ["fr",', "not valid TOML: the file ends before a value or a "
     "table is complete, or sets a key twice"),
]


@pytest.mark.parametrize(("text", "problem"), BAD)
def test_a_bad_file_is_one_line_exit_2(text: str, problem: str, work: Path) -> None:
    path = configure(work / "store", text)
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"amendtrack: error: store/{CONFIG_NAME}: {problem}")
    assert result.stdout == ""
    assert path.exists()


def test_a_bad_user_file_is_named(work: Path) -> None:
    path = configure(work / "xdg" / "amendtrack", "rendu = 3\n")
    result = amendtrack("validate", "old.xml", cwd=work, env={"XDG_CONFIG_HOME": str(work / "xdg")})
    assert result.returncode == 2
    assert result.stderr == f"amendtrack: error: {path}: rendu must be a string in quotes, not 3\n"


def test_bytes_that_are_not_a_configuration(work: Path) -> None:
    store = work / "store" / CONFIG_NAME
    for data, problem in (
        (b"langue = '\xe9'\n", "a configuration file is UTF-8 text"),
        (b"# " + b"x" * MAX_CONFIG_BYTES + b"\n",
         f"a configuration file has at most {MAX_CONFIG_BYTES} bytes; this one has "
         f"{MAX_CONFIG_BYTES + 3}"),
        (b"a = [" * 2000, "not valid TOML"),
    ):
        store.write_bytes(data)
        result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
        assert result.returncode == 2, data[:20]
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith(f"amendtrack: error: store/{CONFIG_NAME}: {problem}")
        assert "Traceback" not in result.stderr


def test_a_folder_or_an_unreadable_file_is_bad_input(work: Path) -> None:
    (work / "store" / CONFIG_NAME).mkdir()
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
    assert result.returncode == 2
    assert result.stderr.startswith(f"amendtrack: error: store/{CONFIG_NAME}: ")
    assert len(result.stderr.splitlines()) == 1
    (work / "store" / CONFIG_NAME).rmdir()
    if os.geteuid() == 0:
        return  # root reads a file of mode 000
    path = configure(work / "store", 'langue = "fr"\n')
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="cannot read"):
            read_config(path)
    finally:
        path.chmod(0o600)


# --- each key reaches its command -------------------------------------------------------------


def test_presidence_and_president_reach_the_act(work: Path) -> None:
    configure(work / "store", 'presidence = "Madame la Maire"\npresident = "Marie DUPONT"\n')
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "Madame la Maire expose qu'il est nécessaire de modifier" in result.stdout
    assert "Pour extrait conforme,  \nLa Maire,  \nMarie DUPONT" in result.stdout
    origin = f"store/{CONFIG_NAME}"
    assert warnings(result) == [
        f"amendtrack: warning: the act names who presides « Madame la Maire », from {origin}: "
        "no fact of the versions says who does",
        f"amendtrack: warning: the act names the president « Marie DUPONT », from {origin}: "
        "no fact of the versions names them",
        "amendtrack: warning: the act names the assembly « conseil municipal », inferred from "
        "the collectivité; give it with --meta assemblee='…' when importing NEW",
    ]


def test_a_version_that_says_who_presides_keeps_its_own(work: Path) -> None:
    configure(work / "store", 'presidence = "Madame la Maire"\npresident = "Marie DUPONT"\n')
    result = amendtrack("amend", "old.xml", "stated.xml", "--store", "store", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "Monsieur le Président expose" in result.stdout
    assert "Madame la Maire" not in result.stdout
    assert "Marie DUPONT" not in result.stdout
    assert not any("presides" in line or "president" in line for line in warnings(result))


def test_assemblee_reaches_the_act_unless_a_version_states_it(work: Path) -> None:
    configure(work / "store", 'assemblee = "conseil communautaire"\n')
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "adoptée par le conseil communautaire" in result.stdout
    assert (f"amendtrack: warning: the act names the assembly « conseil communautaire », from "
            f"store/{CONFIG_NAME}: no fact of the versions says which") in warnings(result)
    stated = (work / "old.xml").read_text(encoding="utf-8").replace(
        "<seance>", "<assemblee>conseil municipal</assemblee>\n    <seance>")
    (work / "old.xml").write_text(stated, encoding="utf-8")
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
    assert "adoptée par le conseil municipal" in result.stdout
    assert "communautaire" not in result.stdout + result.stderr


def test_suppressions_and_their_precedence(work: Path) -> None:
    xdg = {"XDG_CONFIG_HOME": str(work / "xdg")}
    deleted = "Ce contrat a été remis en question"

    def act(*options: str) -> str:
        result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", *options,
                            cwd=work, env=xdg)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert f"~~{deleted}" in act()  # built-in default: struck through
    configure(work / "xdg" / "amendtrack", 'suppressions = "hide"\n')
    assert deleted not in act()  # the user's file
    configure(work / "store", 'suppressions = "mention"\n')
    mentioned = act()  # the store's file over the user's
    assert deleted not in mentioned
    assert "*(supprimé)*" in mentioned
    assert f"~~{deleted}" in act("--deletions", "show")  # the command line over both


def test_rendu_is_amend_s_renderer_unless_the_command_line_says(work: Path) -> None:
    configure(work / "store", 'rendu = "html"\n')
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip().lower().startswith("<!doctype html")
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", "--to", "markdown",
                        cwd=work)
    assert "<html" not in result.stdout
    assert "**" in result.stdout
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", "-o", "acte.md",
                        cwd=work)
    assert result.returncode == 0, result.stderr
    assert "<html" not in (work / "acte.md").read_text(encoding="utf-8")


def test_an_unknown_renderer_is_named_when_it_would_be_used(work: Path) -> None:
    configure(work / "store", 'rendu = "word97"\n')
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
    assert result.returncode == 2
    assert re.fullmatch(rf"amendtrack: error: store/{CONFIG_NAME}: rendu: no renderer is named "
                        r"'word97' \(installed: [a-z, -]*markdown[a-z, -]*\)\n", result.stderr)
    assert result.stdout == ""
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", "--to", "markdown",
                        cwd=work)
    assert result.returncode == 0, result.stderr  # the command line decides: rendu unused


def test_modele_is_amend_s_house_template(work: Path) -> None:
    (work / "store" / "maison.toml").write_text(
        '[expose]\nmodification = "Sur le rapport {de_presidence}, il est proposé de '
        'modifier la délibération {reference} :"\n', encoding="utf-8")
    configure(work / "store", 'modele = "maison.toml"\npresidence = "Madame la Maire"\n')
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "Sur le rapport de Madame la Maire, il est proposé de modifier" in result.stdout
    (work / "mine.toml").write_text('[expose]\nmodification = "Autre phrase :"\n',
                                    encoding="utf-8")
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", "--template",
                        "mine.toml", cwd=work)
    assert "Autre phrase :" in result.stdout
    assert "Sur le rapport" not in result.stdout


def test_a_missing_modele_is_named_with_its_configuration(work: Path) -> None:
    configure(work / "store", 'modele = "absent.toml"\n')
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work)
    assert result.returncode == 2
    assert result.stderr == (f"amendtrack: error: store/{CONFIG_NAME}: modele names "
                             f"store/absent.toml, which does not exist\n")


def test_the_store_is_found_from_the_environment_and_before_the_command(work: Path) -> None:
    configure(work / "store", 'presidence = "Madame la Maire"\n')
    for arguments, env in ((("amend", "old.xml", "new.xml"), {"AMENDTRACK_STORE": "store"}),
                           (("--store", "store", "amend", "old.xml", "new.xml"), {})):
        result = amendtrack(*arguments, cwd=work, env=env)
        assert result.returncode == 0, result.stderr
        assert "Madame la Maire expose" in result.stdout
    result = amendtrack("amend", "old.xml", "new.xml", cwd=work)  # ./deliberations: none
    assert "Madame la Maire" not in result.stdout


def test_collectivite_reaches_a_document_that_does_not_state_it(work: Path) -> None:
    (work / "acte.md").write_text("Objet : Tarifs\n\nLe conseil fixe les tarifs.\n",
                                  encoding="utf-8")
    configure(work / "store", 'collectivite = "Commune de Trith-Saint-Léger"\n')
    given = ("--meta", "seance=2024-01-15")
    result = amendtrack("--store", "store", "import", "acte.md", "-o", "v.xml", *given, cwd=work)
    assert result.returncode == 0, result.stderr
    assert "<collectivite>Commune de Trith-Saint-Léger</collectivite>" in (
        work / "v.xml").read_text(encoding="utf-8")
    assert (f"amendtrack: warning: collectivite=Commune de Trith-Saint-Léger from "
            f"store/{CONFIG_NAME}: the document does not state it") in warnings(result)
    result = amendtrack("show", "acte.md", "--to", "xml", "--store", "store", *given, cwd=work)
    assert "<collectivite>Commune de Trith-Saint-Léger</collectivite>" in result.stdout
    result = amendtrack("--store", "store", "show", "acte.md", "--to", "xml", *given,
                        "--meta", "collectivite=Ville de Valenciennes", cwd=work)
    assert "<collectivite>Ville de Valenciennes</collectivite>" in result.stdout  # --meta wins
    assert not any("collectivite=" in line for line in warnings(result))
    (work / "ville.md").write_text("VILLE DE DENAIN\n\nObjet : Tarifs\n\nLe conseil fixe.\n",
                                   encoding="utf-8")
    result = amendtrack("--store", "store", "show", "ville.md", "--to", "xml", *given, cwd=work)
    assert result.returncode == 0, result.stderr
    assert "<collectivite>VILLE DE DENAIN</collectivite>" in result.stdout  # the document's own
    assert "Trith" not in result.stdout + result.stderr


# --- langue -----------------------------------------------------------------------------------


def test_langue_fr_speaks_french_whatever_the_locale(work: Path) -> None:
    configure(work / "store", 'langue = "fr"\n')
    result = amendtrack("amend", "old.xml", "absent.xml", "--store", "store", cwd=work,
                        env={"LANG": "C", "LANGUAGE": "en"})
    assert result.returncode == 2
    assert result.stderr.startswith("amendtrack: erreur : absent.xml : ")
    configure(work / "store", 'langue = "en"\n')
    result = amendtrack("amend", "old.xml", "absent.xml", "--store", "store", cwd=work,
                        env={"LANG": "fr_FR.UTF-8", "LANGUAGE": ""})
    assert result.stderr.startswith("amendtrack: error: absent.xml: ")


def test_a_bad_file_is_said_in_the_locale_s_language(work: Path) -> None:
    configure(work / "store", 'langue = "fr"\nassemble = "x"\n')
    result = amendtrack("amend", "old.xml", "new.xml", "--store", "store", cwd=work,
                        env={"LANG": "fr_FR.UTF-8", "LANGUAGE": ""})
    assert result.returncode == 2
    assert result.stderr.startswith(f"amendtrack: erreur : store/{CONFIG_NAME} : clé inconnue "
                                    "'assemble'")


def test_langue_fr_reaches_the_help(work: Path) -> None:
    # The language is chosen before typer writes a word: from the store named after the command.
    configure(work / "store", 'langue = "fr"\n')
    result = amendtrack("diff", "--help", "--store", "store", cwd=work, env={"LANG": "C"})
    assert result.returncode == 0, result.stderr
    assert "[obligatoire]" in result.stdout
    assert "[required]" not in result.stdout
    result = amendtrack("diff", "--help", cwd=work, env={"LANG": "C"})
    assert "[required]" in result.stdout
