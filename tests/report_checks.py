"""Checks that hold for every story of every report: offsets point at the words, summaries trace."""

from __future__ import annotations

import re


def assert_offsets(story: dict, texts: dict[str, str]) -> None:
    """Every span of the story slices its article's stored text to exactly the reported words."""
    for owner, spans in _spans(story):
        for span in spans:
            assert texts[span["article_id"]][span["start"]:span["end"]] == span["text"], owner
    for t in story["timeline"]:
        text = texts[t["article_id"]]
        assert text[t["start"]:t["end"]] == t["expression"]
        assert text[t["text_start"]:t["text_end"]] == t["text"]


def _spans(story: dict):
    """(id of the claim, quote or entity, its spans) for every list of spans in a story."""
    for claim in story["claims"]:
        yield claim["id"], claim["support"]
        for conflict in claim["conflicts"]:
            yield claim["id"], conflict["values"]
    for quote in story["quotes"]:
        yield quote["id"], quote["renderings"]
    for entity in story["entities"]:
        yield entity["id"], entity["mentions"]


def assert_summary_traces(story: dict, texts: dict[str, str]) -> None:
    """Each summary sentence cites claims that exist and quotes, verbatim, the spans it lists; nothing
    else in it but the fixed template words."""
    claims = {c["id"]: c for c in story["claims"]}
    for sentence in story["summary"]:
        assert sentence["claim_ids"] and all(c in claims for c in sentence["claim_ids"]), sentence
        assert sentence["spans"], sentence
        rest = sentence["text"]
        for span in sentence["spans"]:
            quoted = texts[span["article_id"]][span["start"]:span["end"]]
            assert quoted and quoted in rest, (quoted, sentence["text"])
            rest = rest.replace(quoted, "", 1)
        leftover = re.sub(r"\s+", " ", rest).strip()
        assert _template_only(leftover, story), (leftover, sentence["text"])
        outlets = set(sentence["outlets"])
        assert outlets == {o for c in sentence["claim_ids"] for o in claims[c]["outlets"]}


def _template_only(leftover: str, story: dict) -> bool:
    """What is left once the quoted spans are removed: outlet names and the templates' own words."""
    for outlet in sorted({a["outlet"] for a in story["articles"]}, key=len, reverse=True):
        leftover = leftover.replace(outlet, "")
    words = re.findall(r"[A-Za-z]+", leftover)
    allowed = {"Only", "reports", "report", "and", "Accounts", "differ", "on", "the", "figure", "date", "place",
               "who", "did", "it", "whether", "happened", "what", "name"}
    return all(w in allowed for w in words)
