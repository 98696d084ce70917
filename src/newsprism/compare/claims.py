"""Claims across the outlets of a story: aligned into groups, each corroborated, single-source or
conflicting, and every status explainable from the stored spans.

Alignment. Two claims of different articles are *similar* by the cosine of their MiniLM vectors,
or of a *segment* of one with the other (a sentence that joins several facts, "The ferry capsized on
Tuesday with 212 people on board", is also split at commas and clause openers, so that "The vessel
was carrying 212 people" can meet its part), plus a bonus for each slot they share (a number, a date,
an agent, a place: entities compared as story entities, so "Xi" and "Xi Jinping" are one agent).
Claims of one article are never compared with each other.

Parallel wording ("carried out by Grey Lantern" / "carried out by the Vorsk Collective") counts by
its word-sequence similarity, which MiniLM underrates when rare names differ.

Status. A group carried by two or more independent *origins* (a reprint counts with its origin;
two sentences of one outlet are one origin) is ``corroborated``, else ``single_source``, unless
:mod:`.conflicts` finds two of its claims disagreeing: then it is ``conflicting``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np

from .._union import UnionFind
from .story import StoryArticle

__all__ = ["AlignConfig", "ClaimItem", "ClaimGroup", "claim_items", "align_claims", "similarity_matrix", "segments",
           "lead_words", "lead_ratio", "PARALLEL"]

@dataclass(frozen=True)
class AlignConfig:
    """Thresholds tuned on the planted facts of the demo corpus and the two seed reports (a grid
    over link, support, segment length and number bonus). On ECB+ gold event mentions this
    sentence-level signal alone scores CoNLL F1 0.49 against the same-lemma baseline's 0.77
    (bench/compare.py): it aligns statements, and cannot tell two events of one sentence apart."""

    link: float = 0.56            # a claim's best match in another article counts from here
    support: float = 0.56         # ... and supports its group from here when the match is not mutual
    group: float = 0.55           # mean similarity two anchor sets need to merge
    number_bonus: float = 0.08    # per shared number (at most two)
    slot_bonus: float = 0.03      # per other shared slot: a date, an agent, a place
    min_words: int = 4
    segment_words: int = 5
    conflict_similarity: float = 0.6


#: Where a claim is cut into segments: commas (not inside numbers), semicolons, colons, brackets,
#: dashes, and before clause openers.
_SEGMENT_BREAK = re.compile(
    r"\s*(?:(?<!\d),|,(?!\d)|[;:()]|\s[–—-]\s|\s(?=(?:when|while|where|which|who|whose|after|before|with|but|"
    r"because|as|and|according|including)\s))\s*"
)


#: A short segment that only says who said it ("the council said", "according to police").
_ATTRIBUTION = re.compile(r"^(?=(?:\S+\s+){0,5}\S+$).*\b(?:said|says|told|added|according|reported|announced|stated)\b", re.I)


def segments(text: str, min_words: int = 3) -> list[str]:
    """The parts of a claim worth matching on their own, or the whole claim when it has none.

    >>> segments("The ferry capsized on Tuesday with 212 people on board, officials said")
    ['The ferry capsized on Tuesday', 'with 212 people on board']
    """
    parts = [p.strip() for p in _SEGMENT_BREAK.split(text)]
    parts = [p for p in parts if len(p.split()) >= min_words and not _ATTRIBUTION.search(p)]
    return parts if len(parts) > 1 else [text]


@dataclass
class ClaimItem:
    """One claim of one article, with its slots mapped to story-level ids and values."""

    index: int
    source: StoryArticle
    claim: object  # models.Claim
    vector: np.ndarray
    segments: np.ndarray  # [k, dim]: the vectors of its segments (its own vector when it has none)
    agents: frozenset[str]
    places: frozenset[str]
    dates: dict[str, tuple[str, str, int]]  # value -> (precision, expression, time index)
    numbers: tuple[dict, ...]

    @property
    def article_id(self) -> str:
        return self.source.article.id

    @property
    def origin(self) -> str:
        return self.source.origin

    @property
    def outlet(self) -> str:
        return self.source.outlet


@dataclass
class ClaimGroup:
    """Claims that state one fact: its ``anchors`` (in this group only) and ``support`` (claims of
    other articles whose best match is an anchor; they anchor a group of their own too)."""

    anchors: list[ClaimItem]
    support: list[ClaimItem] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)

    @property
    def all_items(self) -> list[ClaimItem]:
        return self.anchors + self.support

    @property
    def origins(self) -> set[str]:
        return {i.origin for i in self.all_items}

    @property
    def outlets(self) -> list[str]:
        return sorted({i.outlet for i in self.all_items})

    @property
    def status(self) -> str:
        if self.conflicts:
            return "conflicting"
        return "corroborated" if len(self.origins) > 1 else "single_source"


def claim_items(articles: list[StoryArticle], entity_map: dict[tuple[str, str], str], config: AlignConfig,
                embed: Callable[[list[str]], np.ndarray] | None = None) -> list[ClaimItem]:
    """Every claim of the story long enough to check (``min_words``), with story-level slots and,
    if ``embed`` is given, its segments' vectors."""
    items = []
    for sa in articles:
        times = {f"t{i}": (i, t) for i, t in enumerate(sa.times, start=1)}
        for k, claim in enumerate(sa.notes.claims):
            if len(claim.text.split()) < config.min_words:
                continue
            dates = {}
            for tid in claim.dates:
                i, t = times[tid]
                if t.value:
                    dates[t.value] = (t.precision, t.expression, i - 1)
            items.append(ClaimItem(
                len(items), sa, claim, sa.vectors[k], sa.vectors[k][None, :],
                frozenset(entity_map.get((sa.article.id, a), a) for a in claim.agents),
                frozenset(entity_map.get((sa.article.id, p), p) for p in claim.places),
                dates, claim.numbers,
            ))
    if embed is not None:
        _embed_segments(items, embed, config.segment_words)
    return items


