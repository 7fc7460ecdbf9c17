"""SQLite FTS5 engine: BM25 search with no extra dependency.

The index is a separate SQLite file (``fts5.sqlite``) inside the index
directory: a contentless FTS5 table keyed by the store rowid, a rowid ->
doc_id map and a small state table.  Adds and the state (last rowid) commit
in one SQLite transaction, so this engine is always self-consistent.

FTS5's ``bm25()`` uses k1 = 1.2, b = 0.75 and idf = ln((N - n + 0.5) /
(n + 0.5)), floored at 1e-6 for terms in more than half of the documents.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from ..core.errors import IndexMismatchError, SearchIndexError
from ..core.manifest import ArtifactManifest
from .base import Row, SearchIndex
from .manifest import expect, new_manifest, read_manifest, sha256_text

DB_FILE = "fts5.sqlite"
_SCHEMA = (
    "CREATE VIRTUAL TABLE fts USING fts5(body, content='',"
    " tokenize='unicode61 remove_diacritics 0')",
    "CREATE TABLE docmap (rowid INTEGER PRIMARY KEY, doc_id TEXT NOT NULL)",
    "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


#: FTS5 has no per-term boost: a weighted term is repeated in the OR (its BM25
#: contribution adds up once per repetition), from 1 up to this many times.
MAX_REPEATS = 4


def match_expression(terms: list[str], weights: Mapping[str, float] | None = None) -> str:
    """An FTS5 MATCH string: each term a quoted string, joined by OR.

    Quoting makes every character literal (``"`` is doubled), so user text
    can never be read as FTS5 syntax (AND, NOT, NEAR, ``*``, ``:``, ``^``...).
    With ``weights``, each term appears :func:`repeats` times.
    """
    counts = repeats(terms, weights)
    return " OR ".join(" OR ".join(['"' + t.replace('"', '""') + '"'] * counts[t]) for t in terms)


def repeats(terms: list[str], weights: Mapping[str, float] | None) -> dict[str, int]:
    """Weights quantized to repetitions: the lightest term once, the heaviest :data:`MAX_REPEATS`."""
    if not weights:
        return dict.fromkeys(terms, 1)
    values = {t: float(weights.get(t, 1.0)) for t in terms}
    low, high = min(values.values()), max(values.values())
    if high - low < 1e-9:
        return dict.fromkeys(terms, 1)
    scale = (MAX_REPEATS - 1) / (high - low)
    return {t: 1 + round((w - low) * scale) for t, w in values.items()}


class Fts5Index(SearchIndex):
    """BM25 search in an SQLite FTS5 table."""

    engine = "fts5"
    format_version = 2  # 2: the one artifact manifest (tahqiq.core.manifest)

    def __init__(self, path: Path, manifest: ArtifactManifest, conn: sqlite3.Connection) -> None:
        super().__init__(path, manifest)
        self._conn = conn
        self._in_tx = False

    # -- opening ----------------------------------------------------------------
    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(
            path / DB_FILE, isolation_level=None, timeout=30.0, check_same_thread=False
        )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    @classmethod
    def create(cls, path: Path, normalizer_version: str) -> Fts5Index:
        """A new, empty index in ``path`` (which must be empty or absent)."""
        path.mkdir(parents=True, exist_ok=True)
        conn = cls._connect(path)
        with conn:
            conn.execute("BEGIN")
            for sql in _SCHEMA:
                conn.execute(sql)
            conn.execute("INSERT INTO state VALUES ('last_rowid', '0')")
        manifest = new_manifest(cls.engine, cls.format_version, normalizer_version)
        index = cls(path, manifest, conn)
        index._write_manifest()
        return index

    @classmethod
    def load(cls, path: Path, normalizer_version: str) -> Fts5Index:
        """Open an existing index; :class:`IndexMismatchError` if it does not match."""
        manifest = read_manifest(path)
        expect(manifest, cls.engine, cls.format_version, normalizer_version)
        if not (path / DB_FILE).is_file():
            raise IndexMismatchError(f"{path / DB_FILE} is missing")
        try:
            conn = cls._connect(path)
            index = cls(path, manifest, conn)
            found = index._checksums()
            if found != dict(manifest.files):
                conn.close()
                raise IndexMismatchError(f"{path}: index schema differs from its manifest")
            # the state table commits with the rows: it is the truth after a crash
            row = conn.execute("SELECT value FROM state WHERE key = 'last_rowid'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise IndexMismatchError(f"{path / DB_FILE} is unreadable: {exc}") from exc
        index._last_rowid = int(row[0]) if row else 0
        return index

    # -- engine hooks -------------------------------------------------------------
    def _acquire(self) -> int | None:
        try:
            self._begin()
        except SearchIndexError:
            return None
        row = self._conn.execute("SELECT value FROM state WHERE key = 'last_rowid'").fetchone()
        return int(row[0]) if row else 0

    def _begin(self) -> None:
        if not self._in_tx:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise SearchIndexError(f"cannot write the index {self.path}: {exc}") from exc
            self._in_tx = True

    def _add(self, rows: list[Row]) -> None:
        self._begin()
        self._conn.executemany(
            "INSERT INTO fts (rowid, body) VALUES (?, ?)", [(r, text) for r, _, text in rows]
        )
        self._conn.executemany(
            "INSERT INTO docmap (rowid, doc_id) VALUES (?, ?)", [(r, d) for r, d, _ in rows]
        )

    def _commit(self) -> None:
        self._conn.execute(
            "UPDATE state SET value = ? WHERE key = 'last_rowid'", (str(self._last_rowid),)
        )
        self._conn.execute("COMMIT")
        self._in_tx = False

    def _clear(self) -> None:
        self._conn.execute("DELETE FROM docmap")
        self._conn.execute("INSERT INTO fts (fts) VALUES ('delete-all')")

    def _search(self, terms: list[str], k: int,
                weights: Mapping[str, float] | None = None) -> list[tuple[str, float]]:
        try:
            rows = self._conn.execute(
                "SELECT d.doc_id, -f.rank FROM"
                " (SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?) AS f"
                " JOIN docmap AS d ON d.rowid = f.rowid ORDER BY f.rank",
                (match_expression(terms, weights), k),
            ).fetchall()
        except sqlite3.Error as exc:
            raise SearchIndexError(f"FTS5 search failed: {exc}") from exc
        return [(doc_id, float(score)) for doc_id, score in rows]

    def _count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM docmap").fetchone()[0])

    def _doc_freqs(self, terms: list[str]) -> dict[str, int]:
        # a temp vocabulary table reads the FTS index itself and changes no schema
        self._conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab"
                           " USING fts5vocab(main, fts, row)")
        found: dict[str, int] = {}
        for start in range(0, len(terms), 500):
            chunk = terms[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self._conn.execute(
                f"SELECT term, doc FROM temp.vocab WHERE term IN ({marks})", chunk).fetchall())
        return found

    def _checksums(self) -> dict[str, str]:
        schema = self._conn.execute(
            "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master"
            " WHERE sql IS NOT NULL ORDER BY name)"
        ).fetchone()[0]
        return {"schema": sha256_text(schema or "")}

    def _close(self) -> None:
        if self._in_tx:
            self._conn.execute("ROLLBACK")
            self._in_tx = False
        self._conn.close()
