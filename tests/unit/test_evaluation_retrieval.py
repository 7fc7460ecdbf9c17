"""tahqiq.evaluation.retrieval: relevance, recall@k / MRR and the audit, on toy rankings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tahqiq.evaluation.retrieval import (
    UNRANKED,
    article_positions,
    audit_summary,
    claim_recall_ceiling,
    missed_pairs,
    ranking_scores,
    read_audit,
    relevant_docs,
)
from tahqiq.stance.data import LabelledPair


def _pairs() -> list[LabelledPair]:
    """Claim c1 with three articles (two relevant), claim c2 with two (one relevant)."""
    return [LabelledPair("c1", "claim one", "t0", "agree"),
            LabelledPair("c1", "claim one", "t1", "unrelated"),
            LabelledPair("c2", "claim two", "t2", "discuss"),
            LabelledPair("c1", "claim one", "t3", "disagree"),
            LabelledPair("c2", "claim two", "t4", "unrelated")]


DOC_IDS = ["d0", "d1", "d2", "d3", "d4"]


def test_relevant_docs_are_the_related_articles() -> None:
    assert relevant_docs(_pairs(), DOC_IDS) == {"c1": {"d0", "d3"}, "c2": {"d2"}}


def test_ranking_scores_by_hand() -> None:
    relevant = relevant_docs(_pairs(), DOC_IDS)
    rankings = [("c1", ["d1", "d0", "d4", "d3"]), ("c2", ["d2", "d0"]), ("c3", ["d0"])]
    scores = ranking_scores(rankings, relevant, 2)
    # c1: one of two relevant in the top 2, first at rank 2; c2: found at rank 1; c3 has none
    assert scores == {"recall_at_2": 0.75, "mrr": 0.75, "claims_with_relevant": 2}


def test_article_positions_count_within_each_claim() -> None:
    assert article_positions(_pairs()) == [("c1", 0), ("c1", 1), ("c2", 0), ("c1", 2), ("c2", 1)]


def test_missed_pairs_are_relevant_articles_ranked_k_or_lower() -> None:
    ranks = {"c1": {"d0": 0, "d1": 1}, "c2": {"d2": 3, "d4": 0}}
    assert missed_pairs(_pairs(), DOC_IDS, ranks, 2) == [(2, 3), (3, UNRANKED)]
    assert missed_pairs(_pairs(), DOC_IDS, ranks, 4) == [(3, UNRANKED)]


def test_claim_recall_ceiling_bounds() -> None:
    pairs, missed = _pairs(), [(3, UNRANKED)]
    assert claim_recall_ceiling(pairs, missed, 1.0) == 1.0
    assert claim_recall_ceiling(pairs, missed, 0.0) == 0.75  # c1 half found, c2 whole


def test_audit_summary_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "audit.json"
    path.write_text(json.dumps({"entries": [
        {"claim_id": "c1", "article": 2, "judgement": "off"},
        {"claim_id": "c2", "article": 0, "judgement": "on"}]}), encoding="utf-8")
    summary = audit_summary(_pairs(), [(3, UNRANKED)], read_audit(path), 20)
    assert summary["relevant_pairs"] == 3 and summary["missed_at_20"] == 1
    assert summary["audited"] == 2 and summary["audited_still_missed"] == 1
    assert summary["judgements"] == {"off": 1, "on": 1}
    assert summary["off_topic_share_of_missed"] == 0.5
    assert summary["pair_recall_now"] == pytest.approx(0.667)
    assert summary["pair_recall_ceiling"] == pytest.approx(0.833)
    assert 0.75 <= summary["claim_recall_at_20_ceiling"] <= 1.0
