"""Quotes: the seeds, each construction with exact offsets, and the PolNeAR scorer by hand."""

from __future__ import annotations

import sys

import pytest

from conftest import AXIOS_SEED, CNN_SEED, ROOT
from newsprism.annotate.entities import find_entities
from newsprism.annotate.nlp import load_nlp
from newsprism.annotate.quotes import find_quotes
from newsprism.ingest import Input, read_input

sys.path.insert(0, str(ROOT / "bench"))
import quotes as bench  # noqa: E402


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def quotes_of(nlp, text):
    doc = nlp(text)
    found = find_quotes(doc, find_entities(doc))
    for q in found:
        assert text[q.start:q.end] == q.text
        if q.cue_start is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
    return found


def seed_quotes(nlp, path):
    (article,) = list(read_input(Input(str(path))))
    return quotes_of(nlp, article.text)


def find(quotes, words):
    return next(q for q in quotes if words in q.text)


def test_axios_seed(nlp):
    quotes = seed_quotes(nlp, AXIOS_SEED)
    balanced = find(quotes, "We highly appreciate the balanced position")
    assert (balanced.kind, balanced.speaker, balanced.cue, balanced.via) == ("direct", "Vladimir Putin", "said", "the New York Times")
    understand = find(quotes, "We understand your questions and concerns")
    assert (understand.cue, understand.speaker) == ("added", "Vladimir Putin")
    provocations = next(q for q in quotes if q.text == "provocations")
    assert (provocations.kind, provocations.speaker, provocations.via) == ("partial", "Vladimir Putin", "the Washington Post")
    concerns = next(q for q in quotes if q.text == "questions and concerns")
    assert concerns.kind == "partial" and concerns.speaker == "Vladimir Putin"


def test_cnn_seed(nlp):
    quotes = seed_quotes(nlp, CNN_SEED)
    for words in ("provocations", "balanced position"):
        q = next(q for q in quotes if q.text == words)
        assert (q.kind, q.speaker, q.via) == ("partial", "Vladimir Putin", "Russian state media")
    kremlin = find(quotes, "The foreign policy of Moscow and Beijing")
    assert kremlin.kind == "direct" and kremlin.speaker == "Vladimir Putin"
    assert "We are jointly in favor" in kremlin.text  # a two-sentence quote stays one quote
    assert find(quotes, "China will always support Kazakhstan").speaker == "Xi Jinping"
    assert find(quotes, "remain a pioneer").speaker == "Xi Jinping"


@pytest.mark.parametrize(
    "text, content, kind, speaker, cue",
    [
        ('"The bridge is safe," the mayor said.', "The bridge is safe", "direct", "mayor", "said"),
        ("The mayor said: “The bridge is safe and will reopen.”", "The bridge is safe and will reopen", "direct", "mayor", "said"),
        ('Mayor Ana Ruiz called the plan "a disgrace to the city".', "a disgrace to the city", "partial", "Ana Ruiz", "called"),
        ("Mayor Ana Ruiz said that the bridge would reopen in May.", "the bridge would reopen in May", "indirect", "Ana Ruiz", "said"),
        ("According to the ministry, the bridge will reopen in May.", "the bridge will reopen in May", "indirect", "ministry", "According to"),
        ("The bridge will reopen in May, officials told reporters.", "The bridge will reopen in May", "indirect", "officials", "told"),
        ("The Kremlin said the talks were productive.", "the talks were productive", "indirect", "Kremlin", "said"),
    ],
)
def test_constructions(nlp, text, content, kind, speaker, cue):
    quotes = quotes_of(nlp, text)
    q = next(q for q in quotes if q.text == content)
    assert (q.kind, q.cue) == (kind, cue)
    assert speaker in q.speaker


def test_he_added_takes_the_last_named_speaker(nlp):
    text = '"We will rebuild," Prime Minister Lena Holm said. "It will take years," she added.'
    second = find(quotes_of(nlp, text), "It will take years")
    assert second.speaker == "Lena Holm" and text[second.speaker_start:second.speaker_end] == "she"


def test_scare_quotes_have_no_speaker_and_are_skipped(nlp):
    assert quotes_of(nlp, 'The so-called "reform" package arrived late.') == []


def test_ann_parsing_and_scoring_by_hand():
    text = 'The mayor said the bridge is safe. "It will reopen," she added.'
    ann = ("T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 33\tthe bridge is safe\n"
           "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
           "T5\tContent 35 50\t\"It will reopen\nT6\tCue 57 62\tadded\nT7\tSource 53 56\tshe\n"
           "T8\tAttribution 57 62\tadded\nE2\tAttribution:T8 Content:T5 Cue:T6 Source:T7\n")
    gold = bench.parse_ann(ann)
    assert [g.content for g in gold] == [[(15, 33)], [(35, 50)]]
    preds = [
        bench.Prediction((15, 33), (10, 14), (0, 9)),     # exact, right speaker
        bench.Prediction((36, 50), (57, 62), (0, 9)),     # same words without the mark: exact after trimming, wrong speaker
        bench.Prediction((0, 9), None, None),             # a false positive
    ]
    scores = bench.score_article(text, preds, gold)
    assert (scores["exact"], scores["overlap"], scores["pred"], scores["gold"]) == (2, 2, 3, 2)
    assert (scores["speaker_ok"], scores["speaker_total"]) == (1, 2)
    assert (scores["cue_pred_ok"], scores["cue_pred"], scores["cue_gold_ok"]) == (2, 2, 2)


@pytest.mark.slow
def test_polnear_floor(nlp):
    articles = bench.load("dev", 15)
    totals: dict[str, int] = {}
    for (_, text, gold), doc in zip(articles, nlp.pipe(t for _, t, _ in articles)):
        for key, value in bench.score_article(text, bench.newsprism_predictions(doc), gold).items():
            totals[key] = totals.get(key, 0) + value
    result = bench.summarize(totals)
    assert result["overlap_f1"] >= 0.69 and result["speaker_accuracy"] >= 0.88  # measured 0.698 and 0.888
