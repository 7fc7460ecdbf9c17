"""What a desk that watches the news keeps in the store: feeds, captures, failures.

- :class:`FeedTable`: the feeds (RSS, Atom, sitemaps) a desk follows, with the
  validators of their last answer (for conditional GET) and how their last poll went.
- :class:`CaptureTable`: where every fetched response is archived (a record of a
  WARC file beside the database), and the document it became, if any.
- Failed fetches are recorded with their reason (:meth:`CaptureTable.record_failure`),
  so one failing feed never hides in a long round.

Both read and write through :class:`~tahqiq.store.Store`'s public methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.clock import utc_now
from ..core.errors import NotFoundError
from ..core.types import Capture, FetchFailure

if TYPE_CHECKING:  # pragma: no cover
    from .sqlite import Store

_CAPTURE_COLUMNS = ("c.url, c.final_url, c.fetched_at, c.status, c.content_type, c.sha256,"
                    " c.warc_file, c.warc_offset, c.warc_length")


#: The time now, ISO-8601 UTC to the second.
now = utc_now


@dataclass(frozen=True, slots=True)
class Feed:
    """One followed feed and how its last poll went."""

    id: int
    url: str
    outlet: str | None
    added_at: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None
    last_ok: str | None = None
    last_error: str | None = None
    failures: int = 0

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {f: getattr(self, f) for f in self.__slots__}


class FeedTable:
    """The feeds of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, url: str, outlet: str | None = None) -> tuple[Feed, bool]:
        """Follow ``url``; returns the feed and whether it is new (an outlet given for a
        feed already followed replaces the old one)."""
        with self.store.write() as conn:
            cur = conn.execute("INSERT OR IGNORE INTO feeds (url, outlet, added_at) VALUES (?, ?, ?)",
                               (url, outlet, now()))
            added = cur.rowcount == 1
            if not added and outlet:
                conn.execute("UPDATE feeds SET outlet = ? WHERE url = ?", (outlet, url))
        return self.get(url), added

    def remove(self, key: str) -> Feed:
        """Stop following the feed with this URL or id; returns it."""
        feed = self.get(key)
        with self.store.write() as conn:
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed.id,))
        return feed

    def get(self, key: str) -> Feed:
        """The feed with this URL or id (:class:`NotFoundError` if none)."""
        rows = self.store.query("SELECT * FROM feeds WHERE url = ? OR CAST(id AS TEXT) = ?",
                                (key, key))
        if not rows:
            raise NotFoundError(f"no feed {key!r} is followed: see 'tahqiq feeds list'")
        return _feed(rows[0])

    def all(self) -> list[Feed]:
        """Every followed feed, oldest first."""
        return [_feed(r) for r in self.store.query("SELECT * FROM feeds ORDER BY id")]

    def record_poll(self, feed: Feed, *, error: str | None = None, etag: str | None = None,
                    last_modified: str | None = None) -> None:
        """Record one poll of ``feed``: its new validators when it answered, else the error."""
        at = now()
        with self.store.write() as conn:
            if error is None:
                conn.execute("UPDATE feeds SET last_polled = ?, last_ok = ?, last_error = NULL,"
                             " failures = 0, etag = coalesce(?, etag),"
                             " last_modified = coalesce(?, last_modified) WHERE id = ?",
                             (at, at, etag, last_modified, feed.id))
            else:
                conn.execute("UPDATE feeds SET last_polled = ?, last_error = ?,"
                             " failures = failures + 1 WHERE id = ?", (at, error, feed.id))


