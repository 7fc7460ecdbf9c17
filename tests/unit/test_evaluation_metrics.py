"""tahqiq.evaluation.metrics: the general metrics, on hand-counted inputs."""

from __future__ import annotations

import pytest

from tahqiq.evaluation.metrics import (
    classification_report,
    mean,
    prf,
    recall_at_k,
    reciprocal_rank,
    span_overlap,
)


def test_prf_counts_and_empty_denominators() -> None:
    assert prf(2, 4, 3) == pytest.approx((2 / 3, 0.5, 4 / 7))
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(0, 3, 2) == (0.0, 0.0, 0.0)


def test_classification_report_by_hand() -> None:
    gold = ["a", "a", "b", "b"]
    pred = ["a", "b", "b", "none"]  # "none" is an abstention: its own column, counts against recall
    report = classification_report(gold, pred, ("a", "b"))
    assert report["n"] == 4 and report["accuracy"] == 0.5
    assert report["per_class"]["a"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert report["per_class"]["b"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert report["macro_f1"] == round((0.6667 + 0.5) / 2, 4)
    assert report["confusion"] == {"a": {"a": 1, "b": 1}, "b": {"a": 0, "b": 1, "none": 1}}


def test_classification_report_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        classification_report(["a"], [], ("a",))


def test_span_overlap() -> None:
    assert span_overlap((0, 10), (5, 20)) == 5
    assert span_overlap((0, 5), (5, 9)) == 0
    assert span_overlap((3, 4), (0, 10)) == 1


def test_recall_and_reciprocal_rank_on_a_toy_ranking() -> None:
    ranked = ["d3", "d1", "d7", "d2", "d9"]
    relevant = {"d1", "d2", "d4"}
    assert recall_at_k(ranked, relevant, 2) == pytest.approx(1 / 3)
    assert recall_at_k(ranked, relevant, 5) == pytest.approx(2 / 3)
    assert reciprocal_rank(ranked, relevant, 5) == 0.5
    assert reciprocal_rank(ranked, relevant, 1) == 0.0
    assert reciprocal_rank(ranked, {"d3"}, 5) == 1.0


def test_mean_rounds_and_handles_nothing() -> None:
    assert mean([1.0, 0.0, 0.0]) == 0.3333
    assert mean([]) == 0.0
