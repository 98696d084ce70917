"""Helpers every reader shares: decoding bytes, parsing timestamps, naming outlets."""

from __future__ import annotations

import codecs
import re
import warnings
from datetime import datetime, timezone
from pathlib import PurePath
from urllib.parse import urlsplit, urlunsplit

from dateutil import parser as dateparser
from dateutil import tz

from ..errors import DecodeError, EmptyInput

__all__ = [
    "decode_text",
    "check_not_binary",
    "parse_timestamp",
    "registrable_domain",
    "outlet_from_url",
    "canonical_url",
    "file_stem",
]

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def check_not_binary(data: bytes) -> None:
    """Refuse empty input and bytes that are clearly not text (NULs, control characters)."""
    if not data.strip():
        raise EmptyInput("the input is empty")
    head = data[:4096]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or controls > len(head) * 0.05:
        raise DecodeError("the input is binary, not text (NUL or control bytes). Pass a text, HTML, JSON, feed or WARC file")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode bytes to text: BOM first, then UTF-8, then the declared encoding, then detection.

    Strict UTF-8 goes first because bytes that decode as UTF-8 almost always are UTF-8, whatever a
    page declares (a page saying ``latin-1`` while serving UTF-8 would otherwise turn to mojibake).
    A declared encoding that fails falls through to detection; bytes that no encoding reads raise
    :class:`DecodeError`.
    """
    check_not_binary(data)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name)
    for name in filter(None, ("utf-8", declared)):
        try:
            return data.decode(_python_codec(name))
        except (UnicodeDecodeError, LookupError):
            continue
    return _detect(data)


def _python_codec(name: str) -> str:
    codecs.lookup(name)
    return name


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("the bytes are not text in any encoding tried (UTF-8 and detection)")
    best = matches[0]
    # Short Western texts are ambiguous between the single-byte code pages; prefer Windows-1252,
    # by far the most common, when it reads the bytes about as cleanly as the detector's first pick.
    western = next((m for m in matches if m.encoding in ("cp1252", "latin_1")), None)
    if western is not None and western.chaos <= best.chaos + 0.02:
        best = western
    return str(best)


_TZINFOS = {
    "UTC": tz.UTC, "GMT": tz.UTC, "Z": tz.UTC,
    "EST": tz.tzoffset("EST", -5 * 3600), "EDT": tz.tzoffset("EDT", -4 * 3600),
    "CST": tz.tzoffset("CST", -6 * 3600), "CDT": tz.tzoffset("CDT", -5 * 3600),
    "MST": tz.tzoffset("MST", -7 * 3600), "MDT": tz.tzoffset("MDT", -6 * 3600),
    "PST": tz.tzoffset("PST", -8 * 3600), "PDT": tz.tzoffset("PDT", -7 * 3600),
    "BST": tz.tzoffset("BST", 3600), "IST": tz.tzoffset("IST", 19800), "JST": tz.tzoffset("JST", 9 * 3600), "CET": tz.tzoffset("CET", 3600), "CEST": tz.tzoffset("CEST", 7200),
}


def parse_timestamp(value: object, default_tz: timezone = timezone.utc) -> tuple[datetime, str] | None:
    """Parse a date or date-time into a timezone-aware datetime and its precision.

    Returns ``(datetime, precision)`` where precision is ``"day"`` for a bare date and ``"time"``
    otherwise, or ``None`` when the value is not a date. A value without a zone is taken in
    ``default_tz`` (UTC). Accepts ``datetime`` objects, ISO 8601, RFC 822 and most written forms.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        dt, has_time = value, True
    else:
        text = str(value).strip()
        if not text or len(text) > 80 or not re.search(r"\d", text):
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # an unknown zone name: parsed as naive, taken in default_tz
                dt = dateparser.parse(text, tzinfos=_TZINFOS, fuzzy=False)
        except (ValueError, OverflowError, TypeError):
            return None
        has_time = bool(re.search(r"\d{1,2}:\d{2}|T\d{2}", text))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=default_tz)
    if not 1900 <= dt.year <= 2200:
        return None
    return dt, ("time" if has_time else "day")


# Second-level public suffixes common in news URLs; enough to find "bbc.co.uk" in "www.bbc.co.uk".
_SECOND_LEVEL = {
    "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp", "co.kr",
    "co.in", "com.br", "com.cn", "com.hk", "com.sg", "com.mx", "com.ar", "com.tr", "co.za", "com.ng",
}


def registrable_domain(url: str | None) -> str | None:
    """``https://www.bbc.co.uk/news/x`` -> ``bbc.co.uk``; ``None`` for a URL without a host."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").rstrip(".").lower()
    if not host or "." not in host or re.fullmatch(r"[\d.]+", host):
        return host or None
    parts = host.split(".")
    keep = 3 if ".".join(parts[-2:]) in _SECOND_LEVEL and len(parts) >= 3 else 2
    return ".".join(parts[-keep:])


# Display names for well-known outlets, keyed by registrable domain.
_OUTLETS = {
    "cnn.com": "CNN", "axios.com": "Axios", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "wsj.com": "The Wall Street Journal",
    "bbc.co.uk": "BBC", "bbc.com": "BBC", "reuters.com": "Reuters", "apnews.com": "AP",
    "theguardian.com": "The Guardian", "foxnews.com": "Fox News", "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News", "go.com": "ABC News", "npr.org": "NPR",
    "politico.com": "Politico", "bloomberg.com": "Bloomberg", "ft.com": "Financial Times",
    "aljazeera.com": "Al Jazeera", "usatoday.com": "USA Today", "latimes.com": "Los Angeles Times",
    "breitbart.com": "Breitbart", "huffpost.com": "HuffPost", "huffingtonpost.com": "HuffPost",
    "thehill.com": "The Hill", "vox.com": "Vox", "newsweek.com": "Newsweek", "time.com": "Time",
    "economist.com": "The Economist", "dw.com": "DW", "france24.com": "France 24",
    "scmp.com": "South China Morning Post", "xinhuanet.com": "Xinhua", "tass.com": "TASS",
    "rt.com": "RT", "independent.co.uk": "The Independent", "telegraph.co.uk": "The Telegraph",
    "dailymail.co.uk": "Daily Mail", "msnbc.com": "MSNBC", "cnbc.com": "CNBC",
}


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's display name for well-known domains, else the registrable domain itself."""
    domain = registrable_domain(url)
    if not domain:
        return None
    return _OUTLETS.get(domain, domain)


_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|ocid|cmpid|smid|mc_cid|mc_eid)=", re.I)


def canonical_url(url: str | None) -> str | None:
    """Normalize a URL for identity: lower-case scheme and host, no fragment, no tracking parameters."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url or None
    query = "&".join(p for p in parts.query.split("&") if p and not _TRACKING.match(p))
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def file_stem(where: str | None) -> str | None:
    """``feeds/cnn-world.rss`` -> ``cnn-world`` (used as the last-resort outlet name)."""
    if not where or "://" in where:
        return None
    name = PurePath(where.split("#")[0].split(":line")[0]).name
    for suffix in (".gz", ".warc"):
        name = name.removesuffix(suffix)
    return PurePath(name).stem or None
