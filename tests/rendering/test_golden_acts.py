"""The golden deliberation pairs: each imports with no --meta and gives its expected act.

For every case of tests/golden/deliberations (see tests/rendering/golden_acts.py): the Markdown
act equals ``acte.md`` (read by eye); its bold, struck and moved spans are those of
``expected.json``; it names who presides, the assembly, the numéro and the date of the
deliberation it modifies. The LibreOffice and Chromium tests render every act for real.
"""

from __future__ import annotations

import io
import json

import pytest
from amendtrack_plugins.markdown import MarkdownRenderer

from amendtrack.french.calendar import french_date
from amendtrack.french.naming import register_capitals
from amendtrack.rendering import compose_act
from amendtrack.rendering.act import act_warnings
from tests.rendering.golden_acts import CASES, UPDATE, act_spans, load_case


def markdown_act(name: str) -> str:
    buffer = io.BytesIO()
    MarkdownRenderer().render(load_case(name).job(), buffer)
    return buffer.getvalue().decode("utf-8")


def test_there_are_at_least_ten_cases() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("name", CASES)
def test_act_is_the_expected_one(name: str) -> None:
    case = load_case(name)
    text = markdown_act(name)
    expected = case.folder / "acte.md"
    if UPDATE:
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASES)
def test_spans_are_the_expected_ones(name: str) -> None:
    case = load_case(name)
    spans = act_spans(case.job())
    path = case.folder / "expected.json"
    if UPDATE:
        facts = {key: getattr(case.new.metadata, key) for key in ("presidence", "assemblee")}
        facts |= {"modifies": case.new.info.modifies,
                  "modifies_numero": case.new.info.modifies_numero,
                  "replaces": case.new.info.replaces}
        path.write_text(json.dumps({"facts": facts, **spans}, ensure_ascii=False, indent=2)
                        + "\n", encoding="utf-8")
    expected = case.expected()
    assert spans == {key: expected[key] for key in ("additions", "deletions", "moved")}


@pytest.mark.parametrize("name", CASES)
def test_facts_are_read_and_named_in_the_act(name: str) -> None:
    case = load_case(name)
    facts = case.expected()["facts"]
    new = case.new
    assert new.metadata.presidence == facts["presidence"]
    assert new.metadata.assemblee == facts["assemblee"]
    assert (new.info.modifies, new.info.modifies_numero, new.info.replaces) == (
        facts["modifies"], facts["modifies_numero"], facts["replaces"])
    act = compose_act(case.job())
    text = "\n".join(part.block.text for part in act.blocks)
    words = " ".join(text.split())
    assert facts["presidence"] in words
    assert register_capitals(facts["assemblee"]) in register_capitals(words)
    assert f"n° {facts['modifies_numero']}" in words
    assert french_date(facts["modifies"]) in words
    heading = next(part.block.text for part in act.blocks if part.role.value == "title")
    assert ("Annule et remplace" if facts["replaces"] else "odification de la délibération") in (
        heading)
    # Nothing had to be stated without a fact: no warning.
    assert act_warnings(case.job()) == []


@pytest.mark.parametrize("name", CASES)
def test_every_deletion_and_move_is_shown(name: str) -> None:
    case = load_case(name)
    job = case.job()
    spans = act_spans(job)
    changed = [op for op in job.amendment.blocks if op.kind.value != "keep"]
    deleted_words = sum(len("".join(s.text for s in i.old).split()) for op in changed
                        for i in op.inline if i.kind.value == "delete")
    deleted_blocks = [op for op in changed if op.kind.value == "delete"]
    moves = [op for op in changed if op.kind.value == "move"]
    assert len(spans["moved"]) == len(moves)
    shown = " ".join(spans["deletions"])
    for op in deleted_blocks:
        assert op.old is not None and " ".join(op.old.text.split()) in shown
    assert len(shown.split()) >= deleted_words
    notice = next(part.block.text for part in compose_act(job).blocks
                  if part.role.value == "expose")
    if deleted_words or deleted_blocks:
        assert "les suppressions sont barrées" in notice
    if moves:
        assert "les alinéas déplacés sont signalés" in notice
    if not (deleted_words or deleted_blocks or moves):
        assert notice.endswith("(rajout en gras).")
