"""RSS and Atom: full content vs summaries, offsets kept, a broken entry among good ones."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newsprism.errors import BrokenInput, InputError
from newsprism.ingest import Input, read_input

RSS = """<?xml version="1.0" encoding="{enc}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Valley Courier</title><link>https://courier.example/</link><language>en-gb</language>
<item><title>Dam holds after record rain</title><link>https://courier.example/dam?utm_source=rss</link>
<guid>dam-1</guid><pubDate>Sun, 09 Mar 2031 07:30:00 +0100</pubDate><category>Weather</category>
<description>Short summary of the dam story.</description>
<content:encoded><![CDATA[<p>The Kessel dam held overnight after the heaviest rain in forty years.</p><p>About 300 residents were told to stay alert.</p>]]></content:encoded></item>
<item><title>Ferry strike ends</title><link>https://courier.example/ferry</link>
<pubDate>Mon, 10 Mar 2031 12:00:00 GMT</pubDate><description>Workers at the {word} ferry voted to return.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Times</title>
<entry><title>Crane collapses at port</title><link href="https://harbour.example/crane"/><id>tag:h,1</id>
<published>2031-04-01T22:15:00-05:00</published><updated>2031-04-02T08:00:00-05:00</updated>
<author><name>Ana Ruiz</name></author>
<content type="html">&lt;p&gt;A crane collapsed at the container port on Tuesday night.&lt;/p&gt;&lt;p&gt;No one was hurt, the port said.&lt;/p&gt;</content></entry>
<entry><title>Empty one</title><link href="https://harbour.example/empty"/><id>tag:h,2</id><updated>2031-04-02T09:00:00Z</updated></entry>
</feed>"""


def results(path):
    return list(read_input(Input(path)))


def test_rss_full_content_and_summary_only(write):
    dam, ferry = results(write("courier.rss", RSS.format(enc="utf-8", word="north")))
    assert dam.text == "The Kessel dam held overnight after the heaviest rain in forty years.\n\nAbout 300 residents were told to stay alert."
    assert not dam.partial and ferry.partial
    assert dam.url == "https://courier.example/dam" and dam.outlet == "Valley Courier"
    assert dam.published.isoformat() == "2031-03-09T07:30:00+01:00" and dam.published_source == "feed"
    assert dam.extra["tags"] == ["Weather"] and dam.extra["record"] == "entry 1"
    assert dam.language == "en"
    assert ferry.text == "Workers at the north ferry voted to return."


def test_atom_offsets_authors_and_an_empty_entry(write):
    out = results(write("harbour.atom", ATOM))
    crane = out[0]
    assert crane.published.isoformat() == "2031-04-01T22:15:00-05:00"
    assert crane.published.utcoffset() == timedelta(hours=-5)
    assert crane.author == "Ana Ruiz" and crane.outlet == "Harbour Times"
    assert crane.text.startswith("A crane collapsed") and "\n\n" in crane.text
    assert isinstance(out[1], InputError) and out[1].code == "empty" and out[1].where.endswith("#entry 2") or out[1].where.endswith(":entry 2")


def test_declared_non_utf8_encoding(write):
    xml = RSS.format(enc="iso-8859-1", word="Besançon").encode("latin-1")
    _, ferry = results(write("fr.rss", xml))
    assert "Besançon" in ferry.text


def test_xml_that_is_not_a_feed(write):
    with pytest.raises(Exception) as info:
        results(write("data.xml", "<?xml version='1.0'?><inventory><item>bolt</item></inventory>"))
    assert "not an RSS or Atom feed" in str(info.value)


def test_garbage_feed(write):
    with pytest.raises(BrokenInput, match="not a readable RSS or Atom feed"):
        results(write("broken.rss", "<rss><channel><title>x</title><item><title>unclosed"))
