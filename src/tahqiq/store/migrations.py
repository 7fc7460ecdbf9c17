"""Schema migrations of the document store, applied in order.

In the style of ``sqlite-migrate``/``sqlite-utils``: each migration is a
function registered with :meth:`Migrations.__call__` and recorded by name in
the ``_migrations`` table once applied.  Migrations are append-only: never
edit or reorder a released one, add a new one instead.

The schema version of a database is the number of migrations applied to it.
A database that records migrations this code does not know was written by a
newer tahqiq and is refused with :class:`~tahqiq.errors.SchemaVersionError`.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..core.clock import utc_now
from ..core.errors import SchemaVersionError

Migration = Callable[[sqlite3.Connection], None]


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error).

    The connection must be in autocommit mode (``isolation_level=None``).
    ``IMMEDIATE`` takes the write lock up front, so two writers queue on the
    busy timeout instead of failing to upgrade a read lock.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Migrations:
    """An ordered, named set of migrations."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._steps: list[tuple[str, Migration]] = []

    def __call__(self, fn: Migration) -> Migration:
        """Register ``fn`` as the next migration (use as a decorator)."""
        if any(name == fn.__name__ for name, _ in self._steps):
            raise ValueError(f"duplicate migration name: {fn.__name__}")
        self._steps.append((fn.__name__, fn))
        return fn

    @property
    def names(self) -> list[str]:
        """Names of the registered migrations, in order."""
        return [name for name, _ in self._steps]

    @property
    def version(self) -> int:
        """The schema version this code writes."""
        return len(self._steps)

    def applied(self, conn: sqlite3.Connection) -> list[str]:
        """Names of the migrations recorded in ``conn`` (empty if none)."""
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'"
        ).fetchone()
        if not has_table:
            return []
        rows = conn.execute(
            "SELECT name FROM _migrations WHERE migration_set = ? ORDER BY id", (self.name,)
        )
        return [row[0] for row in rows]

    def check(self, conn: sqlite3.Connection) -> int:
        """Refuse a database written by a newer schema; return its version."""
        done = self.applied(conn)
        unknown = [name for name in done if name not in self.names]
        if unknown or len(done) > self.version:
            raise SchemaVersionError(
                f"the database has schema migrations this tahqiq does not know "
                f"({', '.join(unknown) or len(done)}); upgrade tahqiq to open it"
            )
        return len(done)

    def apply(self, conn: sqlite3.Connection) -> int:
        """Apply pending migrations, each in its own transaction; return the version."""
        self.check(conn)
        conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations ("
            " id INTEGER PRIMARY KEY, migration_set TEXT NOT NULL, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL, UNIQUE (migration_set, name))"
        )
        for name, step in self._steps:
            with transaction(conn):
                if name in self.applied(conn):  # re-read under the write lock
                    continue
                step(conn)
                conn.execute(
                    "INSERT INTO _migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
                    (self.name, name, utc_now()),
                )
        return self.version


#: The migrations of the tahqiq document store.
MIGRATIONS = Migrations("tahqiq")


@MIGRATIONS
def m001_initial(conn: sqlite3.Connection) -> None:
    """Documents, their sentences and a key/value meta table."""
    conn.execute(
        """CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL UNIQUE,
            title TEXT, source TEXT, url TEXT, source_path TEXT, published TEXT,
            lang TEXT NOT NULL, fmt TEXT NOT NULL,
            original TEXT NOT NULL, text TEXT NOT NULL, search_text TEXT NOT NULL,
            normalizer_version TEXT NOT NULL,
            added_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE sentences (
            doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (doc, idx)
        ) WITHOUT ROWID"""
    )
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
    conn.execute("CREATE INDEX documents_published ON documents(published)")


def original_hash(original: str) -> str:
    """Identity of a document's original text, stable across normalizer versions."""
    return hashlib.sha256(original.encode("utf-8")).hexdigest()[:32]


@MIGRATIONS
def m002_original_hash(conn: sqlite3.Connection) -> None:
    """Hash of the original text, so that re-ingesting an article after a
    normalizer change (which changes its ``doc_id``) is still a duplicate."""
    conn.execute("ALTER TABLE documents ADD COLUMN original_hash TEXT")
    conn.create_function("tahqiq_original_hash", 1, original_hash, deterministic=True)
    conn.execute("UPDATE documents SET original_hash = tahqiq_original_hash(original)")
    conn.execute("CREATE INDEX documents_original_hash ON documents(original_hash)")


