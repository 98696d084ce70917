"""Quote renderings: the same utterance as each outlet rendered it.

Quotes of a story are grouped when they share a speaker (a story entity, so "he" resolved to Putin
in one outlet meets "Vladimir Putin" in another) and their words (most of the shorter one's
content words appear in the other) or their meaning (MiniLM cosine); the same words under another
speaker also group, as a possible misattribution. A quote nested in another of the same article
(a partial quote inside indirect speech) joins it.

Each rendering gets a ``relation`` to the group's reference (its longest direct quote, else its
longest quote): ``verbatim`` (the same words), ``partial`` (quoted words contained in the
reference), ``paraphrase`` (the gist, in other words), ``misattributed`` (the same words, another
speaker). The group's ``agreement`` is the loosest relation any other outlet's best rendering has,
or ``single`` when only one origin carries it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .._union import UnionFind
from ..annotate.entities import role_fits
from .claims import segments
from .story import StoryArticle

__all__ = ["QuoteConfig", "Rendering", "QuoteGroup", "group_quotes", "RELATIONS"]

#: From closest to loosest.
RELATIONS = ("verbatim", "partial", "paraphrase", "misattributed")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_STOP = frozenset(
    """a an the of to in on at for and or but is are was were be been it its this that these those with by as
    from we our us i you your he she they them his her their has have had will would can could do did not""".split()
)


@dataclass(frozen=True)
class QuoteConfig:
    containment: float = 0.6     # share of the shorter quote's content words found in the other
    misattributed: float = 0.8   # the same, for quotes with different speakers
    meaning: float = 0.6         # MiniLM cosine for a paraphrase by the same speaker
    min_words: int = 2


@dataclass
class Rendering:
    source: StoryArticle
    quote: object  # models.Quote
    speaker: str | None     # story entity id, else the normalized speaker text
    words: tuple[str, ...]
    vectors: np.ndarray  # [k, dim]: its segments' vectors (one row: the whole quote)
    relation: str = "verbatim"

    @property
    def article_id(self) -> str:
        return self.source.article.id


@dataclass
class QuoteGroup:
    renderings: list[Rendering]
    speaker: str | None
    agreement: str


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower().replace("’", "'")))


def _content(words: tuple[str, ...]) -> set[str]:
    return {w for w in words if w not in _STOP}


def containment(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Share of the shorter quote's content words that appear in the other."""
    ca, cb = _content(a), _content(b)
    if not ca or not cb:
        return 0.0
    return len(ca & cb) / min(len(ca), len(cb))


def renderings_of(articles: list[StoryArticle], entities, entity_map: dict, embed) -> list[Rendering]:
    """Every quote of the story with its story-level speaker and a vector (``embed(texts)``)."""
    pairs = [(sa, q) for sa in articles for q in sa.notes.quotes]
    parts = [segments(q.text) for _, q in pairs]
    flat = [p for ps in parts for p in ps]
    vectors = embed(flat) if flat else []
    resolve = SpeakerResolver(entities, entity_map)
    out, at = [], 0
    for (sa, q), ps in zip(pairs, parts):
        out.append(Rendering(sa, q, resolve(sa, q), _words(q.text), vectors[at:at + len(ps)]))
        at += len(ps)
    return out


class SpeakerResolver:
    """A quote's speaker as a story entity id: the entity the article resolved it to, else the
    story entity with that name or alias ("Kovacs"), else the one person of the same article whose
    role the description names ("the minister", "the mayor"); else the lower-cased speaker text."""

    def __init__(self, entities, entity_map: dict):
        self.entity_map = entity_map
        self.by_name = {}
        for e in entities:
            for name in (e.name, *e.aliases):
                self.by_name.setdefault(name.lower(), e.id)
        self.people = [e for e in entities if e.type == "person"]

    def __call__(self, sa: StoryArticle, quote) -> str | None:
        if quote.speaker_entity and (sa.article.id, quote.speaker_entity) in self.entity_map:
            return self.entity_map[(sa.article.id, quote.speaker_entity)]
        if not quote.speaker:
            return None
        text = quote.speaker.lower()
        words = re.sub(r"^(?:the|a|an)\s+", "", text).split()
        for k in range(len(words)):  # "mayor ilse brandauer" -> "ilse brandauer" -> "brandauer"
            if " ".join(words[k:]) in self.by_name:
                return self.by_name[" ".join(words[k:])]
        return self._by_role(sa, " ".join(words)) or text

    def _by_role(self, sa: StoryArticle, noun: str) -> str | None:
        fits = [e.id for e in self.people
                if any(m["article_id"] == sa.article.id for m in e.mentions)
                and role_fits(e.roles, noun.split()[-1].lower())]
        return fits[0] if len(fits) == 1 else None


