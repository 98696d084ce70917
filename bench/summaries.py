"""Multi-document summaries: newsprism's attributed summary vs extractive baselines, by ROUGE against
the human summaries of 100 Multi-News test clusters (../shared/data/multinews/dev100.csv).

    python bench/summaries.py [--limit N] [--fresh] [--words 300] [--json FILE]

Every system gets the same clusters and the same budget: 300 whitespace words, every output cut to
300 words before scoring (newsprism's word budget already keeps it under, except when its first pick is
longer). ROUGE-1/2/L F1 from ``rouge-score`` (``use_stemmer=True``; ROUGE-L is the summary-level LCS
without sentence splitting, ``rougeL``), averaged over clusters, in percent.

- newsprism: each cluster's documents go into a fresh store (``Article.build(text, outlet="Source i")``;
  empty documents are left out; a document identical to an earlier one is the same article), then
  ``api.analyze``, then the cluster's articles are compared as ONE story whatever the clustering said
  (``compare_story`` over every article, with the origins that ``store.stories()`` gives them), then
  ``summarize(comparison, SummaryConfig(sentences=None, words=300))``; the summary is its sentence texts
  joined by spaces, templates and all. A second row scores the same summaries with the templates
  stripped: only the text of each sentence's ``spans`` (the quoted source text).
- First-3: the first three sentences of each document, concatenated in document order (Multi-News's
  "First-3" baseline, Fabbri et al. 2019).
- LexRank, TextRank: sumy 0.13 (``LexRankSummarizer``, ``TextRankSummarizer``, English snowball stemmer
  and sumy's English stop words). sumy's ``Tokenizer("english")`` needs NLTK's punkt data, which is not
  installed and cannot be downloaded here, so the documents are given to sumy ready split, through its
  ``ObjectDocumentModel``: one paragraph per line of each document, sentences by spaCy's statistical
  sentence segmenter (``en_core_web_sm``'s ``senter``), words by NLTK's Treebank-style word tokenizer
  (what ``nltk.word_tokenize`` runs after its punkt step; it needs no data) filtered as sumy filters.
  Sentences are taken best-rated first until 300 words, then put back in document order.

Support share: a newsprism summary sentence is supported when each of its spans, sliced from the stored
article text, is non-empty and appears verbatim in the sentence, and the sentence is exactly one of the
summary templates filled with those span texts and the sentence's own outlets (corroborated: the span
text alone; single-source: ``Only <outlets> reports: <span>``; conflict: ``Accounts differ on <label>:
<outlet> reports “<span>”; ...``).

Seconds are the wall time per cluster summed over clusters: for newsprism store writes, analysis
(parse, claims), comparison (claim vectors, alignment) and the summary; for the baselines sentence
splitting and ranking. With the default cache (``bench/.cache/summaries/``, one store per cluster) a
second run skips the analysis and the claim vectors; ``--fresh`` uses temporary stores (the timings to
record).
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import re
import sys
import tempfile
import time
from pathlib import Path

from _common import DATA, ROOT, save_json, table

MULTINEWS = DATA / "multinews" / "dev100.csv"
CACHE = ROOT / "bench" / ".cache" / "summaries"
WORDS = 300


def load(limit: int | None = None) -> list[dict]:
    """[{documents: [str], summary: str}] in file order."""
    csv.field_size_limit(sys.maxsize)
    with MULTINEWS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows = rows[:limit] if limit else rows
    return [{"documents": ast.literal_eval(r["documents"]), "summary": r["summary"]} for r in rows]


def truncate(text: str, words: int = WORDS) -> str:
    return " ".join(text.split()[:words])


# -- newsprism ----------------------------------------------------------------------------------------

def newsprism_summary(documents: list[str], words: int = WORDS, cache: Path | None = None) -> dict:
    """``{items, texts}``: the summary items of the cluster as one story, and ``texts`` (article id ->
    stored text) to check their spans against."""
    from newsprism.store import Store

    if cache is None:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "cluster.db") as store:
            return _summarize_cluster(store, documents, words)
    cache.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha1("\x00".join(documents).encode("utf-8")).hexdigest()[:16]
    with Store(cache / f"{key}.db") as store:
        return _summarize_cluster(store, documents, words)


def _summarize_cluster(store, documents: list[str], words: int) -> dict:
    from newsprism.api import analyze
    from newsprism.compare import compare_story
    from newsprism.models import Article
    from newsprism.summarize import SummaryConfig, summarize

    with store.transaction():
        for i, text in enumerate(documents):
            if text.strip():
                store.add_article(Article.build(text, outlet=f"Source {i + 1}"))
    report, _ = analyze(store)
    if report.failed:
        raise RuntimeError(f"analysis failed: {report.failed}")
    origins = {aid: origin for story in store.stories() for aid, origin in story["articles"]}
    articles = list(store.articles())
    members = [(a.id, origins.get(a.id, a.id)) for a in articles]
    comparison = compare_story(store, members)
    items = summarize(comparison, SummaryConfig(sentences=None, words=words))
    return {"items": items, "texts": {a.id: a.text for a in articles}, "stories": len(store.stories())}


def joined(items: list[dict]) -> str:
    """The summary as produced: its sentences joined by spaces."""
    return " ".join(item["text"] for item in items)


def stripped(items: list[dict], texts: dict[str, str]) -> str:
    """Only the quoted source text: each sentence's spans, without the template words."""
    return " ".join(texts[s["article_id"]][s["start"]:s["end"]] for item in items for s in item["spans"])


