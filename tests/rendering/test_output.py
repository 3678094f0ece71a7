"""Running a renderer: a plugin that fails while rendering is named, exits 1, writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO, ClassVar

import pytest

from amendtrack import version_xml
from amendtrack.diffing.amendments import diff
from amendtrack.errors import PluginError, UsageError
from amendtrack.rendering import API_VERSION, RenderJob, View
from amendtrack.rendering.output import render_bytes
from amendtrack.rendering.registry import PluginInfo
from tests.rendering.test_registry import make_distribution

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "aulnoy-ctg-caf"

BOOM = '''
from types import MappingProxyType
from amendtrack.rendering import API_VERSION, View

class Boom:
    name = "boom"
    description = "writes half its output, then fails"
    media_type = "text/plain"
    extensions = ("boom",)
    options = MappingProxyType({})
    views = (View.DIFF, View.ACT)
    api_version = API_VERSION

    def render(self, job, stream):
        stream.write(b"half of the output")
        raise RuntimeError("the printer is on fire\\nsecond line of the message")
'''


class _Failing:
    name: ClassVar[str] = "failing"
    description: ClassVar[str] = "raises"
    media_type: ClassVar[str] = "text/plain"
    extensions: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[dict[str, str]] = {}
    views: ClassVar[tuple[View, ...]] = (View.DIFF,)
    api_version: ClassVar[int] = API_VERSION

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        stream.write(b"partial")
        raise self.error


def _job() -> RenderJob:
    old = version_xml.load(SAMPLE / "2022-02-02.xml")
    new = version_xml.load(SAMPLE / "2022-12-07.xml")
    return RenderJob(amendment=diff(old, new), old=old, new=new)


INFO = PluginInfo("failing", "fake:Failing", "amendtrack-failing", "0.1")


def test_a_plugin_exception_becomes_a_plugin_error_naming_it() -> None:
    with pytest.raises(PluginError) as caught:
        render_bytes(_Failing(KeyError("x")), INFO, _job())  # type: ignore[arg-type]
    error = caught.value
    assert error.exit_code == 1
    assert str(error) == (
        "renderer plugin failing (from amendtrack-failing): failed while rendering: KeyError: 'x'"
    )


def test_amendtrack_errors_raised_inside_a_renderer_pass_unchanged() -> None:
    with pytest.raises(UsageError, match="bad option"):
        render_bytes(_Failing(UsageError("bad option")), INFO, _job())  # type: ignore[arg-type]


def test_the_output_is_only_returned_whole() -> None:
    class Fine(_Failing):
        def render(self, job: RenderJob, stream: BinaryIO) -> None:
            stream.write(b"all of it")

    assert render_bytes(Fine(RuntimeError()), INFO, _job()) == b"all of it"  # type: ignore[arg-type]


@pytest.mark.parametrize("to_file", [True, False], ids=["-o FILE", "stdout"])
def test_the_command_line_names_the_plugin_exits_1_and_writes_nothing(
    tmp_path: Path, to_file: bool
) -> None:
    site = tmp_path / "site"
    make_distribution(site, "amendtrack-boom", "0.3", {"boom": "fake_boom:Boom"},
                      {"fake_boom": BOOM})
    work = tmp_path / "work"
    work.mkdir()
    output = ["-o", "out.txt"] if to_file else []
    result = subprocess.run(
        [sys.executable, "-m", "amendtrack", "diff", str(SAMPLE / "2022-02-02.xml"),
         str(SAMPLE / "2022-12-07.xml"), "--to", "boom", *output],
        cwd=work, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(site)},
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "amendtrack: error: renderer plugin boom (from amendtrack-boom): failed while "
        "rendering: RuntimeError: the printer is on fire"
    ]
    assert result.stdout == ""
    assert list(work.iterdir()) == []  # neither the output nor a temporary file


class _Large:
    """Writes `size` bytes in pieces, seeking back once as a zip writer would."""

    name: ClassVar[str] = "large"
    size: ClassVar[int] = 0

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        stream.write(b"HEAD")
        for start in range(0, self.size, 65536):
            stream.write(bytes([start % 251]) * min(65536, self.size - start))
        end = stream.tell()
        stream.seek(0)
        stream.write(b"head")
        stream.seek(end)


def _job() -> RenderJob:
    old = version_xml.load(SAMPLE / "2022-02-02.xml")
    new = version_xml.load(SAMPLE / "2022-12-07.xml")
    return RenderJob(diff(old, new), old, new, view=View.DIFF)


@pytest.mark.parametrize("size", [10, 9 * 2**20])
def test_outputs_small_and_larger_than_memory_come_back_whole(size: int) -> None:
    from amendtrack.rendering import output

    assert size < output.IN_MEMORY or size > 2 * output.IN_MEMORY
    renderer = type("Sized", (_Large,), {"size": size})()
    info = PluginInfo("large", "tests:Large", "tests", "1")
    data = render_bytes(renderer, info, _job())  # type: ignore[arg-type]
    assert len(data) == 4 + size and data[:4] == b"head"
    assert data[4:5] == b"\x00" and data[-1:] == bytes([((size - 1) // 65536 * 65536) % 251])


def test_no_room_for_a_large_output_is_an_output_error(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    import tempfile

    from amendtrack.errors import OutputError

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    renderer = type("Sized", (_Large,), {"size": 9 * 2**20})()
    info = PluginInfo("large", "tests:Large", "tests", "1")
    with pytest.raises(OutputError, match="cannot hold the output in a temporary file"):
        render_bytes(renderer, info, _job())  # type: ignore[arg-type]
