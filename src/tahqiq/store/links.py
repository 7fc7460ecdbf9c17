"""Reuse links in the store: written with the high-water mark of linked documents.

Links are keyed by document rowids (``a < b``); readers get
:class:`~tahqiq.types.ReuseLink` objects with document ids.  The ``meta``
entry ``reuse_linked_rowid`` records the highest rowid whose links have been
computed; it is written in the same transaction as the links, so after a
crash the reuse index knows exactly which documents still need linking.

:class:`LinkTable` reads and writes them through the public methods of
:class:`~tahqiq.store.Store` (:meth:`~tahqiq.store.Store.query`,
:meth:`~tahqiq.store.Store.query_in`, :meth:`~tahqiq.store.Store.write`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..core.types import LinkRow, ReuseLink

if TYPE_CHECKING:  # pragma: no cover
    from .sqlite import Store

LINKED_KEY = "reuse_linked_rowid"
_FLIP = {"a->b": "b->a", "b->a": "a->b", "unknown": "unknown"}
_SELECT = (
    "SELECT da.doc_id, db.doc_id, l.spans_a, l.spans_b, l.shared_fraction, l.direction,"
    " l.direction_basis, l.reason FROM reuse_links AS l"
    " JOIN documents AS da ON da.rowid = l.a JOIN documents AS db ON db.rowid = l.b"
)
_LINK_ROWS = "SELECT rowid, doc_id, text, published, source, search_text FROM documents"


class LinkTable:
    """The reuse links of one :class:`~tahqiq.store.Store`, and the rows linking reads.

    >>> links = LinkTable(store)                  # doctest: +SKIP
    >>> links.pending(), links.count()            # doctest: +SKIP
    """

    def __init__(self, store: Store) -> None:
        #: The store the links live in.
        self.store = store

    # -- writing ----------------------------------------------------------------------
    def save(self, rows: Iterable[tuple[int, int, ReuseLink]], linked_rowid: int) -> int:
        """Insert (or replace) links given as ``(rowid, rowid, link)`` and advance the mark
        to ``linked_rowid``, in one transaction.  Returns how many links were written."""
        values = [_row(a, b, link) for a, b, link in rows]
        with self.store.write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO reuse_links (a, b, spans_a, spans_b, shared_fraction,"
                " direction, direction_basis, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         (LINKED_KEY, str(linked_rowid)))
        return len(values)

    def clear(self) -> None:
        """Delete every link and reset the mark (before a rebuild)."""
        with self.store.write() as conn:
            conn.execute("DELETE FROM reuse_links")
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '0')", (LINKED_KEY,))

    # -- the mark ---------------------------------------------------------------------
    def linked_rowid(self) -> int:
        """The highest rowid whose links are stored (0: none)."""
        value = self.store.get_meta(LINKED_KEY)
        return int(value) if value else 0

    def is_linked(self, doc_id: str) -> bool:
        """Whether the links of stored document ``doc_id`` have been computed."""
        rows = self.store.query("SELECT rowid FROM documents WHERE doc_id = ?", (doc_id,))
        return bool(rows) and int(rows[0][0]) <= self.linked_rowid()

    def pending(self) -> int:
        """Documents stored but not yet linked (a store query; the reuse index stays closed)."""
        return max(0, self.store.max_rowid() - self.linked_rowid())

    # -- reading links ----------------------------------------------------------------
    def load(self, doc_id: str | None = None, *, limit: int | None = None,
             offset: int = 0) -> list[ReuseLink]:
        """Stored links: all of them (a page: ``limit``, ``offset``), or those of one
        document, oriented with it as ``a``."""
        if doc_id is None:
            rows = self.store.query(f"{_SELECT} ORDER BY l.a, l.b LIMIT ? OFFSET ?",
                                    (-1 if limit is None else limit, offset))
            return [_link(r) for r in rows]
        rows = self.store.query(f"{_SELECT} WHERE da.doc_id = ? OR db.doc_id = ? ORDER BY l.a, l.b",
                                (doc_id, doc_id))
        return [_orient(_link(r), doc_id) for r in rows]

    def among(self, doc_ids: Sequence[str]) -> list[ReuseLink]:
        """Links whose two documents are both in ``doc_ids``."""
        wanted = list(dict.fromkeys(doc_ids))
        if len(wanted) < 2:
            return []
        members = set(wanted)
        found: dict[tuple[str, str], ReuseLink] = {}
        for row in self.store.query_in(f"{_SELECT} WHERE da.doc_id IN ({{marks}})", wanted):
            link = _link(row)
            if link.b in members:
                found[(link.a, link.b)] = link
        return list(found.values())

    def count(self) -> int:
        """How many links are stored."""
        return int(self.store.query("SELECT count(*) FROM reuse_links")[0][0])

    # -- documents to link ------------------------------------------------------------
    def iter_rows(self, after_rowid: int = 0, batch: int = 500) -> Iterator[LinkRow]:
        """The link rows of documents after ``after_rowid``, in rowid order, ``batch`` per query."""
        last = after_rowid
        while True:
            rows = self.store.query(f"{_LINK_ROWS} WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                    (last, batch))
            yield from map(LinkRow._make, rows)
            if len(rows) < batch:
                return
            last = rows[-1][0]

    def rows_by_rowid(self, rowids: Iterable[int]) -> dict[int, LinkRow]:
        """rowid -> link row of the stored documents with these rowids (absent ones left out)."""
        rows = self.store.query_in(f"{_LINK_ROWS} WHERE rowid IN ({{marks}})", rowids)
        return {row[0]: LinkRow._make(row) for row in rows}


def flip(link: ReuseLink) -> ReuseLink:
    """The same link with ``a`` and ``b`` swapped."""
    return ReuseLink(link.b, link.a, link.spans_b, link.spans_a, link.shared_fraction,
                     _FLIP[link.direction], link.direction_basis, link.reason)


def _row(a: int, b: int, link: ReuseLink) -> tuple[Any, ...]:
    if a > b:
        a, b, link = b, a, flip(link)
    return (a, b, json.dumps([list(s) for s in link.spans_a]),
            json.dumps([list(s) for s in link.spans_b]), link.shared_fraction, link.direction,
            link.direction_basis, link.reason)


def _link(row: Any) -> ReuseLink:
    spans_a = tuple(tuple(s) for s in json.loads(row[2]))
    spans_b = tuple(tuple(s) for s in json.loads(row[3]))
    return ReuseLink(row[0], row[1], spans_a, spans_b, row[4], row[5], row[6], row[7])


def _orient(link: ReuseLink, doc_id: str) -> ReuseLink:
    return link if link.a == doc_id else flip(link)


__all__ = ["LINKED_KEY", "LinkTable", "flip"]
