"""Article text from HTML: newsprism's reader vs trafilatura alone, on the Zyte (ScrapingHub)
article-extraction benchmark, scored with the benchmark's own shingle metric; the published
outputs of newspaper4k, readability and goose3 re-scored by the same code.

    python bench/extraction.py [--limit N] [--repeats 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter

from _common import DATA, save_json, table

BENCH = DATA / "extraction" / "scrapinghub"
PUBLISHED = {"newspaper4k": "newspaper", "readability": "readability", "goose3": "goose3", "trafilatura 2.0 (published)": "trafilatura"}
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of n-gram shingles over lower-cased \\w+ tokens (a text shorter than n is one shingle)."""
    tokens = _TOKEN.findall((text or "").lower())
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def tp_fp_fn(truth: str, pred: str) -> tuple[float, float, float]:
    """The page's TP/FP/FN over shingles, normalised to sum to 1 so long pages weigh no more."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages (pages with nothing to score are left out), F1 from those."""
    ps = [precision(*x) for x in pages if x[0] + x[1] > 0]
    rs = [recall(*x) for x in pages if x[0] + x[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def newsprism_text(html: bytes) -> str:
    from newsprism.errors import InputError
    from newsprism.ingest.html import read

    try:
        return next(read(html, "page.html")).text
    except InputError:
        return ""


def trafilatura_text(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def load(limit: int | None):
    truth = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    pages = {i: gzip.decompress((BENCH / "html" / f"{i}.html.gz").read_bytes()) for i in ids}
    return {i: truth[i]["articleBody"] for i in ids}, pages


def timed_outputs(pages: dict[str, bytes], repeats: int):
    """Both extractors over every page, alternating page by page; the best total of ``repeats``."""
    systems = {"newsprism": newsprism_text, "trafilatura alone": trafilatura_text}
    best = {name: float("inf") for name in systems}
    outputs: dict[str, dict[str, str]] = {name: {} for name in systems}
    for _ in range(repeats):
        spent = dict.fromkeys(systems, 0.0)
        for pid, html in pages.items():
            for name, fn in systems.items():
                start = time.perf_counter()
                outputs[name][pid] = fn(html)
                spent[name] += time.perf_counter() - start
        best = {name: min(best[name], spent[name]) for name in systems}
    return outputs, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()
    truth, pages = load(args.limit)
    outputs, seconds = timed_outputs(pages, args.repeats)
    for label, name in PUBLISHED.items():
        data = json.loads((BENCH / "output" / f"{name}.json").read_text(encoding="utf-8"))
        data = data.get("output", data)
        outputs[label] = {pid: data.get(pid, {}).get("articleBody", "") for pid in truth}
    results = {}
    for name, out in outputs.items():
        results[name] = score([tp_fp_fn(truth[pid], out[pid]) for pid in truth])
        if name in seconds:
            results[name]["pages_per_second"] = len(pages) / seconds[name]
    ratio = seconds["newsprism"] / seconds["trafilatura alone"]
    rows = [[n, r["f1"], r["precision"], r["recall"], f"{r['pages_per_second']:.1f}" if "pages_per_second" in r else "published output"]
            for n, r in results.items()]
    print(f"Zyte article-extraction benchmark, {len(pages)} pages\n")
    print(table(["system", "F1", "precision", "recall", "pages/s"], rows))
    print(f"\nnewsprism time per page / trafilatura's: {ratio:.2f}x")
    ok = results["newsprism"]["f1"] >= results["trafilatura alone"]["f1"] and ratio <= 1.3
    print(f"acceptance (F1 >= trafilatura alone, time <= 1.3x): {'PASS' if ok else 'FAIL'}")
    save_json(args.json, {"pages": len(pages), "results": results, "time_ratio": ratio})


if __name__ == "__main__":
    main()
