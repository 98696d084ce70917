"""Quotes and attribution: newsprism's quote finder vs textacy's direct_quotations, on the PolNeAR
dev split (2016 US election news from 7 publishers, brat standoff annotations).

    python bench/quotes.py [--split dev] [--limit N] [--json FILE] [--errors N]

``--errors N`` prints N missed gold attributions and N unmatched newsprism predictions, chosen at
random (fixed seed), to study the finder's errors; study them on ``--split train``, so that the dev
figure stays an honest one.

Scoring (one annotator per article: the first by id, alphabetically):
- content spans, exact: the same characters after both sides are trimmed of white space, quotation
  marks, trailing punctuation and a leading "that" (PolNeAR contents sometimes carry these);
- content spans, token overlap: a one-to-one greedy matching of predicted and gold contents by shared
  \\w+ tokens, a pair counting when the shared tokens are at least 30% of each side;
- cue: predicted cue spans that overlap a gold cue by a character;
- quotes that share one cue ('"...," he said. "..."') are one attribution in two parts, as PolNeAR
  annotates them (for newsprism's direct quotes and textacy's alike);
- speaker accuracy: over the matched (overlap) contents whose gold attribution has a source, the share
  whose predicted speaker span overlaps the gold source span.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from _common import DATA, save_json, table

POLNEAR = DATA / "polnear" / "data"
_TOKEN = re.compile(r"\w+")
_STRIP = " \t\n“”\"‘’'.,;:!?—–-"


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)


def parse_ann(text: str) -> list[Attribution]:
    """brat standoff: ``T`` spans (``Content 10 20;25 40``), ``E`` lines tying them into attributions."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = (kind, [tuple(map(int, r.split())) for r in ranges.split(";")])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for event in events:
        trigger = next(iter(event))
        if not trigger.startswith("Attribution") or "Content" not in event or event["Content"] not in spans:
            continue
        get = lambda role: spans[event[role]][1] if role in event and event[role] in spans else []  # noqa: E731
        out.append(Attribution(get("Content"), get("Cue"), get("Source")))
    return out


