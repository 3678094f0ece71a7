"""Reading the places amending sentences name: « le premier alinéa de l'article L. 615-17 du code
de la propriété intellectuelle », « la première phrase du dernier alinéa », « le 5° du II »,
« les troisième, quatrième et dernier alinéas », « aux deux dernières phrases », « le chapitre
III du titre II du livre VI », « le même code », « cet article ».

`places` reads one place phrase into the addresses it names (several for a list: each is
counted in the text before amendment, so a list is the same as its items one by one).
Sentences keep their case: roman numerals (« le II ») and article numbers (« L. 716-7-1 A »)
are read case-sensitively, the words around them are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from amendtrack.french.ordinals import (
    CARDINAL_PATTERN,
    ORDINAL_PATTERN,
    parse_cardinal,
    parse_ordinal,
)
from amendtrack.legistique.instructions import Address, Path, Unit
from amendtrack.legistique.labels import ARTICLE_NUMBER, DIVISION_KINDS, SUFFIXES

ORD = ORDINAL_PATTERN
NUMBER = rf"(?-i:{ARTICLE_NUMBER})"
CARDINAL = CARDINAL_PATTERN
_FLAGS = re.IGNORECASE


def count_of(word: str) -> int | None:
    """« deux » → 2, « 7 » → 7, « un » → 1; None for another word."""
    return parse_cardinal(word)


@dataclass(frozen=True, slots=True)
class Context:
    """What earlier sentences established: the code named last (« le même code »), and the
    place of the enclosing « … est ainsi modifié : »."""

    act: str | None = None
    base: Address = field(default_factory=Address)


# --- the code or act --------------------------------------------------------------------------
_ACT_WORDS = r"(?:code|loi|ordonnance|décret|arrêté|délibération|règlement|livre des procédures)"
_ACT = re.compile(
    rf"(?:^|\s)(?:(?:du|de la|de l'|le|la|l'|dudit|ledit|audit|au|à la)\s?)?"
    rf"(?P<act>(?:même|présent|dit)\s+{_ACT_WORDS}|{_ACT_WORDS}\b.*)$", _FLAGS)


def split_act(text: str, context: Context) -> tuple[str, str | None]:
    """The place phrase without its code or act, and that act (« même code »: the last one)."""
    match = _ACT.search(text)
    if match is None:
        return text, None
    act = match.group("act")
    head = text[: match.start()].strip()
    if re.match(r"(?:même|dit|présent)\s", act, _FLAGS) or re.fullmatch(r"dudit\s.*", act):
        return head, context.act
    return head, re.sub(r"\s+", " ", act).strip()


# --- articles and divisions ------------------------------------------------------------------
_DET = (r"(?:le |la |les |l'|au |à la |à l'|aux |du |de la |de l'|des |un |une |en |dans le "
        r"|dans la |dans l'|dans les )?")
_ARTICLE = re.compile(
    rf"(?P<lead>.*?)\s*{_DET}(?:articles?\s+(?P<first>{NUMBER})(?:\s*(?P<join>et|à|,)\s*"
    rf"(?P<rest>(?:{NUMBER})(?:\s*(?:,|et)\s*{NUMBER})*))?"
    rf"|(?P<this>(?:cet|ce même|ledit|le présent|présent|même) article))\s*$", _FLAGS)
_DIVISION = re.compile(
    rf"{_DET}(?P<kind>{'|'.join(DIVISION_KINDS[::-1])})\s+(?P<number>(?-i:[IVXLC]+(?:er)?)"
    rf"|\d+(?:er|re)?|unique|préliminaire|législative|réglementaire|premier|première)"
    rf"(?:\s+(?P<suffix>{SUFFIXES}))?(?:\s+(?P<letter>(?-i:[A-Z]))(?![\w.]))?", _FLAGS)
_ORDINAL_PARTIE = re.compile(rf"{_DET}(?P<number>{ORD})\s+partie", _FLAGS)


def split_article(text: str, context: Context) -> tuple[str, list[str] | None, str | None]:
    """``(place phrase left, article numbers named, range end)``: « des articles L. 12 à
    L. 15 » gives ``(["L. 12"], "L. 15")``, « les articles X et Y » ``(["X", "Y"], None)``."""
    match = _ARTICLE.fullmatch(text)
    if match is None:
        return text, None, None
    lead = re.sub(r"\s*(?:du|de la|de l'|des|de)$", "", match.group("lead").strip(), flags=_FLAGS)
    if match.group("this"):
        return lead, [context.base.article] if context.base.article else None, None
    first = _number(match.group("first"))
    rest = [_number(n) for n in re.split(r"\s*(?:,|\bet\b)\s*", match.group("rest") or "") if n]
    if match.group("join") == "à" and len(rest) == 1:
        return lead, [first], rest[0]
    return lead, [first, *rest], None


def _number(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).replace("L.722", "L. 722")


def division_path(text: str) -> tuple[str, Path]:
    """The place phrase left and the divisions it names, outermost first (« le chapitre III
    du titre II du livre VI de la deuxième partie »)."""
    path: list[tuple[str, str]] = []
    rest = text.strip()
    while rest:
        match = _DIVISION_END.search(rest) or _PARTIE_END.search(rest)
        if match is None:
            break
        groups = match.groupdict()
        if groups.get("kind"):
            kind, number = groups["kind"].lower(), groups["number"]
        else:
            kind, number = "partie", groups["number"].lower()
        for extra in ("suffix", "letter"):
            if groups.get(extra):
                number += " " + groups[extra]
        path.append((kind, number))
        rest = _strip_connector(rest[: match.start()])
    return rest, tuple(path)


_DIVISION_END = re.compile(_DIVISION.pattern + r"\s*$", _FLAGS)
_PARTIE_END = re.compile(_ORDINAL_PARTIE.pattern + r"\s*$", _FLAGS)


def _strip_connector(text: str) -> str:
    return re.sub(r"\s*\b(?:du|de la|de l'|des|de)$", "", text.strip(), flags=_FLAGS).strip()


# --- positions inside an article --------------------------------------------------------------
_ITEM = rf"{ORD}(?:\s+à\s+{ORD})?"
_LIST = rf"(?P<list>{_ITEM}(?:\s*,\s*{_ITEM})*(?:\s+et\s+{_ITEM})?)"
_EDGE = rf"(?P<count>{CARDINAL})\s+(?P<edge>premiers|premières|derniers|dernières)"
_ELEMENT = re.compile(
    rf"(?:le |la |les |l'|au |à la |à l'|aux |dans le |dans la |dans l'|dans les )?(?:"
    rf"(?:{_LIST}|{_EDGE})\s+(?P<what>phrases?|alin[ée]as?|tirets?|visas?|consid[ée]rants?)"
    rf"|(?P<label>\d+\s?°(?:\s(?:bis|ter|quater))?|(?-i:[a-z]{{1,2}})\))"
    rf"|(?P<part>(?-i:[IVXLC]+)|\d+)"
    rf"|(?P<heading>intitulé))", _FLAGS)
_CONNECTOR = re.compile(r"\s+(?:du|de la|des|de)\s+|\s+de l'", _FLAGS)
_FIELDS = {"phrase": "sentence", "alinéa": "alinea", "alinea": "alinea", "tiret": "tiret",
           "visa": "visa", "considérant": "considérant", "considerant": "considérant"}


def _positions(match: re.Match[str]) -> list[int] | None:
    if match.group("count"):
        count = count_of(match.group("count"))
        if count is None:
            return None
        first = match.group("edge").lower().startswith("premi")
        return list(range(1, count + 1)) if first else list(range(-count, 0))
    found: list[int] = []
    for item in re.split(r"\s*,\s*|\s+et\s+", match.group("list")):
        ends = [parse_ordinal(word) for word in re.split(r"\s+à\s+", item)]
        if any(end is None for end in ends):
            return None
        first, last = ends[0], ends[-1]
        assert first is not None and last is not None
        if len(ends) == 1:
            found.append(first)
        elif 0 < first < last:
            found.extend(range(first, last + 1))
        else:
            return None
    return found


def positions_in(text: str) -> list[Address] | None:
    """The addresses a phrase inside one article names (« la première phrase du dernier
    alinéa du II », « les deux premiers alinéas »), with no article; None if it names none."""
    if not text.strip():
        return [Address()]
    found: list[Address] = [Address()]
    for element in reversed(_CONNECTOR.split(text.strip())):
        match = _ELEMENT.fullmatch(element.strip())
        if match is None:
            return None
        found = [*_refined(found, match, element)] if found else []
        if not found:
            return None
    return found


def _refined(found: list[Address], match: re.Match[str], element: str) -> list[Address]:
    if match.group("heading"):
        return [replace(address, heading=True) for address in found]
    if match.group("label"):
        label = re.sub(r"\s+", "", match.group("label")).replace("°bis", "° bis")
        return [replace(address, label=label) for address in found]
    if match.group("part"):
        return [replace(address, part=match.group("part")) for address in found]
    numbers = _positions(match)
    if numbers is None:
        return []
    what = _FIELDS[re.sub(r"s$", "", match.group("what").lower())]
    second = bool(re.search(r"\bsecond", element, _FLAGS))
    return [_at(address, what, number, second and number == 2)
            for address in found for number in numbers]


def _at(address: Address, what: str, number: int, second: bool) -> Address:
    if what == "sentence":
        return replace(address, sentence=number, second_sentence=second)
    if what == "tiret":
        return replace(address, tiret=number, second=second)
    unit = {"visa": Unit.VISA, "considérant": Unit.CONSIDERANT}.get(what, Unit.ALINEA)
    return replace(address, alinea=number, second=second, unit=unit)


def _nested_path(outer: Path, inner: Path) -> Path:
    """« le chapitre V » read inside « le titre III du livre III » is in that titre."""
    if not outer or not inner:
        return inner
    rank = DIVISION_KINDS.index
    if rank(inner[0][0]) > rank(outer[-1][0]):
        return (*outer, *inner)
    return inner


def _depth(address: Address) -> int:
    """How shallow the outermost position an address gives is (0: an article)."""
    if address.names_unit:
        return 0
    if address.part is not None:
        return 1
    if address.alinea is not None or address.label is not None:
        return 2
    if address.tiret is not None:
        return 3
    if address.sentence is not None or address.heading:
        return 4
    return 5


def within(base: Address, address: Address) -> Address:
    """An address read inside the place of an enclosing sentence: it keeps every position of
    `base` above the outermost one it gives itself (« Le premier alinéa est ainsi modifié :
    a) À la première phrase, … » is the first sentence of the first alinéa)."""
    depth = _depth(address)
    act = address.act or base.act
    if depth == 0:
        return replace(address, act=act, division=_nested_path(base.division, address.division))
    merged = replace(address, article=base.article, annex=base.annex, division=base.division,
                     act=act)
    if depth > 1:
        merged = replace(merged, part=base.part)
    if depth > 2:
        merged = replace(merged, alinea=base.alinea, label=base.label)
    if depth > 3:
        merged = replace(merged, tiret=base.tiret, second=base.second)
    if depth > 4:
        merged = replace(merged, sentence=base.sentence, heading=base.heading,
                         second_sentence=base.second_sentence)
    return merged


@dataclass(frozen=True, slots=True)
class Named:
    """The addresses one place phrase names, and the end of a range of articles."""

    addresses: tuple[Address, ...]
    through: str | None = None


_WHOLE_TEXT = re.compile(
    r"(?:le |la |l')?(?:présente? |même )?(?:texte|délibération|acte|dispositif)", _FLAGS)
_PRONOUN = re.compile(r"(?:il|elle|ils|elles|celui-ci|celle-ci|cet alinéa|ce même alinéa)",
                      _FLAGS)
_ANNEX = re.compile(rf"(?P<lead>.*?)\s*{_DET}annexe(?:\s+(?P<label>.+))?", _FLAGS)


def places(text: str, context: Context) -> Named | None:
    """The addresses a place phrase names, relative to the enclosing place (merge them with
    `within`); None when `text` is no place phrase."""
    text = re.sub(r"\s+", " ", text.strip(" ,"))
    if not text or _PRONOUN.fullmatch(text):
        return Named((Address(),))
    if _WHOLE_TEXT.fullmatch(text):
        return Named((Address(),))
    rest, act = split_act(text, context)
    rest, articles, through = split_article(rest, context)
    path: Path = ()
    annex: str | None = None
    if articles is None:
        rest, path = division_path(rest)
        if not path and (found := _ANNEX.fullmatch(rest)) is not None:
            rest, annex = found.group("lead"), (found.group("label") or "").strip()
            rest = _strip_connector(rest)
    inner = positions_in(rest)
    if inner is None:
        return None
    numbers: list[str | None] = list(articles) if articles else [None]
    outer = [Address(article=number, act=act) for number in numbers]
    if path or annex is not None:
        outer = [Address(division=path, annex=annex, act=act)]
    elif articles is None and act is not None:
        outer = [Address(act=act)]
    named = [_inside(base, address) for base in outer for address in inner]
    return Named(tuple(named), through)


def _inside(outer: Address, inner: Address) -> Address:
    return replace(inner, article=outer.article, division=outer.division, annex=outer.annex,
                   act=outer.act)


__all__ = [
    "CARDINAL",
    "NUMBER",
    "ORD",
    "Context",
    "Named",
    "count_of",
    "division_path",
    "places",
    "positions_in",
    "split_act",
    "split_article",
    "within",
]
