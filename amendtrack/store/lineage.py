"""Lineage: the deliberation a new version belongs to, from what the version says it modifies.

`place` decides, under the store's lock, where ``amendtrack store add`` files a version
(docs/store.md, « Lineage »):

1. ``--deliberation ID`` names it. A deliberation the store does not hold is started by a
   version that modifies nothing, or by any version with ``--new``.
2. A version that modifies an act (``VersionInfo.modifies``: the date of the version it
   modifies; ``VersionInfo.modifies_numero``: its numéro) is filed under the deliberation that
   holds that version: a version of that numéro (the deliberation's own, or the numéro of an
   act that modified it: the numéro chain), else a version of that date (its date, séance or
   act date) whose numéro does not contradict it. The version's own id is tried first; several
   deliberations matching are told apart by their objet, else the user is asked which
   (``--deliberation``). A version modifying an act the store does not hold is refused, unless
   ``--new`` says it starts a deliberation.
3. A version that modifies nothing is filed under its own id: the next version of a
   deliberation the store holds, or a new deliberation, with a warning when the objet of an
   existing deliberation is close to its own (`close_objets`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum
from pathlib import Path
from typing import Protocol

from amendtrack.errors import StoreError
from amendtrack.french.calendar import french_date
from amendtrack.french.deliberations import plain_key
from amendtrack.model import Version
from amendtrack.store.history import History, HistoryEntry
from amendtrack.translation import _, language

CLOSE_OBJET = 0.85
"""How alike two objets must be (`objet_likeness`) for a new deliberation to be warned about."""
_SHOWN = 5
"""At most this many deliberations are named in one message."""
_SMALL_WORDS = frozenset({"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le",
                          "les", "par", "pour", "sur", "un", "une"})


class Store(Protocol):
    """What lineage reads of `amendtrack.store.repository.Store` (which calls it)."""

    def deliberations(self) -> list[str]:
        """The ids of the deliberations in the store, sorted."""

    def read_history(self, deliberation: str) -> History | None:
        """The history of a deliberation, None if it has none."""

    def latest_versions(self) -> Iterator[tuple[str, int, HistoryEntry]]:
        """Each deliberation with its number of versions and its latest entry."""


class Filing(Enum):
    """How `place` chose the deliberation."""

    GIVEN = "given"
    """``--deliberation ID``, a deliberation the store holds."""
    MODIFIES = "modifies"
    """The deliberation holding the version it modifies."""
    SAME_ID = "same-id"
    """Its own id, a deliberation the store holds (the version modifies nothing)."""
    NEW = "new"
    """A new deliberation."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a version is filed, and why."""

    deliberation: str
    filing: Filing
    modified: HistoryEntry | None = None
    """The stored version it modifies, when lineage found it."""
    close: tuple[tuple[str, str], ...] = ()
    """For a new deliberation: the deliberations whose objet is close to its own (id, objet)."""


@dataclass(frozen=True, slots=True)
class _Match:
    strength: int
    """2: a version of the numéro it modifies; 1: a version of the date it modifies."""
    deliberation: str
    entry: HistoryEntry
    objet: str


def place(store: Store, version: Version, *, given: str | None = None, new: bool = False,
          where: str | Path | None = None) -> Placement:
    """Where to file `version` (``--deliberation`` `given`, ``--new`` `new`); StoreError,
    naming `where`, when the store cannot tell or the version modifies an unknown act."""
    identifier = given or version.info.deliberation
    info = version.info
    modifying = bool(info.modifies or info.modifies_numero)
    history = store.read_history(identifier)
    if new:
        if history is not None:
            raise StoreError(_(
                "--new starts a new deliberation, but the store already holds {id!r}; name "
                "the new one with --deliberation NEW-ID"
            ).format(id=identifier), where)
        return _new(store, version, identifier)
    if given is not None and history is not None:
        return Placement(given, Filing.GIVEN, _match(history, info.modifies,
                                                     info.modifies_numero))
    if given is not None and modifying:
        raise StoreError(_(
            "this version modifies {act}, and the store has no deliberation {id!r}: to start "
            "that deliberation with it, add --new"
        ).format(act=modified_act(version), id=given), where)
    if modifying:
        return _by_lineage(store, version, history, where)
    if history is not None:
        return Placement(identifier, Filing.SAME_ID)
    return _new(store, version, identifier)


def _by_lineage(store: Store, version: Version, own_history: History | None,
                where: str | Path | None) -> Placement:
    info = version.info
    own = info.deliberation
    if own_history is not None:
        found = _match(own_history, info.modifies, info.modifies_numero)
        if found is not None:
            return Placement(own, Filing.MODIFIES, found)
    matches = [match for match in _matches(store, info.modifies, info.modifies_numero)
               if match.deliberation != own]
    if not matches:
        raise StoreError(_(
            "this version modifies {act}, which the store does not hold: add that one first, "
            "say which deliberation it belongs to with --deliberation ID, or start a new "
            "deliberation with --new"
        ).format(act=modified_act(version)), where)
    chosen = _one_of(matches, version, where)
    if own_history is not None:
        raise StoreError(_(
            "this version carries the id {id!r}, which the store holds, but it modifies "
            "{other}@{number}; say which with --deliberation {id} or --deliberation {other}"
        ).format(id=own, other=chosen.deliberation, number=chosen.entry.number), where)
    return Placement(chosen.deliberation, Filing.MODIFIES, chosen.entry)


