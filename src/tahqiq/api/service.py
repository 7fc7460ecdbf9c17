"""The desk behind the HTTP API: one writer, a pool of readers, one stance model.

:class:`Desk` holds no web framework code, so it is tested and reused
without one.  Its rules:

- **One writer.**  Ingest goes through a single read-write
  :class:`~tahqiq.corpus.Corpus`, one request at a time (a lock).
- **Reads never wait for it.**  Searches, documents, reports and links are
  served by read-only corpora, each with its own SQLite connection (the
  store runs in WAL mode) and its own view of the search index, so they
  keep answering while an ingest runs and see its work when it commits.
- **Checks are bounded.**  A check is CPU work; at most ``check_slots``
  run at once (one per core by default) and the rest queue.
- **One model.**  The stance model is loaded once and shared by every
  reader's verifier.
- **Linking never holds a request.**  An upload returns once its documents
  are stored and indexed; a background :class:`~tahqiq.api.linker.Linker`
  then finds their reuse links (a document's ``linked`` says when it has).
- **Stories and watched claims.**  Listing stories first puts the documents
  stored since into stories, with the writer under the write lock (its story index
  reads the state another process saved, if one assigned since); the listing
  itself is read by a reader.  Watching a claim checks it and keeps
  the check, so it runs on the writer (in a check slot, under the write lock);
  the watched claims, their histories and their events are read by readers.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..core.config import MAX_OFFSET, Settings
from ..core.errors import InvalidQueryError, NotFoundError, TahqiqError
from ..core.types import IngestReport, Report
from ..corpus import Corpus
from ..watchlist import ClaimUpdate, ClaimWatch
from .linker import Linker

#: Most results one search or one page of links returns.
MAX_K = 100
#: Most links one page of ``/reuse`` returns.
MAX_LINKS = 1000
#: Most stories one page of ``/stories`` returns (as ``tahqiq stories --limit``).
MAX_STORIES = 1000
#: Most articles one story's timeline returns (as ``tahqiq story --limit``).
MAX_TIMELINE = 10_000
#: Most events one page of ``/claims/events`` returns.
MAX_EVENTS = 1000
#: Longest span ``since_hours`` accepts (a century of hours).
MAX_SINCE_HOURS = 24 * 366 * 100
#: Largest id a story, a watched claim or an event can have (SQLite's integers).
MAX_ID = 2**63 - 1


class Desk:
    """A corpus opened for many concurrent readers and one writer.

    >>> desk = Desk(settings)                    # doctest: +SKIP
    >>> desk.search("عملية عسكرية مشتركة", k=5)   # doctest: +SKIP
    """

    def __init__(self, settings: Settings, *, readers: int = 4, check_slots: int | None = None,
                 model: Any = None) -> None:
        self.settings = settings
        # One process: linking must never fork workers out of this threaded server (a forked
        # worker inherits the server's signal handlers and locks, and an upload could hang).
        self._writer = Corpus(settings=replace(settings, workers=1))
        self._write_lock = threading.Lock()
        self._writer.sync_index()  # create or catch up the store and the index once
        self._readers: queue.LifoQueue[tuple[Corpus, int]] = queue.LifoQueue()
        #: Bumped after every ingest; a reader older than it refreshes its index view.
        self._generation = 0
        self._free = threading.Semaphore(max(1, readers))
        self._checks = threading.Semaphore(max(1, check_slots or os.cpu_count() or 1))
        self._model = model
        self._model_lock = threading.Lock()
        self._closed = False
        self._linker = Linker(settings, self.catch_up, link=settings.link_on_ingest,
                              follow_up=self.follow_up if settings.link_on_ingest else None)
        self._linker.wake()  # documents stored while no server ran

    # -- lifetime -------------------------------------------------------------------
    def close(self) -> None:
        """Close every corpus (the desk cannot be used afterwards)."""
        self._closed = True
        self._linker.stop()
        with self._write_lock:
            self._writer.close()
        while not self._readers.empty():
            self._readers.get_nowait()[0].close()

    @contextmanager
    def reader(self) -> Iterator[Corpus]:
        """A read-only corpus from the pool (opened on first need), returned afterwards."""
        with self._free:
            try:
                corpus, seen = self._readers.get_nowait()
            except queue.Empty:
                corpus, seen = Corpus(settings=self.settings, readonly=True), self._generation
            generation = self._generation
            if seen < generation:
                corpus.refresh_index()
            try:
                yield corpus
            finally:
                self._readers.put((corpus, generation))

    @property
    def model(self) -> Any:
        """The shared stance model (the shipped one unless one was given)."""
        with self._model_lock:
            if self._model is None:
                from ..verify.batch import resolve_model

                self._model = resolve_model("default")
            return self._model

    # -- writes ---------------------------------------------------------------------
    def ingest_bytes(self, data: bytes, name: str) -> IngestReport:
        """Ingest one uploaded file (or a JSON document's bytes, ``name`` ending in ``.json``)."""
        with self._write_lock:
            try:
                report = self._writer.ingest_bytes(data, name, link=False)
            finally:
                self._generation += 1
        if report.added:
            self._linker.wake()
        return report

    def catch_up(self) -> int:
        """Index documents other processes stored but could not index (this server holds
        the index writer); readers see them at their next request.  Returns how many."""
        if self._closed:
            return 0
        with self._write_lock:
            added = self._writer.sync_index()
            if added:
                self._generation += 1
        return added

    def follow_up(self) -> int:
        """What a watch round does after storing articles, for uploads: put new documents
        into stories, then check the watched claims against them (under the write lock,
        in a check slot).  Cheap when nothing is new.  Returns how many events were raised."""
        if self._closed:
            return 0
        self.assign_stories()
        with self.reader() as corpus:
            newest = corpus.store.max_rowid()
            behind = any(c.active and c.checked_rowid < newest for c in ClaimWatch(corpus).claims())
        if not behind:
            return 0
        with self._checks, self._write_lock:
            updates = ClaimWatch(self._writer).check()
        return sum(len(u.events) for u in updates)

    def assign_stories(self) -> int:
        """Put the documents stored since the last assignment into stories; returns how many.

        The writer assigns, under the write lock.  When another process (``tahqiq watch``,
        ``tahqiq ingest``) assigned documents since, the story index reads the state that
        process saved before going on (:meth:`tahqiq.stories.index.StoryIndex.sync`)."""
        with self.reader() as corpus:
            if not corpus.pending_stories():
                return 0
        with self._write_lock:
            return self._writer.assign_stories()

    def watch(self, claim: str) -> ClaimUpdate:
        """Watch ``claim`` and check it against every stored article (``tahqiq claims add``).

        The update's ``added`` says whether the claim is new (a claim already watched is
        checked again).  An empty claim, or one over 1,000 characters, is refused
        (:class:`InvalidQueryError`) before anything is written."""
        with self._checks, self._write_lock:
            return ClaimWatch(self._writer).add(claim)

    def unwatch(self, claim_id: int) -> dict[str, Any]:
        """Stop watching a claim (``tahqiq claims remove --json``): ``{"removed": claim}``."""
        with self._write_lock:
            removed = ClaimWatch(self._writer).remove(_check_id(claim_id, "watched claim"))
        return {"removed": removed.to_json()}

    # -- reads ----------------------------------------------------------------------
    def stories(self, since_hours: float | None = None, limit: int = 20, offset: int = 0,
                min_size: int = 1, at: str | None = None) -> dict[str, Any]:
        """``{"at", "total", "stories"}`` as ``tahqiq stories --json`` prints them, after
        putting new documents into stories.  ``at`` is an ISO date or time (default: the
        newest article's); ``since_hours`` keeps stories with an article in that span
        before it."""
        from ..stories.vectors import hours_to_iso

        _check_k(limit, MAX_STORIES, "limit")
        _check_offset(offset)
        if not 1 <= min_size <= MAX_ID:
            raise InvalidQueryError("min_size must be at least 1")
        if since_hours is not None and not 0 < since_hours <= MAX_SINCE_HOURS:
            raise InvalidQueryError(f"since_hours must be over 0 and at most {MAX_SINCE_HOURS}")
        when = _hours(at)
        self.assign_stories()
        with self.reader() as corpus:  # read-only: stories() assigns nothing, only reads
            when, listed = corpus.stories(since_hours=since_hours, at=when, limit=limit,
                                          offset=offset, min_size=min_size)
            total = corpus.story_table.count()
        return {"at": hours_to_iso(when), "total": total, "stories": [s.to_json() for s in listed]}

    def story(self, story_id: int, limit: int = 200, at: str | None = None) -> dict[str, Any]:
        """One story with its timeline, as ``tahqiq story ID --json`` prints it
        (:class:`~tahqiq.core.errors.NotFoundError` for an unknown id)."""
        _check_k(limit, MAX_TIMELINE, "limit")
        when = _hours(at)
        self.assign_stories()
        with self.reader() as corpus:
            return corpus.story(_check_id(story_id, "story"), limit=limit, at=when).to_json()

    def claims(self) -> dict[str, Any]:
        """``{"claims"}``: every watched claim with its last verdict (``tahqiq claims list``)."""
        with self.reader() as corpus:
            return {"claims": [c.to_json() for c in ClaimWatch(corpus).claims()]}

    def claim_history(self, claim_id: int) -> dict[str, Any]:
        """``{"claim", "checks", "events"}`` of one watched claim (``tahqiq claims history``)."""
        with self.reader() as corpus:
            claim, checks, events = ClaimWatch(corpus).history(_check_id(claim_id, "watched claim"))
        return {"claim": claim.to_json(), "checks": [c.to_json() for c in checks], "events": events}

    def claim_events(self, since: str | None = None, after_id: int = 0,
                     limit: int = MAX_EVENTS) -> dict[str, Any]:
        """``{"events"}``: what the checks of every watched claim raised, oldest first,
        at or after ``since`` (an ISO date or time, any offset) and with an id above
        ``after_id`` (to read on from the last one seen)."""
        _check_k(limit, MAX_EVENTS, "limit")
        if not 0 <= after_id <= MAX_ID:
            raise InvalidQueryError("after_id must be 0 or more")
        with self.reader() as corpus:
            return {"events": ClaimWatch(corpus).events(since=since, after_id=after_id, limit=limit)}

    def document(self, doc_id: str) -> dict[str, Any]:
        """One document as ``tahqiq show --json`` prints it, with its reuse links."""
        with self.reader() as corpus:
            doc = corpus.get(doc_id)
            data = doc.to_json()
            data["linked"] = corpus.is_linked(doc.doc_id)
            links = corpus.links(doc.doc_id)
            others = corpus.documents([link.b if link.a == doc.doc_id else link.a for link in links])
            data["links"] = [_with_other(link.to_json(), doc.doc_id, others) for link in links]
            return data

    def sources(self, doc_id: str) -> dict[str, Any]:
        """Reported speech and cited outlets of one document (``tahqiq sources --json``)."""
        with self.reader() as corpus:
            return corpus.sources(doc_id).to_json()

    def search(self, query: str, k: int = 10) -> dict[str, Any]:
        """``{"query", "results"}`` as ``tahqiq search --json`` prints them."""
        _check_k(k, MAX_K)
        with self.reader() as corpus:
            hits = corpus.search(query, k)
        return {"query": query, "results": [hit.to_json() for hit in hits]}

    def check(self, claim: str, k: int = 20, *, include_unrelated: bool = False) -> Report:
        """The report on ``claim`` (the same as ``tahqiq check --json``)."""
        _check_k(k, MAX_K)
        model = self.model
        with self._checks, self.reader() as corpus:
            return corpus.verifier(model=model).check(claim, k, include_unrelated=include_unrelated)

    def reuse(self, doc_id: str | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
        """``{"links", "total"}``: stored reuse links, a page at a time."""
        _check_k(limit, MAX_LINKS, "limit")
        _check_offset(offset)
        with self.reader() as corpus:  # read-only: links() links nothing, only reads
            links = corpus.links(doc_id, limit=limit, offset=offset)
            total = corpus.link_count() if doc_id is None else None
        return {"links": [link.to_json() for link in links], "total": total,
                "limit": limit, "offset": offset}

    def stats(self) -> dict[str, Any]:
        """Store counts (``tahqiq stats --json``) plus links and articles waiting to be linked."""
        with self.reader() as corpus:
            data = corpus.stats().to_json()
            data["reuse_links"] = corpus.link_count()
            data["pending_links"] = corpus.pending_links()
        return data

    def health(self) -> dict[str, Any]:
        """``{"status", "version", "documents", "indexed", "index_lag"}`` once the store answers.

        ``status`` is ``"ok"``, ``"behind"`` when the search index holds fewer
        documents than the store (``index_lag`` of them cannot be found yet), or
        ``"degraded"`` when the index cannot be read (``indexed`` is null).
        """
        from importlib.metadata import version

        with self.reader() as corpus:
            documents = corpus.count()
            try:
                indexed: int | None = corpus.indexed_count()
            except TahqiqError:
                indexed = None
            pending = corpus.pending_links()
        lag = None if indexed is None else max(0, documents - indexed)
        status = "degraded" if indexed is None else "behind" if lag else "ok"
        return {"status": status, "version": version("tahqiq"), "documents": documents,
                "indexed": indexed, "index_lag": lag, "pending_links": pending,
                "linking": self._linker.busy, "link_error": self._linker.last_error}


def _check_k(k: int, most: int, name: str = "k") -> None:
    if not 1 <= k <= most:
        raise InvalidQueryError(f"{name} must be between 1 and {most}")


def _check_offset(offset: int) -> None:
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidQueryError(f"offset must be between 0 and {MAX_OFFSET}")


def _check_id(value: int, what: str) -> int:
    """An id within SQLite's integers (a larger one names nothing)."""
    if not -MAX_ID <= value <= MAX_ID:
        raise NotFoundError(f"no {what} {value}")
    return value


def _hours(at: str | None) -> float | None:
    """Hours since 1970 of an ISO date or time (``None`` for ``None``)."""
    from ..stories.vectors import parse_hours

    return None if at is None else parse_hours(at)


def public_paths(data: Any) -> Any:
    """``data`` with every ``source_path`` cut to its file name: where a file sat
    on the server's disk is not for API readers (returns new containers).  Applied
    to every route's answer by the app's response class."""
    if isinstance(data, dict):
        return {k: (Path(v).name if k == "source_path" and isinstance(v, str) else public_paths(v))
                for k, v in data.items()}
    if isinstance(data, list):
        return [public_paths(v) for v in data]
    return data


def _with_other(link: dict[str, Any], doc_id: str, others: dict[str, Any]) -> dict[str, Any]:
    """A link of ``doc_id`` with ``other``: the title, outlet and date of the document
    on its other side, so a reader sees what was copied without another request."""
    other = others.get(link["b"] if link["a"] == doc_id else link["a"])
    if other is not None:
        link["other"] = {"doc_id": other.doc_id, "title": other.title, "source": other.source,
                         "published": other.published}
    return link
