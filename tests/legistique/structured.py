"""Hypothesis strategies for texts with articles and divisions, and for their amended versions.

A text is a preamble, then division headings (« Chapitre I : … », « Section 2 : … ») and
articles (« Article 3 », numbered « L. 12 » style or plain), each with alinéas and tirets. The
amended version edits words, deletes, inserts and moves alinéas, abrogates articles, inserts new
ones (« 3-1 », « 3 bis »), renumbers some, retitles divisions: what whole codes do between two
versions.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from amendtrack.model import Block, BlockKind, Metadata, Version, VersionInfo, plain

META = Metadata("X", "2020-01-01", "Y")
INFO = VersionInfo("x", "2020-01-01")
WORDS = ("conseil", "municipal", "le", "de", "la", "commune", "et", "ou", "tarif", "délibère",
         "séance", "budget", "l'article", "vote", "maire", "«", "»", ",", ".", "euros", "1 000",
         "Le", "Il", "La", "II.-", "3°", "a)", "L. 12", "réunion")

Line = tuple[str, str]
"""A block as (kind, text): « p », « item » or « heading »."""


@st.composite
def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10))
    text = " ".join(words)
    if draw(st.booleans()):
        text += "."
    if draw(st.integers(0, 4)) == 0:
        text += " " + draw(st.sampled_from(("Il vote.", "La séance est levée.", "Ou pas.")))
    return text


@st.composite
def _article(draw: st.DrawFn, number: str) -> list[Line]:
    lines: list[Line] = [("p", f"Article {number}")]
    for _ in range(draw(st.integers(0, 4))):
        lines.append(("p", draw(sentence())))
        if draw(st.integers(0, 3)) == 0:
            lines.extend(("item", "- " + draw(sentence())) for _ in range(draw(st.integers(1, 3))))
    return lines


@st.composite
def structured(draw: st.DrawFn) -> list[Line]:
    """A text with a preamble, divisions and articles."""
    lines: list[Line] = [("p", draw(sentence())) for _ in range(draw(st.integers(0, 2)))]
    prefix = draw(st.sampled_from(("", "L", "L. ", "R*")))
    chapter = 0
    for number in range(1, draw(st.integers(1, 6)) + 1):
        if draw(st.integers(0, 3)) == 0:
            chapter += 1
            lines.append(("p", f"Chapitre {chapter} : {draw(sentence())}".rstrip(".")))
        label = "1er" if number == 1 and not prefix and draw(st.booleans()) else str(number)
        lines.extend(draw(_article(f"{prefix}{label}")))
    return lines


def _edited(draw: st.DrawFn, text: str) -> str:
    words = text.split(" ")
    at = draw(st.integers(0, len(words)))
    words[at : at + draw(st.integers(0, 2))] = draw(st.lists(st.sampled_from(WORDS), max_size=3))
    return " ".join(words) or "x"


@st.composite
def amended(draw: st.DrawFn, lines: list[Line]) -> list[Line]:
    """An amended version of `lines`."""
    result: list[Line] = []
    for kind, text in lines:
        heading = text.startswith(("Article ", "Chapitre "))
        action = draw(st.sampled_from(("keep", "keep", "keep", "edit", "drop", "add")))
        if heading and action == "edit" and text.startswith("Article "):
            text = text + draw(st.sampled_from(("-1", " bis", "0")))
        elif action == "edit":
            text = _edited(draw, text)
        if action != "drop":
            result.append((kind, text))
        if action == "add":
            choice = draw(st.integers(0, 5))
            if choice == 0 and heading:
                result.append(("p", text.split(" ")[0] + " 99"))
            else:
                result.append((draw(st.sampled_from(("p", "p", "item"))), draw(sentence())))
    if draw(st.booleans()) and len(result) > 3:
        moved = result.pop(draw(st.integers(0, len(result) - 1)))
        result.insert(draw(st.integers(0, len(result))), moved)
    return result


def version(lines: list[Line], prefix: str) -> Version:
    """A version with these blocks (items in one list per run)."""
    blocks = []
    for number, (kind, text) in enumerate(lines):
        block_kind = BlockKind.ITEM if kind == "item" else BlockKind.PARAGRAPH
        blocks.append(Block(f"{prefix}{number}", block_kind, plain(text),
                            list_id="l" if kind == "item" else None))
    return Version(INFO, META, tuple(blocks))


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Version, Version]:
    """An old text with articles and its amended version."""
    lines = draw(structured())
    return version(lines, "o"), version(draw(amended(lines)), "n")


_VISAS = ("Vu le code général des collectivités territoriales ;", "Vu la loi du 1er juillet ;",
          "Considérant la hausse des coûts ;")
_CLOSING = ("Fait et délibéré les jour, mois et an susdits.", "Le Maire, Jean DUPONT")


def _kind(kind: str, text: str, position: int, count: int) -> BlockKind:
    if kind == "item":
        return BlockKind.ITEM
    if text.startswith("Article "):
        return BlockKind.ARTICLE
    if text.startswith("Vu "):
        return BlockKind.VISA
    if text.startswith("Considérant "):
        return BlockKind.CONSIDERANT
    if text in _CLOSING or text.startswith("Le Maire"):
        return BlockKind.SIGNATURE
    return BlockKind.PARAGRAPH


def deliberation(lines: list[Line], prefix: str) -> Version:
    """A version with the structure a deliberation's import gives it: visas, considérants,
    articles (`BlockKind.ARTICLE`, some opening with their first alinéa), signatures."""
    from amendtrack.french.deliberations import reread

    blocks = []
    for number, (kind, text) in enumerate(lines):
        block_kind = _kind(kind, text, number, len(lines))
        block = Block(f"{prefix}{number}", block_kind, plain(text),
                      list_id="l" if kind == "item" else None, alinea=" : " in text)
        if block_kind is BlockKind.ARTICLE:
            read = reread(block)
            block = read if read.number is not None else replace(block, kind=BlockKind.PARAGRAPH)
        blocks.append(block)
    return Version(INFO, META, tuple(blocks))


@st.composite
def deliberation_pairs(draw: st.DrawFn) -> tuple[Version, Version]:
    """A deliberation with visas, articles (« Article 2 : … » or « Article 2 » and alinéas)
    and signatures, and an amended version of it."""
    lines = [("p", text) for text in draw(st.lists(st.sampled_from(_VISAS), max_size=3))]
    body = draw(structured())
    for index, (kind, text) in enumerate(body):
        if text.startswith("Article ") and draw(st.booleans()) and index + 1 < len(body) \
                and body[index + 1][0] == "p" and not body[index + 1][1].startswith(
                    ("Article", "Chapitre")):
            body[index] = (kind, f"{text} : {body[index + 1][1]}")
            body[index + 1] = ("p", draw(sentence()))
    lines.extend(line for line in body if not line[1].startswith("Chapitre "))
    lines.extend(("p", text) for text in _CLOSING[: draw(st.integers(0, 2))])
    edited = draw(amended(lines))
    return deliberation(lines, "o"), deliberation(edited, "n")
