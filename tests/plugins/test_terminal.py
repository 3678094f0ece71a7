"""The terminal renderer: wdiff markers in a pipe, escape sequences on a real terminal (tmux)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from amendtrack import version_xml
from amendtrack.importers.text import version_from_text
from amendtrack.model import Metadata, VersionInfo

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "aulnoy-ctg-caf"
AULNOY = [str(SAMPLES / "2022-02-02.xml"), str(SAMPLES / "2022-12-07.xml")]
AMENDTRACK = str(Path(sys.executable).with_name("amendtrack"))
BOLD = re.compile(r"\x1b\[(?:[0-9;]*;)?1(?:;[0-9;]*)?m")
STRIKE = re.compile(r"\x1b\[(?:[0-9;]*;)?9(?:;[0-9;]*)?m")
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-7]|9[0-7]|38;[0-9;]+)m")


@pytest.fixture(scope="module")
def deletions_case(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Corpus case 007 (words deleted and inserted) as two version files."""
    folder = ROOT / "tests" / "data" / "legi" / "cases" / "007"
    target = tmp_path_factory.mktemp("case007")
    fields = Metadata(collectivite="Test", seance="2020-01-01", objet="Cas 007")
    paths = []
    for name, date in (("base", "2020-01-01"), ("amended", "2021-01-01")):
        version = version_from_text((folder / f"{name}.txt").read_text(encoding="utf-8"),
                                    fields, VersionInfo("cas-007", date))
        version_xml.save(version, target / f"{name}.xml")
        paths.append(str(target / f"{name}.xml"))
    return paths


def run(*arguments: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([AMENDTRACK, "diff", *arguments], capture_output=True, text=True,
                            check=True, env={**os.environ, **(env or {})}, timeout=120)
    return result.stdout


# --- piped output -------------------------------------------------------------------------------


def test_piped_output_has_markers_and_summary(deletions_case: list[str]) -> None:
    out = run(*AULNOY)
    assert "{+qui seront réalisées pour les bonus territoriaux" in out
    assert "janvier 2023+}" in out
    assert "\x1b[" not in out
    assert "paragraphe" in out.splitlines()[-1]
    assert "inchangés" in out  # unchanged paragraphs are elided, and say so
    out = run(*deletions_case)
    assert "[-pour compléter-] {+lorsque+}" in out
    # Changes are shown as whole words, as the corpus counts them (« élections complémentaires, »
    # → « élections, »), never as a part of a word.
    assert "[-élections complémentaires,-] {+élections,+} de" in out


def test_forced_terminal_escapes_keep_bold_without_colour() -> None:
    out = run(*AULNOY, "-O", "markers=false", "--no-color")
    assert "\x1b[1;4mqui seront" in out
    assert not COLOUR.search(out)


# --- a real terminal ----------------------------------------------------------------------------


class Tmux:
    """A private tmux server (its own socket) running one command at a time."""

    def __init__(self, tool: str) -> None:
        self.tool = tool
        self.socket = f"amendtrack-test-{uuid.uuid4().hex[:12]}"

    def _tmux(self, *arguments: str) -> str:
        return subprocess.run([self.tool, "-L", self.socket, *arguments], capture_output=True,
                              text=True, check=True, timeout=30).stdout

    def screen(self, command: list[str], env: dict[str, str] | None = None) -> str:
        """Run `command` in a 200×50 pane and return the screen with its escape sequences."""
        marker = f"__done_{uuid.uuid4().hex[:8]}__"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        script = f"env {exports} {shlex.join(command)}; echo {marker}; sleep 60"
        session = marker.strip("_")
        self._tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", script)
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                text = self._tmux("capture-pane", "-e", "-p", "-t", session)
                if marker in text:
                    return text
                time.sleep(0.2)
            raise AssertionError(f"command did not finish under tmux: {text[-500:]}")
        finally:
            self._tmux("kill-session", "-t", session)

    def close(self) -> None:
        subprocess.run([self.tool, "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=30, check=False)


@pytest.fixture(scope="module")
def tmux() -> Iterator[Tmux]:
    tool = shutil.which("tmux")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tmux is required under CI")
        pytest.skip("tmux not installed")
    server = Tmux(tool)
    yield server
    server.close()


def test_terminal_shows_additions_bold(tmux: Tmux) -> None:
    screen = tmux.screen([AMENDTRACK, "diff", *AULNOY], env={"TERM": "xterm-256color"})
    assert "{+" not in screen
    line = next(line for line in screen.splitlines() if "qui seront" in line)
    before = line[: line.index("qui seront")]
    assert BOLD.search(before), repr(line)
    assert COLOUR.search(before), repr(line)  # green where colour is on


def test_terminal_shows_deletions_struck(tmux: Tmux, deletions_case: list[str]) -> None:
    screen = tmux.screen([AMENDTRACK, "diff", *deletions_case], env={"TERM": "xterm-256color"})
    line = next(line for line in screen.splitlines() if "pour compléter" in line)
    assert STRIKE.search(line[: line.index("pour compléter")]), repr(line)
    assert BOLD.search(line[: line.index("lorsque")]), repr(line)
    assert "[-" not in screen


@pytest.mark.parametrize("how", ["NO_COLOR", "--no-color"])
def test_no_color_keeps_bold_and_strike(tmux: Tmux, deletions_case: list[str], how: str) -> None:
    extra = ["--no-color"] if how == "--no-color" else []
    env = {"TERM": "xterm-256color", **({"NO_COLOR": "1"} if how == "NO_COLOR" else {})}
    screen = tmux.screen([AMENDTRACK, "diff", *deletions_case, *extra], env=env)
    assert BOLD.search(screen) and STRIKE.search(screen)
    assert not COLOUR.search(screen), repr(screen[:400])


def test_dumb_terminal_gets_markers(tmux: Tmux) -> None:
    screen = tmux.screen([AMENDTRACK, "diff", *AULNOY], env={"TERM": "dumb"})
    assert "{+qui seront" in screen
    assert not BOLD.search(screen)


def test_a_replacement_keeps_a_space_between_struck_and_bold_words(
    deletions_case: list[str],
) -> None:
    out = run(*deletions_case, "-O", "markers=false", "--no-color")
    # « pour compléter » struck, then « lorsque » bold and underlined, one space between.
    assert re.search(r"pour compléter\x1b\[0m \x1b\[1;4mlorsque", out), out
