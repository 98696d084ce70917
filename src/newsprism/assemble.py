"""Assembling the report: every story of a store (or some of them) compared and summarized, as one JSON-ready
dict of schema ``newsprism.report/1`` (documented in docs/schema.md, validated against
``report.schema.json`` beside this module). Renderers in :mod:`newsprism.render` read only this dict.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from importlib import resources

from .compare import Comparison, compare_story
from .compare.claims import ClaimGroup, ClaimItem
from .errors import NotFound
from .summarize import SummaryConfig, summarize

__all__ = ["SCHEMA", "build_report", "story_report", "report_schema"]

SCHEMA = "newsprism.report/1"


def report_schema() -> dict:
    """The JSON Schema of the report."""
    return json.loads(resources.files("newsprism").joinpath("report.schema.json").read_text(encoding="utf-8"))


def build_report(store, story_ids: list[str] | None = None, with_text: bool = False,
                 summary: SummaryConfig = SummaryConfig()) -> dict:
    """The report of the given stories, in that order; by default all, those with the most
    independent origins first (then the most articles)."""
    stories = store.stories()
    if story_ids is not None:
        known = {s["id"]: s for s in stories}
        missing = [s for s in story_ids if s not in known]
        if missing:
            raise NotFound(f"No story with id '{missing[0]}'. List them with: newsprism stories")
        stories = [known[s] for s in story_ids]
    reports = [story_report(store, s, with_text, summary) for s in stories]
    if story_ids is None:  # stories carried by most sources first, then the largest
        reports.sort(key=lambda r: (-r["origins"], -len(r["articles"])))
    return {"schema": SCHEMA, "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"), "stories": reports}


def story_report(store, story: dict, with_text: bool = False, summary: SummaryConfig = SummaryConfig()) -> dict:
    """One story of :meth:`Store.stories`, compared: the ``stories[]`` entry of the report."""
    comparison = compare_story(store, story["articles"])
    return {
        "id": story["id"],
        "title": story["title"],
        "first_published": story["first_published"],
        "last_published": story["last_published"],
        "outlets": sorted({sa.outlet for sa in comparison.articles}),
        "origins": len({sa.origin for sa in comparison.articles}),
        "articles": [_article(sa, with_text) for sa in comparison.articles],
        "claims": _claims(comparison),
        "quotes": _quotes(comparison),
        "entities": [e.to_dict() | {"description": _description(e.roles)} for e in comparison.entities],
        "timeline": comparison.timeline,
        "framing": _framing(comparison),
        "summary": summarize(comparison, summary),
    }


def _article(sa, with_text: bool) -> dict:
    a = sa.article
    out = {"id": a.id, "outlet": sa.outlet, "title": a.title, "url": a.url, "author": a.author,
           "published": a.published.isoformat() if a.published else None,
           "published_source": a.published_source, "origin_id": sa.origin}
    if with_text:
        out["text"] = a.text
    return out


def _claims(comparison: Comparison) -> list[dict]:
    ids = comparison.claim_ids
    names = comparison.entity_names()
    return [_claim(g, ids[id(g)], comparison.sims, names) for g in comparison.groups]


def _claim(group: ClaimGroup, claim_id: str, sims, names: dict[str, str]) -> dict:
    rep = group.anchors[0]
    return {
        "id": claim_id,
        "text": rep.claim.text,
        "status": group.status,
        "outlets": group.outlets,
        "origins": len(group.origins),
        "slots": _slots(rep, names),
        "support": [_support(i, "anchor", float(sims[rep.index, i.index]) if i is not rep else 1.0) for i in group.anchors]
                   + [_support(i, "support", float(sims[rep.index, i.index])) for i in group.support],
        "conflicts": [_named_conflict(c, names) for c in group.conflicts],
    }


def _support(item: ClaimItem, role: str, similarity: float) -> dict:
    return {"article_id": item.article_id, "outlet": item.outlet, "origin_id": item.origin, "text": item.claim.text,
            "start": item.claim.start, "end": item.claim.end, "role": role, "similarity": round(max(similarity, 0.0), 3)}


def _slots(item: ClaimItem, names: dict[str, str]) -> dict:
    return {
        "agents": [names.get(a, a) for a in sorted(item.agents)],
        "action": item.claim.action,
        "negated": item.claim.negated,
        "numbers": [{k: n[k] for k in ("text", "value", "unit")} for n in item.numbers],
        "dates": sorted(item.dates),
        "places": [names.get(p, p) for p in sorted(item.places)],
    }


def _named_conflict(conflict: dict, names: dict[str, str]) -> dict:
    values = []
    for v in conflict["values"]:
        value = v["value"]
        if isinstance(value, list):
            value = ", ".join(names.get(x, x) for x in value)
        values.append({**v, "value": value})
    return {"slot": conflict["slot"], "values": values}


def _quotes(comparison: Comparison) -> list[dict]:
    names = comparison.entity_names()
    out = []
    for n, group in enumerate(comparison.quotes, start=1):
        entity = group.speaker if group.speaker in names else None
        out.append({
            "id": f"Q{n}",
            "speaker": names.get(group.speaker, group.speaker),
            "speaker_entity_id": entity,
            "agreement": group.agreement,
            "renderings": [_rendering(r) for r in group.renderings],
        })
    return out


def _rendering(r) -> dict:
    q = r.quote
    return {"article_id": r.article_id, "outlet": r.source.outlet, "speaker": q.speaker, "text": q.text,
            "start": q.start, "end": q.end, "kind": q.kind, "cue": q.cue, "via": q.via, "relation": r.relation}


def _framing(comparison: Comparison) -> list[dict]:
    ids = comparison.claim_ids
    outlets = sorted({sa.outlet for sa in comparison.articles})
    corroborated = [g for g in comparison.groups if g.status == "corroborated"]
    return [{
        "outlet": outlet,
        "distinctive_terms": comparison.framing.get(outlet, []),
        "omits": [ids[id(g)] for g in corroborated if outlet not in g.outlets],
    } for outlet in outlets]


def _description(roles: list[str]) -> str | None:
    """"Uzbek President" from the roles ``["President", "nationality:Uzbek"]``."""
    nationality = next((r.split(":", 1)[1] for r in roles if r.startswith("nationality:")), None)
    titles = [r for r in roles if ":" not in r]
    title = max(titles, key=len) if titles else None
    parts = [p for p in (nationality, title) if p]
    return " ".join(parts) if parts else None
