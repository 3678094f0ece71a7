"""The pager: which one, when the output is long enough, and quitting it early (no traceback)."""

from __future__ import annotations

import pytest

from amendtrack.cli.pager import DEFAULT_PAGER, page, pager_command, screen_rows


@pytest.mark.parametrize(("environ", "command"), [
    ({}, DEFAULT_PAGER),
    ({"PAGER": "more"}, "more"),
    ({"PAGER": "more", "AMENDTRACK_PAGER": "less -R"}, "less -R"),
    ({"PAGER": "more", "AMENDTRACK_PAGER": ""}, None),
    ({"PAGER": ""}, None),
    ({"PAGER": " cat "}, None),
])
def test_the_pager_is_amendtrack_pager_then_pager_then_less(
    environ: dict[str, str], command: str | None,
) -> None:
    assert pager_command(environ) == command
    assert DEFAULT_PAGER == "less -FRX"


def test_screen_rows_count_wrapped_lines_and_no_escapes() -> None:
    assert screen_rows("a\nb\n", 80, 100) == 2
    assert screen_rows("\x1b[1;4;32m" + "é" * 80 + "\x1b[0m\n", 80, 100) == 1
    assert screen_rows("x" * 81 + "\n\n", 80, 100) == 3
    assert screen_rows("x\n" * 10_000, 80, 24) == 24  # counting stops once it is enough


def test_a_pager_quit_before_the_end_is_no_error(capfd: pytest.CaptureFixture[str]) -> None:
    page(b"ligne\n" * 2_000_000, "head -c 12")  # 12 MB; the pager reads 12 bytes and quits
    out, err = capfd.readouterr()
    assert out == "ligne\nligne\n" and err == ""
    page(b"ligne\n" * 2_000_000, "head -c 6 | cat")  # through the shell
    out, err = capfd.readouterr()
    assert out == "ligne\n" and err == ""


def test_less_is_told_the_output_is_utf_8_unless_the_user_says(
        capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LESSCHARSET", raising=False)
    monkeypatch.delenv("LESSCHARDEF", raising=False)
    monkeypatch.delenv("LESS", raising=False)
    shows = 'cat >/dev/null; printf "%s|%s" "$LESSCHARSET" "$LESS"'
    page("é\n".encode(), shows)
    assert capfd.readouterr().out == "utf-8|FRX"
    monkeypatch.setenv("LESSCHARSET", "latin1")
    page("é\n".encode(), shows)
    assert capfd.readouterr().out == "latin1|FRX"


@pytest.mark.parametrize("command", ["/nonexistent/pager -R", "nonexistent-pager-d14 $HOME"])
def test_a_pager_that_cannot_start_is_a_warning_and_the_output_follows(
    capfd: pytest.CaptureFixture[str], command: str,
) -> None:
    page(b"Article 1\n", command)
    out, err = capfd.readouterr()
    assert out == "Article 1\n"
    assert f"amendtrack: warning: cannot start the pager '{command}'" in err
    assert "Traceback" not in err
