"""The report as Markdown: per story a summary with numbered citations, claims by status, quotes, a timeline,
entities and framing.

Text from articles is escaped so that it stays text: ``*``, ``_``, ``[``, ``|``, ``#`` and the like (and a
leading ``-``, ``+`` or ``1.``) are backslash-escaped, ``&``, ``<`` and ``>`` become entities, and line breaks
become spaces, so a headline such as ``<script>`` or ``a | b`` can't start markup or break a table.
Citation markers ``[1]`` are the only unescaped brackets in a summary.
"""

from __future__ import annotations

import re

from ._common import STATUS_ORDER, STATUS_TITLES, score_text, timeline_order

__all__ = ["to_markdown", "md_escape"]


_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|~])")
_LIST_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPACE = re.compile(r"\s+")


def md_escape(value) -> str:
    """``value`` as one line of literal Markdown text (``None`` is empty)."""
    if value is None:
        return ""
    text = _SPACE.sub(" ", str(value)).strip()
    text = "".join(_ENTITIES.get(ch, ch) for ch in text)
    text = _SPECIAL.sub(r"\\\1", text)
    return _LIST_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _quoted(value) -> str:
    return f"“{md_escape(value)}”"


def _joined(values) -> str:
    return ", ".join(md_escape(v) for v in values or ()) or "—"


def to_markdown(report: dict) -> str:
    """The whole report as one Markdown document."""
    stories = report.get("stories") or []
    generated = md_escape(report.get("generated")) or "at an unknown time"
    parts = ["# News report", "", f"Generated {generated}; {_count(len(stories), 'story', 'stories')}.", ""]
    for story in stories:
        parts += _story(story)
    return "\n".join(parts).rstrip() + "\n"


def _story(story: dict) -> list[str]:
    claims = {c.get("id"): c for c in story.get("claims") or []}
    lines = [f"## {md_escape(story.get('title')) or 'Untitled story'}", "", _meta_line(story), ""]
    lines += _summary(story.get("summary") or [], claims)
    lines += _claims(story.get("claims") or [])
    lines += _quotes(story.get("quotes") or [])
    lines += _timeline(story.get("timeline") or [])
    lines += _entities(story.get("entities") or [])
    lines += _framing(story.get("framing") or [], claims)
    return lines


def _meta_line(story: dict) -> str:
    articles = story.get("articles") or []
    outlets = sorted({a.get("outlet") or "unknown outlet" for a in articles})
    first = story.get("first_published") or "undated"
    last = story.get("last_published") or "undated"
    published = f"{md_escape(first)} to {md_escape(last)}"
    return f"**Outlets:** {_joined(outlets)} · **Articles:** {len(articles)} · **Published:** {published}"


# --- summary with citations ---------------------------------------------------------------------------


def _summary(sentences: list[dict], claims: dict) -> list[str]:
    if not sentences:
        return ["### Summary", "", "No summary.", ""]
    numbers: dict = {}
    text = " ".join(_cited_sentence(s, numbers) for s in sentences)
    notes = [line for claim_id, n in numbers.items() for line in _footnote(n, claim_id, claims.get(claim_id))]
    return ["### Summary", "", text, "", "**Sources**", "", *notes, ""]


def _cited_sentence(sentence: dict, numbers: dict) -> str:
    markers = "".join(f"[{numbers.setdefault(cid, len(numbers) + 1)}]" for cid in sentence.get("claim_ids") or [])
    return f"{md_escape(sentence.get('text'))}{markers}"


def _footnote(n: int, claim_id, claim: dict | None) -> list[str]:
    if claim is None:
        return [f"- [{n}] Claim {md_escape(claim_id)} is not in this report."]
    status = STATUS_TITLES.get(claim.get("status"), md_escape(claim.get("status")))
    head = f"- [{n}] {_quoted(claim.get('text'))} — {status.lower()}, {_origins(claim)}"
    return [head, *(f"  - {md_escape(s.get('outlet'))}: {_quoted(s.get('text'))}" for s in claim.get("support") or [])]


def _origins(claim: dict) -> str:
    origins = claim.get("origins")
    outlets = claim.get("outlets") or []
    origins = _count(origins, "independent origin", "independent origins") if origins is not None else "origins unknown"
    return f"{_count(len(outlets), 'outlet', 'outlets')}, {origins}"


# --- claims by status -----------------------------------------------------------------------------------


