"""The language of the interface, and the one module that talks to gettext.

Messages are written in English in the code, marked with `_` (or `ngettext` for counts), and
translated through the gettext catalogs in ``amendtrack/locale`` (``.po`` sources in the
repository, compiled to ``.mo`` when the package is built). The language follows the locale:
French when the first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set names French (and
``LANGUAGE`` does not name another language first), or when the configuration says
``langue = "fr"``; English otherwise.

`install` also binds the domain for click and typer, whose own strings (« Usage: », « Options »,
usage errors) are in amendtrack's catalog: both libraries call `gettext.gettext`, which reads
the language from ``LANGUAGE``, so `install` sets it for this process.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "amendtrack"
"""The gettext domain of amendtrack's catalogs."""

LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the compiled catalogs are: ``LOCALE_DIR/fr/LC_MESSAGES/amendtrack.mo``."""

LANGUAGES = ("en", "fr")
"""The languages of the interface; English is the language of the code."""

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def choose_language(environ: Mapping[str, str], configured: str | None = None) -> str:
    """The language of the interface: the configured one, else the one the locale names."""
    if configured is not None:
        return configured if configured in LANGUAGES else "en"
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                   if environ.get(name)), "")
    if locale in ("", "C", "POSIX") or locale.startswith("C."):
        return "en"
    preferred = environ.get("LANGUAGE", "").split(":")[0] or locale
    return "fr" if preferred.lower().startswith("fr") else "en"


def install(language: str) -> None:
    """Speak `language` from now on, in amendtrack's messages and in click's and typer's."""
    global _translation, _language
    _language = language if language in LANGUAGES else "en"
    os.environ["LANGUAGE"] = _language
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    _translation = _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[_language],
                                        fallback=True)


def catalog_installed(language: str) -> bool:
    """Whether the compiled catalog of `language` is there (English needs none)."""
    return language == "en" or (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()


def language() -> str:
    """The language installed: ``"en"`` until `install` is called."""
    return _language


def _(message: str) -> str:
    """`message` (English, a whole sentence template) in the language of the interface."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for `count`, in the language of the interface."""
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """`message` unchanged, marked for the catalog: for text declared before the language is
    known (a renderer's description, its ``-O`` help), translated with `_` where it is shown."""
    return message


def grouped(number: int) -> str:
    """`number` with its digits grouped by thousands as the language writes them.

    « 67,108,864 » in English, « 67 108 864 » (narrow no-break spaces) in French.
    """
    shown = f"{number:,}"
    return shown.replace(",", "\u202f") if _language == "fr" else shown


__all__ = ["DOMAIN", "LANGUAGES", "LOCALE_DIR", "N_", "_", "catalog_installed", "choose_language",
           "grouped", "install", "language", "ngettext"]
