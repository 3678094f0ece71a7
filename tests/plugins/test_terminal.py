"""The terminal renderer: wdiff markers in a pipe, escape sequences on a real terminal (tmux)."""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from amendtrack_plugins.terminal import SUPERSCRIPTS, TerminalRenderer, lifted

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.errors import UsageError
from amendtrack.importers.text import version_from_text
from amendtrack.model import Metadata, VersionInfo
from amendtrack.rendering import RenderJob

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


# --- the layout: wrapping, markers without colour, superscripts, elisions ----------------------


def text_job(old: str, new: str, **choices: object) -> RenderJob:
    fields = Metadata(collectivite="Test", seance="2020-01-01", objet="Essai")
    before = version_from_text(old, fields, VersionInfo("t", "2020-01-01"))
    after = version_from_text(new, fields, VersionInfo("t", "2021-01-01"))
    job = RenderJob(diff(before, after), before, after)
    return replace(job, **choices)  # type: ignore[arg-type]


def rendered(job: RenderJob) -> str:
    buffer = io.BytesIO()
    TerminalRenderer().render(job, buffer)
    return buffer.getvalue().decode("utf-8")


ITEM = ("1° Les mineurs non émancipés, sauf s'ils sont le père ou la mère du mineur en "
        "tutelle, et les majeurs protégés ;")


def test_a_terminal_gets_lines_wrapped_between_words_under_the_item_label() -> None:
    job = text_job(f"Préambule.\n\n{ITEM}", f"Préambule modifié.\n\n{ITEM} ajout",
                   interactive=True, wrap=True, width=40, full=True)
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in rendered(job).split("\n")]
    assert all(len(line) <= 40 for line in lines), lines
    start = lines.index("1° Les mineurs non émancipés, sauf s'ils")
    assert lines[start + 1:start + 4] == ["   sont le père ou la mère du mineur en",
                                          "   tutelle, et les majeurs protégés ;",
                                          "   ajout"]


def test_a_pipe_gets_whole_lines_unless_a_width_is_asked() -> None:
    job = text_job(f"Préambule.\n\n{ITEM}", f"Préambule modifié.\n\n{ITEM} ajout", width=40,
                   full=True)
    assert f"{ITEM} {{+ajout+}}" in rendered(job).split("\n")
    narrow = rendered(replace(job, options={"width": "30"})).split("\n")
    assert narrow[narrow.index("1° Les mineurs non émancipés,") + 1].startswith("   sauf ")
    assert "\x1b" not in "".join(narrow)
    with pytest.raises(UsageError, match="-O width takes a number"):
        rendered(replace(job, options={"width": "large"}))


def test_without_colour_a_terminal_gets_markers_as_well_as_bold_and_strike() -> None:
    job = text_job("Le maire signe la convention.", "Le président signe la convention.",
                   interactive=True, color=False)
    out = rendered(job)
    assert "[-\x1b[9mmaire\x1b[0m-] {+\x1b[1;4mprésident\x1b[0m+}" in out
    coloured = rendered(replace(job, color=True))
    assert "\x1b[9;31mmaire\x1b[0m \x1b[1;4;32mprésident\x1b[0m" in coloured
    assert "[-" not in coloured and "{+" not in coloured


def test_superscripts_are_shown_lifted() -> None:
    out = run(*AULNOY)
    assert "avec un effet au 1ᵉʳ janvier 2023" in out
    assert lifted("er", SUPERSCRIPTS, "^") == "ᵉʳ"
    assert lifted("q", SUPERSCRIPTS, "^") == "^q"
    assert lifted("bis ter", SUPERSCRIPTS, "^") == "^(bis ter)"


PARAGRAPHS = [f"Alinéa {n} inchangé." for n in range(1, 6)]


def test_one_unchanged_paragraph_is_shown_rather_than_elided_when_it_takes_a_line() -> None:
    old = "\n\n".join(["Début ancien.", *PARAGRAPHS[:3], "Fin ancienne."])
    new = "\n\n".join(["Début nouveau.", *PARAGRAPHS[:3], "Fin nouvelle."])
    out = rendered(text_job(old, new))
    assert "Alinéa 2 inchangé." in out.split("\n")
    assert "inchangé …]" not in out
    longer = [*PARAGRAPHS[:1], "Un alinéa long " * 8, *PARAGRAPHS[2:3]]
    old = "\n\n".join(["Début ancien.", *longer, "Fin ancienne."])
    new = "\n\n".join(["Début nouveau.", *longer, "Fin nouvelle."])
    wrapped = rendered(text_job(old, new, interactive=True, wrap=True, width=60, color=False))
    assert "[… 1 paragraphe inchangé …]" in wrapped  # three lines saved
    assert "[… 3 paragraphes inchangés …]" in rendered(text_job(
        "\n\n".join(["A.", *PARAGRAPHS, "B."]), "\n\n".join(["A2.", *PARAGRAPHS, "B2."])))


def test_a_moved_alinea_is_signed() -> None:
    lines = run(*AULNOY, "--full").split("\n")
    assert not any(line.startswith("⇢") for line in lines)  # nothing moves there
    from tests.plugins.test_structure_rendering import render

    text = render(TerminalRenderer()).decode()
    assert "\n⇢ [déplacé : auparavant deuxième alinéa] L'association sollicite" in text


@pytest.mark.parametrize(("arguments", "env", "escapes", "colour"), [
    ([], {}, False, False),
    (["--color=always"], {}, True, True),
    ([], {"FORCE_COLOR": "1"}, True, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    (["--color=always", "--no-color"], {}, False, False),
    (["--color=never"], {"FORCE_COLOR": "1"}, False, False),
    (["--color=always"], {"NO_COLOR": "1"}, True, True),
])
def test_colour_in_a_pipe_follows_color_and_force_color(
    arguments: list[str], env: dict[str, str], escapes: bool, colour: bool,
) -> None:
    clean = {key: value for key, value in os.environ.items()
             if key not in ("NO_COLOR", "FORCE_COLOR")}
    out = subprocess.run([AMENDTRACK, *arguments, "diff", *AULNOY], capture_output=True,
                         text=True, check=True, env={**clean, **env}, timeout=120).stdout
    assert ("\x1b[" in out) is escapes
    assert bool(COLOUR.search(out)) is colour
    assert ("{+" in out) is not colour  # markers whenever colour does not show the changes
    assert max(len(line) for line in out.split("\n")) > 200  # a pipe is never wrapped
