"""Cross-outlet comparison: entity reconciliation on NewsWCL50 and event coreference on ECB+, each with
a baseline scored by the same code in the same run.

    python bench/compare.py [--json FILE]

1. NewsWCL50 (10 events x 5 outlets). Each article's text is rebuilt from the CoNLL tokens (with a
   character map back to the tokens), parsed by newsprism's spaCy pipeline, its entities found by
   ``find_entities``, and the five articles of an event joined by ``reconcile_entities``. A predicted
   mention stands for a gold mention when it covers the gold mention's head token or at least half of
   its tokens. Scored: pairwise P/R/F1 over pairs of detected gold mentions from *different* articles
   (positive in gold: same gold chain; predicted: same story entity), against an exact-string baseline
   (identical lower-cased text) over the same mentions.
2. ECB+ event coreference, test topics 36-45, gold event mentions (Cybulska setup, Barhom et al.'s
   split and mentions; sentences restricted to ``ECBplus_coreference_sentences.csv``). Each mention is
   a claim item: its sentence and the segment (``segments()``) that holds its trigger, with MiniLM
   vectors; similarity is newsprism's own ``similarity_matrix`` over these items, plus a bonus when the
   triggers' head lemmas agree; average-linkage clustering with a threshold and bonus tuned on the dev
   topics. Baseline: same head lemma. Scored with
   MUC, B3, CEAF-e and their mean (CoNLL F1), over all test mentions as one document (as the gold key).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from types import SimpleNamespace

import numpy as np

from _common import DATA, ROOT, save_json, table

CACHE = ROOT / "bench" / ".cache"
WCL = DATA / "newswcl50"
WCL_CONLL = WCL / "NewsWCL50-prep" / "output_data" / "NewsWCL50.conll"
WCL_URLS = WCL / "original" / "urls.tsv"
ECB = DATA / "ecbplus"
ECB_XML = ECB / "ECB+_LREC2014" / "ECB+"
ECB_SENTENCES = ECB / "ECB+_LREC2014" / "ECBplus_coreference_sentences.csv"
CYBULSKA = ECB / "barhom2019_processed" / "data" / "interim" / "cybulska_setup"
GOLD_KEY = ECB / "barhom2019_processed" / "data" / "gold" / "cybulska_gold" / "CD_test_event_mention_based.key_conll"
PREDICTED_TOPICS = ECB / "barhom2019_processed" / "data" / "external" / "document_clustering" / "predicted_topics.json"


# -- coreference metrics ---------------------------------------------------------------------------
# ``key`` and ``response``: mention -> cluster id, over the same mentions (gold mentions).


def _clusters(assign: dict) -> list[set]:
    out = defaultdict(set)
    for mention, cluster in assign.items():
        out[cluster].add(mention)
    return list(out.values())


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def muc(key: dict, response: dict) -> tuple[float, float, float]:
    """MUC (Vilain et al. 1995): for each cluster, its size less the number of parts the other side
    cuts it into, over its size less one (a mention absent from the other side is a part of its own)."""
    def score(a: dict, b: dict) -> tuple[int, int]:
        num = den = 0
        for cluster in _clusters(a):
            parts = {b.get(m, ("missing", m)) for m in cluster}
            num += len(cluster) - len(parts)
            den += len(cluster) - 1
        return num, den

    r_num, r_den = score(key, response)
    p_num, p_den = score(response, key)
    return _prf(p_num, p_den, r_num, r_den)


def b_cubed(key: dict, response: dict) -> tuple[float, float, float]:
    """B3 (Bagga and Baldwin 1998): per mention, the share of its response cluster in its key cluster
    (precision) and of its key cluster in its response cluster (recall), averaged over mentions."""
    kc = {m: c for c in _clusters(key) for m in c}
    rc = {m: c for c in _clusters(response) for m in c}
    p = sum(len(rc[m] & kc.get(m, {m})) / len(rc[m]) for m in rc)
    r = sum(len(kc[m] & rc.get(m, {m})) / len(kc[m]) for m in kc)
    return _prf(p, len(rc), r, len(kc))


def ceaf_e(key: dict, response: dict) -> tuple[float, float, float]:
    """Entity-based CEAF (Luo 2005): the best one-to-one alignment of key and response clusters by
    phi4 = 2|K & R| / (|K| + |R|) (scipy's linear_sum_assignment), over the number of key clusters
    (recall) and of response clusters (precision)."""
    from scipy.optimize import linear_sum_assignment

    ks, rs = _clusters(key), _clusters(response)
    if not ks or not rs:
        return 0.0, 0.0, 0.0
    owner = {m: j for j, c in enumerate(rs) for m in c}
    phi = np.zeros((len(ks), len(rs)))
    for i, k in enumerate(ks):
        for j, n in Counter(owner[m] for m in k if m in owner).items():
            phi[i, j] = 2 * n / (len(k) + len(rs[j]))
    rows, cols = linear_sum_assignment(phi, maximize=True)
    total = float(phi[rows, cols].sum())
    return _prf(total, len(rs), total, len(ks))


def conll_scores(key: dict, response: dict) -> dict[str, float]:
    out = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = metric(key, response)
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


def pairwise_counts(items: list, gold: dict, pred: dict, group: dict) -> tuple[int, int, int]:
    """Over pairs of ``items`` from different ``group``s (articles): true positive pairs, gold positive
    pairs (same gold cluster) and predicted positive pairs (same predicted cluster)."""
    tp = gp = pp = 0
    for a, b in combinations(items, 2):
        if group[a] == group[b]:
            continue
        g, p = gold[a] == gold[b], pred[a] == pred[b]
        tp += g and p
        gp += g
        pp += p
    return tp, gp, pp


# -- text rebuilt from tokens ----------------------------------------------------------------------

_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "'s", "'m", "'re", "'ve", "'ll", "'d", "n't",
                    "\u2019s", "n\u2019t", "\u2019", "\u201d", "'", "..."}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "\u201c", "\u2018"}


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text from tokens with ordinary spacing (no space before closing punctuation or clitics, none
    after opening brackets, hyphens joined, straight double quotes paired), and each token's character
    span in it. A token that is a line break (``\\n``) starts a new line; blank tokens get empty spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    glue = True  # no space before the next token
    quote_open = False
    for token in tokens:
        tok = token.strip()
        if tok == "\\n":
            if out:
                out.append("\n")
                pos += 1
            spans.append((pos, pos))
            glue, quote_open = True, False
            continue
        if not tok:
            spans.append((pos, pos))
            continue
        space = not glue
        if tok in _NO_SPACE_BEFORE or tok == "-":
            space = False
        if tok == '"' and quote_open:
            space = False
        if space:
            out.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        out.append(tok)
        pos += len(tok)
        glue = tok in _NO_SPACE_AFTER or tok == "-"
        if tok == '"':
            glue = not quote_open
            quote_open = not quote_open
    return "".join(out), spans


# -- 1. NewsWCL50: entities across outlets ---------------------------------------------------------


@dataclass
class GoldMention:
    doc: str
    chain: str
    first: int  # token indexes, inclusive
    last: int


def chain_kind(chain: str) -> str:
    """NewsWCL50's chain type, from its name: ACTOR (one named person), COUNTRY (a country and its
    government, officials and metonyms), ACTOR-I (several individuals of one side), GROUP, or the
    loose concept chains EVENT, ACTION, MISC and OBJECT."""
    return chain.rsplit("_", 1)[-1]


#: Named-entity-like chains: one named person, or one country (with its metonyms).
NAMED_KINDS = {"ACTOR", "COUNTRY"}


def wcl_documents() -> dict[str, tuple[list[str], list[GoldMention]]]:
    """doc -> (tokens, gold mentions), from the CoNLL file; mentions may nest."""
    docs: dict[str, tuple[list[str], list[GoldMention]]] = {}
    open_: dict[tuple[str, str], list[int]] = defaultdict(list)
    for line in WCL_CONLL.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 5:
            continue
        doc = parts[0].split("/")[-1]
        tokens, mentions = docs.setdefault(doc, ([], []))
        i = len(tokens)
        tokens.append(parts[3])
        for tag in parts[4].split("|"):
            tag = tag.strip()
            if tag in ("", "-"):
                continue
            chain = tag.strip("()")
            if tag.startswith("("):
                open_[doc, chain].append(i)
            if tag.endswith(")"):
                start = open_[doc, chain].pop()
                mentions.append(GoldMention(doc, chain, start, i))
    left = {k: v for k, v in open_.items() if v}
    assert not left, f"unclosed NewsWCL50 mentions: {list(left)[:3]}"
    return docs


def wcl_outlets() -> dict[str, str]:
    """doc (``0_LL``) -> the outlet's domain."""
    out = {}
    with WCL_URLS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            domain = re.sub(r"^www\.", "", row["URL"].split("/")[2])
            out[f"{row['Event ID']}_{row['Outlet']}"] = domain
    return out


