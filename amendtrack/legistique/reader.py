"""Reading amending instructions in French légistique into records (`instruction_model`).

An instruction names a place (`Address`: an article, a division, an alinéa, a tiret, a part
such as « le II », an item such as « 3° » or « a) », a sentence) and what happens there: words
replaced, deleted or inserted (`WordChange`), alinéas rewritten, deleted, inserted or moved
(`BlockChange`), articles and divisions inserted, abrogated, renumbered (`StructureChange`). A
provision that changes no text (a date of application, « Le I s'applique … ») is kept as
`NoChange` so that it can be reported.

The sentences Parliament and councils write are read: headers that name a code, an act, an
article or « le même code » (« Le code de la propriété intellectuelle est ainsi modifié : »)
give their place to the numbered items below them (`I.`, `I. -`, `II.-`, `1°`, `1° bis`, `a)`,
`aa)`, `-`); quotations are in guillemets « … » (nested ones the French way, each quoted alinéa
opening with « and only the last one closing) or in straight or curly double quotes standing
for them (a straight quote at the start of a line opens the next alinéa of the quotation); a
line « Article 2 » of the amending text itself separates its articles. `read` gives, for every
provision, what was read or why it was not (the coverage of a corpus); `parse` gives the
instructions and refuses the first provision it cannot read, naming its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from amendtrack.errors import AmendmentError
from amendtrack.legistique.block_formulas import read_block
from amendtrack.legistique.formulas import CLOSE, OPEN, QUOTE, SPACES, Quotes, leads, read_clauses
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    NoChange,
    Side,
    StructureChange,
    StructureChangeKind,
    Unit,
    WordChange,
    WordChangeKind,
)
from amendtrack.legistique.places import Context
from amendtrack.translation import _

_VERBS = re.compile(
    r"\b(?:est|sont)\s+(?:ainsi\s+)?(?:supprim|remplac|insér|ajout|rédig|abrog|complét|modifi"
    r"|plac|déplac|précéd|créé)|\b(?:devient|deviennent|il\s+est\s+créé)\b", re.IGNORECASE)
_HEADING = re.compile(r"(?:article|art\.)\s+(?:\d+(?:er)?|premier|unique)(?:\s+(?:bis|ter|"
                      r"quater|quinquies|sexies|septies|octies|nonies|decies))?(?:\s+[A-Z])?"
                      r"\s*\.?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Provision:
    """One provision of an amending text (a logical line) and how it was read."""

    line: int
    text: str
    """As written, quotations included."""
    instructions: tuple[Instruction, ...] = ()
    header: bool = False
    """It gives its place to the items below it (« … est ainsi modifié : »)."""
    heading: bool = False
    """A line « Article 2 » of the amending text itself."""
    problem: str | None = None
    """Why it could not be read (None when it was)."""

    @property
    def amending(self) -> bool:
        """Whether it amends the text (or tries to): not a heading, not a provision that
        changes no text."""
        if self.heading:
            return False
        return not (self.instructions and all(isinstance(i, NoChange)
                                              for i in self.instructions))


def parse(text: str, name: str = "<instructions>") -> tuple[Instruction, ...]:
    """Read instructions from text. Raises AmendmentError naming the line that cannot be read."""
    result: list[Instruction] = []
    for provision in read(text, name):
        if provision.problem is not None:
            raise AmendmentError(_("line {line}: {problem}").format(line=provision.line,
                                                                   problem=provision.problem),
                                 name)
        result.extend(provision.instructions)
    return tuple(result)


def read(text: str, name: str = "<instructions>") -> tuple[Provision, ...]:
    """Every provision of `text` with what was read from it or why nothing was. Raises
    AmendmentError only for a quotation that is never closed."""
    working, quotes, lines = _extract_quotes(text.replace("\r\n", "\n"), name)
    contexts: dict[int, Address] = {}
    act: str | None = None
    result: list[Provision] = []
    for line_number, raw in _provisions(working, lines):
        level, sentence = _strip_numbering(_normal(raw))
        restored = _restore(raw, quotes).strip()
        if _HEADING.fullmatch(sentence):
            contexts.clear()
            result.append(Provision(line_number, restored, heading=True))
            continue
        for deeper in [key for key in contexts if key >= level]:
            del contexts[deeper]
        base = contexts[max(contexts)] if contexts else Address()
        parsed = _sentence(sentence, quotes, Context(act, base), line_number)
        act = _last_act(parsed, act)
        if isinstance(parsed, Address):
            contexts[level] = parsed
            result.append(Provision(line_number, restored, header=True))
        elif isinstance(parsed, str):
            result.append(Provision(line_number, restored, problem=parsed))
        elif parsed is None:
            result.append(Provision(line_number, restored, (NoChange(restored, line_number),)))
        else:
            result.append(Provision(line_number, restored, tuple(parsed)))
    return tuple(result)


def _last_act(parsed: object, act: str | None) -> str | None:
    if isinstance(parsed, Address):
        return parsed.act or act
    if isinstance(parsed, list):
        for instruction in parsed:
            if not isinstance(instruction, NoChange) and instruction.where.act:
                act = instruction.where.act
    return act


def _fail(name: str, line: int, problem: str) -> AmendmentError:
    return AmendmentError(_("line {line}: {problem}").format(line=line, problem=problem), name)


def _strip_one(text: str, start: bool) -> str:
    if start:
        return text[1:] if text[:1] in SPACES else text
    return text[:-1] if text[-1:] in SPACES else text


_QUOTE_START = re.compile(r"[«\"“]")


def _extract_quotes(text: str, name: str) -> tuple[str, Quotes, list[int]]:
    """Replace every quotation by a placeholder; returns the text with placeholders, the
    quotations (each a tuple of alinéas) and, for each, how many line breaks it swallowed."""
    out: list[str] = []
    quotes: Quotes = []
    swallowed: list[int] = []
    index = 0
    while (match := _QUOTE_START.search(text, index)) is not None:
        start = match.start()
        out.append(text[index:start])
        if text[start] == "«":
            parts, end = _guillemets(text, start, name)
        else:
            parts, end = _straight(text, start, name)
        out.append(f"{OPEN}{len(quotes)}{CLOSE}")
        quotes.append(tuple(parts))
        swallowed.append(text.count("\n", start, end))
        index = end
    out.append(text[index:])
    return _merge_quotes("".join(out), quotes, swallowed)


def _merge_quotes(working: str, quotes: Quotes, swallowed: list[int]
                  ) -> tuple[str, Quotes, list[int]]:
    """Quotations on consecutive lines are the alinéas of one quotation (« "a"⏎"b" »)."""
    pattern = re.compile(rf"{QUOTE}[{SPACES}]*\n[{SPACES}\n]*{QUOTE}")
    while (match := pattern.search(working)) is not None:
        first, second = int(match.group(1)), int(match.group(2))
        quotes[first] = quotes[first] + quotes[second]
        swallowed[first] += swallowed[second] + match.group(0).count("\n")
        working = working[: match.start()] + f"{OPEN}{first}{CLOSE}" + working[match.end() :]
    return working, quotes, swallowed


_GUILLEMET = re.compile(r"[«»]")


def _at_line_start(text: str, start: int, index: int) -> int | None:
    """The newline before `index` when only spaces separate them (and it is after `start`)."""
    newline = text.rfind("\n", start, index)
    if newline >= 0 and not text[newline + 1 : index].strip():
        return newline
    return None


def _guillemets(text: str, start: int, name: str) -> tuple[list[str], int]:
    depth, piece_start = 1, start + 1
    parts: list[str] = []
    for match in _GUILLEMET.finditer(text, start + 1):
        index = match.start()
        if match.group() == "«":
            newline = _at_line_start(text, piece_start, index)
            if depth == 1 and newline is not None:
                # A new quoted alinéa: « opens each one, » closes only the last.
                parts.append(_strip_one(_trim_lines(text[piece_start:newline]), True))
                piece_start = index + 1
            else:
                depth += 1
        else:
            depth -= 1
            if depth == 0:
                last = _strip_one(_strip_one(text[piece_start:index], True), False)
                return [*parts, last], index + 1
    raise _fail(name, text.count("\n", 0, start) + 1, _("« is never closed by »"))


def _trim_lines(text: str) -> str:
    """A quoted alinéa before the next one: blank lines between alinéas are no part of it."""
    return text.rstrip("\n").rstrip(SPACES) if text.endswith("\n") else text


def _straight(text: str, start: int, name: str) -> tuple[list[str], int]:
    closing = '"' if text[start] == '"' else "”"
    piece_start = start + 1
    parts: list[str] = []
    index = piece_start
    while (found := text.find(closing, index)) >= 0:
        newline = _at_line_start(text, piece_start, found) if closing == '"' else None
        if newline is not None and found > piece_start and not _closes(text, found):
            parts.append(_strip_one(_trim_lines(text[piece_start:newline]), True))
            piece_start = index = found + 1
            continue
        last = _strip_one(_strip_one(text[piece_start:found], True), False)
        return [*parts, last], found + 1
    raise _fail(name, text.count("\n", 0, start) + 1, _("quotation is never closed"))


def _closes(text: str, index: int) -> bool:
    """Whether a straight quote at a line start closes the quotation (nothing but
    punctuation follows it on its line) rather than opening its next alinéa."""
    end = text.find("\n", index)
    rest = text[index + 1 : end if end >= 0 else len(text)]
    return not rest.strip(" \u00a0\u202f\t.;,:")


def _provisions(working: str, swallowed: list[int]) -> list[tuple[int, str]]:
    """Logical lines: a line that starts with a quotation continues the line before."""
    provisions: list[tuple[int, str]] = []
    line = 1
    for raw in working.split("\n"):
        stripped = raw.strip(SPACES)
        if stripped.startswith(OPEN) and provisions:
            number, before = provisions[-1]
            provisions[-1] = (number, before + " " + stripped)
        elif stripped:
            provisions.append((line, stripped))
        line += 1 + sum(swallowed[int(q)] for q in re.findall(QUOTE, raw))
    return provisions


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(f"[{SPACES}]+", " ", text).strip()
    return re.sub(r"\s*(?:;|\.|;\s*et|,\s*et|;\s*ou)\s*$", "", text).strip()


_NUMBERING = re.compile(
    r"^(?:(?P<roman>[IVXLC]+)\s*(?:\.\s*[-–—]?|[-–—])\s*"
    r"|(?P<capital>[A-Z])\s*\.\s*[-–—]\s*"
    r"|(?P<arabic>\d+)\s*°(?:\s*(?:bis|ter|quater|quinquies|sexies|septies))?\s*[-–—]?\s*"
    r"|(?P<letter>[a-z]{1,2}(?:\s+(?:bis|ter|quater))?)\s*\)\s*|(?P<dash>[-–—])\s+)"
)
_LEVELS = {"roman": 1, "capital": 2, "arabic": 3, "letter": 4, "dash": 5}


def _strip_numbering(sentence: str) -> tuple[int, str]:
    match = _NUMBERING.match(sentence)
    if not match:
        return 0, sentence
    return _LEVELS[match.lastgroup or "dash"], sentence[match.end() :]


def _restore(raw: str, quotes: Quotes) -> str:
    return re.sub(QUOTE, lambda m: "« " + " / ".join(quotes[int(m.group(1))]) + " »", raw)


def _sentence(sentence: str, quotes: Quotes, context: Context,
              line: int) -> list[Instruction] | Address | str | None:
    """The instructions of one sentence, the place of a header, why it is not read, or
    None for a provision that changes no text."""
    found, rest, edge = leads(sentence, context)
    bases = found or [context.base]
    block = read_block(rest, quotes, context, line, bases, edge)
    if block is not None:
        return block
    words = read_clauses(rest, quotes, context, line, bases, edge)
    if words is not None:
        return words
    if OPEN in sentence or _VERBS.search(sentence):
        shown = re.sub(QUOTE, "« … »", sentence)
        return _("cannot read this instruction: {instruction!r}").format(instruction=shown[:100])
    return None


__all__ = [
    "Address",
    "BlockChange",
    "BlockChangeKind",
    "Instruction",
    "NoChange",
    "Provision",
    "Side",
    "StructureChange",
    "StructureChangeKind",
    "Unit",
    "WordChange",
    "WordChangeKind",
    "parse",
    "read",
]
