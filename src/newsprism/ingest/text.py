"""Plain text and Markdown: news copied as text, with its furniture recognised.

A page copied from a browser carries more than the reporting: a dateline (``Updated Sep 15, 2022 -
World``), the headline, a byline, photo captions and credits, and trailers (``Go deeper``,
``Editor's note: ...``, ``Read more``, ``Sign up for ...``). These become metadata (``published``,
``title``, ``author``, ``extra["section"]``) or are dropped from the body; everything dropped is kept
in ``extra["removed"]`` as ``{"kind", "text"}``, never silently lost. Section labels that open a
paragraph ("Why it matters: ...") are removed the same way. List bullets keep their text
(the bullet glyph goes). Paragraphs are joined by a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..models import Article
from .common import decode_text, parse_timestamp

__all__ = ["read", "clean_text"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
)
_DATELINE = re.compile(
    rf"^(?:(?:Updated|Published|Posted|Last updated|Modified)\s*:?\s+)?(?P<date>{_DATE})"
    r"(?:\s*[-–—|·•]\s*(?P<section>[A-Z][\w&' ]{0,40}))?$",
    re.I,
)
_BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|bin|al-\w+))*)(?:\s*[,|/-]\s*.{0,60})?$")
_CREDIT = re.compile(
    r"(?:^|[.)]\s+|\()(?:Photo|Photograph|Image|Picture|Illustration|Credit|Photo credit)s?\s*(?:by\s|:)"
    r"|(?i:(?:via|/)\s*(?:Getty Images|AFP|AP|Reuters|Shutterstock|EPA|Bloomberg)[\w ]*\)?\s*$)|\bAP Photo\b|^©"
)
_POSITION = re.compile(r"\((?:L|R|C|left|right|center|centre|from left|top|bottom|front|back)\)", re.I)
_TRAILER = re.compile(
    r"^(?:Go deeper\b|Read more\b|Read the rest\b|Read the full\b|Sign up\b|Subscribe\b|Editor['’]s note\s*:|"
    r"Related\s*:|More from\b|Share this\b|Follow us\b|Click here\b|Download the\b|Copyright\b|©|All rights reserved)",
    re.I,
)
# Section labels that open a paragraph ("Why it matters: ..."): furniture, not reporting.
_LABEL = re.compile(
    r"^(?:Why it matters|Why it's news|What they(?:'|’)re saying|The big picture|Big picture|Worth noting|Flashback|"
    r"Between the lines|Driving the news|The bottom line|Bottom line|Yes, but|State of play|Zoom in|Zoom out|"
    r"By the numbers|What(?:'|’)s next|What to watch|The other side|Catch up quick|The backstory|Reality check|"
    r"Our thought bubble|Be smart|The intrigue|Of note|For the record|Where it stands|Key quote|Context|Details)"
    r":\s+(?=\S)"
)
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣∙●○■□➤►]|[*+-](?=\s)|\d{1,2}[.)](?=\s))\s*")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^)(]|\([^)]*\))*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>(?:[A-Za-z_][\w-]*\s*:.*\n)+)---\s*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$|[:;]$")


def read(data: bytes, where: str, url: str | None = None) -> Iterator[Article]:
    """One article from a text or Markdown file."""
    text = decode_text(data)
    meta, text = _front_matter(text)
    body, found = clean_text(text)
    fields = {**found, **meta}
    published, precision = _published(fields)
    extra = {k: v for k, v in fields.items() if k not in _ARTICLE_FIELDS}
    if precision:
        extra["published_precision"] = precision
    yield Article.build(
        body,
        url=fields.get("url") or url,
        title=fields.get("title"),
        author=fields.get("author"),
        outlet=fields.get("outlet"),
        published=published,
        published_source=fields.get("published_source") if published else None,
        language=fields.get("language"),
        extra=extra,
    )


_ARTICLE_FIELDS = {"url", "title", "author", "outlet", "published", "published_source", "language", "date"}


def _published(fields: dict) -> tuple[object, str | None]:
    parsed = parse_timestamp(fields.get("published") or fields.get("date"))
    return parsed if parsed else (None, None)


def _front_matter(text: str) -> tuple[dict, str]:
    """``---``-delimited ``key: value`` lines at the top of a Markdown file become metadata."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match["body"].splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip().strip("'\"")
    if meta.get("source") and not meta.get("outlet"):
        meta["outlet"] = meta.pop("source")
    if meta.get("published") or meta.get("date"):
        meta["published_source"] = "metadata"
    return meta, text[match.end():]


