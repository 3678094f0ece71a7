"""A scanner for the wording defects a drafter would reject (issue 15), used on every text the
tests make amendtrack write.

It reads the text the way a drafter reads it: the word-level quotations (after « le mot : »,
« les mots : », « le signe : », « la mention : » …) must not begin or end with a space nor
with a mark standing alone (a leading comma excepted), a bare mark is « le signe », a numbering
label « la mention »; guillemets are never quoted with straight quotes; an anchor is never a
bare « ou », « et », « de »; a deletion is not worded as a replacement; deletions of alinéas of
one place are merged into one sentence, each alinéa named once (all numbers refer to the text
before amendment).
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
_NOUN = (r"(?:le|la|les|du|de la|des) (?P<noun>mots?|signes?|mentions?|références?|nombres?"
         r"|chiffres?|dates?)")
_QUOTED = re.compile(rf"{_NOUN}\u00a0: (?P<open>[«\"“])\u00a0(?P<text>.*?)\u00a0(?P<close>[»\"”])"
                     r"(?=[ ,.;]|$)", re.MULTILINE)
_FUNCTION = frozenset(("ou", "et", "de", "du", "des", "la", "le", "les", "l'", "d'", "à", "au",
                       "aux", "en", "un", "une", "par", "pour", "sur", "dans"))
_LABEL = re.compile(r"(?:[IVXLC]+|\d+|[A-Z])\s*\.?\s*[-–—]|\d+\s?°|[a-z]{1,2}\)")
_DELETION = re.compile(r"^(?:\d+° |[a-z]{1,2}\) )?(?:Le (?P<one>[\w-]+) alinéa|Les (?P<many>.+?) "
                       r"alinéas)(?P<of> (?:de l'article|du|de la|de l'annexe) [^,]*?)? "
                       r"(?:est|sont) supprimés?[.;]?$")


def _quotations(text: str) -> list[re.Match[str]]:
    return list(_QUOTED.finditer(text))


def _edges(found: re.Match[str]) -> list[str]:
    quoted, noun = found.group("text"), found.group("noun")
    problems = []
    if quoted != quoted.strip():
        problems.append(f"quotation with a space at its edge: «{quoted}»")
    words = any(c.isalnum() for c in quoted)
    if words and (re.match(r"[.;:!?»)]", quoted) or re.search(r"\s[.,)]$", quoted)):
        problems.append(f"quotation with a lone mark at its edge: «{quoted}»")
    if noun.startswith("mot") and not any(c.isalnum() for c in quoted):
        problems.append(f"punctuation quoted as a word: «{quoted}»")
    if noun.startswith("mot") and _LABEL.fullmatch(quoted.strip()):
        problems.append(f"numbering label quoted as a word: «{quoted}»")
    if found.group("open") in "\"“" and ("«" in quoted or "»" in quoted):
        problems.append(f"guillemets quoted with straight quotes: {quoted}")
    return problems


def _anchors(line: str) -> list[str]:
    problems = []
    for found in re.finditer(rf"(?:après|avant) (?:la \w+ occurrence )?{_NOUN}\u00a0: «\u00a0"
                             rf"(?P<text>.*?)\u00a0»", line, re.IGNORECASE):
        words = [w.lower() for w in re.split(r"[\s']+", found.group("text")) if w]
        if words and all(w in _FUNCTION or not any(c.isalnum() for c in w) for w in words):
            problems.append(f"anchor on a bare function word: «{found.group('text')}»")
    return problems


def _dressed(line: str) -> list[str]:
    found = re.search(r"«\u00a0(?P<old>.*?)\u00a0» (?:est|sont) remplacée?s? par \w+ \w+\u00a0: "
                      r"«\u00a0(?P<new>.*?)\u00a0»", line)
    if found is None:
        return []
    old, new = found.group("old").split(), found.group("new").split()
    cut = len(old) - len(new)
    if cut > 0 and any(old[:k] + old[k + cut :] == new for k in range(len(new) + 1)):
        return [f"deletion worded as a replacement: «{found.group('old')}» → "
                f"«{found.group('new')}»"]
    return []


def _deletions(lines: list[str]) -> list[str]:
    """Deletions of alinéas of one place: one sentence, each alinéa named once."""
    problems: list[str] = []
    scope: str | None = None
    seen: dict[str | None, list[str]] = {}
    for line in lines:
        header = re.match(r"^(?:L'|La |Le )(article|annexe|section|chapitre|titre)\b.*ainsi "
                          r"modifiée?\u00a0:$", line)
        if header or not re.match(r"^(?:\d+°|[a-z]{1,2}\))", line):
            scope = line if header else None
        found = _DELETION.match(line)
        if found is None:
            continue
        key = f"{scope}|{found.group('of') or ''}"
        seen.setdefault(key, []).append(line)
    for sentences in seen.values():
        if len(sentences) > 1:
            problems.append(f"alinéas of one place deleted in {len(sentences)} sentences: "
                            + " / ".join(sentences))
    return problems


def defects(text: str) -> list[str]:
    """Every defect found in a generated wording (empty when a drafter would accept it)."""
    problems: list[str] = []
    for found in _quotations(text):
        problems.extend(_edges(found))
    lines = [line for line in text.split("\n") if not line.startswith(("«", '"', "“"))]
    for line in lines:
        problems.extend(_anchors(line))
        problems.extend(_dressed(line))
    problems.extend(_deletions(lines))
    return problems
