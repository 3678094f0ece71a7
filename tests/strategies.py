"""Hypothesis strategies for versions with French text, inline marks and unusual whitespace."""

from __future__ import annotations

from hypothesis import strategies as st

from amendtrack.model import (
    Block,
    BlockKind,
    Mark,
    Metadata,
    Span,
    Version,
    VersionInfo,
    Vote,
    normalise_inline,
)

FRENCH_WORDS = (
    "délibération", "conseil", "municipal", "l’", "d’", "l'", "qu'", "à", "où", "ça", "Œuvre",
    "œuvre", "oeuvre", "élève", "1er", "janvier", "2023", "12 500,00 €", "°", "«", "»", "\"",
    "Aulnoy-lez-Valenciennes", "CAF", "n°", ";", ":", ",", ".", "!", "?", "(", ")", "—", "–",
    "financement", "territoriaux", "prestations", "Ÿ", "ÇA", "naïf", "c’est-à-dire", "&", "<b>",
)
WHITESPACE = (" ", " ", " ", "  ", "\u00a0", "\u202f", "\t", "   ", "\n", " \u00a0")


@st.composite
def french_text(draw: st.DrawFn, min_words: int = 0, max_words: int = 12) -> str:
    """A run of French words separated by assorted whitespace (possibly leading/trailing)."""
    words = draw(st.lists(st.sampled_from(FRENCH_WORDS), min_size=min_words, max_size=max_words))
    pieces: list[str] = []
    if draw(st.booleans()):
        pieces.append(draw(st.sampled_from(WHITESPACE)))
    for position, word in enumerate(words):
        if position:
            pieces.append(draw(st.sampled_from(WHITESPACE)))
        pieces.append(word)
    if draw(st.booleans()):
        pieces.append(draw(st.sampled_from(WHITESPACE)))
    return "".join(pieces)


@st.composite
def inline(draw: st.DrawFn) -> tuple[Span, ...]:
    """Inline content: a few spans with random marks."""
    runs = draw(
        st.lists(
            st.tuples(french_text(max_words=5), st.frozensets(st.sampled_from(tuple(Mark)))),
            max_size=4,
        )
    )
    return normalise_inline(Span(text, marks) for text, marks in runs)


@st.composite
def blocks(draw: st.DrawFn, max_size: int = 8) -> tuple[Block, ...]:
    """Body blocks with unique ids, including lists of items."""
    kinds = draw(st.lists(st.sampled_from(tuple(BlockKind)), max_size=max_size))
    result: list[Block] = []
    list_number = 0
    for number, kind in enumerate(kinds, start=1):
        content = draw(inline())
        if kind is BlockKind.ITEM:
            previous = result[-1] if result else None
            if previous is None or previous.kind is not BlockKind.ITEM or draw(st.booleans()):
                list_number += 1
            result.append(Block(f"b{number}", kind, content, list_id=f"l{list_number}"))
        elif kind is BlockKind.HEADING:
            level = draw(st.integers(min_value=1, max_value=3))
            result.append(Block(f"b{number}", kind, content, level=level))
        elif kind in (BlockKind.ARTICLE, BlockKind.ANNEX):
            numbers = st.sampled_from(["1er", "2", "2 bis", "unique", "« 3 » & <4>"])
            result.append(Block(
                f"b{number}", kind, content,
                number=draw(numbers if kind is BlockKind.ARTICLE else st.none() | numbers),
                title=draw(st.none() | st.sampled_from(["Tarifs", "Durée d’exécution"])),
                alinea=kind is BlockKind.ARTICLE and draw(st.booleans()),
            ))
        else:
            result.append(Block(f"b{number}", kind, content))
    return tuple(result)


@st.composite
def versions(draw: st.DrawFn) -> Version:
    """A whole version with random metadata text and body."""
    objet = draw(french_text(min_words=1, max_words=6)).strip() or "Objet"
    return Version(
        info=VersionInfo(
            deliberation="essai", date="2022-02-02",
            modifies=draw(st.none() | st.just("2021-10-14")),
            modifies_numero=draw(st.none() | st.just("2021-112")),
            replaces=draw(st.booleans()), final_newlines=draw(st.integers(0, 2)),
        ),
        metadata=Metadata(
            collectivite=draw(st.sampled_from(["Ville d’Aulnoy", "Commune de Saint-Étienne"])),
            seance="2022-02-02",
            objet=objet,
            secretaire=draw(st.none() | st.just("Dimitri KRAJEWSKI")),
            assemblee=draw(st.none() | st.sampled_from(["conseil municipal", "comité syndical"])),
            presidence=draw(st.none() | st.just("Madame la Maire")),
            siret=draw(st.none() | st.just("21590038200011")),
            vote=draw(st.none() | st.builds(
                Vote, pour=st.none() | st.integers(0, 40), contre=st.none() | st.integers(0, 9),
                abstentions=st.none() | st.integers(0, 9), nppv=st.none() | st.integers(0, 3),
                majorite=st.booleans()).filter(lambda vote: vote != Vote())),
            budget_annee=draw(st.none() | st.just("2023")),
            actes_matiere=draw(st.none() | st.just("7.5")),
            actes_accuse_date=draw(st.none() | st.just("2022-12-08")),
            url=draw(st.none() | st.just("https://www.example.fr/deliberations/2022-12.pdf")),
        ),
        body=draw(blocks()),
    )