class CaptureTable:
    """The archived responses of one store, and the fetches that failed."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, capture: Capture, requested_url: str, doc_rowid: int | None = None) -> int:
        """Record where a response is archived (and the document it became); its id."""
        with self.store.write() as conn:
            cur = conn.execute(
                "INSERT INTO captures (url, final_url, fetched_at, status, content_type, sha256,"
                " warc_file, warc_offset, warc_length, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (requested_url, capture.url, capture.fetched_at, capture.status,
                 capture.content_type, capture.sha256, capture.warc_file, capture.offset,
                 capture.length, doc_rowid))
            return int(cur.lastrowid or 0)

    def attach(self, capture_id: int, doc_id: str) -> None:
        """Say that the capture ``capture_id`` became the stored document ``doc_id``."""
        with self.store.write() as conn:
            conn.execute("UPDATE captures SET doc = (SELECT rowid FROM documents WHERE doc_id = ?)"
                         " WHERE id = ?", (doc_id, capture_id))

    def seen(self, urls: Sequence[str]) -> set[str]:
        """Those of ``urls`` fetched before with an answer (as asked or as redirected to)."""
        found = self.store.query_in("SELECT url FROM captures WHERE status < 400 AND url IN ({marks})",
                                    list(urls))
        found += self.store.query_in("SELECT final_url FROM captures WHERE status < 400"
                                     " AND final_url IN ({marks})", list(urls))
        return {row[0] for row in found}

    def of_document(self, doc_id: str) -> list[Capture]:
        """The captures a stored document came from, oldest first."""
        rows = self.store.query(
            f"SELECT {_CAPTURE_COLUMNS} FROM captures AS c JOIN documents AS d ON d.rowid = c.doc"
            " WHERE d.doc_id = ? ORDER BY c.fetched_at, c.id", (doc_id,))
        return [_capture(r) for r in rows]

    def of_documents(self, doc_ids: Iterable[str]) -> dict[str, list[Capture]]:
        """:meth:`of_document` for many documents at once (documents without any left out)."""
        rows = self.store.query_in(
            f"SELECT d.doc_id, {_CAPTURE_COLUMNS} FROM captures AS c"
            " JOIN documents AS d ON d.rowid = c.doc WHERE d.doc_id IN ({marks})", list(doc_ids))
        out: dict[str, list[Capture]] = {}
        for row in sorted(rows, key=lambda r: (r[3], r[0])):
            out.setdefault(row[0], []).append(_capture(row[1:]))
        return out

    def versions(self, doc_id: str) -> list[tuple[str, str, str]]:
        """Every stored version of the page(s) ``doc_id`` was fetched from: ``(doc_id,
        first fetched at, final URL)`` of each document captured at one of its URLs, in
        the order they were first read.  A page fetched again with other words is a new
        document beside the old one: its revision."""
        urls = [row[0] for row in self.store.query(
            "SELECT DISTINCT c.final_url FROM captures AS c JOIN documents AS d ON d.rowid = c.doc"
            " WHERE d.doc_id = ?", (doc_id,))]
        rows = self.store.query_in(
            "SELECT d.doc_id, min(c.fetched_at), c.final_url, min(c.id) FROM captures AS c"
            " JOIN documents AS d ON d.rowid = c.doc WHERE c.final_url IN ({marks})"
            " GROUP BY d.doc_id, c.final_url", urls)
        return [(r[0], r[1], r[2]) for r in sorted(rows, key=lambda r: r[3])]  # in fetch order

    def due_again(self, first_after: str, last_before: str, limit: int) -> list[tuple[str, str]]:
        """Pages first read after ``first_after`` and last read by ``last_before``: the
        ones to read again for edits, least recently read first, at most ``limit``; each
        as ``(final URL, the doc_id it was last read as)``."""
        rows = self.store.query(
            "SELECT c.final_url, d.doc_id, max(c.fetched_at) FROM captures AS c"
            " JOIN documents AS d ON d.rowid = c.doc WHERE c.status = 200 GROUP BY c.final_url"
            " HAVING min(c.fetched_at) > ? AND max(c.fetched_at) <= ?"
            " ORDER BY max(c.fetched_at) LIMIT ?", (first_after, last_before, limit))
        return [(row[0], row[1]) for row in rows]

    def later_versions(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """For each of ``doc_ids`` whose page was read again with other words since, the
        newest version: ``(doc_id, first read at)``."""
        out = {}
        for doc_id in doc_ids:
            versions = self.versions(doc_id)
            order = [v[0] for v in versions]
            if doc_id in order and order.index(doc_id) < len(order) - 1:
                out[doc_id] = versions[-1][:2]
        return out

    def all(self) -> list[Capture]:
        """Every capture, oldest first."""
        return [_capture(r) for r in self.store.query(
            f"SELECT {_CAPTURE_COLUMNS} FROM captures AS c ORDER BY c.fetched_at, c.id")]

    def record_failure(self, failure: FetchFailure, feed: Feed | None = None) -> None:
        """Keep a failed fetch and its reason."""
        with self.store.write() as conn:
            conn.execute("INSERT INTO fetch_failures (url, at, status, reason, feed)"
                         " VALUES (?, ?, ?, ?, ?)",
                         (failure.url, failure.at, failure.status, failure.reason,
                          feed.id if feed else None))

    def failures(self, limit: int = 100) -> list[FetchFailure]:
        """The latest failed fetches, newest first."""
        rows = self.store.query("SELECT url, reason, at, status FROM fetch_failures"
                                " ORDER BY id DESC LIMIT ?", (limit,))
        return [FetchFailure(url, reason, at, status) for url, reason, at, status in rows]


def _feed(row: Sequence[Any]) -> Feed:
    return Feed(*row)


def _capture(row: Sequence[Any]) -> Capture:
    url, final_url, fetched_at, status, content_type, sha256, warc_file, offset, length = row
    return Capture(final_url, fetched_at, int(status), sha256, warc_file, int(offset), int(length),
                   content_type or "")


__all__ = ["CaptureTable", "Feed", "FeedTable", "now"]