def supported(item: dict, texts: dict[str, str]) -> bool:
    """The sentence is its spans' source text, verbatim, inside one of the fixed summary templates."""
    from newsprism.summarize import SLOT_LABELS, join_names

    quoted = []
    for span in item["spans"]:
        source = texts.get(span["article_id"])
        if source is None or not 0 <= span["start"] < span["end"] <= len(source):
            return False
        piece = source[span["start"]:span["end"]]
        if not piece.strip() or piece not in item["text"]:
            return False
        quoted.append((span["outlet"], piece))
    if not quoted:
        return False
    text = item["text"]
    if len(quoted) == 1:
        piece = quoted[0][1]
        verb = "reports" if len(item["outlets"]) == 1 else "report"
        if text in (piece, f"Only {join_names(item['outlets'])} {verb}: {piece}"):
            return True
    labels = "|".join(re.escape(label) for label in SLOT_LABELS.values()) + r"|\w+"
    values = "; ".join(f"{re.escape(outlet)} reports “{re.escape(piece)}”" for outlet, piece in quoted)
    return re.fullmatch(rf"Accounts differ on (?:{labels}): {values}\.", text) is not None


# -- baselines ----------------------------------------------------------------------------------------

class _Splitter:
    """Sentences by spaCy's statistical segmenter (each line of a document on its own), words by NLTK's
    Treebank-style tokenizer: the two jobs of sumy's Tokenizer, without NLTK's punkt data."""

    language = "english"

    def __init__(self):
        import spacy
        from nltk.tokenize import NLTKWordTokenizer
        from sumy.nlp.tokenizers import Tokenizer

        from newsprism.annotate.nlp import SPACY_MODELS

        for name in SPACY_MODELS:
            try:
                self.nlp = spacy.load(name, exclude=["parser", "ner", "lemmatizer", "attribute_ruler", "tagger"])
                break
            except OSError:
                continue
        self.nlp.enable_pipe("senter")
        self.nlp.max_length = 10_000_000
        self._words = NLTKWordTokenizer()
        self._is_word = Tokenizer._is_word

    def paragraphs(self, document: str) -> list[list[str]]:
        """The document's non-empty lines, each as its sentences."""
        lines = [line.strip() for line in document.splitlines() if line.strip()]
        return [[s.text.strip() for s in doc.sents if s.text.strip()] for doc in self.nlp.pipe(lines)]

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._words.tokenize(sentence) if self._is_word(w))


