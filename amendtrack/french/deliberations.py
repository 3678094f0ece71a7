"""The formulas of a French deliberation: how each part of its text says what it is.

`recognise` reads the blocks of a body (their kind as a reader found it and their text) and says
what each one is, from the words that open it, the way a secrétaire reads an act:

- a **visa** opens with « Vu » (or « Entendu »): « Vu le code général des collectivités
  territoriales ; »; a **considérant** with « Considérant » (or « Attendu »). Both only before
  the first article;
- the **decision formula** holds « après en avoir délibéré », or is « DÉCIDE : » alone, or
  names the assembly and ends with « décide : » (« Le conseil municipal décide : »), or names
  the assembly alone (« LE CONSEIL MUNICIPAL, », the subject of the formula before the visas);
- an **article** opens with « Article 1er », « ARTICLE 2 bis », « Art. 3 », « Article premier »
  or « Article unique », followed by nothing or by « : », « - », « – », « . » and a title
  (« Article 2 – Tarifs ») or its first alinéa (« Article 3 : Le tarif est fixé … »);
  « Article L. 2121-29 du code … » (a reference) is not one;
- an **annex** opens with « Annexe » (« Annexe 1 : grille tarifaire », « ANNEXE À LA
  DÉLIBÉRATION … »), after the first article or decision;
- a **vote block** states the result on its own (« Adopté à l'unanimité. », « Pour : 20 ;
  Contre : 3 », « Résultat du vote : … »), after the first decision or article;
- **signature lines** (« Fait et délibéré … », « Pour extrait conforme, », « Le Maire, »,
  « La Présidente du CCAS, ») come after the last decision formula, or end the text.

Only paragraphs and headings are read: list items stay items, and a kind a reader already
settled stays. Matching ignores case, accents and typographic variants (`plain_key`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from amendtrack.french.plain import plain_key
from amendtrack.model import Block, BlockKind

ASSEMBLIES = (
    "conseil municipal", "conseil communautaire", "conseil métropolitain",
    "conseil de la métropole", "conseil d'administration", "comité syndical",
    "conseil syndical", "conseil départemental", "conseil régional", "conseil territorial",
    "conseil de territoire", "bureau communautaire", "bureau syndical", "bureau municipal",
    "conseil d'exploitation", "commission permanente", "assemblée délibérante",
)
"""The deliberative assemblies amendtrack knows, as written in running text (lower case)."""


_ASSEMBLY_KEYS = tuple(plain_key(name) for name in ASSEMBLIES)
_ASSEMBLY = "(?:" + "|".join(re.escape(key) for key in _ASSEMBLY_KEYS) + ")"


def assembly_in(text: str) -> str | None:
    """The assembly `text` names (« conseil municipal », …, as in `ASSEMBLIES`), or None."""
    key = " ".join(plain_key(text).split())
    found = re.search(rf"\b{_ASSEMBLY}\b", key)
    return None if found is None else ASSEMBLIES[_ASSEMBLY_KEYS.index(found.group())]


_TITLES = (r"(?:vice-?)?presidente?|(?:premiere?|deuxieme|\d+e) (?:vice-?)?presidente?"
           r"|maire|maire-adjointe?|adjointe? au maire|adjointe?")
_PRESIDING = re.compile(rf"\b(monsieur|madame) (le|la) ({_TITLES})\b")
_PRESIDING_VERBS = re.compile(
    rf"\b(?:monsieur|madame) (?:le|la) (?:{_TITLES})(?: [^,.;:]{{0,60}}?)?,? "
    r"(?:expose|rappelle|presente|propose|informe|indique|explique|soumet|donne lecture)\b"
    rf"|\b(?:propositions?|rapport|expose|presidence) (?:de|du) (?:monsieur|madame) (?:le|la) "
    rf"(?:{_TITLES})\b"
)


_CIVILITY = re.compile(r"\b(?:monsieur|madame)\b", re.IGNORECASE)


def presiding_in(text: str) -> str | None:
    """Who presides, as `text` names them speaking or proposing: « Madame la Maire », …

    Only a title that comes with what a presiding person does (« Madame la Maire expose »,
    « adhère aux propositions de Monsieur le Président », « sous la présidence de … ») is taken;
    the words are given back as `text` writes them, civility capitalised.
    """
    lowered = text.lower()
    if ("madame" not in lowered and "monsieur" not in lowered) or not _CIVILITY.search(text):
        return None  # the usual case of an alinéa: no « Madame » nor « Monsieur » in it
    key = plain_key(text)
    found = _PRESIDING_VERBS.search(key)
    if found is None:
        return None
    title = _PRESIDING.search(key, found.start())
    if title is None:
        return None
    words = text[title.start():title.end()].split()
    return " ".join([words[0].capitalize(), *words[1:]])


_SIGNATORY = re.compile(
    rf"(?:pour extrait conforme,?\n)?(?:le|la) (?:{_TITLES})(?: (?:de|du|des|d') [^,\n]{{1,50}})?"
    r",?\n(?P<name>[^\n,]{3,60}?)\.?"
)


def signatory_in(text: str) -> str | None:
    """The name under a presiding person's title in a signature line (« La Maire,⏎Anne
    MARTIN » → « Anne MARTIN »), None when the line names nobody."""
    found = _SIGNATORY.fullmatch(plain_key(text).strip())
    if found is None:
        return None
    start = len(text) - len(text.lstrip())
    name = text[start + found.start("name"):start + found.end("name")].strip()
    return name if any(char.isalpha() for char in name) else None


_SEPARATOR = r"\s*(?:[:.]|[-\u2013\u2014]+)?\s*"
_SUFFIXES = "bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies"
_ARTICLE = re.compile(
    r"\s*(?:article|art\.)\s*(?:n[°o]\s*)?"
    rf"(?P<number>\d+\s*(?:er|re|ere|eme|e)?(?:\s+(?:{_SUFFIXES}))?|premier|premiere|unique)"
    r"(?=\s*$|\s*[:.\-\u2013\u2014])" + _SEPARATOR + r"(?P<rest>.*)",
    re.DOTALL,
)
_ANNEX = re.compile(
    r"\s*annexes?\b\s*(?:n[°o]\s*)?(?P<number>\d+|[ivxlc]+\b|[a-z]\b)?" + _SEPARATOR
    + r"(?P<rest>.*)",
    re.DOTALL,
)
_SENTENCE_START = frozenset((
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "il", "elle", "ils", "elles",
    "au", "aux", "en", "a", "ce", "cette", "ces", "cet", "son", "sa", "ses", "leur", "leurs",
    "est", "sont", "pour", "dans", "sur", "apres", "avant", "lorsque", "si", "toute", "tout",
    "tous", "toutes", "chaque", "lors", "par", "afin", "conformement", "monsieur", "madame",
))
_VISA = re.compile(r"\s*(?:vus?|entendu)(?:\s|[,:])")
_CONSIDERANT = re.compile(r"\s*(?:considerant|attendu)\b")
_DELIBERE_TEXT = re.compile(
    r"apr[eèé]s\s+(?:en\s+)?avoir\s+d[ée]lib[ée]r[ée]|apr[eèé]s\s+d[ée]lib[ée]ration", re.IGNORECASE
)
_HEAD = 400
"""Characters of a block read to tell what it is."""
_MAY_BE_A_PART = re.compile(
    r"\s*(?:vus?\b|entendu|consid|attendu|art(?:icle|\.)|annexe|d[ée]cid|d[ée]lib[èée]r|et\s"
    r"|(?:le|la|l['’])\s*(?:conseil|comit|bureau|commission|assembl|maire|pr[ée]sid|vice"
    r"|adjoint|secr[ée]taire)|conseil|comit|bureau|commission|assembl|adopt|approuv|rejet"
    r"|vote|r[ée]sultat|scrutin|pour\b|votants|nombre|fait\b|ainsi\b|p\.?\s?o\b)",
    re.IGNORECASE,
)
"""What the words opening a visa, a considérant, a formula, an article, an annex, a vote or a
signature can be: a block that opens otherwise is an alinéa, and its words are not read."""
_DECIDE = re.compile(r"\s*(?:et\s+)?(?:decide|decident|delibere)(?:\s+ce qui suit)?\s*:?\s*")
_ASSEMBLY_DECIDES = re.compile(
    rf"\s*(?:le |la |l')?{_ASSEMBLY}\b.{{0,300}}\bdecide(?:\s+ce qui suit)?\s*:?\s*", re.DOTALL
)
_ASSEMBLY_ALONE = re.compile(
    rf"\s*(?:le |la |l')?{_ASSEMBLY}(?: (?:du|de la|de l'|des|de) [^,.;:]{{1,80}})?\s*[,:]?\s*"
)
_VOTE = re.compile(
    r"\s*(?:(?:adopte|approuve|rejete)e?s?\b.{0,80}?\b(?:unanimite|majorite|voix|pour|contre)"
    r"|(?:vote|votes|resultat du vote|resultats du vote|scrutin)\s*:"
    r"|pour\s*:\s*\d+|(?:nombre de )?votants\s*:\s*\d+)",
    re.DOTALL,
)
_SIGNATURE = re.compile(
    r"\s*(?:(?:ainsi )?fait et delibere|fait a |pour extrait conforme|pour copie conforme"
    r"|(?:le|la) secretaire de seance\b"
    r"|(?:pour |p\.? ?o\.? )?(?:le|la) (?:(?:vice-?)?presidente?|maire(?:-adjointe?)?|adjointe?)"
    r"(?: (?:de|du|des|d') [^,\n]{1,50})?\s*(?:,[^\n]*)?(?:\n|$))",
)
_TITLE_WORDS = 8


@dataclass(frozen=True, slots=True)
class BlockRole:
    """What a block is, as its words say: its kind and, for an article or annex, its parts."""

    kind: BlockKind
    number: str | None = None
    title: str | None = None
    alinea: bool = False
    """For an article: the block also holds its first alinéa."""


def recognise(blocks: Sequence[tuple[BlockKind, str]]) -> list[BlockRole]:
    """The role of each block (`BlockRole`), from its kind as read and its text."""
    # The words that open a block say what it is: only its head is read (a code has long
    # alinéas), and « après en avoir délibéré » anywhere in it.
    keys = [plain_key(text[:_HEAD]) if _MAY_BE_A_PART.match(text) else "" for _, text in blocks]
    deliberated = [bool("lib" in text.lower() and _DELIBERE_TEXT.search(text))
                   for _, text in blocks]
    plain_roles = {kind: BlockRole(kind) for kind in BlockKind}  # immutable: shared
    roles = [(key and _division(kind, text, key)) or plain_roles[kind]
             for (kind, text), key in zip(blocks, keys, strict=True)]
    article, readable = BlockKind.ARTICLE, (BlockKind.PARAGRAPH, BlockKind.HEADING)
    first_article = next((i for i, role in enumerate(roles) if role.kind is article),
                         len(roles))
    for index, ((kind, _), key) in enumerate(zip(blocks, keys, strict=True)):
        if not (key or deliberated[index]) or roles[index].kind not in readable:
            continue  # an alinéa whose first words are no part's (`_MAY_BE_A_PART`)
        found = _preamble_kind(kind, key, deliberated[index],
                               before_articles=index < first_article)
        if found is not None:
            roles[index] = BlockRole(found)
    _drop_early_annexes(roles, blocks)
    _find_votes(roles, keys)
    _find_signatures(roles, keys)
    return roles


def _division(kind: BlockKind, text: str, key: str) -> BlockRole | None:
    """An article or annex opening, read from a paragraph or a heading."""
    if kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING):
        return None
    article = _ARTICLE.match(key)
    if article is not None:
        written = " ".join(text[article.start("number"):article.end("number")].split())
        title, alinea = _title_and_rest(kind, text, article.start("rest"))
        return BlockRole(BlockKind.ARTICLE, written, title, alinea)
    annex = _ANNEX.match(key)
    if annex is None or len(key.split()) > 15:
        return None
    number: str | None = None
    rest = annex.start("rest")
    if annex.group("number") is not None:
        written = text[annex.start("number"):annex.end("number")]
        if written.isdigit() or written.isupper():
            number = written
        else:  # « Annexe à la délibération »: « à » is no number
            rest = annex.start("number")
    title = " ".join(text[rest:].split()).rstrip(" :") or None
    if title is not None and not (kind is BlockKind.HEADING or text[rest:].isupper()
                                  or _title_like(title) or (
                                      title.lower().startswith("à la")
                                      and not title.endswith((".", ";")))):
        return None  # « Annexe à la convention, le plan … » is a sentence, not an annex
    return BlockRole(BlockKind.ANNEX, number, title)


def _title_and_rest(kind: BlockKind, text: str, start: int) -> tuple[str | None, bool]:
    """The title after an article's number (None if none), and whether an alinéa follows."""
    first_line, _, more = text[start:].partition("\n")
    first_line = first_line.strip()
    if not first_line:
        return None, bool(more.strip())
    if kind is BlockKind.HEADING or _title_like(first_line):
        # « Article 1er:: » has no title left once its colons are taken off
        return first_line.rstrip(" :") or None, bool(more.strip())
    return None, True