def load(split: str, limit: int | None, skip: int = 0):
    """[(name, text, gold attributions)] with the first annotator of each article, by name, after
    the first ``skip``, at most ``limit``."""
    chosen: dict[str, Path] = {}
    for ann in sorted((POLNEAR / split / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(chosen)[skip:]
    names = names[:limit] if limit else names
    return [(n, (POLNEAR / split / "text" / f"{n}.txt").read_text(encoding="utf-8"), parse_ann(chosen[n].read_text(encoding="utf-8")))
            for n in names]


def normalize(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    if text[start:start + 5].lower() == "that ":
        start += 5
    return start, end


def tokens(text: str, ranges: list[tuple[int, int]]) -> set[int]:
    """The start offsets of the \\w+ tokens inside the ranges."""
    return {m.start() for s, e in ranges for m in _TOKEN.finditer(text, s, e)}


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass
class Prediction:
    content: tuple[int, int] | list[tuple[int, int]]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None

    @property
    def ranges(self) -> list[tuple[int, int]]:
        return self.content if isinstance(self.content, list) else [self.content]


def match_overlap(text: str, preds: list[Prediction], gold: list[Attribution], threshold: float = 0.3):
    """One-to-one greedy matching by shared tokens; a pair counts above ``threshold`` of each side."""
    pairs = []
    for i, p in enumerate(preds):
        pt = tokens(text, p.ranges)
        for j, g in enumerate(gold):
            gt = tokens(text, g.content)
            shared = len(pt & gt)
            if pt and gt and shared / len(pt) >= threshold and shared / len(gt) >= threshold:
                pairs.append((shared / len(pt | gt), i, j))
    used_p, used_g, matches = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matches.append((preds[i], gold[j]))
    return matches


def score_article(text: str, preds: list[Prediction], gold: list[Attribution]) -> dict[str, int]:
    gold_exact = {normalize(text, min(s for s, _ in g.content), max(e for _, e in g.content)) for g in gold}
    pred_exact = {normalize(text, min(s for s, _ in p.ranges), max(e for _, e in p.ranges)) for p in preds}
    matches = match_overlap(text, preds, gold)
    gold_cues = [c for g in gold for c in g.cue]
    pred_cues = [p.cue for p in preds if p.cue]
    with_source = [(p, g) for p, g in matches if g.source]
    return {
        "pred": len(preds), "gold": len(gold),
        "exact": len(gold_exact & pred_exact), "overlap": len(matches),
        "cue_pred": len(pred_cues), "cue_gold": len(gold_cues),
        "cue_pred_ok": sum(overlaps([c], gold_cues) for c in pred_cues),
        "cue_gold_ok": sum(overlaps([c], pred_cues) for c in gold_cues),
        "speaker_total": len(with_source),
        "speaker_ok": sum(bool(p.speaker) and overlaps([p.speaker], g.source) for p, g in with_source),
    }


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summarize(totals: dict[str, int]) -> dict[str, float]:
    ep, er, ef = prf(totals["exact"], totals["pred"], totals["exact"], totals["gold"])
    op, orr, of = prf(totals["overlap"], totals["pred"], totals["overlap"], totals["gold"])
    _, _, cf = prf(totals["cue_pred_ok"], totals["cue_pred"], totals["cue_gold_ok"], totals["cue_gold"])
    speaker = totals["speaker_ok"] / totals["speaker_total"] if totals["speaker_total"] else 0.0
    return {"exact_p": ep, "exact_r": er, "exact_f1": ef, "overlap_p": op, "overlap_r": orr, "overlap_f1": of,
            "cue_f1": cf, "speaker_accuracy": speaker, **totals}


def newsprism_predictions(doc) -> list[Prediction]:
    from newsprism.annotate.entities import find_entities
    from newsprism.annotate.quotes import find_quotes

    out: list[Prediction] = []
    by_cue: dict[tuple[int, int], Prediction] = {}
    for q in find_quotes(doc, find_entities(doc)):
        cue = (q.cue_start, q.cue_end) if q.cue_start is not None else None
        speaker = (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None
        if cue in by_cue and q.kind == "direct":  # '"...," he said. "..."': one attribution in two parts
            by_cue[cue].content.append((q.start, q.end))
            continue
        out.append(Prediction([(q.start, q.end)], cue, speaker))
        if cue is not None and q.kind == "direct":
            by_cue[cue] = out[-1]
    return out


def textacy_predictions(doc) -> list[Prediction]:
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy refuses documents with unbalanced quotation marks: it finds nothing there
        return []
    by_cue: dict[tuple[int, int], Prediction] = {}
    for triple in triples:
        speaker = (triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1])) if triple.speaker else None
        cue = (triple.cue[0].idx, triple.cue[-1].idx + len(triple.cue[-1])) if triple.cue else None
        content = (triple.content.start_char, triple.content.end_char)
        if cue in by_cue:  # the same grouping as newsprism's: quotes sharing a cue are one attribution
            by_cue[cue].content.append(content)
            continue
        out.append(Prediction([content], cue, speaker))
        if cue is not None:
            by_cue[cue] = out[-1]
    return out


def print_errors(samples: list[tuple[str, list[Prediction], list[Attribution]]], n: int) -> None:
    """N missed gold attributions and N unmatched predictions, with their cue and source/speaker."""
    import random

    def show(text: str, ranges) -> str:
        return " | ".join(text[s:e] for s, e in ranges).replace("\n", " ")[:300]

    missed, spurious = [], []
    for text, preds, gold in samples:
        matches = match_overlap(text, preds, gold)
        matched_p, matched_g = {id(p) for p, _ in matches}, {id(g) for _, g in matches}
        missed += [f"MISSED source=[{show(text, g.source)}] cue=[{show(text, g.cue)}] content=[{show(text, g.content)}]"
                   for g in gold if id(g) not in matched_g]
        spurious += [f"EXTRA speaker=[{show(text, [p.speaker] if p.speaker else [])}] cue=[{show(text, [p.cue] if p.cue else [])}] "
                     f"content=[{show(text, p.ranges)}]" for p in preds if id(p) not in matched_p]
    rng = random.Random(0)
    for line in rng.sample(missed, min(n, len(missed))) + rng.sample(spurious, min(n, len(spurious))):
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, help="score at most this many articles")
    parser.add_argument("--skip", type=int, default=0, help="leave out the first N articles (by name)")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N misses and N false positives of newsprism")
    args = parser.parse_args()
    from newsprism.annotate.nlp import load_nlp

    articles = load(args.split, args.limit, args.skip)
    nlp = load_nlp()
    systems = {"newsprism": newsprism_predictions, "textacy direct_quotations": textacy_predictions}
    totals = {name: defaultdict(int) for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    start = time.perf_counter()
    docs = list(nlp.pipe(text for _, text, _ in articles))
    parse_seconds = time.perf_counter() - start
    samples = []
    for (_, text, gold), doc in zip(articles, docs):
        for name, predict in systems.items():
            t0 = time.perf_counter()
            preds = predict(doc)
            seconds[name] += time.perf_counter() - t0
            for key, value in score_article(text, preds, gold).items():
                totals[name][key] += value
            if name == "newsprism" and args.errors:
                samples.append((text, preds, gold))
    results = {name: summarize(t) for name, t in totals.items()}
    rows = [[n, r["exact_p"], r["exact_r"], r["exact_f1"], r["overlap_p"], r["overlap_r"], r["overlap_f1"], r["cue_f1"],
             r["speaker_accuracy"], f"{1000 * seconds[n] / len(docs):.1f}"] for n, r in results.items()]
    gold_n = results["newsprism"]["gold"]
    print(f"PolNeAR {args.split}: {len(docs)} articles, {gold_n} gold attributions; "
          f"spaCy parse {1000 * parse_seconds / len(docs):.0f} ms/article\n")
    print(table(["system", "exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1", "cue F1",
                 "speaker acc.", "ms/article"], rows))
    ours, base = results["newsprism"], results["textacy direct_quotations"]
    ok = ours["overlap_f1"] >= 0.70 and ours["overlap_f1"] > base["overlap_f1"] and ours["speaker_accuracy"] >= 0.80
    print(f"\nacceptance (overlap F1 >= 0.70 and ahead of textacy, speaker accuracy >= 0.80): {'PASS' if ok else 'FAIL'}")
    save_json(args.json, results)
    if args.errors:
        print()
        print_errors(samples, args.errors)


if __name__ == "__main__":
    main()
