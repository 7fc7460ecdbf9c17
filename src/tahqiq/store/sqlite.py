"""The SQLite document store: the source of truth of a tahqiq desk.

One :class:`Store` holds one connection.  The database runs in WAL mode, so
any number of readers (other ``Store`` objects, other processes) read a
consistent snapshot while one writer writes.  Writes take the write lock up
front (``BEGIN IMMEDIATE``) and wait up to ``timeout`` seconds for it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from ..core.clock import utc_now
from ..core.errors import InvalidQueryError, NotFoundError, StoreError
from ..core.types import Document, DocumentStatus, SearchRow, Sentence, StoredDocument, StoreStats
from .migrations import MIGRATIONS, original_hash, transaction

log = logging.getLogger(__name__)

#: Shortest id prefix :meth:`Store.get` accepts.
MIN_PREFIX = 6

#: Ids looked up per ``IN (...)`` query.
_CHUNK = 500

_DOC_COLUMNS = (
    "rowid, doc_id, title, source, url, source_path, published, lang, fmt,"
    " original, text, search_text, normalizer_version"
)
_SUMMARY_COLUMNS = "doc_id, title, source, source_path, url, published, lang"
_INSERT_DOC = (
    "INSERT INTO documents (doc_id, title, source, url, source_path, published, lang, fmt,"
    " original, text, search_text, normalizer_version, added_at, original_hash)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SENTENCE = 'INSERT INTO sentences (doc, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)'



def _switch_to_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """``PRAGMA journal_mode = WAL``, retried while another process holds the file.

    SQLite answers "database is locked" to this pragma at once, without waiting out
    the busy timeout, when another connection is creating or migrating the same new
    database: two ingests started together on a fresh file then failed one of them.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def rows_in(run: Callable[[str, Sequence[Any]], Iterable[Any]], sql: str,
            values: Iterable[Any]) -> list[Any]:
    """Rows of ``sql``, whose ``IN ({marks})`` list takes ``values`` (each once), run by
    ``run(sql, parameters)`` ``_CHUNK`` values at a time."""
    unique = list(dict.fromkeys(values))
    rows: list[Any] = []
    for i in range(0, len(unique), _CHUNK):
        chunk = unique[i : i + _CHUNK]
        rows += run(sql.format(marks=",".join("?" * len(chunk))), chunk)
    return rows

