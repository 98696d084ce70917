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
