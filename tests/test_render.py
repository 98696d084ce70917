"""Renderers: a hand-built report of a fictional two-outlet story, rendered as JSON, Markdown and HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from newsprism.errors import UsageError
from newsprism.render import FORMATS, render, to_html, to_json, to_markdown

GAZETTE_TEXT = (
    "A fire broke out at the Lindqvist textile mill in Harbourton on Tuesday night.\n\n"
    "Twelve workers were taken to hospital, fire chief Maria Okafor said. "
    '"The building was already empty when the roof collapsed," Okafor told reporters.\n\n'
    "The mill had failed a fire inspection in March, according to city records."
)
COURIER_TEXT = (
    "Fire tore through the Lindqvist mill in Harbourton late on Tuesday.\n\n"
    "Fourteen workers were hospitalised, officials said. "
    "Fire chief Maria Okafor said the building was already empty when the roof collapsed.\n\n"
    "The owner said production would resume next month."
)
TEXTS = {"a1": GAZETTE_TEXT, "a2": COURIER_TEXT}
OUTLETS = {"a1": "Harbour Gazette", "a2": "Valley Courier"}


def span(article_id: str, words: str, **extra) -> dict:
    """A reference to ``words`` in an article, with its offsets."""
    start = TEXTS[article_id].index(words)
    return {"article_id": article_id, "outlet": OUTLETS[article_id], "text": words, "start": start,
            "end": start + len(words), **extra}


A1_FIRE = "A fire broke out at the Lindqvist textile mill in Harbourton on Tuesday night."
A2_FIRE = "Fire tore through the Lindqvist mill in Harbourton late on Tuesday."
A1_HOSP = "Twelve workers were taken to hospital, fire chief Maria Okafor said."
A2_HOSP = "Fourteen workers were hospitalised, officials said."
A1_INSPECT = "The mill had failed a fire inspection in March, according to city records."
A2_RESUME = "The owner said production would resume next month."
SUMMARY_1 = "A fire broke out at the Lindqvist textile mill in Harbourton on Tuesday night."


def build_report() -> dict:
    articles = [
        {"id": "a1", "outlet": "Harbour Gazette", "title": "Fire guts Lindqvist mill; twelve in hospital",
         "url": "https://gazette.example/fire", "published": "2026-03-11T07:00:00+00:00",
         "published_source": "meta", "origin_id": "a1", "text": GAZETTE_TEXT},
        {"id": "a2", "outlet": "Valley Courier", "title": "Fourteen hurt as fire tears through Harbourton mill",
         "url": "https://courier.example/news/mill-fire", "published": "2026-03-11T09:30:00+00:00",
         "published_source": "dateline", "origin_id": "a2", "text": COURIER_TEXT},
    ]
    claims = [
        {"id": "c1", "text": "A fire broke out at the Lindqvist mill in Harbourton on Tuesday.",
         "status": "corroborated",
         "outlets": ["Harbour Gazette", "Valley Courier"], "origins": 2,
         "support": [span("a1", A1_FIRE), span("a2", A2_FIRE)], "conflicts": []},
        {"id": "c2", "text": "Workers were taken to hospital.", "status": "conflicting",
         "outlets": ["Harbour Gazette", "Valley Courier"], "origins": 2,
         "support": [span("a1", A1_HOSP), span("a2", A2_HOSP)],
         "conflicts": [{"slot": "number", "values": [span("a1", A1_HOSP, value="12"),
                                                     span("a2", A2_HOSP, value="14")]}]},
        {"id": "c3", "text": "The mill failed a fire inspection in March.", "status": "single_source",
         "outlets": ["Harbour Gazette"], "origins": 1, "support": [span("a1", A1_INSPECT)], "conflicts": []},
        {"id": "c4", "text": "Production will resume next month.", "status": "single_source",
         "outlets": ["Valley Courier"], "origins": 1, "support": [span("a2", A2_RESUME)], "conflicts": []},
    ]
    quotes = [{
        "id": "q1", "speaker": "Maria Okafor", "speaker_entity_id": "e1", "agreement": "partial",
        "renderings": [
            span("a1", "The building was already empty when the roof collapsed", speaker="Okafor", kind="direct",
                 cue="told", via=None),
            span("a2", "the building was already empty when the roof collapsed", speaker="Fire chief Maria Okafor",
                 kind="indirect", cue="said", via=None, relation="paraphrase"),
        ],
    }]
    entities = [
        {"id": "e1", "name": "Maria Okafor", "type": "PERSON", "aliases": ["Okafor", "fire chief Maria Okafor"],
         "outlets": ["Harbour Gazette", "Valley Courier"],
         "mentions": [span("a1", "Maria Okafor"), span("a1", "Okafor told"), span("a2", "Maria Okafor")]},
        {"id": "e2", "name": "Lindqvist textile mill", "type": "FAC", "aliases": ["Lindqvist mill"],
         "outlets": ["Harbour Gazette", "Valley Courier"],
         "mentions": [span("a1", "Lindqvist textile mill"), span("a2", "Lindqvist mill")]},
        {"id": "e3", "name": "Harbourton", "type": "GPE", "aliases": [],
         "outlets": ["Harbour Gazette", "Valley Courier"],
         "mentions": [span("a1", "Harbourton"), span("a2", "Harbourton")]},
    ]
    timeline = [
        {**span("a1", A1_INSPECT), "date": "2026-03", "precision": "month", "expression": "in March",
         "inferred": False},
        {**span("a2", A2_FIRE), "date": "2026-03-10", "precision": "day", "expression": "late on Tuesday",
         "inferred": True},
        {**span("a2", A2_RESUME), "date": "2026-04", "precision": "month", "expression": "next month",
         "inferred": True},
    ]
    framing = [
        {"outlet": "Harbour Gazette", "distinctive_terms": [{"term": "inspection", "score": 0.61},
                                                            {"term": "city records", "score": 0.44}], "omits": []},
        {"outlet": "Valley Courier", "distinctive_terms": [{"term": "production", "score": 0.58},
                                                           {"term": "owner", "score": 0.37}], "omits": []},
    ]
    summary = [
        {"text": SUMMARY_1, "claim_ids": ["c1"], "outlets": ["Harbour Gazette", "Valley Courier"]},
        {"text": "The outlets disagree on how many workers went to hospital: twelve or fourteen.",
         "claim_ids": ["c2"], "outlets": ["Harbour Gazette", "Valley Courier"]},
        {"text": "Only the Gazette reports a failed inspection; only the Courier says work resumes soon.",
         "claim_ids": ["c3", "c4"], "outlets": ["Harbour Gazette", "Valley Courier"]},
    ]
    story = {"id": "st1", "title": "Fire at the Lindqvist mill in Harbourton",
             "first_published": articles[0]["published"],
             "last_published": articles[1]["published"], "articles": articles, "claims": claims, "quotes": quotes,
             "entities": entities, "timeline": timeline, "framing": framing, "summary": summary}
    return {"schema": "newsprism.report/1", "generated": "2026-03-11T12:00:00+00:00", "stories": [story]}


@pytest.fixture
def report():
    return build_report()


# --- dispatch and JSON ---------------------------------------------------------------------------------------


def test_render_dispatches_every_format(report):
    assert FORMATS == ("json", "md", "html")
    assert render(report, "json") == to_json(report)
    assert render(report, "md") == to_markdown(report)
    assert render(report, "html") == to_html(report)


def test_unknown_format_is_a_usage_error_listing_the_options(report):
    with pytest.raises(UsageError) as err:
        render(report, "pdf")
    assert "'pdf'" in str(err.value) and "json, md, html" in str(err.value)


def test_json_round_trips(report):
    assert json.loads(to_json(report)) == report


# --- Markdown -------------------------------------------------------------------------------------------------


def test_markdown_has_every_section(report):
    md = to_markdown(report)
    for snippet in [
        "## Fire at the Lindqvist mill in Harbourton",
        "**Outlets:** Harbour Gazette, Valley Courier",
        "2026-03-11T07:00:00+00:00 to 2026-03-11T09:30:00+00:00",
        "### Summary", "### Claims", "#### Corroborated (1)", "#### Conflicting (1)", "#### Single source (2)",
        "### Quotes", "#### Maria Okafor — partial", "### Timeline", "### Entities", "### Framing",
        "#### Valley Courier",
    ]:
        assert snippet in md, snippet
    assert md.index("#### Corroborated") < md.index("#### Conflicting") < md.index("#### Single source")


def test_markdown_conflict_shows_each_side_with_its_span(report):
    md = to_markdown(report)
    assert f"Harbour Gazette says **12**: “{A1_HOSP}”" in md
    assert f"Valley Courier says **14**: “{A2_HOSP}”" in md
    assert "Conflict over the number" in md


def test_markdown_citation_markers_resolve_to_footnotes(report):
    md = to_markdown(report)
    summary = md.split("### Summary\n\n", 1)[1].split("\n", 1)[0]
    assert summary.startswith(SUMMARY_1 + "[1]")
    markers = [int(n) for n in re.findall(r"(?<!\\)\[(\d+)\]", summary)]
    assert markers == [1, 2, 3, 4]
    sources = md.split("**Sources**", 1)[1].split("### Claims", 1)[0]
    claims = {c["id"]: c for c in report["stories"][0]["claims"]}
    for n, claim_id in zip(markers, ["c1", "c2", "c3", "c4"]):
        note = sources.split(f"- [{n}] ", 1)[1].split("\n- [", 1)[0]
        assert note.startswith(f"“{claims[claim_id]['text']}”")
        for support in claims[claim_id]["support"]:
            assert f"{support['outlet']}: “{support['text']}”" in note


def test_markdown_timeline_entities_framing(report):
    md = to_markdown(report)
    assert "| 2026-03-10 | day | inferred | late on Tuesday | Valley Courier |" in md
    assert "| 2026-03 | month | stated | in March | Harbour Gazette |" in md
    assert md.index("| 2026-03 |") < md.index("| 2026-03-10 |") < md.index("| 2026-04 |")
    assert "| Maria Okafor | PERSON | Okafor, fire chief Maria Okafor | Harbour Gazette, Valley Courier | 3 |" in md
    assert "inspection (0.61), city records (0.44)" in md
    words = "“The building was already empty when the roof collapsed”"
    assert f"| Harbour Gazette | direct | Okafor | {words} | told" in md


def test_markdown_framing_names_omitted_claims_by_text(report):
    report["stories"][0]["framing"][1]["omits"] = ["c1"]
    md = to_markdown(report)
    framing = md.split("#### Valley Courier", 1)[1]
    assert "Omits corroborated claims:" in framing
    assert "“A fire broke out at the Lindqvist mill in Harbourton on Tuesday.”" in framing


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_special_characters_stay_text(report):
    story = report["stories"][0]
    story["quotes"][0]["renderings"][0]["text"] = "a | b *bold* [link](x) <script>alert(1)</script> & `code`\n# h"
    story["entities"][0]["aliases"].append("pipe|alias")
    story["title"] = "Title with # and <b>tags</b>"
    story["quotes"][0]["renderings"][1]["relation"] = "paraphrase|x"
    md = to_markdown(report)
    assert "<script" not in md and "<b>" not in md
    assert r"a \| b \*bold\* \[link\]\(x\) &lt;script&gt;alert\(1\)&lt;/script&gt; &amp; \`code\` \# h" in md
    for table in re.findall(r"(?:^\|.*\n)+", md, flags=re.M):
        rows = table.splitlines()
        assert {_unescaped_pipes(r) for r in rows} == {_unescaped_pipes(rows[0])}, table


def test_markdown_flags_a_cited_claim_that_is_missing(report):
    report["stories"][0]["summary"].append({"text": "Unsupported.", "claim_ids": ["c9"], "outlets": []})
    assert "- [5] Claim c9 is not in this report." in to_markdown(report)


# --- HTML -------------------------------------------------------------------------------------------------------


class PageParser(HTMLParser):
    """Collects tags with attributes, ids, local links and the text inside each ``<mark>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: list[str] = []
        self.marks: dict[str, str] = {}
        self.mark_classes: dict[str, str] = {}
        self._mark: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "mark" and attrs.get("id"):
            assert self._mark is None, "nested <mark>"
            self._mark = attrs["id"]
            self.marks[self._mark] = ""
            self.mark_classes[self._mark] = attrs.get("class", "")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark = None

    def handle_data(self, data):
        if self._mark:
            self.marks[self._mark] += data

    @property
    def local_links(self) -> list[str]:
        return [a["href"][1:] for t, a in self.tags if t == "a" and (a.get("href") or "").startswith("#")]


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def test_html_every_local_link_has_a_target(report):
    parser = parse(to_html(report))
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids"
    assert parser.local_links
    assert set(parser.local_links) <= set(parser.ids), set(parser.local_links) - set(parser.ids)


