"""The one markdown-it-py parser amendtrack reads Markdown with, configured for deliberations.

CommonMark with inline HTML, and only the rules a deliberation's Markdown needs: paragraphs,
ATX headings, bullet lists, thematic breaks; emphasis, GFM's ``~~strikethrough~~``, escapes,
entities, inline HTML, line breaks. Off: code blocks and spans, fences, block quotes, setext
headings, HTML blocks, link references, links, images and autolinks (their characters stay
text), numbered lists (« 1. » stays text, as councils number their articles), and the
``normalize`` rule (line endings are
converted by the reader, and a NUL must reach the check that refuses it rather than become
U+FFFD unseen). markdown-it skips whatever is left of a block nested past its limit
(`MAX_NESTING`); here that is an error (`TooDeep`), never text lost in silence.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

MAX_NESTING = 40
"""markdown-it's nesting limit: about 20 levels of lists in lists."""


class TooDeep(Exception):
    """markdown-it reached its nesting limit where there was still text to read."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line
        """The first line (from 0) left unread."""


@cache
def parser() -> MarkdownIt:
    """The configured parser (built once, when the first Markdown file is read)."""
    from markdown_it import MarkdownIt  # imported only when a Markdown file is read

    markdown = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    markdown.disable(["normalize", "code", "fence", "blockquote", "lheading", "html_block",
                      "reference", "link", "image", "autolink", "backticks"])
    markdown.enable("strikethrough")  # GFM's ~~struck~~, as an act shows its deletions
    ruler = markdown.block.ruler
    ruler.at("list", _bullets_only(_rule(markdown, "list")),
             {"alt": ["paragraph", "reference", "blockquote"]})
    ruler.at("paragraph", _spaces_trimmed(_rule(markdown, "paragraph")))
    markdown.block.tokenize = _guarded(markdown.block.tokenize)  # type: ignore[method-assign]
    return markdown


def _rule(markdown: MarkdownIt, name: str) -> Any:
    ruler = markdown.block.ruler
    return ruler.__rules__[ruler.__find__(name)].fn


def _bullets_only(list_rule: Any) -> Any:
    def bullet_list(state: Any, start: int, end: int, silent: bool) -> bool:
        position = state.bMarks[start] + state.tShift[start]
        line_end = state.eMarks[start]
        if position < line_end and state.src[position].isdigit():
            return False  # « 1. », « 2) »: text, not a numbered list
        if position + 1 >= line_end:
            return False  # a lone « - » is text, as it always was here
        return bool(list_rule(state, start, end, silent))

    return bullet_list


def _spaces_trimmed(paragraph_rule: Any) -> Any:
    # markdown-it-py trims a paragraph of all Unicode white space: a French text's
    # non-breaking spaces at its edges are text, only spaces and tabs are layout.
    def paragraph(state: Any, start: int, end: int, silent: bool) -> bool:
        found = bool(paragraph_rule(state, start, end, silent))
        if found and not silent:
            lines = state.getLines(start, state.line, state.blkIndent, False)
            state.tokens[-2].content = lines.strip(" \t\n")
        return found

    return paragraph


def _guarded(tokenize: Any) -> Any:
    def guarded(state: Any, start: int, end: int) -> None:
        if state.level >= MAX_NESTING:
            line = state.skipEmptyLines(start)
            if line < end and state.sCount[line] >= state.blkIndent:
                raise TooDeep(line)
        tokenize(state, start, end)

    return guarded
