"""`atomic_output`: the streaming form of the one writer, for outputs too large for memory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from amendtrack.errors import OutputError
from amendtrack.files.writing import atomic_output, is_temporary


def test_a_stream_replaces_the_file_only_when_it_ends_well(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    with pytest.raises(KeyError), atomic_output(target) as stream:
        stream.write(b"half")
        raise KeyError("the caller's own error")  # stays the caller's, not a write error
    assert target.read_bytes() == b"old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.jsonl"]
    with atomic_output(target) as stream:
        for number in range(1000):
            stream.write(b"%d\n" % number)
    assert target.read_bytes().splitlines()[-1] == b"999"
    assert target.stat().st_mode & 0o777 == 0o640  # the mode is kept
    assert not any(is_temporary(path.name) for path in tmp_path.iterdir())


def test_a_device_a_folder_and_a_missing_folder_are_one_output_error(tmp_path: Path) -> None:
    for target, problem in ((Path(os.devnull), "must be a regular file"),
                            (tmp_path, "is a directory"),
                            (tmp_path / "missing" / "out.jsonl", "cannot write")):
        with pytest.raises(OutputError, match=problem), atomic_output(target) as stream:
            stream.write(b"x")
    assert list(tmp_path.iterdir()) == []