def _claims(claims: list[dict]) -> list[str]:
    lines = ["### Claims", ""]
    if not claims:
        return lines + ["No claims.", ""]
    for status in STATUS_ORDER:
        group = [c for c in claims if c.get("status") == status]
        if group:
            lines += [f"#### {STATUS_TITLES[status]} ({len(group)})", ""]
            lines += [line for claim in group for line in _claim(claim)] + [""]
    other = [c for c in claims if c.get("status") not in STATUS_ORDER]
    if other:
        lines += ["#### Other status", ""] + [line for claim in other for line in _claim(claim)] + [""]
    return lines


def _claim(claim: dict) -> list[str]:
    lines = [f"- **{md_escape(claim.get('text'))}** ({md_escape(claim.get('id'))}; {_origins(claim)})"]
    lines += [f"  - {md_escape(s.get('outlet'))}: {_quoted(s.get('text'))}" for s in claim.get("support") or []]
    for conflict in claim.get("conflicts") or []:
        lines.append(f"  - Conflict over the {md_escape(conflict.get('slot'))}:")
        lines += [f"    - {_conflict_value(v)}" for v in conflict.get("values") or []]
    return lines


def _conflict_value(value: dict) -> str:
    return f"{md_escape(value.get('outlet'))} says **{md_escape(value.get('value'))}**: {_quoted(value.get('text'))}"


# --- quotes, timeline, entities, framing -----------------------------------------------------------------


def _cell(value) -> str:
    """A table cell: escaped, and never empty."""
    return md_escape(value) or "—"


def _table(header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows] + [""]


def _quotes(quotes: list[dict]) -> list[str]:
    lines = ["### Quotes", ""]
    if not quotes:
        return lines + ["No quotes.", ""]
    for quote in quotes:
        agreement = md_escape(quote.get("agreement")) or "unknown"
        lines += [f"#### {md_escape(quote.get('speaker')) or 'Unknown speaker'} — {agreement}", ""]
        rows = [_rendering_row(r) for r in quote.get("renderings") or []]
        lines += _table(("Outlet", "Kind", "Speaker as written", "Words", "Cue", "Via"), rows)
    return lines


def _rendering_row(r: dict) -> tuple:
    kind = _cell(r.get("kind")) + (f" ({md_escape(r.get('relation'))})" if r.get("relation") else "")
    return (_cell(r.get("outlet")), kind, _cell(r.get("speaker")), _quoted(r.get("text")),
            _cell(r.get("cue")), _cell(r.get("via")))


def _timeline(entries: list[dict]) -> list[str]:
    lines = ["### Timeline", ""]
    if not entries:
        return lines + ["No dated events.", ""]
    ordered = timeline_order(entries)
    rows = [_timeline_row(e) for e in ordered]
    return lines + _table(("Date", "Precision", "Stated or inferred", "Expression", "Outlet", "Text"), rows)


def _timeline_row(e: dict) -> tuple:
    inferred = "inferred" if e.get("inferred") else "stated"
    return (_cell(e.get("date")), _cell(e.get("precision")), inferred, _cell(e.get("expression")),
            _cell(e.get("outlet")), _quoted(e.get("text")))


def _entities(entities: list[dict]) -> list[str]:
    lines = ["### Entities", ""]
    if not entities:
        return lines + ["No entities.", ""]
    rows = [(_cell(e.get("name")), _cell(e.get("type")), _joined(e.get("aliases")), _joined(e.get("outlets")),
             str(len(e.get("mentions") or []))) for e in entities]
    return lines + _table(("Name", "Type", "Aliases", "Outlets", "Mentions"), rows)


def _framing(framing: list[dict], claims: dict) -> list[str]:
    lines = ["### Framing", ""]
    if not framing:
        return lines + ["No framing data.", ""]
    for entry in framing:
        outlet = md_escape(entry.get("outlet")) or "Unknown outlet"
        lines += [f"#### {outlet}", "", f"- Distinctive terms: {_terms(entry)}"]
        lines += _omits(entry.get("omits") or [], claims) + [""]
    return lines


def _terms(entry: dict) -> str:
    terms = entry.get("distinctive_terms") or []
    return ", ".join(f"{md_escape(t.get('term'))} ({score_text(t.get('score'), md_escape)})" for t in terms) or "none"


def _omits(omits: list, claims: dict) -> list[str]:
    if not omits:
        return ["- Omits no corroborated claim."]
    texts = [_quoted(claims[c].get("text")) if c in claims else f"claim {md_escape(c)}" for c in omits]
    return ["- Omits corroborated claims:", *(f"  - {t}" for t in texts)]
