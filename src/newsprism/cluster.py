"""Stories: incremental clustering of articles about the same event.

Articles are taken in publication order (ties by id, so the result does not depend on the order
they were given in; undated articles after the dated ones, in ingest order). Each joins the most
similar story or starts a new one. Similarity combines

- text: TF-IDF cosine over the words of the body, with capitalised words, numbers, named entities and
  pairs of adjacent capitalised words weighted up (IDF is learned as the stream goes, so it needs no
  corpus fitted beforehand);
- meaning: cosine of the article vector (all-MiniLM-L6-v2) with the story's mean vector;
- time: a story's window moves with its newest article; past ``window_days`` the similarity
  needed rises, and past ``max_gap_days`` only a near-certain match (``strong``) may join; calendar
  dates written in the text ("March 14, 2013") are terms too;
- figures: two stories whose articles agree on decimals and clock times (a magnitude, an hour), but
  on different ones, never merge.

Candidates are not a scan of every story: each story is indexed under its most distinctive terms
and entities (a bounded number per article, and a bounded number of stories per key, the most
recently joined), and only stories sharing such a key with the new article are scored. When a new
article is strongly similar to two stories it bridges them and they merge.

Joining is strict (early on, stories are one or two articles and the IDF is young, and a loose
threshold lets a second event of the same kind join the first), so :meth:`StoryClusterer.consolidate`,
run after each batch, folds the small stories of that batch into the story they now match best.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

__all__ = ["ClusterItem", "ClusterConfig", "StoryClusterer", "cluster", "terms_of", "STOPWORDS"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d[\d,.:]*(?:st|nd|rd|th)?")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_YEAR = r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d)\b)?"
_DATES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b{_YEAR}"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}{_YEAR}"),
)
# A fact that tells one event from another of the same kind: a decimal ("4.6" magnitude) or a clock time.
_FACT = re.compile(r"^(?:\d+\.\d+|\d{1,2}:\d\d)$")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours out over own said same says she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours new one two told
    year years last week monday tuesday wednesday thursday friday saturday sunday according reported""".split()
)


@dataclass(frozen=True)
class ClusterItem:
    """What clustering needs of an article."""

    id: str
    seq: int
    published: datetime | None
    terms: dict[str, float]
    vector: np.ndarray | None = None
    origin: str | None = None


@dataclass(frozen=True)
class ClusterConfig:
    """Defaults tuned on the ECB+ train and dev topics (``bench/clustering.py``)."""

    threshold: float = 0.5
    w_text: float = 0.7
    w_vector: float = 0.3
    window_days: float = 7.0
    max_gap_days: float = 21.0
    late_penalty: float = 0.1
    strong: float = 0.6
    merge: float = 0.5
    consolidate: float = 0.3
    fragment: int = 3
    keys_per_article: int = 12
    max_candidates: int = 40
    postings_per_key: int = 64
    fact_share: float = 0.5


def terms_of(text: str, entities: Iterable[str] = (), title: str | None = None) -> dict[str, float]:
    """Term counts of a body (log-scaled): capitalised words and numbers count double, and so does each
    pair of adjacent capitalised words (``"tony thompson"``: a name tells one event from another of the
    same kind better than its parts); entity names count double, the title's words once more."""
    counts: Counter[str] = Counter()
    previous, end = None, -1
    for match in _WORD.finditer(text):
        word = match.group()
        low = word.lower().strip("'’-.,")
        if len(low) > 2 and low not in STOPWORDS:
            counts[low] += 2 if word[0].isupper() or word[0].isdigit() else 1
        name = word[0].isupper() and low not in STOPWORDS
        if name and previous is not None and text[end:match.start()].isspace():
            counts[previous + " " + low] += 2
        previous, end = (low if name else None), match.end()
    for name in entities:
        counts["e:" + name.lower()] += 2
    for day in _calendar_dates(text):
        counts[day] += 1
    for word in _WORD.findall(title or ""):
        low = word.lower()
        if len(low) > 2 and low not in STOPWORDS:
            counts[low] += 1
    return {t: 1 + math.log(c) for t, c in counts.items()}


