"""An example renderer plugin for amendtrack: the diff or the amending act as LaTeX.

Additions are set in bold (``\\textbf``), deletions struck through (``\\sout`` from the
``ulem`` package). Everything it needs comes from `amendtrack.rendering`, the plugin API.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import BinaryIO, ClassVar, assert_never

from amendtrack.model import BlockKind
from amendtrack.rendering import (
    API_VERSION,
    Change,
    Elision,
    RenderBlock,
    RenderJob,
    Run,
    View,
    ViewItem,
    check_view,
    compose_act,
    elision_text,
    segments,
    summarise,
    summary_text,
    view_items,
)

__version__ = "0.1.0"

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
            "#": r"\#", "%": r"\%", "_": r"\_", "~": r"\textasciitilde{}",
            "^": r"\textasciicircum{}", "\n": "\\\\\n", "\u00a0": "~"}


def latex_escape(text: str) -> str:
    """Text with LaTeX's special characters escaped and line breaks as ``\\\\``."""
    return "".join(_SPECIAL.get(char, char) for char in text)


def inline_latex(runs: Iterable[Run]) -> str:
    """Runs as LaTeX: additions bold, deletions struck through."""
    out: list[str] = []
    for change, group in segments(runs):
        text = latex_escape("".join(run.text for run in group))
        match change:
            case Change.ADDED:
                out.append(rf"\textbf{{{text}}}")
            case Change.DELETED:
                out.append(rf"\sout{{{text}}}")
            case Change.SAME | Change.ALTERED:
                out.append(text)
            case _ as unreachable:
                assert_never(unreachable)
    return "".join(out)


def _paragraph(item: ViewItem) -> str:
    if isinstance(item, Elision):
        return rf"\emph{{{latex_escape(elision_text(item.count))}}}"
    block: RenderBlock = item
    text = inline_latex(block.runs)
    return rf"\section*{{{text}}}" if block.kind is BlockKind.HEADING else text


class LatexRenderer:
    """A LaTeX document (compile with pdflatex or lualatex)."""

    name: ClassVar[str] = "latex"
    description: ClassVar[str] = "LaTeX document: additions \\textbf, deletions \\sout (example)"
    media_type: ClassVar[str] = "application/x-latex"
    extensions: ClassVar[tuple[str, ...]] = ("tex",)
    options: ClassVar[Mapping[str, str]] = MappingProxyType({
        "documentclass": "the LaTeX document class (default article)",
    })
    views: ClassVar[tuple[View, ...]] = (View.DIFF, View.ACT)
    api_version: ClassVar[int] = API_VERSION

    def render(self, job: RenderJob, stream: BinaryIO) -> None:
        """Write the document."""
        check_view(self, job)
        if job.view is View.ACT:
            items: list[ViewItem] = [part.block for part in compose_act(job).blocks]
        else:
            items = list(view_items(job))
        paragraphs = [_paragraph(item) for item in items]
        if job.view is View.DIFF:
            summary = summary_text(summarise(job.amendment))
            paragraphs.append(latex_escape(f"Résumé : {summary}"))
        document = "\n".join([
            rf"\documentclass{{{job.option('documentclass', 'article')}}}",
            r"\usepackage[T1]{fontenc}",
            r"\usepackage[french]{babel}",
            r"\usepackage[normalem]{ulem}",
            r"\begin{document}",
            "\n\n".join(paragraphs),
            r"\end{document}",
            "",
        ])
        stream.write(document.encode("utf-8"))
