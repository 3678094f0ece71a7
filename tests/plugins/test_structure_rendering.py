"""The parts of a deliberation and its moved alinéas in every built-in renderer: the diff labels a
move in HTML, ODT, Markdown and the terminal, and every golden act is valid ODF 1.3."""

from __future__ import annotations

import io
import zipfile

import pytest
from amendtrack_plugins.html import HtmlRenderer
from amendtrack_plugins.markdown import MarkdownRenderer
from amendtrack_plugins.odt import OdtRenderer
from amendtrack_plugins.terminal import TerminalRenderer
from lxml import etree

from tests.plugins.test_odt import assert_valid, odf_schemas  # noqa: F401 (a fixture)
from tests.rendering.golden_acts import CASES, load_case

LABEL = "[déplacé : auparavant deuxième alinéa]"


def render(renderer: object, **choices: object) -> bytes:
    case = load_case("deplacement-alinea")
    job = case.job(**choices)
    from dataclasses import replace

    from amendtrack.rendering import View

    job = replace(job, view=View.DIFF, full=False)
    buffer = io.BytesIO()
    renderer.render(job, buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_the_diff_labels_a_move_in_the_terminal() -> None:
    text = render(TerminalRenderer()).decode()
    assert f"{LABEL} L'association sollicite une subvention" in text
    escaped = render(TerminalRenderer(), interactive=True).decode()
    assert LABEL in escaped


def test_the_diff_labels_a_move_in_html_and_markdown() -> None:
    html = render(HtmlRenderer()).decode()
    assert (f'<p class="block-moved p"><span class="move-label">{LABEL}</span> '
            "L'association sollicite") in html
    assert "\\[déplacé : auparavant deuxième alinéa\\]*" in render(MarkdownRenderer()).decode()


def test_the_diff_labels_a_move_in_odt() -> None:
    with zipfile.ZipFile(io.BytesIO(render(OdtRenderer()))) as package:
        content = package.read("content.xml").decode()
        styles = package.read("styles.xml").decode()
    assert f'<text:span text:style-name="Deplacement">{LABEL}</text:span>' in content
    assert 'style:name="Deplacement" style:display-name="Déplacement"' in styles


@pytest.mark.parametrize("name", CASES)
def test_every_golden_act_is_valid_odf(name: str, odf_schemas: dict[str, etree.RelaxNG]) -> None:  # noqa: F811
    buffer = io.BytesIO()
    OdtRenderer().render(load_case(name).job(), buffer)
    assert_valid(buffer.getvalue(), odf_schemas)
