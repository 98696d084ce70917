"""Checks a report of the bundled demo corpus against what was planted in it (``planted.json``).

Used by tests/test_demo.py; run directly (``python tests/demo_check.py report.json``) it prints every
planted item with PASS or FAIL."""

from __future__ import annotations

import json
import sys

from newsprism.demo import planted_path


def _story_of(report: dict, title: str) -> dict:
    return next(s for s in report["stories"] if any(a["title"] == title for a in s["articles"]))


def _texts(story: dict) -> dict[str, tuple[str, str]]:
    """outlet -> (article_id, text); outlets with one article in the story."""
    return {a["outlet"]: (a["id"], a["text"]) for a in story["articles"]}


def _covers(span: dict, article_id: str, text: str, phrase: str) -> bool:
    """The span lies in that article and overlaps the planted phrase."""
    at = text.find(phrase)
    return span["article_id"] == article_id and at >= 0 and span["start"] < at + len(phrase) and at < span["end"]


def check(report: dict, planted: dict) -> list[tuple[str, bool]]:
    results = []
    for event in planted["events"]:
        results += _check_event(report, event)
    lone = [s for s in report["stories"] if any(a["title"] == planted["unrelated"]["title"] for a in s["articles"])]
    results.append(("unrelated story stands alone", len(lone) == 1 and len(lone[0]["articles"]) == 1))
    return results


def _check_event(report: dict, event: dict) -> list[tuple[str, bool]]:
    story = _story_of(report, event["articles"][0])
    titles = {a["title"] for a in story["articles"]}
    out = [(f"{event['name']}: one story of its {len(event['articles'])} articles", titles == set(event["articles"]))]
    texts = _texts(story)
    for fact in event["corroborated"]:
        out.append((f"corroborated: {fact['fact']}", _corroborated(story, texts, fact["phrases"])))
    for fact in event["single_source"]:
        out.append((f"single-source ({fact['outlet']}): {fact['fact']}", _single(story, texts, fact)))
    for conflict in event["conflicts"]:
        out.append((f"conflict on {conflict['slot']}: {conflict.get('what', '')}", _conflict(story, texts, conflict)))
    quote = event.get("quote")
    if quote:
        out += _quote(story, texts, quote)
    for date in event.get("relative_dates", []):
        out.append((f"date ({date['outlet']}) {date['expression']} -> {date['resolved']}", _date(story, texts, date)))
    reprint = event.get("reprint")
    if reprint:
        copy, origin = texts[reprint["copy_outlet"]][0], texts[reprint["origin_outlet"]][0]
        ok = any(a["id"] == copy and a["origin_id"] == origin for a in story["articles"])
        out.append((f"reprint: {reprint['copy_outlet']} counts as {reprint['origin_outlet']}'s origin", ok))
    return out


def _claims_covering(story, texts, outlet, phrase):
    article_id, text = texts[outlet]
    return [c for c in story["claims"] if any(_covers(s, article_id, text, phrase) for s in c["support"])]


def _corroborated(story, texts, phrases: dict) -> bool:
    """Some corroborated (or conflicting) claim carries the phrases of at least two outlets."""
    for claim in story["claims"]:
        if claim["status"] == "single_source":
            continue
        found = [o for o, p in phrases.items() if any(_covers(s, *texts[o], p) for s in claim["support"])]
        if len(found) >= 2:
            return True
    return False


def _single(story, texts, fact) -> bool:
    claims = _claims_covering(story, texts, fact["outlet"], fact["phrase"])
    anchors = [c for c in claims if any(s["role"] == "anchor" and _covers(s, *texts[fact["outlet"]], fact["phrase"]) for s in c["support"])]
    return bool(anchors) and all(c["status"] == "single_source" for c in anchors)


def _conflict(story, texts, conflict) -> bool:
    for claim in story["claims"]:
        for found in claim["conflicts"]:
            if found["slot"] != conflict["slot"]:
                continue
            hit = {v["outlet"] for v in found["values"] for o, p in conflict["values"].items()
                   if o == v["outlet"] and _covers(v, *texts[o], p)}
            if len({p for o, p in conflict["values"].items() if o in hit}) >= 2:
                return True
    return False


def _quote(story, texts, quote) -> list[tuple[str, bool]]:
    out = []
    group = None
    for q in story["quotes"]:
        outlets = {r["outlet"] for r in q["renderings"] for o, x in quote["renderings"].items()
                   if o == r["outlet"] and _covers(r, *texts[o], x["phrase"])}
        if len(outlets) >= 2:
            group = q
            break
    out.append((f"quote by {quote['speaker']}: one group across outlets", group is not None))
    if group is None:
        return out
    for outlet, planted in quote["renderings"].items():
        relations = {r["relation"] for r in group["renderings"] if r["outlet"] == outlet and _covers(r, *texts[outlet], planted["phrase"])}
        out.append((f"quote rendering ({outlet}) is {planted['kind']}", planted["kind"] in relations))
    return out


def _date(story, texts, date) -> bool:
    article_id, _ = texts[date["outlet"]]
    return any(t["article_id"] == article_id and date["expression"].lower().split()[-1] in t["expression"].lower()
               and t["date"] == date["resolved"] for t in story["timeline"])


def main(path: str) -> int:
    report = json.loads(open(path, encoding="utf-8").read())
    planted = json.loads(planted_path().read_text(encoding="utf-8"))
    results = check(report, planted)
    for name, ok in results:
        print("PASS" if ok else "FAIL", name)
    print(f"{sum(ok for _, ok in results)} / {len(results)} planted findings found")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
