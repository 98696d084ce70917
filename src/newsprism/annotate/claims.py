"""Claims: each sentence, or each clause when a sentence joins independent statements, with the slots
that cross-outlet comparison aligns: agents, action (and its negation), numbers, dates, places."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .nlp import doc_text
from ..models import Claim, Entity, Sentence, TimeExpr

__all__ = ["find_claims", "parse_number"]

_NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
_NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}
_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def parse_number(text: str) -> float | None:
    """"5,000" -> 5000.0, "$1.2 billion" -> 1.2e9, "two" -> 2.0, "40%" -> 40.0; None if no number."""
    low = text.lower().replace("-", " ")
    match = _NUM.search(low)
    words = low.split()
    if match:
        value = float(match.group(0).replace(",", ""))
    else:
        known = [w for w in words if w in _WORD_NUMBERS]
        if not known:
            return None
        value = float(_WORD_NUMBERS[known[0]])
    for word in words:
        if word in _SCALES and not (word == "hundred" and not match):
            value *= _SCALES[word]
    return value


def find_claims(
    doc,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    times: Sequence[tuple[str, TimeExpr]] = (),
    prefix: str = "c",
) -> list[Claim]:
    """Claim units over the parsed ``doc``: clauses of each sentence, with their slots.

    ``times`` are ``(id, TimeExpr)`` pairs; a claim's ``dates`` lists the ids of those inside it,
    its ``agents`` and ``places`` the ids of ``entities`` mentioned in its subject and anywhere in it.
    """
    mention_index = [(m.start, m.end, e) for e in entities for m in e.mentions]
    claims: list[Claim] = []
    for sentence in sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        for start, end, verb in _clauses(span):
            text = doc_text(doc)[start:end]
            if not any(c.isalpha() for c in text):
                continue
            claims.append(_claim(f"{prefix}{len(claims) + 1}", doc, start, end, verb, mention_index, times))
    return claims


_CONTRAST = {"while", "whereas"}


def _clauses(span) -> list[tuple[int, int, object]]:
    """Split a sentence at coordinated verbs that have their own subject ("X rose, and Y fell") and
    at a contrasting clause after the main one ("China backed Russia, while Moscow criticized ...")."""
    root = span.root
    splits = [tok for tok in root.children if _splits_off(tok, root)]
    if not splits:
        return [(span.start_char, span.end_char, root)]
    bounds, verbs, start = [], [root], span.start_char
    for verb in splits:
        left = min(t.i for t in verb.subtree)
        cut = doc_token_before_conjunction(span.doc, left)
        bounds.append((start, span.doc[cut].idx if cut > span.start else span.start_char))
        first = left + 1 if span.doc[left].lower_ in _CONTRAST else left
        start = span.doc[first].idx
        verbs.append(verb)
    bounds.append((start, span.end_char))
    return [(_trim(doc_text(span.doc), s, e) + (v,)) for (s, e), v in zip(bounds, verbs) if e > s]


def _splits_off(tok, root) -> bool:
    """A verb after the root with its own subject, coordinated or introduced by "while"/"whereas"."""
    if tok.pos_ not in ("VERB", "AUX") or tok.i < root.i or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    return tok.dep_ == "conj" or (tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST for c in tok.children))


def doc_token_before_conjunction(doc, left: int) -> int:
    """Index of the first token after the clause before ``left``: drops a trailing ", and"."""
    i = left
    while i > 0 and (doc[i - 1].dep_ in ("cc", "punct") or doc[i - 1].is_space):
        i -= 1
    return i


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,;\n":
        start += 1
    while end > start and text[end - 1] in " ,;\n":
        end -= 1
    return start, end


def _claim(cid, doc, start, end, verb, mention_index, times) -> Claim:
    inside = [(s, e, ent) for s, e, ent in mention_index if s >= start and e <= end]
    subject = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass", "agent", "csubj")]
    subject_spans = [(min(t.idx for t in s.subtree), max(t.idx + len(t) for t in s.subtree)) for s in subject]
    agents = _unique(ent.id for s, e, ent in inside if ent.type != "place" and _within(s, e, subject_spans))
    if not agents:
        agents = _unique(ent.id for s, e, ent in inside if _within(s, e, subject_spans))
    negated = any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in verb.children)
    return Claim(
        id=cid,
        text=doc_text(doc)[start:end],
        start=start,
        end=end,
        agents=agents,
        action=verb.lemma_.lower() if verb.pos_ in ("VERB", "AUX") else None,
        negated=negated,
        numbers=tuple(_numbers(doc, start, end)),
        dates=tuple(t_id for t_id, t in times if t.start >= start and t.end <= end),
        places=_unique(ent.id for s, e, ent in inside if ent.type == "place"),
    )


def _within(start: int, end: int, spans) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _unique(ids) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _numbers(doc, start: int, end: int) -> list[dict]:
    """Numbers and quantities in the clause, with their unit (the noun they count)."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in _NUMBER_LABELS or ent.start_char < start or ent.end_char > end:
            continue
        value = parse_number(ent.text)
        if value is None:
            continue
        out.append({
            "text": ent.text, "value": value, "unit": _unit(ent), "kind": ent.label_.lower(),
            "start": ent.start_char, "end": ent.end_char,
        })
    return out


def _unit(ent) -> str | None:
    if ent.label_ == "PERCENT":
        return "percent"
    if ent.label_ == "MONEY":
        return next((t.lower_ for t in ent if not t.like_num and t.is_alpha and t.lower_ not in _SCALES), "currency")
    head = ent.root.head
    if ent.root.dep_ in ("nummod", "quantmod", "compound") and head.pos_ in ("NOUN", "PROPN"):
        return head.lemma_.lower()
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt.lemma_.lower() if nxt is not None and nxt.pos_ == "NOUN" else None
