"""The bounds of what a document may ask for: past each, one SourceError saying which."""

from __future__ import annotations

from pathlib import Path

import pytest

from amendtrack.errors import SourceError
from amendtrack.importers import bounds
from amendtrack.importers.bounds import (
    ExpansionBudget,
    check_elements,
    check_markdown_markup,
    document_number,
    style_chain,
)
from amendtrack.importers.docx import read_docx
from amendtrack.importers.html import read_html
from amendtrack.importers.odt import read_odt
from tests.importers.test_docx import docx_bytes
from tests.importers.test_odt import odt_bytes


def test_document_numbers() -> None:
    assert document_number("12", "x", "a") == 12
    assert document_number(" -6 ", "x", "a") == -6
    assert document_number("auto", "x", "a") is None
    assert document_number("²", "x", "a") is None  # a digit for str.isdigit, not for int
    assert document_number("0" * 50 + "7", "x", "a") == 7
    with pytest.raises(SourceError, match="5,000 digits"):
        document_number("9" * 5000, "a w:position", "a")
    with pytest.raises(SourceError, match="20,000, more than the 10,000"):
        document_number("20000", "x", "a", maximum=10_000)


def test_expansion_budget() -> None:
    budget = ExpansionBudget("a.odt")
    budget.spend(bounds.MAX_EXPANDED_CHARACTERS, "text:s")
    with pytest.raises(SourceError, match="memory bomb"):
        budget.spend(1, "a text:s")


def test_style_chains_end_at_cycles_and_are_bounded() -> None:
    parents = {"a": "b", "b": "c", "c": "a"}
    assert style_chain("a", parents.get, "x") == ["a", "b", "c"]
    long = {f"s{n}": f"s{n + 1}" for n in range(bounds.MAX_STYLE_CHAIN + 5)}
    with pytest.raises(SourceError, match="more than 100 styles"):
        style_chain("s0", long.get, "x")
    assert len(style_chain("s6", long.get, "x")) == bounds.MAX_STYLE_CHAIN


def test_odt_spaces_repeats_and_levels() -> None:
    path = Path("a.odt")
    read = read_odt(odt_bytes('<text:p>a<text:s text:c="10000"/>b</text:p>'), path)
    assert read.blocks[0].content[0].text == "a" + " " * 10_000 + "b"
    for body, problem in (
        ('<text:p>a<text:s text:c="10001"/>b</text:p>', "more than the 10,000"),
        ('<text:p>a<text:s text:c="x"/>b</text:p>', "not a number of spaces"),
        ('<text:h text:outline-level="11">T</text:h>', "outline level is 11"),
        ('<table:table><table:table-row><table:table-cell table:number-columns-repeated="1001">'
         "<text:p>x</text:p></table:table-cell></table:table-row></table:table>",
         "number-columns-repeated"),
    ):
        with pytest.raises(SourceError, match=problem):
            read_odt(odt_bytes(body), path)


def test_odt_repeated_cells_with_text_are_repeated_empty_ones_cost_nothing() -> None:
    body = ('<table:table><table:table-row><table:table-cell table:number-columns-repeated="3">'
            '<text:p>x</text:p></table:table-cell><table:table-cell '
            'table:number-columns-repeated="1000000"/></table:table-row></table:table>')
    document = read_odt(odt_bytes(body), Path("a.odt"))
    assert ["".join(s.text for s in block.content) for block in document.blocks] == ["x"] * 3


def test_element_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    check_elements(bounds.MAX_ELEMENTS, "a")
    with pytest.raises(SourceError, match="elements, more than"):
        check_elements(bounds.MAX_ELEMENTS + 1, "a")
    monkeypatch.setattr(bounds, "MAX_ELEMENTS", 50)
    many = "".join("<w:p><w:r><w:t>x</w:t></w:r></w:p>" for _ in range(20))
    with pytest.raises(SourceError, match="elements"):
        read_docx(docx_bytes(many), Path("a.docx"))
    with pytest.raises(SourceError, match="elements"):
        read_html(b"<p>x</p>" * 60, Path("a.html"))


def test_markdown_budget() -> None:
    check_markdown_markup("*_" * (bounds.MAX_MARKDOWN_MARKS // 2), "a.md")
    with pytest.raises(SourceError, match="emphasis marks and tags"):
        check_markdown_markup("*_" * (bounds.MAX_MARKDOWN_MARKS // 2) + "*", "a.md")
    with pytest.raises(SourceError, match="lines"):
        check_markdown_markup("a\n" * bounds.MAX_MARKDOWN_LINES, "a.md")
