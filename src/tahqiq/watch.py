"""A desk that watches the news: fetch pages and feeds, archive every answer, ingest what is new.

:class:`Watcher` joins the guarded fetcher (:mod:`tahqiq.fetch`), the WARC archive
beside the database and a :class:`~tahqiq.corpus.Corpus`:

- :meth:`Watcher.fetch_urls` fetches pages or feeds now (``tahqiq fetch``);
- :meth:`Watcher.poll` runs one round over the followed feeds (``tahqiq watch``):
  each feed is fetched conditionally (ETag, Last-Modified), its items whose pages
  were never fetched are fetched, archived and ingested, then the new articles are
  linked and put into stories, and every watched claim is checked against them
  (:class:`~tahqiq.watchlist.ClaimWatch`): a changed verdict or a new independent
  report is an event of the round.

Every response is archived before it is read, and every failure is recorded with its
reason; one failing feed or page never stops a round.  A feed's new items are bounded
per round (:attr:`Watcher.max_items`), so a feed of 100,000 items costs a bounded round.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .core.errors import IngestError, MalformedInputError, TahqiqError
from .core.types import FetchFailure, FetchResult, IngestFailure, RawDocument
from .watchlist import ClaimUpdate, ClaimWatch

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Corpus
    from .store.fetching import Feed

#: Item pages fetched per feed and round, at most.
MAX_ITEMS = 200
_FEED_TYPES = ("xml", "rss", "atom", "rdf")


@dataclass(frozen=True, slots=True)
class Fetched:
    """One fetched page and what became of it."""

    url: str
    status: int
    #: ``added``, ``revised`` (a page read before, with other words now), ``duplicate``,
    #: ``not modified``, ``feed`` or ``no article``.
    outcome: str
    doc_id: str | None = None
    fetched_at: str = ""
    sha256: str = ""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {f: getattr(self, f) for f in self.__slots__}


@dataclass(frozen=True, slots=True)
class RoundReport:
    """What one round of fetching did."""

    fetched: tuple[Fetched, ...] = ()
    failures: tuple[FetchFailure, ...] = ()
    feeds: int = 0
    linked: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    #: New articles put into stories this round.
    storied: int = 0
    #: What checking the watched claims against the new articles found.
    claims: tuple[ClaimUpdate, ...] = ()

    @property
    def events(self) -> list[dict[str, Any]]:
        """The watched claims' events of this round, in order."""
        return [event for update in self.claims for event in update.events]

    @property
    def added(self) -> int:
        """New articles stored (revisions of pages read before included)."""
        return sum(1 for f in self.fetched if f.outcome in ("added", "revised"))

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"added": self.added, "feeds": self.feeds, "linked": self.linked,
                "storied": self.storied,
                "fetched": [f.to_json() for f in self.fetched],
                "failures": [f.to_json() for f in self.failures], "skipped": dict(self.skipped),
                "claims": [u.to_json() for u in self.claims], "events": self.events}


