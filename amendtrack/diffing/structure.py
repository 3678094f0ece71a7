"""Structure-aware alignment: block keys, article anchors, renumbering, formulas paired by kind.

The alignment (`amendtrack.diffing.alignment`) matches blocks by their keys. This module gives
it keys that know the structure of a deliberation (`amendtrack.model.divisions`):

- **block keys** (`block_key`): a block's kind, level and content (and an article's number
  and title), never its id (text import numbers paragraphs by position) — so an inserted visa
  or considérant is one insertion and shifts nothing else;
- **article anchors** (`article_anchors`, `align`): the articles of OLD and NEW are paired
  first, by their content, not their number (the words of their title or first alinéa, and of
  their other alinéas): identical articles by a unique signature, then, between those, the most
  similar ones in order (similarity at least `ARTICLE_SIMILARITY`, within `ARTICLE_BAND`).
  The openings of a pair are aligned before anything else and the blocks between two anchors
  only with each other, so « Article 3 – Durée » becoming « Article 4 – Durée » after an
  inserted article is aligned with it (a renumbering, shown as the number changed) while the
  inserted article is the insertion, and an alinéa that went to another article is a move;
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
from amendtrack.model import Block, BlockKind, Division, find_divisions

ARTICLE_SIMILARITY = 0.5
"""Two articles not identical pair when 2·(common words)/(all words) of their content ≥ this."""
ARTICLE_BAND = 8
"""In a gap between identical articles, an old and a new article are compared when their
positions in the gap differ by at most this (articles keep their order: a long gap is not
compared all against all)."""
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


def article_anchors(old: Sequence[Block], new: Sequence[Block]) -> list[Pair]:
    """The body indices of the openings of paired articles (increasing on both sides)."""
    old_articles = _articles(old)
    new_articles = _articles(new)
    if not old_articles or not new_articles:
        return []
    return [(old_articles[i].start, new_articles[j].start)
            for i, j in pair_articles(old, new, old_articles, new_articles)]


def align(old_keys: Sequence[Hashable], new_keys: Sequence[Hashable],
          anchors: Sequence[Pair]) -> list[Pair]:
    """`alignment.align`, with `anchors` (paired articles) aligned first: the blocks between
    two anchors are aligned with each other only (a block that went elsewhere is a move)."""
    if not anchors:
        return alignment.align(old_keys, new_keys)
    pairs: list[Pair] = []
    old_start = new_start = 0
    for old_index, new_index in [*anchors, (len(old_keys), len(new_keys))]:
        segment = alignment.align(old_keys[old_start:old_index], new_keys[new_start:new_index])
        pairs.extend((i + old_start, j + new_start) for i, j in segment)
        if old_index < len(old_keys):
            pairs.append((old_index, new_index))
        old_start, new_start = old_index + 1, new_index + 1
    return pairs


def _articles(body: Sequence[Block]) -> list[Division]:
    article = BlockKind.ARTICLE  # looked up once (a property on 3.11)
    if not any(block.kind is article for block in body):
        return []  # the usual case of a code or a plain text: nothing to pair
    return [d for d in find_divisions(body) if d.kind is article]


def _article_words(body: Sequence[Block], division: Division) -> tuple[list[str], list[str]]:
    """An article's words without its number: its opening (title, or the alinéa it opens
    with), then its other alinéas."""
    from amendtrack.french.plain import plain_key  # only for texts with articles

    opening = body[division.start]
    words: list[str] = plain_key(opening.title).split() if opening.title else []
    if opening.alinea:
        words.extend(plain_key(opening.text).split()[2:])  # « article 3 : … »: label left out
    # Two versions of one text: no folding. The alinéas are split once, joined by spaces.
    content = " ".join([body[index].text for index in range(division.start + 1, division.end)])
    return words, content.lower().split()


Bags = tuple[Counter[str], Counter[str], int, int]
"""An article's words as two multisets, its opening's and its other alinéas', and their sizes."""


def _bags(words: tuple[list[str], list[str]]) -> Bags:
    return Counter(words[0]), Counter(words[1]), len(words[0]), len(words[1])