def _span_overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def map_mentions(doc, spans: list[tuple[int, int]], gold: list[GoldMention], predicted: list[tuple]) -> dict:
    """Gold mention index -> (predicted entity, predicted text) for the gold mentions a predicted
    mention stands for: it covers the gold mention's head token (spaCy's root of the gold span), or at
    least half of the gold mention's tokens. A predicted mention stands for one gold mention (the
    shortest it matches; a head match first); a gold mention keeps the predicted mention sharing the
    most characters with it."""
    heads = []
    for g in gold:
        start, end = spans[g.first][0], spans[g.last][1]
        span = doc.char_span(start, end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        heads.append((root.idx, root.idx + len(root.text)) if root is not None else (start, end))
    by_gold: dict[int, tuple[int, tuple]] = {}
    for p_start, p_end, entity, text in predicted:
        best = None
        for gi, g in enumerate(gold):
            g_start, g_end = spans[g.first][0], spans[g.last][1]
            if p_end <= g_start or p_start >= g_end:
                continue
            head = p_start <= heads[gi][0] and heads[gi][1] <= p_end
            toks = [t for t in range(g.first, g.last + 1) if spans[t][1] > spans[t][0]]
            covered = sum(1 for t in toks if p_start <= spans[t][0] and spans[t][1] <= p_end)
            if not (head or (toks and covered * 2 >= len(toks))):
                continue
            rank = (not head, g.last - g.first)
            if best is None or rank < best[0]:
                best = (rank, gi)
        if best is None:
            continue
        gi = best[1]
        g = gold[gi]
        shared = _span_overlap((p_start, p_end), (spans[g.first][0], spans[g.last][1]))
        if gi not in by_gold or shared > by_gold[gi][0]:
            by_gold[gi] = (shared, (entity, text))
    return {gi: v for gi, (_, v) in by_gold.items()}


def parse_wcl(events: list[str] | None = None):
    """Per event: the parsed articles, their texts, token spans and gold mentions, and the predicted
    story entities of ``reconcile_entities`` (one pass of spaCy over each article)."""
    from newsprism.annotate.entities import find_entities
    from newsprism.annotate.nlp import load_nlp
    from newsprism.compare.entities import reconcile_entities
    from newsprism.compare.story import StoryArticle
    from newsprism.models import Annotations, Article

    docs = wcl_documents()
    outlets = wcl_outlets()
    names = sorted(d for d in docs if events is None or d.split("_")[0] in events)
    texts = {}
    for name in names:
        texts[name] = detokenize(docs[name][0])
    nlp = load_nlp()
    parsed = dict(zip(names, nlp.pipe((texts[n][0] for n in names), batch_size=8)))
    by_event = defaultdict(list)
    for name in names:
        by_event[name.split("_")[0]].append(name)
    out = {}
    for event, members in sorted(by_event.items(), key=lambda kv: int(kv[0])):
        story = []
        for name in members:
            text = texts[name][0]
            article = Article(id=name, text=text, outlet=outlets.get(name, name))
            entities = tuple(find_entities(parsed[name]))
            vectors = np.zeros((0, 384), dtype=np.float32)  # unused by reconcile_entities
            story.append(StoryArticle(article, Annotations(entities=entities), name, vectors))
        _, mapping = reconcile_entities(story)
        records = []
        for sa in story:
            name = sa.article.id
            predicted = [(m.start, m.end, (name, e.id), m.text) for e in sa.notes.entities for m in e.mentions]
            _, gold = docs[name]
            spans = texts[name][1]
            found = map_mentions(parsed[name], spans, gold, predicted)
            for gi, g in enumerate(gold):
                gold_text = texts[name][0][spans[g.first][0]:spans[g.last][1]]
                member, pred_text = found.get(gi, (None, None))
                records.append({"doc": name, "chain": g.chain, "kind": chain_kind(g.chain), "gold_text": gold_text,
                                "entity": member and f"{event}:{mapping[member]}",
                                "pred_text": pred_text})
        out[event] = records
    return out


def wcl_scores(records_by_event: dict[str, list[dict]], kinds: set[str] | None) -> dict:
    """Pairwise scores of newsprism and the exact-string baselines over detected gold mentions of the
    given chain kinds (all when ``None``), pairs taken within each event across its articles."""
    systems = WCL_SYSTEMS
    counts = Counter()
    tallies = {s: Counter() for s in systems}
    for event, records in records_by_event.items():
        scope = [r for r in records if kinds is None or r["kind"] in kinds]
        counts["gold"] += len(scope)
        detected = [i for i, r in enumerate(scope) if r["entity"] is not None]
        counts["detected"] += len(detected)
        gold = {i: scope[i]["chain"] for i in detected}
        group = {i: scope[i]["doc"] for i in detected}
        for system, field in systems.items():
            pred = {i: (scope[i][field] if field == "entity" else scope[i][field].lower()) for i in detected}
            tp, gp, pp = pairwise_counts(detected, gold, pred, group)
            tallies[system].update({"tp": tp, "gold_pairs": gp, "pred_pairs": pp})
    out = {"gold_mentions": counts["gold"], "detected": counts["detected"],
           "detection_recall": counts["detected"] / counts["gold"] if counts["gold"] else 0.0}
    for system, t in tallies.items():
        p, r, f = _prf(t["tp"], t["pred_pairs"], t["tp"], t["gold_pairs"])
        out[system] = {"p": p, "r": r, "f1": f, "gold_pairs": t["gold_pairs"], "pred_pairs": t["pred_pairs"]}
    return out


WCL_SYSTEMS = {
    "newsprism reconcile_entities": "entity",
    "exact string (predicted span)": "pred_text",
    "exact string (gold span)": "gold_text",
}

WCL_SUBSETS = {
    "all chains": None,
    "named-entity-like (ACTOR, COUNTRY)": NAMED_KINDS,
    "ACTOR": {"ACTOR"},
    "COUNTRY": {"COUNTRY"},
    "GROUP, ACTOR-I": {"GROUP", "ACTOR-I"},
    "EVENT, ACTION, MISC, OBJECT": {"EVENT", "ACTION", "MISC", "OBJECT"},
}


def run_wcl() -> tuple[dict, list[list]]:
    records = parse_wcl()
    results, rows = {}, []
    for label, kinds in WCL_SUBSETS.items():
        s = results[label] = wcl_scores(records, kinds)
        for system in WCL_SYSTEMS:
            r = s[system]
            rows.append([label, f"{s['detected']} / {s['gold_mentions']} ({s['detection_recall']:.3f})", system,
                         r["p"], r["r"], r["f1"], r["gold_pairs"], r["pred_pairs"]])
    results["errors"] = wcl_errors(records)
    return results, rows


def wcl_errors(records_by_event) -> dict:
    """The commonest cross-article misses (same gold chain, different story entities) and false joins
    on named-entity-like chains, by predicted text: what to look at."""
    misses, joins = Counter(), Counter()
    for records in records_by_event.values():
        rs = [r for r in records if r["entity"] is not None and r["kind"] in NAMED_KINDS]
        for a, b in combinations(rs, 2):
            if a["doc"] == b["doc"]:
                continue
            key = tuple(sorted((a["pred_text"], b["pred_text"])))
            if a["chain"] == b["chain"] and a["entity"] != b["entity"]:
                misses[key] += 1
            elif a["chain"] != b["chain"] and a["entity"] == b["entity"]:
                joins[key] += 1
    return {"misses": [[" / ".join(k), n] for k, n in misses.most_common(12)],
            "false_joins": [[" / ".join(k), n] for k, n in joins.most_common(12)]}


# -- 2. ECB+: event coreference --------------------------------------------------------------------

TEST_TOPICS = set(range(36, 46))
_XML_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="(\d+)">([^<]*)</token>')


def _unescape(token: str) -> str:
    for entity, char in (("&quot;", '"'), ("&apos;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")):
        token = token.replace(entity, char)
    return token


def ecb_sentences(docs: set[str]) -> dict[tuple[str, int], list[str]]:
    """(doc, sentence id) -> tokens, for the validated sentences of ``ECBplus_coreference_sentences.csv``
    only. Sentence ids as in the Cybulska-setup mention files: an ``ecbplus`` document's XML sentence 0
    is its URL line, so its sentences are numbered from the XML's less one."""
    wanted = set()
    with ECB_SENTENCES.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            wanted.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    out = {}
    for doc in sorted(docs):
        topic = doc.split("_")[0]
        sentences = defaultdict(list)
        for s, _, token in _XML_TOKEN.findall((ECB_XML / topic / f"{doc}.xml").read_text(encoding="utf-8")):
            sentences[int(s)].append(_unescape(token))
        shift = 1 if doc.endswith("ecbplus") else 0
        for s, tokens in sentences.items():
            if (doc, s) in wanted:
                out[doc, s - shift] = tokens
    return out


@dataclass
class EventMention:
    id: int
    doc: str
    sentence: int
    tokens: list[int]
    chain: str
    text: str = ""
    lemma: str = ""
    sent_key: tuple = ()
    segment: str = ""

    @property
    def topic(self) -> int:
        return int(self.doc.split("_")[0])

    @property
    def subtopic(self) -> str:
        return f"{self.topic}{'+' if self.doc.endswith('ecbplus') else ''}"


def ecb_mentions(split: str) -> list[EventMention]:
    data = json.loads((CYBULSKA / f"ECB_{split}_Event_gold_mentions.json").read_text(encoding="utf-8"))
    return [EventMention(i, m["doc_id"], m["sent_id"], m["tokens_number"], m["coref_chain"], m["tokens_str"])
            for i, m in enumerate(data)]


def check_gold_key(mentions: list[EventMention]) -> None:
    """The gold chains read from the mention file have the cluster sizes of the published CoNLL key."""
    key_sizes = Counter(Counter(re.findall(r"\((\d+)\)", GOLD_KEY.read_text(encoding="utf-8"))).values())
    ours = Counter(Counter(m.chain for m in mentions).values())
    assert key_sizes == ours, "gold chains differ from the published test key"


def annotate_ecb(mentions: list[EventMention]) -> dict[tuple, tuple[str, list[tuple[int, int]]]]:
    """Fill each mention's head lemma (spaCy over the gold tokens: the mention token whose head lies
    outside it) and its trigger segment; return the sentences' texts and token spans."""
    from spacy.tokens import Doc

    from newsprism.annotate.nlp import load_nlp
    from newsprism.compare.claims import AlignConfig, segments

    sentences = ecb_sentences({m.doc for m in mentions})
    nlp = load_nlp()
    keys = sorted({(m.doc, m.sentence) for m in mentions})
    missing = [k for k in keys if k not in sentences]
    assert not missing, f"mentions in sentences not in the validated list: {missing[:3]}"
    texts = {k: detokenize(sentences[k]) for k in keys}
    docs = {}
    for k in keys:
        text, spans = texts[k]
        words = [text[a:b] for a, b in spans]
        spaces = [i + 1 < len(spans) and spans[i + 1][0] > b for i, (a, b) in enumerate(spans)]
        docs[k] = Doc(nlp.vocab, words=words, spaces=spaces)
    docs = dict(zip(keys, nlp.pipe(docs[k] for k in keys)))
    mismatched = 0
    for m in mentions:
        k = (m.doc, m.sentence)
        doc = docs[k]
        text, spans = texts[k]
        mismatched += " ".join(doc[t].text for t in m.tokens).split() != m.text.split()
        inside = set(m.tokens)
        heads = [t for t in m.tokens if doc[t].head.i not in inside or doc[t].head.i == t]
        head = doc[heads[-1] if heads else m.tokens[-1]]
        m.lemma = head.lemma_.lower()
        m.sent_key = k
        start, end = spans[min(m.tokens)][0], spans[max(m.tokens)][1]
        m.segment = text
        at = 0
        for part in segments(text, AlignConfig().segment_words):
            found = text.find(part, at)
            if found < 0:
                continue
            at = found + len(part)
            if found <= start and end <= found + len(part):
                m.segment = part
                break
    # Barhom et al.'s mention strings normalise a few characters ("Oscars\u00ae" -> "Oscars")
    assert mismatched <= len(mentions) // 100, f"{mismatched} mentions do not match the XML tokens"
    return {k: texts[k][0] for k in keys}


def embed_texts(texts: list[str]) -> dict[str, np.ndarray]:
    """MiniLM vectors (``load_embedder().encode``), cached on disk by text."""
    from newsprism.annotate.embed import load_embedder

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "compare_vectors.npz"
    cached = dict(np.load(path)) if path.exists() else {}
    keyed = {hashlib.sha1(t.encode()).hexdigest(): t for t in set(texts)}
    missing = [h for h in keyed if h not in cached]
    if missing:
        vectors = load_embedder().encode([keyed[h] for h in missing])
        cached.update(zip(missing, vectors))
        np.savez(path, **cached)
    return {t: cached[h] for h, t in keyed.items()}


def alignment_similarity(ms: list[EventMention], vectors: dict[str, np.ndarray]) -> np.ndarray:
    """newsprism's own ``similarity_matrix`` over minimal claim items, one per mention: the claim is
    the mention's sentence, its segments are the sentence and the segment holding the trigger (so the
    "leading segment" it compares is the trigger's), with no slots. Each sentence stands as an
    article of its own, so two mentions of one sentence are never compared (-1), as two claims of one
    article are not."""
    from newsprism.compare.claims import AlignConfig, ClaimItem, similarity_matrix

    items = []
    for n, m in enumerate(ms):
        text = _sent_text[m.sent_key]
        whole = vectors[text]
        parts = whole[None, :] if m.segment == text else np.stack([whole, vectors[m.segment]])
        source = SimpleNamespace(article=SimpleNamespace(id=f"{m.doc}:{m.sentence}"))
        items.append(ClaimItem(n, source, SimpleNamespace(text=text), whole, parts, frozenset(), frozenset(), {}, ()))
    return similarity_matrix(items, AlignConfig()).astype(np.float64)


def similarity(base: np.ndarray, ms: list[EventMention], lemma_bonus: float) -> np.ndarray:
    """The alignment similarity plus ``lemma_bonus`` when two triggers' head lemmas agree; pairs of
    one sentence stay unlinked."""
    lemmas = np.array([m.lemma for m in ms])
    sims = base + lemma_bonus * (lemmas[:, None] == lemmas[None, :])
    sims[base <= -1.0] = -1.0
    np.fill_diagonal(sims, max(1.0, float(sims.max())))
    return sims


_sent_text: dict[tuple, str] = {}


def average_linkage(sims: np.ndarray, thresholds: list[float]) -> list[list[int]]:
    """Agglomerative clustering, average linkage (the mean similarity two groups need to merge, as
    ``align_claims`` merges anchor sets), stopped below each threshold: one labelling per threshold."""
    n = len(sims)
    if n == 1:
        return [[0] for _ in thresholds]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    top = float(np.max(sims))
    dist = top - sims
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method="average")
    return [list(fcluster(z, t=top - t, criterion="distance")) for t in thresholds]


