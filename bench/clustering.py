"""Story clustering: pairwise and B-cubed P/R/F1 on ECB+ (test split, and all 982 documents as one
stream) and NewsWCL50, with Barhom et al.'s released ECB+ test clusters and a TF-IDF-only run of the
same clusterer scored by the same code.

    python bench/clustering.py [--json FILE]

ECB+ documents carry no dates: they are clustered undated, in a fixed shuffled order (seed 13), so
the order carries no hint of the gold stories.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from dataclasses import replace
from itertools import combinations

import numpy as np

from _common import DATA, ROOT, save_json, table
from corpora import ecb_documents

from newsprism.cluster import ClusterConfig, ClusterItem, cluster, terms_of

CACHE = ROOT / "bench" / ".cache"
BARHOM = DATA / "ecbplus" / "barhom2019_processed" / "data" / "external" / "document_clustering" / "predicted_topics.json"
WCL = DATA / "newswcl50" / "NewsWCL50-prep" / "output_data" / "NewsWCL50.conll"
TEST_TOPICS = set(range(36, 46))
DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}


# -- metrics ---------------------------------------------------------------------------------------


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision/recall/F1 over pairs of items put together (``pred``/``gold``: item -> cluster)."""
    items = sorted(gold)
    same_pred = {(a, b) for a, b in combinations(items, 2) if pred[a] == pred[b]}
    same_gold = {(a, b) for a, b in combinations(items, 2) if gold[a] == gold[b]}
    tp = len(same_pred & same_gold)
    p = tp / len(same_pred) if same_pred else 1.0
    r = tp / len(same_gold) if same_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed (Bagga and Baldwin 1998): per item, the share of its predicted cluster that is in its
    gold cluster (precision) and of its gold cluster that is in its predicted one (recall), averaged."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item in gold:
        by_pred[pred[item]].add(item)
        by_gold[gold[item]].add(item)
    ps, rs = [], []
    for item in gold:
        shared = len(by_pred[pred[item]] & by_gold[gold[item]])
        ps.append(shared / len(by_pred[pred[item]]))
        rs.append(shared / len(by_gold[gold[item]]))
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- data ------------------------------------------------------------------------------------------


def ecb(topics: set[int] | None = None) -> list[tuple[str, str, str]]:
    """(doc, text, gold story) with gold story = topic + ecb/ecbplus."""
    out = []
    for name, text in ecb_documents():
        topic = int(name.split("_")[0])
        if topics is None or topic in topics:
            out.append((name, text, f"{topic}{'plus' if name.endswith('plus') else ''}"))
    return out


def newswcl() -> list[tuple[str, str, str]]:
    docs: dict[str, list[list[str]]] = defaultdict(list)
    for line in WCL.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 4:
            continue
        name, sentence, word = parts[0].split("/")[-1], int(parts[1]), parts[3]
        while len(docs[name]) <= sentence:
            docs[name].append([])
        docs[name][sentence].append(word)
    return [(n, "\n".join(" ".join(s) for s in sents), n.split("_")[0]) for n, sents in sorted(docs.items())]


def vectors(docs: list[tuple[str, str, str]]) -> dict[str, np.ndarray]:
    """Article vectors (first four lines of each text), cached on disk."""
    from newsprism.annotate.embed import load_embedder

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "article_vectors.npz"
    cached = dict(np.load(path)) if path.exists() else {}
    missing = [(n, t) for n, t, _ in docs if n not in cached]
    if missing:
        encoded = load_embedder().encode([" ".join(t.splitlines()[:4]) for _, t in missing])
        cached.update({n: v for (n, _), v in zip(missing, encoded)})
        np.savez(path, **cached)
    return {n: cached[n] for n, _, _ in docs}


def items(docs, with_vectors: bool, seed: int = 13) -> list[ClusterItem]:
    vecs = vectors(docs) if with_vectors else {}
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    return [ClusterItem(docs[i][0], seq, None, terms_of(docs[i][1]), vecs.get(docs[i][0])) for seq, i in enumerate(order)]


def run(docs, config: ClusterConfig, with_vectors: bool = True, seed: int = 13) -> dict[str, str]:
    stories = cluster(items(docs, with_vectors, seed), config)
    return {doc: sid for sid, members in stories.items() for doc in members}


