"""Framing: each outlet's distinctive word choice in a story, and what it leaves out.

Distinctive terms are words and two-word phrases scored by the weighted log-odds ratio with an
informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words"): one outlet's
counts against the other outlets' of the same story, with the prior taken from the whole story
(scaled to ``prior_size`` pseudo-counts). The score is the z-score of the log-odds difference, so
a frequent word needs a real difference to rank, and a rare one is not rewarded by chance.
Terms are lower-cased; stop words are dropped, and phrases must not start or end with one.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["term_counts", "log_odds", "distinctive_terms"]

_TOKEN = re.compile(r"[a-z][a-z0-9'’-]*[a-z0-9]|[a-z]")


def term_counts(text: str) -> Counter:
    """Unigrams and bigrams of content words ("naval patrols"), lower-cased."""
    tokens = [t.replace("’", "'") for t in _TOKEN.findall(text.lower())]
    tokens = [t[:-2] if t.endswith("'s") else t for t in tokens]
    counts = Counter(t for t in tokens if t not in STOP_WORDS and len(t) > 2)
    for a, b in zip(tokens, tokens[1:]):
        if a not in STOP_WORDS and b not in STOP_WORDS and len(a) > 2 and len(b) > 2:
            counts[f"{a} {b}"] += 1
    return counts


def log_odds(target: Counter, rest: Counter, prior: Counter, prior_size: float = 500.0) -> dict[str, float]:
    """z-scores of the weighted log-odds of each of ``target``'s terms against ``rest``."""
    n_t, n_r, n_p = sum(target.values()), sum(rest.values()), sum(prior.values())
    if not n_t or not n_p:
        return {}
    scale = prior_size / n_p
    a0 = prior_size
    scores = {}
    for term, y_t in target.items():
        a = prior[term] * scale
        y_r = rest.get(term, 0)
        delta = math.log((y_t + a) / (n_t + a0 - y_t - a)) - math.log((y_r + a) / (n_r + a0 - y_r - a))
        variance = 1.0 / (y_t + a) + 1.0 / (y_r + a)
        scores[term] = delta / math.sqrt(variance)
    return scores


def distinctive_terms(texts_by_outlet: dict[str, str], top: int = 10, min_count: int = 2) -> dict[str, list[dict]]:
    """Per outlet, its ``top`` terms with a positive z-score, used at least ``min_count`` times
    (or once, for a phrase), most distinctive first."""
    counts = {outlet: term_counts(text) for outlet, text in texts_by_outlet.items()}
    prior = sum(counts.values(), Counter())
    out = {}
    for outlet, target in counts.items():
        rest = prior - target
        scores = log_odds(target, rest, prior)
        ranked = sorted(
            ((t, s) for t, s in scores.items() if s > 0 and (target[t] >= min_count or " " in t)),
            key=lambda p: (-p[1], p[0]),
        )
        out[outlet] = [{"term": t, "score": round(s, 3), "count": target[t]} for t, s in _drop_nested(ranked)[:top]]
    return out


def _drop_nested(ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Keep a word only if no higher-ranked phrase already contains it."""
    kept: list[tuple[str, float]] = []
    for term, score in ranked:
        if not any(" " in k and term in k.split() for k, _ in kept):
            kept.append((term, score))
    return kept