def _calendar_dates(text: str) -> Iterable[str]:
    """Calendar dates written out ("March 14, 2013", "14th of March"): ``d:03-14``, and
    ``d:2013-03-14`` when the year is given."""
    for pattern in _DATES:
        for match in pattern.finditer(text):
            month, day = _MONTHS.index(match["month"][:3].lower()) + 1, int(match["day"])
            if 1 <= day <= 31:
                yield f"d:{month:02d}-{day:02d}"
                if match["year"]:
                    yield f"d:{match['year']}-{month:02d}-{day:02d}"


@dataclass
class _Story:
    id: str
    members: list[str] = field(default_factory=list)
    terms: Counter = field(default_factory=Counter)
    vector: np.ndarray | None = None
    newest: datetime | None = None
    keys: set[str] = field(default_factory=set)
    facts: Counter = field(default_factory=Counter)  # decimal and clock-time terms -> members using them
    norm: tuple[int, int, float] | None = None  # (stream size, member count, TF-IDF norm) when computed


class StoryClusterer:
    """Add items one at a time with :meth:`add`; :meth:`stories` gives the partition."""

    def __init__(self, config: ClusterConfig = ClusterConfig()):
        self.config = config
        self.df: Counter[str] = Counter()
        self.n = 0
        self.stories: dict[str, _Story] = {}
        self.story_of: dict[str, str] = {}
        # key -> story ids, most recently joined last; bounded, so lookups cost the same at any size
        self.postings: dict[str, dict[str, None]] = defaultdict(dict)
        self._next = 0
        self._touched: set[str] = set()  # stories created or joined since the last consolidate()

    # -- public -------------------------------------------------------------------------------------

    def add(self, item: ClusterItem) -> str:
        """Assign ``item`` to a story (returning its id); merge stories it bridges."""
        self.n += 1
        self.df.update(item.terms.keys())
        keys = self._keys(item)
        scored = sorted(((self._score(item, s), s.id) for s in self._candidates(keys, item)), reverse=True)
        if scored and scored[0][0] >= self.config.threshold:
            story = self.stories[scored[0][1]]
            for score, other in scored[1:]:
                if (score >= self.config.merge and scored[0][0] >= self.config.merge and other in self.stories
                        and not self._conflict(story, self.stories[other])):
                    story = self._merge(story, self.stories[other])
        else:
            story = self._new_story()
        self._join(story, item, keys)
        return story.id

    def stories_by_id(self) -> dict[str, list[str]]:
        return {sid: list(s.members) for sid, s in self.stories.items()}

    def consolidate(self) -> int:
        """Fold small stories into the story they match best, if they match it at least
        ``config.consolidate`` (0 turns this off); returns the number of merges.

        A story's first articles decide where the next ones go, and early on the IDF is immature and
        stories are one or two articles, so the stream keeps joins strict and leaves some articles on
        their own. Run after a batch, this pass scores each story of at most ``config.fragment``
        articles as one article (its summed terms and mean vector) against the stories sharing its
        keys, with the IDF and stories as they are now. It then merges one fragment at a time: the
        smallest first (a lone article is the likeliest stray), and among those of one size the one with
        the best match; the stories near the merged one are scored again before the next merge. The
        order of merges thus follows the scores, not the order the stories were made in. Only stories
        created or joined since the last pass, and the neighbours of a merge, are looked at, so a pass
        costs the size of the batch, not of the store."""
        touched, self._touched = self._touched, set()
        if not self.config.consolidate:
            return 0
        best: dict[str, tuple[float, str]] = {}
        for sid in touched:
            self._rescore(sid, best)
        merges = 0
        while best:
            sid = min(best, key=lambda s: (len(self.stories[s].members), -best[s][0], int(s[1:])))
            gone, keep = self.stories[sid], self.stories[best.pop(sid)[1]]
            kept = self._merge(keep, gone)
            merges += 1
            stale = {s for s, (_, target) in best.items() if target in (gone.id, keep.id)}
            stale.update(s.id for s in self._neighbours(kept))
            for s in stale | {kept.id}:
                self._rescore(s, best)
        return merges

    def _rescore(self, sid: str, best: dict[str, tuple[float, str]]) -> None:
        """Record the best story for fragment ``sid`` to fold into, or forget it if there is none."""
        best.pop(sid, None)
        fragment = self.stories.get(sid)
        if fragment is None or len(fragment.members) > self.config.fragment:
            return
        item = self._as_item(fragment)
        scored = [(self._score(item, other), other.id) for other in self._neighbours(fragment)
                  if not self._conflict(fragment, other)]
        top = max(scored, default=None, key=lambda x: (x[0], -int(x[1][1:])))
        if top and top[0] >= self.config.consolidate:
            best[sid] = top

    def _neighbours(self, story: _Story) -> list[_Story]:
        """Stories sharing index keys with ``story``, most shared first (bounded like candidates)."""
        hits: Counter[str] = Counter()
        for key in story.keys:
            hits.update(self.postings.get(key, {}).keys())
        hits.pop(story.id, None)
        ranked = sorted(hits, key=lambda sid: (-hits[sid], int(sid[1:])))[: self.config.max_candidates]
        return [self.stories[sid] for sid in ranked if sid in self.stories]

    def _consensus(self, story: _Story) -> set[str]:
        """The decimals and clock times at least ``config.fact_share`` of a story's articles (and at
        least two) give: its magnitude, its hour."""
        need = max(2, math.ceil(self.config.fact_share * len(story.members)))
        return {t for t, n in story.facts.items() if n >= need} if self.config.fact_share else set()

    def _conflict(self, a: _Story, b: _Story) -> bool:
        """Two stories whose articles each agree among themselves on figures, but on different ones
        (a 4.4 quake at 9:27, a 4.6 quake at 2:09), are two events, however alike the wording."""
        mine = self._consensus(a)
        theirs = self._consensus(b) if mine else set()
        return bool(theirs and not mine & theirs)

    @staticmethod
    def _as_item(story: _Story) -> ClusterItem:
        vector = None if story.vector is None else story.vector / (float(np.linalg.norm(story.vector)) or 1.0)
        return ClusterItem(story.id, 0, story.newest, dict(story.terms), vector)

    # -- scoring ------------------------------------------------------------------------------------

    def _idf(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df[term] + 1)) + 1

    def _keys(self, item: ClusterItem) -> list[str]:
        """The item's most distinctive terms (highest tf-idf): its index keys."""
        ranked = sorted(item.terms, key=lambda t: (-item.terms[t] * self._idf(t), t))
        return ranked[: self.config.keys_per_article]

    def _candidates(self, keys: Sequence[str], item: ClusterItem) -> list[_Story]:
        hits: Counter[str] = Counter()
        for key in keys:
            hits.update(self.postings.get(key, {}).keys())
        ranked = [sid for sid, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))]
        return [self.stories[sid] for sid in ranked[: self.config.max_candidates] if sid in self.stories]

    def _score(self, item: ClusterItem, story: _Story) -> float:
        text = self._cosine(item.terms, story.terms, story)
        score = text
        if item.vector is not None and story.vector is not None:
            norm = float(np.linalg.norm(story.vector)) or 1.0
            score = self.config.w_text * text + self.config.w_vector * float(item.vector @ story.vector) / norm
        gap = self._gap_days(story, item)
        if gap is not None and gap > self.config.max_gap_days:
            return score if score >= self.config.strong else 0.0
        if gap is not None and gap > self.config.window_days:
            score -= self.config.late_penalty
        return score

    def _cosine(self, terms: dict[str, float], story_terms: Counter, story: _Story | None = None) -> float:
        dot = sum(w * story_terms.get(t, 0.0) * self._idf(t) ** 2 for t, w in terms.items())
        if dot == 0:
            return 0.0
        a = math.sqrt(sum((w * self._idf(t)) ** 2 for t, w in terms.items()))
        return dot / (a * self._norm(story_terms, story))

    def _norm(self, terms: Counter, story: _Story | None) -> float:
        """A story's TF-IDF norm, kept until the story changes or the stream grows by 5% (IDF drifts
        slowly), so scoring a large story costs the size of the article, not of the story."""
        if story is not None and story.norm and story.norm[1] == len(story.members) and self.n <= story.norm[0] * 1.05:
            return story.norm[2]
        value = math.sqrt(sum((w * self._idf(t)) ** 2 for t, w in terms.items())) or 1.0
        if story is not None:
            story.norm = (self.n, len(story.members), value)
        return value

    @staticmethod
    def _gap_days(story: _Story, item: ClusterItem) -> float | None:
        if story.newest is None or item.published is None:
            return None
        return abs((item.published - story.newest).total_seconds()) / 86400

    # -- bookkeeping --------------------------------------------------------------------------------

    def _new_story(self) -> _Story:
        self._next += 1
        story = _Story(f"s{self._next}")
        self.stories[story.id] = story
        return story

    def _join(self, story: _Story, item: ClusterItem, keys: Sequence[str]) -> None:
        story.members.append(item.id)
        story.terms.update(item.terms)
        if item.vector is not None:
            story.vector = item.vector.astype(np.float32) if story.vector is None else story.vector + item.vector
        if item.published is not None and (story.newest is None or item.published > story.newest):
            story.newest = item.published
        for key in keys:
            self._post(key, story.id)
        story.keys.update(keys)
        story.facts.update(t for t in item.terms if _FACT.match(t))
        self.story_of[item.id] = story.id
        self._touched.add(story.id)

    def _post(self, key: str, story_id: str) -> None:
        """Index a story under a key; past ``postings_per_key`` the least recently joined story drops
        out (a story nobody has joined lately is also leaving the time window)."""
        posting = self.postings[key]
        posting.pop(story_id, None)
        posting[story_id] = None
        if len(posting) > self.config.postings_per_key:
            del posting[next(iter(posting))]

    def _merge(self, keep: _Story, gone: _Story) -> _Story:
        if gone is keep:
            return keep
        keep.members.extend(gone.members)
        keep.terms.update(gone.terms)
        if gone.vector is not None:
            keep.vector = gone.vector if keep.vector is None else keep.vector + gone.vector
        if gone.newest is not None and (keep.newest is None or gone.newest > keep.newest):
            keep.newest = gone.newest
        for key in gone.keys:
            self.postings[key].pop(gone.id, None)
            self._post(key, keep.id)
        keep.keys.update(gone.keys)
        keep.facts.update(gone.facts)
        for member in gone.members:
            self.story_of[member] = keep.id
        del self.stories[gone.id]
        return keep


