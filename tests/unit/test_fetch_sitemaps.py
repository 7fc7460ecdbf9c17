"""Sitemaps (tahqiq.fetch.sitemaps): urlset, sitemapindex, Google News; bounded and safe."""

from __future__ import annotations

import gzip

import pytest

from tahqiq.core.errors import MalformedInputError
from tahqiq.fetch.sitemaps import SitemapEntry, is_sitemap, parse_sitemap

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<!-- generated -->
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc> https://news.test/a.html </loc><lastmod>2026-12-01T10:00:00+03:00</lastmod>
    <image:image><image:loc>https://news.test/a.jpg</image:loc><image:title>img</image:title></image:image>
  </url>
  <url><loc>https://news.test/b.html?x=1&amp;y=2</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url><lastmod>2026-12-01</lastmod></url>
</urlset>"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.test/2026/12/01/fuel.html</loc>
    <news:news>
      <news:publication><news:name>نبض الشارع</news:name><news:language>ar</news:language></news:publication>
      <news:publication_date>2026-12-01T18:00:00+02:00</news:publication_date>
      <news:title>وزارة الطاقة ترفع سعر البنزين</news:title>
    </news:news>
  </url>
</urlset>""".encode()

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.test/sitemap-1.xml.gz</loc><lastmod>2026-12-02</lastmod></sitemap>
  <sitemap><loc>https://news.test/sitemap-news.xml</loc></sitemap>
</sitemapindex>"""


def test_a_urlset_gives_its_pages() -> None:
    entries = parse_sitemap(URLSET)
    assert entries == [
        SitemapEntry("https://news.test/a.html", lastmod="2026-12-01T10:00:00+03:00"),
        SitemapEntry("https://news.test/b.html?x=1&y=2"),
    ]  # the image's loc and title are not pages; no-loc and non-http entries are skipped
    assert entries[0].date == "2026-12-01T10:00:00+03:00"


def test_a_google_news_sitemap_gives_titles_and_publication_dates() -> None:
    (entry,) = parse_sitemap(NEWS)
    assert entry.url == "https://news.test/2026/12/01/fuel.html"
    assert entry.title == "وزارة الطاقة ترفع سعر البنزين"
    assert entry.publication_date == entry.date == "2026-12-01T18:00:00+02:00"
    assert entry.kind == "page"


def test_a_sitemap_index_gives_sitemaps() -> None:
    entries = parse_sitemap(INDEX)
    assert [(e.url, e.kind, e.lastmod) for e in entries] == [
        ("https://news.test/sitemap-1.xml.gz", "sitemap", "2026-12-02"),
        ("https://news.test/sitemap-news.xml", "sitemap", None)]


def test_no_namespace_or_a_prefixed_root_still_reads() -> None:
    bare = b"<urlset><url><loc>http://a.test/1</loc></url></urlset>"
    prefixed = (b'<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">'
                b"<sm:url><sm:loc>http://a.test/2</sm:loc></sm:url></sm:urlset>")
    assert [e.url for e in parse_sitemap(bare)] == ["http://a.test/1"]
    assert [e.url for e in parse_sitemap(prefixed)] == ["http://a.test/2"]


def test_entries_are_bounded() -> None:
    many = b"<urlset>" + b"".join(b"<url><loc>http://a.test/%d</loc></url>" % n
                                   for n in range(1000)) + b"<broken"
    entries = parse_sitemap(many, max_entries=10)  # stops before the broken tail
    assert len(entries) == 10 and entries[-1].url == "http://a.test/9"
    long_url = b"<urlset><url><loc>http://a.test/" + b"x" * 3000 + b"</loc></url></urlset>"
    assert parse_sitemap(long_url) == []


def test_gzip_sitemaps_are_read_and_bounded() -> None:
    assert parse_sitemap(gzip.compress(NEWS))[0].title
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(MalformedInputError, match="larger than 1,000,000 bytes"):
        parse_sitemap(bomb, max_bytes=1_000_000)
    with pytest.raises(MalformedInputError, match="gzip"):
        parse_sitemap(b"\x1f\x8b" + b"not gzip at all")


@pytest.mark.parametrize("body", [
    # billion laughs
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    b"<urlset><url><loc>http://a.test/&lol2;</loc></url></urlset>",
    # an external entity
    b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<urlset><url><loc>&xxe;</loc></url></urlset>",
    # an external DTD
    b'<!DOCTYPE urlset SYSTEM "http://evil.test/x.dtd"><urlset></urlset>',
])
def test_dtds_and_entities_are_refused(body: bytes) -> None:
    with pytest.raises(MalformedInputError, match="document type or entity"):
        parse_sitemap(body)


def test_broken_xml_and_other_documents_are_refused() -> None:
    with pytest.raises(MalformedInputError, match="not well-formed"):
        parse_sitemap(b"<urlset><url><loc>http://a.test/</url>")
    with pytest.raises(MalformedInputError, match="not a sitemap"):
        parse_sitemap(b"<rss><channel><item><link>http://a.test/</link></item></channel></rss>")


def test_is_sitemap_sniffs_the_first_element() -> None:
    assert is_sitemap(URLSET) and is_sitemap(NEWS) and is_sitemap(INDEX)
    assert is_sitemap(gzip.compress(INDEX))
    assert is_sitemap(b"\xef\xbb\xbf<sm:urlset xmlns:sm='x'/>")
    assert not is_sitemap(b"<?xml version='1.0'?><rss><channel><!-- <urlset> --></channel></rss>")
    assert not is_sitemap(b"<!-- <urlset> --><feed xmlns='http://www.w3.org/2005/Atom'/>")
    assert not is_sitemap(b"<html><body>urlset</body></html>")
    assert not is_sitemap(b"") and not is_sitemap(b"\x1f\x8b broken")