def test_html_marks_highlight_exactly_the_claim_spans(report):
    parser = parse(to_html(report))
    story = report["stories"][0]
    refs = {(r["article_id"], r["start"], r["end"]): (r["text"], c["status"])
            for c in story["claims"] for r in c["support"]}
    assert sorted(parser.marks.values()) == sorted(text for text, _ in refs.values())
    classes = {text: status for text, status in refs.values()}
    assert all(parser.mark_classes[mid] == classes[text] for mid, text in parser.marks.items())


def test_html_citation_markers_link_to_the_claims_first_span(report):
    page = to_html(report)
    parser = parse(page)
    story = report["stories"][0]
    claims = {c["id"]: c for c in story["claims"]}
    cites = re.findall(r'<sup class="cite"><a href="#([^"]+)">\[(\d+)\]</a></sup>', page)
    assert [n for _, n in cites] == ["1", "2", "3", "4"]
    for (target, _), claim_id in zip(cites, ["c1", "c2", "c3", "c4"]):
        assert parser.marks[target] == claims[claim_id]["support"][0]["text"]


def test_html_shows_sections_conflicts_and_quotes(report):
    page = to_html(report)
    for snippet in ["Articles side by side", 'class="articles"', "Conflict over the number",
                    '<td class="value">12</td>', '<td class="value">14</td>', "Timeline", "Framing", "Entities",
                    "inspection <small>0.61</small>", 'class="badge agree-partial">partial</span>',
                    'indirect <span class="muted">(paraphrase)</span>',
                    '<td class="words">the building was already empty when the roof collapsed</td>',
                    '<a class="url" href="https://gazette.example/fire"']:
        assert snippet in page, snippet


