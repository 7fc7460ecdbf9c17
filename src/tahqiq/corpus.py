"""The library facade: one object over ingest, text, store and index.

:class:`Corpus` is what the CLI, the HTTP API and users' scripts call.  It
composes the stages and owns their lifetimes; each stage stays usable alone.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core.config import MAX_RESULTS, Settings, resolve_settings
from .core.errors import InvalidQueryError, StoreError
from .core.types import (
    Document,
    DocumentStatus,
    IngestFailure,
    IngestReport,
    QueryTerm,
    RawDocument,
    ReindexReport,
    Report,
    ReuseLink,
    SearchHit,
    Sentence,
    SourceReport,
    StoreStats,
)
from .corpus_status import CorpusStatus
from .corpus_stories import CorpusStories

if TYPE_CHECKING:  # pragma: no cover
    from .core.parallel import Mapper
    from .index.base import SearchIndex
    from .sources.reuse_index import ReuseIndex
    from .store.links import LinkTable
    from .store.sqlite import Store
    from .verify.verifier import Verifier

log = logging.getLogger(__name__)

#: Called after each input file as ``progress(done, total)``.
ProgressCallback = Callable[[int, int], None]

#: Longest snippet shown with a search result, in characters.
SNIPPET_CHARS = 220


#: Documents cleaned per task of :meth:`Corpus.reindex` (a batch spreads over the mapper).
REBUILD_CHUNK = 50


class Corpus(CorpusStatus, CorpusStories):
    """A desk's articles: ingest, store, search and read them.

    Counts of what it holds and how far its indexes lag come from
    :class:`~tahqiq.corpus_status.CorpusStatus`.

    >>> with Corpus("desk.db") as corpus:            # doctest: +SKIP
    ...     report = corpus.ingest(["articles/"])
    ...     hits = corpus.search("نفي رسمي", k=5)
    """

    def __init__(self, db_path: str | Path | None = None, *, settings: Settings | None = None,
                 readonly: bool = False, mapper: Mapper | None = None):
        #: A read-only corpus never writes: its store is opened read-only, its
        #: search index is read as another process (or thread) last committed
        #: it, and nothing is linked.  Many read-only corpora may read while
        #: one writer ingests (the HTTP API does this).
        self.readonly = readonly
        #: Where batch work runs (parsing, reuse sketches and alignment, stance
        #: for claim batches): this process unless a cluster mapper is given
        #: (:func:`tahqiq.scale.connect`).  This process alone writes.
        self._mapper = mapper
        if settings is None:
            settings = resolve_settings({"db_path": db_path})
        elif db_path is not None:  # the path given here, every other knob as given
            settings = replace(settings, db_path=Path(db_path))
        self.settings = settings
        self._store: Any = None
        self._index: Any = None
        self._reuse: Any = None
        self._links: Any = None
        self._verifier: Any = None
        self._stories: Any = None

    # -- lifetime -----------------------------------------------------------
    @property
    def store(self) -> Store:
        """The open :class:`tahqiq.store.Store` (opened on first use)."""
        if self._store is None:
            from .store import Store

            if self.readonly:
                self._store = Store(self.settings.db_path, readonly=True)
            else:
                self.settings.db_path.parent.mkdir(parents=True, exist_ok=True)
                self._store = Store(self.settings.db_path)
        return self._store

    @property
    def index(self) -> SearchIndex:
        """The search index beside the database, caught up with the store."""
        if self._index is None:
            self._open_index()
        return self._index

    def sync_index(self) -> int:
        """Index the stored documents the search index lacks; return how many (0 when
        another process holds the index writer: it indexes them itself).  Opens the
        index first if needed.  A read-only corpus indexes nothing and returns 0."""
        if self.readonly:
            return 0
        if self._index is None:
            return self._open_index()  # opening catches up
        return self._index.sync(self.store)

    def refresh_index(self) -> None:
        """Make searches see the search index as its writer (any process) last committed it."""
        self.index.refresh()

    def _open_index(self) -> int:
        """Open the search index; a writable corpus's catches up with the store.
        Returns how many documents catching up indexed."""
        from .index import open_index
        from .text import NORMALIZER_VERSION

        self._index = open_index(
            self.settings.index_path,
            normalizer_version=NORMALIZER_VERSION,
            engine=self.settings.search_engine,
            store=None if self.readonly else self.store,
        )
        if self.readonly:
            return 0
        added = self._index.sync(self.store)
        if added:
            log.info("search index caught up with %d stored documents", added)
        return added

    @property
    def link_table(self) -> LinkTable:
        """The :class:`tahqiq.store.LinkTable` of the store's reuse links (made on first use)."""
        if self._links is None:
            from .store.links import LinkTable

            self._links = LinkTable(self.store)
        return self._links

    @property
    def mapper(self) -> Mapper:
        """Where batch work runs (see the constructor); parsing runs in-process by default."""
        if self._mapper is None:
            from .core.parallel import LocalMapper

            return LocalMapper(1)
        return self._mapper

    @property
    def reuse_index(self) -> ReuseIndex:
        """The :class:`tahqiq.sources.reuse_index.ReuseIndex` beside the database (opened on first use).

        Opening does not link new documents; :meth:`link` does.
        """
        if self._reuse is None:
            from .core.parallel import default_workers
            from .sources.citations import outlet_cites
            from .sources.reuse_index import ReuseIndex
            from .text import NORMALIZER_VERSION

            self._reuse = ReuseIndex.open(self.settings.reuse_path, self.store, NORMALIZER_VERSION,
                                          cites=outlet_cites(),
                                          workers=self._mapper or self.settings.workers
                                          or default_workers())
        return self._reuse

    def ensure_linked(self, limit: int) -> int:
        """Link the pending documents when at most ``limit`` wait; return how many were
        linked (0 when more wait, or the corpus is read-only).  The step a caller takes
        before a check, which itself never writes."""
        pending = self.pending_links()
        if self.readonly or not 0 < pending <= limit:
            return 0
        return self.link()

    def documents(self, doc_ids: Sequence[str]) -> dict[str, Document]:
        """The stored documents with these full ids (missing ids are left out)."""
        return self.store.get_many(list(doc_ids))

    def count(self) -> int:
        """How many documents are stored."""
        return self.store.count()

    def links_among(self, doc_ids: Sequence[str]) -> list[ReuseLink]:
        """The reuse links found so far between documents of ``doc_ids`` (no linking)."""
        return self.link_table.among(doc_ids)

    def link(self, *, progress: ProgressCallback | None = None) -> int:
        """Find reuse links for every document stored since the last call; return how many.

        A read-only corpus links nothing and returns 0.
        """
        if self.readonly or self.pending_links() == 0:
            return 0
        return self.reuse_index.sync(progress)

    def relink(self, *, progress: ProgressCallback | None = None) -> int:
        """Forget every reuse link and find them all again; return how many documents were
        linked."""
        return self.reuse_index.rebuild(progress)

    def links(self, doc_id: str | None = None, *, limit: int | None = None,
              offset: int = 0) -> list[ReuseLink]:
        """Reuse links (all, or one document's with it as ``a``), after linking new documents."""
        self.link()
        if doc_id is not None:
            doc_id = self.store.get(doc_id).doc_id
        return self.link_table.load(doc_id, limit=limit, offset=offset)

    def sources(self, doc_id: str) -> SourceReport:
        """Reported speech and cited outlets of one document."""
        from .sources.attribution import extract_sources

        doc = self.store.get(doc_id)
        return extract_sources(doc.doc_id, doc.text)

    def close(self) -> None:
        """Close the indexes and the store."""
        self._reuse = None
        self._links = None
        self._stories = None
        if self._index is not None:
            self._index.close()
            self._index = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest -------------------------------------------------------------
    def ingest(
        self, paths: Iterable[str | Path], *, progress: ProgressCallback | None = None,
        link: bool | None = None,
    ) -> IngestReport:
        """Read files and folders, clean them, store and index the articles.

        Idempotent: content already stored is reported as a duplicate.  A bad
        file or record becomes an entry of :attr:`IngestReport.failed` and never
        stops the run.  New documents are then linked to the ones they copy or
        are copied by (:meth:`link`) unless ``link`` is false (default:
        ``Settings.link_on_ingest``).  Files (and blocks of large JSON Lines
        files) are parsed by this corpus's mapper (in this process unless a
        cluster was given, :mod:`tahqiq.scale`); this process alone writes,
        in input order, so the result is the same either way.
        """
        from .pipeline import parse_unit, plan_units

        self._check_writable()
        units = list(plan_units(paths))
        parse = functools.partial(parse_unit, max_bytes=self.settings.max_file_bytes)
        return self._store_parsed(self.mapper.imap(parse, units), len(units), progress, link)

    def ingest_bytes(self, data: bytes, name: str, *, link: bool | None = None) -> IngestReport:
        """Ingest one file's bytes (an upload) as :meth:`ingest` reads a file called ``name``.

        The suffix of ``name`` picks the reader (``.html``, ``.json``,
        ``.jsonl``, ``.xml``/``.rss``/``.atom``, ``.txt``); the size limit and
        the failure rules are those of :meth:`ingest`.
        """
        from .ingest import read_bytes

        self._check_writable()
        return self.ingest_raw(read_bytes(data, name, max_bytes=self.settings.max_file_bytes),
                               link=link)

    def ingest_raw(self, items: Iterable[RawDocument | IngestFailure], *,
                   link: bool | None = None) -> IngestReport:
        """Clean, store and index documents already read (e.g. fetched pages whose URL and
        outlet the caller filled in); the failure and linking rules of :meth:`ingest`."""
        from .pipeline import documents_from

        self._check_writable()
        return self._store_parsed([list(documents_from(items))], 1, None, link)

    def _store_parsed(self, parsed: Iterable[list[Document | IngestFailure]], total: int,
                      progress: ProgressCallback | None, link: bool | None) -> IngestReport:
        """Commit each unit's documents in batches, in order; then link (see :meth:`ingest`)."""
        statuses: list[DocumentStatus] = []
        failures: list[IngestFailure] = []
        batch: list[Document] = []
        for done, items in enumerate(parsed, 1):
            for item in items:
                if isinstance(item, IngestFailure):
                    failures.append(item)
                    continue
                batch.append(item)
                if len(batch) >= self.settings.batch_size:
                    statuses.extend(self._commit(batch))
                    batch = []
            if progress is not None:
                progress(done, total)
        if batch:
            statuses.extend(self._commit(batch))
        if link is None:
            link = self.settings.link_on_ingest
        if link and any(s.status == "added" for s in statuses):
            self.link()
            self.assign_stories()
        return IngestReport(documents=tuple(statuses), failed=tuple(failures))

    def _check_writable(self) -> None:
        if self.readonly:
            raise StoreError("this corpus was opened read-only")

    def _commit(self, batch: Sequence[Document]) -> list[DocumentStatus]:
        statuses = self.store.add_documents(batch)
        self.index.sync(self.store)
        return statuses

    def reindex(self, *, progress: ProgressCallback | None = None, relink: bool = True
                ) -> ReindexReport:
        """Clean every document stored by another normalizer again, from its stored original.

        Display text, search form, sentences and title are rebuilt with this
        tahqiq's text stage; ids, originals, dates and sources stay.  Batches are
        rebuilt by this corpus's mapper and committed one transaction each, so an
        interrupted run resumes where it stopped.  Then the search index is
        rebuilt and, when ``relink``, reuse links are found again (their spans
        index the old text).  A document that no longer cleans to any text keeps
        its stored text and is reported in :attr:`ReindexReport.kept`.
        """
        from .pipeline import rebuild_documents
        from .text import NORMALIZER_VERSION

        self._check_writable()
        store, total = self.store, self.store.count_stale(NORMALIZER_VERSION)
        rebuilt = changed = 0
        kept: list[IngestFailure] = []
        after = 0
        while batch := store.stale_documents(NORMALIZER_VERSION, after, self.settings.batch_size):
            after = batch[-1].rowid
            old = {row.rowid: row.document.text for row in batch}
            chunks = [batch[i:i + REBUILD_CHUNK] for i in range(0, len(batch), REBUILD_CHUNK)]
            results = [r for part in self.mapper.imap(rebuild_documents, chunks) for r in part]
            done = [r for r in results if not isinstance(r, IngestFailure)]
            kept.extend(r for r in results if isinstance(r, IngestFailure))
            store.replace_texts(done)
            rebuilt += len(done)
            changed += sum(row.document.text != old[row.rowid] for row in done)
            if progress is not None:
                progress(rebuilt + len(kept), total)
        relinked = 0
        if rebuilt:
            self.index.rebuild(store)
            if relink:
                relinked = self.reuse_index.rebuild()
        return ReindexReport(NORMALIZER_VERSION, rebuilt, changed, tuple(kept), relinked)

    # -- read ---------------------------------------------------------------
    def get(self, doc_id: str) -> Document:
        """One stored document by id (or a unique id prefix)."""
        return self.store.get(doc_id)

    def list(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Summaries of stored documents, oldest first."""
        return [_summary(d) for d in self.store.list_documents(limit=limit, offset=offset)]

    def stats(self) -> StoreStats:
        """Counts of what is stored."""
        return self.store.stats()

    def search(self, query: str, k: int = 10, *, expand: bool = True) -> list[SearchHit]:
        """Rank stored documents by BM25 against ``query``.

        The query goes through the same search normalization as the
        documents, then (unless ``expand`` is false) through
        :meth:`query_terms`: rarer words weigh more, and rare names also
        match the spellings and glued forms the index holds.  Raises
        :class:`InvalidQueryError` for an empty query.
        """
        terms = self.query_terms(query, k, expand=expand)
        ranked = self._ranked(terms, k)
        docs = self.store.get_many([doc_id for doc_id, _ in ranked])
        words = [t.term for t in terms]
        return [_hit(docs[d], score, words) for d, score in ranked if d in docs]

    def rank(self, query: str, k: int = 10, *, expand: bool = True) -> list[tuple[str, float]]:
        """``(doc_id, BM25 score)`` of the ``k`` best documents for ``query``, best first.

        Raises :class:`InvalidQueryError` for a non-positive ``k`` or a query
        without searchable words.
        """
        return self._ranked(self.query_terms(query, k, expand=expand), k)

    def query_terms(self, query: str, k: int = 10, *, expand: bool = True) -> tuple[QueryTerm, ...]:
        """The weighted search terms ``query`` becomes (see :mod:`tahqiq.index.expand`).

        Without ``expand`` every term of the query weighs 1.0 and nothing is
        added.
        """
        terms = _search_terms(query, k)
        if not expand:
            return tuple(QueryTerm(t, 1.0, t) for t in dict.fromkeys(terms))
        from .index.expand import expand_query

        index = self.index
        return expand_query(terms, index.doc_freqs, index.count())

    def _ranked(self, terms: Sequence[QueryTerm], k: int) -> list[tuple[str, float]]:
        weights = {t.term: t.weight for t in terms}
        return list(self.index.search(list(weights), k=k, weights=weights))

    # -- verify ---------------------------------------------------------------
    def check(self, claim: str, k: int = 20, *, include_unrelated: bool = False) -> Report:
        """Find, judge and report on ``claim`` across the corpus.

        Judges the ``k`` articles that best match the claim with the shipped
        stance model (loaded once per corpus) and weighs their stances into a
        verdict.  See :class:`tahqiq.verify.Verifier`.  Up to
        :data:`~tahqiq.verify.verifier.LINK_ON_CHECK` documents waiting to be linked for
        reuse are linked first (:meth:`ensure_linked`); with more waiting, the report's
        warnings say so.
        """
        from .verify.verifier import LINK_ON_CHECK

        self.ensure_linked(LINK_ON_CHECK)
        return self.verifier().check(claim, k, include_unrelated=include_unrelated)

    def verifier(self, *, model: Any = None, policy: Any = None) -> Verifier:
        """The :class:`tahqiq.verify.Verifier` over this corpus.

        Without arguments, one shared verifier (the shipped model, loaded
        once); with a ``model`` or a ``policy``, a new verifier using them.
        """
        from .verify import Verifier

        if model is not None or policy is not None:
            return Verifier(self, model=model, policy=policy)
        if self._verifier is None:
            self._verifier = Verifier(self)
        return self._verifier


def _search_terms(query: str, k: int) -> list[str]:
    from .text import query_terms

    if not 0 < k <= MAX_RESULTS:
        raise InvalidQueryError(f"k must be between 1 and {MAX_RESULTS}")
    terms = query_terms(query or "")
    if not terms:
        raise InvalidQueryError("the query has no searchable words")
    return terms


def _summary(doc: Any) -> dict[str, Any]:
    return doc.summary() if isinstance(doc, Document) else dict(doc)


def _hit(doc: Document, score: float, terms: Sequence[str]) -> SearchHit:
    return SearchHit(
        doc_id=doc.doc_id,
        score=round(float(score), 4),
        title=doc.title,
        source=doc.source,
        source_path=doc.source_path,
        snippet=make_snippet(doc.sentences, terms),
        published=doc.published,
    )


def make_snippet(sentences: Sequence[Sentence], terms: Sequence[str]) -> str:
    """The sentence that holds most query terms, shortened for display."""
    from .text import tokenize

    if not sentences:
        return ""
    wanted = set(terms)
    best = max(sentences, key=lambda s: (len(wanted & set(tokenize(s.text))), -s.index))
    text = best.text
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1].rstrip() + "…"

