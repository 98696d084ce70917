"""The SQLite store: migrations, idempotency, duplicates, transactions, and a round trip."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.errors import NotFound, StoreError
from newsprism.models import Article
from newsprism.store import Store
from newsprism.store.migrations import LATEST


def test_new_store_is_migrated_and_uses_wal(tmp_path):
    with Store(tmp_path / "n.db") as store:
        assert store.version == LATEST
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_does_not_migrate_again(tmp_path):
    Store(tmp_path / "n.db").close()
    with Store(tmp_path / "n.db") as store:
        assert store.version == LATEST


def test_newer_schema_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "future.db")
    db.execute(f"PRAGMA user_version = {LATEST + 5}")
    db.close()
    with pytest.raises(StoreError, match="newer than this newsprism"):
        Store(tmp_path / "future.db")


def test_not_a_database(tmp_path):
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="Can't open the store"):
        Store(tmp_path / "junk.db")


def test_outlets_maps_every_article_id(store, make_article):
    named = make_article(url="https://a.example/x", outlet="Ostrava Herald")
    unnamed = make_article("Another text about the bridge in Ostrava.", url="https://b.example/y")
    for article in (named, unnamed):
        store.add_article(article)
    assert store.outlets() == {named.id: "Ostrava Herald", unnamed.id: None}


def test_add_is_idempotent(store, make_article):
    article = make_article(url="https://a.example/x")
    assert store.add_article(article) == "ingested"
    assert store.add_article(article) == "unchanged"
    assert store.count_articles() == 1


def test_same_body_under_another_url_is_a_duplicate(store, make_article):
    first = make_article(url="https://a.example/x")
    second = make_article(url="https://b.example/y")
    third = make_article(url="https://c.example/z")
    store.add_article(first)
    assert store.add_article(second) == "duplicate"
    assert store.add_article(third) == "duplicate"
    assert store.get_article(second.id).duplicate_of == first.id
    assert store.get_article(third.id).duplicate_of == first.id


def test_new_body_updates_but_a_summary_never_replaces_full_text(store, make_article):
    full = make_article("The full report, three paragraphs long.", url="https://a.example/x")
    store.add_article(full)
    summary = make_article("Short summary.", url="https://a.example/x", partial=True)
    assert store.add_article(summary) == "unchanged"
    corrected = make_article("The full report, corrected.", url="https://a.example/x")
    assert store.add_article(corrected) == "updated"
    assert store.get_article(full.id).text == "The full report, corrected."


def test_a_failed_batch_leaves_nothing_behind(store, make_article):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_article(make_article("One.", url="https://a.example/1"))
            store.add_article(make_article("Two.", url="https://a.example/2"))
            raise RuntimeError("crash mid-batch")
    assert store.count_articles() == 0


def test_missing_article(store):
    with pytest.raises(NotFound, match="No article with id 'nope'"):
        store.get_article("nope")


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200).filter(str.strip)
_opt = st.none() | st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_published = st.none() | st.builds(
    lambda dt, minutes: dt.replace(tzinfo=timezone(timedelta(minutes=minutes))),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(-14 * 60, 14 * 60),
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def articles(draw):
    published = draw(_published)
    return Article.build(
        draw(_text),
        url=draw(st.none() | st.from_regex(r"https://[a-z]{1,10}\.example/[a-z0-9/]{0,20}", fullmatch=True)),
        outlet=draw(_opt), title=draw(_opt), author=draw(_opt), language=draw(st.none() | st.sampled_from(["en", "de"])),
        published=published,
        published_source=draw(st.sampled_from(["metadata", "dateline", "html", "feed", "warc"])) if published else None,
        source_path=draw(_opt), partial=draw(st.booleans()),
        extra=draw(st.dictionaries(st.text(max_size=10), _json, max_size=4)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles())
def test_round_trip(tmp_path_factory, article):
    with Store(tmp_path_factory.mktemp("rt") / "rt.db") as store:
        store.add_article(article)
        back = store.get_article(article.id)
    assert back == article
    if article.published:
        assert back.published.utcoffset() == article.published.utcoffset()