def _one_of(matches: list[_Match], version: Version, where: str | Path | None) -> _Match:
    """The one deliberation among `matches`, by strength then objet, or a question."""
    strongest = max(match.strength for match in matches)
    candidates = [match for match in matches if match.strength == strongest]
    if len(candidates) > 1:
        scores = [_shared_words(match.objet, version.metadata.objet) for match in candidates]
        best = max(scores)
        if best >= 0.5 and scores.count(best) == 1:
            candidates = [candidates[scores.index(best)]]
    if len(candidates) == 1:
        return candidates[0]
    names = ", ".join(f"{match.deliberation}@{match.entry.number}"
                      for match in candidates[:_SHOWN])
    raise StoreError(_(
        "{count} deliberations hold a version this one may modify ({names}); say which "
        "with --deliberation ID"
    ).format(count=len(candidates), names=names), where)


def _matches(store: Store, date: str | None, numero: str | None) -> Iterator[_Match]:
    for identifier in store.deliberations():
        history = store.read_history(identifier)
        if history is None:
            continue
        entry = _match(history, date, numero)
        if entry is not None:
            strength = 2 if numero and _plain_numero(numero) in _numeros(entry) else 1
            yield _Match(strength, identifier, entry, history.entries[-1].objet)


def _match(history: History, date: str | None, numero: str | None) -> HistoryEntry | None:
    """The latest version of `history` of numéro `numero`, else of date `date` (with no
    numéro, or that numéro); None if there is none."""
    wanted = _plain_numero(numero) if numero else None
    by_numero = [entry for entry in history.entries if wanted and wanted in _numeros(entry)]
    if by_numero:
        return by_numero[-1]
    by_date = [
        entry for entry in history.entries
        if date and date in (entry.date, entry.seance, entry.act_date)
        and not (wanted and _numeros(entry))
    ]
    return by_date[-1] if by_date else None


def _numeros(entry: HistoryEntry) -> set[str]:
    return {_plain_numero(numero) for numero in (entry.numero, entry.act_numero) if numero}


def _plain_numero(numero: str) -> str:
    """A numéro compared as written, whatever its case, spaces and « n° » prefix."""
    plain = re.sub(r"\s+", "", numero.lower())
    return re.sub(r"^n[°o]\.?", "", plain)


def modified_act(version: Version) -> str:
    """The act `version` modifies, in words: « la délibération n° 12 du 2 février 2022 »."""
    date, numero = version.info.modifies, version.info.modifies_numero
    if date and numero:
        return _("the deliberation n° {numero} of {date}").format(numero=numero,
                                                                   date=spelled_date(date))
    if numero:
        return _("the deliberation n° {numero}").format(numero=numero)
    return _("the deliberation of {date}").format(date=spelled_date(date or "?"))


def spelled_date(iso: str) -> str:
    """A date as the interface's language writes it: « 2 février 2022 », or ``2022-02-02``."""
    return french_date(iso) if language() == "fr" else iso


def _new(store: Store, version: Version, identifier: str) -> Placement:
    others = ((other, latest.objet) for other, _count, latest in store.latest_versions())
    return Placement(identifier, Filing.NEW,
                     close=tuple(close_objets(version.metadata.objet, others))[:_SHOWN])


def _words(objet: str) -> list[str]:
    return [word for word in re.split(r"[^a-z0-9]+", plain_key(objet))
            if word and word not in _SMALL_WORDS]


def objet_likeness(one: str, other: str) -> float:
    """How alike two objets read, from 0 to 1: case, accents, punctuation and small words
    (« de », « la » …) aside; 0 when they hold different numbers (« Budget 2023 », « 2024 »)."""
    first, second = _words(one), _words(other)
    if not first or not second:
        return 0.0
    if {word for word in first if word.isdigit()} != {word for word in second if word.isdigit()}:
        return 0.0
    matcher = SequenceMatcher(None, " ".join(first), " ".join(second), autojunk=False)
    if matcher.real_quick_ratio() < CLOSE_OBJET or matcher.quick_ratio() < CLOSE_OBJET:
        return matcher.quick_ratio()
    return matcher.ratio()


def close_objets(objet: str, others: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """The (id, objet) of `others` whose objet is close to `objet`, most alike first."""
    scored = [(objet_likeness(objet, text), identifier, text) for identifier, text in others]
    for score, identifier, text in sorted(scored, key=lambda found: (-found[0], found[1])):
        if score >= CLOSE_OBJET:
            yield identifier, text


def _shared_words(candidate: str, objet: str) -> float:
    """The share of `candidate`'s words that `objet` has too (a modifying act often repeats
    the objet of the deliberation it modifies, with more words)."""
    words = set(_words(candidate))
    return len(words & set(_words(objet))) / len(words) if words else 0.0


__all__ = ["CLOSE_OBJET", "Filing", "Placement", "close_objets", "modified_act",
           "objet_likeness", "place", "spelled_date"]
