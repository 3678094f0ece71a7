"""The inputs of the diff benchmark, written as version XML: the corpus codes, a series of
registries of growing size built from the Code civil, and two 40,000-paragraph documents.

Built as ``amendtrack import`` builds them (`import_source` on a text file: the structure is
recognised, so a code's articles are articles), then `version_xml.save`; everything is
deterministic.
"""

from __future__ import annotations

import random
from pathlib import Path

from amendtrack import version_xml
from amendtrack.importers.importing import import_source
from amendtrack.importers.options import ReadOptions
from amendtrack.importers.text import PARAGRAPH_SEPARATOR

ROOT = Path(__file__).resolve().parent.parent
LARGE = ROOT / "tests" / "data" / "legi" / "large"
MB = 1_000_000

_METADATA = {"collectivite": "Légifrance", "seance": "2015-03-22", "objet": "Bench"}
_DATES = {"base": "2006-01-01", "amended": "2015-03-22"}


def save_pair(texts: dict[str, str], folder: Path) -> tuple[Path, Path]:
    """Both versions (``base`` and ``amended`` texts) imported and saved as version XML in
    `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in ("base", "amended"):
        source = folder / f"{name}.txt"
        source.write_text(texts[name], encoding="utf-8")
        version = import_source(source, source_format=None, options=ReadOptions(),
                                meta={**_METADATA, "deliberation": "bench",
                                      "date": _DATES[name]}).version
        version_xml.save(version, folder / f"{name}.xml")
        paths.append(folder / f"{name}.xml")
    return paths[0], paths[1]


def corpus_pair(name: str, work: Path) -> tuple[Path, Path]:
    """A whole code of the corpus (tests/data/legi/large/NAME) as two version files."""
    texts = {side: (LARGE / name / f"{side}.txt").read_text(encoding="utf-8")
             for side in ("base", "amended")}
    return save_pair(texts, work / name)


def _articles(text: str) -> list[tuple[str, list[str]]]:
    """The paragraphs of a code grouped by article (a paragraph « Article N » opens one)."""
    groups: list[tuple[str, list[str]]] = [("", [])]
    for paragraph in text.split(PARAGRAPH_SEPARATOR):
        if paragraph.startswith("Article "):
            groups.append((paragraph, []))
        groups[-1][1].append(paragraph)
    return groups


def registry_texts(size: int) -> dict[str, str]:
    """Copies of the Code civil pair, each paragraph of copy k prefixed « Livre k. », cut at
    an article both versions have so that the new version has `size` bytes of text.

    The vocabulary recurs from copy to copy, as in a registry of similar acts: every rare
    word of the code is in one block of each copy.
    """
    sides = {side: _articles((LARGE / "L2" / f"{side}.txt").read_text(encoding="utf-8"))
             for side in ("base", "amended")}
    in_base = {heading for heading, _ in sides["base"]}
    pieces: dict[str, list[str]] = {"base": [], "amended": []}
    written, copy = 0, 0
    while written < size:
        copy += 1
        cut = None
        for heading, paragraphs in sides["amended"]:
            if written >= size and heading in in_base:
                cut = heading
                break
            written += sum(len(f"Livre {copy}. {p}".encode()) + 2 for p in paragraphs)
        for side in ("base", "amended"):
            for heading, paragraphs in sides[side]:
                if heading == cut and cut is not None:
                    break
                pieces[side] += [f"Livre {copy}. {paragraph}" for paragraph in paragraphs]
    return {side: PARAGRAPH_SEPARATOR.join(paragraphs) for side, paragraphs in pieces.items()}


_VOCABULARY = (
    "le conseil municipal décide approuve la convention avec commune de pour les montants du "
    "budget annexe article subvention association culturelle sportive au titre année exercice "
    "délibération maire autorise signer tous documents afférents relatifs cette opération "
    "travaux voirie école bâtiment public marché"
)


def forty_thousand_texts() -> dict[str, str]:
    """Two 40,000-paragraph documents of one small vocabulary, 1,100 paragraphs changed: 500
    edited here and there, and a run of 600 rewritten (one gap of 600 × 600 blocks)."""
    generator = random.Random(11)
    words = _VOCABULARY.split(" ")

    def sentence() -> str:
        return " ".join(generator.choice(words) for _ in range(20)).capitalize() + "."

    old = [sentence() for _ in range(40_000)]
    new = list(old)
    for position in generator.sample(range(20_000, 40_000), 500):
        edited = new[position].split(" ")
        for _ in range(3):
            edited[generator.randrange(len(edited))] = generator.choice(words)
        new[position] = " ".join(edited)
    for position in range(5_000, 5_600):
        new[position] = sentence()
    return {"base": PARAGRAPH_SEPARATOR.join(old), "amended": PARAGRAPH_SEPARATOR.join(new)}


def tiny_texts() -> dict[str, str]:
    """Two one-paragraph versions: what a command costs with (almost) nothing to compare."""
    return {"base": "Article 1\n\nTexte.", "amended": "Article 1\n\nTexte, modifié."}


__all__ = ["MB", "ROOT", "corpus_pair", "forty_thousand_texts", "registry_texts", "save_pair",
           "tiny_texts"]
