"""WARC and WARC.gz archives, through warcio: each HTML ``response`` record becomes an article.

The record's target URI is the article's URL; when the page carries no date, the record's
``WARC-Date`` is used (``published_source="warc"``). Requests, metadata, images and other
non-HTML records are passed over. A truncated archive keeps every record read before the break
and reports the break once.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import BrokenInput, InputError
from ..models import Article
from .common import decode_text, parse_timestamp
from .html import _declared_charset, extract

__all__ = ["read"]


def read(data: bytes, where: str, url: str | None = None) -> Iterator[Article | InputError]:
    if not _head(data).startswith(b"WARC/"):
        raise BrokenInput("not a readable WARC archive (it does not start with a 'WARC/' record)", where)
    n = 0
    try:
        for n, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            result = _article(record, f"{where}#record {n}", n) if _is_html_response(record) else None
            if _cut_short(record):
                raise EOFError(f"record {n} ends before its declared length")
            if result is not None:
                yield result
        if n == 0:
            raise EOFError("no WARC record was found")
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError, AttributeError, TypeError) as exc:
        if n == 0:
            raise BrokenInput(f"not a readable WARC archive ({_reason(exc)})", where) from exc
        yield BrokenInput(f"the archive is truncated or damaged at record {n} ({_reason(exc)})", where)


def _head(data: bytes) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data[:8]
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 8)
    except zlib.error:
        return b""


def _cut_short(record) -> bool:
    """True when the archive ended inside this record (warcio returns the short payload silently)."""
    record.raw_stream.read()
    return getattr(record.raw_stream, "limit", 0) > 0


def _reason(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return status == "200" and ("html" in ctype or not ctype)


def _article(record, location: str, n: int) -> Article | InputError:
    target = record.rec_headers.get_header("WARC-Target-URI")
    payload = record.content_stream().read()
    try:
        html = decode_text(payload, declared=_charset(record) or _declared_charset(payload))
        article = extract(html, target)
    except InputError as exc:
        return exc.at(location)
    extra = {**article.extra, "record": f"record {n}", "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}
    if article.published is None:
        parsed = parse_timestamp(record.rec_headers.get_header("WARC-Date"))
        if parsed:
            return article.with_(published=parsed[0], published_source="warc", url=article.url or target, extra=extra)
    return article.with_(url=article.url or target, extra=extra)


def _charset(record) -> str | None:
    ctype = record.http_headers.get_header("Content-Type") or ""
    for part in ctype.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None