def clean_text(text: str) -> tuple[str, dict]:
    """Split furniture from reporting. Returns the clean body and what was found.

    The found dict may hold ``title``, ``author``, ``published`` (a string), ``published_source``,
    ``section`` and ``removed`` (a list of ``{"kind", "text"}``).
    """
    paragraphs = [p for p in map(_markdown_inline, _paragraphs(text)) if p]
    found: dict = {"removed": []}
    paragraphs = _strip_head(paragraphs, found)
    paragraphs = _strip_tail(paragraphs, found)
    body = [_strip_label(p, found) for p in paragraphs if not _drop_anywhere(p, found)]
    if not found["removed"]:
        del found["removed"]
    return "\n\n".join(body), found


def _paragraphs(text: str) -> list[str]:
    """Paragraphs: blank-line separated blocks whose hard-wrapped lines are joined; one line each
    for text that has no blank lines; a bullet always starts its own paragraph."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    out = []
    for block in blocks:
        current: list[str] = []
        for line in block.split("\n"):
            line = line.strip()
            if not line:
                continue
            if _BULLET.match(line) or _MD_HEADING.match(line):
                out.extend(filter(None, [" ".join(current)]))
                current = []
            current.append(_BULLET.sub("", line, count=1) if _BULLET.match(line) else line)
        out.extend(filter(None, [" ".join(current)]))
    return [re.sub(r"[ \t]+", " ", p) for p in out]


def _markdown_inline(paragraph: str) -> str:
    paragraph = _MD_HEADING.sub("", paragraph)
    paragraph = _MD_IMAGE.sub("", paragraph)
    paragraph = _MD_LINK.sub(r"\1", paragraph)
    return _MD_EMPHASIS.sub(r"\2", paragraph).strip()


_HEAD_SCAN = 8


def _strip_head(paragraphs: list[str], found: dict) -> list[str]:
    """Dateline, headline, byline and captions before the reporting starts."""
    i = 0
    while i < min(len(paragraphs), _HEAD_SCAN) and len(paragraphs) - i > 1:
        p = paragraphs[i]
        kind = _head_kind(p, found)
        if kind is None:
            break
        found["removed"].append({"kind": kind, "text": p})
        i += 1
    return paragraphs[i:]


def _head_kind(p: str, found: dict) -> str | None:
    date = _DATELINE.match(p)
    if date and "published" not in found:
        found["published"], found["published_source"] = date["date"], "dateline"
        if date["section"]:
            found["section"] = date["section"].strip()
        return "dateline"
    byline = _BYLINE.match(p)
    if byline and "author" not in found and len(p) < 120:
        found["author"] = byline["name"].strip()
        return "byline"
    if _is_caption(p):
        return "caption"
    if "title" not in found and _looks_like_headline(p):
        found["title"] = p
        return "headline"
    return None


def _looks_like_headline(p: str) -> bool:
    words = p.split()
    return 2 <= len(words) <= 25 and len(p) <= 200 and not _SENTENCE_END.search(p) and p[0].isupper()


def _is_caption(p: str) -> bool:
    return len(p) < 400 and bool(_CREDIT.search(p) or _POSITION.search(p))


def _strip_tail(paragraphs: list[str], found: dict) -> list[str]:
    """Trailers at the end: ``Go deeper``, ``Read more``, sign-ups, copyright lines."""
    end = len(paragraphs)
    while end > 1 and len(paragraphs[end - 1]) < 300 and _TRAILER.match(paragraphs[end - 1]):
        end -= 1
    found["removed"].extend({"kind": "trailer", "text": p} for p in paragraphs[end:])
    return paragraphs[:end]


def _strip_label(p: str, found: dict) -> str:
    label = _LABEL.match(p)
    if not label:
        return p
    found["removed"].append({"kind": "label", "text": label.group(0).strip()})
    return p[label.end():]


def _drop_anywhere(p: str, found: dict) -> bool:
    """Editor's notes, sign-up prompts and photo credits inside the body."""
    if len(p) < 300 and re.match(r"^(?:Editor['’]s note\s*:|Go deeper\b|Read more\b|Sign up\b)", p, re.I):
        found["removed"].append({"kind": "trailer", "text": p})
        return True
    if len(p) < 250 and _CREDIT.search(p):
        found["removed"].append({"kind": "caption", "text": p})
        return True
    return False
