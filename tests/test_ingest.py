"""Batch ingest through the real CLI: bad inputs are reported and skipped, nothing is lost or doubled."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys

import pytest

from conftest import AXIOS_SEED, CNN_SEED, SEEDS
from newsprism import Store, ingest
from newsprism.errors import DecodeError, UnsupportedFormat, UsageError

GOOD_HTML = b"""<!doctype html><html><head><meta charset="utf-8"><title>Dam holds after record rain</title>
<meta property="og:site_name" content="Valley Courier"></head><body><article>
<h1>Dam holds after record rain</h1>
<p>The Kessel dam held overnight after the heaviest rain in forty years, the water board said on Sunday.</p>
<p>Engineers opened two spillways to lower the reservoir, and about 300 residents downstream were told to
stay alert while the water level fell slowly through the morning.</p>
<p>"The structure behaved exactly as designed," the board's chief engineer told reporters at the site.</p>
</article></body></html>"""


def _warc(records: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for i in range(records):
        body = GOOD_HTML.replace(b"Kessel", f"Kessel{i}".encode())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(f"https://courier.example/dam-{i}", "response", payload=io.BytesIO(body), http_headers=headers)
        )
    return out.getvalue()


def make_batch(write) -> str:
    """Ten inputs: four good, one duplicate body, and one of each kind of bad input."""
    write("batch/good.txt", "Updated Jan 9, 2031 - World\n\nFloodwater receded from the old town on Friday, officials said.")
    write("batch/good.html", GOOD_HTML)
    write("batch/good.jsonl", json.dumps({"text": "The ferry service resumed on Saturday after the strike.", "outlet": "Harbour Times"})
          + "\n{not json\n")
    write("batch/copy.json", json.dumps({"text": "Floodwater receded from the old town on Friday, officials said.",
                                         "url": "https://wire.example/flood"}))
    write("batch/empty.txt", "")
    write("batch/junk.txt", bytes(range(256)) * 20)
    write("batch/broken.html", b"<html><body><div><p>\x00\x00\xff\xfe<<<</p")
    write("batch/truncated.txt.gz", gzip.compress(b"Some text " * 200)[:60])
    write("batch/cut.warc.gz", _warc(3)[:-200])
    write("batch/latin1.txt", "Crues à Besançon : la préfecture a rouvert les routes jeudi soir.".encode("latin-1"))
    return os.path.join(os.path.dirname(write("batch/.keep", "")), "")


def run_cli(*args, env_db=None, cwd=None):
    env = {**os.environ, "NEWSPRISM_DB": env_db} if env_db else dict(os.environ)
    return subprocess.run([sys.executable, "-m", "newsprism", *args], capture_output=True, text=True, env=env,
                          timeout=600, cwd=cwd)


def test_batch_reports_each_bad_input_and_keeps_the_rest(write, tmp_path):
    batch = make_batch(write)
    db = str(tmp_path / "n.db")
    result = run_cli("ingest", batch, "--db", db)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    summary = lines[-1]
    problems = "\n".join(lines[:-1])
    for name in ("good.jsonl:line 2", "junk.txt", "broken.html", "truncated.txt.gz", "cut.warc.gz", "empty.txt"):
        assert name in problems, (name, problems)
    assert "Skipped: Can't ingest" in problems and "empty.txt" in problems
    with Store(db) as store:
        stored = {a.source_path.rsplit("/", 1)[1]: a for a in store.articles()}
        assert {"good.txt", "good.html", "good.jsonl", "copy.json", "latin1.txt", "cut.warc.gz"} <= set(stored)
        # copy.json sorts before good.txt, so it is stored first and good.txt is the duplicate
        assert stored["good.txt"].duplicate_of == stored["copy.json"].id
        assert "Besançon" in stored["latin1.txt"].text
        warc_urls = sorted(a.url for a in store.articles() if a.source_path.endswith("cut.warc.gz"))
        assert warc_urls == ["https://courier.example/dam-0", "https://courier.example/dam-1"]
    assert summary == "6 ingested, 1 duplicate, 1 skipped (empty 1), 5 failed"


def test_rerunning_the_same_ingest_changes_nothing(write, tmp_path):
    batch = make_batch(write)
    db = str(tmp_path / "n.db")
    run_cli("ingest", batch, "--db", db)
    with Store(db) as store:
        before = [a.to_dict() for a in store.articles()]
    again = run_cli("ingest", batch, "--db", db)
    assert again.stderr.strip().splitlines()[-1] == "0 ingested, 7 unchanged, 1 skipped (empty 1), 5 failed"
    with Store(db) as store:
        assert [a.to_dict() for a in store.articles()] == before


def test_seeds_through_the_cli_and_nenwsprism_db_env(tmp_path):
    db = str(tmp_path / "env.db")
    result = run_cli("ingest", str(SEEDS), env_db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("2 ingested, 0 failed")
    listed = json.loads(run_cli("articles", "--json", env_db=db).stdout)
    by_path = {os.path.basename(a["source_path"]): a for a in listed}
    axios = by_path[AXIOS_SEED.name]
    assert axios["title"] == "Xi and Putin hold first meeting since Ukraine invasion began"
    assert axios["published"].startswith("2022-09-15")
    assert set(axios) >= {"id", "outlet", "url", "title", "author", "published", "published_source", "language",
                          "text", "source_path", "content_hash", "duplicate_of", "partial", "extra"}
    assert by_path[CNN_SEED.name]["text"].startswith("Chinese leader Xi Jinping is meeting")


def test_globs_and_missing_paths(write, tmp_path):
    write("g/a.txt", "The first report on the harbour fire, from the port.")
    write("g/b.txt", "The second report on the harbour fire, from the city.")
    db = str(tmp_path / "n.db")
    result = run_cli("ingest", str(tmp_path / "g" / "*.txt"), "--db", db)
    assert result.returncode == 0 and "2 ingested" in result.stderr
    missing = run_cli("ingest", str(tmp_path / "nope.txt"), "--db", db)
    assert missing.returncode == 2 and missing.stderr.startswith("Error: No such file")


def test_format_override(write, store):
    path = write("page.data", GOOD_HTML)
    report = ingest([path], store, fmt="html")
    assert report.counts["ingested"] == 1
    assert "Kessel dam held" in next(store.articles()).text


def test_unknown_extension_is_sniffed(write, store):
    ingest([write("wire.dat", b"<html><body><article><p>" + b"The wire report says the talks ended. " * 5 + b"</p></article></body></html>")], store)
    assert store.count_articles() == 1


def test_strict_mode_raises(write, store):
    with pytest.raises(DecodeError):
        ingest([write("junk.txt", bytes(range(256)))], store, strict=True)
    with pytest.raises(UnsupportedFormat, match="gzip-compressed input is supported only for WARC"):
        ingest([write("a.txt.gz", gzip.compress(b"hello there"))], store, strict=True)
    with pytest.raises(UsageError):
        ingest([write("a.txt", "Some report text.")], store, fmt="pdf", strict=True)


def test_help_lists_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "ingest" in result.stdout and "articles" in result.stdout
