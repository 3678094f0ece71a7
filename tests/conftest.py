"""Session-wide settings: LibreOffice runs with a profile folder of this test session.

The interface speaks English in the tests unless a test asks for French: the messages tests
assert are English, and ``LANGUAGE=en`` decides the language of every amendtrack run the tests
start (see `amendtrack.translation.choose_language`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ["LANGUAGE"] = "en"


@pytest.fixture(scope="session", autouse=True)
def office_profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """amendtrack's LibreOffice profile in the session's temporary folder (created once, by the
    first conversion, and shared by every test and every amendtrack the tests run), so that
    the user's cache is never touched."""
    previous = os.environ.get("AMENDTRACK_OFFICE_PROFILE")
    os.environ["AMENDTRACK_OFFICE_PROFILE"] = str(tmp_path_factory.mktemp("office") / "profile")
    yield
    if previous is None:
        os.environ.pop("AMENDTRACK_OFFICE_PROFILE", None)
    else:
        os.environ["AMENDTRACK_OFFICE_PROFILE"] = previous
