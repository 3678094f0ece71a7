"""The formulas of an amending sentence over whole blocks, articles and divisions.

« Le premier alinéa de l'article L. 722-8 est ainsi rédigé : », « Les troisième, quatrième et
dernier alinéas sont supprimés », « Les deux premiers alinéas du II sont remplacés par sept
alinéas ainsi rédigés : », « Après l'article L. 332-1, il est inséré un article L. 332-1-1 ainsi
rédigé : », « L'article L. 623-4 est complété par un paragraphe ainsi rédigé : », « Les articles
L. 615-18 et L. 615-19 sont abrogés », « L'article 4 devient l'article 5 », « Les articles 2
et 3 deviennent respectivement les articles 3 et 4 », « Il est créé un
chapitre VI bis intitulé : « La retenue » et comprenant les articles L. 716-8 à L. 716-16 »,
« La première phrase du dernier alinéa est ainsi rédigée : », and the headers « Le code … est
ainsi modifié : ». The subject of each formula is a place phrase (`amendtrack.legistique.places`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from amendtrack.legistique.formulas import FLAGS, QUOTE, Quotes, quote, read_clauses
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Instruction,
    Path,
    Side,
    StructureChange,
    StructureChangeKind,
    Unit,
    WordChange,
    WordChangeKind,
)
from amendtrack.legistique.labels import DIVISION_KINDS, DIVISION_NUMBER, citation
from amendtrack.legistique.places import CARDINAL, NUMBER, Context, count_of, places, within

_Q = QUOTE.replace("(", "(?P<Q>", 1)
_T = QUOTE.replace("(", "(?P<T>", 1)
_KINDS = "|".join(DIVISION_KINDS[::-1])
_DONE = r"ainsi\s+rédigée?s?\s*:?\s*" + _Q
_IN = r"(?:il\s+)?(?:est|sont)\s+(?:insérée?s?|ajoutée?s?)"
_UNITS = re.compile(rf"(?P<C>{CARDINAL}|des?)\s+(?P<U>alin[ée]as?|tirets?|paragraphes?|visas?"
                    rf"|consid[ée]rants?"
                    rf"|(?-i:[IVXLC]+)|\d+\s?°)", FLAGS)
_SENTENCES = re.compile(rf"(?:{CARDINAL}|des?)\s+phrases?", FLAGS)
_NAME = re.compile(
    rf"(?:un|une|des|{CARDINAL})\s+(?P<K>articles?|annexes?|{_KINDS})\s+(?P<N>.+?)"
    rf"(?=(?:\s*,\s*|\s+et\s+)(?:un|une|des|{CARDINAL})\s+(?:articles?|annexes?|{_KINDS})\s|$)",
    FLAGS)
_PATTERNS = {
    "header": r"(?P<S>.*?)\s*(?:est|sont)\s+ainsi\s+modifiée?s?\s*:?",
    "rewrite": rf"(?P<S>.+?)\s+(?:est|sont)\s+{_DONE}",
    "replace": rf"(?P<S>.+?)\s+(?:est|sont)\s+remplacée?s?\s+par\s+(?P<N>.+?)\s+{_DONE}",
    "insert": rf"(?P<W>après|avant)\s+(?P<S>.+?),?\s+{_IN}\s+(?P<N>.+?)\s+{_DONE}",
    "edge": rf"{_IN}\s+(?P<N>.+?)\s+{_DONE}",
    "append": rf"(?:(?P<S>.+?)\s+)?(?:est|sont)\s+complétée?s?\s+par\s+(?P<N>.+?)\s+{_DONE}",
    "move": r"(?P<S>.+?)\s+(?:est|sont)\s+(?:placée?s?|déplacée?s?)\s+(?P<W>après|avant)\s+"
            r"(?P<D>.+)",
    "delete": r"(?P<S>.+?)\s+(?:est|sont)\s+(?:supprimée?s?|abrogée?s?)",
    "renumbers": r"(?P<S>.+?)\s+deviennent\s+respectivement\s+les\s+articles\s+(?P<NUMS>.+)",
    "renumber": rf"(?P<S>.+?)(?:\s+intitulée?\s*:?\s*{QUOTE})?\s+(?:devient|deviennent)\s+"
                rf"(?:l'|le\s+|la\s+|un\s+|une\s+)?(?P<K>article|{_KINDS})\s+"
                rf"(?P<NUM>{NUMBER}|{DIVISION_NUMBER})(?:\s+intitulée?\s*:?\s*{_T})?"
                r"(?:\s+et\s+comprenant\s+.*)?",
    "create": rf"(?:il\s+est\s+créé\s+)?(?:un|une)\s+(?P<K>{_KINDS})\s+(?P<NUM>{DIVISION_NUMBER})"
              rf"\s+intitulée?\s*:?\s*{_T}(?:\s+est\s+créée?)?\s+et\s+(?:comprenant|comprend)"
              rf"\s+les\s+articles\s+(?P<F>{NUMBER})\s+à\s+(?P<L>{NUMBER})",
    "predicate": r"(?P<S>.+?)\s+(?P<F>(?:est|sont)\s+(?:complétée?s?|précédée?s?)\s+.*)",
}


_COMPILED = {name: re.compile(pattern, FLAGS) for name, pattern in _PATTERNS.items()}


def unit_named(word: str) -> Unit:
    """The unit a word names: « alinéas », « tiret », « visa », « considérants » …"""
    word = word.lower().replace("é", "e")
    for unit in (Unit.TIRET, Unit.VISA, Unit.CONSIDERANT):
        if word.startswith(unit.value.replace("é", "e")):
            return unit
    return Unit.ALINEA


def _subjects(text: str | None, context: Context, bases: list[Address]) -> list[Address] | None:
    if not text:
        return list(bases)
    named = places(text, context)
    if named is None:
        return None
    return [within(base, address) for base in bases for address in named.addresses]


def read_block(sentence: str, quotes: Quotes, context: Context, line: int,
               bases: list[Address], edge: str | None) -> list[Instruction] | Address | None:
    """The instructions of a sentence over blocks, articles or divisions; an `Address` for a
    header (« … est ainsi modifié : »); None when no formula of this module reads it."""
    for name, pattern in _COMPILED.items():
        match = pattern.fullmatch(sentence)
        if match is None or (name == "edge") != (edge is not None):
            continue
        read = _READERS[name](match, quotes, context, line, bases, edge)
        if read is not None:
            return read
    return None


def _header(match: re.Match[str], quotes: Quotes, context: Context, line: int,
            bases: list[Address], edge: str | None) -> Address | None:
    subjects = _subjects(match.group("S"), context, bases)
    return subjects[0] if subjects and len(subjects) == 1 else None


def _consecutive(subjects: list[Address]) -> bool:
    numbers = [s.alinea if s.tiret is None else s.tiret for s in subjects]
    if any(n is None for n in numbers) or len({replace(s, alinea=None, tiret=None)
                                              for s in subjects}) != 1:
        return False
    return all(b == a + 1 for a, b in pairwise(numbers) if a and b)


def _rewrite(match: re.Match[str], quotes: Quotes, context: Context, line: int,
             bases: list[Address], edge: str | None) -> list[Instruction] | None:
    subjects = _subjects(match.group("S"), context, bases)
    if not subjects:
        return None
    texts = quotes[int(match.group("Q"))]
    return _rewrites(subjects, texts, line)


def _rewrites(subjects: list[Address], texts: tuple[str, ...],
              line: int) -> list[Instruction] | None:
    first = subjects[0]
    if first.sentence is not None:
        if len(subjects) != 1:
            return None
        return [WordChange(WordChangeKind.REWRITE, first, words=" ".join(texts), line=line)]
    if len(subjects) > 1 and not _consecutive(subjects):
        return None
    unit = Unit.TIRET if first.tiret is not None else first.unit
    return [BlockChange(BlockChangeKind.REWRITE, first, texts, unit, len(subjects), line=line)]


def _replace_by(match: re.Match[str], quotes: Quotes, context: Context, line: int,
                bases: list[Address], edge: str | None) -> list[Instruction] | None:
    subjects = _subjects(match.group("S"), context, bases)
    texts = quotes[int(match.group("Q"))]
    if not subjects or not (_UNITS.fullmatch(match.group("N")) or _SENTENCES.fullmatch(
            match.group("N"))):
        return None
    return _rewrites(subjects, texts, line)


def names(text: str) -> Path | None:
    """The articles and divisions an insertion announces (« un article L. 12-1 », « des
    articles L. 12-1 et L. 12-2 », « un chapitre V bis »)."""
    found: list[tuple[str, str]] = []
    position = 0
    for match in _NAME.finditer(text):
        if text[position : match.start()].strip(" ,") not in ("", "et"):
            return None
        kind = re.sub(r"s$", "", match.group("K").lower())
        for number in re.split(r"\s*,\s*|\s+et\s+|\s+à\s+", match.group("N")):
            found.append((kind, re.sub(r"\s+", " ", number.strip())))
        position = match.end()
    return tuple(found) if found and not text[position:].strip() else None


def _insert(match: re.Match[str], quotes: Quotes, context: Context, line: int,
            bases: list[Address], edge: str | None) -> list[Instruction] | None:
    subjects = _subjects(match.group("S"), context, bases)
    if subjects is None or len(subjects) != 1:
        return None
    before = match.group("W").lower() == "avant"
    return _inserted(match, quotes, subjects[0], Side.BEFORE if before else Side.AFTER, line)


def _inserted(match: re.Match[str], quotes: Quotes, where: Address, side: Side,
              line: int) -> list[Instruction] | None:
    texts = quotes[int(match.group("Q"))]
    wanted = match.group("N")
    units = _UNITS.fullmatch(wanted)
    if units is not None and side in (Side.AFTER, Side.BEFORE) and where.whole and (
            where.names_unit):
        # « Avant l'article 1er, sont insérés deux alinéas … »: outside the articles
        unit = unit_named(units.group("U"))
        kind = BlockChangeKind.INSERT_BEFORE if side is Side.BEFORE else (
            BlockChangeKind.INSERT_AFTER)
        return [BlockChange(kind, where, texts, unit, line=line)]
    if units is not None and side in (Side.AFTER, Side.BEFORE) and not where.whole:
        count = count_of(units.group("C"))
        unit = unit_named(units.group("U"))
        if count not in (None, len(texts)):
            return None
        kind = BlockChangeKind.INSERT_BEFORE if side is Side.BEFORE else (
            BlockChangeKind.INSERT_AFTER)
        return [BlockChange(kind, where, texts, unit, line=line)]
    if _SENTENCES.fullmatch(wanted) and where.sentence is not None:
        kind_word = WordChangeKind.INSERT_BEFORE if side is Side.BEFORE else (
            WordChangeKind.INSERT_AFTER)
        return [WordChange(kind_word, where, words=" ".join(texts), line=line)]
    announced = names(wanted)
    if announced is None or not where.whole:
        return None
    return [StructureChange(StructureChangeKind.INSERT, where, side, texts, announced,
                            line=line)]


def _edge(match: re.Match[str], quotes: Quotes, context: Context, line: int,
          bases: list[Address], edge: str | None) -> list[Instruction] | None:
    where = bases[0] if bases else context.base
    if _UNITS.fullmatch(match.group("N")):
        texts = quotes[int(match.group("Q"))]
        named = _UNITS.fullmatch(match.group("N"))
        unit = unit_named(named.group("U")) if named else Unit.ALINEA
        if edge == "end":
            return [BlockChange(BlockChangeKind.APPEND, where, texts, unit, line=line)]
        first = replace(where, alinea=1) if unit is Unit.ALINEA else replace(where, tiret=1)
        return [BlockChange(BlockChangeKind.INSERT_BEFORE, first, texts, unit, line=line)]
    return _inserted(match, quotes, where, Side.START if edge == "start" else Side.END, line)


def _append(match: re.Match[str], quotes: Quotes, context: Context, line: int,
            bases: list[Address], edge: str | None) -> list[Instruction] | None:
    subjects = _subjects(match.group("S"), context, bases)
    if subjects is None or len(subjects) != 1:
        return None
    where, texts = subjects[0], quotes[int(match.group("Q"))]
    wanted = match.group("N")
    if _SENTENCES.fullmatch(wanted):
        return [WordChange(WordChangeKind.APPEND_SENTENCE, where, words=" ".join(texts),
                           line=line)]
    units = _UNITS.fullmatch(wanted)
    if units is not None:
        unit = unit_named(units.group("U"))
        return [BlockChange(BlockChangeKind.APPEND, where, texts, unit, line=line)]
    announced = names(wanted)
    if announced is None:
        return None
    return [StructureChange(StructureChangeKind.INSERT, where, Side.END, texts, announced,
                            line=line)]


def _move(match: re.Match[str], quotes: Quotes, context: Context, line: int,
          bases: list[Address], edge: str | None) -> list[Instruction] | None:
    subjects = _subjects(match.group("S"), context, bases)
    if not subjects or len(subjects) != 1:
        return None
    moved = subjects[0]
    container = Address(article=moved.article, annex=moved.annex, division=moved.division,
                        act=moved.act)
    targets = _subjects(match.group("D"), context, [container])  # the moved block's article
    if not targets or len(targets) != 1:
        return None
    kind = BlockChangeKind.MOVE_BEFORE if match.group("W").lower() == "avant" else (
        BlockChangeKind.MOVE_AFTER)
    return [BlockChange(kind, subjects[0], destination=targets[0], line=line)]


def _delete(match: re.Match[str], quotes: Quotes, context: Context, line: int,
            bases: list[Address], edge: str | None) -> list[Instruction] | None:
    named = places(match.group("S"), context)
    if named is None:
        return None
    result: list[Instruction] = []
    for base in bases:
        subjects = [within(base, address) for address in named.addresses]
        if len(subjects) > 1 and _consecutive(subjects) and all(
                (s.alinea or 0) > 0 and (s.tiret is None or s.tiret > 0) for s in subjects):
            unit = Unit.TIRET if subjects[0].tiret is not None else subjects[0].unit
            result.append(BlockChange(BlockChangeKind.DELETE, subjects[0], unit=unit,
                                      count=len(subjects), line=line))
            continue
        result.extend(_deletion(subject, named.through, line) for subject in subjects)
    return result


def _deletion(where: Address, through: str | None, line: int) -> Instruction:
    if where.sentence is not None:
        return WordChange(WordChangeKind.DELETE, where, line=line)
    if where.heading and where.division:
        return StructureChange(StructureChangeKind.ABROGATE, where, heading_only=True, line=line)
    if where.whole and where.names_unit:
        return StructureChange(StructureChangeKind.ABROGATE, where, through=through, line=line)
    unit = Unit.TIRET if where.tiret is not None else where.unit
    return BlockChange(BlockChangeKind.DELETE, where, unit=unit, line=line)


def _renumber(match: re.Match[str], quotes: Quotes, context: Context, line: int,
              bases: list[Address], edge: str | None) -> list[Instruction] | None:
    subjects = _subjects(match.group("S"), context, bases)
    if not subjects or len(subjects) != 1 or not subjects[0].whole:
        return None
    title = quote(quotes, match, "T") if match.group("T") else None
    number = re.sub(r"\s+", " ", match.group("NUM"))
    return [StructureChange(StructureChangeKind.RENUMBER, subjects[0],
                            names=((match.group("K").lower(), number),), title=title,
                            line=line)]


def _renumbers(match: re.Match[str], quotes: Quotes, context: Context, line: int,
               bases: list[Address], edge: str | None) -> list[Instruction] | None:
    """« Les articles 2 et 3 deviennent respectivement les articles 3 et 4 », « Les articles
    1er à 4 deviennent respectivement les articles 2 à 5 » (a range of plain numbers)."""
    named = places(match.group("S"), context)
    if named is None or len(bases) != 1 or not all(a.article for a in named.addresses):
        return None
    cited = [str(a.article) for a in named.addresses]
    olds = cited if named.through is None else (
        _range(cited[0], named.through) if len(cited) == 1 else None)
    news = _numbers(match.group("NUMS"))
    if olds is None or news is None or len(news) != len(olds) or len(olds) < 2:
        return None
    return [StructureChange(StructureChangeKind.RENUMBER, within(bases[0], Address(article=o)),
                            names=(("article", n),), line=line)
            for o, n in zip(olds, news, strict=True)]


MAX_RANGE = 10_000
"""The most articles a range « 1er à N » renumbers (more is no text's; refused, not listed)."""


def _range(first: str, last: str) -> list[str] | None:
    """The articles « 1er à 4 » name: 1er, 2, 3 and 4 (plain numbers only)."""
    low, high = (1 if n in ("1er", "premier") else int(n) if n.isdecimal() and len(n) < 10
                 else None for n in (first, last))
    if low is None or high is None or high <= low or high - low > MAX_RANGE:
        return None
    return [citation(str(n)) for n in range(low, high + 1)]


def _numbers(text: str) -> list[str] | None:
    """The new numbers of « les articles 3 et 4 », « les articles 2, 3 et 4 », « les articles 2
    à 5 »."""
    text = re.sub(r"\s+", " ", text.strip())
    span = re.fullmatch(rf"({NUMBER}) à ({NUMBER})", text)
    if span is not None:
        return _range(span.group(1), span.group(2))
    found = re.split(r"\s*,\s*|\s+et\s+", text)
    if not all(re.fullmatch(NUMBER, n) for n in found):
        return None
    return found


def _create(match: re.Match[str], quotes: Quotes, context: Context, line: int,
            bases: list[Address], edge: str | None) -> list[Instruction] | None:
    where = Address(article=re.sub(r"\s+", " ", match.group("F")), act=context.base.act)
    return [StructureChange(StructureChangeKind.CREATE, where,
                            names=((match.group("K").lower(), match.group("NUM")),),
                            through=re.sub(r"\s+", " ", match.group("L")),
                            title=quote(quotes, match, "T"), line=line)]


def _predicate(match: re.Match[str], quotes: Quotes, context: Context, line: int,
               bases: list[Address], edge: str | None) -> list[Instruction] | None:
    subjects = _subjects(match.group("S"), context, bases)
    if not subjects:
        return None
    return read_clauses(match.group("F"), quotes, context, line, subjects, None)


_READERS = {
    "header": _header, "rewrite": _rewrite, "replace": _replace_by, "insert": _insert,
    "edge": _edge, "append": _append, "move": _move, "delete": _delete,
    "renumbers": _renumbers, "renumber": _renumber, "create": _create, "predicate": _predicate,
}

__all__ = ["names", "read_block"]