def _title_like(line: str) -> bool:
    words = plain_key(line).split()
    if line.isupper():
        return True
    if len(words) > _TITLE_WORDS or line.rstrip().endswith((".", ";", ",")):
        return False
    first = words[0]
    if "'" in first:
        first = first.split("'")[0] + "'"
    return first not in _SENTENCE_START


def _preamble_kind(kind: BlockKind, key: str, deliberated: bool, *,
                   before_articles: bool) -> BlockKind | None:
    """A visa, a considérant or the decision formula (None: none of them)."""
    collapsed = " ".join(key.split())
    if deliberated or _DECIDE.fullmatch(collapsed) or (
        _ASSEMBLY_DECIDES.fullmatch(collapsed) or _ASSEMBLY_ALONE.fullmatch(collapsed)
    ):
        return BlockKind.DECISION if before_articles or deliberated else None
    if not before_articles or kind is not BlockKind.PARAGRAPH:
        return None
    if _VISA.match(key):
        return BlockKind.VISA
    if _CONSIDERANT.match(key):
        return BlockKind.CONSIDERANT
    return None


def _drop_early_annexes(roles: list[BlockRole], blocks: Sequence[tuple[BlockKind, str]]) -> None:
    # An annex comes after the decision or the articles; « Annexe » in the exposé is a line
    # of the exposé.
    settled = next((i for i, role in enumerate(roles)
                    if role.kind in (BlockKind.ARTICLE, BlockKind.DECISION)), len(roles))
    for index in range(settled):
        if roles[index].kind is BlockKind.ANNEX:
            roles[index] = BlockRole(blocks[index][0])


