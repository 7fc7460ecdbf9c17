"""Both index engines: add/search, query safety, sync, rebuild, manifests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _doc_factory import make_doc

from tahqiq.errors import IndexMismatchError, InvalidQueryError
from tahqiq.index import open_index
from tahqiq.store import Store

ENGINES = ["tantivy", "fts5"]
NV = "test-1"
TEXTS = [
    "وزير الصحة يعلن خطة لمكافحة الوباء في المدن",
    "الوباء ينتشر في القرى و وزير الصحة يزور المستشفى",
    "ارتفاع اسعار الخبز في الاسواق الشعبية",
    "المنتخب يفوز في مباراة كرة القدم",
    "اجتماع وزراء الخارجية لبحث الازمة AND الحلول",
]


@pytest.fixture(params=ENGINES)
def engine(request):
    if request.param == "tantivy":
        pytest.importorskip("tantivy")
    return request.param


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "desk.db") as s:
        s.add_documents(make_doc(t) for t in TEXTS)
        yield s


def _open(tmp_path, engine, store=None, nv=NV):
    return open_index(tmp_path / "desk.db.index", normalizer_version=nv, engine=engine, store=store)


def _ids(store):
    return {row[1]: row[2] for row in store.iter_search_rows()}


def test_search_ranks_matching_documents(tmp_path, engine, store):
    with _open(tmp_path, engine, store) as index:
        assert index.info()["doc_count"] == len(TEXTS)
        hits = index.search(["وزير", "الصحة", "الوباء"], k=10)
        texts = [_ids(store)[d] for d, _ in hits]
        assert len(hits) == 2 and all("الوباء" in t for t in texts)
        assert hits[0][1] >= hits[1][1] > 0
        assert len(index.search(["في"], k=2)) == 2
        assert index.search(["كلمةغيرموجودة"]) == []


def test_repeated_terms_are_deduplicated(tmp_path, engine, store):
    with _open(tmp_path, engine, store) as index:
        assert index.search(["الخبز", "الخبز", "الخبز"]) == index.search(["الخبز"])


def test_empty_queries_are_refused(tmp_path, engine, store):
    with _open(tmp_path, engine, store) as index:
        for terms in ([], [""], ["  "]):
            with pytest.raises(InvalidQueryError):
                index.search(terms)
        with pytest.raises(InvalidQueryError):
            index.search(["الخبز"], k=0)


@pytest.mark.parametrize(
    "term", ["AND", "OR", "NOT", '"', "(", ")", "*", ":", "^", "NEAR(", "body:x", "-", '""']
)
def test_query_syntax_characters_are_literal(tmp_path, engine, store, term):
    with _open(tmp_path, engine, store) as index:
        hits = index.search([term, "الخبز"])
        assert hits and _ids(store)[hits[0][0]].startswith("ارتفاع")


def test_operator_words_match_as_words(tmp_path, engine, store):
    with _open(tmp_path, engine, store) as index:
        [(doc_id, _)] = index.search(["AND"])
        assert "AND" in _ids(store)[doc_id]


def test_sync_indexes_only_new_rows(tmp_path, engine, store):
    with _open(tmp_path, engine, store) as index:
        assert index.sync(store) == 0
        store.add_documents([make_doc("خبر جديد عن الطقس الممطر"), make_doc("الطقس حار")])
        assert index.sync(store) == 2
        assert index.sync(store) == 0
        assert index.info()["doc_count"] == len(TEXTS) + 2
        assert index.info()["last_rowid"] == store.max_rowid()
        assert len(index.search(["الطقس"])) == 2


def test_add_is_idempotent_by_rowid(tmp_path, engine, store):
    with _open(tmp_path, engine, store) as index:
        index.add(store.iter_search_rows())
        index.commit()
        assert index.info()["doc_count"] == len(TEXTS)


def test_rebuild_from_store(tmp_path, engine, store):
    with _open(tmp_path, engine, store) as index:
        before = index.search(["الصحة"])
        assert index.rebuild(store) == len(TEXTS)
        assert index.info()["doc_count"] == len(TEXTS)
        assert index.search(["الصحة"]) == before


def test_reopen_reads_the_manifest(tmp_path, engine, store):
    _open(tmp_path, engine, store).close()
    manifest = json.loads((tmp_path / "desk.db.index" / "manifest.json").read_text())
    assert manifest["kind"] == "tahqiq.index" and manifest["params"]["engine"] == engine
    assert manifest["normalizer_version"] == NV and manifest["data_version"].startswith("data+")
    state = manifest["state"]
    assert state["last_rowid"] == store.max_rowid() and state["doc_count"] == len(TEXTS)
    assert manifest["files"]
    with _open(tmp_path, engine) as index:
        assert index.info()["doc_count"] == len(TEXTS)
        assert index.search(["الخبز"])


def test_normalizer_mismatch_refuses_then_rebuilds(tmp_path, engine, store):
    _open(tmp_path, engine, store).close()
    with pytest.raises(IndexMismatchError, match="normalizer_version"):
        _open(tmp_path, engine, nv="test-2")
    with _open(tmp_path, engine, store, nv="test-2") as index:
        assert index.info()["normalizer_version"] == "test-2"
        assert index.info()["doc_count"] == len(TEXTS)


@pytest.mark.parametrize("damage", ["checksum", "format", "missing", "garbage"])
def test_damaged_manifest_is_a_mismatch(tmp_path, engine, store, damage):
    _open(tmp_path, engine, store).close()
    path: Path = tmp_path / "desk.db.index" / "manifest.json"
    data = json.loads(path.read_text())
    if damage == "checksum":
        data["files"] = {k: "0" * 64 for k in data["files"]}
    elif damage == "format":
        data["format_version"] += 1
    path.write_text(json.dumps(data))
    if damage == "missing":
        path.unlink()
    elif damage == "garbage":
        path.write_text("{not json")
    with pytest.raises(IndexMismatchError):
        _open(tmp_path, engine)
    with _open(tmp_path, engine, store) as index:
        assert index.info()["doc_count"] == len(TEXTS)


def test_index_ahead_of_store_is_rebuilt(tmp_path, engine, store):
    _open(tmp_path, engine, store).close()
    with Store(tmp_path / "other.db") as small:
        small.add_documents([make_doc(TEXTS[0])])
        with _open(tmp_path, engine, small) as index:
            assert index.info()["doc_count"] == 1


def test_other_engine_directory_is_rebuilt(tmp_path, engine, store):
    other = "fts5" if engine == "tantivy" else "tantivy"
    pytest.importorskip("tantivy")
    _open(tmp_path, other, store).close()
    with pytest.raises(IndexMismatchError, match="engine"):
        _open(tmp_path, engine)
    with _open(tmp_path, engine, store) as index:
        assert index.info()["engine"] == engine
        assert index.info()["doc_count"] == len(TEXTS)


@pytest.mark.parametrize("damage", ["flip", "truncate", "delete"])
def test_a_damaged_tantivy_segment_is_rebuilt_not_searched(tmp_path, store, damage):
    """A segment file that fails its CRC (or is cut short or gone) makes the index a mismatch:
    rebuilt from the store when one is given, refused otherwise -- never searched."""
    pytest.importorskip("tantivy")
    with _open(tmp_path, "tantivy", store) as index:
        expected = index.search(["الوباء"])
    folder = tmp_path / "desk.db.index"
    victim = max((f for f in folder.iterdir() if f.suffix in (".term", ".idx", ".pos")),
                 key=lambda f: f.stat().st_size)
    data = bytearray(victim.read_bytes())
    if damage == "flip":
        data[len(data) // 3] ^= 0x5A
        victim.write_bytes(bytes(data))
    elif damage == "truncate":
        victim.write_bytes(bytes(data[: len(data) // 2]))
    else:
        victim.unlink()
    with pytest.raises(IndexMismatchError, match="segment"):
        _open(tmp_path, "tantivy")
    with _open(tmp_path, "tantivy", store) as index:
        assert index.search(["الوباء"]) == expected
        assert index.info()["doc_count"] == len(TEXTS)
