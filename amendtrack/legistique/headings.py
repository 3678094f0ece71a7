"""Headings that instructions create or change, written the way the document writes its own.

An article inserted by « il est inséré un article L. 12-1 ainsi rédigé : « Art. L. 12-1. - … » »
gets a heading like its neighbours' (« Article L12-1 » beside « Article L12 », the same block
kind and level); « L'article 4 devient l'article 5 » changes the number in the heading and
keeps the rest; a division created or renumbered keeps its neighbours' separator (« Chapitre
I bis : La retenue »). `quoted_article` reads the « Art. L. 12-1. - » that opens the first
quoted alinéa of an article in légistique, `article_opening` writes it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from amendtrack.french.deliberations import reread
from amendtrack.legistique.counting import ARTICLE_HEADING, DIVISION_HEADING
from amendtrack.legistique.labels import ARTICLE_NUMBER, citation, restyle
from amendtrack.model import Block, BlockKind, plain

_OPENING = re.compile(
    rf"\s*Art\.\s+(?P<number>{ARTICLE_NUMBER})\s*\.?\s*[-–—]\s?(?P<rest>.*)",
    re.DOTALL,
)


def quoted_article(text: str) -> tuple[str, str] | None:
    """``(number, first alinéa)`` for « Art. L. 12-1. - Le … » (the alinéa may be empty)."""
    match = _OPENING.fullmatch(text)
    if match is None:
        return None
    return re.sub(r"\s+", " ", match.group("number")), match.group("rest")


def article_opening(number: str, first: str) -> str:
    """« Art. L. 12-1. - first » (« Art. 1er. - »), the opening of a quoted article."""
    return f"Art.\u00a0{citation(number)}. - {first}"


def article_heading(number: str, like: Block | None, block_id: str) -> Block:
    """A heading for a new article numbered `number`, in the style of `like` (the heading of
    another article of the document), without `like`'s title."""
    if like is None or (match := ARTICLE_HEADING.fullmatch(like.text)) is None:
        return Block(block_id, BlockKind.PARAGRAPH, plain(f"Article {number}"))
    text = like.text[: match.start(1)] + restyle(number, match.group(1))
    return reread(Block(block_id, like.kind, plain(text), list_id=None, level=like.level,
                        number=number if like.kind is BlockKind.ARTICLE else None))


def renumbered_article(block: Block, number: str) -> Block:
    """An article heading with its number changed (its title, if any, kept)."""
    match = ARTICLE_HEADING.fullmatch(block.text)
    if match is None:
        return block
    text = block.text[: match.start(1)] + restyle(number, match.group(1)) + block.text[
        match.end(1) :]
    return reread(replace(block, content=plain(text)))


def division_heading(kind: str, number: str, title: str | None, like: Block | None,
                     block_id: str) -> Block:
    """A heading for a new division, in the style of `like` (a heading of the same kind)."""
    match = None if like is None else DIVISION_HEADING.fullmatch(like.text)
    if like is None or match is None:
        text = f"{kind[:1].upper()}{kind[1:]} {number}" + (f" : {title}" if title else "")
        return Block(block_id, BlockKind.PARAGRAPH, plain(text))
    return Block(block_id, like.kind, plain(_division_text(like.text, match, number, title)),
                 level=like.level)


def _division_text(text: str, match: re.Match[str], number: str, title: str | None) -> str:
    head = text[: match.start("number")] + number
    if title is None:
        return head
    if match.group("title") is not None:
        return head + text[match.end("number") : match.start("title")] + title
    return head + " : " + title


def renumbered_division(block: Block, number: str, title: str | None) -> Block:
    """A division heading with its number (and, when given, its title) changed."""
    match = DIVISION_HEADING.fullmatch(block.text)
    if match is None:
        return block
    if title is None:
        text = block.text[: match.start("number")] + number + block.text[match.end("number"):]
    else:
        text = _division_text(block.text, match, number, title)
    return reread(replace(block, content=plain(text)))


def title_span(text: str) -> tuple[int, int] | None:
    """Where the title (« intitulé ») of an article or division heading is, if it has one."""
    match = DIVISION_HEADING.fullmatch(text)
    if match is not None:
        return None if match.group("title") is None else match.span("title")
    match = ARTICLE_HEADING.fullmatch(text)
    if match is None:
        return None
    rest = match.group("rest")
    title = re.match(r"[\s.:\-–—]*", rest)
    assert title is not None
    start = match.start("rest") + title.end()
    return None if start >= len(text) else (start, len(text))


def retitled(block: Block, title: str) -> Block | None:
    """The heading with its title replaced, None when it has none to replace."""
    span = title_span(block.text)
    if span is None:
        return None
    text = block.text[: span[0]] + title + block.text[span[1] :]
    return replace(block, content=plain(text))


__all__ = [
    "article_heading",
    "article_opening",
    "division_heading",
    "quoted_article",
    "renumbered_article",
    "renumbered_division",
    "retitled",
    "title_span",
]
