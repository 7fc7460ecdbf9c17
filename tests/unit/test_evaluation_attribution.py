"""tahqiq.evaluation.attribution: matching extracted sources to a two-sentence gold."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from tahqiq.evaluation import attribution
from tahqiq.evaluation.attribution import (
    canonical_key,
    content_score,
    evaluate,
    gold_counts,
    greedy,
    score_article,
    text_sha256,
)

TEXT = "قال وزير المالية إن الاقتصاد ينمو بسرعة. وذكرت وكالة رويترز أن الأسعار ارتفعت أمس."
GOLD = {
    "claim_id": "c1", "article_index": 0, "split": "dev", "sha256": text_sha256(TEXT),
    "annotated_range": [0, 60],
    "attributions": [
        {"speaker": [4, 16], "speaker_kind": "person", "cue": [0, 3], "content": [20, 39]},
        {"speaker": [47, 59], "speaker_kind": "outlet", "cue": [41, 46], "content": [63, 81]},
    ],
    "cited_outlets": [{"span": [53, 59], "canonical": "Reuters"}],
}


def _att(speaker: tuple[int, int], cue: tuple[int, int], span: tuple[int, int],
         kind: str = "person", cue_kind: str = "verbal") -> SimpleNamespace:
    return SimpleNamespace(speaker_span=speaker, cue_span=cue, span=span, speaker_kind=kind,
                           cue_kind=cue_kind)


REPORT = SimpleNamespace(
    attributions=(
        _att((4, 16), (0, 3), (20, 39), kind="official"),
        _att((-1, -1), (41, 46), (63, 75)),           # implicit speaker; content 12 of 18
        _att((47, 52), (41, 46), (63, 81), cue_kind="nominal"),  # nominal: not scored
        _att((70, 75), (63, 66), (66, 81)),            # cue outside the annotated range
    ),
    cited_outlets=(
        SimpleNamespace(span=(53, 59), canonical="Reuters ", known=True),
        SimpleNamespace(span=(47, 52), canonical="وكالة", known=False),
    ),
)


def test_two_sentences_scored_by_hand() -> None:
    res = score_article(GOLD, REPORT, known={"reuters"})
    assert res["outlets"] == (1, 1, 2)
    assert res["outlets_known"] == (1, 1) and res["outlets_unknown"] == (0, 0)
    assert res["speakers"] == (1, 2, 1)
    assert res["kinds"] == (0, 1)  # matched speaker, wrong kind
    assert res["cues"] == (2, 2, 2)
    assert res["contents"] == (2, 2, 2)
    assert res["errors"]["speakers"] == [("miss", (47, 59))]
    assert res["errors"]["outlets"] == [("false", ((47, 52), None))]
    assert res["errors"]["cues"] == [] and res["errors"]["contents"] == []


def test_an_outlet_outside_the_gazetteer_counts_in_the_unknown_split() -> None:
    res = score_article(GOLD, REPORT, known=set())
    assert res["outlets_known"] == (0, 0) and res["outlets_unknown"] == (1, 1)


def test_matching_helpers() -> None:
    assert canonical_key("Al-Watan") == canonical_key("al watan") == "alwatan"
    assert content_score((0, 10), (5, 10)) == 0.5
    assert content_score((0, 10), (6, 10)) == 0.0
    # best first, one to one: gold 0 takes pred 1 (score 3), gold 1 is left pred 0
    assert greedy([0, 1], [0, 1], lambda g, p: {(0, 0): 2, (0, 1): 3, (1, 0): 1}.get((g, p), 0)) \
        == [(0, 1), (1, 0)]


def test_evaluate_sums_per_split_and_skips_stale_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    import tahqiq.sources

    monkeypatch.setattr(tahqiq.sources, "extract_sources", lambda doc_id, text: REPORT)
    stale = {**GOLD, "article_index": 1, "split": "test", "sha256": "0" * 64}
    gold = {"articles": [GOLD, stale]}
    docs = {("c1", 0): SimpleNamespace(doc_id="d0", text=TEXT),
            ("c1", 1): SimpleNamespace(doc_id="d1", text=TEXT)}
    result = evaluate(gold, docs, known={"reuters"})
    assert result["stale"] == ["c1#1"]
    assert result["totals"]["dev"]["speakers"] == [1, 2, 1]
    assert "test" not in result["totals"]
    assert gold_counts(gold) == {"dev": [1, 2, 1], "test": [1, 2, 1]}


@pytest.mark.shared_data
def test_the_shipped_gold_scores_on_the_shared_data() -> None:
    root = Path(__file__).resolve().parents[2]
    gold = json.loads((root / "bench" / "data" / "attribution_gold.json").read_text("utf-8"))
    data = root.parent / "shared" / "data" / "baly2018" / "claims"
    gold["articles"] = [a for a in gold["articles"] if a["split"] == "test"]
    result = evaluate(gold, attribution.load_documents(gold, data))
    tp, n_gold, n_pred = result["totals"]["test"]["cues"]
    assert 0 < tp <= min(n_gold, n_pred)
