"""The web app through a real server: `newsprism serve` on 127.0.0.1 over a store of the seed articles,
hit with urllib, and its pages in real headless Chromium.

The screenshot of the seed story's page is also copied to /tmp/newsprism-web-story.png for a person to look at.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import SEEDS
from report_checks import assert_offsets
from test_html_browser import chromium, screenshot

from newsprism import api
from newsprism.assemble import report_schema
from newsprism.cli import main
from newsprism.store import Store

SEED_TITLE = "Xi and Putin hold first meeting since Ukraine invasion began"
SCREENSHOT_COPY = Path("/tmp/newsprism-web-story.png")

# fictional: no such town, bridge, office or people
NEW_ARTICLE = {
    "title": "Veldmark harbour bridge reopens after storm repairs <update> & ferries resume",
    "outlet": "Veldmark Courier",
    "url": "https://courier.example/veldmark-bridge-reopens",
    "published": "2026-03-02T09:00:00+01:00",
    "author": "Mara Ostlund",
    "text": (
        "The harbour bridge in Veldmark reopened on Monday after three weeks of storm repairs, the city "
        "transport office said. \"Traffic is flowing again and the ferries return to their normal timetable,\" "
        "transport director Anna Koller told reporters. The repairs cost 4.2 million euros, according to the "
        "city council, which approved the spending in February."
    ),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """A store of the two seed articles, analysed: one story."""
    path = str(tmp_path_factory.mktemp("web") / "web.db")
    with Store(path) as store:
        assert api.ingest([str(SEEDS / "*.txt")], store).counts["ingested"] == 2
        api.analyze(store)
    return path


@pytest.fixture(scope="module")
def server(db, tmp_path_factory):
    """The base URL of `newsprism serve --db DB` on a free port; stopped after the module."""
    port = _free_port()
    log = (tmp_path_factory.mktemp("log") / "serve.log").open("w+")
    proc = subprocess.Popen([sys.executable, "-m", "newsprism", "serve", "--db", db, "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(base: str, proc: subprocess.Popen, log, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"newsprism serve exited with {proc.returncode}:\n{log.read()}")
        try:
            with urllib.request.urlopen(base + "/api/stories", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"newsprism serve did not answer within {timeout} s")


def call(url: str, data: bytes | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of a GET, or of a POST when ``data`` is given; errors included."""
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def get_json(url: str, data: bytes | None = None, status: int = 200):
    code, kind, body = call(url, data)
    assert code == status, body[:500]
    assert kind.startswith("application/json"), kind
    return json.loads(body)


def assert_error(data: dict, code: str, status: int) -> None:
    assert set(data) == {"ok", "error", "code", "status"}, data
    assert (data["ok"], data["code"], data["status"]) == (False, code, status), data
    assert isinstance(data["error"], str) and data["error"]


@pytest.fixture(scope="module")
def seed_story(server) -> dict:
    [story] = [s for s in get_json(server + "/api/stories") if s["title"] == SEED_TITLE]
    return story


# --- the REST API --------------------------------------------------------------------------------------------


def test_stories_are_what_the_cli_prints(server, db, seed_story):
    printed = CliRunner().invoke(main, ["stories", "--json", "--db", db])
    assert printed.exit_code == 0, printed.output
    assert get_json(server + "/api/stories") == json.loads(printed.stdout)
    with Store(db) as store:
        outlets = {store.get_article(a).outlet for a in seed_story["articles"]}
    assert seed_story["origins"] == 2 and len(seed_story["articles"]) == 2
    assert seed_story["outlets"] == sorted(outlets) and len(outlets) == 2
    assert seed_story["first_published"] and seed_story["first_published"] <= seed_story["last_published"]


def test_story_report_has_claims_and_quotes_whose_spans_slice_the_texts(server, seed_story):
    data = get_json(f"{server}/api/stories/{seed_story['id']}?with_text=true")
    jsonschema.validate(data, report_schema())
    assert data["schema"] == "newsprism.report/1"
    [story] = data["stories"]
    assert story["id"] == seed_story["id"] and story["title"] == SEED_TITLE
    assert story["claims"] and story["quotes"]
    texts = {a["id"]: a["text"] for a in story["articles"]}
    assert set(texts) == set(seed_story["articles"])
    assert_offsets(story, texts)


