"""The engine-independent part of a search index.

A :class:`SearchIndex` ranks documents by BM25 over their normalized
``search_text``.  It is a derived artifact: the store is the source of truth,
and the index records the highest store ``rowid`` it holds so that
:meth:`SearchIndex.sync` can catch up after a crash between a store commit
and an index commit.  Engines subclass it and implement the ``_`` methods.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar, Protocol

from ..core.errors import InvalidQueryError, SearchIndexError
from ..core.manifest import ArtifactManifest
from ..core.types import SearchRow
from .manifest import write_manifest

log = logging.getLogger(__name__)

#: ``(rowid, doc_id, search_text)``: what a store yields (:meth:`SearchIndex.add` also takes
#: plain tuples).
Row = SearchRow

#: Rows indexed per engine call during sync/rebuild.
SYNC_BATCH = 2000


class RowSource(Protocol):
    """What an index needs from a store (:class:`tahqiq.store.Store` is one)."""

    def iter_search_rows(self, after_rowid: int = 0, batch: int = 1000) -> Iterable[Row]: ...


def query_terms_for_engine(terms: Sequence[str]) -> list[str]:
    """Deduplicate terms (first occurrence wins); refuse an empty query."""
    unique = list(dict.fromkeys(t for t in terms if isinstance(t, str) and t.strip()))
    if not unique:
        raise InvalidQueryError("the query has no searchable words")
    return unique


class SearchIndex(ABC):
    """BM25 over normalized document text, kept in step with a store.

    Queries are an OR of the (deduplicated) terms; a document's score is the
    sum of the BM25 contributions of the terms it contains.  Terms are
    matched literally: no query syntax is ever parsed.
    """

    engine: ClassVar[str]
    format_version: ClassVar[int]

    def __init__(self, path: Path, manifest: ArtifactManifest) -> None:
        self.path = Path(path)
        self.manifest = manifest
        #: Highest store rowid held (committed or pending); the manifest records it at commits.
        self._last_rowid = int(manifest.state.get("last_rowid", 0))
        self._lock = threading.RLock()
        self._pending = 0
        self._writing = False

    # -- engine hooks -------------------------------------------------------------
    @abstractmethod
    def _add(self, rows: list[Row]) -> None:
        """Buffer rows for the next commit."""

    @abstractmethod
    def _commit(self) -> None:
        """Persist buffered rows and make them visible to searches."""

    @abstractmethod
    def _search(self, terms: list[str], k: int,
                weights: Mapping[str, float] | None = None) -> list[tuple[str, float]]:
        """Top-``k`` ``(doc_id, score)``, best first; ``weights`` boost terms (default 1)."""

    @abstractmethod
    def _doc_freqs(self, terms: list[str]) -> dict[str, int]:
        """Documents holding each term (terms held by none may be left out)."""

    @abstractmethod
    def _checksums(self) -> dict[str, str]:
        """Checksums recorded in (and verified against) the manifest."""

    @abstractmethod
    def _count(self) -> int:
        """Documents visible to searches."""

    @abstractmethod
    def _close(self) -> None:
        """Release files, writers and connections."""

    @abstractmethod
    def _acquire(self) -> int | None:
        """Take write access; return the last indexed rowid as stored on disk.

        ``None`` when another process holds write access.  Reading the rowid
        under the write lock means a process whose view is stale (another
        process indexed rows since it opened) never indexes a row twice.
        """

    def _ensure_writing(self) -> bool:
        if not self._writing:
            last = self._acquire()
            if last is None:
                return False
            self._last_rowid = last
            self._writing = True
        return True

    # -- public API ------------------------------------------------------------------
    @property
    def last_rowid(self) -> int:
        """Highest store rowid this index holds (committed or pending)."""
        return self._last_rowid

    def add(self, rows: Iterable[Row]) -> None:
        """Index ``(rowid, doc_id, search_text)`` rows; call :meth:`commit` to publish.

        Rows at or below :attr:`last_rowid` are already indexed and skipped,
        so adding the same rows twice is harmless.
        """
        with self._lock:
            if not self._ensure_writing():
                raise SearchIndexError(f"{self.path} is being written by another process")
            fresh = [r for r in rows if r[0] > self._last_rowid]
            if not fresh:
                return
            self._add(fresh)
            self._pending += len(fresh)
            self._last_rowid = max(r[0] for r in fresh)

    def commit(self) -> None:
        """Publish added rows to searchers and record them in the manifest."""
        with self._lock:
            if self._writing:
                self._commit()
            self._pending = 0
            self._writing = False
            self._write_manifest()

    def _write_manifest(self) -> None:
        manifest = replace(self.manifest, files=self._checksums())
        self.manifest = write_manifest(self.path, manifest.evolve(doc_count=self._count(),
                                                                  last_rowid=self._last_rowid))

    def search(self, terms: Sequence[str], k: int = 10,
               weights: Mapping[str, float] | None = None) -> list[tuple[str, float]]:
        """The ``k`` best ``(doc_id, score)`` for an OR of ``terms``, best first.

        ``weights`` multiplies each term's BM25 contribution (missing terms:
        1.0; weights must be positive).
        """
        if k <= 0:
            raise InvalidQueryError("k must be a positive number")
        unique = query_terms_for_engine(terms)
        if weights is not None and any(not w > 0 for w in weights.values()):
            raise InvalidQueryError("term weights must be positive")
        with self._lock:
            return self._search(unique, k, weights)

    def doc_freqs(self, terms: Sequence[str]) -> dict[str, int]:
        """How many indexed documents hold each of ``terms`` (0 for none)."""
        unique = list(dict.fromkeys(t for t in terms if isinstance(t, str) and t))
        if not unique:
            return {}
        with self._lock:
            found = self._doc_freqs(unique)
        return {t: int(found.get(t, 0)) for t in unique}

    def count(self) -> int:
        """Documents visible to searches."""
        with self._lock:
            return self._count()

    def sync(self, store: RowSource) -> int:
        """Index every store row after :attr:`last_rowid`; return how many.

        When another process holds the index writer (it is ingesting and will
        index those rows itself), nothing is done and 0 is returned.
        """
        added = 0
        with self._lock:
            rows = iter(store.iter_search_rows(self._last_rowid, SYNC_BATCH))
            first = next(rows, None)
            if first is None:
                return 0
            if not self._ensure_writing():
                log.info("index %s is being written by another process; not syncing", self.path)
                return 0
            if first.rowid <= self._last_rowid:  # another process indexed rows meanwhile
                rows = iter(store.iter_search_rows(self._last_rowid, SYNC_BATCH))
                first = next(rows, None)
                if first is None:
                    self.commit()
                    return 0
            batch: list[Row] = [first]
            for row in rows:
                batch.append(row)
                if len(batch) >= SYNC_BATCH:
                    self.add(batch)
                    added, batch = added + len(batch), []
            if batch:
                self.add(batch)
                added += len(batch)
            if added:
                self.commit()
        return added

    def rebuild(self, store: RowSource) -> int:
        """Drop everything and index the whole store again; return the count."""
        with self._lock:
            if not self._ensure_writing():
                raise SearchIndexError(f"{self.path} is being written by another process")
            self._clear()
            self._last_rowid = 0
            self._pending = 0
            self.commit()
            return self.sync(store)

    @abstractmethod
    def _clear(self) -> None:
        """Remove every indexed document."""

    def info(self) -> dict[str, Any]:
        """Engine, document count, versions and the last indexed rowid."""
        return {
            "engine": self.engine,
            "path": str(self.path),
            "doc_count": self._count(),
            "last_rowid": self._last_rowid,
            "normalizer_version": self.manifest.normalizer_version,
            "format_version": self.format_version,
        }

    def refresh(self) -> None:
        """Make searches see the last commit of any writer (a no-op where they always do)."""
        with self._lock:
            self._refresh()

    def _refresh(self) -> None:  # noqa: B027 - optional hook: FTS5 always reads the last commit
        """Engine hook of :meth:`refresh` (default: nothing to do)."""

    def close(self) -> None:
        """Commit pending rows, then release the engine (idempotent)."""
        with self._lock:
            if self._pending:
                self.commit()
            self._close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
