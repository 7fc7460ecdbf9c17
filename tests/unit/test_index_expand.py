"""Query expansion: rarity weights, clitic and spelling variants, engine weights."""

from __future__ import annotations

import pytest
from _doc_factory import make_doc
from hypothesis import given
from hypothesis import strategies as st

from tahqiq.errors import InvalidQueryError
from tahqiq.index import open_index
from tahqiq.index.expand import (
    clitic_variants,
    expand_query,
    idf,
    spelling_variants,
    variants_table,
)
from tahqiq.index.fts5 import MAX_REPEATS, match_expression, repeats
from tahqiq.store import Store

ENGINES = ["tantivy", "fts5"]
ARABIC = "".join(chr(cp) for cp in range(0x0621, 0x063B)) + "".join(
    chr(cp) for cp in range(0x0641, 0x064B))


def _freqs(table):
    return lambda terms: {t: table[t] for t in terms if t in table}


def test_spelling_variants_join_transliterations():
    assert "ترمب" in spelling_variants("ترامب")
    assert "ترامب" in spelling_variants("ترمب")
    assert "غوتيريش" in spelling_variants("جوتيريش")
    assert "ترامب" not in spelling_variants("ترامب")


@given(st.text(alphabet=ARABIC, min_size=2, max_size=8))
def test_spelling_variants_keep_the_onset(term):
    swaps = variants_table()["swaps"]
    for variant in spelling_variants(term):
        assert variant[0] == term[0] or variant[0] in swaps.get(term[0], ())
        assert variant != term
        assert abs(len(variant) - len(term)) <= 1


def test_clitic_variants_glue_prefixes():
    variants = clitic_variants("حلب")
    assert {"بحلب", "لحلب", "وحلب", "فحلب"} <= variants
    assert "حلب" not in variants


def test_rare_terms_weigh_more_and_weights_average_one():
    freqs = _freqs({"قال": 900, "كفرجنه": 2})
    terms = expand_query(["قال", "كفرجنه"], freqs, 1000)
    weights = {t.term: t.weight for t in terms}
    assert weights["كفرجنه"] > 3 * weights["قال"]
    assert weights["قال"] + weights["كفرجنه"] == pytest.approx(2.0, abs=1e-3)
    assert {t.kind for t in terms} == {"claim"}


def test_rare_names_gain_the_spellings_the_index_holds():
    freqs = _freqs({"ترمب": 3, "بحلب": 2, "حلب": 4, "دونالد": 5})
    terms = expand_query(["ترامب", "حلب"], freqs, 1000)
    by_term = {t.term: t for t in terms}
    assert by_term["ترمب"].origin == "ترامب" and by_term["ترمب"].kind == "spelling"
    assert by_term["بحلب"].origin == "حلب" and by_term["بحلب"].kind == "clitic"
    assert by_term["ترمب"].weight < by_term["ترامب"].weight
    assert "دونالد" not in by_term  # only variants of the claim's own terms
    assert [t.kind for t in terms[:2]] == ["claim", "claim"]


def test_common_words_are_never_expanded():
    # سوريا is in half the documents: its variant سوري (another word) must not be added
    freqs = _freqs({"سوريا": 500, "سوري": 3})
    assert [t.term for t in expand_query(["سوريا"], freqs, 1000)] == ["سوريا"]


def test_variants_that_are_common_are_not_added():
    freqs = _freqs({"حلب": 2, "لحلب": 400})
    assert [t.term for t in expand_query(["حلب"], freqs, 1000)] == ["حلب"]


def test_expansion_of_nothing_is_nothing():
    assert expand_query([], _freqs({}), 10) == ()
    assert expand_query(["", ""], _freqs({}), 10) == ()


def test_idf_matches_bm25():
    assert idf(0, 10) > idf(1, 10) > idf(9, 10) > 0


def test_fts5_repeats_quantize_weights():
    assert repeats(["a", "b"], None) == {"a": 1, "b": 1}
    assert repeats(["a", "b"], {"a": 0.2, "b": 3.0}) == {"a": 1, "b": MAX_REPEATS}
    assert repeats(["a", "b"], {"a": 1.0, "b": 1.0}) == {"a": 1, "b": 1}
    assert match_expression(["a", "b"], {"a": 0.2, "b": 3.0}).count('"b"') == MAX_REPEATS


@pytest.fixture(params=ENGINES)
def index(request, tmp_path):
    if request.param == "tantivy":
        pytest.importorskip("tantivy")
    texts = ["الخبز في السوق", "المنتخب يفوز في المباراة", "الطقس بارد", "حلب و الخبز",
             "السفر غدا", "القطار متأخر"]
    with Store(tmp_path / "desk.db") as store:
        store.add_documents(make_doc(t) for t in texts)
        idx = open_index(tmp_path / "desk.db.index", normalizer_version="t", engine=request.param,
                         store=store)
        idx.texts = {row[1]: row[2] for row in store.iter_search_rows()}
        yield idx
        idx.close()


def test_weights_change_the_order(index):
    def first(weights):
        return index.texts[index.search(["الخبز", "المنتخب"], k=4, weights=weights)[0][0]]

    assert first(None).startswith("المنتخب")  # the rarer term wins unweighted
    assert first({"الخبز": 1.0, "المنتخب": 4.0}).startswith("المنتخب")
    assert "الخبز" in first({"الخبز": 6.0, "المنتخب": 1.0})
    with pytest.raises(InvalidQueryError):
        index.search(["الخبز"], weights={"الخبز": 0.0})


def test_doc_freqs_and_count(index):
    assert index.doc_freqs(["الخبز", "المنتخب", "غائب", "الخبز"]) == {
        "الخبز": 2, "المنتخب": 1, "غائب": 0}
    assert index.doc_freqs([]) == {}
    assert index.count() == 6


def test_corpus_finds_a_name_in_another_spelling(tmp_path):
    pytest.importorskip("tantivy")
    from tahqiq import Corpus

    dump = tmp_path / "a.jsonl"
    rows = ['{"text": "اتصل الرئيس الأمريكي ترمب بنظيره التركي مساء الجمعة."}',
            '{"text": "ارتفعت أسعار الخبز في الأسواق الشعبية هذا الأسبوع."}',
            '{"text": "زار الوفد مدينة حلب وتفقد الأسواق القديمة."}',
            '{"text": "أعلنت البلدية خطة لترميم الجسور في المدينة."}']
    dump.write_text("\n".join(rows), encoding="utf-8")
    with Corpus(tmp_path / "desk.db") as corpus:
        corpus.ingest([dump])
        hits = corpus.search("ترامب", k=3)
        assert hits and "ترمب" in corpus.get(hits[0].doc_id).text
        assert corpus.search("ترامب", k=3, expand=False) == []
        kinds = {t.term: t.kind for t in corpus.query_terms("ترامب")}
        assert kinds.get("ترمب") == "spelling"


def test_an_absurdly_long_word_is_searched_as_written_in_linear_time() -> None:
    import time
    import tracemalloc

    from tahqiq.index.expand import MAX_EXPAND_LETTERS, expand_query

    word = "بسم" * 6667  # 20,001 letters, rare: once quadratic (23 s, +3.9 GB)
    tracemalloc.start()
    started = time.perf_counter()
    terms = expand_query([word, "حلب"], lambda ts: {t: 1 for t in ts}, 1000)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [t.term for t in terms if t.origin == word] == [word]  # no variants of it
    assert any(t.origin == "حلب" and t.kind != "claim" for t in terms)  # short words still expand
    assert elapsed < 1.0 and peak < 50 * 2**20
    assert len("غوتيريش") <= MAX_EXPAND_LETTERS
