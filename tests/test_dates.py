"""Time expressions: the seeds, offsets, unresolved expressions, and the benchmark as a floor."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from conftest import AXIOS_SEED, CNN_SEED, ROOT
from newsprism.annotate.dates import find_times, resolve_times
from newsprism.ingest import Input, read_input

sys.path.insert(0, str(ROOT / "bench"))
from dates_cases import CASES, DISTRACTORS  # noqa: E402

SEED_DAY = date(2022, 9, 15)


def seed_times(path, anchor=SEED_DAY):
    (article,) = list(read_input(Input(str(path))))
    times = find_times(article.text, anchor)
    for t in times:
        assert article.text[t.start:t.end] == t.expression
    return article, {t.expression: t for t in times}


def test_axios_seed():
    _, times = seed_times(AXIOS_SEED)
    assert (times["Thursday"].value, times["Thursday"].precision) == ("2022-09-15", "day")
    assert (times["Feb. 24"].value, times["Feb. 24"].precision) == ("2022-02-24", "day")
    assert (times["last week"].value, times["last week"].precision) == ("2022-W36", "week")
    assert (times["early February"].value, times["early February"].modifier) == ("2022-02", "early")
    assert times["October's"].value == "2022-10" and times["October's"].precision == "month"


def test_cnn_seed():
    _, times = seed_times(CNN_SEED)
    assert times["Thursday"].value == "2022-09-15"
    assert times["Wednesday"].value == "2022-09-14"
    assert times["August"].value == "2022-08"
    assert (times["early 2020"].value, times["early 2020"].modifier, times["early 2020"].precision) == ("2020", "early", "year")
    assert times["February this year"].value == "2022-02"
    assert times["2013"].value == "2013"


def test_undated_article_then_resolved_from_a_story_date():
    article, times = seed_times(CNN_SEED, anchor=None)
    assert times["Thursday"].value is None and not times["Thursday"].resolved
    assert times["2013"].value == "2013" and times["2013"].resolved  # absolute: needs no anchor
    fixed = {t.expression: t for t in resolve_times(list(times.values()), article.text, SEED_DAY)}
    assert fixed["Thursday"].value == "2022-09-15" and not fixed["Thursday"].resolved


@pytest.mark.parametrize("anchor, sentence, expression, value, precision, modifier", CASES[::7])
def test_sample_of_the_benchmark(anchor, sentence, expression, value, precision, modifier):
    found = {t.expression: t for t in find_times(sentence, date.fromisoformat(anchor))}
    hit = next(t for e, t in found.items() if expression in e or e in expression)
    assert (hit.value, hit.precision, hit.modifier) == (value, precision, modifier)
    assert sentence[hit.start:hit.end] == hit.expression


def test_benchmark_floor_and_no_false_positives():
    exact = 0
    for anchor, sentence, expression, value, precision, _ in CASES:
        hits = [t for t in find_times(sentence, date.fromisoformat(anchor)) if expression in t.expression or t.expression in expression]
        exact += bool(hits) and (hits[0].value, hits[0].precision) == (value, precision)
    assert exact / len(CASES) >= 0.97  # measured 1.00 (bench/dates.py)
    assert sum(len(find_times(s, date.fromisoformat(a))) for a, s in DISTRACTORS) <= 1  # measured 0


@pytest.mark.parametrize(
    "sentence",
    ["The group released a 5,000-word document.", "Officials may announce more details.", "He scored 2020 points."],
)
def test_numbers_and_verbs_are_not_dates(sentence):
    assert find_times(sentence, SEED_DAY) == []


def _demo_articles():
    import json

    from newsprism.demo import corpus_path, planted_path

    articles = [json.loads(line) for line in corpus_path().read_text(encoding="utf-8").splitlines() if line.strip()]
    return articles, json.loads(planted_path().read_text(encoding="utf-8"))


def test_demo_corpus_relative_dates_match_the_planted_values():
    """Every planted relative date of the demo corpus, resolved against its article's local publication
    day (the undated article's against the story's day, as resolve_times does later)."""
    from datetime import datetime

    articles, planted = _demo_articles()
    wrong = []
    for event in planted["events"]:
        by_outlet = {a["outlet"]: a for a in articles if a["title"] in event["articles"]}
        for planted_date in event["relative_dates"]:
            article = by_outlet[planted_date["outlet"]]
            text = article["text"]
            if article.get("published"):
                times = find_times(text, datetime.fromisoformat(article["published"]))
            else:
                times = resolve_times(find_times(text, None), text, date(2026, 3, 3))
            at = text.index(planted_date["expression"])
            hits = [t for t in times if t.start < at + len(planted_date["expression"]) and at < t.end]
            if not any(t.value == planted_date["resolved"] for t in hits):
                wrong.append((planted_date["outlet"], planted_date["expression"], [(t.expression, t.value) for t in hits]))
    assert wrong == []


def test_demo_corpus_restoration_dates_are_this_year():
    articles, _ = _demo_articles()
    values = {t.expression: t.value for a in articles if a.get("published")
              for t in find_times(a["text"], date.fromisoformat(a["published"][:10])) if t.expression.startswith("March 1")}
    assert values.get("March 11") == "2026-03-11" and values.get("March 16") == "2026-03-16"
    signal_desk = next(a for a in articles if a["outlet"] == "The Signal Desk")
    assert {t.expression: t.value for t in find_times(signal_desk["text"], date(2026, 3, 6))}["March 9"] == "2026-03-09"


@pytest.mark.parametrize(
    "anchor, sentence, expression, value",
    [
        # a month and day shortly after the anchor: this year's, unless a past verb governs it
        ("2026-03-06", "Engineers hope to finish the repairs by March 12.", "March 12", "2026-03-12"),
        ("2026-03-06", "The exhibition runs from March 14 to April 30.", "March 14", "2026-03-14"),
        ("2026-03-06", "The hearing is scheduled for March 20.", "March 20", "2026-03-20"),
        ("2026-03-06", "Polling stations open on March 8.", "March 8", "2026-03-08"),
        ("2026-03-06", "The previous strike ended on March 10.", "March 10", "2025-03-10"),
        ("2026-03-06", "Last year's festival was held on March 21.", "March 21", "2025-03-21"),
        ("2025-12-30", "The measure expires on Jan. 4.", "Jan. 4", "2026-01-04"),
        # a weekday with a part of day: the governing verb decides, not a "will" elsewhere
        ("2026-03-04", "\"We will not give up,\" the coach said on Tuesday evening.", "Tuesday evening", "2026-03-03"),
        ("2026-03-05", "Residents will lose the bridge this month, after councillors agreed on Wednesday night to shut it.",
         "Wednesday night", "2026-03-04"),
        ("2026-03-05", "Residents will lose the bridge this month, after councillors agreed on Wednesday to shut it.",
         "Wednesday", "2026-03-04"),
        ("2026-03-04", "The talks, which will resume in April, broke down on Monday morning.", "Monday morning", "2026-03-02"),
        ("2026-03-04", "On Saturday afternoon, the team will face its rivals.", "Saturday afternoon", "2026-03-07"),
        ("2026-03-04", "The museum stays closed until Friday.", "Friday", "2026-03-06"),
        ("2026-03-04", "The minister will travel to the region on Thursday morning.", "Thursday morning", "2026-03-05"),
        ("2026-03-04", "The vote, which was postponed last month, is expected on Friday.", "Friday", "2026-03-06"),
    ],
)
def test_tense_that_governs_the_expression(anchor, sentence, expression, value):
    found = {t.expression: t for t in find_times(sentence, date.fromisoformat(anchor))}
    assert found[expression].value == value
