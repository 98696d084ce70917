"""Near-duplicates and story clustering at scale: a stream of 100,000 articles recombined from the real
texts in ../shared/data (PolNeAR, ECB+, Multi-News), with per-article latency at 10k and 100k stored.

    python bench/scale.py [--n 100000] [--batch 1000] [--json FILE]

Each synthetic story takes one real document as its event; its articles are random subsets of that
document's sentences in random order (some exact reprints with a line added, for the dedupe index),
dated within three days of the story's start, stories spread over a year. Features are the ones
clustering uses minus the article vector (annotation is excluded here): body terms via ``terms_of``.
After every ``--batch`` articles the clusterer's consolidation pass runs, as ``analyze`` would run it
after a batch; its time counts in the throughput, not in the per-article latencies. Stories are
scored (B-cubed) against their source events, not the generated stories: a source document is drawn
for several generated stories over the year, and ECB+ and Multi-News documents come in groups that
report one event, so generated stories of one event are the same story told again, not a gold split.
"""

from __future__ import annotations

import argparse
import ast
import csv
import random
import re
import resource
import time
from datetime import datetime, timedelta, timezone

from _common import DATA, save_json, table
from clustering import bcubed
from corpora import ecb_documents, polnear_documents

from newsprism.cluster import ClusterItem, StoryClusterer, terms_of
from newsprism.dedupe import NearDuplicateIndex

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sources() -> list[tuple[str, str]]:
    """(event, text): a PolNeAR article is its own event; an ECB+ document's event is its topic and
    subtopic, a Multi-News document's is its cluster (documents of one event are reports of it)."""
    csv.field_size_limit(10**9)
    with open(DATA / "multinews" / "dev100.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    multi = [(f"mn{i}", doc) for i, row in enumerate(rows) for doc in ast.literal_eval(row["documents"])]
    ecb = [(f"ecb{n.split('_')[0]}{'plus' if n.endswith('plus') else ''}", t) for n, t in ecb_documents()]
    docs = [(f"pn:{n}", t) for n, t in polnear_documents()] + ecb + multi
    return [(e, d) for e, d in docs if len(_SENTENCE.split(d)) >= 4]


def stream(n: int, seed: int = 7):
    """(id, published, text) for ``n`` articles, in publication order, and each generated story's
    source event."""
    rnd = random.Random(seed)
    docs = [(event, _SENTENCE.split(d.replace("\n", " "))) for event, d in sources()]
    start = datetime(2030, 1, 1, tzinfo=timezone.utc)
    articles, events = [], {}
    story = 0
    while len(articles) < n:
        events[f"a{story}"], sentences = docs[rnd.randrange(len(docs))]
        t0 = start + timedelta(minutes=rnd.randrange(365 * 24 * 60))
        first = None
        for k in range(rnd.randint(1, 9)):
            when = t0 + timedelta(minutes=rnd.randrange(3 * 24 * 60))
            if first is not None and rnd.random() < 0.2:
                text = first + " Subscribe for more."
            else:
                picked = rnd.sample(sentences, k=max(3, int(len(sentences) * rnd.uniform(0.4, 0.9))))
                text = " ".join(picked)
                first = first or text
            articles.append((f"a{story}-{k}", when, text))
        story += 1
    articles = articles[:n]
    articles.sort(key=lambda a: (a[1], a[0]))
    return articles, events


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles in the stream (default 100,000)")
    parser.add_argument("--batch", type=int, default=1000, help="run the consolidation pass every BATCH articles")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()
    articles, events = stream(args.n)
    dedupe, clusterer = NearDuplicateIndex(), StoryClusterer()
    latencies, consolidation = [], 0.0
    start = time.perf_counter()
    for seq, (aid, when, text) in enumerate(articles):
        t0 = time.perf_counter()
        origin = dedupe.add(aid, text, when)
        clusterer.add(ClusterItem(aid, seq, when, terms_of(text), None, origin))
        latencies.append(time.perf_counter() - t0)
        if (seq + 1) % args.batch == 0 or seq + 1 == len(articles):
            t1 = time.perf_counter()
            clusterer.consolidate()
            consolidation += time.perf_counter() - t1
    total = time.perf_counter() - start
    gold = {aid: aid.split("-")[0] for aid, _, _ in articles}
    true_stories = len(set(gold.values()))
    b3 = bcubed(clusterer.story_of, {aid: events[story] for aid, story in gold.items()})
    marks = [m for m in (10_000, args.n) if m <= args.n]
    windows = {m: latencies[max(0, m - 1000):m] for m in marks}
    rows = [[f"{m:,}", f"{1000 * percentile(w, 0.5):.2f}", f"{1000 * percentile(w, 0.95):.2f}"] for m, w in windows.items()]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.n:,} articles ({true_stories:,} generated stories from {len(set(events.values())):,} source events), "
          f"{len(clusterer.stories):,} stories, {len(set(dedupe.origins().values())):,} origins; "
          f"{args.n / total:.0f} articles/s for dedupe + clustering "
          f"(consolidation passes {consolidation:.1f} s of {total:.1f} s); peak memory {peak:.0f} MB; "
          f"B3 P/R/F1 against the source events {b3[0]:.3f} / {b3[1]:.3f} / {b3[2]:.3f}\n")
    print(table(["stored articles", "p50 ms (last 1,000)", "p95 ms (last 1,000)"], rows))
    results = {"n": args.n, "articles_per_second": args.n / total, "peak_mb": peak, "stories": len(clusterer.stories),
               "generated_stories": true_stories, "source_events": len(set(events.values())),
               "consolidation_seconds": consolidation, "b3_against_source_events": b3,
               "latency_ms": {m: {"p50": 1000 * percentile(w, 0.5), "p95": 1000 * percentile(w, 0.95)} for m, w in windows.items()}}
    if len(marks) == 2:
        ratio = percentile(windows[args.n], 0.95) / percentile(windows[10_000], 0.95)
        results["p95_ratio"] = ratio
        print(f"\np95 at {args.n:,} / p95 at 10,000: {ratio:.2f} (acceptance <= 2): {'PASS' if ratio <= 2 else 'FAIL'}")
    save_json(args.json, results)


if __name__ == "__main__":
    main()
