"""Claims across the outlets of a story: aligned into groups, each corroborated, single-source or
conflicting, and every status explainable from the stored spans.

Alignment. Two claims of different articles are *similar* by the cosine of their MiniLM vectors,
plus a small bonus for each slot they share (an agent, a place, a number, a date: entities compared
as story entities, so "Xi" and "Xi Jinping" are one agent). Pairs at or above ``link`` are merged,
best first, into groups; a merge also needs the mean similarity of all cross-article pairs of the
two groups to stay at or above ``group`` (average linkage), so one loose pair cannot chain two
different facts together. Claims of one article are never compared with each other.

Status. A group carried by two or more independent *origins* (a reprint counts with its origin;
two sentences of one outlet are one origin) is ``corroborated``, else ``single_source``. It is
``conflicting`` when two of its claims from different origins disagree on a slot: a number with the
same unit, a date of the same precision, a negation, an opposite action (rose / fell), the agent
(who did it) or the place of the same action (one place each: "Moscow ... Ukraine" against
"Samarkand, Uzbekistan" names no single place to disagree on).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._union import UnionFind
from .story import StoryArticle

__all__ = ["AlignConfig", "ClaimItem", "ClaimGroup", "claim_items", "align_claims", "find_conflicts"]

#: Opposite actions: a claim that one rose and another that it fell conflict.
OPPOSITES = {
    frozenset(p) for p in [
        ("rise", "fall"), ("increase", "decrease"), ("raise", "lower"), ("raise", "cut"), ("gain", "lose"),
        ("win", "lose"), ("approve", "reject"), ("accept", "reject"), ("confirm", "deny"), ("open", "close"),
        ("grow", "shrink"), ("expand", "contract"), ("support", "oppose"), ("acquit", "convict"),
        ("pass", "fail"), ("survive", "die"), ("arrive", "leave"), ("lift", "impose"), ("resume", "suspend"),
    ]
}
#: Actions too general to compare for agent, place or negation conflicts ("be", "say").
_LIGHT = {"be", "have", "say", "do", "make", "get", "go", "come", "take", "add", "tell", "report"}


@dataclass(frozen=True)
class AlignConfig:
    link: float = 0.62
    group: float = 0.55
    slot_bonus: float = 0.04
    min_words: int = 4
    conflict_similarity: float = 0.6


@dataclass
class ClaimItem:
    """One claim of one article, with its slots mapped to story-level ids and values."""

    index: int
    source: StoryArticle
    claim: object  # models.Claim
    vector: np.ndarray
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


def claim_items(articles: list[StoryArticle], entity_map: dict[tuple[str, str], str], config: AlignConfig) -> list[ClaimItem]:
    """Every claim of the story long enough to check (``min_words``), with story-level slots."""
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
                len(items), sa, claim, sa.vectors[k],
                frozenset(entity_map.get((sa.article.id, a), a) for a in claim.agents),
                frozenset(entity_map.get((sa.article.id, p), p) for p in claim.places),
                dates, claim.numbers,
            ))
    return items


def similarity_matrix(items: list[ClaimItem], config: AlignConfig) -> np.ndarray:
    """Cosine of the claim vectors plus slot bonuses; pairs within one article are -1."""
    if not items:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.stack([i.vector for i in items])
    sims = vectors @ vectors.T
    articles = np.array([hash(i.article_id) for i in items])
    sims[articles[:, None] == articles[None, :]] = -1.0
    for a, b in zip(*np.nonzero(sims >= config.link - 4 * config.slot_bonus)):
        if a < b:
            bonus = config.slot_bonus * _shared_slots(items[a], items[b])
            sims[a, b] += bonus
            sims[b, a] += bonus
    return sims


def _shared_slots(a: ClaimItem, b: ClaimItem) -> int:
    numbers = {n["value"] for n in a.numbers} & {n["value"] for n in b.numbers}
    return sum(bool(x) for x in (a.agents & b.agents, a.places & b.places, numbers, set(a.dates) & set(b.dates)))


def align_claims(items: list[ClaimItem], config: AlignConfig = AlignConfig()) -> tuple[list[ClaimGroup], np.ndarray]:
    """Claim groups (each with its conflicts found) and the similarity matrix they came from.

    Every claim is the *anchor* of exactly one group. Claims that are each other's best match in
    the other's article (and similar enough) share a group; a claim whose best match elsewhere is
    not mutual still counts that match as *support*, so a sentence that joins two facts can back
    two groups, while groups never chain through loose pairs."""
    sims = similarity_matrix(items, config)
    best = _best_matches(items, sims, config.link)
    uf = UnionFind(len(items))
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
        support = sorted({j for i in anchors for j in best.get(i, {}).values()} - set(anchors))
        group = ClaimGroup([items[i] for i in anchors], [items[j] for j in support])
        group.conflicts = find_conflicts(group.all_items, sims, config)
        groups.append(group)
    return groups, sims


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


# -- conflicts -------------------------------------------------------------------------------------

def find_conflicts(items: list[ClaimItem], sims: np.ndarray, config: AlignConfig) -> list[dict]:
    """Slot disagreements between claims of different origins in one group, one entry per slot."""
    found: dict[str, dict] = {}
    for n, a in enumerate(items):
        for b in items[n + 1:]:
            if a.origin == b.origin or sims[a.index, b.index] < config.conflict_similarity:
                continue
            for slot, va, vb in _disagreements(a, b):
                entry = found.setdefault(slot, {"slot": slot, "values": []})
                for item, value in ((a, va), (b, vb)):
                    _add_value(entry, item, value)
    return list(found.values())


def _add_value(entry: dict, item: ClaimItem, value: dict) -> None:
    key = (item.article_id, value["start"], value["end"])
    if key not in {(v["article_id"], v["start"], v["end"]) for v in entry["values"]}:
        entry["values"].append({"article_id": item.article_id, "outlet": item.outlet, **value})


def _disagreements(a: ClaimItem, b: ClaimItem):
    yield from _number_conflicts(a, b)
    yield from _date_conflicts(a, b)
    yield from _action_conflicts(a, b)


def _span(item: ClaimItem, start: int, end: int, value) -> dict:
    return {"value": value, "text": item.source.article.text[start:end], "start": start, "end": end}


def _claim_span(item: ClaimItem, value) -> dict:
    return _span(item, item.claim.start, item.claim.end, value)


def _number_conflicts(a: ClaimItem, b: ClaimItem):
    """Numbers counting the same unit with no value in common: "14 dead" / "17 dead"."""
    for unit in {n["unit"] for n in a.numbers if n["unit"]} & {n["unit"] for n in b.numbers if n["unit"]}:
        na = [n for n in a.numbers if n["unit"] == unit]
        nb = [n for n in b.numbers if n["unit"] == unit]
        if not {n["value"] for n in na} & {n["value"] for n in nb}:
            x, y = na[0], nb[0]
            yield "number", _span(a, x["start"], x["end"], x["text"]), _span(b, y["start"], y["end"], y["text"])


def _date_conflicts(a: ClaimItem, b: ClaimItem):
    """Dates of the same precision with no value in common, on the same action."""
    if not a.dates or not b.dates or set(a.dates) & set(b.dates) or a.claim.action != b.claim.action:
        return
    for va, (pa, _, ia) in a.dates.items():
        for vb, (pb, _, ib) in b.dates.items():
            if pa == pb:
                ta, tb = a.source.times[ia], b.source.times[ib]
                yield "date", _span(a, ta.start, ta.end, va), _span(b, tb.start, tb.end, vb)
                return


def _action_conflicts(a: ClaimItem, b: ClaimItem):
    """Negation, opposite actions, and the agent or place of one specific action."""
    act_a, act_b = a.claim.action, b.claim.action
    if act_a and act_b and frozenset((act_a, act_b)) in OPPOSITES:
        yield "action", _claim_span(a, act_a), _claim_span(b, act_b)
    if act_a != act_b or not act_a or act_a in _LIGHT:
        return
    if a.claim.negated != b.claim.negated and (a.agents & b.agents or not (a.agents or b.agents)):
        yield "negation", _claim_span(a, _negated(a)), _claim_span(b, _negated(b))
    if a.agents and b.agents and not a.agents & b.agents:
        yield "agent", _claim_span(a, sorted(a.agents)), _claim_span(b, sorted(b.agents))
    if len(a.places) == 1 and len(b.places) == 1 and a.places != b.places and a.agents & b.agents:
        yield "place", _claim_span(a, sorted(a.places)), _claim_span(b, sorted(b.places))


def _negated(item: ClaimItem) -> str:
    return f"not {item.claim.action}" if item.claim.negated else item.claim.action
