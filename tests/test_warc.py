"""WARC archives: HTML responses become articles, other records are passed over, truncation is reported."""

from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.errors import BrokenInput, InputError
from newsprism.ingest import Input, read_input

PAGE = """<html><head><title>{title}</title></head><body><article><p>{body}</p>
<p>Officials said the inquiry would report its findings within three months, and that all witnesses had agreed to testify.</p>
</article></body></html>"""


def build(gzip: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    pages = [("Bridge inquiry opens", "An inquiry into the collapse of the Aldor bridge opened on Monday in the city hall."),
             ("Bridge inquiry hears engineers", "Two engineers told the Aldor bridge inquiry that cracks were reported in 2029.")]
    for i, (title, body) in enumerate(pages):
        uri = f"https://gazette.example/bridge-{i}"
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        html = PAGE.format(title=title, body=body).encode()
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(html), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": f"2031-02-0{i + 1}T10:00:00Z"})
        writer.write_record(record)
    image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://gazette.example/a.png", "response",
                                                  payload=io.BytesIO(b"\x89PNG....."), http_headers=image))
    return out.getvalue()


@pytest.mark.parametrize("gzip, name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_html_responses_become_articles(write, gzip, name):
    out = list(read_input(Input(write(name, build(gzip)))))
    assert [a.url for a in out] == ["https://gazette.example/bridge-0", "https://gazette.example/bridge-1"]
    first = out[0]
    assert first.published.isoformat() == "2031-02-01T10:00:00+00:00" and first.published_source == "warc"
    assert first.outlet == "gazette.example" and first.title == "Bridge inquiry opens"
    assert first.extra["record"] == "record 2" and first.extra["warc_record_id"].startswith("<urn:uuid:")


@pytest.mark.parametrize("gzip", [True, False])
def test_truncated_archive_keeps_the_good_records(write, gzip):
    data = build(gzip)
    cut = data[: data.index(b"bridge-1", data.index(b"bridge-1") + 10) + 300] if not gzip else data[:-700]
    out = list(read_input(Input(write("cut.warc.gz" if gzip else "cut.warc", cut))))
    articles = [r for r in out if not isinstance(r, InputError)]
    errors = [r for r in out if isinstance(r, InputError)]
    assert articles and articles[0].url == "https://gazette.example/bridge-0"
    assert len(errors) == 1 and isinstance(errors[0], BrokenInput) and "truncated" in errors[0].reason
    assert errors[0].where.endswith(".warc.gz" if gzip else ".warc")


def test_junk_with_a_warc_extension(write):
    with pytest.raises(BrokenInput, match="not a readable WARC archive"):
        list(read_input(Input(write("junk.warc", b"this is not an archive at all\n" * 20))))
