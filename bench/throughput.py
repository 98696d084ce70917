"""Analysis speed: ``newsprism analyze`` on 1,000 real articles (PolNeAR, then ECB+) against spaCy's
own ``nlp.pipe`` over the same texts, each in a fresh process so that time and peak memory are its own.

    python bench/throughput.py [--n 1000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, save_json, table
from corpora import ecb_documents, polnear_documents


def texts(n: int) -> list[str]:
    docs = polnear_documents() + ecb_documents()
    return [text for _, text in docs[:n]]


def run_spacy(n: int, n_process: int) -> dict:
    import spacy

    from newsprism.annotate.nlp import SPACY_MODELS

    batch = texts(n)
    nlp = next(spacy.load(m) for m in SPACY_MODELS if spacy.util.is_package(m))
    start = time.perf_counter()
    for _ in nlp.pipe(batch, batch_size=32, n_process=n_process):
        pass
    return {"seconds": time.perf_counter() - start}


def run_analyze(n: int) -> dict:
    from newsprism import Article, Store
    from newsprism.annotate.embed import load_embedder
    from newsprism.annotate.nlp import load_nlp
    from newsprism.annotate.pipeline import analyze

    batch = texts(n)
    load_nlp(), load_embedder()  # model loading is not analysis time (spaCy's yardstick loads its model untimed too)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "t.db") as store:
        with store.transaction():
            for i, text in enumerate(batch):
                store.add_article(Article.build(text, url=f"https://bench.example/{i}"))
        start = time.perf_counter()
        report = analyze(store)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "analyzed": report.analyzed, "failed": len(report.failed)}


def in_subprocess(kind: str, n: int, n_process: int = 1) -> dict:
    code = (
        "import json, resource, sys; sys.path.insert(0, 'bench'); import throughput as t; "
        f"r = t.run_{kind}({n}{', ' + str(n_process) if kind == 'spacy' else ''}); "
        "r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; print(json.dumps(r))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["peak_mb_with_workers"] = children
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()
    results = {
        "spaCy nlp.pipe, 1 process": in_subprocess("spacy", args.n, 1),
        "spaCy nlp.pipe, 2 processes": in_subprocess("spacy", args.n, 2),
        "newsprism analyze": in_subprocess("analyze", args.n),
    }
    base1 = results["spaCy nlp.pipe, 1 process"]["seconds"]
    base2 = results["spaCy nlp.pipe, 2 processes"]["seconds"]
    rows = [[name, f"{args.n / r['seconds']:.2f}", f"{r['seconds']:.1f}", f"{r['seconds'] / base1:.2f}x", f"{r['seconds'] / base2:.2f}x",
             f"{r['peak_mb']:.0f}"] for name, r in results.items()]
    print(f"{args.n} real articles (PolNeAR, then ECB+)\n")
    print(table(["system", "articles/s", "seconds", "vs spaCy 1 proc", "vs spaCy 2 procs", "peak MB (main process)"], rows))
    ratio = results["newsprism analyze"]["seconds"] / base1
    print(f"\nacceptance (analyze <= 1.5x spaCy-only time): {'PASS' if ratio <= 1.5 else 'FAIL'} ({ratio:.2f}x)")
    save_json(args.json, results)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
