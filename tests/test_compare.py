"""Cross-outlet comparison of the two seed reports (CNN and Axios on the Xi-Putin meeting), through the
real command line: `newsprism report` with a JSONL manifest naming the outlets, and with the bare files."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import AXIOS_SEED, CNN_SEED
from newsprism.assemble import report_schema
from report_checks import assert_offsets, assert_summary_traces
from test_ingest import run_cli


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    manifest = folder / "seeds.jsonl"
    manifest.write_text(
        json.dumps({"path": str(CNN_SEED), "outlet": "CNN"}) + "\n" + json.dumps({"path": str(AXIOS_SEED), "outlet": "Axios"}) + "\n",
        encoding="utf-8",
    )
    result = run_cli("report", str(manifest), "--format", "json", "--with-text")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(report_schema()).validate(report)
    assert len(report["stories"]) == 1
    return report["stories"][0]


def _texts(story):
    return {a["id"]: a["text"] for a in story["articles"]}


def _claims_with(story, words: str, outlet: str):
    """Claims with a span of ``outlet`` that contains ``words``."""
    return [c for c in story["claims"] if any(s["outlet"] == outlet and words in s["text"] for s in c["support"])]


def _status_of(story, words: str, outlet: str) -> set[str]:
    """Statuses of the claims that ``outlet``'s sentence with ``words`` anchors."""
    return {c["status"] for c in story["claims"]
            if any(s["outlet"] == outlet and s["role"] == "anchor" and words in s["text"] for s in c["support"])}


CORROBORATED = [
    # (what, CNN words, Axios words)
    ("the meeting", "is meeting Russian President Vladimir Putin", "Samarkand, Uzbekistan"),
    ("first meeting since the invasion", "first face-to-face since the invasion", "first in-person encounter"),
    ("the balanced position remark", "balanced position", "balanced position"),
    ("US provocations over Taiwan", "provocations", "provocations"),
    ("the retreat in north-eastern Ukraine", "retreating en masse in northeastern Ukraine", "suffered major setbacks"),
    ("Xi's third term", "third term", "third term"),
    ("Kazakhstan as the first stop", "In his first stop, Xi visited Kazakhstan", "Xi's first stop"),
]


@pytest.mark.parametrize("what, cnn, axios", CORROBORATED, ids=[c[0] for c in CORROBORATED])
def test_corroborated_by_both_outlets(story, what, cnn, axios):
    both = [c for c in _claims_with(story, cnn, "CNN") if c in _claims_with(story, axios, "Axios")]
    assert any(c["status"] in ("corroborated", "conflicting") and c["origins"] == 2 for c in both), what


SINGLE = [
    ("the joint naval patrols", "joint patrols", "CNN"),
    ("Pelosi's visit", "Pelosi", "CNN"),
    ("Iran joining the SCO", "Iran announced", "Axios"),
    ("Modi's attendance", "Modi attended", "Axios"),
    ("Li Zhanshu", "Li Zhanshu", "Axios"),
    ("Putin's questions and concerns", "We understand your questions and concerns", "Axios"),
]


@pytest.mark.parametrize("what, words, outlet", SINGLE, ids=[s[0] for s in SINGLE])
def test_single_source(story, what, words, outlet):
    assert _status_of(story, words, outlet) == {"single_source"}, what


def test_no_claim_is_corroborated_by_one_outlet_alone(story):
    for claim in story["claims"]:
        if claim["status"] == "corroborated":
            assert len({s["origin_id"] for s in claim["support"]}) >= 2, claim["text"]
            assert len(claim["outlets"]) >= 2


def test_balanced_position_renderings_are_one_quote_group_by_putin(story):
    groups = [q for q in story["quotes"] if any("balanced position" in r["text"] for r in q["renderings"])]
    assert len(groups) == 1
    group = groups[0]
    assert group["speaker"] == "Vladimir Putin"
    assert {r["outlet"] for r in group["renderings"]} == {"CNN", "Axios"}
    assert group["agreement"] in ("partial", "paraphrase")  # the two outlets render it differently
    assert any(r["relation"] == "partial" and r["outlet"] == "CNN" for r in group["renderings"])


