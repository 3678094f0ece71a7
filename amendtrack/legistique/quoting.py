"""What a quotation in an instruction may hold, and what it is called.

A drafter quotes whole words: a quotation never begins or ends with a space, never begins with
a mark that closes what comes before it (« . Elles … ») and never ends with a mark standing
alone after a space (« … Y . »); a leading comma is how Parliament quotes an incidental clause
(« les mots : « , de Mayotte » sont supprimés ») and is kept. Guillemets inside a quotation pair
up, so that they are written the French way (« « Electricité de France » »). `clean` says
whether a quotation is acceptable, `noun` what to call it: « le mot », « les mots », « le
signe » (punctuation and symbols), « la mention » (a numbering label such as « II. - »), « la
référence » (« L. 123-1 »), « le nombre », « le chiffre », « la date ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_MONTHS = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
           "|décembre")
_LABEL = re.compile(r"(?:[IVXLC]+|\d+|[A-Z])\s*\.?\s*[-–—]|\d+\s?°(?:\s?(?:bis|ter))?"
                    r"|[a-z]{1,2}\)|[IVXLC]+\.?")
_REFERENCE = r"(?:LO|[LRDA])\.?\s?\*{0,2}\s?\d+(?:-\d+)*(?:\s(?:bis|ter|quater))?"
_REFERENCES = re.compile(rf"{_REFERENCE}(?:\s*(?:,|et|à)\s*{_REFERENCE})*")
_DATE = re.compile(rf"\d{{1,2}}(?:er)?\s(?:{_MONTHS})\s\d{{4}}")
_NUMBER = re.compile(r"\d{1,3}(?:[\s\u00a0\u202f]\d{3})*(?:,\d+)?|\d+")
_LONE_START = re.compile(r"[.;:!?»)\]…]")
_LONE_END = re.compile(r"\s[.,)\]]+$")


def symbols_only(text: str) -> bool:
    """Whether `text` holds no letter or digit (punctuation, symbols)."""
    return bool(text.strip()) and not any(char.isalnum() for char in text)


def balanced(text: str) -> bool:
    """Whether the guillemets of `text` pair up, each « before its »."""
    if "«" not in text and "»" not in text:
        return True
    depth = 0
    for char in text:
        if char == "«":
            depth += 1
        elif char == "»":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def clean(text: str) -> bool:
    """Whether a drafter would accept `text` as a quotation (see the module's docstring)."""
    if not text or text != text.strip() or "\n" in text or not balanced(text):
        return False
    if symbols_only(text) or _LABEL.fullmatch(text):
        return True
    return not (_LONE_START.match(text) or _LONE_END.search(text))


@dataclass(frozen=True, slots=True)
class Noun:
    """What a quotation is called: « le mot », « la mention », « les références »."""

    singular: str
    plural: bool
    feminine: bool

    @property
    def definite(self) -> str:
        """« le mot », « la mention », « les mots »."""
        if self.plural:
            return f"les {self.singular}s" if not self.singular.endswith("s") else (
                f"les {self.singular}")
        return f"{'la' if self.feminine else 'le'} {self.singular}"

    @property
    def partitive(self) -> str:
        """« du mot », « de la mention », « des mots » (after « occurrence »)."""
        if self.plural:
            return f"des {self.singular}s"
        return f"{'de la' if self.feminine else 'du'} {self.singular}"

    def agree(self, participle: str) -> str:
        """« remplacé » agreed: « remplacée », « remplacés », « remplacées »."""
        return participle + ("e" if self.feminine else "") + ("s" if self.plural else "")

    @property
    def verb(self) -> str:
        """« est » or « sont »."""
        return "sont" if self.plural else "est"


def word_count(text: str) -> int:
    """How many words `text` has for « le mot » / « les mots » (« l'article » is two)."""
    return len([w for w in re.split(r"[\s'’]+", text) if any(c.isalnum() for c in w)])


@lru_cache(maxsize=4096)
def noun(text: str) -> Noun:
    """What to call the quotation `text`."""
    stripped = text.strip()
    if symbols_only(stripped):
        return Noun("signe", len(stripped.split()) > 1, False)
    if _LABEL.fullmatch(stripped):
        return Noun("mention", False, True)
    if _REFERENCES.fullmatch(stripped):
        return Noun("référence", len(re.findall(_REFERENCE, stripped)) > 1, True)
    if _DATE.fullmatch(stripped):
        return Noun("date", False, True)
    if _NUMBER.fullmatch(stripped):
        digits = re.sub(r"\D", "", stripped)
        return Noun("chiffre" if len(digits) == 1 else "nombre", False, False)
    return Noun("mot", word_count(stripped) > 1, False)


__all__ = ["Noun", "balanced", "clean", "noun", "symbols_only", "word_count"]
