"""The per-article pipeline: parse once with spaCy, run each stage over the parsed text, embed, store.

Stages declare what they need and what they add; :func:`check_order` verifies a stage list once,
when the pipeline is built. ``analyze`` is incremental: only articles never analysed, analysed by
an older pipeline version, or whose text changed are processed, so a second run does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import NewsprismError
from ..models import Annotations, Article
from .claims import find_claims
from .dates import find_times
from .embed import MODEL_NAME, load_embedder
from .entities import find_entities
from .nlp import load_nlp
from .quotes import find_quotes
from .sentences import find_sentences

__all__ = [
    "PIPELINE_VERSION", "Stage", "STAGES", "check_order", "annotate_doc", "annotate_text", "analyze",
    "AnalyzeReport", "claim_vectors",
]

#: Bump when a stage's output changes, so stored analyses are redone.
PIPELINE_VERSION = 5

#: Articles parsed, annotated, embedded and committed together.
CHUNK = 256
#: From this many articles on, spaCy parses in two processes.
PARALLEL_FROM = 200


@dataclass
class Context:
    """What the stages of one article read and write."""

    doc: Any
    anchor: date | None
    results: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Stage:
    name: str
    requires: frozenset[str]
    provides: str
    run: Callable[[Context], Sequence]

    def __call__(self, ctx: Context) -> None:
        ctx.results[self.provides] = tuple(self.run(ctx))


def _claims(ctx: Context):
    times = [(f"t{i}", t) for i, t in enumerate(ctx.results["times"], start=1)]
    return find_claims(ctx.doc, ctx.results["sentences"], ctx.results["entities"], times)


STAGES: tuple[Stage, ...] = (
    Stage("sentences", frozenset(), "sentences", lambda ctx: find_sentences(ctx.doc)),
    Stage("entities", frozenset(), "entities", lambda ctx: find_entities(ctx.doc)),
    Stage("times", frozenset(), "times", lambda ctx: find_times(ctx.doc.text, ctx.anchor, doc=ctx.doc)),
    Stage("quotes", frozenset({"entities"}), "quotes", lambda ctx: find_quotes(ctx.doc, ctx.results["entities"])),
    Stage("claims", frozenset({"sentences", "entities", "times"}), "claims", _claims),
)


#: What the store keeps of a stage's output: the fields of :class:`Annotations`. A custom stage that
#: provides anything else serves later stages only.
_STORED = frozenset(Annotations.__dataclass_fields__)


def check_order(stages: Iterable[Stage]) -> None:
    """Raise if a stage runs before what it requires is provided."""
    provided: set[str] = set()
    for stage in stages:
        missing = stage.requires - provided
        if missing:
            raise NewsprismError(f"Stage '{stage.name}' needs {', '.join(sorted(missing))}, provided by no earlier stage.")
        provided.add(stage.provides)


check_order(STAGES)


def anchor_of(article: Article) -> date | None:
    """The day relative dates are resolved against: the publication day in the article's own zone."""
    return article.published.date() if article.published else None


def annotate_doc(doc, anchor: date | None, stages: Sequence[Stage] = STAGES) -> Annotations:
    ctx = Context(doc, anchor)
    for stage in stages:
        stage(ctx)
    return Annotations(**{k: v for k, v in ctx.results.items() if k in _STORED})


def annotate_text(text: str, anchor: date | None = None) -> Annotations:
    """Annotate one text (the strict Python API: errors raise)."""
    return annotate_doc(load_nlp()(text), anchor)


@dataclass
class AnalyzeReport:
    analyzed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    up_to_date: int = 0

    def summary(self) -> str:
        return f"{self.analyzed:,} analyzed, {self.up_to_date:,} up to date, {len(self.failed):,} failed"


