"""The story's timeline: every resolved time expression, dated and ordered, with the sentence it
dates. Expressions of an undated article resolved from the story's date are marked ``inferred``."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from .story import StoryArticle

__all__ = ["build_timeline"]

_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


def build_timeline(articles: list[StoryArticle]) -> list[dict]:
    """Entries ``{date, precision, modifier, expression, start, end, text, text_start, text_end,
    article_id, outlet, inferred}``: ``start``/``end`` delimit the expression, ``text_start``/
    ``text_end`` the sentence it is in, both offsets into the article's stored text."""
    entries = []
    for sa in articles:
        sentences = sa.notes.sentences
        starts = [s.start for s in sentences]
        for t in sa.times:
            if not t.value:
                continue
            k = bisect_right(starts, t.start) - 1
            sentence = sentences[k] if k >= 0 and t.end <= sentences[k].end else None
            entries.append({
                "date": t.value, "precision": t.precision, "modifier": t.modifier, "expression": t.expression,
                "start": t.start, "end": t.end,
                "text": sentence.text if sentence else t.expression,
                "text_start": sentence.start if sentence else t.start,
                "text_end": sentence.end if sentence else t.end,
                "article_id": sa.article.id, "outlet": sa.outlet, "inferred": not t.resolved,
            })
    return sorted(entries, key=_order)


def _order(entry: dict):
    """Chronological by the start of the period: a year sorts before its months, a week by its Monday."""
    value = entry["date"]
    if "-W" in value:
        year, week = value.split("-W")
        value = date.fromisocalendar(int(year), int(week), 1).isoformat()
    return (value, _PRECISION_ORDER.get(entry["precision"], 9), entry["outlet"], entry["start"])
