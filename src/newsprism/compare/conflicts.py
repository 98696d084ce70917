"""Conflicts inside a claim group: two claims of different origins that disagree on a slot.

- a number counting the same unit, with no value in common ("14 dead" / "17 dead");
- a date of the same precision on the same action, with no value in common (not the day a statement
  was made: "sources said on Saturday");
- a negation ("Trams will continue to run" / "Trams will not run") or an opposite action (rose / fell);
- the agent (who did it) or the place of the same specific action, one place each ("Moscow ...
  Ukraine" against "Samarkand, Uzbekistan" names no single place to disagree on);
- parallel wording that differs in a name ("carried out by Grey Lantern" / "by the Vorsk Collective"):
  the slot is the entity's, ``agent`` or ``place``, else ``name``.

Each conflict lists every side's value with the span it comes from.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import numpy as np

from .claims import PARALLEL, AlignConfig, ClaimItem, lead_ratio, lead_words

__all__ = ["find_conflicts", "OPPOSITES"]

#: Opposite actions: a claim that one rose and another that it fell conflict.
OPPOSITES = {
    frozenset(p) for p in [
        ("rise", "fall"), ("increase", "decrease"), ("raise", "lower"), ("raise", "cut"), ("gain", "lose"),
        ("win", "lose"), ("approve", "reject"), ("accept", "reject"), ("confirm", "deny"), ("open", "close"),
        ("grow", "shrink"), ("expand", "contract"), ("support", "oppose"), ("acquit", "convict"),
        ("pass", "fail"), ("survive", "die"), ("arrive", "leave"), ("lift", "impose"), ("resume", "suspend"),
    ]
}
#: Actions too general to compare for agent, place or negation conflicts ("be", "say").
_LIGHT = {"be", "have", "say", "do", "make", "get", "go", "come", "take", "add", "tell", "report"}
_ENTITY_SLOTS = {"place": "place", "person": "agent", "organization": "agent", "group": "agent"}


def find_conflicts(items: list[ClaimItem], sims: np.ndarray, config: AlignConfig) -> list[dict]:
    """Slot disagreements between claims of different origins in one group, one entry per slot."""
    found: dict[str, dict] = {}
    for n, a in enumerate(items):
        for b in items[n + 1:]:
            if a.origin == b.origin or sims[a.index, b.index] < config.conflict_similarity:
                continue
            for slot, va, vb in _disagreements(a, b):
                entry = found.setdefault(slot, {"slot": slot, "values": []})
                for item, value in ((a, va), (b, vb)):
                    _add_value(entry, item, value)
    return list(found.values())


def _add_value(entry: dict, item: ClaimItem, value: dict) -> None:
    key = (item.article_id, value["start"], value["end"])
    if key not in {(v["article_id"], v["start"], v["end"]) for v in entry["values"]}:
        entry["values"].append({"article_id": item.article_id, "outlet": item.outlet, **value})


def _disagreements(a: ClaimItem, b: ClaimItem):
    yield from _number_conflicts(a, b)
    yield from _date_conflicts(a, b)
    yield from _action_conflicts(a, b)
    yield from _name_conflicts(a, b)


def _name_conflicts(a: ClaimItem, b: ClaimItem):
    """Parallel wording that differs only in a name: "carried out by Grey Lantern" / "carried out by
    the Vorsk Collective", "off Gull Point" / "off Cape Morrow". The slot is the named entity's:
    ``place``, ``agent`` (people, organisations, groups), else ``name``."""
    wa, wb = lead_words(a), lead_words(b)
    matcher = SequenceMatcher(None, [w.group().lower() for w in wa], [w.group().lower() for w in wb], autojunk=False)
    if matcher.ratio() < PARALLEL:
        return
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 <= 4 and j2 - j1 <= 4 and _is_name(wa[i1:i2], i1) and _is_name(wb[j1:j2], j1):
            span_a = (a.claim.start + wa[i1].start(), a.claim.start + wa[i2 - 1].end())
            span_b = (b.claim.start + wb[j1].start(), b.claim.start + wb[j2 - 1].end())
            slot = _ENTITY_SLOTS.get(_entity_type(a, span_a) or _entity_type(b, span_b), "name")
            yield slot, _span(a, *span_a, a.source.article.text[span_a[0]:span_a[1]]), \
                _span(b, *span_b, b.source.article.text[span_b[0]:span_b[1]])


def _is_name(words: list[re.Match], position: int) -> bool:
    """Capitalized words (a leading "the" allowed), not at the start of the sentence, not numbers."""
    names = [w.group() for w in words if w.group().lower() != "the"]
    return position > 0 and bool(names) and all(n[0].isupper() for n in names)


def _entity_type(item: ClaimItem, span: tuple[int, int]) -> str | None:
    for entity in item.source.notes.entities:
        if any(m.start < span[1] and span[0] < m.end for m in entity.mentions):
            return entity.type
    return None


def _span(item: ClaimItem, start: int, end: int, value) -> dict:
    return {"value": value, "text": item.source.article.text[start:end], "start": start, "end": end}


def _claim_span(item: ClaimItem, value) -> dict:
    return _span(item, item.claim.start, item.claim.end, value)


def _number_conflicts(a: ClaimItem, b: ClaimItem):
    """Numbers counting the same unit with no value in common: "14 dead" / "17 dead"."""
    for unit in {n["unit"] for n in a.numbers if n["unit"]} & {n["unit"] for n in b.numbers if n["unit"]}:
        na = [n for n in a.numbers if n["unit"] == unit]
        nb = [n for n in b.numbers if n["unit"] == unit]
        if not {n["value"] for n in na} & {n["value"] for n in nb}:
            x, y = na[0], nb[0]
            yield "number", _span(a, x["start"], x["end"], x["text"]), _span(b, y["start"], y["end"], y["text"])


def _date_conflicts(a: ClaimItem, b: ClaimItem):
    """Dates of the same precision with no value in common, on the same action. The day a statement
    was made ("sources said on Saturday") is not the date of what it reports."""
    da, db = _event_dates(a), _event_dates(b)
    if not da or not db or set(da) & set(db) or a.claim.action != b.claim.action:
        return
    for va, (pa, _, ia) in da.items():
        for vb, (pb, _, ib) in db.items():
            if pa == pb:
                ta, tb = a.source.times[ia], b.source.times[ib]
                yield "date", _span(a, ta.start, ta.end, va), _span(b, tb.start, tb.end, vb)
                return


_SAID_ON = re.compile(r"\b(?:said|says|told|announced|added|reported|confirmed|stated)\s+(?:on\s+|late\s+on\s+)?$", re.I)


def _event_dates(item: ClaimItem) -> dict:
    text = item.source.article.text
    return {value: (precision, expression, i) for value, (precision, expression, i) in item.dates.items()
            if not _SAID_ON.search(text[max(0, item.source.times[i].start - 40):item.source.times[i].start])}


def _action_conflicts(a: ClaimItem, b: ClaimItem):
    """Negation, opposite actions, and the agent or place of one specific action."""
    act_a, act_b = a.claim.action, b.claim.action
    if act_a and act_b and frozenset((act_a, act_b)) in OPPOSITES:
        yield "action", _claim_span(a, act_a), _claim_span(b, act_b)
    if _says_not(a) != _says_not(b) and _parallel(a, b):
        # "Trams will continue to run" / "Trams will not run, the operator said": the parsed verbs
        # differ (continue / say), the wording does not
        yield "negation", _claim_span(a, _lead_text(a)), _claim_span(b, _lead_text(b))
        return
    if act_a != act_b or not act_a or act_a in _LIGHT:
        return
    if a.claim.negated != b.claim.negated and (a.agents & b.agents or not (a.agents or b.agents)):
        yield "negation", _claim_span(a, _negated(a)), _claim_span(b, _negated(b))
        return
    if a.agents and b.agents and not a.agents & b.agents:
        yield "agent", _claim_span(a, sorted(a.agents)), _claim_span(b, sorted(b.agents))
    if len(a.places) == 1 and len(b.places) == 1 and a.places != b.places and a.agents & b.agents:
        yield "place", _claim_span(a, sorted(a.places)), _claim_span(b, sorted(b.places))


_NOT = frozenset({"not", "n't", "never", "no", "cannot", "nor"})


def _says_not(item: ClaimItem) -> bool:
    """Whether the leading segment is negated ("will not run", "never", "cannot")."""
    return any(w.group().lower() in _NOT or w.group().lower().endswith("n't") for w in lead_words(item))


def _lead_text(item: ClaimItem) -> str:
    words = lead_words(item)
    return item.claim.text[words[0].start():words[-1].end()] if words else item.claim.text


def _parallel(a: ClaimItem, b: ClaimItem) -> bool:
    words = [[w.group().lower() for w in lead_words(i)] for i in (a, b)]
    return lead_ratio(*words) >= PARALLEL


def _negated(item: ClaimItem) -> str:
    return f"not {item.claim.action}" if item.claim.negated else item.claim.action
