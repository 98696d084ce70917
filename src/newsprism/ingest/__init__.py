"""Readers: bytes in, :class:`~newsprism.models.Article` out.

Each reader module (``text``, ``html``, ``jsonl``, ``feeds``, ``warc``) has one function::

    read(data: bytes, where: str, url: str | None = None) -> Iterator[Article | InputError]

``where`` names the input for messages (a path or URL). A reader of many records (JSONL, feeds,
WARC) yields an :class:`~newsprism.errors.InputError` located at the bad record
(``file.jsonl:line 7``, ``crawl.warc.gz#record 3``) and goes on with the next; a reader of one
document raises. :func:`read_input` picks the reader, then fills what every article needs
(canonical URL, outlet, ``source_path``) in one place.
"""

from __future__ import annotations

import glob
import gzip
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ..errors import EmptyInput, InputError, UnsupportedFormat, UsageError
from ..models import Article
from .common import canonical_url, file_stem, outlet_from_url

__all__ = ["FORMATS", "Input", "iter_inputs", "detect_format", "read_input", "read_articles"]

#: ``--format`` values and the reader module behind each.
FORMATS = {"text": "text", "html": "html", "json": "jsonl", "feed": "feeds", "warc": "warc"}

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc",
}
SUPPORTED = ".txt .md .html .htm .json .jsonl .xml .rss .atom .warc .warc.gz"


@dataclass(frozen=True)
class Input:
    """One thing to read: a file path or an http(s) URL."""

    where: str

    @property
    def is_url(self) -> bool:
        return self.where.startswith(("http://", "https://"))

    def load(self) -> tuple[bytes, str | None]:
        """The raw bytes, and the URL they came from (for fetched pages)."""
        if self.is_url:
            from .fetch import fetch

            return fetch(self.where)
        try:
            return Path(self.where).read_bytes(), None
        except OSError as exc:
            raise InputError(f"can't read the file ({exc.strerror or exc})", self.where) from exc


def iter_inputs(specs: Iterable[str]) -> Iterator[Input]:
    """Expand files, directories (recursively, in sorted order), globs and URLs into inputs."""
    for spec in specs:
        if spec.startswith(("http://", "https://")):
            yield Input(spec)
        elif os.path.isdir(spec):
            for root, dirs, files in os.walk(spec):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from (Input(os.path.join(root, f)) for f in sorted(files) if not f.startswith("."))
        elif os.path.exists(spec):
            yield Input(spec)
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                raise UsageError(f"No file matches '{spec}'. Check the pattern, or quote it so the shell leaves it alone.")
            yield from iter_inputs(matches)
        else:
            raise UsageError(f"No such file, directory or URL: '{spec}'.")


def detect_format(where: str, data: bytes) -> str:
    """The format from the extension, else from the content. Raises :class:`UnsupportedFormat`."""
    name = where.lower().split("?")[0]
    if name.endswith(".warc.gz"):
        return "warc"
    if name.endswith(".gz"):
        if _gunzip_head(data).startswith(b"WARC/"):
            return "warc"
        raise UnsupportedFormat(
            f"gzip-compressed input is supported only for WARC. Supported: {SUPPORTED}. Decompress it, or pass --format.",
            where,
        )
    ext = os.path.splitext(name)[1]
    sniffed = _sniff(data)
    if ext == ".xml" and sniffed != "feed":
        raise UnsupportedFormat(f"the XML is not an RSS or Atom feed. Supported: {SUPPORTED}.", where)
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if sniffed:
        return sniffed
    raise UnsupportedFormat(f"unknown file type '{ext or name}'. Supported: {SUPPORTED}. Or pass --format.", where)


def _gunzip_head(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as fh:
            return fh.read(16)
    except (OSError, EOFError):
        return b""


def _sniff(data: bytes) -> str | None:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/") or (data[:2] == b"\x1f\x8b" and _gunzip_head(data).startswith(b"WARC/")):
        return "warc"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and any(t in head for t in (b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<")):
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    if data[:1] == b"\x1f" or b"\x00" in data[:1024]:
        return None
    return "text"


def read_input(item: Input, fmt: str | None = None) -> Iterator[Article | InputError]:
    """Read one input into articles (and located record errors). Raises for a whole-input error."""
    data, fetched_url = item.load()
    if not data.strip():
        raise EmptyInput("the input is empty", item.where)
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"Unknown format '{fmt}'. Choose one of: {', '.join(FORMATS)}.")
    fmt = fmt or detect_format(fetched_url or item.where, data)
    reader = import_module(f".{FORMATS[fmt]}", __name__)
    try:
        for result in reader.read(data, item.where, fetched_url):
            yield _complete(result, item.where) if isinstance(result, Article) else result
    except InputError as exc:
        raise exc if exc.where else exc.at(item.where)


def read_articles(specs: Iterable[str], fmt: str | None = None) -> Iterator[Article]:
    """Every article in the given paths, raising at the first problem (the strict Python API)."""
    for item in iter_inputs(specs):
        for result in read_input(item, fmt):
            if isinstance(result, InputError):
                raise result
            yield result


def _complete(article: Article, where: str) -> Article | InputError:
    """Canonical URL, id, outlet and source path, filled the same way for every reader."""
    record = article.extra.get("record")
    if not article.text.strip():
        return EmptyInput("no article text was found", f"{where}:{record}" if record else where)
    url = canonical_url(article.url)
    rest = {k: v for k, v in article.__dict__.items() if k not in ("id", "text", "url", "content_hash")}
    rest["outlet"] = article.outlet or outlet_from_url(url) or file_stem(where)
    rest["source_path"] = article.source_path or where
    return Article.build(article.text, url=url, **rest)