def first3(paragraphs_by_doc: list[list[list[str]]], words: int = WORDS) -> str:
    """The first three sentences of each document, concatenated in document order."""
    out = []
    for paragraphs in paragraphs_by_doc:
        out += [s for p in paragraphs for s in p][:3]
    return truncate(" ".join(out), words)


def sumy_summary(summarizer, splitter: _Splitter, paragraphs_by_doc: list[list[list[str]]], words: int = WORDS) -> str:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    document = ObjectDocumentModel([
        Paragraph([Sentence(s, splitter) for s in paragraph])
        for paragraphs in paragraphs_by_doc for paragraph in paragraphs if paragraph
    ])
    if not document.sentences:
        return ""

    def until_budget(infos):  # best rated first, until the budget is reached
        chosen, total = [], 0
        for info in infos:
            if total >= words:
                break
            chosen.append(info)
            total += len(str(info.sentence).split())
        return chosen

    return truncate(" ".join(str(s) for s in summarizer(document, until_budget)), words)


def sumy_summarizers() -> dict:
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    out = {}
    for name, cls in (("LexRank (sumy)", LexRankSummarizer), ("TextRank (sumy)", TextRankSummarizer)):
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        out[name] = summarizer
    return out


# -- the run ------------------------------------------------------------------------------------------

NEWSPRISM = "newsprism, as produced"
NEWSPRISM_STRIPPED = "newsprism, templates stripped (span text only)"
FIRST3 = "First-3 (first 3 sentences of each document)"


