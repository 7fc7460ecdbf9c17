"""Reuse links in the store (LinkTable): save, load, among, count, clear, pending, rows."""

from __future__ import annotations

import pytest
from _doc_factory import make_doc

from tahqiq.core.types import LinkRow, ReuseLink, SearchRow, StoredDocument
from tahqiq.errors import StoreError
from tahqiq.store import LinkTable, Store
from tahqiq.store.links import flip

TEXTS = [
    "أعلنت الوزارة عن خطة جديدة. وقال المتحدث إن التنفيذ يبدأ غدا.",
    "نفى المسؤول صحة الخبر. وأكد أن الاجتماع لم يعقد.",
    "ارتفعت أسعار الخبز في الأسواق. واشتكى المواطنون من الغلاء.",
    "افتتح المحافظ المستشفى الجديد. وحضر الافتتاح عدد من الأطباء.",
]


@pytest.fixture
def stored(tmp_path):
    """A store with four documents (rowids 1..4) and its link table."""
    with Store(tmp_path / "desk.db") as store:
        docs = [make_doc(t, published=f"2024-01-0{i + 1}") for i, t in enumerate(TEXTS)]
        store.add_documents(docs)
        yield LinkTable(store), [d.doc_id for d in docs]


def _link(a: str, b: str, direction: str = "a->b") -> ReuseLink:
    return ReuseLink(a, b, ((0, 5), (10, 20)), ((1, 6), (12, 22)), 0.5, direction, "date", "copied")


def test_save_advances_the_mark_and_pending(stored) -> None:
    links, ids = stored
    assert links.linked_rowid() == 0 and links.pending() == 4 and links.count() == 0
    assert not links.is_linked(ids[0])
    assert links.save([(1, 2, _link(ids[0], ids[1]))], linked_rowid=2) == 1
    assert links.linked_rowid() == 2 and links.pending() == 2 and links.count() == 1
    assert links.is_linked(ids[0]) and links.is_linked(ids[1]) and not links.is_linked(ids[2])
    assert not links.is_linked("0" * 32)
    assert links.save([], linked_rowid=4) == 0  # the mark moves without links
    assert links.pending() == 0


def test_load_all_a_page_and_one_document_oriented(stored) -> None:
    links, ids = stored
    first, second = _link(ids[0], ids[1]), _link(ids[1], ids[2])
    links.save([(1, 2, first), (2, 3, second)], linked_rowid=3)
    assert links.load() == [first, second]
    assert links.load(limit=1, offset=1) == [second]
    assert links.load(ids[1]) == [flip(first), second]  # ids[1] is always ``a``
    assert links.load(ids[3]) == []


def test_save_orders_a_reversed_pair(stored) -> None:
    links, ids = stored
    link = _link(ids[2], ids[0], "b->a")  # rowid 3 before rowid 1: stored flipped
    links.save([(3, 1, link)], linked_rowid=3)
    [loaded] = links.load()
    assert loaded == flip(link) and (loaded.a, loaded.direction) == (ids[0], "a->b")
    assert links.load(ids[2]) == [link]


def test_among_keeps_links_inside_the_set(stored) -> None:
    links, ids = stored
    links.save([(1, 2, _link(ids[0], ids[1])), (2, 3, _link(ids[1], ids[2])),
                (3, 4, _link(ids[2], ids[3]))], linked_rowid=4)
    found = links.among([ids[0], ids[1], ids[2], ids[1]])
    assert {(x.a, x.b) for x in found} == {(ids[0], ids[1]), (ids[1], ids[2])}
    assert links.among([ids[0]]) == [] and links.among([]) == []


def test_clear_drops_links_and_resets_the_mark(stored) -> None:
    links, ids = stored
    links.save([(1, 2, _link(ids[0], ids[1]))], linked_rowid=4)
    links.clear()
    assert links.count() == 0 and links.linked_rowid() == 0 and links.pending() == 4


def test_rows_for_linking_are_named(stored) -> None:
    links, ids = stored
    rows = list(links.iter_rows(batch=3))
    assert all(isinstance(r, LinkRow) for r in rows)
    assert [r.rowid for r in rows] == [1, 2, 3, 4] and [r.doc_id for r in rows] == ids
    assert rows[0].text == TEXTS[0] and rows[0].published == "2024-01-01"
    assert rows[0].source == "desk" and rows[0].search_text == " ".join(TEXTS[0].split())
    assert list(links.iter_rows(after_rowid=2)) == rows[2:]
    assert links.rows_by_rowid([4, 2, 2, 9]) == {2: rows[1], 4: rows[3]}
    rowid, doc_id, *_ = rows[0]  # still a tuple
    assert (rowid, doc_id) == (1, ids[0])


def test_search_rows_and_stale_documents_are_named(stored) -> None:
    links, ids = stored
    store = links.store
    [row, *_] = store.iter_search_rows()
    assert isinstance(row, SearchRow) and (row.rowid, row.doc_id) == (1, ids[0])
    stale = store.stale_documents("another-normalizer", after_rowid=1, limit=2)
    assert all(isinstance(s, StoredDocument) for s in stale)
    assert [(s.rowid, s.document.doc_id) for s in stale] == [(2, ids[1]), (3, ids[2])]


def test_a_read_only_store_refuses_to_write_links(tmp_path) -> None:
    with Store(tmp_path / "desk.db") as store:
        store.add_documents([make_doc(TEXTS[0])])
    with Store(tmp_path / "desk.db", readonly=True) as store:
        links = LinkTable(store)
        assert links.count() == 0 and links.pending() == 1
        with pytest.raises(StoreError):
            links.save([], linked_rowid=1)