def analyze(
    store,
    strict: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    stages: Sequence[Stage] = STAGES,
    claim_vectors: bool = False,
) -> AnalyzeReport:
    """Analyse every article of ``store`` that needs it; record failures and go on (unless strict).

    Each article gets its article vector; claim vectors cost more than the parse itself (one
    embedding per clause) and are only needed to align claims across the articles of a story, so
    they are computed on first use by :func:`claim_vectors` and cached, unless ``claim_vectors``
    asks for them now. ``stages`` may replace or extend the standard stages."""
    check_order(stages)
    todo = store.articles_to_analyze(PIPELINE_VERSION)
    report = AnalyzeReport(up_to_date=store.count_articles() - len(todo))
    n_process = 2 if len(todo) >= PARALLEL_FROM else 1
    for i in range(0, len(todo), CHUNK):
        articles = [store.get_article(a) for a in todo[i:i + CHUNK]]
        results = _annotate_chunk(articles, n_process, strict, stages)
        vectors = _embed(articles, results, claim_vectors)
        with store.transaction():
            for article, result in zip(articles, results):
                if isinstance(result, Annotations):
                    store.save_annotations(article, PIPELINE_VERSION, result)
                    store.save_vectors(article.id, MODEL_NAME, *vectors[article.id])
                    report.analyzed += 1
                else:
                    store.save_annotations(article, PIPELINE_VERSION, error=result)
                    report.failed.append((article.id, result))
        if on_progress:
            on_progress(min(i + CHUNK, len(todo)), len(todo))
    return report


def _annotate_chunk(articles: list[Article], n_process: int, strict: bool, stages: Sequence[Stage]) -> list[Annotations | str]:
    nlp = load_nlp()
    docs = nlp.pipe((a.text for a in articles), batch_size=32, n_process=n_process)
    out: list[Annotations | str] = []
    for article, doc in zip(articles, docs):
        try:
            out.append(annotate_doc(doc, anchor_of(article), stages))
        except Exception as exc:  # a bad article is recorded, not fatal
            if strict:
                raise
            out.append(f"{type(exc).__name__}: {exc}")
    return out


def _embed(articles: list[Article], results: list[Annotations | str], with_claims: bool) -> dict[str, tuple]:
    """One batched encode per chunk: one text per article (title and lead), and its claims if asked."""
    texts: list[str] = []
    spans: dict[str, tuple[int, int, int]] = {}
    for article, result in zip(articles, results):
        if not isinstance(result, Annotations):
            continue
        first = len(texts)
        texts.append(_article_text(article, result))
        if with_claims:
            texts.extend(c.text for c in result.claims)
        spans[article.id] = (first, first + 1, len(texts))
    vectors = load_embedder().encode(texts)
    return {aid: (vectors[a], vectors[b:c] if with_claims else None) for aid, (a, b, c) in spans.items()}


def claim_vectors(store, article_ids: Sequence[str], annotations: dict[str, Annotations] | None = None) -> dict[str, Any]:
    """Claim vectors of the given analysed articles, computed once (in one batch) and cached in the
    store. ``annotations`` may give articles' analyses the caller has already loaded."""
    out, missing = {}, []
    for aid in article_ids:
        stored = store.get_vectors(aid)
        if stored is not None and stored[1] is not None:
            out[aid] = stored[1]
        elif stored is not None:
            missing.append(aid)
    if not missing:  # all cached: no encode, and no write transaction on a read path
        return out
    annotations = annotations or {}
    claims = {aid: (annotations.get(aid) or store.get_annotations(aid)).claims for aid in missing}
    texts = [c.text for aid in missing for c in claims[aid]]
    vectors = load_embedder().encode(texts)
    with store.transaction():
        i = 0
        for aid in missing:
            n = len(claims[aid])
            out[aid] = vectors[i:i + n]
            store.save_claim_vectors(aid, out[aid])
            i += n
    return out


def _article_text(article: Article, annotations: Annotations) -> str:
    """What the article vector encodes: the headline and the opening sentences."""
    lead = " ".join(s.text for s in annotations.sentences[:4])
    return f"{article.title}. {lead}" if article.title else lead
