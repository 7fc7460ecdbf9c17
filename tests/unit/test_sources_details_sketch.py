"""The order-free details path of reuse detection and the short-run rule."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np

from tahqiq.sources.details_sketch import (
    DetailParams,
    detail_signatures,
    rare_positions,
    shared_details,
)
from tahqiq.sources.lsh import LshTable, sketch
from tahqiq.sources.minhash import LshParams
from tahqiq.sources.reuse import REUSE_FORMAT, LinkSide, ReuseParams, link_documents
from tahqiq.sources.shingles import term_ids, token_spans

# Made-up names and rare words (never in wordfreq's list) and common function words.
RARE = ["زمردان", "قلبوسة", "دنخاري", "برنوطي", "سلفاكي", "مرجانوف", "كتلوبة", "فرزاني",
        "شنكالو", "دربيسة"]
COMMON = ["في", "من", "إلى", "على", "أن", "قال", "كان", "التي", "الذي", "مع", "عن", "هذا"]


def _ids(text: str) -> np.ndarray:
    return term_ids(token_spans(text).terms)


def _filler(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(COMMON) for _ in range(n)]


def _passage() -> list[str]:
    words = []
    for i, rare in enumerate(RARE[:8]):
        words += [rare, COMMON[i % len(COMMON)], RARE[(i + 1) % 8]]
    return words


def test_rare_positions_pick_made_up_words_not_function_words() -> None:
    ids = _ids("قال زمردان في قلبوسة إن 2017")
    assert rare_positions(ids, DetailParams()).tolist() == [1, 3]


def test_detail_signature_ignores_order_inside_a_window() -> None:
    params = DetailParams(window=8, stride=8)
    words = RARE[:8]
    one = detail_signatures(_ids(" ".join(words)), params, 20)
    other = detail_signatures(_ids(" ".join(reversed(words))), params, 20)
    assert one.shape == (1, 20) and np.array_equal(one, other)
    assert len(detail_signatures(_ids(" ".join(COMMON)), params, 20)) == 0


def test_shared_details_find_a_reordered_passage_and_report_its_range() -> None:
    passage = _passage()
    a = _filler(60, 1) + passage + _filler(60, 2)
    shuffled = passage[12:] + passage[:12]
    b = _filler(30, 3) + shuffled + _filler(30, 4)
    found = shared_details(_ids(" ".join(a)), _ids(" ".join(b)), DetailParams(min_bigrams=2))
    assert found, "the reordered passage shares all its rare words"
    assert 60 <= found[0].a_first and found[0].a_last < 60 + len(passage)
    assert 30 <= found[0].b_first and found[0].b_last < 30 + len(passage)


def test_shared_details_need_the_words_close_together_on_both_sides() -> None:
    spread = []
    for rare in RARE[:8]:  # the same rare words, but 30 common words apart
        spread += [rare] + _filler(30, len(spread))
    near = _filler(20, 5) + RARE[:8] + _filler(20, 6)
    assert shared_details(_ids(" ".join(spread)), _ids(" ".join(near)), DetailParams()) == []


def test_shared_details_need_enough_shared_words() -> None:
    a = _filler(20, 1) + RARE[:5] + _filler(20, 2)
    b = _filler(20, 3) + RARE[:5] + _filler(20, 4)
    assert shared_details(_ids(" ".join(a)), _ids(" ".join(b)), DetailParams(min_bigrams=0)) == []


def test_sketch_keeps_word_windows_first_and_df_only_for_them() -> None:
    params = LshParams(16, 8, 10, 2)
    text = " ".join(_filler(40, 1) + _passage() + _filler(40, 2))
    with_details = sketch(1, _ids(text), params, DetailParams())
    words_only = sketch(1, _ids(text), params)
    assert with_details.word_windows == words_only.windows < with_details.windows
    table = LshTable(params)
    table.add([sketch(2, _ids(text), params, DetailParams())])
    found = table.candidates(with_details)
    assert 2 in found.docs and len(found.window_df) == words_only.windows


def test_details_agreement_threshold_applies_to_details_windows_only() -> None:
    params = LshParams(16, 8, 10, 2)
    words = _filler(40, 1) + _passage()
    other = _filler(40, 9) + list(reversed(_passage()))  # only the details are shared
    query = sketch(1, _ids(" ".join(other)), params, DetailParams())
    strict = LshTable(params, min_agreement=0.5, details_agreement=1.01)
    loose = LshTable(params, min_agreement=0.5, details_agreement=0.2)
    for table in (strict, loose):
        table.add([sketch(2, _ids(" ".join(words)), params, DetailParams())])
    assert 2 not in strict.candidates(query).docs
    assert 2 in loose.candidates(query).docs


def test_link_by_details_when_alignment_finds_too_little() -> None:
    passage = _passage()
    a = " ".join(_filler(60, 1) + passage + _filler(60, 2))
    b = " ".join(_filler(30, 3) + passage[12:] + passage[:12] + _filler(30, 4))
    on = replace(ReuseParams(), details=DetailParams(min_bigrams=2))
    link = link_documents(LinkSide("a", a), LinkSide("b", b), on)
    assert link is not None and "rare words in any order" in link.reason
    off = ReuseParams(min_link_tokens=99, details=None)
    assert link_documents(LinkSide("a", a), LinkSide("b", b), off) is None


def test_short_exact_run_links_only_with_rare_words() -> None:
    run = RARE[:4] + _filler(13, 7)  # 17 tokens, 4 rare
    a = " ".join(_filler(50, 1) + run + _filler(50, 2))
    b = " ".join(_filler(50, 3) + run + _filler(50, 4))
    assert link_documents(LinkSide("a", a), LinkSide("b", b)) is not None
    plain = _filler(17, 7)
    a2 = " ".join(_filler(50, 1) + plain + _filler(50, 2))
    b2 = " ".join(_filler(50, 3) + plain + _filler(50, 4))
    assert link_documents(LinkSide("a", a2), LinkSide("b", b2)) is None


def test_params_record_the_details_path_and_format() -> None:
    data = replace(ReuseParams(), details=DetailParams()).to_json()
    assert data["format"] == REUSE_FORMAT and data["details"]["min_shared"] == DetailParams().min_shared
    assert ReuseParams().to_json()["details"]["min_span"] == DetailParams().min_span  # on by default
    assert replace(ReuseParams(), details=None).to_json()["details"] is None


def test_a_packed_chain_of_rare_words_is_no_passage_of_details() -> None:
    """Eight rare words in a row on both sides (a chain of names, a stock phrase) are not
    a rewritten passage; the same words spread over a sentence on each side are."""
    packed_a = _filler(40, 1) + RARE[:8] + _filler(40, 2)
    packed_b = _filler(30, 3) + RARE[:8] + _filler(30, 4)
    params = DetailParams(min_bigrams=2)
    assert shared_details(_ids(" ".join(packed_a)), _ids(" ".join(packed_b)), params) == []
    assert shared_details(_ids(" ".join(packed_a)), _ids(" ".join(packed_b)),
                          replace(params, min_span=0)), "without the span rule they link"
    passage = _passage()
    spread_b = _filler(30, 3) + passage[12:] + passage[:12] + _filler(30, 4)
    spread_a = _filler(40, 1) + passage + _filler(40, 2)
    assert shared_details(_ids(" ".join(spread_a)), _ids(" ".join(spread_b)), params)


def test_only_pairs_met_by_a_details_window_get_the_details_check() -> None:
    params = LshParams(16, 8, 10, 2)
    words = _filler(40, 1) + _passage()
    other = _filler(40, 9) + list(reversed(_passage()))  # only the details are shared
    table = LshTable(params, min_agreement=0.5, details_agreement=0.2)
    table.add([sketch(2, _ids(" ".join(words)), params, DetailParams())])
    found = table.candidates(sketch(1, _ids(" ".join(other)), params, DetailParams()))
    assert 2 in found.docs and found.via_details == {2}
    a, b = " ".join(words), " ".join(other)
    on = replace(ReuseParams(), details=DetailParams(min_bigrams=2))
    assert link_documents(LinkSide("a", a), LinkSide("b", b), on) is not None
    assert link_documents(LinkSide("a", a), LinkSide("b", b), on, details=False) is None


def test_a_small_corpus_checks_every_pair_for_details() -> None:
    """Below ``every_pair_below`` documents a reworded passage links even when no LSH
    window pair of the two documents meets; above it, only candidates are checked."""
    from tahqiq.sources.batch import find_links

    passage = _passage()
    a = " ".join(_filler(60, 1) + passage + _filler(60, 2))
    b = " ".join(_filler(30, 3) + passage[12:] + passage[:12] + _filler(30, 4))
    sides = [LinkSide("a", a), LinkSide("b", b)]
    strict = LshParams(16, 8, 10, 2)
    small = replace(ReuseParams(), lsh=strict, details_agreement=1.01,  # no details window meets
                    details=DetailParams(min_bigrams=2, max_doc_df=3))
    assert [(x.a, x.b) for x in find_links(sides, small)] == [("a", "b")]
    none = replace(small, details=replace(small.details, every_pair_below=0))
    assert find_links(sides, none) == []
