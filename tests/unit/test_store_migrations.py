"""Store opening: fresh database, re-open, future schema, corrupt files."""

from __future__ import annotations

import sqlite3

import pytest
from _doc_factory import make_doc

from tahqiq.errors import SchemaVersionError, StoreError
from tahqiq.store import MIGRATIONS, Migrations, Store


def test_fresh_database_is_migrated_and_in_wal_mode(tmp_path):
    db = tmp_path / "desk.db"
    with Store(db) as store:
        assert store.schema_version == MIGRATIONS.version >= 1
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY id")]
    assert names == MIGRATIONS.names
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "sentences", "meta", "_migrations"} <= tables


def test_reopen_keeps_data_and_does_not_reapply(tmp_path):
    db = tmp_path / "desk.db"
    with Store(db) as store:
        store.add_documents([make_doc("كتب الولد الدرس")])
    with Store(db) as store:
        assert store.count() == 1
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == MIGRATIONS.version


def test_database_from_a_newer_schema_is_refused(tmp_path):
    db = tmp_path / "desk.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _migrations (migration_set, name, applied_at) VALUES ('tahqiq', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(SchemaVersionError, match="upgrade tahqiq"):
        Store(db)
    with pytest.raises(SchemaVersionError):
        Store(db, readonly=True)


def test_non_sqlite_file_is_a_clear_store_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is certainly not a database file\n" * 100)
    with pytest.raises(StoreError, match="not a usable tahqiq database"):
        Store(bad)


def test_readonly_refuses_missing_file_and_writes(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "absent.db", readonly=True)
    db = tmp_path / "desk.db"
    Store(db).close()
    with Store(db, readonly=True) as store:
        assert store.count() == 0
        with pytest.raises(StoreError):
            store.add_documents([make_doc("نص للقراءة فقط")])


def test_readonly_refuses_an_unmigrated_database(tmp_path):
    db = tmp_path / "empty.db"
    sqlite3.connect(db).execute("CREATE TABLE other (x)").connection.close()
    with pytest.raises(StoreError, match="open it once read-write"):
        Store(db, readonly=True)


def test_migrations_apply_in_order_and_only_once(tmp_path):
    calls = []
    steps = Migrations("demo")

    @steps
    def m001_a(conn):
        calls.append("a")
        conn.execute("CREATE TABLE a (x)")

    @steps
    def m002_b(conn):
        calls.append("b")
        conn.execute("CREATE TABLE b (x)")

    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    assert steps.apply(conn) == 2
    assert steps.apply(conn) == 2
    assert calls == ["a", "b"]
    with pytest.raises(ValueError, match="duplicate"):
        steps(m001_a)


def test_failed_migration_rolls_back(tmp_path):
    steps = Migrations("broken")

    @steps
    def m001_boom(conn):
        conn.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    with pytest.raises(RuntimeError):
        steps.apply(conn)
    assert steps.applied(conn) == []
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name='half'").fetchone()


def test_original_hashes_are_backfilled_for_documents_stored_before_them(tmp_path):
    from tahqiq.store.migrations import m001_initial, original_hash

    db = tmp_path / "old.db"
    older = Migrations("tahqiq")  # what a tahqiq with only the first migration applied
    older(m001_initial)
    doc = make_doc("نفى المسؤول صحة الخبر. وأكد أن الاجتماع لم يعقد.")
    conn = sqlite3.connect(db)
    older.apply(conn)
    conn.execute(
        "INSERT INTO documents (doc_id, lang, fmt, original, text, search_text,"
        " normalizer_version, added_at) VALUES (?, 'ar', 'txt', ?, ?, ?, 'v0', 'then')",
        (doc.doc_id, doc.original, doc.text, doc.search_text),
    )
    conn.commit()
    conn.close()
    assert MIGRATIONS.names[:2] == ["m001_initial", "m002_original_hash"]
    with Store(db) as store:
        [row] = store.query("SELECT original_hash FROM documents")
        assert row[0] == original_hash(doc.original)
        [status] = store.add_documents([doc])
        assert status.status == "duplicate"
