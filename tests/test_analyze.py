"""The per-article pipeline through the CLI and the API: incremental, failures recorded, offsets exact."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import SEEDS
from newsprism import Store, ingest
from newsprism.annotate.pipeline import STAGES, Stage, analyze, check_order, claim_vectors
from newsprism.errors import NewsprismError
from test_ingest import run_cli

SPANNED = ("sentences", "quotes", "times", "claims")


def check_offsets(article: dict) -> int:
    """Every span of every annotation slices the stored text to exactly its words; returns the count."""
    text, checked = article["text"], 0
    for kind in SPANNED:
        for item in article[kind]:
            field = "expression" if kind == "times" else "text"
            assert text[item["start"]:item["end"]] == item[field], (kind, item)
            checked += 1
    for entity in article["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
            checked += 1
    for quote in article["quotes"]:
        if quote["cue_start"] is not None:
            assert text[quote["cue_start"]:quote["cue_end"]] == quote["cue"]
        if quote["speaker_start"] is not None:
            assert text[quote["speaker_start"]:quote["speaker_end"]].strip()
    return checked


@pytest.fixture(scope="module")
def analyzed_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("an") / "n.db")
    assert run_cli("ingest", str(SEEDS), "--db", db).returncode == 0
    result = run_cli("analyze", "--db", db)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("2 analyzed, 0 up to date, 0 failed; 1 story")
    return db


def test_annotations_json_and_offsets(analyzed_db):
    listed = json.loads(run_cli("articles", "--json", "--annotations", "--db", analyzed_db).stdout)
    assert len(listed) == 2
    for article in listed:
        assert article["analyzed"] and set(article) >= {"sentences", "entities", "quotes", "times", "claims"}
        assert check_offsets(article) > 100
        claim = article["claims"][0]
        assert set(claim) >= {"id", "text", "start", "end", "agents", "action", "negated", "numbers", "dates", "places"}
        quote = article["quotes"][0]
        assert set(quote) >= {"text", "start", "end", "kind", "cue", "speaker", "speaker_entity", "via"}
        entity_ids = {e["id"] for e in article["entities"]}
        assert all(q["speaker_entity"] in entity_ids for q in article["quotes"] if q["speaker_entity"])
        assert all(a in entity_ids for c in article["claims"] for a in c["agents"])


def test_second_run_does_nothing(analyzed_db):
    again = run_cli("analyze", "--db", analyzed_db)
    assert again.returncode == 0 and again.stderr.strip().endswith("0 analyzed, 2 up to date, 0 failed; 1 story")


def test_changed_text_is_analyzed_again(tmp_path, make_article):
    with Store(tmp_path / "n.db") as store:
        store.add_article(make_article("The council met on Monday. It approved the budget.", url="https://a.example/x"))
        assert analyze(store).analyzed == 1
        store.add_article(make_article("The council met on Tuesday. It rejected the budget.", url="https://a.example/x"))
        assert analyze(store).analyzed == 1
        notes = store.get_annotations("u" + __import__("hashlib").sha256(b"https://a.example/x").hexdigest()[:15])
        assert "rejected" in notes.claims[-1].text


def test_a_failing_article_is_recorded_and_the_rest_go_on(tmp_path, make_article):
    def explode(ctx):
        if "explode" in ctx.doc.text:
            raise RuntimeError("stage failed on purpose")
        return ()

    stages = STAGES + (Stage("check", frozenset(), "check", explode),)
    with Store(tmp_path / "n.db") as store:
        store.add_article(make_article("The ministry said it would explode the myth.", url="https://a.example/1"))
        store.add_article(make_article("The ministry said the bridge would reopen.", url="https://a.example/2"))
        report = analyze(store, stages=tuple(replace(s) for s in stages))
        assert report.analyzed == 1 and len(report.failed) == 1 and "failed on purpose" in report.failed[0][1]
        assert store.analysis_failures()[0][1].startswith("RuntimeError")
        with pytest.raises(RuntimeError):
            store.db.execute("DELETE FROM annotations")
            analyze(store, strict=True, stages=stages)


def test_stage_order_is_checked():
    claims_first = (STAGES[-1],) + STAGES[:-1]
    with pytest.raises(NewsprismError, match="Stage 'claims' needs"):
        check_order(claims_first)


def test_vectors_are_stored_compactly(tmp_path, make_article):
    with Store(tmp_path / "n.db") as store:
        ingest([str(SEEDS)], store)
        analyze(store)
        ids = [a.id for a in store.articles()]
        assert all(store.get_vectors(i)[1] is None for i in ids)  # claim vectors wait until needed
        computed = claim_vectors(store, ids)
        for article in store.articles():
            article_vector, claims = store.get_vectors(article.id)
            assert (claims == computed[article.id].astype("float16").astype("float32")).all()
            assert article_vector.shape == (384,) and claims.shape == (len(store.get_annotations(article.id).claims), 384)
            assert abs(float((article_vector ** 2).sum()) - 1) < 0.01
        row = store.db.execute("SELECT length(article) FROM vectors LIMIT 1").fetchone()
        assert row[0] == 384 * 2  # float16
