"""Build step: compile the gettext catalogs (``.po`` → ``.mo``) with Babel into the package.

Everything else about the package is in pyproject.toml. The ``.mo`` files are written into the
build folder for a wheel, and beside their ``.po`` sources for an editable install.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path("amendtrack") / "locale"


class BuildWithCatalogs(build_py):
    """`build_py` that also compiles every catalog of ``amendtrack/locale``."""

    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        editable = getattr(self, "editable_mode", False)
        for source in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
            target = source.with_suffix(".mo")
            if not editable:
                target = Path(self.build_lib) / target
            target.parent.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as po_file:
                catalog = read_po(po_file)
            with target.open("wb") as mo_file:
                write_mo(mo_file, catalog)


setup(cmdclass={"build_py": BuildWithCatalogs})
