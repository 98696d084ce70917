"""`newsprism demo` through the real entry point: the bundled fictional corpus is analysed and the
report finds what was planted in it (src/newsprism/demo/planted.json), and validates against the schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from demo_check import check
from newsprism.demo import planted_path
from newsprism.assemble import report_schema
from report_checks import assert_offsets, assert_summary_traces
from test_ingest import run_cli

#: Planted findings the analysis misses today, each with the reason. The list only shrinks: a
#: finding that starts to pass fails the test below until it is taken off.
KNOWN_MISSES = {
    # MiniLM puts "with 212 passengers and crew on board" (a trailing segment of a long sentence)
    # below the link threshold against "The vessel was carrying 212 people".
    "corroborated: 212 people were on board",
    # Same subject, different facts: "The Castellan Bridge opened in 1962" is the mutual best match of
    # "The Castellan Bridge carries about 48,000 vehicles a day" (cosine 0.66).
    "single-source (Meridian Press Agency): The bridge opened in 1962",
    "single-source (Meridian Press Agency): Season-ticket holders will be refunded",
    # The quote finder misses "Rosalind Achterberg, the office's director, said investigators had ...".
    "quote rendering (Civic Record) is paraphrase",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = run_cli("demo", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str((out / "report.html").resolve())
    return out


@pytest.fixture(scope="module")
def report(demo):
    return json.loads((demo / "report.json").read_text(encoding="utf-8"))


def test_the_report_finds_what_was_planted(report):
    results = check(report, json.loads(planted_path().read_text(encoding="utf-8")))
    missed = {name for name, ok in results if not ok}
    assert len(results) == 76  # every planted finding is checked
    assert missed - KNOWN_MISSES == set(), "newly missed"
    assert KNOWN_MISSES - missed == set(), "found now: take it off KNOWN_MISSES"


def test_the_report_validates_against_its_schema(report):
    jsonschema.Draft202012Validator(report_schema()).validate(report)


def test_four_stories_and_the_reprint_counts_once(report):
    assert len(report["stories"]) == 4
    ferry = next(s for s in report["stories"] if any("Marisol" in (a["title"] or "") for a in s["articles"]))
    assert len(ferry["articles"]) == 4 and ferry["origins"] == 3


def test_offsets_and_summaries_hold_in_every_story(report):
    for story in report["stories"]:
        texts = {a["id"]: a["text"] for a in story["articles"]}
        assert_offsets(story, texts)
        assert_summary_traces(story, texts)


def test_conflicts_are_named_in_the_summary(report):
    bridge = next(s for s in report["stories"] if any("Castellan" in (a["title"] or "") for a in s["articles"]))
    conflicting = {c["id"] for c in bridge["claims"] if c["status"] == "conflicting"}
    cited = {cid for sentence in bridge["summary"] for cid in sentence["claim_ids"]}
    assert conflicting and conflicting <= cited
    assert any(s["text"].startswith("Accounts differ on") for s in bridge["summary"])


def test_the_html_and_markdown_reports_are_written(demo):
    html = (demo / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Castellan Bridge" in html
    assert "<script" not in html and "https://fonts" not in html
    assert (demo / "report.md").read_text(encoding="utf-8").startswith("# ")