def _find_votes(roles: list[BlockRole], keys: list[str]) -> None:
    start = next((i for i, role in enumerate(roles)
                  if role.kind in (BlockKind.ARTICLE, BlockKind.DECISION)), len(roles))
    in_annex = False
    # The members looked up once: on Python 3.11 each ``BlockKind.X`` is a property call.
    annex, signature, paragraph = BlockKind.ANNEX, BlockKind.SIGNATURE, BlockKind.PARAGRAPH
    for index in range(start, len(roles)):
        kind = roles[index].kind
        in_annex = (in_annex or kind is annex) and kind is not signature
        if kind is paragraph and not in_annex and keys[index] and _VOTE.match(keys[index]):
            roles[index] = BlockRole(BlockKind.VOTE)


def _find_signatures(roles: list[BlockRole], keys: list[str]) -> None:
    """Signature lines after the last decision formula, or the run that ends the text."""
    decision = BlockKind.DECISION  # looked up once
    decisions = [i for i, role in enumerate(roles) if role.kind is decision]
    if decisions:
        candidates = range(decisions[-1] + 1, len(roles))
    else:
        start = len(roles)
        while start > 0 and _is_signature(roles[start - 1], keys[start - 1]):
            start -= 1
        candidates = range(start, len(roles))
    for index in candidates:
        if keys[index] and _is_signature(roles[index], keys[index]):
            roles[index] = BlockRole(BlockKind.SIGNATURE)


