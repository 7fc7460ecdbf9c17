"""Details by corpus document frequency: the token df table, letters-only details, the
details-window template guard, and the df kept with the reuse index."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
from test_sources_details_sketch import RARE, _filler, _passage

from tahqiq import Corpus
from tahqiq.sources.details_sketch import (
    DetailParams,
    TokenDf,
    details_templates,
    details_window_count,
    rare_positions,
    with_corpus,
)
from tahqiq.sources.reuse import LinkSide, ReuseParams, link_documents
from tahqiq.sources.reuse_index import ReuseIndex
from tahqiq.sources.shingles import is_letters, term_ids, token_spans
from tahqiq.text import NORMALIZER_VERSION


def _ids(text: str) -> np.ndarray:
    return term_ids(token_spans(text).terms)


def test_token_df_counts_each_document_once_and_grows_incrementally() -> None:
    docs = [_ids("زمردان زمردان قلبوسة"), _ids("زمردان دنخاري"), _ids("قلبوسة")]
    whole, parts = TokenDf(), TokenDf()
    whole.add(docs)
    parts.add(docs[:1])
    parts.add(docs[1:])
    assert whole.documents == parts.documents == 3
    assert np.array_equal(whole.ids, parts.ids) and np.array_equal(whole.counts, parts.counts)
    assert whole.count(_ids("زمردان قلبوسة دنخاري برنوطي")).tolist() == [2, 2, 1, 0]


def test_a_word_many_documents_hold_is_no_detail() -> None:
    params = DetailParams(max_doc_df=2, max_doc_share=0.0)
    df = TokenDf()
    df.add([_ids(f"زمردان {rare}") for rare in RARE[1:5]])  # زمردان in 4 documents
    ids = _ids("زمردان قلبوسة")
    assert rare_positions(ids, params).tolist() == [0, 1]
    assert rare_positions(ids, with_corpus(params, df)).tolist() == [1]
    assert DetailParams(max_doc_df=10, max_doc_share=0.01).doc_limit(5000) == 50


def test_details_are_arabic_letters_words_not_latin_numbers_or_dates() -> None:
    ids = _ids("زمردان GMT Reuters 2017 يناير الخميس قلبوسة")
    assert is_letters(ids).tolist() == [True, False, False, False, True, True, True]
    assert rare_positions(ids, DetailParams()).tolist() == [0, 6]


def test_details_templates_mark_the_tokens_of_common_details_windows() -> None:
    params = DetailParams(window=4, stride=2, min_window=4, template_df=3)
    rare_pos = np.arange(0, 20, 2)  # 10 rare tokens
    assert details_window_count(10, params) == 4
    hot = details_templates(rare_pos, np.array([0, 5, 0, 1]), params)
    assert hot.tolist() == [[4, 10]]  # window 1: rare tokens 2..5


def test_a_details_link_through_a_template_details_window_is_dropped() -> None:
    passage = _passage()
    a = " ".join(_filler(60, 1) + passage + _filler(60, 2))
    b = " ".join(_filler(30, 3) + passage[12:] + passage[:12] + _filler(30, 4))
    on = replace(ReuseParams(), details=DetailParams(min_bigrams=2))
    side_b = LinkSide("b", b)
    windows = details_window_count(len(side_b.rare_positions(on.details)), on.details)
    assert link_documents(LinkSide("a", a), side_b, on) is not None
    words = np.zeros(3)  # word windows: no template
    common = np.concatenate([words, np.full(windows, 9.0)])
    assert link_documents(LinkSide("a", a), side_b, on, b_window_df=common) is None
    rare = np.concatenate([words, np.zeros(windows)])
    assert link_documents(LinkSide("a", a), side_b, on, b_window_df=rare) is not None


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_the_reuse_index_keeps_the_token_df_and_rebuilds_without_it(tmp_path) -> None:
    params = ReuseParams(details=DetailParams())
    rows = [{"text": " ".join(_filler(20, i) + RARE[i % 10: i % 10 + 3])} for i in range(6)]
    with Corpus(tmp_path / "desk.db") as corpus:
        corpus.ingest([_write(tmp_path / "a.jsonl", rows)], link=False)
        index = ReuseIndex.open(tmp_path / "r", corpus.store, NORMALIZER_VERSION, params)
        assert index.sync() == 6 and index.token_df.documents == 6
        counts = index.token_df.count(_ids(" ".join(RARE)))
        again = ReuseIndex.open(tmp_path / "r", corpus.store, NORMALIZER_VERSION, params)
        assert again.token_df.documents == 6
        assert np.array_equal(again.token_df.count(_ids(" ".join(RARE))), counts)
        manifest = tmp_path / "r" / "manifest.json"
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["state"]["token_df"] = {}  # segments without their df: rebuilt from the store
        manifest.write_text(json.dumps(data), encoding="utf-8")
        rebuilt = ReuseIndex.open(tmp_path / "r", corpus.store, NORMALIZER_VERSION, params)
        assert rebuilt.pending() == 6 and rebuilt.token_df.documents == 0
        assert rebuilt.sync() == 6 and rebuilt.token_df.documents == 6


def test_a_young_corpus_keeps_a_story_s_words_out_of_the_details() -> None:
    # 36 articles: a word on 5 of them (a story's names) is no detail, one on 3 still is
    params = DetailParams()
    assert params.doc_limit(36) == 3.6
    df = TokenDf()
    story, detail = _ids(RARE[0]), _ids(RARE[1])
    df.add([story] * 5 + [detail] * 3 + [_ids(RARE[2])] * 28)
    young = with_corpus(params, df)
    ids = np.concatenate([story, detail])
    assert rare_positions(ids, young).tolist() == [1]
