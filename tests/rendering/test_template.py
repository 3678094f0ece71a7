"""Tests for amendtrack.rendering.template: the house template, and docs/act.md saying all of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from amendtrack.errors import InputError
from amendtrack.rendering.template import PLACEHOLDERS, default_template, load_template

DOCS = Path(__file__).resolve().parents[2] / "docs" / "act.md"


def test_every_key_and_placeholder_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for key in default_template().sentences:
        assert f"`{key}`" in docs, key
    for name in PLACEHOLDERS:
        assert f"`{{{name}}}`" in docs, name


def test_the_default_sentences_use_known_placeholders_only() -> None:
    used = {name for value in default_template().sentences.values()
            for line in ([value] if isinstance(value, str) else value)
            for name in re.findall(r"{(\w+)}", line)}
    assert used <= set(PLACEHOLDERS)
    assert {"presidence", "de_presidence", "fonction", "DU_ASSEMBLEE"} <= used


def test_a_file_replaces_keys_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "modele.toml"
    path.write_text('[defauts]\npresidence = "Le président"\n', encoding="utf-8")
    template = load_template(path)
    assert template.text("defauts.presidence", {}) == "Le président"
    assert template.lines("decision.sans_vote", {"Le_Assemblee": "Le Comité Syndical",
                                                 "de_presidence": "du président"}) == [
        "Le Comité Syndical,", "après en avoir délibéré,", "adhère aux propositions du président."]
    assert template.source == str(path)


def test_a_section_must_hold_sentences(tmp_path: Path) -> None:
    path = tmp_path / "modele.toml"
    path.write_text('notice = "x"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"\[notice\] must be a section of sentences"):
        load_template(path)