class Watcher:
    """Fetch, archive and ingest for one writable corpus (see the module docstring)."""

    def __init__(self, corpus: Corpus, *, allow_private: bool | None = None,
                 allow_addresses: Iterable[str] = (), respect_robots: bool = True,
                 max_items: int = MAX_ITEMS) -> None:
        from .fetch.client import Fetcher
        from .fetch.limits import FetchLimits
        from .fetch.warc import WarcArchive
        from .store.fetching import FeedTable

        settings = corpus.settings
        limits = FetchLimits.from_settings(settings)
        if allow_private is not None:
            limits = replace(limits, allow_private=allow_private)
        self.corpus = corpus
        self.fetcher = Fetcher(limits, allow_addresses=frozenset(allow_addresses),
                               respect_robots=respect_robots)
        self.archive = WarcArchive(settings.archive_path)
        self.feeds = FeedTable(corpus.store)
        self.captures = corpus.capture_table
        self.max_items = max_items

    def close(self) -> None:
        """Close the fetcher's connections."""
        self.fetcher.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- rounds -------------------------------------------------------------------------
    def fetch_urls(self, urls: Sequence[str], outlet: str | None = None) -> RoundReport:
        """Fetch ``urls`` now: a page is archived and ingested; a feed or sitemap is
        archived and its items' pages fetched as in :meth:`poll`."""
        round_ = _Round()
        for url in urls:
            answer = self._get(url, round_)
            if answer is not None:
                self._handle(answer, outlet, round_, None)
        return self._finish(round_)

    def poll(self, feeds: Sequence[Feed] | None = None) -> RoundReport:
        """One round over ``feeds`` (default: every followed feed), then the pages due to
        be read again for edits (:meth:`reread`)."""
        round_ = _Round()
        for feed in feeds if feeds is not None else self.feeds.all():
            round_.feeds += 1
            answer = self._get(feed.url, round_, feed)
            if answer is None:
                continue
            self.feeds.record_poll(feed, etag=answer.result.header("etag"),
                                   last_modified=answer.result.header("last-modified"))
            self._handle(answer, feed.outlet, round_, feed)
        self.reread(round_)
        return self._finish(round_)

    def reread(self, round_: _Round) -> None:
        """Read again the pages first read in the last ``watch_reread_days`` and last read
        ``watch_reread_hours`` ago or more (at most :attr:`max_items`): an unchanged page is
        a duplicate, an edited one a revision kept beside the old version."""
        from datetime import UTC, datetime, timedelta

        settings = self.corpus.settings
        if settings.watch_reread_days <= 0:
            return
        now = datetime.now(UTC)
        since = (now - timedelta(days=settings.watch_reread_days)).isoformat(timespec="seconds")
        before = (now - timedelta(hours=settings.watch_reread_hours)).isoformat(timespec="seconds")
        just_read = {f.url for f in round_.fetched}
        due = [(url, doc_id) for url, doc_id in self.captures.due_again(since, before, self.max_items)
               if url not in just_read]
        last = self.corpus.documents([doc_id for _, doc_id in due])
        todo = []
        for url, doc_id in due:  # the outlet and date it was read with, for a page stating neither
            known = last.get(doc_id)
            todo.append((url, known.source if known else None, known.published if known else None))
        self._pages(todo, round_)

    def _pages(self, todo: Sequence[tuple[str, str | None, str | None]], round_: _Round) -> None:
        """Fetch, archive and ingest the pages ``(url, outlet, date)`` of ``todo``."""
        for url, outlet, published in todo:
            answer = self._get(url, round_, None)
            if answer is not None:
                self._handle_page(answer, outlet, round_, published)

    # -- one response -------------------------------------------------------------------
    def _get(self, url: str, round_: _Round, feed: Feed | None = None) -> _Answer | None:
        """Fetch and archive ``url``; ``None`` (and a recorded failure) when it failed."""
        from .store.fetching import now

        try:
            if feed is not None:
                result = self.fetcher.fetch(url, etag=feed.etag, last_modified=feed.last_modified)
            else:
                result = self.fetcher.fetch(url)
        except TahqiqError as exc:
            answer = getattr(exc, "answer", None)
            if isinstance(answer, FetchResult):  # an error answer is archived too
                self.captures.add(self.archive.append(answer), url)
            failure = FetchFailure(url, getattr(exc, "reason", None) or str(exc), now(),
                                   getattr(exc, "status", None))
            self.captures.record_failure(failure, feed)
            if feed is not None:
                self.feeds.record_poll(feed, error=failure.reason)
            round_.failures.append(failure)
            return None
        return _Answer(result, self.captures.add(self.archive.append(result), url))

    def _handle(self, answer: _Answer, outlet: str | None, round_: _Round,
                feed: Feed | None) -> None:
        if answer.result.not_modified:
            round_.fetched.append(_fetched(answer.result, "not modified"))
        elif _is_feed(answer.result):
            round_.fetched.append(_fetched(answer.result, "feed"))
            self._items(answer.result, outlet, round_, feed)
        else:
            self._ingest_page(answer, outlet, round_)

    def _items(self, result: FetchResult, outlet: str | None, round_: _Round,
               feed: Feed | None) -> None:
        """Fetch the pages of the feed's items not fetched before (at most :attr:`max_items`);
        a feed that cannot be read is a recorded failure."""
        try:
            dates = _item_urls(result, self.corpus)
        except TahqiqError as exc:
            failure = FetchFailure(result.final_url, f"unreadable feed: {exc}", result.fetched_at,
                                   result.status)
            self.captures.record_failure(failure, feed)
            round_.failures.append(failure)
            return
        seen = self.captures.seen(list(dates))
        fresh = [u for u in dates if u not in seen]
        if len(fresh) > self.max_items:
            round_.skipped[result.final_url] = len(fresh) - self.max_items
            fresh = fresh[: self.max_items]
        self._pages([(url, outlet, dates[url]) for url in fresh], round_)

    def _handle_page(self, answer: _Answer, outlet: str | None, round_: _Round,
                     published: str | None) -> None:
        if _is_feed(answer.result):  # an item that is itself a feed is not followed further
            round_.fetched.append(_fetched(answer.result, "feed"))
        else:
            self._ingest_page(answer, outlet, round_, published)

    def _ingest_page(self, answer: _Answer, outlet: str | None, round_: _Round,
                     published: str | None = None) -> None:
        from .ingest import read_bytes

        result = answer.result
        items = [_with_origin(item, result, outlet, published) for item in
                 read_bytes(result.body, "page.html", max_bytes=self.corpus.settings.max_file_bytes)]
        report = self.corpus.ingest_raw(items, link=False)
        if report.failed or not report.documents:
            reason = report.failed[0].error if report.failed else "no article in the page"
            round_.fetched.append(_fetched(result, "no article"))
            round_.failures.append(FetchFailure(result.final_url, reason, result.fetched_at,
                                                result.status))
            return
        status = report.documents[0]
        self.captures.attach(answer.capture_id, status.doc_id)
        outcome = status.status
        if outcome == "added" and len(self.captures.versions(status.doc_id)) > 1:
            outcome = "revised"  # the page was read before with other words: kept beside it
        round_.fetched.append(_fetched(result, outcome, status.doc_id))

    def _finish(self, round_: _Round) -> RoundReport:
        """Link and put into stories what the round stored, then check the watched claims
        against it."""
        linked = storied = 0
        if self.corpus.settings.link_on_ingest:
            linked = self.corpus.link()
            storied = self.corpus.assign_stories()
        updates = tuple(ClaimWatch(self.corpus).check())
        return RoundReport(tuple(round_.fetched), tuple(round_.failures), round_.feeds, linked,
                           dict(round_.skipped), storied, updates)


