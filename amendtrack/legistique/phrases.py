"""Instructions → French sentences, one each, the way the Guide de légistique words them.

Quotations are in guillemets with non-breaking spaces (`quoted`); places are named from the
innermost part out (« la deuxième phrase du premier tiret du 3° du II de l'article L. 12 »,
« l'intitulé du chapitre II du titre Ier »), with « second » for the second of two and
« dernier » for the last of three or more; quoted text is called what it is (« le mot », « les
mots », « le signe », « la mention », « la référence », « le nombre », « la date »), with the
verb agreeing. `clause` gives a word change as an item of « … est ainsi modifié : », `sentence`
any instruction as a sentence (without its final full stop); `inner` leaves out the article or
division an enclosing « L'article X est ainsi modifié : » already names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from amendtrack.errors import AmendmentError
from amendtrack.french.ordinals import cardinal, ordinal
from amendtrack.legistique.instructions import (
    Address,
    BlockChange,
    BlockChangeKind,
    Unit,
    WordChange,
    WordChangeKind,
)
from amendtrack.legistique.labels import division_name, feminine
from amendtrack.legistique.quoting import balanced, noun
from amendtrack.translation import _

NBSP = "\u00a0"


def quoted(text: str) -> str:
    """« text » with non-breaking spaces inside the guillemets.

    Text whose own guillemets do not pair up is put between straight (or curly) double quotes
    instead, which the reader also reads, so that the wording stays exact.
    """
    if _fits_guillemets(text):
        return f"«{NBSP}{text}{NBSP}»"
    for opening, closing in (('"', '"'), ("“", "”")):
        if closing not in text:
            return f"{opening}{NBSP}{text}{NBSP}{closing}"
    raise AmendmentError(_("legistique: a quotation holds both » and \" and ” unpaired"))


def _fits_guillemets(text: str) -> bool:
    """Whether the reader finds the end of « text »: its guillemets pair up and none of its
    lines opens with one (that would start the next quoted alinéa)."""
    return balanced(text) and not any(line.lstrip().startswith("«")
                                      for line in text.split("\n")[1:])


def block_quote(texts: tuple[str, ...]) -> str:
    """Quoted alinéas, one a line: each opens with «, only the last one closes."""
    if all(_fits_guillemets(text) for text in texts):
        return "\n" + "\n".join(f"«{NBSP}{text}" for text in texts) + f"{NBSP}»"
    return "\n" + "\n".join(quoted(text) for text in texts)


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A noun phrase without its determiner: « premier alinéa », « deuxième phrase »."""

    words: str
    feminine: bool = False
    vowel: bool = False


def _nth(position: int, female: bool, second: bool) -> str:
    return ordinal(position, feminine=female, second=second)


def _elements(address: Address) -> list[_Phrase]:
    """The parts of a place, innermost first."""
    found: list[_Phrase] = []
    if address.heading:
        found.append(_Phrase("intitulé", vowel=True))
    if address.sentence is not None:
        found.append(_Phrase(f"{_nth(address.sentence, True, address.second_sentence)} phrase",
                             True))
    if address.tiret is not None:
        found.append(_Phrase(f"{_nth(address.tiret, False, address.second)} tiret"))
    if address.label is not None:
        found.append(_Phrase(address.label))
    elif address.alinea is not None:
        second = address.second and address.tiret is None
        nth = _nth(address.alinea, False, second)
        found.append(_Phrase(f"{nth} {address.unit.value}", vowel=nth[0] in "aeiouyéè"))
    if address.part is not None:
        found.append(_Phrase(address.part))
    return found


def _container(address: Address) -> _Phrase | None:
    if address.article is not None:
        return _Phrase(f"article {address.article}", vowel=True)
    if address.annex is not None:
        return _Phrase(f"annexe {address.annex}".strip(), True, True)
    if address.division:
        words = division_name(address.division, "")
        return _Phrase(words, feminine(address.division[-1][0]))
    return None


_FORMS = {"le": ("le ", "la ", "l'"), "au": ("au ", "à la ", "à l'"),
          "du": ("du ", "de la ", "de l'")}


def _with(form: str, phrase: _Phrase) -> str:
    male, female, vowel = _FORMS[form]
    return (vowel if phrase.vowel else female if phrase.feminine else male) + phrase.words