def run(clusters: list[dict], words: int = WORDS, cache: Path | None = None, progress=None) -> dict:
    """Per system: the outputs, per-cluster ROUGE and seconds; plus newsprism's summary items."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    splitter = _Splitter()
    rankers = sumy_summarizers()
    systems = [NEWSPRISM, NEWSPRISM_STRIPPED, FIRST3, *rankers]
    results = {name: {"outputs": [], "scores": [], "seconds": 0.0} for name in systems}
    details = []
    for n, cluster in enumerate(clusters):
        documents = [d for d in cluster["documents"] if d.strip()]
        start = time.perf_counter()
        summary = newsprism_summary(cluster["documents"], words, cache)
        results[NEWSPRISM]["seconds"] += time.perf_counter() - start
        outputs = {NEWSPRISM: truncate(joined(summary["items"]), words),
                   NEWSPRISM_STRIPPED: truncate(stripped(summary["items"], summary["texts"]), words)}
        start = time.perf_counter()
        paragraphs = [splitter.paragraphs(d) for d in documents]
        split_seconds = time.perf_counter() - start
        outputs[FIRST3] = first3(paragraphs, words)
        results[FIRST3]["seconds"] += time.perf_counter() - start
        for name, summarizer in rankers.items():
            start = time.perf_counter()
            outputs[name] = sumy_summary(summarizer, splitter, paragraphs, words)
            results[name]["seconds"] += time.perf_counter() - start + split_seconds
        for name, output in outputs.items():
            scores = scorer.score(cluster["summary"], output)
            results[name]["outputs"].append(output)
            results[name]["scores"].append({k: v.fmeasure for k, v in scores.items()})
        details.append({
            "items": summary["items"], "stories": summary["stories"],
            "supported": [supported(item, summary["texts"]) for item in summary["items"]],
        })
        if progress:
            progress(n + 1, len(clusters), results)
    return {"systems": results, "newsprism": details}


def rows(results: dict) -> list[list]:
    out = []
    for name, r in results["systems"].items():
        k = max(len(r["scores"]), 1)
        mean = {m: 100 * sum(s[m] for s in r["scores"]) / k for m in ("rouge1", "rouge2", "rougeL")}
        length = sum(len(o.split()) for o in r["outputs"]) / k
        out.append([name, f"{mean['rouge1']:.2f}", f"{mean['rouge2']:.2f}", f"{mean['rougeL']:.2f}",
                    f"{length:.0f}", "same run" if name == NEWSPRISM_STRIPPED else f"{r['seconds']:.1f}"])
    return out


def support_share(results: dict) -> tuple[int, int]:
    flags = [f for d in results["newsprism"] for f in d["supported"]]
    return sum(flags), len(flags)


def paired(results: dict, a: str, b: str, resamples: int = 2000) -> tuple[float, float, float, int]:
    """Mean per-cluster R-1 difference a - b (x 100), its 95% bootstrap interval, and a's wins."""
    import random

    diffs = [100 * (x["rouge1"] - y["rouge1"])
             for x, y in zip(results["systems"][a]["scores"], results["systems"][b]["scores"])]
    rng = random.Random(0)
    means = sorted(sum(rng.choices(diffs, k=len(diffs))) / len(diffs) for _ in range(resamples))
    return (sum(diffs) / len(diffs), means[int(0.025 * resamples)], means[int(0.975 * resamples) - 1],
            sum(d > 0 for d in diffs))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N clusters")
    parser.add_argument("--words", type=int, default=WORDS, help="word budget (default 300)")
    parser.add_argument("--fresh", action="store_true", help="temporary stores, no cache (for timings)")
    parser.add_argument("--json", help="write outputs and per-cluster scores here")
    args = parser.parse_args(argv)

    clusters = load(args.limit)

    def progress(done, total, results):
        r1 = {name: sum(s["rouge1"] for s in r["scores"]) / done for name, r in results.items()}
        print(f"  {done}/{total} " + "  ".join(f"{name.split(',')[0].split(' (')[0]} {100 * v:.1f}"
                                           for name, v in r1.items()), file=sys.stderr, flush=True)

    results = run(clusters, args.words, None if args.fresh else CACHE, progress)
    print(file=sys.stderr)
    print(f"{len(clusters)} Multi-News clusters ({sum(len(c['documents']) for c in clusters)} documents), "
          f"{args.words}-word budget, ROUGE F1 x 100 (rouge-score, stemmed)"
          + ("" if args.fresh else "; newsprism's analysis cached in bench/.cache/summaries where present"))
    print()
    print(table(["system", "R-1", "R-2", "R-L", "words/summary", "seconds"], rows(results)))
    ok, total = support_share(results)
    print()
    share = 100 * ok / max(total, 1)
    print(f"newsprism summary sentences fully supported by source text: {ok} / {total} ({share:.1f}%)")
    statuses = {}
    for d in results["newsprism"]:
        for item in d["items"]:
            kind = ("conflicting" if item["text"].startswith("Accounts differ on ")
                    else "single_source" if item["text"].startswith("Only ") else "corroborated")
            statuses[kind] = statuses.get(kind, 0) + 1
    print("newsprism summary sentences by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print("newsprism R-1 minus each baseline's, paired over clusters (95% bootstrap interval, 2,000 resamples):")
    for name in results["systems"]:
        if not name.startswith("newsprism"):
            mean, low, high, wins = paired(results, NEWSPRISM, name)
            print(f"  {name}: {mean:+.2f} [{low:+.2f}, {high:+.2f}], newsprism higher on {wins} of {len(clusters)}")
    one = sum(d["stories"] == 1 for d in results["newsprism"])
    print(f"clusters whose articles newsprism's clustering put in one story: {one} of {len(clusters)} "
          "(each cluster is compared as one story regardless)")
    r1 = {r[0]: float(r[1]) for r in rows(results)}
    beaten = all(r1[NEWSPRISM] > r1[name] for name in r1 if not name.startswith("newsprism"))
    print(f"acceptance (newsprism R-1 above every baseline, 100% supported): "
          f"{'PASS' if beaten and ok == total else 'FAIL'}")
    save_json(args.json, results)


if __name__ == "__main__":
    main()