def test_adding_that_is_putins(story):
    adding = [r for q in story["quotes"] for r in q["renderings"] if r["cue"] and r["cue"].lower().startswith("add")]
    assert adding and all(q["speaker"] == "Vladimir Putin" for q in story["quotes"] for r in q["renderings"] if r in adding)


def test_cnn_undated_weekdays_are_inferred_from_the_story(story):
    cnn = next(a["id"] for a in story["articles"] if a["outlet"] == "CNN")
    entries = {(t["expression"], t["date"]) for t in story["timeline"] if t["article_id"] == cnn and t["inferred"]}
    assert ("Thursday", "2022-09-15") in entries
    assert ("Wednesday", "2022-09-14") in entries
    axios = [t for t in story["timeline"] if t["outlet"] == "Axios"]
    assert axios and not any(t["inferred"] for t in axios)


def test_savkat_mirziyoyev_is_the_uzbek_president(story):
    entity = next(e for e in story["entities"] if e["name"] == "Savkat Mirziyoyev")
    assert entity["description"] == "Uzbek President"
    assert entity["outlets"] == ["CNN"]


def test_people_are_reconciled_across_outlets(story):
    xi = next(e for e in story["entities"] if e["name"] == "Xi Jinping")
    assert xi["outlets"] == ["Axios", "CNN"]
    assert {"Xi", "The Chinese leader"} <= set(xi["aliases"])
    sco = next(e for e in story["entities"] if e["name"] == "Shanghai Cooperation Organization")
    assert "SCO" in sco["aliases"] and sco["outlets"] == ["Axios", "CNN"]


def test_framing_names_each_outlets_words(story):
    assert {f["outlet"] for f in story["framing"]} == {"CNN", "Axios"}
    for entry in story["framing"]:
        assert entry["distinctive_terms"], entry["outlet"]
        assert all(t["score"] > 0 for t in entry["distinctive_terms"])


def test_every_offset_points_at_its_words(story):
    assert_offsets(story, _texts(story))


def test_every_summary_sentence_traces_to_source_spans(story):
    assert story["summary"]
    assert_summary_traces(story, _texts(story))


def test_bare_files_make_one_story_too():
    from conftest import SEEDS

    result = run_cli("report", str(SEEDS / "000_617b6f9fae8016df.txt"), str(SEEDS / "003_f94ba7427ddde6d2.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    stories = json.loads(result.stdout)["stories"]
    assert len(stories) == 1 and len(stories[0]["articles"]) == 2
    assert "text" not in stories[0]["articles"][0]


def test_an_acronym_joins_the_name_it_abbreviates_across_outlets(tmp_path):
    """One outlet writes only "SCO", the other only the full name: one entity, mentioned in both."""
    from newsprism import Store, analyze, ingest, report

    (tmp_path / "a.txt").write_text(
        "Leaders of the Shanghai Cooperation Organization met in Astana on Monday to discuss regional trade, "
        "officials said.\n\nThe Shanghai Cooperation Organization summit ended with a joint statement on border security.",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "SCO leaders gathered in Astana on Monday for talks on regional trade, officials said.\n\n"
        "The SCO summit closed with a joint statement on border security, according to the host government.",
        encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], store)
        analyze(store)
        [story] = report(store, with_text=True)["stories"]
    [sco] = [e for e in story["entities"] if any(m["text"] == "SCO" for m in e["mentions"])]
    assert {m["text"] for m in sco["mentions"]} == {"SCO", "Shanghai Cooperation Organization"}
    assert len({m["article_id"] for m in sco["mentions"]}) == 2
    assert_offsets(story, {a["id"]: a["text"] for a in story["articles"]})