def _is_signature(role: BlockRole, key: str) -> bool:
    return role.kind is BlockKind.PARAGRAPH and bool(_SIGNATURE.match(key.lstrip()))


def reread(block: Block) -> Block:
    """An article or annex opening whose text changed, with its number and title read again
    (« Article 3 » that became « Article 4 » is article 4); other blocks as they are."""
    if block.kind not in (BlockKind.ARTICLE, BlockKind.ANNEX):
        return block
    role = _division(BlockKind.HEADING if not block.alinea else BlockKind.PARAGRAPH,
                     block.text, plain_key(block.text))
    if role is None or role.kind is not block.kind:
        return block
    return replace(block, number=role.number, title=role.title, alinea=role.alinea)


def article_number_key(number: str) -> str:
    """An article number reduced for comparison: « 1er », « premier », « 1 » → « 1 »."""
    key = re.sub(r"[\s.]", "", plain_key(number))
    key = re.sub(r"^(\d+)(?:er|re|ere|eme|e)", r"\1", key)
    return {"premier": "1", "premiere": "1"}.get(key, key)


__all__ = [
    "ASSEMBLIES",
    "BlockRole",
    "article_number_key",
    "assembly_in",
    "plain_key",
    "presiding_in",
    "recognise",
    "reread",
    "signatory_in",
]