def test_html_is_self_contained(report):
    page = to_html(report)
    for pattern in [r"\bsrc\s*=", r"<link\b", r"@import", r"url\(", r"<script", r"<iframe", r"<img"]:
        assert not re.search(pattern, page, flags=re.I), pattern
    for tag, attrs in parse(page).tags:
        for name, value in attrs.items():
            if value and "http" in value.lower():
                assert (tag, name) == ("a", "href"), (tag, name, value)


HOSTILE = ' <script>alert(1)</script> "onload=alert(2) \'onerror=x & <img src=x>'


def hostile(value):
    """Every string in the report with the payload appended; offsets stay valid, references still resolve."""
    if isinstance(value, dict):
        return {k: hostile(v) for k, v in value.items()}
    if isinstance(value, list):
        return [hostile(v) for v in value]
    return value + HOSTILE if isinstance(value, str) else value


def test_html_escapes_hostile_input_in_every_field(report):
    page = to_html(hostile(report))
    assert "<script" not in page.lower() and "<img" not in page.lower()
    parser = parse(page)
    assert {tag for tag, _ in parser.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li",
        "a", "section", "span", "b", "sup", "q", "div", "article", "mark", "table", "caption", "tr", "th", "td",
        "small"}
    for _tag, attrs in parser.tags:
        assert not [name for name in attrs if name.startswith("on") or name == "src"], attrs
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") > 40
    assert set(parser.local_links) <= set(parser.ids)


