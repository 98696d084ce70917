"""Cross-outlet comparison of one story: claims (corroborated, single-source, conflicting), quote
renderings, entities reconciled across outlets, the timeline and each outlet's framing.

:func:`compare_story` returns a :class:`Comparison`: the story's articles and the groups found,
with the similarities behind them, which :mod:`newsprism.summarize` ranks and :mod:`newsprism.assemble`
turns into the JSON report. Every statement carries ``article_id`` and offsets into stored text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..annotate.embed import load_embedder
from .claims import AlignConfig, ClaimGroup, align_claims, claim_items
from .conflicts import find_conflicts
from .entities import StoryEntity, reconcile_entities
from .framing import distinctive_terms
from .quotes import QuoteConfig, QuoteGroup, group_quotes, renderings_of
from .story import StoryArticle, load_story
from .timeline import build_timeline

__all__ = ["Comparison", "compare_story", "compare_articles", "AlignConfig", "QuoteConfig", "StoryArticle"]


@dataclass
class Comparison:
    """Everything compared in one story. ``groups`` are claim groups in report order, ``claim_ids``
    their ids (``C1``...); ``sims`` is the claim similarity matrix, indexed by ``ClaimItem.index``."""

    articles: list[StoryArticle]
    entities: list[StoryEntity]
    groups: list[ClaimGroup]
    sims: np.ndarray
    quotes: list[QuoteGroup]
    timeline: list[dict]
    framing: dict[str, list[dict]] = field(default_factory=dict)

    @cached_property
    def claim_ids(self) -> dict[int, str]:
        return {id(g): f"C{n}" for n, g in enumerate(self.groups, start=1)}

    def entity_names(self) -> dict[str, str]:
        return {e.id: e.name for e in self.entities}


_STATUS_ORDER = {"corroborated": 0, "conflicting": 1, "single_source": 2}


def compare_articles(articles: list[StoryArticle], align: AlignConfig = AlignConfig(),
                     quotes: QuoteConfig = QuoteConfig()) -> Comparison:
    """Compare the loaded articles of one story."""
    entities, entity_map = reconcile_entities(articles)
    embed = load_embedder().encode
    items = claim_items(articles, entity_map, align, embed)
    groups, sims = align_claims(items, align)
    for group in groups:
        group.conflicts = find_conflicts(group.all_items, sims, align)
    order = {sa.article.id: n for n, sa in enumerate(articles)}
    groups.sort(key=lambda g: (_STATUS_ORDER[g.status], -len(g.origins), _position(g, order)))
    renderings = renderings_of(articles, entities, entity_map, embed)
    quote_groups = group_quotes(renderings, quotes, frozenset(e.id for e in entities))
    return Comparison(articles, entities, groups, sims, quote_groups, build_timeline(articles),
                      _framing(articles))


def compare_story(store, members: list[tuple[str, str]]) -> Comparison:
    """Compare the stored story whose ``(article_id, origin_id)`` pairs are ``members``."""
    return compare_articles(load_story(store, members))


def _position(group: ClaimGroup, order: dict[str, int]) -> tuple[int, int]:
    """Where the group first appears: (article's place in the story, offset)."""
    first = min(group.anchors, key=lambda i: (order[i.article_id], i.claim.start))
    return order[first.article_id], first.claim.start


def _framing(articles: list[StoryArticle]) -> dict[str, list[dict]]:
    texts: dict[str, list[str]] = {}
    for sa in articles:
        texts.setdefault(sa.outlet, []).append(sa.article.text)
    if len(texts) < 2:
        return {}
    return distinctive_terms({outlet: "\n\n".join(parts) for outlet, parts in texts.items()})
