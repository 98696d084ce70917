"""JSON and JSON Lines: one article per object.

Accepted keys (first present wins): text ``text``/``body``/``content``/``articleBody``/``maintext``,
or ``html`` (run through the HTML reader); title ``title``/``headline``; URL ``url``/``link``;
outlet ``outlet``/``source``/``site``/``publisher``; time ``published``/``date``/``pubDate``/
``published_at``/``datePublished``; ``author``/``authors``; ``language``/``lang``. Every other key is
kept in ``extra``.

An object may instead name a file with ``path`` (relative to the JSON file): that file is read with
its own reader and the object's keys override its metadata. This makes a *manifest*::

    {"path": "cnn-xi-putin.txt", "outlet": "CNN", "url": "https://edition.cnn.com/..."}

A file may hold one object, an array of objects, or one object per line. A bad line yields an
error located at it (``feed.jsonl:line 7``) and the other lines go on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from ..errors import BrokenInput, InputError
from ..models import Article
from .common import decode_text, parse_timestamp

__all__ = ["read"]

_KEYS = {
    "text": ("text", "body", "content", "articleBody", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "outlet": ("outlet", "source", "site", "publisher", "source_name", "sitename"),
    "published": ("published", "date", "pubDate", "published_at", "datePublished", "date_publish"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}
_CONSUMED = {k for keys in _KEYS.values() for k in keys} | {"path", "file", "html", "partial"}


def read(data: bytes, where: str, url: str | None = None) -> Iterator[Article | InputError]:
    text = decode_text(data)
    for line_no, obj in _objects(text, where):
        if isinstance(obj, InputError):
            yield obj
            continue
        try:
            yield from _articles(obj, where, line_no)
        except InputError as exc:
            yield exc.at(f"{where}:line {line_no}")


def _objects(text: str, where: str) -> Iterator[tuple[int, Any]]:
    """(line number, object) pairs; a whole-file JSON value first, else one value per line."""
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, list):
        yield from ((1, obj) for obj in whole)
        return
    if isinstance(whole, dict):
        yield 1, whole
        return
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield line_no, json.loads(line)
        except json.JSONDecodeError as exc:
            yield line_no, BrokenInput(f"invalid JSON ({exc.msg} at column {exc.colno})", f"{where}:line {line_no}")


def _articles(obj: Any, where: str, line_no: int) -> Iterator[Article]:
    if not isinstance(obj, dict):
        raise BrokenInput(f"expected a JSON object, got {type(obj).__name__}")
    fields = {name: _first(obj, keys) for name, keys in _KEYS.items()}
    extra = {k: v for k, v in obj.items() if k not in _CONSUMED}
    extra["record"] = f"line {line_no}"
    for base in _base_articles(obj, fields, where):
        yield _overlay(base, fields, extra, obj)


def _first(obj: dict, keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = obj.get(key)
        if value not in (None, "", []):
            return value
    return None


def _base_articles(obj: dict, fields: dict, where: str) -> Iterator[Article]:
    """What the object's body comes from: a named file, embedded HTML, or the text field."""
    path = obj.get("path") or obj.get("file")
    if path:
        from . import Input, read_input

        full = path if os.path.isabs(path) else os.path.join(os.path.dirname(where), path)
        for result in read_input(Input(full)):
            if isinstance(result, InputError):
                raise result
            yield result
    elif obj.get("html"):
        from .html import read as read_html

        yield from read_html(str(obj["html"]).encode("utf-8"), where, fields["url"])
    else:
        body = fields["text"]
        yield Article.build(str(body).strip() if body is not None else "", url=None)


def _overlay(base: Article, fields: dict, extra: dict, obj: dict) -> Article:
    """The object's own keys win over what the reader found."""
    published, source = base.published, base.published_source
    merged_extra = {**base.extra, **extra}
    parsed = parse_timestamp(fields["published"])
    if parsed:
        published, source = parsed[0], "metadata"
        merged_extra["published_precision"] = parsed[1]
    elif fields["published"] is not None:
        merged_extra["published_unparsed"] = fields["published"]
    author = fields["author"]
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author)
    return Article.build(
        base.text,
        url=fields["url"] or base.url,
        title=fields["title"] or base.title,
        author=author or base.author,
        outlet=fields["outlet"] or base.outlet,
        published=published,
        published_source=source,
        language=fields["language"] or base.language,
        source_path=base.source_path,
        partial=bool(obj.get("partial", base.partial)),
        extra=merged_extra,
    )
