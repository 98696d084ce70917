"""Time expressions, found with rules and normalized against an anchor day (the publication day).

Values are ISO-like: ``2022-09-15`` (day), ``2022-W36`` (ISO week), ``2022-08`` (month),
``2022-Q1`` (quarter), ``2022`` (year), with a ``modifier`` for "early"/"mid"/"late".

Relative expressions need the anchor. Without one, they are returned with ``value=None`` and
``resolved=False``; a later step re-runs :func:`find_times` with the story's date as the anchor
(see :func:`resolve_times`). Absolute ones ("Feb. 24, 2022", "in 2013") resolve on their own.

Where the year or the direction is not written ("Thursday", "in August", "Feb. 24"), the tense
that governs the expression decides: the nearest tense cue before it in its sentence (quoted speech
the expression is not part of is skipped), or, failing that, the first one after it. A future cue
("will", "is expected to", "expects to", "scheduled for", "is ...ing", "next") picks the next
occurrence; a past one ("said", "was", "had", a verb in -ed) the most recent one. With no verb cue,
a forward-looking preposition ("by", "until", "from", "starting") counts as future; otherwise a
weekday or a month is the most recent one (newswire reports mostly look back) and a month and day
the nearest of its readings ("March 9" three days after the anchor is this year's). A weekday equal
to the anchor's weekday is the anchor day itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

from ..models import TimeExpr

__all__ = ["find_times", "resolve_times", "MONTHS", "WEEKDAYS"]

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
}
_ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}

_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR}|{_MONTH_SHORT})"
_MOD = r"(?:(?P<mod>[Ee]arly|[Mm]id|[Ll]ate|[Tt]he (?:start|beginning|end|middle) of)[- ]+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PREP_YEAR = r"(?:in|since|by|until|till|from|of|during|before|after|through|around|between|and|to|for|early|mid|late)"

_FUTURE = re.compile(
    r"\b(?:will|won't|\w+'ll|shall|would(?!\s+have)|(?:is|are|(?:he|she|it|that|there|who)'s|\w+'re) "
    r"(?:expected|set|scheduled|due|slated|going|\w+ing)|"
    r"(?:expects?|expected|expecting|hopes?|hoped|hoping|aims?|aimed|aiming|plans?|planned|planning|intends?|intended|"
    r"intending) to|(?:scheduled|slated|set|due) (?:for|on|by)|to be held|upcoming|ahead of|next|must|should)\b",
    re.I,
)
# Past-tense verbs: irregular ones, and lowercase words in -ed (a participle after "is", "be",
# "stay", a modal or a determiner is passive or adjectival and does not count).
_PAST = re.compile(
    r"\b(?:was|were|wasn't|weren't|had|hadn't|did|didn't|said|told|met|began|went|took|made|came|saw|left|"
    r"held|flew|struck|broke|fell|rose|won|lost|ran|sent|spoke|found|gave|got|knew|thought|brought|bought|"
    r"built|caught|chose|drove|fought|felt|grew|heard|kept|led|meant|paid|sank|sat|sold|shot|shook|stood|"
    r"stole|swore|threw|wrote|froze|drew|fled|became|withdrew|sought|taught|spent|slept|swept|wept|stuck|"
    r"upheld|overtook)\b|(?<![-\w])(?P<ed>[a-z]{2,}ed)\b",
)
_NOT_PAST_ED = {"hundred", "indeed", "need", "speed", "feed", "seed", "deed", "breed", "greed", "proceed",
                "exceed", "succeed", "bed", "red", "shed", "sacred", "naked", "wicked", "rugged", "kindred",
                "hatred", "ragged", "based", "aged"}
_NOT_PAST_BEFORE_ED = re.compile(
    r"\b(?:is|are|am|be|being|'s|'re|to|will|would|shall|should|must|can|could|may|might|get|gets|getting|"
    r"stay|stays|remain|remains|keep|keeps|the|a|an|its|their|his|her|our|your|this|that|these|those)\s+$",
    re.I,
)
# An infinitive ("voted to close ... on March 16") looks forward from the verb it depends on.
_INFINITIVE = re.compile(
    r"\bto\s+(?!(?:the|a|an|his|her|its|their|our|your|this|that|these|those|him|them|us|me|it|be|"
    r"date|day|night|morning|evening|afternoon|noon|midnight|now|some|all|about|around)\b)[a-z]+\b"
)
_FORWARD_PREPOSITION = re.compile(r"\b(?:by|until|till|from|starting|beginning|effective)\s+(?:on\s+)?$", re.I)
_QUOTE = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|early|late|mid|last|next|this|of|from|through|during|before|after|between|and|or)\s+$", re.I
)
_SENTENCE_START = re.compile(r"[.!?][\"”]?\s+(?=[A-Z\"“])|\n")


def find_times(text: str, anchor: date | datetime | None, doc=None) -> list[TimeExpr]:
    """Every time expression in ``text``, normalized against ``anchor``; see the module docstring.

    ``doc`` (a spaCy ``Doc`` of the same text) is accepted for callers that have one; the tense
    rules read the text itself, so it is not needed.
    """
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    found: list[TimeExpr] = []
    taken_starts: list[int] = []  # the expressions kept so far: sorted, never overlapping
    taken_ends: list[int] = []
    for start, end, rule, match in _candidates(text):
        i = bisect_right(taken_starts, start)
        if (i and taken_ends[i - 1] > start) or (i < len(taken_starts) and taken_starts[i] < end):
            continue
        result = rule(match, anchor, _tense(text, start, end))
        if result is None:
            continue
        value, precision, modifier, relative = result
        resolved = not relative or anchor is not None
        found.append(TimeExpr(text[start:end], start, end, value if resolved else None, precision,
                              modifier, resolved))
        taken_starts.insert(i, start)
        taken_ends.insert(i, end)
    return sorted(found, key=lambda t: t.start)


def resolve_times(times: list[TimeExpr], text: str, anchor: date) -> list[TimeExpr]:
    """Resolve an undated article's relative expressions against ``anchor`` (a story's date).

    Expressions that were already resolved keep their values; the caller marks the newly
    resolved ones as inferred (their ``resolved`` flag stays False so that the inference shows).
    """
    fresh = {(t.start, t.end): t for t in find_times(text, anchor)}
    return [t if t.resolved else replace(t, value=fresh.get((t.start, t.end), t).value) for t in times]


# -- candidates ------------------------------------------------------------------------------------

Rule = Callable[[re.Match, date | None, str], tuple | None]
_RULES: list[tuple[re.Pattern, Rule]] = []


def _rule(pattern: str, flags: int = 0):
    def register(fn: Rule) -> Rule:
        _RULES.append((re.compile(pattern, flags), fn))
        return fn

    return register


def _candidates(text: str) -> Iterator[tuple[int, int, Rule, re.Match]]:
    """All rule matches, longest first, then leftmost (so overlaps keep the longest reading)."""
    hits = [(m.start(), m.end(), rule, m) for pattern, rule in _RULES for m in pattern.finditer(text)]
    yield from sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0]))


FUTURE, PAST, UNKNOWN = "future", "past", ""


def _tense(text: str, start: int, end: int) -> str:
    """The tense that governs the expression at ``text[start:end]``: FUTURE, PAST or UNKNOWN.

    The nearest tense cue before it in its sentence decides (quoted speech that ends before it is
    left out: in '"We will ...," she said on Tuesday' the "said" governs); an infinitive takes the
    future from a future verb before it and is otherwise UNKNOWN. Without a cue before, the first
    one after it in the sentence decides ("On Friday, the council will vote"). A subject followed by
    "will" or "is expected" is FUTURE. Without any verb cue, "by", "until", "from"... right before
    the expression make it FUTURE.
    """
    window = max(0, start - 300)
    sentence_start = max((m.end() for m in _SENTENCE_START.finditer(text, window, start)), default=window)
    before = _QUOTE.sub(lambda q: " " * len(q.group(0)), text[sentence_start:start])
    if re.match(r"\s*(?:will|'ll|is expected|are expected)\b", text[end:end + 25]):
        return FUTURE
    cues = _cues(before)
    if cues:
        last = cues[-1]
        if last != "infinitive":
            return last
        governing = next((c for c in reversed(cues) if c != "infinitive"), UNKNOWN)
        if governing == FUTURE:
            return FUTURE
    else:
        sentence_end = _SENTENCE_START.search(text, end, end + 120)
        after = text[end:sentence_end.start() if sentence_end else end + 120]
        after_cues = [c for c in _cues(_QUOTE.sub(lambda q: " " * len(q.group(0)), after)) if c != "infinitive"]
        if after_cues:
            return after_cues[0]
    return FUTURE if _FORWARD_PREPOSITION.search(text[max(0, start - 20):start]) else UNKNOWN


def _cues(span: str) -> list[str]:
    """The tense cues in ``span``, in order: FUTURE, PAST or "infinitive"."""
    found: list[tuple[int, int, str]] = [(m.start(), m.end(), FUTURE) for m in _FUTURE.finditer(span)]
    for m in _PAST.finditer(span):
        if any(s <= m.start() < e for s, e, _ in found):
            continue  # "expected" in "is expected to"
        word = m["ed"]
        if word and (word in _NOT_PAST_ED or _NOT_PAST_BEFORE_ED.search(span[:m.start()])):
            continue
        found.append((m.start(), m.end(), PAST))
    for m in _INFINITIVE.finditer(span):
        if not any(s <= m.start() < e for s, e, _ in found):
            found.append((m.start(), m.end(), "infinitive"))
    return [kind for _, _, kind in sorted(found)]


def _month_number(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _modifier(match: re.Match) -> str | None:
    mod = (match.groupdict().get("mod") or "").lower()
    if not mod:
        return None
    if mod in ("early", "late", "mid"):
        return mod
    return {"the start of": "early", "the beginning of": "early", "the end of": "late", "the middle of": "mid"}[mod]


def _month_year(month: int, anchor: date | None, future: bool) -> int | None:
    """The year of a month named without one: the latest not after the anchor's month, or the next."""
    if anchor is None:
        return None
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _day_year(month: int, day: int, anchor: date | None, tense: str) -> int | None:
    """The year of a month and day written without one: the next occurrence (on or after the anchor)
    in the future, the most recent (on or before it) in the past, else the nearest of the two."""
    if anchor is None:
        return None
    this = _safe_date(anchor.year, month, day)
    if this is None:
        return None
    if tense == FUTURE:
        return anchor.year if this >= anchor else anchor.year + 1
    if tense == PAST:
        return anchor.year if this <= anchor else anchor.year - 1
    readings = [d for d in (_safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    return min(readings, key=lambda d: (abs((d - anchor).days), d > anchor)).year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _absolute(value, precision, modifier=None):
    return (value, precision, modifier, False) if value else None


def _relative(value, precision, modifier=None):
    return (value, precision, modifier, True)


# -- absolute dates --------------------------------------------------------------------------------


@_rule(r"\b(?P<year>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<day>[0-3]\d)\b")
def _iso(m, anchor, tense):
    d = _safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
    return _absolute(d and d.isoformat(), "day")


@_rule(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d{2})\b")
def _us_numeric(m, anchor, tense):
    d = _safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
    return _absolute(d and d.isoformat(), "day")


@_rule(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")
@_rule(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")
def _full_date(m, anchor, tense):
    d = _safe_date(int(m["year"]), _month_number(m["month"]), int(m["day"]))
    return _absolute(d and d.isoformat(), "day")


@_rule(rf"\b{_MOD}(?P<month>{_MONTH_FULL}|{_MONTH_ABBR}),?\s+(?:of\s+)?{_YEAR}\b")
def _month_and_year(m, anchor, tense):
    return _absolute(f"{int(m['year']):04d}-{_month_number(m['month']):02d}", "month", _modifier(m))


@_rule(rf"\b{_MOD}(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})\s+(?P<which>this|last|next) year\b")
def _month_this_year(m, anchor, tense):
    if anchor is None:
        return _relative(None, "month", _modifier(m))
    year = anchor.year + {"this": 0, "last": -1, "next": 1}[m["which"]]
    return _relative(f"{year}-{_month_number(m['month']):02d}", "month", _modifier(m))


@_rule(rf"\b(?P<quarter>Q[1-4])\s+{_YEAR}\b")
@_rule(rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth) quarter of\s+{_YEAR}\b")
def _quarter_year(m, anchor, tense):
    groups = m.groupdict()
    q = int(groups["quarter"][1]) if groups.get("quarter") else _ORDINAL_QUARTERS[groups["ord"]]
    return _absolute(f"{m['year']}-Q{q}", "quarter")


@_rule(rf"\b{_MOD}{_YEAR}\b(?!\s*(?:%|percent|people|votes|[a-z]+s\b))")
def _year(m, anchor, tense):
    """A year, only where it reads as one: after a preposition or modifier, before 's, or as the
    year of "the 2022 election"."""
    text = m.string
    before = text[max(0, m.start() - 12):m.start()]
    after = text[m.end():m.end() + 3]
    if re.match(r"[-,]\d|-word|-year|\d", text[m.end():m.end() + 5]) or re.search(r"[$€£#]\s*$", before):
        return None
    if m["mod"] or re.search(rf"\b{_PREP_YEAR}\s+$", before, re.I) or after.startswith(("'s", "’s")):
        return _absolute(m["year"], "year", _modifier(m))
    if re.search(r"\b[Tt]he\s+$", before) and re.match(r"\s+[a-zA-Z]", text[m.end():m.end() + 2]):
        return _absolute(m["year"], "year")
    return None


# -- dates missing a year --------------------------------------------------------------------------


@_rule(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d{{2}})(?![:\d])")
@_rule(rf"\b{_DAY}\s+(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})\b(?!,?\s+(?:19|20)\d{{2}})")
def _month_day(m, anchor, tense):
    month, day = _month_number(m["month"]), int(m["day"])
    if not 1 <= day <= 31 or (m["month"] == "May" and not re.match(r"May\s+\d", m.group(0))):
        return None
    year = _day_year(month, day, anchor, tense)
    if year is None:
        return _relative(None, "day") if _safe_date(2000, month, day) else None
    d = _safe_date(year, month, day)
    return _relative(d.isoformat(), "day") if d else None


@_rule(rf"\b{_MOD}(?P<month>{_MONTH_FULL})(?:['’]s)?\b")
def _month_alone(m, anchor, tense):
    """A month named alone, only in a date-like context: after "in", "since", "early"... or as
    "October's" ("May", "March", "June" are also verbs and names)."""
    name = m["month"]
    before = m.string[max(0, m.start() - 12):m.start()]
    possessive = m.group(0).endswith(("'s", "’s"))
    if not (m["mod"] or _MONTH_CONTEXT.search(before) or (possessive and name not in ("May", "March"))):
        return None
    if m.start() > 0 and m.string[m.start() - 1] in "@#/":
        return None
    month = _month_number(name)
    if re.match(r"\s*(?:last|next|this) year", m.string[m.end():m.end() + 12]):
        return None
    year = _month_year(month, anchor, tense == FUTURE or _is_next(before))
    if re.search(r"\blast\s+$", before, re.I) and anchor is not None:
        year = anchor.year if month < anchor.month else anchor.year - 1
    value = f"{year}-{month:02d}" if year else None
    return _relative(value, "month", _modifier(m))


def _is_next(before: str) -> bool:
    return bool(re.search(r"\bnext\s+$", before, re.I))


# -- relative to the anchor ------------------------------------------------------------------------


@_rule(rf"\b(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his|[Tt]hat)\s+)?{_WEEKDAY}{_PART}\b")
def _weekday(m, anchor, tense):
    if anchor is None:
        return _relative(None, "day")
    target = WEEKDAYS.index(m["weekday"].lower())
    delta = target - anchor.weekday()
    which = (m["which"] or "").lower()
    if which == "next":
        days = delta if delta > 0 else delta + 7
    elif which == "last":
        days = delta if delta < 0 else delta - 7
    elif which in ("this", "that") or delta == 0:
        days = delta if which else 0
    elif tense == FUTURE:
        days = delta if delta > 0 else delta + 7
    else:
        days = delta if delta < 0 else delta - 7
    return _relative((anchor + timedelta(days=days)).isoformat(), "day")


@_rule(r"\b(?P<word>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Tt]his (?:morning|afternoon|evening))\b")
def _deictic_day(m, anchor, tense):
    if anchor is None:
        return _relative(None, "day")
    word = m["word"].lower()
    days = -1 if word == "yesterday" else 1 if word == "tomorrow" else 0
    return _relative((anchor + timedelta(days=days)).isoformat(), "day")


@_rule(r"\b(?:(?P<mod>[Ee]arlier|[Ll]ater) )?(?P<which>[Ll]ast|[Tt]his|[Nn]ext|[Tt]he past|[Tt]he previous|[Tt]he coming) (?P<unit>week|month|year)\b")
def _relative_unit(m, anchor, tense):
    unit = m["unit"]
    precision = {"week": "week", "month": "month", "year": "year"}[unit]
    if anchor is None:
        return _relative(None, precision)
    which = m["which"].lower()
    step = -1 if which in ("last", "the past", "the previous") else 1 if which in ("next", "the coming") else 0
    if unit == "week":
        return _relative(_week(anchor + timedelta(weeks=step)), "week")
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + step
        return _relative(f"{month_index // 12}-{month_index % 12 + 1:02d}", "month")
    return _relative(str(anchor.year + step), "year")


@_rule(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)
def _ago(m, anchor, tense):
    n = m["n"].lower()
    count = int(n) if n.isdigit() else _NUMBER_WORDS.get(n)
    unit = m["unit"].lower()
    if count is None:
        return None
    if anchor is None:
        return _relative(None, unit)
    if unit == "day":
        return _relative((anchor - timedelta(days=count)).isoformat(), "day")
    if unit == "week":
        return _relative(_week(anchor - timedelta(weeks=count)), "week")
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 - count
        return _relative(f"{month_index // 12}-{month_index % 12 + 1:02d}", "month")
    return _relative(str(anchor.year - count), "year")


@_rule(r"\b(?:the\s+)?(?P<ord>first|second|third|fourth) quarter\b(?!\s+of\s+(?:19|20)\d{2})|\b(?P<quarter>Q[1-4])\b(?!\s+(?:19|20)\d{2})")
def _quarter(m, anchor, tense):
    q = int(m["quarter"][1]) if m["quarter"] else _ORDINAL_QUARTERS[m["ord"]]
    if anchor is None:
        return _relative(None, "quarter")
    current = (anchor.month - 1) // 3 + 1
    year = anchor.year if (q <= current or tense == FUTURE) else anchor.year - 1
    return _relative(f"{year}-Q{q}", "quarter")
