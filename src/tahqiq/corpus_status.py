"""What a corpus holds and how far its derived indexes lag: counts for the CLI and the API.

:class:`CorpusStatus` is mixed into :class:`tahqiq.corpus.Corpus`; callers use
these methods rather than reaching into the corpus's store or indexes.  Each is
a query: none writes, links or indexes anything (the search index a writable
corpus opens on first use catches up with the store, as
:attr:`~tahqiq.corpus.Corpus.index` always does).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .core.types import Capture
    from .index.base import SearchIndex
    from .store.fetching import CaptureTable
    from .store.links import LinkTable
    from .store.sqlite import Store


class CorpusStatus:
    """Counts of a corpus's store, search index and reuse links (a mixin of ``Corpus``)."""

    if TYPE_CHECKING:  # provided by Corpus
        @property
        def store(self) -> Store: ...
        @property
        def index(self) -> SearchIndex: ...
        @property
        def link_table(self) -> LinkTable: ...

    # -- the search index -------------------------------------------------------------
    def indexed_count(self) -> int:
        """Documents the search index holds (visible to searches)."""
        return self.index.count()

    def index_lag(self) -> int:
        """Stored documents the search index does not hold yet: another process holds
        its writer (that process, or the next command, indexes them)."""
        return max(0, self.store.max_rowid() - self.index.last_rowid)

    def stale_count(self) -> int:
        """Stored documents cleaned by another normalizer than this tahqiq's (see
        :meth:`~tahqiq.corpus.Corpus.reindex`)."""
        from .text import NORMALIZER_VERSION

        return self.store.count_stale(NORMALIZER_VERSION)

    # -- reuse links ------------------------------------------------------------------
    def link_count(self) -> int:
        """How many reuse links are stored (no linking)."""
        return self.link_table.count()

    def pending_links(self) -> int:
        """Stored documents not yet checked for reuse (cheap: the reuse index stays closed)."""
        return self.link_table.pending()

    # -- archived captures ----------------------------------------------------------------
    @property
    def capture_table(self) -> CaptureTable:
        """The store's fetched answers, failures and page versions."""
        from .store.fetching import CaptureTable

        return CaptureTable(self.store)

    def captures(self, doc_id: str) -> list[Capture]:
        """Where the stored document with this full id was fetched from: its archived
        responses (time, status, sha256, WARC record), oldest first; none for a file."""
        return self.capture_table.of_document(doc_id)

    def first_captures(self, doc_ids: Sequence[str]) -> dict[str, Capture]:
        """For each fetched document of ``doc_ids``, the archived answer it was first read
        from (the report cites it); documents from files are left out."""
        return {doc: found[0] for doc, found in self.capture_table.of_documents(doc_ids).items()}

    def later_versions(self, doc_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """For each document of ``doc_ids`` whose page was read again with other words
        since, the newest version: ``(doc_id, first read at)`` (the report flags it)."""
        return self.capture_table.later_versions(doc_ids)

    def revisions(self, doc_id: str) -> list[tuple[str, str, str]]:
        """Every version of the page the document with this full id was fetched from,
        oldest first: ``(doc_id, first read at, URL)`` (one entry, or none, when the page
        never changed or the document came from a file)."""
        return self.capture_table.versions(doc_id)

    def is_linked(self, doc_id: str) -> bool:
        """Whether the reuse links of the stored document with this full id have been computed."""
        return self.link_table.is_linked(doc_id)


__all__ = ["CorpusStatus"]
