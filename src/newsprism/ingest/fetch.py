"""Fetching a URL over HTTP(S) with the standard library: redirects followed, size capped."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

from ..errors import FetchError

__all__ = ["fetch", "MAX_BYTES"]

MAX_BYTES = 20 * 1024 * 1024
_TEXTUAL = ("text/", "application/xhtml", "application/xml", "application/rss", "application/atom",
            "application/json", "application/ld+json", "application/warc", "application/gzip",
            "application/x-gzip", "application/octet-stream")


def fetch(url: str, timeout: float = 20.0) -> tuple[bytes, str]:
    """The body at ``url`` and the final URL after redirects. Raises :class:`FetchError`."""
    from .. import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"newsprism/{__version__} (+news analysis)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            ctype = (response.headers.get("Content-Type") or "").lower()
            if ctype and not ctype.startswith(_TEXTUAL):
                raise FetchError(f"the server sent '{ctype}', not a page, feed or archive", url)
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise FetchError(f"the response is larger than {MAX_BYTES // (1024 * 1024)} MB", url)
            return body, response.geturl()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}", url) from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"can't connect ({exc.reason})", url) from exc
    except (socket.timeout, TimeoutError) as exc:
        raise FetchError(f"no answer within {timeout:g} s", url) from exc
