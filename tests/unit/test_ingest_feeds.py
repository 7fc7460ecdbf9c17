"""RSS and Atom feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tahqiq.ingest import read_file
from tahqiq.types import IngestFailure, RawDocument

MB = 1024 * 1024

RSS = """<?xml version="1.0" encoding="{enc}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>أخبار المدينة</title><link>https://city.example</link>
<atom:link href="https://city.example/rss" rel="self"/>
<item><title>افتتاح الجسر الجديد</title><link>https://www.city.example/a/1</link>
<description>&lt;p&gt;افتتح المحافظ &lt;b&gt;الجسر&lt;/b&gt; الجديد.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
<pubDate>Mon, 06 May 2024 10:00:00 +0300</pubDate></item>
<item><title>انقطاع المياه</title><guid>https://other.example/2</guid>
<description>ملخص قصير</description>
<content:encoded><![CDATA[<p>تنقطع المياه غدا عن أحياء عدة.</p><script>alert(2)</script><style>p{{}}</style><p>بسبب&nbsp;الصيانة.</p>]]></content:encoded>
<dc:date>2024-05-07</dc:date><source url="https://agency.example">وكالة الأنباء</source></item>
<item><title>بلا نص</title></item>
</channel></rss>
"""

ATOM = """<feed xmlns="http://www.w3.org/2005/Atom">
<title type="html">&lt;b&gt;موقع&lt;/b&gt; الأخبار</title>
<entry><title>مدخل أول</title><link rel="self" href="https://atom.example/self"/>
<link rel="alternate" href="https://atom.example/e1"/>
<published>2024-05-01T10:00:00Z</published><updated>2024-05-03</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>نص المدخل الأول</p><script>alert(3)</script></div></content></entry>
<entry><title type="html">&lt;i&gt;مدخل&lt;/i&gt; ثان</title><link href="https://www.second.example/e2"/>
<updated>2024-05-02</updated><summary type="html">&lt;p&gt;ملخص &amp;amp; تفاصيل&lt;/p&gt;</summary>
<source><title>مصدر أصلي</title></source></entry>
</feed>
"""


def _read(tmp_path: Path, name: str, data: str | bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return list(read_file(path, max_bytes=MB))


@pytest.mark.parametrize("enc", ["utf-8", "windows-1256"])
def test_rss_items(tmp_path: Path, enc: str) -> None:
    content = RSS.format(enc=enc)
    data = content.encode("cp1256") if enc == "windows-1256" else content.encode()
    first, second, failure = _read(tmp_path, "feed.rss", data)
    assert first == RawDocument(
        text="افتتح المحافظ الجسر الجديد.",
        fmt="rss",
        title="افتتاح الجسر الجديد",
        url="https://www.city.example/a/1",
        source="أخبار المدينة",
        source_path=str(tmp_path / "feed.rss"),
        published="Mon, 06 May 2024 10:00:00 +0300",
        record=0,
    )
    assert second.text == "تنقطع المياه غدا عن أحياء عدة.\n\nبسبب الصيانة."  # content wins
    assert (second.url, second.source, second.published, second.record) == (
        "https://other.example/2",
        "وكالة الأنباء",
        "2024-05-07",
        1,
    )
    assert failure == IngestFailure(
        str(tmp_path / "feed.rss"), "item 3 has no text (no content or description)"
    )
    for doc in (first, second):
        assert "alert" not in doc.text and "{" not in doc.text


def test_atom_entries(tmp_path: Path) -> None:
    first, second = _read(tmp_path, "feed.atom", ATOM)
    assert (first.fmt, first.title, first.text, first.url, first.source, first.published) == (
        "atom",
        "مدخل أول",
        "نص المدخل الأول",
        "https://atom.example/e1",
        "موقع الأخبار",
        "2024-05-01T10:00:00Z",
    )
    assert (second.title, second.text, second.source, second.published, second.record) == (
        "مدخل ثان",
        "ملخص & تفاصيل",
        "مصدر أصلي",
        "2024-05-02",
        1,
    )


def test_item_without_source_or_channel_title_uses_link_domain(tmp_path: Path) -> None:
    feed = (
        "<rss><channel><item><link>https://m.daily.example/x</link>"
        "<description>نص الخبر</description></item></channel></rss>"
    )
    [doc] = _read(tmp_path, "a.xml", feed)
    assert doc.source == "daily.example"


def test_html_entities_in_feed_are_tolerated(tmp_path: Path) -> None:
    feed = (
        "<rss><channel><item><description>نص&nbsp;الخبر &copy;</description></item></channel></rss>"
    )
    [doc] = _read(tmp_path, "a.rss", feed)
    assert doc.text == "نص الخبر ©"


def test_rss_1_rdf(tmp_path: Path) -> None:
    feed = """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><channel><title>قناة</title></channel>
      <item><title>خبر</title><link>https://r.example/1</link><description>نص</description></item>
      </rdf:RDF>"""
    [doc] = _read(tmp_path, "a.rss", feed)
    assert (doc.fmt, doc.title, doc.text, doc.source) == ("rss", "خبر", "نص", "قناة")


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("<html><body><p>صفحة</p></body></html>", "not an RSS or Atom feed"),
        ("<rss><channel><item><title>x</item></channel></rss>", "invalid XML: Opening and ending"),
        ("<rss><channel><title>فارغ</title></channel></rss>", "RSS feed has no items"),
        ("not xml at all", "invalid XML"),
    ],
)
def test_feed_failures(tmp_path: Path, content: str, error: str) -> None:
    [failure] = _read(tmp_path, "a.xml", content)
    assert isinstance(failure, IngestFailure)
    assert failure.error.startswith(error)
    assert "\n" not in failure.error


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><item><description>نص &x;</description></item></channel></rss>"
    )
    items = _read(tmp_path, "a.rss", feed)
    assert all("TOP-SECRET" not in getattr(i, "text", "") for i in items)


def test_entity_expansion_bomb_is_refused_quickly(tmp_path: Path) -> None:
    levels = ['<!ENTITY a "aaaaaaaaaa">'] + [
        f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefg", "bcdefgh", strict=True)
    ]
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(levels)}]>'
        "<rss><channel><item><description>نص &h;</description></item></channel></rss>"
    )
    items = _read(tmp_path, "bomb.rss", feed)
    assert all(len(getattr(i, "text", "")) < 100 for i in items)
