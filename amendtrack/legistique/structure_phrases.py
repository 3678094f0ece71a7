"""Instructions over whole articles and divisions → French sentences.

« Après l'article L. 12, il est inséré un article L. 12-1 ainsi rédigé : », « sont insérés des
articles L. 12-1 et L. 12-2 ainsi rédigés : », « Au début du chapitre II du titre Ier, il est
inséré … », « Le chapitre III est complété par une section 4 ainsi rédigée : », « L'article
L. 15 est abrogé », « Les articles L. 12 à L. 15 sont abrogés », « Le chapitre II du titre Ier
est abrogé », « L'intitulé du chapitre II est supprimé », « L'article 4 devient l'article 5 ».
"""

from __future__ import annotations

from dataclasses import replace

from amendtrack.legistique.instructions import (
    Path,
    Side,
    StructureChange,
    StructureChangeKind,
)
from amendtrack.legistique.labels import feminine
from amendtrack.legistique.phrases import NBSP, block_quote, place, quoted


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _female(kind: str) -> bool:
    return kind == "annexe" or feminine(kind)


def names_phrase(names: Path) -> tuple[str, bool, bool]:
    """« un article L. 12-1 », « des articles L. 12-1 et L. 12-2 », « une section 2 et un
    article L. 3 »; with whether it is plural, and feminine only."""
    groups: list[tuple[str, list[str]]] = []
    for kind, number in names:
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(number)
        else:
            groups.append((kind, [number]))
    phrases = []
    for kind, numbers in groups:
        if len(numbers) == 1:
            phrases.append(f"{'une' if _female(kind) else 'un'} {kind} {numbers[0]}")
        else:
            listed = ", ".join(numbers[:-1]) + f" et {numbers[-1]}"
            phrases.append(f"des {kind}s {listed}")
    text = ", ".join(phrases[:-1]) + (" et " if len(phrases) > 1 else "") + phrases[-1]
    return text, len(names) > 1, all(_female(kind) for kind, _ in names)


def _inserted(change: StructureChange) -> str:
    text, plural, female = names_phrase(change.names)
    done = "rédigée" if female else "rédigé"
    if plural:
        verb = "sont insérées" if female else "sont insérés"
        return f"{verb} {text} ainsi {done}s{NBSP}:{block_quote(change.texts)}"
    return f"il est inséré {text} ainsi {done}{NBSP}:{block_quote(change.texts)}"


def _insertion(change: StructureChange) -> str:
    where = change.where
    match change.side:
        case Side.AFTER:
            return f"Après {place(where, 'le')}, {_inserted(change)}"
        case Side.BEFORE:
            return f"Avant {place(where, 'le')}, {_inserted(change)}"
        case Side.START:
            return f"Au début {place(where, 'du')}, {_inserted(change)}"
        case Side.END:
            text, plural, female = names_phrase(change.names)
            done = ("rédigée" if female else "rédigé") + ("s" if plural else "")
            return (f"{_capital(place(where, 'le'))} est complété par {text} ainsi {done}"
                    f"{NBSP}:{block_quote(change.texts)}")
    raise AssertionError(change.side)


def _abrogation(change: StructureChange) -> str:
    where = change.where
    if change.heading_only:
        return f"{_capital(place(replace(where, heading=True), 'le'))} est supprimé"
    if change.through is not None:
        return f"Les articles {where.article} à {change.through} sont abrogés"
    female = where.annex is not None or (bool(where.division) and feminine(
        where.division[-1][0]))
    return f"{_capital(place(where, 'le'))} est {'abrogée' if female else 'abrogé'}"


def _renumbering(change: StructureChange) -> str:
    where = change.where
    kind, number = change.names[0]
    if where.article is not None:
        return f"L'article {where.article} devient l'article {number}"
    new = place(replace(where, division=(*where.division[:-1], (kind, number))), "le")
    new = new.split(" du ")[0].split(" de la ")[0]
    text = f"{_capital(place(where, 'le'))} devient {new}"
    if change.title is not None:
        text += f" {'intitulée' if feminine(kind) else 'intitulé'}{NBSP}: {quoted(change.title)}"
    return text


def structure_sentence(change: StructureChange) -> str:
    """An instruction over whole articles or divisions, as a sentence."""
    match change.kind:
        case StructureChangeKind.INSERT:
            return _insertion(change)
        case StructureChangeKind.ABROGATE:
            return _abrogation(change)
        case StructureChangeKind.RENUMBER:
            return _renumbering(change)
        case StructureChangeKind.CREATE:
            text, _, female = names_phrase(change.names)
            title = quoted(change.title or "")
            return (f"Il est créé {text} {'intitulée' if female else 'intitulé'}{NBSP}: "
                    f"{title} et comprenant les articles {change.where.article} à "
                    f"{change.through}")
    raise AssertionError(change.kind)


__all__ = ["names_phrase", "structure_sentence"]
