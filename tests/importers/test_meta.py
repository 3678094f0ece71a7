"""Tests for amendtrack.importers.meta: --meta keys, defaults and required metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from amendtrack.errors import SourceError, UsageError
from amendtrack.importers.meta import (
    check_xml_characters,
    resolve_info,
    resolve_metadata,
    slug,
    split_meta,
)

SOURCE = Path("acte.md")


def test_split_meta() -> None:
    fields, version, old = split_meta({
        "objet": "Tarifs", "vote.unanimite": "true", "deliberation": "tarifs-2024",
        "date": "2024-02-01", "old.numero": "12", "secretaire": "",
    })
    assert fields == {"objet": "Tarifs", "vote.unanimite": "true", "secretaire": ""}
    assert version == {"deliberation": "tarifs-2024", "date": "2024-02-01"}
    assert old == {"numero": "12"}


@pytest.mark.parametrize(
    ("meta", "problem"),
    [
        ({"seance": "07/12/2022"}, "not a date"),
        ({"old.seance": "2022-02-30"}, "not a date"),
        ({"deliberation": "-x"}, "an id is lower-case"),
        ({"maire": "X"}, "unknown key"),
        ({"old.deliberation": "x"}, "unknown key"),
    ],
)
def test_split_meta_refuses(meta: dict[str, str], problem: str) -> None:
    with pytest.raises(UsageError, match=problem):
        split_meta(meta)


def test_given_values_override_and_empty_removes() -> None:
    stated = {"collectivite": "VILLE DE X", "seance": "2022-12-07", "objet": "O",
              "secretaire": "A", "numero": "1"}
    metadata = resolve_metadata(stated, {"numero": "2", "secretaire": ""}, SOURCE)
    assert (metadata.numero, metadata.secretaire) == ("2", None)


def test_counts_contradicting_unanimity_win() -> None:
    stated = {"collectivite": "X", "seance": "2022-12-07", "objet": "O",
              "vote.unanimite": "true"}
    metadata = resolve_metadata(stated, {"vote.contre": "2"}, SOURCE)
    assert metadata.vote is not None
    assert (metadata.vote.unanimite, metadata.vote.contre) == (False, 2)


def test_missing_required_metadata() -> None:
    with pytest.raises(SourceError) as caught:
        resolve_metadata({"objet": "O"}, {}, SOURCE)
    assert str(caught.value) == (
        "acte.md: missing metadata: collectivite, seance (the source does not state them); "
        "give them with --meta collectivite='Ville de …' --meta seance=YYYY-MM-DD"
    )


def test_info_defaults() -> None:
    metadata = resolve_metadata({"collectivite": "X", "seance": "2022-12-07", "objet": "O"},
                                {}, SOURCE)
    info = resolve_info(Path("Acte 07.12.13 (CAF).md"), metadata, {}, modifies=None, act=None)
    assert (info.deliberation, info.date) == ("acte-07.12.13-caf", "2022-12-07")


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Délibération CTG", "deliberation-ctg"), ("__", "deliberation"), ("2022_03", "2022_03"),
     ("Œuvre sociale", "oeuvre-sociale")],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_xml_characters() -> None:
    check_xml_characters("tab\tok\u00a0\u202f’", SOURCE)
    with pytest.raises(SourceError, match=r"line 2: character U\+0000"):
        check_xml_characters("a\nb\x00", SOURCE)
    with pytest.raises(SourceError, match=r"paragraph 3: character U\+000C"):
        check_xml_characters("\x0c", SOURCE, "paragraph 3")