def units_of(mentions: list[EventMention], setting: str, predicted_topics: list[list[str]] | None = None) -> dict:
    """The mentions grouped into the units clustered separately: gold subtopics (topic + ecb/ecbplus),
    Barhom et al.'s predicted document clusters, or whole topics."""
    out = defaultdict(list)
    doc_cluster = {d: i for i, c in enumerate(predicted_topics or []) for d in c}
    for m in mentions:
        if setting == "subtopic":
            out[m.subtopic].append(m)
        elif setting == "topic":
            out[str(m.topic)].append(m)
        else:
            out[f"p{doc_cluster[m.doc]}"].append(m)
    return out


def cluster_newsprism(units, bases, thresholds: list[float], lemma_bonus: float) -> list[dict[int, str]]:
    """One clustering per threshold: mention id -> cluster. ``bases``: unit -> alignment similarity."""
    preds = [{} for _ in thresholds]
    for unit, ms in units.items():
        for pred, labels in zip(preds, average_linkage(similarity(bases[unit], ms, lemma_bonus), thresholds)):
            pred.update({m.id: f"{unit}:{label}" for m, label in zip(ms, labels)})
    return preds


def cluster_lemma(units) -> dict[int, str]:
    return {m.id: f"{unit}:{m.lemma}" for unit, ms in units.items() for m in ms}


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Area under the ROC curve: the chance that a positive pair scores above a negative one."""
    from scipy.stats import rankdata

    pos, neg = int(labels.sum()), int((~labels).sum())
    if not pos or not neg:
        return float("nan")
    ranks = rankdata(scores)
    return float((ranks[labels].sum() - pos * (pos + 1) / 2) / (pos * neg))


def signal_report(units, vectors) -> str:
    """How well the alignment similarity alone tells coreferent pairs (of different sentences, within
    the units) from the rest: overall, and separately for pairs whose trigger lemmas agree or not."""
    sims, labels, same = [], [], []
    for ms in units.values():
        base = alignment_similarity(ms, vectors)
        for a, b in combinations(range(len(ms)), 2):
            if base[a, b] > -1.0:
                sims.append(base[a, b])
                labels.append(ms[a].chain == ms[b].chain)
                same.append(ms[a].lemma == ms[b].lemma)
    sims, labels, same = np.array(sims), np.array(labels), np.array(same)
    parts = [f"all {auc(sims, labels):.3f} ({labels.sum()} coreferent of {len(labels)})",
             f"same lemma {auc(sims[same], labels[same]):.3f} ({labels[same].sum()} of {same.sum()})",
             f"different lemmas {auc(sims[~same], labels[~same]):.3f} ({labels[~same].sum()} of {(~same).sum()})"]
    lemma_p = labels[same].mean() if same.any() else 0.0
    return ("test pairs within gold subtopics, different sentences: ROC AUC of the alignment similarity alone: "
            + "; ".join(parts)
            + f"; same lemma as a classifier: precision {lemma_p:.3f}, recall {labels[same].sum() / labels.sum():.3f}")


def run_ecb() -> tuple[dict, list[list], list[str]]:
    from newsprism.compare.claims import AlignConfig

    dev, test = ecb_mentions("Dev"), ecb_mentions("Test")
    assert {m.topic for m in test} == TEST_TOPICS
    check_gold_key(test)
    for ms in (dev, test):
        _sent_text.update(annotate_ecb(ms))
    vectors = embed_texts(list(_sent_text.values()) + [m.segment for m in dev + test])
    predicted_topics = json.loads(PREDICTED_TOPICS.read_text(encoding="utf-8"))
    notes = []
    same_sentence = sum(1 for ms in units_of(test, "topic").values() for a, b in combinations(ms, 2)
                        if a.sent_key == b.sent_key and a.chain == b.chain)
    notes.append(f"gold coreferent pairs within one sentence (never linked by newsprism's signal): {same_sentence}")
    thresholds = [round(t, 2) for t in np.arange(0.30, 1.61, 0.02)]
    bonuses = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)
    tuned = {}
    for setting in ("subtopic", "topic"):
        key = {m.id: m.chain for m in dev}
        units = units_of(dev, setting)
        bases = {u: alignment_similarity(ms, vectors) for u, ms in units.items()}
        grid = {}
        for b in bonuses:
            for t, pred in zip(thresholds, cluster_newsprism(units, bases, thresholds, b)):
                grid[t, b] = conll_scores(key, pred)["conll_f1"]
        tuned[setting] = max(grid, key=grid.get)
        no_lemma = max((k for k in grid if k[1] == 0.0), key=grid.get)
        tuned[setting + "/no-lemma"] = no_lemma
        notes.append(f"tuned on dev topics ({len(dev)} mentions, clustered within {setting}s): "
                     f"threshold {tuned[setting][0]}, lemma bonus {tuned[setting][1]} "
                     f"(dev CoNLL F1 {grid[tuned[setting]]:.3f}); without the lemma bonus: "
                     f"threshold {no_lemma[0]} (dev {grid[no_lemma]:.3f}); same-lemma on dev: "
                     f"{conll_scores(key, cluster_lemma(units))['conll_f1']:.3f}")
    notes.append(signal_report(units_of(test, "subtopic"), vectors))
    key = {m.id: m.chain for m in test}
    results, rows = {}, []
    settings = {"gold subtopics": ("subtopic", "subtopic"),
                "Barhom's predicted doc clusters": ("predicted", "subtopic"),
                "whole topics": ("topic", "topic")}
    default = AlignConfig()
    for label, (setting, tuned_on) in settings.items():
        units = units_of(test, setting, predicted_topics)
        bases = {u: alignment_similarity(ms, vectors) for u, ms in units.items()}
        t, b = tuned[tuned_on]
        t0, _ = tuned[tuned_on + "/no-lemma"]
        runs = {
            "same lemma (baseline)": cluster_lemma(units),
            f"newsprism alignment + lemma (t={t}, bonus={b})": cluster_newsprism(units, bases, [t], b)[0],
            f"newsprism alignment alone (t={t0})": cluster_newsprism(units, bases, [t0], 0.0)[0],
            f"newsprism alignment, AlignConfig.group={default.group} untuned":
                cluster_newsprism(units, bases, [default.group], 0.0)[0],
        }
        if setting == "subtopic":
            runs["all singletons (reference)"] = {m.id: f"s{m.id}" for m in test}
        for system, pred in runs.items():
            s = results[f"{label} / {system}"] = conll_scores(key, pred)
            s["clusters"] = len(set(pred.values()))
            rows.append([label, system, s["muc_f1"], s["b3_p"], s["b3_r"], s["b3_f1"], s["ceafe_f1"], s["conll_f1"],
                         f"{s['clusters']} / {len(set(key.values()))}"])
    return results, rows, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--only", choices=("wcl", "ecb"), help="run one of the two evaluations")
    args = parser.parse_args()
    results = {}
    if args.only in (None, "wcl"):
        t0 = time.perf_counter()
        wcl, rows = run_wcl()
        results["newswcl50"] = wcl
        print("## NewsWCL50: entities across the five outlets of each event "
              "(pairs of mentions from different articles)\n")
        print(table(["chains", "detected / gold mentions", "system", "pair P", "pair R", "pair F1", "gold pairs",
                     "predicted pairs"], rows))
        print("\ncommonest misses on named-entity-like chains (predicted texts, cross-article pairs):",
              "; ".join(f"{k} ({n})" for k, n in wcl["errors"]["misses"][:8]))
        print("commonest false joins:", "; ".join(f"{k} ({n})" for k, n in wcl["errors"]["false_joins"][:8]))
        print(f"({time.perf_counter() - t0:.0f} s)\n")
    if args.only in (None, "ecb"):
        t0 = time.perf_counter()
        ecb, rows, notes = run_ecb()
        results["ecbplus"] = ecb
        print("## ECB+ test topics 36-45: event coreference with gold event mentions (1,780 mentions)\n")
        for note in notes:
            print(note)
        print()
        print(table(["clustered within", "system", "MUC F1", "B3 P", "B3 R", "B3 F1", "CEAF-e F1", "CoNLL F1",
                     "clusters / gold"], rows))
        print(f"({time.perf_counter() - t0:.0f} s)")
    save_json(args.json, results)


if __name__ == "__main__":
    main()