def group_quotes(renderings: list[Rendering], config: QuoteConfig = QuoteConfig(),
                 known: frozenset[str] = frozenset()) -> list[QuoteGroup]:
    """Groups of renderings of one utterance, each rendering with its relation to the reference.
    ``known`` are the story entity ids: only two known speakers can make a misattribution."""
    uf = UnionFind(range(len(renderings)))
    for i, a in enumerate(renderings):
        for j in range(i + 1, len(renderings)):
            if _same_utterance(a, renderings[j], config, known):
                uf.union(i, j)
    return [_group([renderings[i] for i in members], known) for members in uf.groups()]


def _same_utterance(a: Rendering, b: Rendering, config: QuoteConfig, known: frozenset[str]) -> bool:
    if a.article_id == b.article_id:
        return _nested(a.quote, b.quote)
    if a.words == b.words and a.speaker == b.speaker and a.quote.kind != "indirect":
        return True
    if min(len(_content(a.words)), len(_content(b.words))) < config.min_words:
        return False
    overlap = containment(a.words, b.words)
    if a.speaker and a.speaker == b.speaker:
        return overlap >= config.containment or float((a.vectors @ b.vectors.T).max()) >= config.meaning
    different_people = a.speaker in known and b.speaker in known
    return different_people and overlap >= config.misattributed and min(len(a.words), len(b.words)) >= 4


def _nested(a, b) -> bool:
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def _group(members: list[Rendering], known: frozenset[str]) -> QuoteGroup:
    reference = max(members, key=lambda r: (r.quote.kind == "direct", len(r.words)))
    speaker = _majority_speaker(members, reference)
    for r in members:
        r.relation = _relation(r, reference, speaker, known)
    return QuoteGroup(sorted(members, key=lambda r: (r.source.article.id, r.quote.start)), speaker,
                      _agreement(members, reference))


def _majority_speaker(members: list[Rendering], reference: Rendering) -> str | None:
    """The speaker most origins name (ties: the reference's)."""
    origins: dict[str, set[str]] = {}
    for r in members:
        if r.speaker:
            origins.setdefault(r.speaker, set()).add(r.source.origin)
    if not origins:
        return None
    return max(origins, key=lambda s: (len(origins[s]), s == reference.speaker, s))


def _relation(r: Rendering, reference: Rendering, speaker: str | None, known: set[str]) -> str:
    if r.speaker in known and speaker in known and r.speaker != speaker and r.source.origin != reference.source.origin:
        return "misattributed"
    if r is reference or r.words == reference.words:
        return "verbatim"
    if r.quote.kind in ("direct", "partial") and _contiguous_in(r.words, reference.words):
        return "partial"
    if any(_contiguous_in(_words(f), reference.words) for f in _quoted_fragments(r.quote.text)):
        return "partial"  # reported speech that quotes some of the words: said it would "not abandon ..."
    return "paraphrase"


_QUOTED = re.compile(r"[“\"]([^“”\"]+)(?:[”\"]|$)")


def _quoted_fragments(text: str) -> list[str]:
    """The quoted passages of two words or more inside a rendering (one whose closing mark falls
    just outside the rendering counts too)."""
    return [m.group(1) for m in _QUOTED.finditer(text) if len(m.group(1).split()) >= 2]


def _contiguous_in(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return n > 0 and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _agreement(members: list[Rendering], reference: Rendering) -> str:
    """The loosest of each other origin's closest rendering; ``single`` for one origin."""
    by_origin: dict[str, int] = {}
    for r in members:
        rank = RELATIONS.index(r.relation)
        by_origin[r.source.origin] = min(rank, by_origin.get(r.source.origin, len(RELATIONS)))
    others = [rank for origin, rank in by_origin.items() if origin != reference.source.origin]
    return RELATIONS[max(others)] if others else "single"
