"""bench/compare.py: the coreference metrics on hand-checked toy cases, the text rebuilt from tokens,
and a floor for cross-outlet entity reconciliation on one NewsWCL50 event."""

from __future__ import annotations

import sys

import pytest

from conftest import DATA, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import compare as bench  # noqa: E402

# key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {e} {f,g}
KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2, "g": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z", "f": "w", "g": "w"}


def close(got, want):
    assert got == pytest.approx(want, abs=1e-9)


def test_muc_by_hand():
    # recall: {a,b,c} is cut in 2 parts (3-2=1), {d,e,f,g} in 3 (4-3=1), over (2+3): 2/5.
    # precision: {a,b} 1 part (1), {c,d} 2 parts (0), {e} (0 of 0), {f,g} 1 part (1), over 1+1+0+1: 2/3.
    p, r, f = bench.muc(KEY, RESPONSE)
    close(p, 2 / 3)
    close(r, 2 / 5)
    close(f, 2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5))


def test_b_cubed_by_hand():
    # precision per mention: a 1, b 1, c 1/2, d 1/2, e 1, f 1, g 1 -> 6/7
    # recall per mention: a 2/3, b 2/3, c 1/3, d 1/4, e 1/4, f 2/4, g 2/4 -> 19/42
    p, r, _ = bench.b_cubed(KEY, RESPONSE)
    close(p, 6 / 7)
    close(r, 19 / 42)


def test_ceaf_e_by_hand():
    # phi4: {a,b,c}-{a,b} 4/5, {d,e,f,g}-{f,g} 4/6 is the best assignment (22/15); 2 key and 4
    # response clusters.
    p, r, _ = bench.ceaf_e(KEY, RESPONSE)
    close(r, 22 / 15 / 2)
    close(p, 22 / 15 / 4)


def test_singletons_and_identity():
    key = {"a": 1, "b": 1, "c": 2}
    singletons = {"a": "p", "b": "q", "c": "r"}
    assert bench.muc(key, singletons) == (0.0, 0.0, 0.0)
    close(bench.b_cubed(key, singletons)[0], 1.0)
    close(bench.b_cubed(key, singletons)[1], (1 / 2 + 1 / 2 + 1) / 3)
    p, r, _ = bench.ceaf_e(key, singletons)  # {a,b}-{a} 2/3 and {c}-{c} 1
    close(r, (2 / 3 + 1) / 2)
    close(p, (2 / 3 + 1) / 3)
    scores = bench.conll_scores(KEY, {m: f"r{c}" for m, c in KEY.items()})
    assert all(v == pytest.approx(1.0) for v in scores.values())


def test_pairwise_counts_skip_pairs_of_one_article():
    gold = {1: "A", 2: "A", 3: "A", 4: "B"}
    pred = {1: "x", 2: "x", 3: "y", 4: "y"}
    group = {1: "doc1", 2: "doc1", 3: "doc2", 4: "doc2"}
    # cross-article pairs: (1,3) gold yes, pred no; (1,4) no/no; (2,3) yes/no; (2,4) no/no
    assert bench.pairwise_counts([1, 2, 3, 4], gold, pred, group) == (0, 2, 0)
    pred[3] = "x"
    assert bench.pairwise_counts([1, 2, 3, 4], gold, pred, group) == (2, 2, 2)


def test_detokenize_spacing_and_offsets():
    tokens = ["Kim", "Jong", "-", "un", "said", ":", '"', "We", "'ll", "see", ".", '"', "\\n",
              "(", "Trump", ")", "won", "$", "5", "."]
    text, spans = bench.detokenize(tokens)
    assert text == 'Kim Jong-un said: "We\'ll see."\n(Trump) won $5.'
    assert [text[a:b] for a, b in spans] == [t if t != "\\n" else "" for t in tokens]


def test_gold_key_matches_mention_file():
    test = bench.ecb_mentions("Test")
    assert len(test) == 1780 and len({m.chain for m in test}) == 805
    bench.check_gold_key(test)


def test_newswcl50_event_floor():
    """Event 0 (Pompeo's trip to North Korea, five outlets): measured newsprism 0.757 pairwise F1 on
    named-entity-like chains (exact string 0.616), ACTOR chains 0.967, detection 0.790."""
    assert (DATA / "newswcl50").exists()
    records = bench.parse_wcl(["0"])
    named = bench.wcl_scores(records, bench.NAMED_KINDS)
    ours, exact = named["newsprism reconcile_entities"], named["exact string (predicted span)"]
    assert named["detection_recall"] >= 0.7
    assert ours["f1"] >= 0.70 and ours["p"] >= 0.95
    assert ours["f1"] >= exact["f1"]
    assert bench.wcl_scores(records, {"ACTOR"})["newsprism reconcile_entities"]["f1"] >= 0.9
