"""What the verifier needs of a corpus: the :class:`EvidenceSource` port.

:class:`~tahqiq.verify.Verifier` depends on this protocol, not on the
:class:`~tahqiq.corpus.Corpus` facade, so it can be tested against a few
documents in memory, and a check only reads: linking new documents for reuse
is a step the caller takes first (:meth:`EvidenceSource.ensure_linked`) or
leaves, and the report then says how many articles wait to be linked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from ..core.types import Capture, Document, ReuseLink


@runtime_checkable
class EvidenceSource(Protocol):
    """The articles a claim is checked against (a :class:`~tahqiq.corpus.Corpus` is one)."""

    def rank(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        """``(doc_id, score)`` of the ``k`` best documents for ``query``, best first;
        :class:`~tahqiq.errors.InvalidQueryError` when it has no searchable words."""
        ...

    def documents(self, doc_ids: Sequence[str]) -> dict[str, Document]:
        """The stored documents with these ids (missing ids are left out)."""
        ...

    def count(self) -> int:
        """How many documents are stored."""
        ...

    def links_among(self, doc_ids: Sequence[str]) -> list[ReuseLink]:
        """The reuse links found so far between documents of ``doc_ids``."""
        ...

    def pending_links(self) -> int:
        """Stored documents not yet checked for reuse."""
        ...

    def first_captures(self, doc_ids: Sequence[str]) -> dict[str, Capture]:
        """For each fetched document of ``doc_ids``, the archived answer it was first read
        from (documents ingested from files have none and are left out)."""
        ...

    def later_versions(self, doc_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """For each document of ``doc_ids`` whose page was read again with other words
        since, the newest version: ``(doc_id, first read at)``."""
        ...

    def ensure_linked(self, limit: int) -> int:
        """Link the pending documents when at most ``limit`` wait (a write); return how
        many were linked.  A read-only source links nothing."""
        ...


__all__ = ["EvidenceSource"]