def _similar(old: Bags, new: Bags) -> float | None:
    """The similarity of two articles, None when it is under `ARTICLE_SIMILARITY`: half the
    similarity of the openings, half that of the other alinéas (when either has some), as an
    article keeps its title or first words more surely than its alinéas.

    Dice's similarity is at most 2·min(a, b)/(a + b) for bags of a and b words: two articles
    whose sizes alone put them under the threshold are not compared word by word.
    """
    openings, contents = old[2] + new[2], old[3] + new[3]
    opening_bound = 2 * min(old[2], new[2]) / openings if openings else 1.0
    if not contents:
        bound = opening_bound
    else:
        bound = (opening_bound + 2 * min(old[3], new[3]) / contents) / 2
    if bound < ARTICLE_SIMILARITY:
        return None
    opening = alignment.bag_similarity(old[0], new[0], openings) if openings else 1.0
    if not contents:
        score = opening
    else:
        score = (opening + alignment.bag_similarity(old[1], new[1], contents)) / 2
    return score if score >= ARTICLE_SIMILARITY else None


def _signature(body: Sequence[Block], division: Division) -> tuple[str, tuple[str, ...]]:
    """What makes two articles identical but for their number: title or first words, alinéas."""
    opening = body[division.start]
    head = opening.title or ""
    if opening.alinea:
        head += " ".join(opening.text.split()[2:])
    return head, tuple([body[index].text for index in range(division.start + 1, division.end)])


def pair_articles(old: Sequence[Block], new: Sequence[Block], old_articles: list[Division],
                  new_articles: list[Division]) -> list[Pair]:
    """Pairs of article indices (into the two lists), increasing: identical ones first, then the
    most similar between them."""
    old_keys = [_signature(old, d) for d in old_articles]
    new_keys = [_signature(new, d) for d in new_articles]
    counts_old, counts_new = Counter(old_keys), Counter(new_keys)
    where_new = {key: j for j, key in enumerate(new_keys)}
    exact = alignment.longest_increasing([
        (i, where_new[key]) for i, key in enumerate(old_keys)
        if (key[0] or key[1]) and counts_old[key] == 1 and counts_new.get(key) == 1
    ])
    pairs: list[Pair] = []
    previous = (-1, -1)
    bags: dict[tuple[bool, int], Bags] = {}

    def bag(is_new: bool, index: int) -> Bags:
        # Made once per article, and only for the articles of a gap.
        found = bags.get((is_new, index))
        if found is None:
            body, division = (new, new_articles[index]) if is_new else (old, old_articles[index])
            found = bags[is_new, index] = _bags(_article_words(body, division))
        return found

    for anchor in [*exact, (len(old_articles), len(new_articles))]:
        old_start, new_start = previous[0] + 1, previous[1] + 1
        size = anchor[0] - old_start
        # As many articles on both sides, each like the one in its place: articles modified
        # where they stand (the usual case, one comparison each).
        diagonal = [(old_start + k, new_start + k) for k in range(size)]
        if size == anchor[1] - new_start and all(
                _similar(bag(False, i), bag(True, j)) is not None for i, j in diagonal):
            pairs.extend(diagonal)
        else:
            scored = [(i, j, score)
                      for i in range(old_start, anchor[0])
                      for j in range(max(new_start, i - old_start + new_start - ARTICLE_BAND),
                                     min(anchor[1], i - old_start + new_start + ARTICLE_BAND + 1))
                      if (score := _similar(bag(False, i), bag(True, j))) is not None]
            pairs.extend((i, j) for i, j, _ in alignment.pair_in_order(scored))
        if anchor[0] < len(old_articles):
            pairs.append(anchor)
        previous = anchor
    return pairs


def split_kept(kept: Sequence[Pair], old: Sequence[Block], new: Sequence[Block],
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


__all__ = ["ARTICLE_BAND", "ARTICLE_SIMILARITY", "PAIRED_BY_KIND", "align", "article_anchors",
           "block_key", "pair_articles", "pair_by_kind", "split_kept"]
