"""Feeds, captures and failed fetches in the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tahqiq.core.errors import NotFoundError
from tahqiq.core.types import Capture, FetchFailure
from tahqiq.store import Store
from tahqiq.store.fetching import CaptureTable, FeedTable


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "desk.db") as opened:
        yield opened


def test_a_feed_is_followed_once_polled_and_removed(store: Store) -> None:
    feeds = FeedTable(store)
    feed, added = feeds.add("https://a.example/rss", "الراصد")
    assert added and feed.outlet == "الراصد" and feed.failures == 0
    again, added = feeds.add("https://a.example/rss")
    assert not added and again.id == feed.id and again.outlet == "الراصد"
    feeds.record_poll(feed, error="timed out")
    feeds.record_poll(feed, error="timed out")
    assert feeds.get(str(feed.id)).failures == 2
    feeds.record_poll(feed, etag='"v2"', last_modified="Sun, 06 Dec 2026 03:00:00 GMT")
    polled = feeds.get("https://a.example/rss")
    assert polled.failures == 0 and polled.last_error is None and polled.etag == '"v2"'
    assert [f.url for f in feeds.all()] == ["https://a.example/rss"]
    assert feeds.remove(str(feed.id)).url == feed.url and feeds.all() == []
    with pytest.raises(NotFoundError, match="feeds list"):
        feeds.remove("https://a.example/rss")


def test_captures_are_found_by_url_and_by_document(store: Store) -> None:
    from _doc_factory import make_doc

    store.add_documents([make_doc("أعلنت الوزارة اليوم افتتاح مستشفى جديد في المدينة الساحلية.")])
    doc_id = store.list_documents()[0]["doc_id"]
    captures = CaptureTable(store)
    first = Capture("https://a.example/news/1", "2026-12-06T03:00:00+00:00", 200, "ab" * 32,
                    "tahqiq-1.warc.gz", 0, 900, "text/html")
    later = Capture("https://a.example/news/1", "2026-12-06T04:00:00+00:00", 200, "cd" * 32,
                    "tahqiq-1.warc.gz", 900, 950, "text/html")
    cid = captures.add(first, "https://a.example/n/1")
    captures.attach(cid, doc_id)
    captures.add(later, "https://a.example/news/1", None)
    assert captures.seen(["https://a.example/n/1", "https://a.example/news/1", "https://x.example/"]) \
        == {"https://a.example/n/1", "https://a.example/news/1"}
    assert captures.of_document(doc_id) == [first]
    assert captures.of_documents([doc_id, "0" * 16]) == {doc_id: [first]}
    assert captures.all() == [first, later]


def test_failures_are_kept_newest_first(store: Store) -> None:
    captures = CaptureTable(store)
    captures.record_failure(FetchFailure("https://a.example/1", "timed out", "2026-12-06T03:00:00+00:00"))
    captures.record_failure(FetchFailure("https://a.example/2", "HTTP 404", "2026-12-06T03:01:00+00:00", 404))
    assert [f.reason for f in captures.failures()] == ["HTTP 404", "timed out"]
