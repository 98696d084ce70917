"""Fetching over real HTTP from a server on 127.0.0.1."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsprism import Store, ingest
from newsprism.errors import FetchError
from newsprism.ingest import Input, read_input
from newsprism.ingest.fetch import fetch

PAGE = b"""<!doctype html><html><head><title>Museum reopens</title>
<meta property="og:site_name" content="Old Town Post">
<meta property="article:published_time" content="2031-07-01T10:00:00+03:00"></head>
<body><article><p>The city museum reopened on Saturday after a three-year renovation, its director said.</p>
<p>More than 2,000 visitors came on the first day, and the queue reached the river bank by noon.</p></article></body></html>"""
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Old Town Post</title>
<item><title>Museum reopens</title><link>http://127.0.0.1/museum</link><description>The museum reopened.</description>
<pubDate>Sat, 01 Jul 2031 10:00:00 +0300</pubDate></item></channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    routes = {
        "/museum": (200, "text/html; charset=utf-8", PAGE),
        "/feed": (200, "application/rss+xml", FEED),
        "/logo": (200, "image/png", b"\x89PNG\r\n"),
    }

    def do_GET(self):  # noqa: N802
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/museum")
            self.end_headers()
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_and_its_metadata(server):
    (article,) = list(read_input(Input(f"{server}/museum")))
    assert article.url == f"{server}/museum"
    assert article.outlet == "Old Town Post"
    assert article.published.isoformat() == "2031-07-01T10:00:00+03:00"
    assert "2,000 visitors" in article.text


def test_redirects_are_followed_and_the_final_url_kept(server):
    (article,) = list(read_input(Input(f"{server}/old")))
    assert article.url == f"{server}/museum"


def test_a_feed_by_url(server):
    (entry,) = list(read_input(Input(f"{server}/feed")))
    assert entry.partial and entry.title == "Museum reopens"


def test_http_errors(server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/missing")
    with pytest.raises(FetchError, match="image/png"):
        fetch(f"{server}/logo")


def test_connection_refused():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="can't connect"):
        fetch(f"http://127.0.0.1:{port}/x", timeout=5)


def test_ingesting_a_url_twice_changes_nothing(server, tmp_path):
    with Store(tmp_path / "n.db") as store:
        first = ingest([f"{server}/museum", f"{server}/missing"], store)
        again = ingest([f"{server}/museum"], store)
        assert first.counts["ingested"] == 1 and len(first.failures) == 1 and "404" in str(first.failures[0])
        assert again.counts["unchanged"] == 1 and store.count_articles() == 1
