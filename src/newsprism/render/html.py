"""The report as one self-contained HTML page: inline CSS, no script, nothing fetched.

Per story: the summary, whose citation markers link to the highlighted source sentences; the articles side by
side, each claim's span in a ``<mark>`` coloured by status; claims with their conflicts; quote renderings in a
table; the timeline; framing; entities.

Spans are placed by their character offsets into each article's ``text``. Where spans overlap, the outermost
is marked and each span inside it gets an empty anchor at its start, so every link still has a target.
Identical spans share one mark. Everything from the report goes through :func:`html.escape`; a link to an
article's own URL is made only for ``http``/``https`` URLs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from ._common import STATUS_ORDER, STATUS_TITLES, score_text, timeline_order

__all__ = ["to_html", "page", "esc"]

# the status a shared mark shows: the one that most needs a reader's attention
_PRIORITY = {"conflicting": 0, "corroborated": 1, "single_source": 2}


def _status_class(status) -> str:
    """A CSS class for a status: a known status, else ``other`` (class names never come from the data)."""
    return status if status in STATUS_TITLES else "other"


_AGREEMENTS = ("verbatim", "partial", "paraphrase", "misattributed", "single")


def esc(value) -> str:
    """``value`` as HTML text or attribute value (``None`` is empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


# --- where each span lands in the article texts -----------------------------------------------------------


@dataclass
class _Mark:
    start: int
    end: int
    id: str
    statuses: list = field(default_factory=list)
    titles: list = field(default_factory=list)

    @property
    def status(self) -> str:
        return min(self.statuses, key=lambda s: _PRIORITY.get(s, 9), default="single_source")


@dataclass
class _Layout:
    """The element ids a story's links may point at: only spans that are really in the page."""

    prefix: str
    texts: dict  # article id -> text
    marks: dict = field(default_factory=dict)  # article id -> {(start, end): _Mark}
    anchors: dict = field(default_factory=dict)  # article id -> {(start, end): id}, zero-width
    ids: int = 0  # element ids handed out so far

    def span_id(self, ref: dict) -> str | None:
        key = _offsets(ref)
        mark = self.marks.get(ref.get("article_id"), {}).get(key)
        return mark.id if mark else self.anchors.get(ref.get("article_id"), {}).get(key)

    def add_mark(self, ref: dict, status: str, title: str) -> None:
        if not self._valid(ref):
            return
        marks, key = self.marks.setdefault(ref["article_id"], {}), _offsets(ref)
        if key not in marks:
            marks[key] = _Mark(*key, f"{self.prefix}-m{self._count()}")
        mark = marks[key]
        if title not in mark.titles:
            mark.statuses.append(status)
            mark.titles.append(title)

    def add_anchor(self, ref: dict) -> None:
        if self._valid(ref) and self.span_id(ref) is None:
            anchors = self.anchors.setdefault(ref["article_id"], {})
            anchors[_offsets(ref)] = f"{self.prefix}-p{self._count()}"

    def _count(self) -> int:
        self.ids += 1
        return self.ids - 1

    def _valid(self, ref: dict) -> bool:
        text = self.texts.get(ref.get("article_id"))
        start, end = _offsets(ref)
        return text is not None and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def _offsets(ref: dict) -> tuple:
    return ref.get("start"), ref.get("end")


def _claim_refs(claim: dict):
    yield from claim.get("support") or []
    for conflict in claim.get("conflicts") or []:
        yield from conflict.get("values") or []


def _layout(story: dict, prefix: str) -> _Layout:
    texts = {a.get("id"): a["text"] for a in story.get("articles") or [] if isinstance(a.get("text"), str)}
    layout = _Layout(prefix, texts)
    for claim in story.get("claims") or []:
        title = f"{STATUS_TITLES.get(claim.get('status'), 'Claim')}: {claim.get('text') or ''}"
        for ref in _claim_refs(claim):
            layout.add_mark(ref, claim.get("status"), title)
    for quote in story.get("quotes") or []:
        for ref in quote.get("renderings") or []:
            layout.add_anchor(ref)
    for ref in story.get("timeline") or []:
        layout.add_anchor(ref)
    return layout


# --- article text with marks ---------------------------------------------------------------------------------


def _outermost(marks: list[_Mark]) -> tuple[list[_Mark], list[tuple[int, str]]]:
    """The marks that don't overlap an earlier, longer one; the others become anchors ``(position, id)``."""
    kept, anchors, end = [], [], 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start >= end:
            kept.append(mark)
            end = mark.end
        else:
            anchors.append((mark.start, mark.id))
    return kept, anchors


def _chunk(text: str, start: int, end: int, anchors: list[tuple[int, str]]) -> str:
    """``text[start:end]`` escaped, with an empty anchor element at each anchor position inside it."""
    out, pos = [], start
    for at, anchor_id in sorted(a for a in anchors if start <= a[0] < end):
        out += [esc(text[pos:at]), f'<span class="anchor" id="{anchor_id}"></span>']
        pos = at
    return "".join(out) + esc(text[pos:end])


def _marked_text(text: str, marks: list[_Mark], anchors: list[tuple[int, str]]) -> str:
    kept, inner = _outermost(marks)
    anchors = anchors + inner
    out, pos = [], 0
    for mark in kept:
        title = esc(" | ".join(mark.titles))
        out.append(_chunk(text, pos, mark.start, anchors))
        out.append(f'<mark id="{mark.id}" class="{_status_class(mark.status)}" title="{title}">')
        out.append(_chunk(text, mark.start, mark.end, anchors) + "</mark>")
        pos = mark.end
    return "".join(out) + _chunk(text, pos, len(text), anchors)


# --- the page -------------------------------------------------------------------------------------------------


def to_html(report: dict) -> str:
    """The whole report as one HTML page."""
    stories = report.get("stories") or []
    body = "\n".join(_story(story, f"s{i}") for i, story in enumerate(stories)) or "<p>No stories.</p>"
    toc = "".join(f'<li><a href="#s{i}">{_title(s)}</a></li>' for i, s in enumerate(stories))
    count = f'{len(stories)} {"story" if len(stories) == 1 else "stories"}'
    header = (f'<h1>newsprism report</h1>\n<p class="muted">Generated {esc(report.get("generated"))} · schema '
              f'{esc(report.get("schema"))} · {count}</p>\n<ul class="toc">{toc}</ul>{_legend()}')
    return page("newsprism report", header, body)


def page(title: str, header: str, body: str, css: str = "") -> str:
    """A self-contained HTML page in the report's style: ``header`` and ``body`` are HTML already
    escaped by the caller; ``title`` is escaped here."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{CSS}{css}</style>
</head>
<body>
<header class="page">{header}</header>
{body}
</body>
</html>
"""


def _title(story: dict) -> str:
    return esc(story.get("title")) or "Untitled story"


def _legend() -> str:
    items = "".join(f'<mark class="{s}">{STATUS_TITLES[s]}</mark> ' for s in STATUS_ORDER)
    return f'<p class="legend">Claim highlights: {items}</p>'


def _story(story: dict, prefix: str) -> str:
    layout = _layout(story, prefix)
    claims = story.get("claims") or []
    index = {c.get("id"): i for i, c in enumerate(claims)}
    sections = [
        _summary(story, layout, index),
        _articles(story, layout),
        _claims(claims, layout),
        _quotes(story.get("quotes") or [], layout),
        _timeline(story.get("timeline") or [], layout),
        _framing(story.get("framing") or [], claims, index, prefix),
        _entities(story.get("entities") or []),
    ]
    head = f'<section class="story" id="{prefix}">\n<h2>{_title(story)}</h2>\n{_meta(story)}\n'
    return head + "\n".join(sections) + "\n</section>"


def _meta(story: dict) -> str:
    articles = story.get("articles") or []
    outlets = ", ".join(sorted({esc(a.get("outlet")) or "unknown outlet" for a in articles}))
    first, last = esc(story.get("first_published")) or "undated", esc(story.get("last_published")) or "undated"
    return (f'<p class="meta"><b>Outlets:</b> {outlets} · <b>Articles:</b> {len(articles)} · '
            f"<b>Published:</b> {first} to {last}</p>")


def _badge(status) -> str:
    return f'<span class="badge {_status_class(status)}">{esc(STATUS_TITLES.get(status, status))}</span>'


def _source_link(ref: dict, layout: _Layout, label) -> str:
    """``label`` linked to the span in its article when the span is on the page, else plain."""
    target = layout.span_id(ref)
    return f'<a href="#{target}">{esc(label)}</a>' if target else esc(label)


def _head(*names: str) -> str:
    return "<tr>" + "".join(f"<th>{name}</th>" for name in names) + "</tr>"


def _section(title: str, inner: str, css: str = "") -> str:
    return f'<section class="part {css}"><h3>{title}</h3>\n{inner}\n</section>'


# --- summary ---------------------------------------------------------------------------------------------------


def _summary(story: dict, layout: _Layout, index: dict) -> str:
    sentences = story.get("summary") or []
    if not sentences:
        return _section("Summary", '<p class="muted">No summary.</p>')
    claims = story.get("claims") or []
    numbers: dict = {}
    text = " ".join(_cited(s, numbers, claims, index, layout) for s in sentences)
    notes = "".join(_note(n, cid, claims, index, layout) for cid, n in numbers.items())
    return _section("Summary", f'<p class="summary">{text}</p>\n<ol class="notes">{notes}</ol>', "summary-part")


def _claim_of(claim_id, claims: list, index: dict) -> dict | None:
    return claims[index[claim_id]] if claim_id in index else None


def _first_target(claim: dict | None, layout: _Layout) -> str | None:
    for ref in (claim or {}).get("support") or []:
        if layout.span_id(ref):
            return layout.span_id(ref)
    return None


def _cited(sentence: dict, numbers: dict, claims: list, index: dict, layout: _Layout) -> str:
    markers = []
    for cid in sentence.get("claim_ids") or []:
        n = numbers.setdefault(cid, len(numbers) + 1)
        target = _first_target(_claim_of(cid, claims, index), layout) or f"{layout.prefix}-n{n}"
        markers.append(f'<sup class="cite"><a href="#{target}">[{n}]</a></sup>')
    return f'<span class="sentence">{esc(sentence.get("text"))}{"".join(markers)}</span>'


def _note(n: int, claim_id, claims: list, index: dict, layout: _Layout) -> str:
    claim = _claim_of(claim_id, claims, index)
    if claim is None:
        return f'<li id="{layout.prefix}-n{n}" value="{n}">Claim {esc(claim_id)} is not in this report.</li>'
    sources = "".join(f"<li>{_source_link(s, layout, s.get('outlet'))}: <q>{esc(s.get('text'))}</q></li>"
                      for s in claim.get("support") or [])
    return (f'<li id="{layout.prefix}-n{n}" value="{n}"><a href="#{layout.prefix}-c{index[claim_id]}">'
            f'{esc(claim.get("text"))}</a> {_badge(claim.get("status"))}<ul>{sources}</ul></li>')


# --- articles side by side -------------------------------------------------------------------------------------


def _articles(story: dict, layout: _Layout) -> str:
    articles = story.get("articles") or []
    if not articles:
        return _section("Articles", '<p class="muted">No articles.</p>')
    if not layout.texts:
        note = '<p class="muted">This report was made without article texts, so there is no side-by-side view.</p>'
        return _section("Articles", note + _article_list(articles))
    columns = "\n".join(_article_column(a, layout) for a in articles)
    return _section("Articles side by side", f'<div class="articles">\n{columns}\n</div>')


def _url_link(url) -> str:
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a class="url" href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'
    return f'<span class="url">{esc(url)}</span>' if url else ""


def _article_head(article: dict) -> str:
    origin = article.get("origin_id")
    copy = f" · copy of {esc(origin)}" if origin and origin != article.get("id") else ""
    source = f" ({esc(article.get('published_source'))})" if article.get("published_source") else ""
    return (f'<div class="outlet">{esc(article.get("outlet")) or "unknown outlet"}</div>'
            f'<div class="title">{esc(article.get("title"))}</div>'
            f'<div class="muted small">{esc(article.get("published")) or "undated"}{source}{copy}</div>'
            f'<div class="small">{_url_link(article.get("url"))}</div>')


def _article_column(article: dict, layout: _Layout) -> str:
    aid = article.get("id")
    text = layout.texts.get(aid)
    if text is None:
        body = '<p class="muted">Text not in this report.</p>'
    else:
        marks = list(layout.marks.get(aid, {}).values())
        anchors = [(start, pid) for (start, _end), pid in layout.anchors.get(aid, {}).items()]
        body = f'<div class="text">{_marked_text(text, marks, anchors)}</div>'
    return f'<article class="column"><header>{_article_head(article)}</header>{body}</article>'


def _article_list(articles: list) -> str:
    rows = "".join(f"<tr><td>{esc(a.get('outlet'))}</td><td>{esc(a.get('title'))}</td><td>{esc(a.get('published'))}"
                   f"</td><td>{_url_link(a.get('url'))}</td></tr>" for a in articles)
    return f"<table><tr><th>Outlet</th><th>Title</th><th>Published</th><th>URL</th></tr>{rows}</table>"


# --- claims ------------------------------------------------------------------------------------------------------


def _claims(claims: list, layout: _Layout) -> str:
    if not claims:
        return _section("Claims", '<p class="muted">No claims.</p>')
    numbered = list(enumerate(claims))
    groups = [(STATUS_TITLES[s], [(i, c) for i, c in numbered if c.get("status") == s]) for s in STATUS_ORDER]
    groups.append(("Other status", [(i, c) for i, c in numbered if c.get("status") not in STATUS_ORDER]))
    return _section("Claims", "\n".join(_claim_group(title, items, layout) for title, items in groups if items))


def _claim_group(title: str, items: list, layout: _Layout) -> str:
    lis = "".join(_claim(i, c, layout) for i, c in items)
    return f'<h4>{title} ({len(items)})</h4><ul class="claims">{lis}</ul>'


def _claim(i: int, claim: dict, layout: _Layout) -> str:
    outlets = ", ".join(esc(o) for o in claim.get("outlets") or [])
    origins = esc(claim.get("origins")) if claim.get("origins") is not None else "?"
    support = "".join(f"<li>{_source_link(s, layout, s.get('outlet'))}: <q>{esc(s.get('text'))}</q></li>"
                      for s in claim.get("support") or [])
    conflicts = "".join(_conflict(c, layout) for c in claim.get("conflicts") or [])
    status = claim.get("status")
    return (f'<li id="{layout.prefix}-c{i}" class="claim {_status_class(status)}">{_badge(status)} '
            f'<b>{esc(claim.get("text"))}</b> <span class="muted small">{esc(claim.get("id"))} · {outlets} · '
            f"{origins} independent origin(s)</span><ul>{support}</ul>{conflicts}</li>")


def _conflict(conflict: dict, layout: _Layout) -> str:
    rows = "".join(f'<tr><td>{_source_link(v, layout, v.get("outlet"))}</td><td class="value">{esc(v.get("value"))}'
                   f"</td><td><q>{esc(v.get('text'))}</q></td></tr>" for v in conflict.get("values") or [])
    return (f'<table class="conflict"><caption>Conflict over the {esc(conflict.get("slot"))}</caption>'
            f"<tr><th>Outlet</th><th>Says</th><th>Source text</th></tr>{rows}</table>")


# --- quotes, timeline, framing, entities ----------------------------------------------------------------------------


def _quotes(quotes: list, layout: _Layout) -> str:
    if not quotes:
        return _section("Quotes", '<p class="muted">No quotes.</p>')
    return _section("Quotes", "\n".join(_quote(q, layout) for q in quotes))


def _quote(quote: dict, layout: _Layout) -> str:
    rows = "".join(
        f"<tr><td>{_source_link(r, layout, r.get('outlet'))}</td><td>{_kind(r)}</td>"
        f"<td>{esc(r.get('speaker'))}</td><td class=\"words\">{esc(r.get('text'))}</td><td>{esc(r.get('cue'))}</td>"
        f"<td>{esc(r.get('via'))}</td></tr>"
        for r in quote.get("renderings") or []
    )
    agreement = esc(quote.get("agreement")) or "unknown"
    css = quote.get("agreement") if quote.get("agreement") in _AGREEMENTS else "other"
    return (f'<table class="quote"><caption>{esc(quote.get("speaker")) or "Unknown speaker"} '
            f'<span class="badge agree-{css}">{agreement}</span></caption>'
            f"<tr><th>Outlet</th><th>Kind</th><th>Speaker as written</th><th>Words</th><th>Cue</th><th>Via</th></tr>"
            f"{rows}</table>")


def _kind(rendering: dict) -> str:
    """The rendering's kind, and how it relates to the group (``relation``) when the report says."""
    relation = rendering.get("relation")
    return esc(rendering.get("kind")) + (f' <span class="muted">({esc(relation)})</span>' if relation else "")


def _timeline(entries: list, layout: _Layout) -> str:
    if not entries:
        return _section("Timeline", '<p class="muted">No dated events.</p>')
    ordered = timeline_order(entries)
    rows = "".join(
        f"<tr><td class=\"date\">{esc(e.get('date')) or 'undated'}</td><td>{esc(e.get('precision'))}</td>"
        f"<td>{'inferred' if e.get('inferred') else 'stated'}</td><td>{esc(e.get('expression'))}</td>"
        f"<td>{_source_link(e, layout, e.get('outlet'))}</td><td>{esc(e.get('text'))}</td></tr>"
        for e in ordered
    )
    head = _head("Date", "Precision", "Stated or inferred", "Expression", "Outlet", "Text")
    return _section("Timeline", f'<table class="timeline">{head}{rows}</table>')


def _framing(framing: list, claims: list, index: dict, prefix: str) -> str:
    if not framing:
        return _section("Framing", '<p class="muted">No framing data.</p>')
    cards = "".join(_frame(f, claims, index, prefix) for f in framing)
    return _section("Framing", f'<div class="cards">{cards}</div>')


def _frame(entry: dict, claims: list, index: dict, prefix: str) -> str:
    terms = "".join(f'<span class="term">{esc(t.get("term"))} <small>{score_text(t.get("score"), esc)}</small></span>'
                    for t in entry.get("distinctive_terms") or []) or '<span class="muted">none</span>'
    omits = "".join(
        f'<li><a href="#{prefix}-c{index[c]}">{esc(claims[index[c]].get("text"))}</a></li>' if c in index
        else f"<li>claim {esc(c)}</li>"
        for c in entry.get("omits") or []
    )
    omitted = f"<p>Omits corroborated claims:</p><ul>{omits}</ul>" if omits else "<p>Omits no corroborated claim.</p>"
    return f'<div class="card"><h4>{esc(entry.get("outlet")) or "Unknown outlet"}</h4><p>{terms}</p>{omitted}</div>'


def _entities(entities: list) -> str:
    if not entities:
        return _section("Entities", '<p class="muted">No entities.</p>')
    rows = "".join(
        f"<tr><td><b>{esc(e.get('name'))}</b></td><td>{esc(e.get('type'))}</td>"
        f"<td>{', '.join(esc(a) for a in e.get('aliases') or [])}</td>"
        f"<td>{', '.join(esc(o) for o in e.get('outlets') or [])}</td><td>{len(e.get('mentions') or [])}</td></tr>"
        for e in entities
    )
    head = "<tr><th>Name</th><th>Type</th><th>Aliases</th><th>Outlets</th><th>Mentions</th></tr>"
    return _section("Entities", f'<table class="entities">{head}{rows}</table>')


CSS = """
:root { --green: #c7ecc4; --green-d: #2e7d32; --blue: #d9e4f1; --blue-d: #3d5a80; --orange: #ffd0a6;
  --orange-d: #c2410c; --ink: #1f2328; --muted: #5c6470; --line: #d8dde3; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem 2rem 4rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
h1 { margin: 0 0 .2rem; font-size: 1.6rem; }
h2 { margin: 0 0 .3rem; font-size: 1.45rem; }
h3 { margin: 0 0 .6rem; font-size: 1.1rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
h4 { margin: .8rem 0 .4rem; font-size: 1rem; }
a { color: #0b5cad; }
.muted { color: var(--muted); }
.small { font-size: .85rem; }
header.page { margin-bottom: 1.5rem; }
.toc { margin: .3rem 0; padding-left: 1.2rem; }
.legend mark { margin-right: .3rem; }
.story { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1.2rem 1.5rem;
  margin-bottom: 2rem; }
.meta { margin: 0 0 1rem; color: var(--muted); }
.part { margin-top: 1.4rem; padding-top: 1rem; border-top: 1px solid var(--line); }
.summary { font-size: 1.08rem; max-width: 60rem; }
.cite { font-size: .75em; margin-left: .1em; }
.cite a { text-decoration: none; font-weight: 600; }
.notes { font-size: .9rem; max-width: 70rem; }
.notes ul, .claims ul { margin: .2rem 0 .5rem; padding-left: 1.2rem; }
.notes li:target, .claim:target { background: #fff7c2; }
q { quotes: "\\201C" "\\201D"; color: #33383f; }
mark { padding: .05em .1em; border-radius: 3px; color: inherit; }
mark.corroborated { background: var(--green); box-shadow: inset 0 -2px var(--green-d); }
mark.single_source { background: var(--blue); box-shadow: inset 0 -2px var(--blue-d); }
mark.conflicting { background: var(--orange); box-shadow: inset 0 -2px var(--orange-d); }
mark:target { outline: 3px solid #111; outline-offset: 1px; }
mark, .anchor { scroll-margin: 25vh 0; }
.anchor:target::before { content: "\\25B6"; color: #c00; font-size: .8em; }
.articles { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(22rem, 1fr); gap: 1rem;
  overflow-x: auto; padding-bottom: .5rem; }
.column { border: 1px solid var(--line); border-radius: 6px; background: #fcfcfd; display: flex;
  flex-direction: column; min-width: 0; }
.column header { padding: .6rem .8rem; border-bottom: 1px solid var(--line); background: #f0f2f5;
  border-radius: 6px 6px 0 0; }
.outlet { font-weight: 700; }
.title { font-weight: 600; font-family: Georgia, "Times New Roman", serif; font-size: 1.05rem; }
.url { word-break: break-all; }
.text { padding: .8rem; white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman",
  serif; font-size: 1rem; line-height: 1.6; max-height: 32rem; overflow-y: auto; }
.badge { display: inline-block; font-size: .72rem; font-weight: 700; padding: .05rem .45rem; border-radius: 999px;
  text-transform: uppercase; letter-spacing: .03em; background: #e6e8eb; color: #333; vertical-align: middle; }
.badge.corroborated { background: var(--green); color: #1b4d1e; }
.badge.single_source { background: var(--blue); color: #223a55; }
.badge.conflicting { background: var(--orange); color: #7a2a06; }
.badge.agree-verbatim { background: var(--green); }
.badge.agree-misattributed { background: var(--orange); }
.claims { list-style: none; padding-left: 0; }
.claim { padding: .4rem .6rem; margin-bottom: .4rem; border-left: 4px solid var(--line); }
.claim.corroborated { border-left-color: var(--green-d); }
.claim.single_source { border-left-color: var(--blue-d); }
.claim.conflicting { border-left-color: var(--orange-d); }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f2f5; }
.conflict { width: auto; max-width: 60rem; margin-left: 1.2rem; }
.conflict .value { font-weight: 700; color: var(--orange-d); }
.quote .words { font-family: Georgia, "Times New Roman", serif; font-size: 1rem; width: 45%; }
.timeline .date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .2rem .9rem .6rem; }
.term { display: inline-block; background: #eef0f3; border-radius: 4px; padding: .05rem .4rem; margin: .1rem; }
.term small { color: var(--muted); }
"""
