"""The HTML reader: metadata with full timestamps, encodings, broken pages, boilerplate."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from newsprism.errors import BrokenInput, EmptyInput
from newsprism.ingest import Input, read_input
from newsprism.ingest.html import read

BODY = """<p>The regional council of Lindenau approved a new tram line on Tuesday after two years of debate,
with 31 of 45 members voting in favour of the plan.</p>
<p>Construction is expected to start next spring and to cost about 140 million euros, the transport
department said in a statement after the vote.</p>
<p>"This line connects the hospital, the university and the station," the council's chair told reporters.</p>"""

NAV = """<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather forecast for the region</a></li></ul></nav>"""
FOOTER = """<footer><p>Copyright Lindenau Daily. All rights reserved. Contact our newsroom for corrections.</p></footer>"""


def page(head: str = "", body: str = BODY, charset: str = "utf-8") -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="{charset}"><title>Tram line approved | Lindenau Daily</title>
{head}</head><body>{NAV}<article><h1>Tram line approved</h1>{body}</article>{FOOTER}</body></html>"""


def one(html: str | bytes, url: str | None = None):
    data = html.encode("utf-8") if isinstance(html, str) else html
    (article,) = list(read(data, "page.html", url))
    return article


def test_json_ld_timestamp_with_offset_canonical_site_and_author():
    head = """<link rel="canonical" href="https://lindenau-daily.example/news/tram-line">
<meta property="og:site_name" content="Lindenau Daily"><meta name="author" content="Mara Vogt">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2031-05-06T18:45:00+02:00"}</script>"""
    article = one(page(head))
    assert article.published == datetime(2031, 5, 6, 16, 45, tzinfo=timezone.utc)
    assert article.published.utcoffset() == timedelta(hours=2)
    assert article.published_source == "html" and article.extra["published_precision"] == "time"
    assert article.url == "https://lindenau-daily.example/news/tram-line"
    assert article.outlet == "Lindenau Daily" and article.author == "Mara Vogt"
    assert article.language == "en"


def test_article_published_time_meta_in_either_attribute_order():
    head = """<meta content="2031-05-06T09:00:00-04:00" property="article:published_time">"""
    assert one(page(head)).published.isoformat() == "2031-05-06T09:00:00-04:00"


def test_body_without_boilerplate_and_paragraphs():
    article = one(page())
    assert "Weather forecast" not in article.text and "All rights reserved" not in article.text
    assert article.text.count("\n\n") >= 2
    assert article.text.startswith("The regional council of Lindenau approved")


def test_wrong_declared_charset_is_overridden():
    text = page(body=BODY.replace("Lindenau", "Lindenaü Straße"), charset="utf-8")
    article = one(text.encode("cp1252"))
    assert "Lindenaü Straße" in article.text


def test_latin1_without_declaration():
    html = page(body=BODY.replace("council", "conseil général à Besançon")).replace('<meta charset="utf-8">', "")
    assert "conseil général à Besançon" in one(html.encode("latin-1")).text


def test_truncated_html_keeps_what_is_there():
    html = page()
    cut = html[: html.index("Construction is expected") + 60]
    assert "tram line on Tuesday" in one(cut).text


@pytest.mark.parametrize("junk", ["<html><body><div></div></body></html>", "<<<>>> <p></p> <<<"])
def test_pages_without_text_are_empty(junk):
    with pytest.raises(EmptyInput):
        one(junk)


def test_not_html_at_all():
    with pytest.raises(BrokenInput, match="no HTML markup"):
        one("just some words " * 500)


def test_through_the_dispatcher(write):
    head = """<meta property="og:url" content="https://www.cnn.com/2031/05/06/tram?utm_source=rss">"""
    (article,) = list(read_input(Input(write("tram.html", page(head)))))
    assert article.url == "https://www.cnn.com/2031/05/06/tram"
    assert article.outlet == "CNN"
    assert article.source_path.endswith("tram.html")
