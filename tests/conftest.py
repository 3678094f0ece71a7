"""Session-wide settings: LibreOffice runs with a profile folder of this test session.

The interface speaks English in the tests unless a test asks for French: the messages tests
assert are English, and ``LANGUAGE=en`` decides the language of every amendtrack run the tests
start (see `amendtrack.translation.choose_language`). The user's own configuration file is out
of reach (``XDG_CONFIG_HOME``, `amendtrack.cli.config`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

os.environ["LANGUAGE"] = "en"
# No user configuration (amendtrack.toml in ~/.config/amendtrack) reaches the tests: an empty
# folder outside the project (Chromium writes its own settings there), removed at the end;
# tests/cli/test_config.py gives its own.
_USER_CONFIGURATION = tempfile.mkdtemp(prefix="amendtrack-tests-config-")
os.environ["XDG_CONFIG_HOME"] = _USER_CONFIGURATION


@pytest.fixture(scope="session", autouse=True)
def no_user_configuration() -> Iterator[None]:
    """The empty user configuration folder of the session, removed when it ends."""
    yield
    shutil.rmtree(_USER_CONFIGURATION, ignore_errors=True)


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