def place(address: Address, form: str = "le", inner: bool = False) -> str:
    """The place with its determiner: « le premier alinéa de l'article 2 » (`form` « le »),
    « au premier alinéa … » (« au »), « du premier alinéa … » (« du »); the whole text is
    « le texte ». With `inner`, the article or division is left out."""
    parts = _elements(address)
    container = _container(address)
    if inner and not parts and container is not None:
        return "elle" if container.feminine else "il"
    if container is not None and not inner:
        parts.append(container)
    if not parts:
        return {"le": "le texte", "au": "au texte", "du": "du texte"}[form]
    words = [_with(form, parts[0])] + [_with("du", part) for part in parts[1:]]
    return " ".join(words)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _subject(change: WordChange) -> tuple[str, str, str]:
    """The words a clause is about: « le mot : « X » », with its verb and agreement."""
    called = noun(change.anchor)
    if change.occurrence is not None:
        nth = ordinal(change.occurrence, feminine=True)
        return (f"la {nth} occurrence {called.partitive}{NBSP}: {quoted(change.anchor)}",
                "est", "ée")
    return (f"{called.definite}{NBSP}: {quoted(change.anchor)}", called.verb,
            called.agree("é"))


def _inserted(words: str) -> str:
    called = noun(words)
    verb = "sont insérés" if called.plural else "est inséré"
    if called.feminine:
        verb = verb.replace("insérés", "insérées").replace("inséré", "insérée")
    return f"{verb} {called.definite}{NBSP}: {quoted(words)}"


_WHOLE_SENTENCE = (WordChangeKind.DELETE, WordChangeKind.REWRITE, WordChangeKind.INSERT_AFTER,
                   WordChangeKind.INSERT_BEFORE)


def _sentence_only(address: Address) -> Address:
    return Address(sentence=address.sentence, second_sentence=address.second_sentence)


def clause(change: WordChange) -> str:
    """The clause of a word change, as an item of « … est ainsi modifié : » (lower case): its
    sentence, when it names one, opens it (« à la deuxième phrase, le mot … »)."""
    if change.where.sentence is None:
        return _core(change)
    sentence_place = _sentence_only(change.where)
    if not change.anchor and change.kind in _WHOLE_SENTENCE:
        return _whole_sentence(change, place(sentence_place, "le", True))
    return f"{place(sentence_place, 'au', True)}, {_core(change)}"


def _core(change: WordChange) -> str:
    words = change.words
    match change.kind:
        case WordChangeKind.REPLACE:
            subject, verb, agree = _subject(change)
            return (f"{subject} {verb} remplac{agree} par {noun(words).definite}{NBSP}: "
                    f"{quoted(words)}")
        case WordChangeKind.DELETE:
            subject, verb, agree = _subject(change)
            return f"{subject} {verb} supprim{agree}"
        case WordChangeKind.INSERT_AFTER | WordChangeKind.INSERT_BEFORE:
            side = "après" if change.kind is WordChangeKind.INSERT_AFTER else "avant"
            subject, _verb, _agreement = _subject(change)
            return f"{side} {subject}, {_inserted(words)}"
        case WordChangeKind.INSERT_START:
            return f"au début, {_inserted(words)}"
        case WordChangeKind.APPEND:
            return f"il est complété par {noun(words).definite}{NBSP}: {quoted(words)}"
        case WordChangeKind.APPEND_SENTENCE:
            return f"il est complété par une phrase ainsi rédigée{NBSP}: {quoted(words)}"
        case WordChangeKind.REWRITE:
            raise AmendmentError(_("legistique: « est ainsi rédigée » needs a sentence"))
    raise AssertionError(change.kind)


def _whole_sentence(change: WordChange, the: str) -> str:
    """A whole sentence deleted, rewritten or followed (preceded) by a new one."""
    match change.kind:
        case WordChangeKind.DELETE:
            return f"{the} est supprimée"
        case WordChangeKind.REWRITE:
            return f"{the} est ainsi rédigée{NBSP}: {quoted(change.words)}"
        case _:
            side = "après" if change.kind is WordChangeKind.INSERT_AFTER else "avant"
            return (f"{side} {the}, est insérée une phrase ainsi rédigée{NBSP}: "
                    f"{quoted(change.words)}")


