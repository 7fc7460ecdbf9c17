"""Store writes and reads: add, duplicates, get by prefix, listing, stats."""

from __future__ import annotations

import pytest
from _doc_factory import make_doc

from tahqiq.errors import InvalidQueryError, NotFoundError
from tahqiq.store import Store

TEXTS = [
    "أعلنت الوزارة عن خطة جديدة. وقال المتحدث إن التنفيذ يبدأ غدا.",
    "نفى المسؤول صحة الخبر. وأكد أن الاجتماع لم يعقد.",
    "ارتفعت أسعار الخبز في الأسواق. واشتكى المواطنون من الغلاء.",
]


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "desk.db") as s:
        yield s


def test_add_and_get_round_trip(store):
    doc = make_doc(TEXTS[0], title="خطة", published="2024-03-01")
    [status] = store.add_documents([doc])
    assert status.status == "added" and status.doc_id == doc.doc_id
    assert store.get(doc.doc_id) == doc
    assert store.has(doc.doc_id)
    assert not store.has("0" * 32)


def test_duplicates_are_reported_in_input_order_and_not_overwritten(store):
    first = make_doc(TEXTS[0], title="الأول")
    store.add_documents([first])
    again = make_doc(TEXTS[0], title="عنوان آخر")
    other = make_doc(TEXTS[1])
    statuses = store.add_documents([again, other, other])
    assert [s.status for s in statuses] == ["duplicate", "added", "duplicate"]
    assert [s.doc_id for s in statuses] == [first.doc_id, other.doc_id, other.doc_id]
    assert store.get(first.doc_id).title == "الأول"
    assert store.count() == 2
    assert store.add_documents([]) == []


def test_get_by_unique_prefix_and_errors(store):
    a = make_doc(TEXTS[0], doc_id="abcdef111111")
    b = make_doc(TEXTS[1], doc_id="abcdef222222")
    store.add_documents([a, b])
    assert store.get("abcdef1").doc_id == a.doc_id
    with pytest.raises(NotFoundError, match="several"):
        store.get("abcdef")
    with pytest.raises(InvalidQueryError, match="too short: give at least 6"):
        store.get("abc")
    with pytest.raises(NotFoundError, match="no document"):
        store.get("zzzzzzzz")


def test_get_many_list_and_search_rows(store):
    docs = [make_doc(t, title=f"t{i}") for i, t in enumerate(TEXTS)]
    store.add_documents(docs)
    found = store.get_many([docs[2].doc_id, "missing", docs[0].doc_id])
    assert set(found) == {docs[0].doc_id, docs[2].doc_id}
    assert found[docs[2].doc_id].sentences == docs[2].sentences
    listing = store.list_documents(limit=2, offset=1)
    assert [d["doc_id"] for d in listing] == [docs[1].doc_id, docs[2].doc_id]
    assert set(listing[0]) == set(docs[1].summary())
    rows = list(store.iter_search_rows(batch=2))
    assert [r[1] for r in rows] == [d.doc_id for d in docs]
    assert rows[0][2] == docs[0].search_text
    assert list(store.iter_search_rows(after_rowid=rows[1][0])) == rows[2:]
    assert store.max_rowid() == rows[-1][0]


def test_stats(store):
    store.add_documents(
        [
            make_doc(TEXTS[0], source="a", published="2024-01-05"),
            make_doc(TEXTS[1], source="b", published="2023-12-31"),
            make_doc(TEXTS[2], source="a"),
        ]
    )
    stats = store.stats()
    assert stats.documents == 3
    assert stats.sentences == sum(len(make_doc(t).sentences) for t in TEXTS)
    assert stats.by_source == {"a": 2, "b": 1}
    assert stats.by_lang == {"ar": 3} and stats.by_format == {"txt": 3}
    assert (stats.first_published, stats.last_published) == ("2023-12-31", "2024-01-05")
    assert stats.normalizer_version == "test-1"
    assert stats.schema_version >= 1


def test_empty_store_stats(store):
    stats = store.stats()
    assert (stats.documents, stats.sentences, stats.first_published) == (0, 0, None)
    assert store.max_rowid() == 0


def test_the_same_original_under_a_new_normalizer_id_is_a_duplicate(tmp_path):
    from dataclasses import replace

    old = make_doc(TEXTS[0])
    renormalized = replace(old, doc_id="f" * 32, search_text=old.search_text + " x",
                           normalizer_version="test-2")
    with Store(tmp_path / "desk.db") as store:
        store.add_documents([old])
        [status] = store.add_documents([renormalized])
        assert status.status == "duplicate" and status.doc_id == old.doc_id
        assert store.count() == 1


def test_the_same_original_twice_in_one_batch_is_one_document(tmp_path):
    from dataclasses import replace

    doc = make_doc(TEXTS[1])
    twin = replace(doc, doc_id="e" * 32)
    with Store(tmp_path / "desk.db") as store:
        statuses = store.add_documents([doc, twin])
        assert [s.status for s in statuses] == ["added", "duplicate"]
        assert statuses[1].doc_id == doc.doc_id


def test_get_many_reads_past_one_chunk_of_ids_and_drops_unknown_ones(store):
    """More ids than one IN list takes (500), repeated and mixed with unknown ones."""
    docs = [make_doc(f"خبر رقم {i}. وقال المتحدث إن العدد {i} صحيح.", doc_id=f"{i:032x}")
            for i in range(620)]
    store.add_documents(docs)
    wanted = [d.doc_id for d in docs] + ["f" * 32] + [docs[3].doc_id] * 3
    got = store.get_many(wanted)
    assert set(got) == {d.doc_id for d in docs}
    assert got[docs[610].doc_id] == docs[610]  # sentences too, read in chunks
    rows = store.query_in("SELECT doc_id FROM documents WHERE doc_id IN ({marks})", wanted[::-1])
    assert len(rows) == 620


def test_a_failed_write_rolls_back_and_raises_a_store_error(store):
    """Store.write is one transaction: an error inside it leaves nothing behind."""
    from tahqiq.errors import StoreError

    with pytest.raises(StoreError, match="cannot write"):
        with store.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('probe', '1')")
            conn.execute("INSERT INTO no_such_table VALUES (1)")
    assert store.get_meta("probe") is None
    with store.write() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('probe', '2')")
    assert store.get_meta("probe") == "2"
