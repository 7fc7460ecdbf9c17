"""Reuse detection: tokens with spans, alignment, sketches, LSH, links and direction."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from strategies import arabic_text

from reuse_fixtures import COPIED_END, COPY, ORIGINAL, UNRELATED
from tahqiq.sources.align import AlignParams, align
from tahqiq.sources.batch import find_links
from tahqiq.sources.lsh import LshTable, Segment, sketch
from tahqiq.sources.minhash import LshParams, band_keys, window_signatures
from tahqiq.sources.reuse import LinkSide, ReuseParams, body_ids, direction_of, link_documents
from tahqiq.sources.shingles import NUMBER_ID, term_ids, token_spans
from tahqiq.text import build_document, tokenize
from tahqiq.types import RawDocument


def display(text: str) -> str:
    return build_document(RawDocument(text=text, fmt="txt")).text


@settings(max_examples=80, deadline=None)
@given(arabic_text())
def test_token_spans_are_the_search_tokens_at_their_places(text):
    tokens = token_spans(text)
    assert list(tokens.terms) == tokenize(text)
    for start, end in zip(tokens.starts.tolist(), tokens.ends.tolist(), strict=True):
        assert 0 <= start < end <= len(text) and text[start:end].strip() == text[start:end]


def test_numbers_share_one_id():
    ids = term_ids(["300", "ثلاثمائة", "2026"])
    assert ids[0] == ids[2] == NUMBER_ID and ids[1] != NUMBER_ID


def test_body_ids_drop_the_title_line():
    doc = build_document(RawDocument(text=ORIGINAL, fmt="txt", title="خطة لمكافحة الجراد"))
    assert "\n" in doc.search_text
    assert np.array_equal(body_ids(doc.search_text), term_ids(token_spans(doc.text).terms))


def test_an_edited_copy_aligns_and_unrelated_text_does_not():
    a = term_ids(token_spans(ORIGINAL).terms)
    b = term_ids(token_spans(display(COPY)).terms)
    passages = align(a, b)
    assert passages and sum(p.matched for p in passages) >= 40
    for other in UNRELATED:
        assert align(a, term_ids(token_spans(other).terms)) == []


def test_reordered_paragraphs_give_several_passages():
    first, second = ORIGINAL[:COPIED_END // 2], ORIGINAL[COPIED_END // 2:]
    a = term_ids(token_spans(first + "\n" + second).terms)
    b = term_ids(token_spans(second + "\n" + first).terms)
    passages = align(a, b, AlignParams())
    assert len(passages) >= 2
    assert all(p.matched >= AlignParams().min_tokens for p in passages)


def test_signatures_are_deterministic_and_banded():
    ids = term_ids(token_spans(ORIGINAL).terms)
    params = LshParams(16, 8, 10, 2)
    sig = window_signatures(ids, params)
    assert sig.shape[1] == params.perms and len(sig) >= 2
    assert np.array_equal(sig, window_signatures(ids.copy(), params))
    assert band_keys(sig, params).shape == (len(sig), params.bands)
    assert window_signatures(ids[:0], params).shape == (0, params.perms)


def test_segments_merge_and_look_up():
    params = LshParams(16, 8, 10, 2)
    texts = [ORIGINAL, display(COPY), *UNRELATED]
    sketches = [sketch(i, term_ids(token_spans(t).terms), params) for i, t in enumerate(texts)]
    one = Segment.build(sketches, params.perms)
    two = Segment.merge([Segment.build(sketches[:2], params.perms),
                         Segment.build(sketches[2:], params.perms)], params.perms)
    for field in Segment.FIELDS:
        assert np.array_equal(getattr(one, field), getattr(two, field)), field
    which, docs, _ = one.lookup(sketches[0].keys.ravel())
    assert 0 in set(docs.tolist())


def test_the_copy_is_a_candidate_and_verified():
    params = ReuseParams()
    texts = [ORIGINAL, display(COPY), *UNRELATED]
    sketches = [sketch(i, term_ids(token_spans(t).terms), params.lsh) for i, t in enumerate(texts)]
    table = LshTable(params.lsh, min_agreement=params.min_agreement)
    table.add(sketches[:1] + sketches[2:])
    found = table.candidates(sketches[1])
    assert set(found.docs) == {0} and found.docs[0] >= params.min_agreement
    assert len(found.window_df) == sketches[1].windows


def test_link_spans_point_at_the_copied_passage():
    copy = display(COPY)
    link = link_documents(LinkSide("o", ORIGINAL, "2026-11-03"), LinkSide("c", copy, "2026-11-04"))
    assert link is not None and link.direction == "a->b" and link.direction_basis == "date"
    (start, end), = link.spans_a
    assert start < 20 and COPIED_END - 80 < end <= COPIED_END + 5
    assert "وزاره الزراعه" in copy[link.spans_b[0][0]:link.spans_b[0][1]] or \
        "وزارة الزراعه" in copy[link.spans_b[0][0]:link.spans_b[0][1]]
    assert 0.5 < link.shared_fraction <= 1.0
    assert "aligned passage" in link.reason


def test_no_link_between_unrelated_articles():
    assert link_documents(LinkSide("a", ORIGINAL), LinkSide("b", UNRELATED[0])) is None


def test_direction_by_date_then_citation_then_unknown():
    def cites(text, outlet):
        return outlet == "وكالة الأنباء" and "الوكالة" in text

    a = LinkSide("a", "نص الوكالة", None, "وكالة الأنباء")
    b = LinkSide("b", "نقلت الوكالة", None, "موقع")
    assert direction_of(LinkSide("a", "", "2026-01-02"), LinkSide("b", "", "2026-01-01")) == (
        "b->a", "date")
    assert direction_of(a, b, cites) == ("a->b", "citation")
    assert direction_of(a, b, None) == ("unknown", None)


def test_find_links_over_a_small_desk():
    texts = [ORIGINAL, *UNRELATED, display(COPY)]
    links = find_links([LinkSide(str(i), t) for i, t in enumerate(texts)])
    assert [(link.a, link.b) for link in links] == [("0", "4")]


def test_passages_shared_by_many_documents_are_templates():
    template = ("سجل الدخول إلى حسابك لمتابعة آخر الأخبار العاجلة والتقارير الحصرية والتحليلات "
                "اليومية من مراسلينا في العواصم العربية والعالمية اشترك الآن في النشرة البريدية "
                "اليومية واحصل على أهم العناوين صباح كل يوم مباشرة في بريدك")
    bodies = [f"{UNRELATED[i % 3]} خبر رقم {i} عن موضوع مختلف تماما {'ب' * (i + 3)}"
              for i in range(10)]
    texts = [f"{body}\n{template}" for body in bodies]
    params = ReuseParams(template_df=6)
    links = find_links([LinkSide(str(i), t) for i, t in enumerate(texts)], params)
    assert all(link.shared_fraction > params.template_max_fraction for link in links)


def test_compaction_keeps_every_document_and_few_segments():
    params = LshParams(16, 8, 10, 2)
    table = LshTable(params)
    texts = [ORIGINAL, display(COPY), *UNRELATED] * 4
    for i, text in enumerate(texts):
        table.add([sketch(i, term_ids(token_spans(text).terms), params)], max_segments=3)
        assert len(table.segments) <= 3
    assert table.doc_count == len(texts)
    query = sketch(99, term_ids(token_spans(ORIGINAL).terms), params)
    assert set(table.candidates(query).docs) >= {0, 1, 5, 6}


def _square_all(state, chunk):
    return [state * x for x in chunk]


def test_fork_map_keeps_order_and_matches_in_process():
    from tahqiq.sources.parallel import fork_map

    items = list(range(300))
    assert fork_map(_square_all, items, 3, workers=2, min_items=1) == [3 * x for x in items]
    assert fork_map(_square_all, items, 3, workers=1) == [3 * x for x in items]
    from tahqiq.core import parallel

    assert parallel._WORKER is None  # the state lived in the forked workers only


def test_two_workers_find_the_same_links():
    base = [ORIGINAL, *UNRELATED, display(COPY)]
    texts = [f"{t} {'ت' * (i % 7 + 3)}{i}" for i, t in enumerate(base * 14)]
    sides = [LinkSide(str(i), t) for i, t in enumerate(texts)]
    one, two = find_links(sides, workers=1), find_links(sides, workers=2)
    assert one == two and len(one) > 64


def _pid_of_each(state, chunk):
    import os

    return [os.getpid() for _ in chunk]


def test_fork_map_never_forks_while_other_threads_run(monkeypatch):
    """A forked child inherits the locks other threads hold: with threads running, work stays here."""
    import os
    import threading

    from tahqiq.sources import parallel

    items = list(range(200))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not parallel.can_fork()
        assert set(parallel.fork_map(_pid_of_each, items, None, workers=2, min_items=1)) == {os.getpid()}
    finally:
        stop.set()
        other.join()
    if "fork" in __import__("multiprocessing").get_all_start_methods() and threading.active_count() == 1:
        assert parallel.can_fork()
        assert os.getpid() not in set(parallel.fork_map(_pid_of_each, items, None, workers=2, min_items=1))
