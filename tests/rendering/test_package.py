"""The plugin API's one module: every name it offers resolves, whether imported at once or on use."""

from __future__ import annotations

import subprocess
import sys

import amendtrack.rendering as rendering


def test_every_public_name_resolves_to_its_module_s_object() -> None:
    for name in rendering.__all__:
        assert getattr(rendering, name) is not None, name
    from amendtrack.rendering.blocks import view_items
    from amendtrack.rendering.runs import Run

    assert rendering.view_items is view_items and rendering.Run is Run
    assert set(rendering.__all__) <= set(dir(rendering))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        rendering.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("no AttributeError")


def test_the_api_alone_does_not_import_the_modules_that_draw_blocks() -> None:
    probe = ("import sys; from amendtrack.rendering import RenderJob, View, check_view; "
             "print(sorted(m for m in sys.modules if m.startswith('amendtrack')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout
    assert "amendtrack.rendering.api" in loaded
    assert "amendtrack.rendering.blocks" not in loaded and "amendtrack.rendering.runs" not in loaded
