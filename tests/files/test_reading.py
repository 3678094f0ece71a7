"""The one bounded way to read an input: regular files only, the cap applied while reading."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from amendtrack.errors import InputError
from amendtrack.files import reading
from amendtrack.files.reading import (
    byte_order_mark_note,
    decode_text,
    input_named,
    read_bytes,
    remember_inputs,
)


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Texte.\n")
    assert read_bytes(path) == b"Texte.\n"


def test_a_fifo_is_refused_at_once_without_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(InputError, match="FIFO") as caught:
        read_bytes(fifo)
    assert time.monotonic() - started < 5
    assert caught.value.path == str(fifo)
    assert "give -" in caught.value.message


def test_a_fifo_swapped_in_after_the_look_does_not_block(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # The race the O_NONBLOCK open closes: stat saw a file, open meets a FIFO.
    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    regular = Path(__file__).stat()
    real_stat = Path.stat

    def looks_regular(self: Path, **kwargs: object) -> os.stat_result:
        return regular if self == fifo else real_stat(self)

    monkeypatch.setattr(Path, "stat", looks_regular)
    finished = threading.Event()

    def attempt() -> None:
        with pytest.raises(InputError, match="FIFO"):
            read_bytes(fifo)
        finished.set()

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(5)
    assert finished.is_set(), "opening the FIFO blocked"


@pytest.mark.parametrize(("device", "problem"), [("/dev/zero", "character device"),
                                                 ("/dev/null", "character device")])
def test_a_link_to_a_device_is_refused(tmp_path: Path, device: str, problem: str) -> None:
    link = tmp_path / "v.xml"
    link.symlink_to(device)
    with pytest.raises(InputError, match=problem):
        read_bytes(link)


def test_a_directory_and_a_socket_are_refused(tmp_path: Path) -> None:
    import socket

    with pytest.raises(InputError, match="is a directory"):
        read_bytes(tmp_path)
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        with pytest.raises(InputError, match="socket"):
            read_bytes(path)
    finally:
        server.close()


def test_the_cap_is_applied_while_reading_not_from_stat(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMENDTRACK_MAX_INPUT_BYTES", "1000")
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 999)
    assert len(read_bytes(path)) == 999
    path.write_bytes(b"x" * 1001)
    with pytest.raises(InputError, match="too large"):
        read_bytes(path)
    # A file that says it is small (procfs reports 0 bytes) is still stopped at the cap.
    monkeypatch.setenv("AMENDTRACK_MAX_INPUT_BYTES", "10")
    with pytest.raises(InputError, match="too large"):
        read_bytes("/proc/self/maps")


def test_a_huge_cap_setting_falls_back_to_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMENDTRACK_MAX_INPUT_BYTES", "9" * 5000)
    assert reading.max_input_bytes() == reading.DEFAULT_MAX_INPUT_BYTES


def test_missing_empty_and_bom_only_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_bytes(tmp_path / "absent.txt")
    for data in (b"", b"  \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n"):
        path = tmp_path / "empty.txt"
        path.write_bytes(data)
        with pytest.raises(InputError, match="empty"):
            read_bytes(path)
    with pytest.raises(InputError, match="empty file name"):
        read_bytes("")


def test_a_utf16_bom_only_text_is_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        decode_text(b"\xff\xfe \x00", tmp_path / "a.txt", "utf-16")


def test_a_name_too_long_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="too long"):
        read_bytes(tmp_path / ("a" * 300))


def test_not_following_links(tmp_path: Path) -> None:
    target = tmp_path / "outside.xml"
    target.write_bytes(b"<x/>")
    link = tmp_path / "link.xml"
    link.symlink_to(target)
    assert read_bytes(link) == b"<x/>"
    with pytest.raises(InputError, match="symbolic link"):
        read_bytes(link, follow_links=False)


def _run_reader(source: str, stdin: bytes | None = None,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    probe = (
        "import sys\nfrom amendtrack.errors import InputError\n"
        "from amendtrack.files.reading import read_bytes\n"
        f"try:\n    data = read_bytes({source!r})\n    print(len(data))\n"
        "    read_bytes('-')\nexcept InputError as error:\n    print(error)\n"
    )
    return subprocess.run([sys.executable, "-c", probe], input=stdin, capture_output=True,
                          env={**os.environ, **(env or {})}, check=False, timeout=60)


def test_stdin_only_when_dash_is_given_and_only_once() -> None:
    result = _run_reader("-", stdin=b"<x/>")
    assert result.stdout.decode().splitlines() == ["4", "-: standard input can be read only once"]


def test_an_endless_stdin_stops_at_the_cap() -> None:
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        assert yes.stdout is not None
        probe = ("from amendtrack.errors import InputError\n"
                 "from amendtrack.files.reading import read_bytes\n"
                 "try:\n    read_bytes('-')\nexcept InputError as error:\n    print(error)\n")
        result = subprocess.run([sys.executable, "-c", probe], stdin=yes.stdout,
                                capture_output=True, timeout=60, check=False,
                                env={**os.environ, "AMENDTRACK_MAX_INPUT_BYTES": "100000"})
    finally:
        yes.kill()
        yes.wait()
    assert result.stdout.decode().strip() == "-: file is too large (the limit is 100,000 bytes)"


def test_dev_stdin_on_a_pipe_is_refused_with_the_way_to_read_it() -> None:
    result = _run_reader("/dev/stdin", stdin=b"<x/>")
    assert "FIFO" in result.stdout.decode() and "give -" in result.stdout.decode()


def test_inputs_are_remembered_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "v.xml"
    path.write_bytes(b"<x/>")
    status = path.stat()
    try:
        remember_inputs(False)
        read_bytes(path)
        assert input_named(status.st_dev, status.st_ino) is None
        remember_inputs()
        read_bytes(path)
        assert input_named(status.st_dev, status.st_ino) == str(path)
    finally:
        remember_inputs(False)


def test_decode_text_names_the_bad_byte_and_refuses_non_encodings(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    with pytest.raises(InputError, match=r"byte 0xE9 on line 2"):
        decode_text(b"ok\nd\xe9but", path)
    assert decode_text(b"d\xe9but", path, "latin-1") == "début"
    for name in ("undefined", "rot13", "zlib", "unicode_escape", "idna"):
        with pytest.raises(InputError, match=r"not a character encoding|unknown encoding"):
            decode_text(b"texte", path, name)
    with pytest.raises(InputError, match="unknown encoding"):
        decode_text(b"texte", path, "klingon")


def test_the_utf8_bom_is_dropped_and_said() -> None:
    assert decode_text(b"\xef\xbb\xbfTexte", "a.txt") == "Texte"
    assert byte_order_mark_note(b"\xef\xbb\xbfTexte") is not None
    assert byte_order_mark_note(b"Texte") is None