def processing_order(items: Iterable[ClusterItem]) -> list[ClusterItem]:
    """Dated items by (time, id); undated ones after them, by ingest order."""
    dated = sorted((i for i in items if i.published is not None), key=lambda i: (i.published, i.id))
    undated = sorted((i for i in items if i.published is None), key=lambda i: (i.seq, i.id))
    return dated + undated


def cluster(items: Iterable[ClusterItem], config: ClusterConfig = ClusterConfig()) -> dict[str, list[str]]:
    """Cluster a batch: story id -> article ids."""
    clusterer = StoryClusterer(config)
    for item in processing_order(items):
        clusterer.add(item)
    clusterer.consolidate()
    return clusterer.stories_by_id()


def items_from_store(store) -> list[ClusterItem]:
    """Clustering input for every analysed article of a store: body terms with its people,
    organisations and places, its article vector, and its publication time."""
    out = []
    for seq, article in enumerate(store.articles()):
        notes = store.get_annotations(article.id)
        if notes is None:
            continue
        names = [e.name for e in notes.entities if e.type in ("person", "organization", "place", "event")]
        vectors = store.get_vectors(article.id)
        out.append(ClusterItem(
            article.id, seq, article.published, terms_of(article.text, names, article.title),
            vectors[0] if vectors else None, article.duplicate_of,
        ))
    return out


