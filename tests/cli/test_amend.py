"""The amend command: warnings on swapped or unrelated versions, deletions shown or hidden, the
exposé and the house template, the facts given with --meta."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "deliberations"


def amendtrack(*arguments: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "amendtrack", *map(str, arguments)],
                          capture_output=True, text=True, check=False, cwd=cwd)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("pair")
    paths = []
    for side in ("old", "new"):
        target = folder / f"{side}.xml"
        result = amendtrack("import", GOLDEN / "syndicat-annule-remplace" / f"{side}.md",
                            "-o", target)
        assert result.returncode == 0, result.stderr
        paths.append(target)
    return paths[0], paths[1]


def warnings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("amendtrack: warning")]


def test_a_related_pair_gives_no_warning(pair: tuple[Path, Path]) -> None:
    result = amendtrack("amend", *pair)
    assert result.returncode == 0, result.stderr
    assert warnings(result) == []
    assert "~~Article 3 : Une remise de 10 %" in result.stdout  # deletions shown by default


def test_swapped_arguments_are_named(pair: tuple[Path, Path]) -> None:
    old, new = pair
    for command in ("amend", "diff"):
        result = amendtrack(command, new, old)
        assert result.returncode == 0
        said = warnings(result)
        assert any("NEW (séance of 2022-11-21) is older than OLD (séance of 2023-01-30)" in line
                   for line in said), said
        assert any("NEW does not say that it modifies OLD" in line for line in said), said


def test_a_new_version_modifying_another_deliberation(pair: tuple[Path, Path],
                                                        tmp_path: Path) -> None:
    old, _ = pair
    other = tmp_path / "other.xml"
    source = GOLDEN / "tarifs-piscine-maire" / "new.md"
    assert amendtrack("import", source, "-o", other).returncode == 0
    result = amendtrack("diff", old, other)
    assert ("amendtrack: warning: NEW does not say that it modifies OLD: it modifies the "
            "deliberation n° 2022-87 of 2022-12-12, OLD is that of 2022-11-21") in result.stderr


def test_hidden_deletions_are_counted(pair: tuple[Path, Path]) -> None:
    result = amendtrack("amend", *pair, "--deletions", "hide")
    assert result.returncode == 0
    amendment = diff(version_xml.load(pair[0]), version_xml.load(pair[1]))
    words = sum(len("".join(span.text for span in inline.old).split())
                for op in amendment.blocks for inline in op.inline if inline.kind.value == "delete")
    assert words > 5
    assert warnings(result) == [
        "amendtrack: warning: --deletions hide: the output does not show 1 deleted alinéa "
        f"and {words} deleted words in the alinéas it shows"]
    assert "~~" not in result.stdout and "Une remise de 10 %" not in result.stdout
    assert "(rajout en gras)" in result.stdout


def test_a_deleted_alinea_as_a_mention(pair: tuple[Path, Path]) -> None:
    result = amendtrack("amend", *pair, "--deletions", "mention")
    assert result.returncode == 0
    assert "\n*(supprimé)*\n" in result.stdout
    assert "les alinéas supprimés sont signalés par la mention « (supprimé) »" in result.stdout
    assert "~~1,35 euro~~" in result.stdout  # deleted words stay struck through
    bad = amendtrack("amend", *pair, "--deletions", "maybe")
    assert bad.returncode == 2 and "--deletions takes show, mention or hide" in bad.stderr


def test_the_expose_given_as_text_or_file(pair: tuple[Path, Path], tmp_path: Path) -> None:
    text = "Monsieur le Président expose que le comptable public a relevé une irrégularité."
    result = amendtrack("amend", *pair, "--expose", text)
    assert f"{text.removesuffix('.')} de la manière suivante : **(les ajouts" in result.stdout
    file = tmp_path / "expose.txt"
    file.write_text("Monsieur le Président expose ce qui suit :\n", encoding="utf-8")
    result = amendtrack("amend", *pair, "--expose", file)
    assert "Monsieur le Président expose ce qui suit : **(les ajouts" in result.stdout


def test_a_house_template(pair: tuple[Path, Path], tmp_path: Path) -> None:
    printed = amendtrack("act-template")
    assert printed.returncode == 0 and "[expose]" in printed.stdout
    template = tmp_path / "modele.toml"
    template.write_text(printed.stdout.replace(
        'ajouts = "les ajouts figurent en gras"', 'ajouts = "les mots ajoutés sont en gras"'),
        encoding="utf-8")
    result = amendtrack("amend", *pair, "--template", template)
    assert result.returncode == 0, result.stderr
    assert "**(les mots ajoutés sont en gras, les suppressions sont barrées)**" in result.stdout
    partial = tmp_path / "partiel.toml"
    partial.write_text('[notice]\nmarques = "[{marques}]"\n', encoding="utf-8")
    result = amendtrack("amend", *pair, "--template", partial)
    assert "**\\[les ajouts figurent en gras, les suppressions sont barrées\\]**" in result.stdout


@pytest.mark.parametrize(("content", "problem"), [
    ('[notice]\nmarques = "({inconnu})"\n', "notice.marques: unknown placeholder {inconnu}"),
    ('[notice]\nautre = "x"\n', "unknown key notice.autre"),
    ('[decision]\navec_vote = "une ligne"\n', "decision.avec_vote must be a list of lines"),
    ("[notice\n", "not a valid template file"),
])
def test_a_bad_template_is_one_line(pair: tuple[Path, Path], tmp_path: Path, content: str,
                                    problem: str) -> None:
    template = tmp_path / "modele.toml"
    template.write_text(content, encoding="utf-8")
    output = tmp_path / "acte.md"
    result = amendtrack("amend", *pair, "--template", template, "-o", output)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"amendtrack: error: {template}: ")
    assert problem in result.stderr
    assert not output.exists()


def test_facts_for_the_open_data_export(tmp_path: Path) -> None:
    output = tmp_path / "v.xml"
    facts = {"siret": "21590038200011", "siren": "215900382", "actes_matiere": "7.5",
             "actes_matiere_nom": "Finances locales/Subventions", "actes_accuse": "059-215900382-20231211-2023_98-DE",
             "actes_accuse_date": "2023-12-12", "actes_prefecture": "PREF0591",
             "budget_annee": "2024", "budget_nom": "Budget principal",
             "url": "https://www.prouvy.fr/deliberations/2023-98.pdf", "en_exercice": "15",
             "votants": "15", "presidence": "Madame la Maire", "president": "Nadia BENALI"}
    meta = [arg for key, value in facts.items() for arg in ("--meta", f"{key}={value}")]
    result = amendtrack("import", GOLDEN / "annexe-tarifs" / "new.md", "-o", output, *meta)
    assert result.returncode == 0, result.stderr
    metadata = version_xml.load(output).metadata
    assert {key: str(getattr(metadata, key)) for key in facts} == facts
    assert metadata.vote is not None and metadata.vote.pour == 15


@pytest.mark.parametrize(("pair", "problem"), [
    ("siret=2159003820001", "'siret' must be 14 digits"),
    ("siret=21590038300011", "does not belong to the SIREN 215900382"),
    ("url=www.prouvy.fr", "must be an http or https address"),
    ("budget_annee=24", "'budget_annee' must be 4 digits"),
    ("actes_accuse_date=12/12/2023", "not a date"),
])
def test_bad_open_data_facts(tmp_path: Path, pair: str, problem: str) -> None:
    result = amendtrack("import", GOLDEN / "annexe-tarifs" / "new.md", "-o", tmp_path / "v.xml",
                        "--meta", "siren=215900382", "--meta", pair)
    assert result.returncode == 2 and problem in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


def test_meta_modifies_prints_the_title_once(tmp_path: Path) -> None:
    # A version imported from its own text, told what it modifies: its title block stays the
    # header, and the act adds only the modification line.
    old, new = tmp_path / "old.xml", tmp_path / "new.xml"
    assert amendtrack("import", GOLDEN / "visa-insere" / "old.md", "-o", old).returncode == 0
    source = tmp_path / "nouvelle.md"
    source.write_text((GOLDEN / "visa-insere" / "new.md").read_text(encoding="utf-8").replace(
        "  \n**Modification de la délibération n° 2023-009 du 6 février 2023**", ""),
        encoding="utf-8")
    imported = amendtrack("import", source, "-o", new, "--meta", "modifies=2023-02-06",
                          "--meta", "modifies_numero=2023-009")
    assert imported.returncode == 0, imported.stderr
    act = amendtrack("amend", old, new).stdout
    assert act.count("Règlement intérieur du cimetière communal") == 1
    assert act.count("Modification de la délibération n° 2023-009 du 6 février 2023") == 1
