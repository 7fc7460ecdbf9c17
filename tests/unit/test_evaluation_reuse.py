"""tahqiq.evaluation.reuse, .reuse_levels and .reuse_corpus on tiny in-memory corpora."""

from __future__ import annotations

import random

import pytest

from tahqiq.evaluation.reuse import covered, injected_recall, level_recall, min_recall, score
from tahqiq.evaluation.reuse_corpus import generate, reuse_articles, train
from tahqiq.evaluation.reuse_levels import Copy, make_copies, make_copy, run_counts

#: Three originals (documents 0-2), then three copies (documents 3-5).
COPIES = [Copy("excerpt20", 0, 1, "copy A", (10, 30), ((10, 30),)),
          Copy("excerpt20", 2, 0, "copy B", (0, 40), ((0, 40),)),
          Copy("rewrite25", 1, 2, "copy C", (5, 15), ((5, 15),))]
LINKED = {(0, 3), (2, 4), (0, 5), (3, 4), (1, 2)}
SPANS = {((0, 3), 0): [(10, 25)], ((2, 4), 2): [(0, 10)]}


def _spans_of(key: tuple[int, int], doc: int) -> list[tuple[int, int]]:
    return SPANS[(key, doc)]


def test_a_three_article_level_scored_by_hand() -> None:
    got = score(COPIES, 3, LINKED, _spans_of, lambda x, y: (x, y) == (0, 1))
    # A: its link covers 15 of its 20 source characters (found); B: 10 of 40 (not);
    # C: no link to its source.  Copy links: (0,3) source, (2,4) source, (3,4) both from
    # source 0, right; (0,5) wrong, but 0 shares text with C's source 1 (verified).
    assert got == {"recall": {"excerpt20": 0.5, "rewrite25": 0.0}, "precision": 0.75,
                   "copy_links": 4, "background_links": 1, "precision_verified": 1.0}


def test_without_spans_a_link_to_the_source_is_enough() -> None:
    assert level_recall(COPIES, 3, LINKED, None) == {"excerpt20": 1.0, "rewrite25": 0.0}
    assert "precision_verified" not in score(COPIES, 3, LINKED, None)


def test_background_links_make_a_copy_link_right() -> None:
    # (0,5): copy C comes from 1 and 2; 0 is linked to 1 among the originals
    got = score(COPIES, 3, {(0, 5), (0, 1)}, None)
    assert got["precision"] == 1.0 and got["background_links"] == 1


def test_covered_and_min_recall() -> None:
    assert covered([(0, 5), (8, 12)], (3, 10)) == 4
    assert min_recall({"a": 0.5, "b": 0.25}, ("a", "b", "c")) == 0.25
    assert min_recall({"a": 0.5}, ("c",)) is None


def test_injected_recall_per_kind() -> None:
    ids = ["x", "y", "z", "z"]
    linked = {frozenset(("x", "y"))}
    injected = [(0, 1, "passage"), (0, 2, "passage"), (2, 3, "republished"), (1, 9, "passage")]
    # (2, 3) is one stored document and (1, 9) falls outside ids: both left out
    assert injected_recall(injected, ids, linked) == {"passage": 0.5}


_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _word(n: int) -> str:
    out = ""
    for _ in range(4):
        n, r = divmod(n, len(_LETTERS))
        out += _LETTERS[r]
    return out


def _texts(n: int = 4, words: int = 250) -> list[str]:
    """Articles of distinct Arabic-letter words, in sentences of ten words."""
    texts = []
    for a in range(n):
        ws = [_word(a * 1000 + j) for j in range(words)]
        texts.append(" ".join(w + ("." if j % 10 == 9 else "") for j, w in enumerate(ws)))
    return texts


def test_an_excerpt_copy_holds_its_source_passage_inside_its_host() -> None:
    texts = _texts()
    vocab = texts[3].split()
    copy = make_copy("excerpt20", texts, 0, 1, vocab, random.Random(3), run_counts(texts))
    assert copy is not None and copy.level == "excerpt20" and copy.source_parts == (copy.source_span,)
    passage = texts[0][copy.source_span[0]:copy.source_span[1]]
    assert len(passage.split()) == 20 and passage in copy.text
    assert set(copy.text.split()) - set(passage.split()) <= set(texts[1].split())


def test_make_copies_is_deterministic_and_labels_levels() -> None:
    texts = _texts()
    levels = ("excerpt40", "edit30w40", "rewrite25", "reorder_sent")
    first, again = make_copies(texts, 2, 5, levels), make_copies(texts, 2, 5, levels)
    assert first == again
    assert {c.level for c in first} == set(levels)
    assert all(c.source != c.host for c in first)


def test_the_chain_writes_only_words_it_was_trained_on() -> None:
    texts = _texts(2, 60)
    text = generate(train(texts), 50, random.Random(1))
    assert 50 <= len(text.split()) and set(text.split()) <= set(" ".join(texts).split())


def test_reuse_articles_injects_after_the_first_hundred() -> None:
    texts = _texts(2, 60)
    got = list(reuse_articles(texts, 104, seed=2, copy_rate=1.0, dup_rate=0.0))
    assert got == list(reuse_articles(texts, 104, seed=2, copy_rate=1.0, dup_rate=0.0))
    injected = [entry for _, entry in got if entry is not None]
    assert [e[1] for e in injected] == [101, 102, 103]
    assert all(e[2] == "passage" and e[0] < e[1] for e in injected)
    article = got[0][0]
    assert set(article) == {"title", "text", "source", "url", "published"}
    assert article["published"] == "2015-01-01"


@pytest.mark.parametrize("level", ["ortho", "paraphrase", "edit10", "reorder_para"])
def test_other_levels_make_copies_or_none(level: str) -> None:
    texts = _texts()
    copy = make_copy(level, texts, 0, 2, texts[3].split(), random.Random(1), run_counts(texts))
    assert copy is None or (copy.level == level and copy.source == 0 and copy.host == 2)
