"""RSS 0.9x/1.0/2.0 and Atom feeds, through feedparser: one article per entry.

An entry's full ``content`` becomes the body; an entry with only a summary is kept with
``partial=True`` (a later full-text ingest of the same URL replaces it, never the other way round).
The entry's own time string is parsed so its UTC offset survives.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import datetime, timezone

import feedparser

from ..errors import BrokenInput, InputError
from ..models import Article
from .common import check_not_binary, parse_timestamp

__all__ = ["read"]

_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr|section|article)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def read(data: bytes, where: str, url: str | None = None) -> Iterator[Article | InputError]:
    check_not_binary(data)
    parsed = feedparser.parse(data)
    if not any(e.get("title") or e.get("link") or e.get("summary") or e.get("content") for e in parsed.entries):
        reason = str(parsed.get("bozo_exception") or "it has no entries")
        raise BrokenInput(f"not a readable RSS or Atom feed ({reason.splitlines()[0][:200]})", where)
    feed = parsed.feed
    for i, entry in enumerate(parsed.entries, start=1):
        try:
            yield _article(entry, feed, i)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            yield BrokenInput(f"a malformed entry ({exc})", f"{where}#entry {i}")


def _article(entry, feed, i: int) -> Article:
    content = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    summary = entry.get("summary") or entry.get("description") or ""
    body = html_to_text(max(content, key=len) if content else summary)
    partial = not content or len(html_to_text(max(content, key=len))) <= len(html_to_text(summary))
    published = _time(entry, "published") or _time(entry, "updated")
    extra = {
        "record": f"entry {i}",
        "entry_id": entry.get("id"),
        "tags": [t.get("term") for t in entry.get("tags", []) if t.get("term")],
        "feed_title": feed.get("title"),
        "feed_link": feed.get("link"),
    }
    if published:
        extra["published_precision"] = published[1]
    return Article.build(
        body,
        url=entry.get("link"),
        title=html_to_text(entry.get("title", "")) or None,
        author=entry.get("author") or None,
        outlet=feed.get("title") or None,
        published=published[0] if published else None,
        published_source="feed" if published else None,
        language=(feed.get("language") or "")[:2].lower() or None,
        partial=partial,
        extra={k: v for k, v in extra.items() if v not in (None, [], "")},
    )


def _time(entry, key: str):
    """The entry's time with its own offset; feedparser's UTC struct as a fallback."""
    parsed = parse_timestamp(entry.get(key))
    if parsed:
        return parsed
    struct = entry.get(f"{key}_parsed")
    if struct:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc), "time"
    return None


def html_to_text(fragment: str) -> str:
    """A feed's HTML fragment as paragraphs of plain text."""
    import html

    text = _TAG.sub("", _BLOCK.sub("\n", fragment or ""))
    lines = (re.sub(r"\s+", " ", html.unescape(line)).strip() for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)
