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
