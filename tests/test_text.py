"""The text/Markdown reader: furniture becomes metadata or is removed, reporting stays."""

from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import AXIOS_SEED, CNN_SEED
from newsprism.ingest import Input, read_input
from newsprism.ingest.text import clean_text

PAGE = """Updated Mar 3, 2031 - Science

Glacier lab opens above Tromsø

By Ingrid Halvorsen, Nordlys Wire

A researcher checks a sensor (L) while a technician looks on (R).

The lab at the edge of the glacier. Photo: Lars Berg/Nordlys via Getty Images

The new research station opened on Monday, its director said.

  • The station cost 40 million kroner.
  • "We can finally measure melt in winter," the director said.

Editor's note: An earlier version misstated the altitude.

Go deeper: Why glaciers matter

Sign up for our newsletter
"""


def read_one(path):
    (article,) = list(read_input(Input(path)))
    return article


def test_furniture_becomes_metadata(write):
    article = read_one(write("glacier.txt", PAGE))
    assert article.title == "Glacier lab opens above Tromsø"
    assert article.author == "Ingrid Halvorsen"
    assert article.published.date() == date(2031, 3, 3)
    assert article.published_source == "dateline"
    assert article.extra["section"] == "Science"
    assert article.extra["published_precision"] == "day"


def test_furniture_is_removed_but_kept_in_extra(write):
    article = read_one(write("glacier.txt", PAGE))
    for gone in ("Getty Images", "(L)", "Editor's note", "Go deeper", "Sign up", "Updated Mar 3", "By Ingrid"):
        assert gone not in article.text
    removed = {r["kind"] for r in article.extra["removed"]}
    assert removed == {"dateline", "headline", "byline", "caption", "trailer"}
    kept = " ".join(r["text"] for r in article.extra["removed"])
    assert "Photo: Lars Berg/Nordlys via Getty Images" in kept
    assert "Editor's note: An earlier version misstated the altitude." in kept


def test_bullets_keep_their_text_without_the_glyph(write):
    article = read_one(write("glacier.txt", PAGE))
    paragraphs = article.text.split("\n\n")
    assert paragraphs == [
        "The new research station opened on Monday, its director said.",
        "The station cost 40 million kroner.",
        '"We can finally measure melt in winter," the director said.',
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Published: 2024-01-05 14:30 CET", "2024-01-05T14:30:00+01:00"),
        ("September 15, 2022 - Politics", "2022-09-15T00:00:00+00:00"),
        ("Updated 4 Feb 2023 · World", "2023-02-04T00:00:00+00:00"),
    ],
)
def test_datelines(write, line, expected):
    article = read_one(write("d.txt", f"{line}\n\nThe council voted on the budget late on Tuesday night."))
    assert article.published.isoformat() == expected
    assert article.text == "The council voted on the budget late on Tuesday night."


def test_plain_lines_without_blank_lines_are_paragraphs():
    body, found = clean_text("First sentence here.\nSecond paragraph here.\nThird one.")
    assert body == "First sentence here.\n\nSecond paragraph here.\n\nThird one."
    assert "title" not in found


def test_hard_wrapped_paragraphs_are_joined():
    body, _ = clean_text("The mayor said the\nbridge would reopen.\n\nTraffic resumed at noon\non Friday.")
    assert body == "The mayor said the bridge would reopen.\n\nTraffic resumed at noon on Friday."


def test_markdown_front_matter_heading_links_and_images(write):
    md = (
        "---\ntitle: Ferry strike ends\noutlet: Harbour Times\npublished: 2030-06-01T08:00:00-04:00\n---\n"
        "# Ferry strike ends\n\n![crowd at the pier](pier.jpg)\n\n"
        "Workers **voted** to return, the [union](https://example.org/u) said.\n"
    )
    article = read_one(write("ferry.md", md))
    assert article.title == "Ferry strike ends"
    assert article.outlet == "Harbour Times"
    assert article.published.isoformat() == "2030-06-01T08:00:00-04:00"
    assert article.published_source == "metadata"
    assert article.text == "Workers voted to return, the union said."


def test_a_sentence_line_is_not_taken_for_a_headline():
    body, found = clean_text("Officials said on Monday that the dam held.\n\nRain is expected.")
    assert "title" not in found and body.startswith("Officials said")


def test_in_body_mentions_of_agencies_are_not_captions():
    text = "The report, first carried via Reuters on Monday, was denied by the ministry in a long statement."
    body, found = clean_text(text)
    assert body == text and "removed" not in found


def test_axios_seed():
    article = read_one(str(AXIOS_SEED))
    assert article.title == "Xi and Putin hold first meeting since Ukraine invasion began"
    assert article.published.date() == date(2022, 9, 15)
    for gone in ("Go deeper", "Editor's note", "Getty Images", "(L)"):
        assert gone not in article.text
    # every paragraph of the reporting is still there, bullets included (without their glyph)
    raw = AXIOS_SEED.read_text(encoding="utf-8").replace("\xa0", " ")
    reporting = [p.strip().lstrip("•").strip() for p in raw.split("\n") if p.strip()]
    furniture = {r["text"] for r in article.extra["removed"]}
    labels = [r["text"] for r in article.extra["removed"] if r["kind"] == "label"]
    assert labels[:2] == ["Why it matters:", "What they're saying:"]
    for paragraph in reporting:
        unlabelled = next((paragraph[len(label):].strip() for label in labels if paragraph.startswith(label)), paragraph)
        assert unlabelled in article.text or paragraph in furniture
    assert "Worth noting" not in article.text and "The big picture" not in article.text
    assert len(article.text.split("\n\n")) == 17


def test_cnn_seed_has_no_furniture():
    article = read_one(str(CNN_SEED))
    raw = CNN_SEED.read_text(encoding="utf-8").replace("\xa0", " ")
    assert article.text.split("\n\n") == [p.strip() for p in raw.split("\n") if p.strip()]
    assert article.title is None and article.published is None
    assert "removed" not in article.extra


def test_undeclared_encodings_are_detected(write):
    text = "Le maire de Besançon a annoncé la fermeture du marché de Noël à cause de la tempête."
    article = read_one(write("fr.txt", text.encode("cp1252")))
    assert article.text == text
    article = read_one(write("fr16.txt", text.encode("utf-16")))
    assert article.text == text


def test_ids_are_stable_and_offsets_are_plain(write):
    a = read_one(write("one.txt", PAGE))
    b = read_one(write("two.txt", PAGE))
    assert a.id == b.id and re.fullmatch(r"h[0-9a-f]{15}", a.id)