def scores(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    pp, pr, pf = pairwise(pred, gold)
    bp, br, bf = bcubed(pred, gold)
    return {"pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": pf, "b3_p": bp, "b3_r": br, "b3_f1": bf,
            "clusters": len(set(pred.values())), "gold_clusters": len(set(gold.values()))}


TUNING_SEEDS = (13, 1, 2)
ORDERS = (13, 1, 2, 3, 4)


def tune(train: list, configs: list[ClusterConfig], with_vectors: bool = True) -> ClusterConfig:
    """The configuration with the best mean B3 F1 over the train stream in three shuffled orders (one
    order alone rewards settings that happen to suit it)."""
    gold = {n: g for n, _, g in train}
    def mean_f1(c: ClusterConfig) -> float:
        return sum(bcubed(run(train, c, with_vectors, seed), gold)[2] for seed in TUNING_SEEDS) / len(TUNING_SEEDS)
    return max(configs, key=mean_f1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()
    all_docs = ecb()
    train = [d for d in all_docs if int(d[0].split("_")[0]) not in TEST_TOPICS]
    test = [d for d in all_docs if int(d[0].split("_")[0]) in TEST_TOPICS]
    grid = [ClusterConfig(threshold=t, w_text=0.7, w_vector=0.3, merge=max(t, 0.5), consolidate=c, fragment=f)
            for t in (0.4, 0.45, 0.5) for c in (0.0, 0.25, 0.3, 0.35) for f in (2, 4) if c or f == 2]
    config = tune(train, grid)
    text_grid = [ClusterConfig(threshold=t, w_text=1.0, w_vector=0.0, merge=max(t, 0.5), consolidate=c, fragment=f)
                 for t in (0.25, 0.3, 0.35, 0.4) for c in (0.0, 0.15, 0.2, 0.25) for f in (2, 4) if c or f == 2]
    text_only = tune(train, text_grid, with_vectors=False)
    results, rows = {}, []
    datasets = {"ECB+ test (206 docs)": test, "ECB+ all (982 docs, one stream)": all_docs, "NewsWCL50 (50 docs)": newswcl()}
    for label, docs in datasets.items():
        gold = {n: g for n, _, g in docs}
        runs = {"newsprism": run(docs, config), "newsprism, TF-IDF only": run(docs, text_only, with_vectors=False)}
        if label.startswith("ECB+ test"):
            barhom = json.loads(BARHOM.read_text())
            runs["Barhom et al. 2019 (released)"] = {d: f"b{i}" for i, c in enumerate(barhom) for d in c}
        for system, pred in runs.items():
            pred = {n: pred.get(n, f"missing:{n}") for n in gold}
            results[f"{label} / {system}"] = s = scores(pred, gold)
            rows.append([label, system, s["pairwise_p"], s["pairwise_r"], s["pairwise_f1"], s["b3_p"], s["b3_r"], s["b3_f1"],
                         f"{s['clusters']} / {s['gold_clusters']}"])
    print(f"tuned on ECB+ train+dev topics (mean over orders {TUNING_SEEDS}): threshold {config.threshold}, "
          f"merge {config.merge}, consolidate {config.consolidate}, fragment {config.fragment}, "
          f"w_text {config.w_text}, w_vector {config.w_vector}; TF-IDF only: threshold {text_only.threshold}, "
          f"consolidate {text_only.consolidate}, fragment {text_only.fragment}\n")
    print(table(["data", "system", "pair P", "pair R", "pair F1", "B3 P", "B3 R", "B3 F1", "stories / gold"], rows))
    print(f"\nnewsprism B3 F1 over stream orders {ORDERS} (the table is order 13):")
    for label, docs in datasets.items():
        gold = {n: g for n, _, g in docs}
        f1s = [bcubed(run(docs, config, seed=seed), gold)[2] for seed in ORDERS]
        results[f"{label} / newsprism / orders"] = f1s
        print(f"  {label}: mean {sum(f1s) / len(f1s):.3f}, min {min(f1s):.3f}, max {max(f1s):.3f}")
    save_json(args.json, {"config": vars(config), "results": results})


if __name__ == "__main__":
    main()