def build_stories(store, config: ClusterConfig = ClusterConfig()) -> list[dict]:
    """Near-duplicate origins and stories for every analysed article, written to the store.

    Both are rebuilt from the stored articles on each call (a story's id is derived from its
    first-ingested article, so ids stay put as stories grow); returns what :meth:`Store.stories` returns.
    """
    from hashlib import sha256

    from .dedupe import NearDuplicateIndex

    items = items_from_store(store)
    articles = {a.id: a for a in store.articles()}
    dedupe = NearDuplicateIndex()
    ordered = processing_order(items)
    for item in ordered:
        dedupe.add(item.id, articles[item.id].text, item.published)
    stories = []
    seq = {item.id: item.seq for item in items}
    for members in cluster(items, config).values():
        members = sorted(members, key=lambda a: seq[a])
        dated = sorted(articles[a].published for a in members if articles[a].published)
        stories.append({
            "id": "st" + sha256(members[0].encode()).hexdigest()[:12],
            "title": next((articles[a].title for a in members if articles[a].title), None) or _lead(articles[members[0]].text),
            "first_published": dated[0].isoformat() if dated else None,
            "last_published": dated[-1].isoformat() if dated else None,
            "articles": [(a, dedupe.origin(a)) for a in members],
        })
    store.replace_stories(stories)
    return store.stories()


def _lead(text: str, limit: int = 100) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"