@dataclass(frozen=True, slots=True)
class _Answer:
    """A fetched answer and the id of its capture (where it is archived)."""

    result: FetchResult
    capture_id: int


@dataclass
class _Round:
    fetched: list[Fetched] = field(default_factory=list)
    failures: list[FetchFailure] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    feeds: int = 0


def _fetched(result: FetchResult, outcome: str, doc_id: str | None = None) -> Fetched:
    return Fetched(result.final_url, result.status, outcome, doc_id, result.fetched_at, result.sha256)


def _is_feed(result: FetchResult) -> bool:
    kind = result.content_type.lower()
    return "html" not in kind and any(t in kind for t in _FEED_TYPES)


def _item_urls(result: FetchResult, corpus: Corpus) -> dict[str, str | None]:
    """The links of a feed's items, or the pages a sitemap lists, each with the date the
    feed gives it (for a page that states none)."""
    from .fetch.sitemaps import is_sitemap, parse_sitemap
    from .ingest.reader import feed_links_of

    if is_sitemap(result.body):  # a sitemap index's entries are sitemaps, not pages: not followed
        return {entry.url: entry.date for entry in parse_sitemap(result.body) if entry.kind == "page"}
    try:
        links = feed_links_of(result.body, "feed.xml", max_bytes=corpus.settings.fetch_max_bytes)
    except IngestError as exc:
        raise MalformedInputError(result.final_url, exc.reason) from None
    return dict(links)


def _with_origin(item: RawDocument | IngestFailure, result: FetchResult, outlet: str | None,
                 published: str | None = None) -> RawDocument | IngestFailure:
    """A page's document with the URL it was fetched from, and the feed's outlet and
    date where the page states neither."""
    if isinstance(item, IngestFailure):
        return IngestFailure(result.final_url, item.error)
    return replace(item, url=item.url or result.final_url, source=item.source or outlet,
                   source_path=result.final_url, published=item.published or published)


__all__ = ["MAX_ITEMS", "Fetched", "RoundReport", "Watcher"]