def test_html_links_only_web_urls(report):
    report["stories"][0]["articles"][0]["url"] = "javascript:alert(1)"
    page = to_html(report)
    assert 'href="javascript' not in page
    assert '<span class="url">javascript:alert(1)</span>' in page


def test_html_without_texts_has_no_side_by_side_view(report):
    for article in report["stories"][0]["articles"]:
        del article["text"]
    page = to_html(report)
    parser = parse(page)
    assert "made without article texts" in page and 'class="articles"' not in page
    assert not parser.marks
    assert set(parser.local_links) <= set(parser.ids)
    assert A1_HOSP in page  # the spans are still quoted in the notes and claims


def test_html_overlapping_spans_keep_the_outermost_mark(report):
    story = report["stories"][0]
    inner = span("a1", "Twelve workers")
    crossing = span("a1", "night.\n\nTwelve")
    story["claims"].append({"id": "c5", "text": "Twelve workers.", "status": "single_source", "outlets": [],
                            "origins": 1, "support": [inner, crossing], "conflicts": []})
    story["claims"].append({"id": "c6", "text": "Out of range.", "status": "single_source", "outlets": [],
                            "origins": 1, "support": [{**inner, "start": 5, "end": 10_000}], "conflicts": []})
    story["summary"].append({"text": "Overlaps.", "claim_ids": ["c5", "c6"], "outlets": []})
    parser = parse(to_html(report))
    assert inner["text"] not in parser.marks.values() and crossing["text"] not in parser.marks.values()
    assert A1_FIRE in parser.marks.values() and A1_HOSP in parser.marks.values()
    assert set(parser.local_links) <= set(parser.ids)
    anchors = [a["id"] for t, a in parser.tags if t == "span" and a.get("class") == "anchor"]
    assert len(anchors) >= 2


def test_html_identical_spans_share_one_mark(report):
    parser = parse(to_html(report))
    # the conflicting claim's support and conflict values are the same sentences: one mark each, not two
    assert list(parser.marks.values()).count(A1_HOSP) == 1
    assert parser.mark_classes[next(k for k, v in parser.marks.items() if v == A1_HOSP)] == "conflicting"


def test_html_empty_report():
    page = to_html({"schema": "newsprism.report/1", "generated": None, "stories": []})
    assert "No stories." in page
    story = {"id": "x", "title": None, "articles": [], "claims": [], "summary": []}
    page = to_html({"stories": [story]})
    assert "Untitled story" in page and "No claims." in page