def _embed_segments(items: list[ClaimItem], embed, min_words: int) -> None:
    parts = [segments(i.claim.text, min_words) for i in items]
    texts = [p for ps in parts if len(ps) > 1 for p in ps]
    vectors = embed(texts) if texts else None
    at = 0
    for item, ps in zip(items, parts):
        if len(ps) > 1:
            item.segments = np.vstack([item.vector[None, :], vectors[at:at + len(ps)]])
            at += len(ps)


def similarity_matrix(items: list[ClaimItem], config: AlignConfig) -> np.ndarray:
    """The best cosine of two claims' vectors or segments, plus slot bonuses; pairs within one
    article are -1."""
    if not items:
        return np.zeros((0, 0), dtype=np.float32)
    sims = _segment_max(items)
    _parallel_wording(items, sims)
    articles = np.array([hash(i.article_id) for i in items])
    sims[articles[:, None] == articles[None, :]] = -1.0
    reach = config.link - 2 * config.number_bonus - 3 * config.slot_bonus
    common = _common_entities(items)
    for a, b in zip(*np.nonzero(np.triu(sims >= reach, k=1))):
        bonus = _slot_bonus(items[a], items[b], config, common)
        sims[a, b] += bonus
        sims[b, a] += bonus
    return sims


def _segment_max(items: list[ClaimItem]) -> np.ndarray:
    """``[n, n]``: for each pair of claims, the highest cosine of their vectors or of a segment of
    one with the other whole or with its leading segment (the main clause, as a rule: "Police
    believe the attack was carried out by X, a group that ..."), whichever is highest. Two
    trailing segments alone never match: "before it rolled over" says too little to stand for a claim."""
    whole = np.stack([i.vector for i in items])
    lead = np.stack([i.segments[min(1, len(i.segments) - 1)] for i in items])
    owners = np.repeat(np.arange(len(items)), [len(i.segments) for i in items])
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    every = np.vstack([i.segments for i in items])
    part = np.maximum.reduceat(np.maximum(every @ whole.T, every @ lead.T), starts, axis=0)
    return np.maximum(whole @ whole.T, np.maximum(part, part.T)).astype(np.float32)


def _parallel_wording(items: list[ClaimItem], sims: np.ndarray, min_shared: int = 4) -> None:
    """Raise to their word-sequence similarity the pairs whose leading segments share most of
    their words: MiniLM puts "the attack was carried out by Grey Lantern" and "... by the Vorsk
    Collective" far apart (0.39), because the rare names dominate, though the wording is parallel."""
    words = [[w.group().lower() for w in lead_words(i)] for i in items]
    vocab = [set(ws) for ws in words]
    index: dict[str, set[int]] = {}
    for n, distinct in enumerate(vocab):
        for w in distinct:
            index.setdefault(w, set()).add(n)
    for a, distinct in enumerate(vocab):
        shared: dict[int, int] = {}
        for w in distinct:
            for b in index[w]:
                if b > a:
                    shared[b] = shared.get(b, 0) + 1
        for b, n in shared.items():
            if n >= min_shared and n >= 0.5 * min(len(distinct), len(vocab[b])):
                ratio = lead_ratio(words[a], words[b])
                sims[a, b] = sims[b, a] = max(sims[a, b], ratio)


