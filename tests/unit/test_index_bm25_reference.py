"""Differential test: engine BM25 vs a brute-force reference BM25.

Both engines use k1 = 1.2 and b = 0.75; they differ in idf:
tantivy ln(1 + (N - n + .5) / (n + .5)), FTS5 ln((N - n + .5) / (n + .5))
floored at 1e-6.  Documents are short (<= 30 tokens), where tantivy's
one-byte length encoding is exact.
"""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from tahqiq.index import ENGINES

K1, B = 1.2, 0.75
VOCAB = (
    "حكومة وزير مدينة قرار اجتماع سوق نفط ماء مطر جيش سلام حرب مدرسة طالب طبيب مستشفى "
    "مصنع عامل اتفاق رئيس برلمان شعب تاجر سعر خبز قمح بحر سفينة ميناء طريق"
).split()


def corpus(seed: int = 5, n: int = 50) -> list[tuple[int, str, str]]:
    rng = random.Random(seed)
    weights = [1 / (r + 1) for r in range(len(VOCAB))]  # Zipf-like: realistic idf spread
    return [
        (i + 1, f"doc{i:03d}", " ".join(rng.choices(VOCAB, weights, k=rng.randint(3, 30))))
        for i in range(n)
    ]


def reference(rows, terms, idf_kind):
    docs = {doc_id: text.split() for _, doc_id, text in rows}
    n_docs = len(docs)
    avgdl = sum(map(len, docs.values())) / n_docs
    df = Counter(t for toks in docs.values() for t in set(toks))
    scores = {}
    for doc_id, toks in docs.items():
        tf, score = Counter(toks), 0.0
        for t in dict.fromkeys(terms):
            if tf[t]:
                ratio = (n_docs - df[t] + 0.5) / (df[t] + 0.5)
                idf = math.log(1 + ratio) if idf_kind == "tantivy" else max(math.log(ratio), 1e-6)
                norm = K1 * (1 - B + B * len(toks) / avgdl)
                score += idf * tf[t] * (K1 + 1) / (tf[t] + norm)
        if score > 0:
            scores[doc_id] = score
    return scores


@pytest.mark.parametrize("engine", ["tantivy", "fts5"])
def test_engine_bm25_matches_reference(tmp_path, engine):
    if engine == "tantivy":
        pytest.importorskip("tantivy")
    rows = corpus()
    index = ENGINES[engine].create(tmp_path / "ix", "ref")
    index.add(rows)
    index.commit()
    rng = random.Random(9)
    for _ in range(40):
        terms = rng.sample(VOCAB, rng.randint(1, 4))
        ref = reference(rows, terms, engine)
        got = index.search(terms, k=5)
        want = sorted(ref.values(), reverse=True)[:5]
        assert len(got) == len(want), terms
        for rank, (doc_id, score) in enumerate(got):
            # same score at each rank (ties may swap ids) and the doc really has it
            assert score == pytest.approx(want[rank], rel=1e-4, abs=1e-9), (terms, rank)
            assert ref[doc_id] == pytest.approx(score, rel=1e-4, abs=1e-9), (terms, doc_id)
        top_ref = {d for d, s in ref.items() if s > want[-1] * (1 + 1e-4)}
        assert top_ref <= {d for d, _ in got}, terms  # top-5 agreement beyond ties
    index.close()
