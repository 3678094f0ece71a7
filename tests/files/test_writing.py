"""The one safe way to write: devices written through, links kept, inputs and folders refused,
temporaries of fixed length cleaned up after a kill, every OSError one `OutputError`."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from amendtrack.errors import OutputError, UsageError
from amendtrack.files import temporaries, writing
from amendtrack.files.reading import read_bytes, remember_inputs
from amendtrack.files.writing import (
    is_temporary,
    remove_leftovers,
    temporary_for,
    write_atomic,
    write_output,
    write_outputs,
)

ROOT = Path(__file__).resolve().parents[2]


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_a_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(tmp_path) == {"out.xml"}


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_a_character_device_is_written_through_and_stays_a_device(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the null device
    write_atomic(null, b"discarded")
    write_output(null, b"discarded")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert names(tmp_path) == {"null"}


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with fifo.open("rb") as stream:
            received.append(stream.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    write_atomic(fifo, b"x" * 200_000)
    thread.join(10)
    assert received == [b"x" * 200_000]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_link_is_kept_and_its_target_replaced(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "v.xml"
    target.write_bytes(b"old")
    link = tmp_path / "link.xml"
    link.symlink_to(Path("real") / "v.xml")
    write_atomic(link, b"new")
    assert link.is_symlink() and link.readlink() == Path("real") / "v.xml"
    assert target.read_bytes() == b"new"
    assert names(tmp_path / "real") == {"v.xml"}
    dangling = tmp_path / "dangling.xml"
    dangling.symlink_to(tmp_path / "real" / "new.xml")
    write_atomic(dangling, b"created")
    assert dangling.is_symlink() and (tmp_path / "real" / "new.xml").read_bytes() == b"created"


def test_the_store_replaces_a_link_itself_never_its_target(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep me")
    link = tmp_path / "history.jsonl"
    link.symlink_to(outside)
    write_atomic(link, b"new", follow_links=False)
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert outside.read_bytes() == b"keep me"


def test_a_folder_and_a_socket_are_refused(tmp_path: Path) -> None:
    import socket

    with pytest.raises(OutputError, match="is a directory") as caught:
        write_atomic(tmp_path, b"x")
    assert caught.value.exit_code == 1
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        with pytest.raises(OutputError, match="socket"):
            write_atomic(path, b"x")
    finally:
        server.close()
    assert names(tmp_path) == {"s.sock"}


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(OutputError, match="empty"):
        write_output("", b"x")


def test_an_input_is_never_replaced(tmp_path: Path) -> None:
    source = tmp_path / "v.xml"
    source.write_bytes(b"<source/>")
    link = tmp_path / "link.xml"
    link.symlink_to(source)
    hard = tmp_path / "hard.xml"
    os.link(source, hard)
    try:
        remember_inputs()
        read_bytes(source)
        for output in (source, link, hard):
            with pytest.raises(OutputError, match="also an input"):
                write_output(output, b"text")
        write_output(tmp_path / "other.txt", b"text")
    finally:
        remember_inputs(False)
    assert source.read_bytes() == b"<source/>"


def test_any_valid_name_length_works(tmp_path: Path) -> None:
    longest = tmp_path / ("n" * 251 + ".xml")  # 255 bytes, the most a name can have
    write_atomic(longest, b"x")
    assert longest.read_bytes() == b"x"
    assert len(temporary_for(longest).name) == len(temporary_for(tmp_path / "a").name) == 32


def test_a_killed_write_is_cleaned_up_at_the_next_run_and_a_running_one_is_not(
    tmp_path: Path,
) -> None:
    killed = temporary_for(tmp_path / "out.odt")
    killed.write_bytes(b"half")
    running = temporary_for(tmp_path / "other.odt")
    running.write_bytes(b"being written")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time\n"
         f"d = os.open({str(running)!r}, os.O_RDONLY)\nfcntl.flock(d, fcntl.LOCK_EX)\n"
         "print('locked', flush=True)\ntime.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        mine = tmp_path / "mine.txt"
        mine.write_bytes(b"not a temporary")
        user_hidden = tmp_path / ".notes.tmp"
        user_hidden.write_bytes(b"the user's own")
        temporaries._CLEANED.discard(str(tmp_path.absolute()))
        write_atomic(tmp_path / "result.xml", b"x")
        assert not killed.exists()
        assert running.exists(), "the temporary of a running write was removed"
        assert user_hidden.exists() and mine.exists()
    finally:
        holder.kill()
        holder.wait()
    assert remove_leftovers(tmp_path) == [running]


def test_temporary_names() -> None:
    name = temporary_for(Path("/x/out.xml")).name
    assert is_temporary(name)
    assert not is_temporary(".out.xml.1234abcd.tmp") and not is_temporary("out.tmp")


@pytest.mark.parametrize("failing", ["write", "fsync", "rename"])
def test_every_os_error_is_one_output_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "out.xml"
    target.write_bytes(b"old")
    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    if failing == "rename":
        monkeypatch.setattr(Path, "rename", fail)
    else:
        monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OutputError, match="No space left on device") as caught:
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert caught.value.path == str(target)
    assert target.read_bytes() == b"old"
    assert names(tmp_path) == {"out.xml"}


def test_a_missing_folder_and_a_read_only_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="No such file or directory"):
        write_atomic(tmp_path / "absent" / "out.xml", b"x")
    with pytest.raises(OutputError, match=r"Not a directory|not a file"):
        (tmp_path / "file").write_bytes(b"")
        write_atomic(tmp_path / "file" / "out.xml", b"x")


def test_several_outputs_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before, after = tmp_path / "before.xml", tmp_path / "after.xml"
    before.write_bytes(b"old before")
    (tmp_path / "folder").mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        write_outputs([(before, b"new before"), (tmp_path / "folder", b"x")])
    assert before.read_bytes() == b"old before"
    # The second rename fails: the first is put back.
    real_rename = Path.rename
    calls: list[Path] = []

    def second_fails(self: Path, target: str | Path) -> Path:
        calls.append(Path(target))
        if Path(target) == after:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", second_fails)
    with pytest.raises(OutputError, match="Input/output error") as caught:
        write_outputs([(before, b"new before"), (after, b"new after")])
    monkeypatch.undo()
    assert caught.value.path == str(after)
    assert before.read_bytes() == b"old before"
    assert not after.exists()
    assert names(tmp_path) == {"before.xml", "folder"}
    write_outputs([(before, b"new before"), (after, b"new after")])
    assert (before.read_bytes(), after.read_bytes()) == (b"new before", b"new after")


def test_the_same_file_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.xml"
    with pytest.raises(UsageError, match="two outputs"):
        write_outputs([(path, b"a"), (tmp_path / "." / "v.xml", b"b")])
    assert not path.exists()
    write_outputs([("/dev/null", b"a"), ("/dev/null", b"b")])


def _stdout_probe(redirect: str) -> subprocess.CompletedProcess[str]:
    probe = ("from amendtrack.errors import OutputError\n"
             "from amendtrack.files.writing import guard_standard_streams, write_output\n"
             "guard_standard_streams()\n"
             "try:\n    write_output(None, b'x' * 100000)\n"
             "except OutputError as error:\n    import sys; print(error, file=sys.stderr)\n")
    return subprocess.run(f"{sys.executable} -c \"{probe}\" {redirect}", shell=True,
                          capture_output=True, text=True, check=False, timeout=60, cwd=ROOT)


def test_standard_output_full_or_closed() -> None:
    assert _stdout_probe("> /dev/full").stderr.strip() == (
        "<stdout>: cannot write: No space left on device"
    )
    assert _stdout_probe(">&-").stderr.strip() == "<stdout>: cannot write: the stream is closed"


def test_concurrent_writers_of_one_folder_never_remove_each_others_temporaries(
    tmp_path: Path,
) -> None:
    script = ("import sys\nfrom pathlib import Path\n"
              "from amendtrack.files import temporaries, writing\n"
              "folder = Path(sys.argv[1])\n"
              "for n in range(60):\n"
              "    temporaries._CLEANED.clear()\n"
              "    writing.write_atomic(folder / f'{sys.argv[2]}.xml', (sys.argv[2] * 5000).encode(),"
              " durable=False)\n")
    processes = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path), label],
                                  stderr=subprocess.PIPE, text=True, cwd=ROOT)
                 for label in "abcd"]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert all(process.returncode == 0 for process in processes), errors
    assert names(tmp_path) == {"a.xml", "b.xml", "c.xml", "d.xml"}


def test_a_lock_is_held_while_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real_write = writing.write_all

    def spy(descriptor: int, data: bytes | memoryview) -> None:
        (temporary,) = [path for path in tmp_path.iterdir() if is_temporary(path.name)]
        probe = os.open(temporary, os.O_RDONLY)
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            seen.append(False)
        except BlockingIOError:
            seen.append(True)
        finally:
            os.close(probe)
        real_write(descriptor, data)

    monkeypatch.setattr(writing, "write_all", spy)
    write_atomic(tmp_path / "out.xml", b"x")
    assert seen == [True]
