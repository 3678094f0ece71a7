"""How an act names who presides, the assembly, the collectivité's place: French grammar of titles.

An act says « Madame la Maire expose », « adhère aux propositions de Madame la Maire », signs
« La Maire, »; it says « le conseil municipal », « du comité syndical », « DES DELIBERATIONS DU
CONSEIL COMMUNAUTAIRE ». These functions turn the facts (`Metadata.presidence`,
`Metadata.assemblee`, `Metadata.collectivite`) into those forms; none of them guesses a fact,
except `assembly_of_collectivite`, whose answer the caller must say is inferred.
"""

from __future__ import annotations

import re
import unicodedata

_FEMININE_ASSEMBLIES = frozenset({"commission permanente", "assemblée délibérante"})
_SMALL_WORDS = frozenset({"d'", "de", "du", "des", "la", "le", "les", "l'", "et", "à", "au",
                          "aux", "en", "sur", "sous", "lès", "lez"})


def with_article(phrase: str, preposition: str = "") -> str:
    """« le conseil municipal », « la commission permanente », « l'assemblée délibérante »;
    with ``preposition="de"``: « du conseil municipal », « de la commission … », « de l'… »."""
    feminine = phrase in _FEMININE_ASSEMBLIES
    vowel = phrase[:1].lower() in "aeiouyéèêh"
    article = "l'" if vowel else ("la " if feminine else "le ")
    if preposition == "de":
        return {"le ": "du ", "la ": "de la ", "l'": "de l'"}[article] + phrase
    return article + phrase


def of(phrase: str) -> str:
    """« de » before a phrase, contracted: « Le président de séance » → « du président de
    séance »; « Madame la Maire » → « de Madame la Maire »; « L'adjoint » → « de l'adjoint »."""
    first, _, rest = phrase.partition(" ")
    lowered = first.lower()
    if lowered == "le" and rest:
        return f"du {rest}"
    if lowered == "les" and rest:
        return f"des {rest}"
    if lowered == "la" and rest:
        return f"de la {rest}"
    if lowered.startswith("l'"):
        return f"de l'{phrase[2:]}"
    if lowered[:1] in tuple("aeiouyéèêh"):
        return f"d'{phrase}"
    return f"de {phrase}"


def function_of(presidence: str) -> str:
    """The title a presiding person signs with: « Madame la Maire » → « La Maire »,
    « Monsieur le Président » → « Le Président » (a phrase without civility stays)."""
    stripped = re.sub(r"^(?:monsieur|madame|m\.|mme)\s+", "", presidence.strip(),
                      flags=re.IGNORECASE)
    return stripped[:1].upper() + stripped[1:]


def capitalised_assembly(assemblee: str) -> str:
    """« conseil municipal » → « Conseil Municipal », « conseil d'administration » →
    « Conseil d'Administration » (the style of the registers)."""
    words = []
    for word in assemblee.split(" "):
        head, apostrophe, tail = word.partition("'")
        if apostrophe:
            words.append(f"{head}'{tail[:1].upper()}{tail[1:]}")
        else:
            words.append(word if word in _SMALL_WORDS else word[:1].upper() + word[1:])
    joined = " ".join(words)
    return joined[:1].upper() + joined[1:]


def register_capitals(text: str) -> str:
    """Capitals without accents, as registers print them: « DU COMITE SYNDICAL »."""
    decomposed = unicodedata.normalize("NFD", text.upper())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_KINDS = (
    (r"^(?:ville|commune|mairie)\b", "conseil municipal"),
    (r"^(?:centre (?:inter)?communal d'action sociale|ccas|cias|caisse des [eé]coles"
     r"|[eé]tablissement public|office public)\b", "conseil d'administration"),
    (r"^(?:syndicat|sivom|sivu|sdis|service d[eé]partemental)\b", "comité syndical"),
    (r"^communaut[eé]\b", "conseil communautaire"),
    (r"^m[eé]tropole\b", "conseil métropolitain"),
    (r"^(?:d[eé]partement|conseil d[eé]partemental)\b", "conseil départemental"),
    (r"^(?:r[eé]gion|conseil r[eé]gional)\b", "conseil régional"),
)


def assembly_of_collectivite(collectivite: str) -> str | None:
    """The assembly a kind of collectivité deliberates in, by law (a commune: the conseil
    municipal; a CCAS: its conseil d'administration; a syndicat: its comité syndical …).

    An inference, not a fact the act states: the caller says so when it uses it.
    """
    name = collectivite.strip().replace("’", "'").lower()
    for pattern, assembly in _KINDS:
        if re.search(pattern, name):
            return assembly
    return None


_PLACE_PREFIX = re.compile(
    r"^(?:ville|commune|mairie|centre (?:inter)?communal d'action sociale|ccas|cias)\s+"
    r"(?:de\s+la\s+|de\s+l'\s*|de\s+|d'\s*|du\s+|des\s+)",
    re.IGNORECASE,
)


def place_of(collectivite: str) -> str:
    """The place name of a collectivité: « Ville d'Aulnoy-lez-Valenciennes » → its town,
    « COMMUNE DE SAINT-ESSAI » → « Saint-Essai »; other names stay as they are."""
    name = collectivite.strip().replace("’", "'")
    place = _PLACE_PREFIX.sub("", name)
    if place == name or not place.isupper():
        return place
    return _title_case(place)


def _title_case(text: str) -> str:
    out: list[str] = []
    for index, piece in enumerate(re.split(r"([\s-]+)", text.lower())):
        if index and piece in _SMALL_WORDS:
            out.append(piece)
        else:
            out.append(piece[:1].upper() + piece[1:])
    return "".join(out)


__all__ = [
    "assembly_of_collectivite",
    "capitalised_assembly",
    "function_of",
    "of",
    "place_of",
    "register_capitals",
    "with_article",
]
