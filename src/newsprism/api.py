"""The Python API. The CLI and the web app are thin layers over these functions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import EmptyInput, InputError
from .ingest import Input, iter_inputs, read_input
from .models import Article
from .store import Store

__all__ = ["IngestReport", "ingest", "write_articles", "analyze", "list_stories", "report"]

#: Articles written per transaction.
BATCH_SIZE = 200


@dataclass
class IngestReport:
    """What an ingest did: counts by outcome, skips by reason, and each failure with its location."""

    counts: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    failures: list[InputError] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        """``12 ingested, 1 duplicate, 2 skipped (empty 2), 1 failed``"""
        parts = [f"{self.counts['ingested']:,} ingested"]
        parts += [f"{self.counts[k]:,} {k}" for k in ("duplicate", "updated", "unchanged") if self.counts[k]]
        if self.skipped:
            reasons = ", ".join(f"{reason} {n:,}" for reason, n in self.skipped.most_common())
            parts.append(f"{sum(self.skipped.values()):,} skipped ({reasons})")
        parts.append(f"{len(self.failures):,} failed")
        return ", ".join(parts)


def ingest(
    paths: Iterable[str],
    store: Store,
    fmt: str | None = None,
    strict: bool = False,
    on_input: Callable[[Input, int], None] | None = None,
    on_problem: Callable[[InputError], None] | None = None,
) -> IngestReport:
    """Read files, directories, globs and URLs into ``store``.

    With ``strict`` the first problem raises; otherwise every problem is recorded in the report
    (which input, why) and the rest go on. Writes are committed in batches of ``BATCH_SIZE``
    articles, each all or nothing. Re-running the same ingest changes nothing.
    ``on_input(input, total)`` is called after each input (for progress bars), ``on_problem`` with
    each skip or failure as it happens.
    """
    report = IngestReport()
    inputs = list(iter_inputs(paths))
    batch: list[Article] = []
    for item in inputs:
        for result in _read_safely(item, fmt, strict):
            if isinstance(result, Article):
                batch.append(result)
            else:
                _record_problem(report, result)
                if on_problem:
                    on_problem(result)
            if len(batch) >= BATCH_SIZE:
                write_articles(store, batch, report)
        if on_input:
            on_input(item, len(inputs))
    write_articles(store, batch, report)
    return report


def _read_safely(item: Input, fmt: str | None, strict: bool) -> Iterator[Article | InputError]:
    try:
        for result in read_input(item, fmt):
            if strict and isinstance(result, InputError) and not isinstance(result, EmptyInput):
                raise result
            yield result
    except InputError as exc:
        if strict and not isinstance(exc, EmptyInput):
            raise
        yield exc if exc.where else exc.at(item.where)
    except (OSError, ValueError, LookupError, RuntimeError, EOFError) as exc:
        if strict:
            raise
        yield InputError(f"unexpected {type(exc).__name__}: {exc}", item.where)


def _record_problem(report: IngestReport, problem: InputError) -> None:
    if isinstance(problem, EmptyInput):
        report.skipped["empty"] += 1
    else:
        report.failures.append(problem)


def write_articles(store: Store, batch: list[Article], report: IngestReport) -> None:
    """Store ``batch`` in one transaction (all or nothing), counting each outcome in ``report``;
    empties ``batch``."""
    with store.transaction():
        for article in batch:
            report.counts[store.add_article(article)] += 1
            report.article_ids.append(article.id)
    batch.clear()


def analyze(store, strict: bool = False, on_progress: Callable[[int, int], None] | None = None,
            claim_vectors: bool = False):
    """Annotate what needs it, then rebuild near-duplicate origins and stories.

    Returns ``(AnalyzeReport, stories)`` where ``stories`` is what :meth:`Store.stories` lists."""
    from .annotate.pipeline import analyze as run_analyze
    from .cluster import build_stories

    report = run_analyze(store, strict=strict, on_progress=on_progress, claim_vectors=claim_vectors)
    return report, build_stories(store)


def list_stories(store) -> list[dict]:
    """The stories (built by :func:`analyze`), newest first, as ``newsprism stories --json`` prints them:
    ``id``, ``title``, ``articles`` (ids), ``outlets``, ``origins`` (independent copies),
    ``first_published``, ``last_published``."""
    outlets = store.outlets()
    return [_story_json(s, outlets) for s in store.stories()]


def _story_json(story: dict, outlets: dict) -> dict:
    ids = [a for a, _ in story["articles"]]
    return {
        "id": story["id"], "title": story["title"], "articles": ids,
        "outlets": sorted({outlets[a] for a in ids if outlets.get(a)}),
        "origins": len({o for _, o in story["articles"]}),
        "first_published": story["first_published"], "last_published": story["last_published"],
    }


def report(store, story_ids: list[str] | None = None, with_text: bool = False,
           sentences: int | None = 6, words: int | None = None) -> dict:
    """The report dict (schema ``newsprism.report/1``) of the store's stories, or of ``story_ids``.

    The summary has at most ``sentences`` sentences and ``words`` words (either may be None)."""
    from .assemble import build_report
    from .summarize import SummaryConfig

    return build_report(store, story_ids, with_text, SummaryConfig(sentences=sentences, words=words))
