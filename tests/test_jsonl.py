"""The JSON/JSONL reader: key aliases, extras, manifests, bad lines."""

from __future__ import annotations

import json

from newsprism.errors import BrokenInput, InputError
from newsprism.ingest import Input, read_input


def results(path):
    return list(read_input(Input(path)))


def test_key_aliases_and_extra(write):
    line = {
        "body": "The harbour authority closed the north pier after the storm.",
        "headline": "North pier closed",
        "link": "https://www.harbourtimes.example/news/pier?utm_source=x#top",
        "site": "Harbour Times",
        "pubDate": "Tue, 04 Mar 2031 09:15:00 +0100",
        "author": ["Ana Ruiz", "Tom Li"],
        "section": "Local",
    }
    (article,) = results(write("a.jsonl", json.dumps(line) + "\n"))
    assert article.title == "North pier closed"
    assert article.url == "https://www.harbourtimes.example/news/pier"
    assert article.outlet == "Harbour Times"
    assert article.published.isoformat() == "2031-03-04T09:15:00+01:00"
    assert article.published_source == "metadata"
    assert article.author == "Ana Ruiz, Tom Li"
    assert article.extra["section"] == "Local" and article.extra["record"] == "line 1"
    assert article.id.startswith("u")


def test_outlet_falls_back_to_the_url_domain(write):
    (article,) = results(write("a.json", json.dumps({"text": "Body text of a report.", "url": "https://edition.cnn.com/x"})))
    assert article.outlet == "CNN"


def test_array_of_objects(write):
    docs = [{"text": f"Report number {i} about the flood."} for i in range(3)]
    assert len(results(write("many.json", json.dumps(docs)))) == 3


def test_bad_lines_are_located_and_the_rest_go_on(write):
    lines = [
        json.dumps({"text": "First good report about the vote."}),
        '{"text": "broken',
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": ""}),
        json.dumps({"text": "Second good report about the vote."}),
    ]
    out = results(write("mixed.jsonl", "\n".join(lines)))
    good = [r for r in out if not isinstance(r, InputError)]
    bad = [r for r in out if isinstance(r, InputError)]
    assert [a.text for a in good] == ["First good report about the vote.", "Second good report about the vote."]
    assert [e.where.rsplit(":", 1)[1] for e in bad] == ["line 2", "line 3", "line 4"]
    assert isinstance(bad[0], BrokenInput) and "invalid JSON" in bad[0].reason
    assert bad[2].code == "empty"


def test_manifest_overrides_a_files_metadata(write):
    write("reports/cnn.txt", "Updated Jan 2, 2030 - World\n\nLeaders met in Vaduz on Thursday.")
    manifest = write("reports/manifest.jsonl", json.dumps({"path": "cnn.txt", "outlet": "CNN", "title": "Leaders meet"}))
    (article,) = results(manifest)
    assert article.outlet == "CNN" and article.title == "Leaders meet"
    assert article.text == "Leaders met in Vaduz on Thursday."
    assert article.published_source == "dateline"
    assert article.source_path.endswith("cnn.txt")


def test_unparseable_date_is_kept(write):
    (article,) = results(write("a.jsonl", json.dumps({"text": "A report.", "date": "sometime soon"})))
    assert article.published is None and article.extra["published_unparsed"] == "sometime soon"
