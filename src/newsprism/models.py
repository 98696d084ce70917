"""The records that flow through newsprism, as plain frozen dataclasses.

Every span-bearing record (``Sentence``, ``Mention``, ``Quote``, ``TimeExpr``, ``Claim``) carries
``start``/``end`` character offsets into the ``text`` of the article it came from, so
``article.text[x.start:x.end]`` is always exactly the words reported.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

__all__ = [
    "Article",
    "PUBLISHED_SOURCES",
    "Sentence",
    "Mention",
    "Entity",
    "Quote",
    "TimeExpr",
    "Claim",
    "Annotations",
    "content_hash",
    "article_id",
]

#: Where an article's ``published`` time was found.
PUBLISHED_SOURCES = ("metadata", "dateline", "html", "feed", "warc")

_WS = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """A hash of the body that ignores differences of white space and Unicode normal form.

    >>> content_hash("Xi  met\\nPutin.") == content_hash("Xi met Putin.")
    True
    """
    norm = _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def article_id(url: str | None, text_hash: str) -> str:
    """A stable id: from the canonical URL when there is one, else from the content hash."""
    if url:
        return "u" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:15]
    return "h" + text_hash[:15]


@dataclass(frozen=True)
class Article:
    """One report by one outlet: clean body text plus metadata.

    ``published`` is timezone-aware or ``None``; ``published_source`` says where it came from
    (one of :data:`PUBLISHED_SOURCES`). ``partial`` is true when only a feed summary is known.
    ``extra`` keeps whatever else the input carried, including furniture removed from the body.
    """

    id: str
    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    published_source: str | None = None
    language: str | None = None
    source_path: str | None = None
    content_hash: str = ""
    duplicate_of: str | None = None
    partial: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.published is not None and self.published.utcoffset() is None:
            raise ValueError(f"Article {self.id}: 'published' must be timezone-aware, got {self.published!r}")
        if self.published_source is not None and self.published_source not in PUBLISHED_SOURCES:
            raise ValueError(
                f"Article {self.id}: unknown published_source {self.published_source!r}; "
                f"expected one of {', '.join(PUBLISHED_SOURCES)}"
            )

    @classmethod
    def build(cls, text: str, url: str | None = None, **fields: Any) -> "Article":
        """Make an article, deriving ``id`` and ``content_hash`` from the URL and body."""
        digest = content_hash(text)
        return cls(id=article_id(url, digest), text=text, url=url, content_hash=digest, **fields)

    def with_(self, **changes: Any) -> "Article":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (``published`` as ISO 8601 with its offset)."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "language": self.language,
            "text": self.text,
            "source_path": self.source_path,
            "content_hash": self.content_hash,
            "duplicate_of": self.duplicate_of,
            "partial": self.partial,
            "extra": self.extra,
        }


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """An entity resolved within one article: a canonical name, its type and every mention."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    """Reported speech. ``kind`` is ``direct``, ``partial`` or ``indirect``.

    ``start``/``end`` delimit the content (without quotation marks); the speaker and cue carry their
    own spans. ``via`` names the outlet credited for the quote, if any ("per the Washington Post").
    """

    text: str
    start: int
    end: int
    kind: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity: str | None = None
    via: str | None = None


@dataclass(frozen=True)
class TimeExpr:
    """A time expression normalized against an anchor date.

    ``value`` is ISO-like (``2022-09-15``, ``2022-W36``, ``2022-08``, ``2022-Q1``, ``2022``);
    ``precision`` is day/week/month/quarter/year; ``modifier`` early/mid/late or ``None``;
    ``resolved`` is false when there was no anchor to resolve a relative expression against.
    """

    expression: str
    start: int
    end: int
    value: str | None
    precision: str | None
    modifier: str | None = None
    resolved: bool = True


@dataclass(frozen=True)
class Claim:
    """A checkable statement: a sentence or an independent clause, with its slots."""

    id: str
    text: str
    start: int
    end: int
    agents: tuple[str, ...] = ()
    action: str | None = None
    negated: bool = False
    numbers: tuple[dict[str, Any], ...] = ()
    dates: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Annotations:
    """Everything the per-article analysis found in one article, with offsets into its text."""

    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    claims: tuple[Claim, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``times`` get ids ``t1``.. and entities' mentions become dicts."""
        return {
            "sentences": [asdict(s) for s in self.sentences],
            "entities": [
                {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases), "roles": list(e.roles),
                 "mentions": [asdict(m) for m in e.mentions]}
                for e in self.entities
            ],
            "quotes": [asdict(q) for q in self.quotes],
            "times": [{"id": f"t{i}", **asdict(t)} for i, t in enumerate(self.times, start=1)],
            "claims": [_claim_dict(c) for c in self.claims],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Annotations":
        return cls(
            sentences=tuple(Sentence(**s) for s in data.get("sentences", ())),
            entities=tuple(
                Entity(e["id"], e["name"], e["type"], tuple(e["aliases"]),
                       tuple(Mention(**m) for m in e["mentions"]), tuple(e.get("roles", ())))
                for e in data.get("entities", ())
            ),
            quotes=tuple(Quote(**q) for q in data.get("quotes", ())),
            times=tuple(TimeExpr(**{k: v for k, v in t.items() if k != "id"}) for t in data.get("times", ())),
            claims=tuple(
                Claim(**{**c, "agents": tuple(c["agents"]), "numbers": tuple(c["numbers"]),
                         "dates": tuple(c["dates"]), "places": tuple(c["places"])})
                for c in data.get("claims", ())
            ),
        )


def _claim_dict(claim: Claim) -> dict[str, Any]:
    data = asdict(claim)
    for key in ("agents", "numbers", "dates", "places"):
        data[key] = list(data[key])
    return data
