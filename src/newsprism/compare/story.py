"""The input of every comparison step: a story's analysed articles with their origins, claim
vectors and time expressions (an undated article's resolved from the story's date)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..annotate.dates import resolve_times
from ..annotate.pipeline import claim_vectors
from ..models import Annotations, Article, TimeExpr

__all__ = ["StoryArticle", "load_story", "story_anchor"]


@dataclass
class StoryArticle:
    """One article of a story. ``origin`` is the id of the earliest copy of its text (itself when
    it is no reprint); in ``times``, an expression resolved from the story's date (the article has
    none) has a value but stays ``resolved=False``: it is inferred."""

    article: Article
    notes: Annotations
    origin: str
    vectors: np.ndarray
    times: list[TimeExpr] = field(default_factory=list)

    @property
    def outlet(self) -> str:
        return self.article.outlet or self.article.id


def story_anchor(articles: list[Article]) -> date | None:
    """The story's date: its earliest publication day, in that article's own zone."""
    dated = [a.published for a in articles if a.published]
    return min(dated).date() if dated else None


def load_story(store, members: list[tuple[str, str]]) -> list[StoryArticle]:
    """``members`` are ``(article_id, origin_id)`` pairs, as :meth:`Store.stories` lists them.
    Articles without a stored analysis are left out."""
    loaded = [(store.get_article(aid), store.get_annotations(aid), origin) for aid, origin in members]
    loaded = [(a, n, o) for a, n, o in loaded if n is not None]
    vectors = claim_vectors(store, [a.id for a, _, _ in loaded], {a.id: n for a, n, _ in loaded})
    anchor = story_anchor([a for a, _, _ in loaded])
    out = []
    for article, notes, origin in loaded:
        out.append(StoryArticle(article, notes, origin, vectors[article.id], _times(article, notes, anchor)))
    return out


def _times(article: Article, notes: Annotations, anchor: date | None) -> list[TimeExpr]:
    if article.published is not None or anchor is None:
        return list(notes.times)
    return resolve_times(notes.times, article.text, anchor)