@MIGRATIONS
def m003_reuse_links(conn: sqlite3.Connection) -> None:
    """Reuse links between documents (a < b by rowid), found as documents arrive."""
    conn.execute(
        """CREATE TABLE reuse_links (
            a INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            b INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            spans_a TEXT NOT NULL, spans_b TEXT NOT NULL,
            shared_fraction REAL NOT NULL,
            direction TEXT NOT NULL, direction_basis TEXT, reason TEXT NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX reuse_links_b ON reuse_links(b)")


@MIGRATIONS
def m004_fetching(conn: sqlite3.Connection) -> None:
    """What a desk that watches the news keeps: the feeds it follows, where every
    fetched response is archived (a WARC record), and every fetch that failed."""
    conn.execute(
        """CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            outlet TEXT,
            added_at TEXT NOT NULL,
            etag TEXT, last_modified TEXT,
            last_polled TEXT, last_ok TEXT, last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0
        )"""
    )
    conn.execute(
        """CREATE TABLE captures (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL, final_url TEXT NOT NULL,
            fetched_at TEXT NOT NULL, status INTEGER NOT NULL, content_type TEXT,
            sha256 TEXT NOT NULL,
            warc_file TEXT NOT NULL, warc_offset INTEGER NOT NULL, warc_length INTEGER NOT NULL,
            doc INTEGER REFERENCES documents(rowid) ON DELETE SET NULL
        )"""
    )
    conn.execute("CREATE INDEX captures_url ON captures(url, fetched_at)")
    conn.execute("CREATE INDEX captures_final_url ON captures(final_url, fetched_at)")
    conn.execute("CREATE INDEX captures_doc ON captures(doc)")
    conn.execute(
        """CREATE TABLE fetch_failures (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL, at TEXT NOT NULL, status INTEGER, reason TEXT NOT NULL,
            feed INTEGER REFERENCES feeds(id) ON DELETE SET NULL
        )"""
    )
    conn.execute("CREATE INDEX fetch_failures_at ON fetch_failures(at)")


@MIGRATIONS
def m005_stories_and_claims(conn: sqlite3.Connection) -> None:
    """Stories (articles grouped as they arrive) and watched claims with their history.

    ``story_members`` holds each document's story (one each) with the join score;
    ``stories`` each story's first document and its dated span.  A watched claim
    keeps the judgements of the articles it was checked against (``claim_evidence``,
    so a later check judges new articles only), one row per check with its verdict
    (``claim_checks``) and the events a check raised (``claim_events``).
    """
    conn.execute(
        """CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            first_doc INTEGER NOT NULL, size INTEGER NOT NULL,
            first_time REAL, last_time REAL
        )"""
    )
    conn.execute(
        """CREATE TABLE story_members (
            doc INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
            story INTEGER NOT NULL, score REAL NOT NULL, time REAL
        )"""
    )
    conn.execute("CREATE INDEX story_members_story ON story_members(story, doc)")
    conn.execute("CREATE INDEX stories_last ON stories(last_time)")
    conn.execute(
        """CREATE TABLE watched_claims (
            id INTEGER PRIMARY KEY,
            claim TEXT NOT NULL UNIQUE,
            added_at TEXT NOT NULL,
            checked_rowid INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
        )"""
    )
    conn.execute(
        """CREATE TABLE claim_evidence (
            claim INTEGER NOT NULL REFERENCES watched_claims(id) ON DELETE CASCADE,
            doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
            score REAL NOT NULL, stance TEXT NOT NULL, judgement TEXT NOT NULL,
            judged_at TEXT NOT NULL,
            PRIMARY KEY (claim, doc)
        ) WITHOUT ROWID"""
    )
    conn.execute(
        """CREATE TABLE claim_checks (
            id INTEGER PRIMARY KEY,
            claim INTEGER NOT NULL REFERENCES watched_claims(id) ON DELETE CASCADE,
            at TEXT NOT NULL, upto_rowid INTEGER NOT NULL, new_articles INTEGER NOT NULL,
            verdict TEXT NOT NULL, confidence REAL NOT NULL, state TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX claim_checks_claim ON claim_checks(claim, id)")
    conn.execute(
        """CREATE TABLE claim_events (
            id INTEGER PRIMARY KEY,
            claim INTEGER NOT NULL REFERENCES watched_claims(id) ON DELETE CASCADE,
            check_id INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, event TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX claim_events_claim ON claim_events(claim, id)")
