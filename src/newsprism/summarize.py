"""The attributed summary of a story: extractive and templated, never invented.

Claim groups are ranked by corroboration (independent origins), centrality (cosine of the group's
claim to the story's mean claim vector) and position (news puts what matters first), then picked
by maximal marginal relevance so that no two sentences say the same thing. The summary opens with
what is corroborated, then notable single-source facts ("Only CNN reports: ..."), then every
conflict, named as such. Each sentence quotes source text verbatim and lists the ``spans`` it
quotes, the ``claim_ids`` it stands for and the ``outlets`` behind it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .compare import Comparison
from .compare.claims import ClaimGroup, ClaimItem
from .errors import UsageError

__all__ = ["SummaryConfig", "join_names", "summarize"]

SLOT_LABELS = {"number": "the figure", "date": "the date", "place": "the place", "agent": "who did it",
               "negation": "whether it happened", "action": "what happened", "name": "the name"}


@dataclass(frozen=True)
class SummaryConfig:
    sentences: int | None = 6
    words: int | None = None
    mmr_lambda: float = 0.7
    w_origins: float = 0.3
    w_centrality: float = 0.3
    w_position: float = 0.4

    def __post_init__(self) -> None:
        for name in ("sentences", "words"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise UsageError(f"The summary's --{name} must be a positive number, got {value}.")


def summarize(comparison: Comparison, config: SummaryConfig = SummaryConfig()) -> list[dict]:
    """Summary sentences ``{text, claim_ids, outlets, spans}``, in reading order."""
    groups = comparison.groups
    if not groups:
        return []
    alone = len({sa.outlet for sa in comparison.articles}) == 1
    picker = _Picker(_scores(comparison, config), config, alone)
    picker.select(groups)
    order = {"corroborated": 0, "single_source": 1, "conflicting": 2}
    picked = sorted(picker.picked, key=lambda g: (order[g.status], groups.index(g)))
    return [_sentence(g, comparison.claim_ids[id(g)], alone) for g in picked]


def _representative(group: ClaimGroup) -> ClaimItem:
    return group.anchors[0]


def _scores(comparison: Comparison, config: SummaryConfig) -> dict[int, float]:
    vectors = np.stack([_representative(g).vector for g in comparison.groups])
    centroid = vectors.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
    max_origins = max(len(g.origins) for g in comparison.groups)
    lengths = {sa.article.id: max(len(sa.article.text), 1) for sa in comparison.articles}
    out = {}
    for g, vector in zip(comparison.groups, vectors):
        rep = min(g.anchors, key=lambda i: i.claim.start / lengths[i.article_id])
        origins = math.log1p(len(g.origins)) / math.log1p(max_origins)
        position = 1.0 - rep.claim.start / lengths[rep.article_id]
        out[id(g)] = config.w_origins * origins + config.w_centrality * float(vector @ centroid) + config.w_position * position
    return out


class _Picker:
    """Picks groups by maximal marginal relevance within a sentence and word budget."""

    def __init__(self, scores: dict[int, float], config: SummaryConfig, alone: bool):
        self.scores, self.config, self.alone = scores, config, alone
        self.picked: list[ClaimGroup] = []
        self.words = 0

    def select(self, groups: list[ClaimGroup]) -> None:
        """The corroborated first (at most half the sentences, when they are counted, so that there
        is room for the rest), then every conflict, then single-source facts; corroborated ones
        again if sentences are left."""
        by_status = {status: [g for g in groups if g.status == status]
                     for status in ("corroborated", "conflicting", "single_source")}
        half = -(-self.config.sentences // 2) if self.config.sentences and by_status["single_source"] else None
        self.take(by_status["corroborated"], limit=half)
        self.take(by_status["conflicting"], every=True)
        self.take(by_status["single_source"])
        self.take(by_status["corroborated"])

    def take(self, pool: list[ClaimGroup], limit: int | None = None, every: bool = False) -> None:
        """Add groups of ``pool`` until the budget (or ``limit`` of this pool) is spent; ``every``
        ignores the sentence count, not the word count: conflicts are never left out for lack of
        sentences."""
        pool = [g for g in pool if g not in self.picked]
        taken = 0
        while pool and (limit is None or taken < limit) and self._room(every):
            best = max(pool, key=self._mmr)
            pool.remove(best)
            n = len(_sentence(best, "", self.alone)["text"].split())
            if self.config.words and self.words + n > self.config.words and self.picked:
                continue
            self.picked.append(best)
            self.words += n
            taken += 1

    def _room(self, every: bool) -> bool:
        if self.config.words is not None and self.words >= self.config.words:
            return False
        return every or self.config.sentences is None or len(self.picked) < self.config.sentences

    def _mmr(self, group: ClaimGroup) -> float:
        vector = _representative(group).vector
        redundancy = max((float(vector @ _representative(p).vector) for p in self.picked), default=0.0)
        lam = self.config.mmr_lambda
        return lam * self.scores[id(group)] - (1 - lam) * redundancy


def _sentence(group: ClaimGroup, claim_id: str, alone: bool = False) -> dict:
    """The group's sentence; ``alone``: the story has one outlet, so "Only X reports" says nothing."""
    rep = _representative(group)
    spans = [_span(rep.article_id, rep.outlet, rep.claim.start, rep.claim.end)]
    if group.status == "corroborated" or alone:
        text = rep.claim.text
    elif group.status == "single_source":
        text = f"Only {join_names(group.outlets)} {'reports' if len(group.outlets) == 1 else 'report'}: {rep.claim.text}"
    else:
        text, spans = _conflict_text(group)
    return {"text": text, "claim_ids": [claim_id] if claim_id else [], "outlets": group.outlets, "spans": spans}


def _span(article_id: str, outlet: str, start: int, end: int) -> dict:
    return {"article_id": article_id, "outlet": outlet, "start": start, "end": end}


def _conflict_text(group: ClaimGroup) -> tuple[str, list[dict]]:
    """"Accounts differ on the figure: CNN reports “14”; Axios reports “17”." The values quoted
    are the conflicting spans themselves."""
    conflict = group.conflicts[0]
    parts = [f"{v['outlet']} reports “{v['text']}”" for v in conflict["values"]]
    spans = [_span(v["article_id"], v["outlet"], v["start"], v["end"]) for v in conflict["values"]]
    label = SLOT_LABELS.get(conflict["slot"], conflict["slot"])
    return f"Accounts differ on {label}: " + "; ".join(parts) + ".", spans


def join_names(names: list[str]) -> str:
    """Names as prose: A; A and B; A, B and C."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
