"""The terminal view as a user sees it, under tmux at 80 columns: the diff of the whole Code civil
pages through ``less``, wraps between words and shows its moved alinéas; piped, it gives wdiff
markers and no pager. Fails (does not skip) when CI=true and tmux is missing."""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CIVIL = ROOT / "tests" / "data" / "legi" / "large" / "L2"
AULNOY = [str(ROOT / "samples" / "aulnoy-ctg-caf" / f"{name}.xml")
          for name in ("2022-02-02", "2022-12-07")]
AMENDTRACK = str(Path(sys.executable).with_name("amendtrack"))
CIVIL_DIFF = [AMENDTRACK, "diff", str(CIVIL / "base.txt"), str(CIVIL / "amended.txt"),
              "--meta", "collectivite=État", "--meta", "seance=2015-03-22",
              "--meta", "objet=Code civil", "--meta", "old.collectivite=État",
              "--meta", "old.seance=2006-01-01", "--meta", "old.objet=Code civil"]
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-7]|9[0-7]|38;[0-9;]+)m")
MARKER = re.compile(r"\{\+|\+\}|\[-|-\]")
UNSET = ("PAGER", "AMENDTRACK_PAGER", "LESS", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")


class Pane:
    """One command in a tmux pane of its own server, driven by keys and read off the screen."""

    def __init__(self, tool: str, command: list[str], env: dict[str, str], size: tuple[int, int],
                 shell_tail: str = "") -> None:
        self.tool = tool
        self.socket = f"amendtrack-tmux-{uuid.uuid4().hex[:12]}"
        self.done = f"__done_{uuid.uuid4().hex[:8]}__"
        unset = " ".join(f"-u {name}" for name in UNSET)
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        script = (f"env {unset} TERM=xterm-256color {exports} {shlex.join(command)}"
                  f"{shell_tail}; echo {self.done} $?; sleep 120")
        columns, lines = size
        self._tmux("new-session", "-d", "-s", "main", "-x", str(columns), "-y", str(lines),
                   script)

    def _tmux(self, *arguments: str) -> str:
        return subprocess.run([self.tool, "-L", self.socket, *arguments], capture_output=True,
                              text=True, check=True, timeout=30).stdout

    def screen(self, escapes: bool = False) -> str:
        """What the pane shows now (with its escape sequences if `escapes`)."""
        return self._tmux("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "main")

    def keys(self, *keys: str) -> None:
        """Type `keys` (tmux key names, or text)."""
        self._tmux("send-keys", "-t", "main", *keys)

    def wait(self, ready: Callable[[str], bool], what: str, seconds: float = 90) -> str:
        """The screen once `ready` says so; AssertionError naming `what` after `seconds`."""
        deadline = time.monotonic() + seconds
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if ready(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"no {what} under tmux; the screen:\n{text}")

    def finished(self, text: str) -> bool:
        """Whether the command has ended (its exit status is on the screen)."""
        return self.done in text

    def status(self, text: str) -> int:
        """The command's exit status, once it has ended."""
        return int(text.split(self.done, 1)[1].split()[0])

    def close(self) -> None:
        subprocess.run([self.tool, "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=30, check=False)


@pytest.fixture(scope="module")
def tmux_tool() -> str:
    tool = shutil.which("tmux")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tmux is required under CI")
        pytest.skip("tmux not installed")
    return tool


@pytest.fixture
def pane(tmux_tool: str) -> Iterator[Callable[..., Pane]]:
    panes: list[Pane] = []

    def start(command: list[str], env: dict[str, str] | None = None,
              size: tuple[int, int] = (80, 24), shell_tail: str = "") -> Pane:
        panes.append(Pane(tmux_tool, command, env or {}, size, shell_tail))
        return panes[-1]

    yield start
    for opened in panes:
        opened.close()


@pytest.fixture(scope="module")
def civil_words() -> set[str]:
    """Every word of both versions of the Code civil, as whitespace separates them."""
    return {word for name in ("base.txt", "amended.txt")
            for word in (CIVIL / name).read_text(encoding="utf-8").split()}


def less_prompt(text: str) -> bool:
    """Whether the last line of the screen is less's prompt (« : »)."""
    lines = text.rstrip("\n").split("\n")
    return lines[-1].strip() == ":" and len([line for line in lines if line.strip()]) > 5


def assert_wrapped_between_words(screen: str, words: set[str], width: int = 80) -> int:
    """No line wider than `width`, none ending inside a word of the text that the next line
    goes on with (« départem » then « ent »). Returns how many lines go on on the next one."""
    lines = [line.rstrip() for line in screen.split("\n")]
    continued = 0
    for line, following in itertools.pairwise(lines):
        assert len(line) <= width, line
        if not line or not following.strip() or following.strip() == ":":
            continue
        last = MARKER.sub("", line.split()[-1])
        first = MARKER.sub("", following.split()[0])
        assert last in words or last + first not in words, f"cut inside a word:\n{line}\n{following}"
        continued += 1
    return continued


def assert_hanging(screen: str) -> None:
    """Every list item on the screen (« 1° … ») that goes on on the next line goes on under
    its text, not under its label."""
    lines = screen.split("\n")
    checked = 0
    for line, following in itertools.pairwise(lines):
        label = re.match(r"\d+° ", line)
        if label and following.strip() and following.strip() != ":":
            assert following.startswith(" " * label.end()), f"not hanging:\n{line}\n{following}"
            assert not following.startswith(" " * (label.end() + 1)), following
            checked += 1
    assert checked, screen


def test_the_code_civil_pages_through_less_wrapped_between_words(
    pane: Callable[..., Pane], civil_words: set[str],
) -> None:
    shown = pane(CIVIL_DIFF)
    first = shown.wait(less_prompt, "less prompt on the first page")
    assert not shown.finished(first)  # waiting in the pager, not returned to the shell
    assert "Article" in first and "paragraphes inchangés" in first
    assert assert_wrapped_between_words(first, civil_words) >= 3  # paragraphs do wrap
    assert COLOUR.search(shown.screen(escapes=True))  # colour reaches the screen through less -R
    assert not MARKER.search(first)  # colour shows the changes: no markers

    shown.keys("/\\[d.plac. : auparavant", "Enter")  # less's search: the first moved alinéa
    moved = shown.wait(lambda text: "⇢ [déplacé : auparavant" in text, "moved alinéa")
    label = next(line for line in moved.split("\n") if "⇢ [déplacé : auparavant" in line)
    assert label.startswith("⇢ [déplacé : auparavant troisième alinéa de l'article"), label
    assert_wrapped_between_words(moved, civil_words)

    shown.keys("/^[0-9]+° ", "Enter")  # the next list item of the code
    items = shown.wait(lambda text: re.search(r"^\d+° ", text, re.M) is not None, "list item")
    assert_hanging(items)

    shown.keys("q")  # quit before the end: amendtrack is still writing to the pager
    ended = shown.wait(shown.finished, "return to the shell after q", seconds=30)
    assert shown.status(ended) == 0
    assert "Traceback" not in ended and "error" not in ended


def test_the_code_civil_piped_gives_markers_and_no_pager(pane: Callable[..., Pane]) -> None:
    shown = pane(CIVIL_DIFF, shell_tail=" | tail -n 40")
    ended = shown.wait(shown.finished, "end of the piped diff")  # no key pressed: no pager
    assert shown.status(ended) == 0
    assert "{+" in ended and "+}" in ended and "Résumé :" in ended
    assert not COLOUR.search(shown.screen(escapes=True))
    piped = subprocess.run(CIVIL_DIFF, capture_output=True, text=True, check=True,
                           timeout=300, env={**os.environ, "COLUMNS": "80"}).stdout
    lines = piped.split("\n")
    assert "[-" in piped and "\x1b" not in piped
    assert max(len(line) for line in lines) > 200  # a pipe gets whole paragraphs, as git
    assert any(line.startswith("⇢ [déplacé : auparavant") for line in lines)


def test_output_that_fits_the_screen_is_not_paged(pane: Callable[..., Pane]) -> None:
    shown = pane([AMENDTRACK, "diff", *AULNOY], size=(200, 50))
    ended = shown.wait(shown.finished, "end of a short diff")
    assert shown.status(ended) == 0 and "qui seront réalisées" in ended


@pytest.mark.parametrize(("env", "seen"), [
    ({"PAGER": "sed s/^/PAGER:/"}, "PAGER:"),
    ({"PAGER": "sed s/^/PAGER:/", "AMENDTRACK_PAGER": "sed s/^/OURS:/"}, "OURS:"),
])
def test_the_pager_is_amendtrack_pager_then_pager(
    pane: Callable[..., Pane], env: dict[str, str], seen: str,
) -> None:
    shown = pane([AMENDTRACK, "diff", *AULNOY], env=env, size=(80, 12))
    ended = shown.wait(shown.finished, "end of the paged diff")
    assert shown.status(ended) == 0
    assert f"{seen}Résumé :" in ended  # every line went through that pager


@pytest.mark.parametrize("how", ["--no-pager", "PAGER=cat", "AMENDTRACK_PAGER="])
def test_no_pager_when_told(pane: Callable[..., Pane], how: str) -> None:
    command = [AMENDTRACK, "--no-pager", "diff", *AULNOY] if how == "--no-pager" else [
        AMENDTRACK, "diff", *AULNOY]
    name, _, value = how.partition("=")
    env = {name: value} if value or how.endswith("=") else {}
    shown = pane(command, env=env, size=(80, 12))
    ended = shown.wait(shown.finished, "end of an unpaged diff")  # no q needed
    assert shown.status(ended) == 0 and "Résumé :" in ended


def test_a_pager_that_cannot_start_is_one_warning(pane: Callable[..., Pane],
                                                  tmp_path: Path) -> None:
    errors = tmp_path / "stderr.txt"
    shown = pane([AMENDTRACK, "diff", *AULNOY], env={"PAGER": "/nonexistent/pager -R"},
                 size=(80, 12), shell_tail=f" 2>{shlex.quote(str(errors))}")
    ended = shown.wait(shown.finished, "end of the diff")
    assert shown.status(ended) == 0
    assert "Résumé :" in ended  # the output, unpaged
    warning = errors.read_text(encoding="utf-8")
    assert warning == ("amendtrack: warning: cannot start the pager '/nonexistent/pager -R'; "
                       "the output follows unpaged\n"), warning
