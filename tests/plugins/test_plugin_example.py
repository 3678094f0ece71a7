"""The example third-party plugin (samples/plugin-example) installed in a fresh virtual
environment beside amendtrack, and deliberately broken plugins next to it.

One environment per session: ``python -m venv`` then ``pip install`` of a copy of this
checkout and of the example (about 25 s, most of it pip building amendtrack's wheel).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "samples" / "plugin-example"
SAMPLES = ROOT / "samples" / "aulnoy-ctg-caf"
AULNOY = [str(SAMPLES / "2022-02-02.xml"), str(SAMPLES / "2022-12-07.xml")]
_SOURCES = ("amendtrack", "plugins", "schemas", "pyproject.toml", "README.md")


@dataclass(frozen=True)
class Environment:
    """A fresh virtual environment with amendtrack and the example installed."""

    bin: Path
    seconds: float

    def amendtrack(self, *arguments: str, extra_path: Path | None = None,
                   cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {key: value for key, value in os.environ.items()
               if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
        if extra_path is not None:
            env["PYTHONPATH"] = str(extra_path)
        return subprocess.run([str(self.bin / "amendtrack"), *arguments], capture_output=True,
                              text=True, env=env, cwd=cwd, timeout=120)


def _copy_checkout(target: Path) -> Path:
    # pip builds in the source tree (build/, *.egg-info): build a copy, not the checkout.
    target.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in _SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Environment:
    base = tmp_path_factory.mktemp("plugin-venv")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(base / "env")], check=True, timeout=120)
    pip = [str(base / "env" / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    result = subprocess.run(
        [*pip, str(_copy_checkout(base / "amendtrack")),
         str(_copy_example(base / "example"))],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return Environment(base / "env" / "bin", time.monotonic() - started)


def _copy_example(target: Path) -> Path:
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(
        "__pycache__", "*.egg-info", "build"))
    return target


def test_example_is_listed_with_its_distribution(venv: Environment) -> None:
    result = venv.amendtrack("plugins", "--json")
    assert result.returncode == 0, result.stderr
    listing = {entry["name"]: entry for entry in json.loads(result.stdout)}
    latex = listing["latex"]
    assert (latex["distribution"], latex["version"], latex["status"]) == (
        "amendtrack-latex-example", "0.1.0", "ok")
    assert latex["extensions"] == ["tex"] and latex["media_type"] == "application/x-latex"
    assert {"terminal", "html", "odt", "markdown", "json"} <= set(listing)
    assert result.stderr == ""
    print(f"fresh environment ready in {venv.seconds:.1f} s")


def test_example_is_used_by_to_and_by_extension(venv: Environment, tmp_path: Path) -> None:
    result = venv.amendtrack("diff", *AULNOY, "--to", "latex", "-O", "documentclass=report")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(r"\documentclass{report}")
    assert r"\textbf{qui seront réalisées pour les bonus territoriaux" in result.stdout
    result = venv.amendtrack("amend", *AULNOY, "-o", str(tmp_path / "acte.tex"))
    assert result.returncode == 0, result.stderr
    assert r"\textbf{qui seront" in (tmp_path / "acte.tex").read_text(encoding="utf-8")


_BROKEN = {
    "amendtrack-broken-import": ("broken-import", "broken_import_plugin", "Renderer",
                                 "raise RuntimeError('this plugin is broken on purpose')\n"),
    "amendtrack-broken-protocol": ("broken-protocol", "broken_protocol_plugin", "Renderer",
                                   "class Renderer:\n    name = 'broken-protocol'\n"
                                   "    description = 'no media type, no render'\n"),
}


@pytest.fixture(scope="session")
def broken_site(venv: Environment, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two tiny distributions built and installed (pip --target) into a directory of their own,
    put on PYTHONPATH: one raises on import, one does not satisfy the protocol."""
    base = tmp_path_factory.mktemp("broken")
    projects = []
    for dist, (entry, module, cls, source) in _BROKEN.items():
        project = base / dist
        project.mkdir()
        (project / "pyproject.toml").write_text(textwrap.dedent(f"""\
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "{dist}"
            version = "0.0.1"
            [project.entry-points."amendtrack.renderers"]
            {entry} = "{module}:{cls}"
            [tool.setuptools]
            py-modules = ["{module}"]
            """), encoding="utf-8")
        (project / f"{module}.py").write_text(source, encoding="utf-8")
        projects.append(str(project))
    site = base / "site"
    subprocess.run([str(venv.bin / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(site), *projects],
                   check=True, capture_output=True, timeout=300)
    return site


def test_broken_plugins_only_warn(venv: Environment, broken_site: Path, tmp_path: Path) -> None:
    listing = venv.amendtrack("plugins", "--json", extra_path=broken_site)
    assert listing.returncode == 0, listing.stderr
    status = {entry["name"]: entry["status"] for entry in json.loads(listing.stdout)}
    assert status["broken-import"] == status["broken-protocol"] == "broken"
    assert status["latex"] == status["html"] == "ok"
    warnings = listing.stderr.strip().splitlines()
    assert len(warnings) == 2
    assert any("amendtrack-broken-import" in w and "broken on purpose" in w for w in warnings)
    assert any("amendtrack-broken-protocol" in w and "media_type" in w for w in warnings)
    # -o acte.tex: no renderer is named tex, so the others are tried, the broken ones first.
    chosen = venv.amendtrack("amend", *AULNOY, "-o", str(tmp_path / "acte.tex"),
                             extra_path=broken_site)
    assert chosen.returncode == 0, chosen.stderr
    assert r"\textbf{qui seront" in (tmp_path / "acte.tex").read_text(encoding="utf-8")
    assert "amendtrack-broken-import" in chosen.stderr
    assert "Traceback" not in chosen.stderr
    for name in ("html", "markdown", "latex"):
        result = venv.amendtrack("diff", *AULNOY, "--to", name, extra_path=broken_site)
        assert result.returncode == 0 and "qui seront" in result.stdout, result.stderr
        assert result.stderr == ""  # --to imports only the renderer asked for
