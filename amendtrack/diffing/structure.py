"""Structure-aware alignment: block keys, article anchors, renumbering, formulas paired by kind.

The alignment (`amendtrack.diffing.alignment`) matches blocks by their keys. This module gives
it keys that know the structure of a deliberation (`amendtrack.model.divisions`):

- **block keys** (`block_keys`): a block's kind, level and content, never its id (text import
  numbers paragraphs by position) — so an inserted visa or considérant is one insertion and
  shifts nothing else;
- **article anchors**: the articles of OLD and NEW are paired first, by their content (the
  words of their alinéas and title, not their number): identical articles by a unique
  signature, then, between those, the most similar ones in order (word similarity at least
  `ARTICLE_SIMILARITY`). The opening blocks of a pair share one key, so « Article 3 – Durée »
  becoming « Article 4 – Durée » after an inserted article is aligned with it: a renumbering,
  shown as the number changed, while the inserted article is the insertion;
- **renumbered pairs** (`split_kept`): aligned blocks whose keys are equal but whose blocks
  differ (an anchored, renumbered article) become modifications with a word diff;
- **formulas paired by kind** (`pair_by_kind`): in a gap between aligned blocks, a decision
  formula, a vote block or an article or annex opening removed and one of the same kind added
  are one modification, however different their words (« par 20 voix pour … » becoming « à
  l'unanimité » is a change of the vote, not a new formula).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence

from amendtrack.diffing import alignment
from amendtrack.french.deliberations import plain_key
from amendtrack.model import Block, BlockKind, Division, find_divisions

ARTICLE_SIMILARITY = 0.5
"""Two articles not identical pair when 2·(common words)/(all words) of their content ≥ this."""
PAIRED_BY_KIND = frozenset({BlockKind.DECISION, BlockKind.VOTE, BlockKind.ARTICLE,
                            BlockKind.ANNEX})
"""The kinds a lone removed and a lone added block of one gap pair by (`pair_by_kind`)."""

Pair = tuple[int, int]


def block_key(block: Block) -> Hashable:
    """What the alignment compares: kind, level, content, and an article's number and title;
    never the id. Equal keys mean equal blocks (apart from ids and list ids)."""
    content = block.content
    if len(content) == 1 and not content[0].marks:
        text: Hashable = content[0].text  # a string caches its hash, a tuple of spans does not
    else:
        text = tuple((span.text, span.marks) for span in content)
    if block.number is None and block.title is None:
        return (block.kind, block.level, text)
    return (block.kind, block.level, text, block.number, block.title, block.alinea)


def block_keys(old: Sequence[Block], new: Sequence[Block]) -> tuple[list[Hashable], list[Hashable]]:
    """The keys of both bodies, the openings of paired articles sharing one anchor key."""
    old_keys = [block_key(block) for block in old]
    new_keys = [block_key(block) for block in new]
    old_articles = _articles(old)
    new_articles = _articles(new)
    if old_articles and new_articles:
        for number, (i, j) in enumerate(pair_articles(old, new, old_articles, new_articles)):
            anchor = ("article anchor", number)
            old_keys[old_articles[i].start] = anchor
            new_keys[new_articles[j].start] = anchor
    return old_keys, new_keys


def _articles(body: Sequence[Block]) -> list[Division]:
    if not any(block.kind is BlockKind.ARTICLE for block in body):
        return []  # the usual case of a code or a plain text: nothing to pair
    return [d for d in find_divisions(body) if d.kind is BlockKind.ARTICLE]


def _content_words(body: Sequence[Block], division: Division) -> list[str]:
    """The words of an article without its number: its title and its alinéas."""
    words: list[str] = []
    opening = body[division.start]
    if opening.title:
        words.extend(plain_key(opening.title).split())
    if opening.alinea:
        text = plain_key(opening.text)
        words.extend(text.split()[2:])  # « article 3 : … »: the label's words are left out
    for index in range(division.start + 1, division.end):
        words.extend(plain_key(body[index].text).split())
    return words


def pair_articles(old: Sequence[Block], new: Sequence[Block], old_articles: list[Division],
                  new_articles: list[Division]) -> list[Pair]:
    """Pairs of article indices (into the two lists), increasing: identical ones first, then the
    most similar between them."""
    old_words = [_content_words(old, d) for d in old_articles]
    new_words = [_content_words(new, d) for d in new_articles]
    signatures_old = Counter(tuple(words) for words in old_words)
    signatures_new = Counter(tuple(words) for words in new_words)
    where_new = {tuple(words): j for j, words in enumerate(new_words)}
    exact = alignment.longest_increasing([
        (i, where_new[key]) for i, words in enumerate(old_words)
        if (key := tuple(words)) and signatures_old[key] == 1 and signatures_new.get(key) == 1
    ])
    pairs: list[Pair] = []
    previous = (-1, -1)
    for anchor in [*exact, (len(old_articles), len(new_articles))]:
        gap_old = range(previous[0] + 1, anchor[0])
        gap_new = range(previous[1] + 1, anchor[1])
        scored = [(i, j, score) for i in gap_old for j in gap_new
                  if (score := alignment.bag_similarity(Counter(old_words[i]),
                                                        Counter(new_words[j])))
                  >= ARTICLE_SIMILARITY and old_words[i] and new_words[j]]
        pairs.extend((i, j) for i, j, _ in alignment.pair_in_order(scored))
        if anchor[0] < len(old_articles):
            pairs.append(anchor)
        previous = anchor
    return pairs


def split_kept(kept: list[Pair], old: Sequence[Block], new: Sequence[Block],
               ) -> tuple[list[Pair], list[Pair]]:
    """Aligned pairs split into those whose blocks are equal (ids aside) and the others (an
    anchored article renumbered or retitled), which are modifications."""
    equal: list[Pair] = []
    changed: list[Pair] = []
    for i, j in kept:
        a, b = old[i], new[j]
        same = (a.content == b.content and a.kind is b.kind and a.level == b.level
                and a.number == b.number and a.title == b.title and a.alinea == b.alinea)
        (equal if same else changed).append((i, j))
    return equal, changed


def pair_by_kind(kept: Sequence[Pair], removed: Sequence[int], added: Sequence[int],
                 old: Sequence[Block], new: Sequence[Block]) -> list[Pair]:
    """In each gap between aligned blocks, the lone removed and lone added block of one kind of
    `PAIRED_BY_KIND`, paired (in order, so the pairs never cross)."""
    kept_old = sorted(i for i, _ in kept)
    kept_new = sorted(j for _, j in kept)
    gaps: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in removed:
        if old[i].kind in PAIRED_BY_KIND:
            gaps[bisect_left(kept_old, i)][0].append(i)
    for j in added:
        if new[j].kind in PAIRED_BY_KIND:
            gaps[bisect_left(kept_new, j)][1].append(j)
    pairs: list[Pair] = []
    for gap_old, gap_new in gaps.values():
        by_kind: dict[BlockKind, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for i in gap_old:
            by_kind[old[i].kind][0].append(i)
        for j in gap_new:
            by_kind[new[j].kind][1].append(j)
        candidates = [(olds[0], news[0], 1.0) for olds, news in by_kind.values()
                      if len(olds) == 1 and len(news) == 1]
        pairs.extend((i, j) for i, j, _ in alignment.pair_in_order(candidates))
    return sorted(pairs)


__all__ = ["ARTICLE_SIMILARITY", "PAIRED_BY_KIND", "block_key", "block_keys", "pair_articles",
           "pair_by_kind", "split_kept"]
