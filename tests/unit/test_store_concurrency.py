"""WAL: readers query while a writer (thread or process) inserts."""

from __future__ import annotations

import multiprocessing
import threading

from _doc_factory import make_doc

from tahqiq.store import Store

BATCHES, PER_BATCH = 20, 25


def _write(db: str) -> None:
    with Store(db) as store:
        for b in range(BATCHES):
            store.add_documents(
                make_doc(f"خبر رقم {b} {i} عن الطقس والاقتصاد. جملة ثانية.")
                for i in range(PER_BATCH)
            )


def _read_until_done(db, done, errors, seen):
    mine: list[int] = []
    seen.append(mine)
    try:
        with Store(db, readonly=True) as store:
            while not done.is_set():
                n = store.count()
                # a snapshot is whole batches: commits are atomic
                assert n % PER_BATCH == 0, n
                rows = list(store.iter_search_rows())
                assert len(rows) >= n
                mine.append(n)
    except Exception as exc:  # surfaced by the main thread
        errors.append(exc)


def _run(db, writer):
    Store(db).close()
    done, errors, seen = threading.Event(), [], []
    readers = [
        threading.Thread(target=_read_until_done, args=(db, done, errors, seen)) for _ in range(2)
    ]
    for r in readers:
        r.start()
    writer()
    done.set()
    for r in readers:
        r.join()
    assert not errors, errors
    for counts in seen:  # each reader saw the store only grow
        assert counts and counts == sorted(counts)
    with Store(db) as store:
        assert store.count() == BATCHES * PER_BATCH


def test_readers_while_a_writer_thread_inserts(tmp_path):
    db = str(tmp_path / "desk.db")

    def writer():
        t = threading.Thread(target=_write, args=(db,))
        t.start()
        t.join()

    _run(db, writer)


def test_readers_while_a_writer_process_inserts(tmp_path):
    db = str(tmp_path / "desk.db")

    def writer():
        p = multiprocessing.get_context("spawn").Process(target=_write, args=(db,))
        p.start()
        p.join(60)
        assert p.exitcode == 0

    _run(db, writer)