def test_story_report_options(server, seed_story):
    url = f"{server}/api/stories/{seed_story['id']}"
    [story] = get_json(url)["stories"]
    assert all("text" not in a for a in story["articles"])
    [short] = get_json(url + "?sentences=1&words=60")["stories"]
    assert 1 <= len(short["summary"]) <= 1
    assert_error(get_json(url + "?sentences=0", status=400), "usage", 400)
    assert_error(get_json(url + "?with_text=perhaps", status=400), "usage", 400)


def test_article_is_its_stored_dict(server, db, seed_story):
    article_id = seed_story["articles"][0]
    with Store(db) as store:
        expected = store.get_article(article_id).to_dict()
    assert get_json(f"{server}/api/articles/{article_id}") == expected


@pytest.mark.parametrize("path, words", [
    ("/api/stories/st0000000000", "No story with id 'st0000000000'"),
    ("/api/articles/h0000000000000", "No article with id 'h0000000000000'"),
    ("/api/nothing/here", "No route GET /api/nothing/here"),
])
def test_unknown_ids_and_routes_are_404_in_the_error_shape(server, path, words):
    data = get_json(server + path, status=404)
    assert_error(data, "not_found", 404)
    assert words in data["error"]


@pytest.mark.parametrize("body, code, words", [
    (b"not json", "broken", "not JSON"),
    (b"[]", "empty", "no articles"),
    (json.dumps({"title": "No body at all"}).encode(), "empty", "no article text"),
    (json.dumps([NEW_ARTICLE, 7]).encode(), "broken", "request body[1]"),
    (json.dumps({"path": "/etc/hostname"}).encode(), "input", "'path'"),
])
def test_bad_post_is_400_naming_the_problem_and_stores_nothing(server, db, body, code, words):
    data = get_json(server + "/api/articles", body, status=400)
    assert_error(data, code, 400)
    assert words in data["error"]
    with Store(db) as store:
        assert store.count_articles() == 2


# --- the pages, in real Chromium -----------------------------------------------------------------------------


def test_index_page_in_chromium_lists_the_story(server, seed_story, tmp_path):
    result = chromium(tmp_path, "--dump-dom", server + "/")
    assert result.returncode == 0, result.stderr[-2000:]
    assert SEED_TITLE in result.stdout
    assert f'href="/stories/{seed_story["id"]}"' in result.stdout


def test_story_page_in_chromium_renders_to_a_legible_screenshot(server, seed_story, tmp_path):
    code, kind, body = call(f"{server}/stories/{seed_story['id']}")
    assert code == 200 and kind.startswith("text/html")
    assert SEED_TITLE in body.decode("utf-8") and '<mark id="' in body.decode("utf-8")  # a span, not the legend
    screenshot(tmp_path, f"{server}/stories/{seed_story['id']}", SCREENSHOT_COPY)


# --- writing (last: it changes the store) --------------------------------------------------------------------


def test_posted_article_is_stored_analysed_and_listed(server, db):
    body = json.dumps(NEW_ARTICLE).encode()
    first = get_json(server + "/api/articles", body)
    assert (first["ok"], first["ingested"], first["analyzed"], first["failed"]) == (True, 1, 1, [])
    [article_id] = first["articles"]
    again = get_json(server + "/api/articles", body)
    assert (again["ingested"], again["unchanged"], again["analyzed"]) == (0, 1, 0), "not idempotent"
    article = get_json(f"{server}/api/articles/{article_id}")
    assert (article["outlet"], article["title"], article["text"]) == ("Veldmark Courier", NEW_ARTICLE["title"],
                                                                      NEW_ARTICLE["text"])
    stories = get_json(server + "/api/stories")
    assert len(stories) == first["stories"] == 2
    [story] = [s for s in stories if article_id in s["articles"]]
    assert story["title"] == NEW_ARTICLE["title"] and story["outlets"] == ["Veldmark Courier"]
    page = call(server + "/")[2].decode("utf-8")
    assert "Veldmark harbour bridge reopens after storm repairs &lt;update&gt; &amp; ferries resume" in page
    assert "<update>" not in page
