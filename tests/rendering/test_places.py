"""Naming where blocks stand walks a body once, however many blocks are named."""

from __future__ import annotations

import pytest

from amendtrack.importers.text import version_from_text
from amendtrack.model import Metadata, VersionInfo, versions
from amendtrack.rendering.places import place_in


def test_naming_many_blocks_walks_the_body_once(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(f"Alinéa numéro {k} du texte." for k in range(2000))
    version = version_from_text(text, Metadata(collectivite="Commune", seance="2024-01-01",
                                               objet="Texte"),
                                VersionInfo(deliberation="texte", date="2024-01-01"))
    walks = []
    original = versions.find_divisions

    def counted(body: object) -> object:
        walks.append(1)
        return original(body)  # type: ignore[arg-type]

    monkeypatch.setattr(versions, "find_divisions", counted)
    names = [place_in(version, index) for index in range(0, 2000, 7)]
    assert names[0] == "premier alinéa" and names[1] == "huitième alinéa"
    assert len(walks) <= 1