class Store:
    """Documents in a SQLite database (WAL mode, migrated on open).

    ``readonly=True`` opens the file with ``mode=ro``: nothing is created or
    migrated, and writes fail with :class:`~tahqiq.errors.StoreError`.
    Use as a context manager or call :meth:`close`.
    """

    def __init__(self, path: Path | str, *, readonly: bool = False, timeout: float = 10.0):
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        self._conn = self._connect(timeout)
        try:
            self.schema_version = self._prepare(timeout)
        except BaseException:
            self._conn.close()
            raise

    # -- opening --------------------------------------------------------------
    def _connect(self, timeout: float) -> sqlite3.Connection:
        if self.readonly and not self.path.is_file():
            raise StoreError(f"no database at {self.path}")
        target, uri = str(self.path), False
        if self.readonly:
            target, uri = f"file:{quote(str(self.path.resolve()))}?mode=ro", True
        try:
            return sqlite3.connect(
                target, timeout=timeout, isolation_level=None, uri=uri, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc

    def _prepare(self, timeout: float) -> int:
        conn = self._conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if not self.readonly:
                _switch_to_wal(conn, timeout)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            if self.readonly:
                version = MIGRATIONS.check(conn)
                if version < MIGRATIONS.version:
                    raise StoreError(
                        f"{self.path} has schema version {version}, this tahqiq needs "
                        f"{MIGRATIONS.version}: open it once read-write to migrate it"
                    )
                return version
            return MIGRATIONS.apply(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path} is not a usable tahqiq database (SQLite: {exc})"
            ) from exc

    # -- lifetime -------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row | tuple]:
        """Every row of one read statement (errors become :class:`StoreError`)."""
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: {exc}") from exc

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: the connection, under the store's lock; committed when
        the block ends, rolled back on error (errors become :class:`StoreError`)."""
        with self._lock:
            try:
                with transaction(self._conn) as conn:
                    yield conn
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    # -- writing --------------------------------------------------------------
    def add_documents(self, docs: Iterable[Document]) -> list[DocumentStatus]:
        """Store new documents in one transaction; report each in input order.

        A document whose ``doc_id`` is already stored (or appeared earlier in
        the same batch) is a ``"duplicate"`` and overwrites nothing.
        """
        docs = list(docs)
        if not docs:
            return []
        now = utc_now()
        statuses: list[DocumentStatus] = []
        with self.write() as conn:
            seen = self._existing(conn, [d.doc_id for d in docs])
            hashes = [original_hash(d.original) for d in docs]
            stored = self._existing_originals(conn, hashes)
            sentences: list[tuple[int, int, int, int, str]] = []
            for doc, digest in zip(docs, hashes, strict=True):
                # the same original may be stored under an older normalizer's id
                doc_id = stored.get(digest, doc.doc_id)
                status = "duplicate" if digest in stored or doc_id in seen else "added"
                if status == "added":
                    seen.add(doc_id)
                    stored[digest] = doc_id
                    rowid = conn.execute(_INSERT_DOC, _doc_row(doc, now, digest)).lastrowid
                    sentences.extend(
                        (rowid, s.index, s.start, s.end, s.text) for s in doc.sentences
                    )
                statuses.append(DocumentStatus(doc_id, status, doc.source_path, doc.url))
            conn.executemany(_INSERT_SENTENCE, sentences)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('normalizer_version', ?)",
                (docs[-1].normalizer_version,),
            )
        return statuses

    def stale_documents(self, version: str, after_rowid: int = 0, limit: int = 500
                        ) -> list[StoredDocument]:
        """Documents cleaned by another normalizer than ``version``, after ``after_rowid``
        in rowid order, each without sentences (see :meth:`replace_texts`)."""
        rows = self.query(
            f"SELECT {_DOC_COLUMNS} FROM documents WHERE rowid > ? AND normalizer_version != ?"
            " ORDER BY rowid LIMIT ?",
            (after_rowid, version, limit),
        )
        return [StoredDocument(row[0], _document(row, ())) for row in rows]

    def count_stale(self, version: str) -> int:
        """How many documents were cleaned by another normalizer than ``version``."""
        rows = self.query("SELECT count(*) FROM documents WHERE normalizer_version != ?", (version,))
        return int(rows[0][0])

    def replace_texts(self, docs: Sequence[StoredDocument]) -> None:
        """Replace the title, display text, search form, sentences and normalizer version
        of stored documents, by rowid, in one transaction.  Ids, originals, dates,
        sources and reuse links stay as they are."""
        if not docs:
            return
        with self.write() as conn:
            conn.executemany(
                "UPDATE documents SET title = ?, text = ?, search_text = ?,"
                " normalizer_version = ? WHERE rowid = ?",
                [(d.document.title, d.document.text, d.document.search_text,
                  d.document.normalizer_version, d.rowid) for d in docs])
            conn.executemany("DELETE FROM sentences WHERE doc = ?", [(d.rowid,) for d in docs])
            conn.executemany(_INSERT_SENTENCE, [
                (d.rowid, s.index, s.start, s.end, s.text) for d in docs for s in d.document.sentences])
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('normalizer_version', ?)",
                (docs[-1].document.normalizer_version,))

    @staticmethod
    def _existing_originals(conn: sqlite3.Connection, hashes: list[str]) -> dict[str, str]:
        """Original-text hash -> stored doc_id, for the hashes already stored."""
        rows = rows_in(conn.execute, "SELECT original_hash, doc_id FROM documents"
                       " WHERE original_hash IN ({marks})", hashes)
        return {row[0]: row[1] for row in rows}

    @staticmethod
    def _existing(conn: sqlite3.Connection, doc_ids: list[str]) -> set[str]:
        rows = rows_in(conn.execute, "SELECT doc_id FROM documents WHERE doc_id IN ({marks})", doc_ids)
        return {row[0] for row in rows}

    def query_in(self, sql: str, values: Iterable[Any]) -> list[Any]:
        """Rows of a read query whose ``IN ({marks})`` list takes ``values`` (each once, a
        chunk at a time: SQLite limits the parameters of one statement)."""
        return rows_in(self.query, sql, values)

    def get_meta(self, key: str) -> str | None:
        """A value of the ``meta`` table, or ``None``."""
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    # -- reading --------------------------------------------------------------
    def get(self, doc_id: str) -> Document:
        """One document by id or by a unique id prefix of >= 6 characters.

        Raises :class:`NotFoundError` when nothing matches (or a prefix matches
        several) and :class:`InvalidQueryError` for a shorter prefix that is not an id.
        """
        rows = self.query(f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,))
        if not rows and len(doc_id) >= MIN_PREFIX:
            rows = self.query(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id >= ? AND doc_id < ? LIMIT 2",
                (doc_id, doc_id + "\U0010ffff"),
            )
            if len(rows) > 1:
                raise NotFoundError(f"the id prefix {doc_id!r} matches several documents")
        if not rows and len(doc_id) < MIN_PREFIX:
            raise InvalidQueryError(f"the id prefix {doc_id!r} is too short: give at least "
                                    f"{MIN_PREFIX} characters of the id")
        if not rows:
            raise NotFoundError(f"no document {doc_id!r}")
        return self._documents(rows)[0]

    def has(self, doc_id: str) -> bool:
        """Whether a document with exactly this id is stored."""
        return bool(self.query("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)))

    def get_many(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """Full documents (with sentences) by exact id; absent ids are left out."""
        rows = self.query_in(f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id IN ({{marks}})",
                             doc_ids)
        return {doc.doc_id: doc for doc in self._documents(rows)}

    def _documents(self, rows: list[Any]) -> list[Document]:
        by_doc: dict[int, list[Sentence]] = {row[0]: [] for row in rows}
        for doc, idx, start, end, text in self.query_in(
                'SELECT doc, idx, start, "end", text FROM sentences WHERE doc IN ({marks})'
                " ORDER BY doc, idx", by_doc):
            by_doc[doc].append(Sentence(idx, start, end, text))
        return [_document(row, tuple(by_doc[row[0]])) for row in rows]

    def list_documents(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Summaries of stored documents, oldest first.

        Each is a dict with the keys of :meth:`Document.summary`; texts and
        sentences are not loaded, so listing stays cheap on a large store.
        """
        rows = self.query(
            f"SELECT {_SUMMARY_COLUMNS} FROM documents ORDER BY rowid LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        keys = ("doc_id", "title", "source", "source_path", "url", "published", "lang")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def iter_search_rows(self, after_rowid: int = 0, batch: int = 1000) -> Iterator[SearchRow]:
        """The search rows of documents after ``after_rowid``, in rowid order."""
        last = after_rowid
        while True:
            rows = self.query(
                "SELECT rowid, doc_id, search_text FROM documents WHERE rowid > ?"
                " ORDER BY rowid LIMIT ?",
                (last, batch),
            )
            yield from map(SearchRow._make, rows)
            if len(rows) < batch:
                return
            last = rows[-1][0]

    def max_rowid(self) -> int:
        """The highest document rowid (0 when empty)."""
        return int(self.query("SELECT coalesce(max(rowid), 0) FROM documents")[0][0])

    def count(self) -> int:
        """How many documents are stored."""
        return int(self.query("SELECT count(*) FROM documents")[0][0])

    def stats(self) -> StoreStats:
        """Counts of what is stored."""
        docs = self.count()
        sentences = int(self.query("SELECT count(*) FROM sentences")[0][0])
        first, last = self.query("SELECT min(published), max(published) FROM documents")[0]
        return StoreStats(
            documents=docs,
            sentences=sentences,
            by_lang=self._counts("lang"),
            by_source=self._counts("source"),
            by_format=self._counts("fmt"),
            first_published=first,
            last_published=last,
            schema_version=self.schema_version,
            normalizer_version=self.get_meta("normalizer_version"),
        )

    def _counts(self, column: str) -> dict[str, int]:
        rows = self.query(
            f"SELECT coalesce({column}, ''), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        return {key: int(n) for key, n in rows}


class _DocumentRow(NamedTuple):
    """The parameters of :data:`_INSERT_DOC`: one row of ``documents``, in column order."""

    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    source_path: str | None
    published: str | None
    lang: str
    fmt: str
    original: str
    text: str
    search_text: str
    normalizer_version: str
    added_at: str
    original_hash: str


def _doc_row(doc: Document, now: str, digest: str) -> _DocumentRow:
    return _DocumentRow(
        doc.doc_id, doc.title, doc.source, doc.url, doc.source_path, doc.published, doc.lang,
        doc.fmt, doc.original, doc.text, doc.search_text, doc.normalizer_version, now, digest,
    )  # fmt: skip


def _document(row: Any, sentences: tuple[Sentence, ...]) -> Document:
    (_, doc_id, title, source, url, source_path, published, lang, fmt) = row[:9]
    original, text, search_text, version = row[9:]
    return Document(
        doc_id=doc_id,
        original=original,
        text=text,
        search_text=search_text,
        sentences=sentences,
        lang=lang,
        normalizer_version=version,
        fmt=fmt,
        title=title,
        source=source,
        url=url,
        source_path=source_path,
        published=published,
    )