def word_sentence(change: WordChange, inner: bool = False) -> str:
    """A word change as a sentence of its own (its place in full)."""
    where = change.where
    if not change.anchor and change.kind in _WHOLE_SENTENCE:
        return _capital(_whole_sentence(change, place(where, "le", inner)))
    if inner and not _elements(where) and _container(where) is not None:
        if change.kind is WordChangeKind.INSERT_START:
            return f"Au début, {_inserted(change.words)}"
        return _capital(_core(change))
    match change.kind:
        case WordChangeKind.INSERT_START:
            return f"Au début {place(where, 'du', inner)}, {_inserted(change.words)}"
        case WordChangeKind.APPEND | WordChangeKind.APPEND_SENTENCE:
            return _capital(place(where, "le", inner)) + _core(change).removeprefix("il")
        case _:
            if where.heading and where.sentence is None:
                return f"Dans {place(where, 'le', inner)}, {_core(change)}"
            return f"{_capital(place(where, 'au', inner))}, {_core(change)}"


def _made(count: int, unit: Unit) -> str:
    if count <= 1:
        return f"il est inséré un {unit.value} ainsi rédigé"
    return f"sont insérés {cardinal(count)} {unit.value}s ainsi rédigés"


def block_sentence(change: BlockChange, inner: bool = False) -> str:
    """A block change as a sentence."""
    where = change.where
    the = _capital(place(where, "le", inner))
    count = len(change.texts)
    match change.kind:
        case BlockChangeKind.REWRITE:
            if change.count > 1 or (count > 1 and not where.whole):
                return _replaced(change, inner)
            if where.heading:
                return f"{the} est ainsi rédigé{NBSP}: {quoted(change.texts[0])}"
            return f"{the} est ainsi rédigé{NBSP}:{block_quote(change.texts)}"
        case BlockChangeKind.DELETE:
            return f"{the} est supprimé"
        case BlockChangeKind.INSERT_AFTER | BlockChangeKind.INSERT_BEFORE:
            side = "Après" if change.kind is BlockChangeKind.INSERT_AFTER else "Avant"
            return (f"{side} {place(where, 'le', inner)}, {_made(count, change.unit)}{NBSP}:"
                    f"{block_quote(change.texts)}")
        case BlockChangeKind.APPEND:
            unit = change.unit.value
            phrase = f"un {unit} ainsi rédigé" if count <= 1 else (
                f"{cardinal(count)} {unit}s ainsi rédigés")
            return f"{the} est complété par {phrase}{NBSP}:{block_quote(change.texts)}"
        case BlockChangeKind.MOVE_AFTER | BlockChangeKind.MOVE_BEFORE:
            side = "après" if change.kind is BlockChangeKind.MOVE_AFTER else "avant"
            target = change.destination
            assert target is not None
            same = _container(target) == _container(where) and _container(where) is not None
            return f"{the} est placé {side} {place(target, 'le', inner or same)}"
    raise AssertionError(change.kind)


def _replaced(change: BlockChange, inner: bool) -> str:
    """« Les troisième et quatrième alinéas sont remplacés par un alinéa ainsi rédigé : »,
    « Le 3° est remplacé par deux alinéas ainsi rédigés : »."""
    where, unit = change.where, change.unit.value
    count = len(change.texts)
    if change.count == 1:
        subject, plural = _capital(place(where, "le", inner)), False
    else:
        first = where.tiret if change.unit is Unit.TIRET else where.alinea
        if first is None or first < 1:
            raise AmendmentError(_("legistique: a run of alinéas must start at a numbered one"))
        last = first + change.count - 1
        joiner = "et" if change.count == 2 else "à"
        owner = replace(where, tiret=None) if change.unit is Unit.TIRET else replace(
            where, alinea=None)
        of = "" if owner.whole and (inner or not owner.article) else " " + place(
            owner, "du", inner)
        subject, plural = f"Les {ordinal(first)} {joiner} {ordinal(last)} {unit}s{of}", True
    if change.count == count:
        verb = "sont ainsi rédigés" if plural else "est ainsi rédigé"
        return f"{subject} {verb}{NBSP}:{block_quote(change.texts)}"
    made = f"un {unit} ainsi rédigé" if count == 1 else (
        f"{cardinal(count)} {unit}s ainsi rédigés")
    verb = "sont remplacés" if plural else "est remplacé"
    return f"{subject} {verb} par {made}{NBSP}:{block_quote(change.texts)}"


__all__ = ["NBSP", "block_quote", "block_sentence", "clause", "place", "quoted",
           "word_sentence"]
