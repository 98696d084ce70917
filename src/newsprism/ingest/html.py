"""HTML pages: the body through trafilatura; title, author, site name, language, canonical URL and
the publication time with its zone from the page's own metadata.

trafilatura's metadata pass (htmldate's date search above all) costs more than a third of the
extraction time and finds the date only to the day, so metadata is read from the raw page with
cheap targeted patterns instead: ``<meta>`` tags (Open Graph, ``article:*``, ``author``,
``pubdate``...), JSON-LD (``datePublished``, ``author``, ``publisher``), ``<time datetime>``,
``<link rel=canonical>``, ``<title>``/``<h1>``, ``<html lang>``, and a date in the URL path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura

from ..errors import BrokenInput, EmptyInput
from ..models import Article
from .common import decode_text, parse_timestamp

__all__ = ["read", "extract"]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TIME_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.created", "date", "article.published", "publication_date",
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_TIME_TAG = re.compile(r"""<time\b[^>]*\bdatetime\s*=\s*["']([^"']{8,40})["']""", re.I)
_CANONICAL = re.compile(r"""<link\b[^>]*rel\s*=\s*["']?canonical["']?[^>]*>""", re.I)
_HEAD_LIMIT = 300_000
_EXTRA_KEYS = ("description", "og:description", "keywords", "article:section", "article:tag", "og:image", "og:type")
_TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.I | re.S)
_JSONLD = {
    "author": re.compile(r'"author"\s*:\s*(?:\[\s*)?(?:\{[^{}]*?"name"\s*:\s*"([^"]{2,100})"|"([^"]{2,100})")'),
    "publisher_name": re.compile(r'"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{2,100})"'),
}
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|$|[^\d])")


def read(data: bytes, where: str, url: str | None = None) -> Iterator[Article]:
    """One article from an HTML page. Raises :class:`EmptyInput` when the page has no article text."""
    html = decode_text(data, declared=_declared_charset(data))
    yield extract(html, url)


def extract(html: str, url: str | None = None) -> Article:
    """The article in an HTML string (``url``: where it was found, used when the page names none)."""
    if "<" not in html[:5000]:
        raise BrokenInput("no HTML markup was found. Pass --format text if it is plain text")
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=False)
    except (ValueError, TypeError, AttributeError) as exc:  # trafilatura on markup it cannot repair
        raise BrokenInput(f"the HTML could not be parsed ({exc})") from exc
    if doc is None or not (doc.text or "").strip():
        raise EmptyInput("no article text was found in the HTML")
    meta = _metadata(html)
    canonical = _canonical(html) or meta.get("og:url") or url
    published, precision = _published(html, meta, canonical)
    extra = {k: meta[k] for k in _EXTRA_KEYS if meta.get(k)}
    title = _title(html, meta)
    text = _without_headline(_paragraphs(doc.text), title, extra)
    sitename = meta.get("og:site_name") or meta.get("application-name") or _jsonld(html, "publisher_name")
    if sitename and re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", sitename):
        sitename = None  # a bare host name: let the outlet come from the URL's table of names
    if precision:
        extra["published_precision"] = precision
    return Article.build(
        text,
        url=canonical,
        title=title,
        author=_author(html, meta),
        outlet=sitename or None,
        published=published,
        published_source="html" if published else None,
        language=_lang(html, meta),
        extra=extra,
    )


def _declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _paragraphs(text: str) -> str:
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _without_headline(text: str, title: str | None, extra: dict) -> str:
    """The page's own headline often opens the extracted body: it is metadata, not reporting."""
    first, _, rest = text.partition("\n\n")
    if title and rest and first.strip().lower() in title.lower():
        extra["removed"] = [{"kind": "headline", "text": first}]
        return rest
    return text


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(tag)}


def _metadata(html: str) -> dict[str, str]:
    """``<meta>`` tags by lower-cased property/name/itemprop (the first of each), HTML entities decoded."""
    from html import unescape

    metas: dict[str, str] = {}
    for tag in _META.findall(html[:_HEAD_LIMIT]):
        attrs = _attrs(tag)
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and attrs.get("content", "").strip():
            metas.setdefault(key, unescape(attrs["content"].strip()))
    return metas


def _jsonld(html: str, key: str) -> str | None:
    match = _JSONLD[key].search(html[:_HEAD_LIMIT])
    return next((g for g in match.groups() if g), None) if match else None


def _clean(fragment: str) -> str:
    from html import unescape

    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def _title(html: str, meta: dict) -> str | None:
    for candidate in (meta.get("og:title"), meta.get("twitter:title"), meta.get("headline")):
        if candidate:
            return candidate
    h1 = _H1.search(html)
    if h1 and _clean(h1.group(1)):
        return _clean(h1.group(1))
    title = _TITLE_TAG.search(html[:_HEAD_LIMIT])
    return _clean(title.group(1)) or None if title else None


def _author(html: str, meta: dict) -> str | None:
    for key in ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"):
        value = meta.get(key, "")
        if value and not value.startswith("http"):
            return re.sub(r"^By\s+", "", value)
    return _jsonld(html, "author")


def _timestamp_candidates(html: str, meta: dict) -> Iterator[str]:
    """Publication times written in the page, most specific sources first."""
    head = html[:_HEAD_LIMIT]
    yield from (meta[k] for k in _TIME_KEYS if k in meta)
    yield from _JSONLD_DATE.findall(head)
    yield from _TIME_TAG.findall(head)


def _published(html: str, meta: dict, url: str | None):
    """The publication time: a full timestamp from the page when it has one, else a day (from the
    page, or from a ``/2022/09/15/`` path in the URL)."""
    fallback = None
    for candidate in _timestamp_candidates(html, meta):
        parsed = parse_timestamp(candidate)
        if parsed and parsed[1] == "time":
            return parsed
        fallback = fallback or parsed
    if fallback is None and url and (match := _URL_DATE.search(url)):
        fallback = parse_timestamp("-".join(f"{int(x):02d}" for x in match.groups()))
    return fallback if fallback else (None, None)


def _canonical(html: str) -> str | None:
    match = _CANONICAL.search(html[:_HEAD_LIMIT])
    href = _attrs(match.group(0)).get("href") if match else None
    return href if href and href.startswith(("http://", "https://")) else None


def _lang(html: str, meta: dict) -> str | None:
    match = re.search(r"""<html\b[^>]*\blang\s*=\s*["']?([a-zA-Z]{2,3})""", html[:2000])
    if match:
        return match.group(1).lower()
    locale = meta.get("og:locale") or meta.get("content-language") or meta.get("language")
    return locale[:2].lower() if locale and locale[:2].isalpha() else None
