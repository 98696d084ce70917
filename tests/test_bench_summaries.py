"""The summary benchmark's support check, checked by hand, and a quality floor on real clusters."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import summaries  # noqa: E402

TEXT = "The ferry capsized on Tuesday. It carried 212 people."
TEXTS = {"a1": TEXT, "b2": "Officials said 214 people were aboard."}


def span(article_id, start, end, outlet="CNN"):
    return {"article_id": article_id, "outlet": outlet, "start": start, "end": end}


def test_support_of_each_template():
    first = span("a1", 0, 30)
    assert summaries.supported({"text": TEXT[:30], "outlets": ["CNN"], "spans": [first]}, TEXTS)
    assert summaries.supported({"text": f"Only CNN reports: {TEXT[:30]}", "outlets": ["CNN"], "spans": [first]}, TEXTS)
    conflict = {"text": "Accounts differ on the figure: CNN reports “212”; Axios reports “214”.",
                "outlets": ["Axios", "CNN"], "spans": [span("a1", 42, 45), span("b2", 15, 18, "Axios")]}
    assert summaries.supported(conflict, TEXTS)


def test_unsupported_sentences():
    first = span("a1", 0, 30)
    # words outside the templates, a span that is not in the sentence, a wrong outlet, an empty span
    assert not summaries.supported({"text": f"Reportedly, {TEXT[:30]}", "outlets": ["CNN"], "spans": [first]}, TEXTS)
    assert not summaries.supported({"text": "The ferry sank on Tuesday.", "outlets": ["CNN"], "spans": [first]}, TEXTS)
    wrong_outlet = {"text": f"Only Axios reports: {TEXT[:30]}", "outlets": ["CNN"], "spans": [first]}
    assert not summaries.supported(wrong_outlet, TEXTS)
    assert not summaries.supported({"text": "", "outlets": ["CNN"], "spans": [span("a1", 3, 3)]}, TEXTS)
    assert not summaries.supported({"text": TEXT[:30], "outlets": ["CNN"], "spans": []}, TEXTS)


def test_stripped_keeps_only_span_text():
    items = [{"text": f"Only CNN reports: {TEXT[:30]}", "outlets": ["CNN"], "spans": [span("a1", 0, 30)]}]
    assert summaries.stripped(items, TEXTS) == TEXT[:30]
    assert summaries.joined(items) == f"Only CNN reports: {TEXT[:30]}"


@pytest.mark.slow
def test_quality_floor_on_the_first_3_clusters():
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    r1, flags = [], []
    for cluster in summaries.load(3):
        result = summaries.newsprism_summary(cluster["documents"])
        output = summaries.truncate(summaries.joined(result["items"]))
        assert len(output.split()) <= summaries.WORDS
        r1.append(scorer.score(cluster["summary"], output)["rouge1"].fmeasure)
        flags += [summaries.supported(item, result["texts"]) for item in result["items"]]
    assert flags and all(flags)
    assert sum(r1) / len(r1) >= 0.41  # measured 0.429 on these clusters (0.431 on all 100)
