"""Crash recovery, concurrent readers/writers, engine choice and fallback."""

from __future__ import annotations

import importlib.util
import multiprocessing
import sys
import threading
import time

import pytest
from _doc_factory import make_doc

import tahqiq.index as index_pkg
import tahqiq.index.base as base
from tahqiq.errors import ConfigError, MissingExtraError
from tahqiq.index import Fts5Index, open_index, resolve_engine
from tahqiq.store import Store

NV = "test-1"
ENGINES = ["tantivy", "fts5"]


@pytest.fixture(params=ENGINES)
def engine(request):
    if request.param == "tantivy":
        pytest.importorskip("tantivy")
    return request.param


def _docs(n, tag="خبر"):
    return [make_doc(f"{tag} رقم {i} عن الاقتصاد والسياسة في البلاد") for i in range(n)]


def _crash_after_uncommitted_add(db, index_path, engine):
    with Store(db) as store:
        index = open_index(index_path, normalizer_version=NV, engine=engine, store=store)
        store.add_documents(_docs(30, "لاحق"))  # store committed ...
        index.add(store.iter_search_rows(index.last_rowid))  # ... index not
        import os

        os._exit(1)


def test_crash_between_store_and_index_commit_is_caught_up(tmp_path, engine):
    db, index_path = tmp_path / "desk.db", tmp_path / "desk.db.index"
    with Store(db) as store:
        store.add_documents(_docs(20))
        open_index(index_path, normalizer_version=NV, engine=engine, store=store).close()
    proc = multiprocessing.get_context("spawn").Process(
        target=_crash_after_uncommitted_add, args=(db, index_path, engine)
    )
    proc.start()
    proc.join(60)
    assert proc.exitcode == 1
    with Store(db) as store:
        assert store.count() == 50
        index = open_index(index_path, normalizer_version=NV, engine=engine, store=store)
        assert index.info()["last_rowid"] == 20  # behind the store
        assert index.sync(store) == 30
        assert index.info()["doc_count"] == 50
        assert len(index.search(["لاحق"], k=100)) == 30
        index.close()


def test_crash_between_index_commit_and_manifest_write(tmp_path, engine, monkeypatch):
    db, index_path = tmp_path / "desk.db", tmp_path / "desk.db.index"
    with Store(db) as store:
        store.add_documents(_docs(10))
        index = open_index(index_path, normalizer_version=NV, engine=engine, store=store)
        store.add_documents(_docs(5, "لاحق"))

        def crash(*args):
            raise OSError("disk full")

        monkeypatch.setattr(base, "write_manifest", crash)
        with pytest.raises(OSError):
            index.sync(store)
        monkeypatch.undo()
        index._close()  # the process dies: no manifest written
        reopened = open_index(index_path, normalizer_version=NV, engine=engine, store=store)
        reopened.sync(store)
        assert reopened.info()["doc_count"] == 15  # no row lost, none twice
        assert len(reopened.search(["لاحق"], k=100)) == 5
        reopened.close()


def test_readers_search_while_a_writer_adds(tmp_path, engine):
    db, index_path = tmp_path / "desk.db", tmp_path / "desk.db.index"
    errors, counts = [], []
    with Store(db) as store:
        store.add_documents(_docs(5, "بداية"))
        writer = open_index(index_path, normalizer_version=NV, engine=engine, store=store)
        writer.add(store.iter_search_rows())  # the writer is now held
        writer.commit()
        reader = open_index(index_path, normalizer_version=NV, engine=engine)
        done = threading.Event()

        def read():
            try:
                while not done.is_set():
                    counts.append(len(reader.search(["الاقتصاد"], k=1000)))
                    synced = reader.sync(store)
                    if engine == "tantivy":  # the writer is held: sync is a no-op
                        assert synced == 0
            except Exception as exc:
                errors.append(exc)

        thread = threading.Thread(target=read)
        thread.start()
        for b in range(10):
            store.add_documents(_docs(10, f"دفعة{b}"))
            writer.sync(store)
        done.set()
        thread.join()
        assert not errors, errors
        assert counts and counts == sorted(counts)
        deadline = time.time() + 5  # tantivy readers reload shortly after a commit
        while len(reader.search(["الاقتصاد"], k=1000)) < 105 and time.time() < deadline:
            time.sleep(0.05)
        assert len(reader.search(["الاقتصاد"], k=1000)) == 105
        assert writer.info()["doc_count"] == 105  # no row indexed twice
        writer.close()
        reader.close()


def test_a_stale_process_does_not_index_rows_twice(tmp_path, engine):
    db, index_path = tmp_path / "desk.db", tmp_path / "desk.db.index"
    with Store(db) as store:
        store.add_documents(_docs(5))
        stale = open_index(index_path, normalizer_version=NV, engine=engine, store=store)
        stale._close()
        stale = open_index(index_path, normalizer_version=NV, engine=engine)
        fresh = open_index(index_path, normalizer_version=NV, engine=engine)
        store.add_documents(_docs(7, "جديد"))
        assert fresh.sync(store) == 7
        fresh.close()
        assert stale.sync(store) == 0  # it re-reads the last rowid under the write lock
        assert stale.info()["doc_count"] == 12
        stale.close()


def test_auto_prefers_tantivy_and_falls_back_to_fts5(tmp_path, monkeypatch):
    real = importlib.util.find_spec
    if real("tantivy") is not None:
        assert resolve_engine("auto") == "tantivy"
    monkeypatch.setattr(
        index_pkg.importlib.util, "find_spec", lambda n, *a: None if n == "tantivy" else real(n)
    )
    assert resolve_engine("auto") == "fts5"
    with Store(tmp_path / "desk.db") as store:
        store.add_documents(_docs(3))
        index = open_index(tmp_path / "desk.db.index", normalizer_version=NV, store=store)
        assert isinstance(index, Fts5Index)
        assert len(index.search(["الاقتصاد"])) == 3
        index.close()
    with pytest.raises(ConfigError, match="unknown search engine"):
        resolve_engine("lucene")


def test_tantivy_without_the_extra_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "tantivy", None)  # import fails
    with pytest.raises(MissingExtraError, match=r"tahqiq\[search\]"):
        open_index(tmp_path / "x.index", normalizer_version=NV, engine="tantivy")


def _hold_writer(db, index_path, engine, ready, release):
    with Store(db) as store:
        index = open_index(index_path, normalizer_version=NV, engine=engine, store=store)
        store.add_documents(_docs(4, "معلق"))
        index.add(store.iter_search_rows(index.last_rowid))  # writer held, uncommitted
        ready.set()
        release.wait(30)
        index.close()  # commits


def test_a_reader_process_opens_an_index_another_process_writes(tmp_path):
    pytest.importorskip("tantivy")
    db, index_path = tmp_path / "desk.db", tmp_path / "desk.db.index"
    with Store(db) as store:
        store.add_documents(_docs(6))
        open_index(index_path, normalizer_version=NV, engine="tantivy", store=store).close()
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold_writer, args=(db, index_path, "tantivy", ready, release))
    proc.start()
    try:
        assert ready.wait(30)
        with Store(db, readonly=True) as store:
            index = open_index(index_path, normalizer_version=NV, engine="tantivy", store=store)
            assert len(index.search(["الاقتصاد"], k=100)) == 6  # last commit only
            assert index.sync(store) == 0  # the other process holds the writer
            index.close()
    finally:
        release.set()
        proc.join(30)
    assert proc.exitcode == 0
    index = open_index(index_path, normalizer_version=NV, engine="tantivy")
    assert len(index.search(["الاقتصاد"], k=100)) == 10
    index.close()