def lead_ratio(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _slot_bonus(a: ClaimItem, b: ClaimItem, config: AlignConfig, common: frozenset[str]) -> float:
    """Shared numbers (written with digits, or ten and more: "one" is no evidence) and shared
    dates, agents and places; an entity in many of the story's claims ("Putin" in a story about
    Putin) is no evidence either."""
    numbers = {_number_key(n) for n in a.numbers if _telling(n)} & {_number_key(n) for n in b.numbers if _telling(n)}
    others = sum(bool(x) for x in ((a.agents & b.agents) - common, (a.places & b.places) - common, set(a.dates) & set(b.dates)))
    return config.number_bonus * min(len(numbers), 2) + config.slot_bonus * others


def _telling(number: dict) -> bool:
    return any(c.isdigit() for c in number["text"]) or number["value"] >= 10


def _number_key(number: dict) -> float:
    return number["value"]


def _common_entities(items: list[ClaimItem], share: float = 0.2) -> frozenset[str]:
    """Entities named in more than ``share`` of the story's claims (as agent or place)."""
    counts: dict[str, int] = {}
    for item in items:
        for e in item.agents | item.places:
            counts[e] = counts.get(e, 0) + 1
    return frozenset(e for e, n in counts.items() if n > share * len(items) and n > 2)


def align_claims(items: list[ClaimItem], config: AlignConfig = AlignConfig()) -> tuple[list[ClaimGroup], np.ndarray]:
    """Claim groups and the similarity matrix they came from (conflicts: :mod:`.conflicts`).

    Every claim is the *anchor* of exactly one group. Claims that are each other's best match in
    the other's article (and similar enough) share a group; a claim whose best match elsewhere is
    not mutual still counts that match as *support*, so a sentence that joins two facts can back
    two groups, while groups never chain through loose pairs."""
    sims = similarity_matrix(items, config)
    best = _best_matches(items, sims, config.link)
    uf = UnionFind(range(len(items)))
    members = {i: [i] for i in range(len(items))}
    mutual = [(i, j) for i, row in best.items() for j in row.values() if i < j and i in best.get(j, {}).values()]
    for a, b in sorted(mutual, key=lambda p: -sims[p[0], p[1]]):
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb or _linkage(sims, members[ra], members[rb]) < config.group:
            continue
        uf.union(ra, rb)
        root = uf.find(ra)
        members[root] = members.pop(ra if root == rb else rb) + members[root]
    groups = []
    for anchors in uf.groups():
        groups.append(ClaimGroup([items[i] for i in anchors], [items[j] for j in _support(anchors, best, sims, items, config)]))
    return groups, sims


def _support(anchors: list[int], best: dict, sims: np.ndarray, items: list[ClaimItem], config: AlignConfig) -> list[int]:
    """The best matches of the anchors in articles that have no anchor in the group: one claim per
    such article, the most similar to an anchor, if at or above ``config.support``."""
    covered = {items[i].article_id for i in anchors}
    chosen: dict[str, tuple[float, int]] = {}
    for i in anchors:
        for article, j in best.get(i, {}).items():
            score = float(sims[i, j])
            if article not in covered and score >= config.support and score > chosen.get(article, (-1.0, 0))[0]:
                chosen[article] = (score, j)
    return sorted(j for _, j in chosen.values())


def _best_matches(items: list[ClaimItem], sims: np.ndarray, link: float) -> dict[int, dict[str, int]]:
    """For each claim, its most similar claim in every other article, if at or above ``link``."""
    best: dict[int, dict[str, int]] = {}
    for i, j in zip(*np.nonzero(sims >= link)):
        row = best.setdefault(int(i), {})
        art = items[j].article_id
        if art not in row or sims[i, j] > sims[i, row[art]]:
            row[art] = int(j)
    return best


def _linkage(sims: np.ndarray, a: list[int], b: list[int]) -> float:
    block = sims[np.ix_(a, b)]
    cross = block[block > -1.0]
    return float(cross.mean()) if cross.size else -1.0


#: Leading segments this similar in their word sequence are parallel wording.
PARALLEL = 0.6
_WORD_SPAN = re.compile(r"[\w'’.-]+")


def lead_words(item: ClaimItem) -> list[re.Match]:
    """The words of the claim's leading segment (its main clause, as a rule)."""
    text = item.claim.text
    cut = _SEGMENT_BREAK.search(text)
    end = cut.start() if cut and len(text[:cut.start()].split()) >= 4 else len(text)
    return list(_WORD_SPAN.finditer(text, 0, end))
