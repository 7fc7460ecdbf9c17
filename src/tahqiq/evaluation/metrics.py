"""General metrics: precision / recall / F1, per-class reports with macro-F1 and
confusion, span overlap, and the ranking metrics recall@k and reciprocal rank.

Pure functions of their arguments; every harness of :mod:`tahqiq.evaluation`
scores with them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

Span = tuple[int, int]


def prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from true positives and the gold and predicted counts.

    An empty denominator gives 0.0 rather than an error.
    """
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def classification_report(gold: Sequence[str], pred: Sequence[str],
                          labels: Sequence[str]) -> dict[str, Any]:
    """``{"n", "accuracy", "macro_f1", "per_class", "confusion"}``; the
    confusion matrix is ``confusion[gold][pred]`` over ``labels``.  A predicted
    label outside ``labels`` (an abstention) gets its own column and counts
    against recall."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, pred, strict=True):
        confusion[g][p] = confusion[g].get(p, 0) + 1
    per_class = {}
    for lab in labels:
        actual = sum(confusion[lab].values())
        precision, recall, f1 = prf(confusion[lab][lab], actual,
                                    sum(confusion[g][lab] for g in labels))
        per_class[lab] = {"precision": round(precision, 4), "recall": round(recall, 4),
                          "f1": round(f1, 4), "support": actual}
    n = len(gold)
    correct = sum(confusion[lab][lab] for lab in labels)
    macro = sum(per_class[lab]["f1"] for lab in labels) / len(labels)
    return {"n": n, "accuracy": round(correct / n, 4) if n else 0.0, "macro_f1": round(macro, 4),
            "per_class": per_class, "confusion": confusion}


def span_overlap(a: Span, b: Span) -> int:
    """Characters two half-open ``(start, end)`` spans share (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def recall_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Share of ``relevant`` (non-empty) found in the first ``k`` of ``ranked``."""
    return len(set(relevant) & set(ranked[:k])) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """``1 / rank`` of the first relevant item in the first ``k`` of ``ranked``; 0.0 if none."""
    first = next((i for i, d in enumerate(ranked[:k]) if d in relevant), None)
    return 0.0 if first is None else 1.0 / (first + 1)


def mean(values: Sequence[float], digits: int = 4) -> float:
    """The mean of ``values`` rounded to ``digits``; 0.0 for none."""
    return round(sum(values) / len(values), digits) if values else 0.0


__all__ = ["Span", "classification_report", "mean", "prf", "reciprocal_rank", "recall_at_k",
           "span_overlap"]
