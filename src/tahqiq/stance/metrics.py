"""Classification metrics: accuracy, macro-F1, per-class P/R/F1, confusion."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


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
        tp = confusion[lab][lab]
        predicted = sum(confusion[g][lab] for g in labels)
        actual = sum(confusion[lab].values())
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[lab] = {"precision": round(precision, 4), "recall": round(recall, 4),
                          "f1": round(f1, 4), "support": actual}
    n = len(gold)
    correct = sum(confusion[lab][lab] for lab in labels)
    macro = sum(per_class[lab]["f1"] for lab in labels) / len(labels)
    return {"n": n, "accuracy": round(correct / n, 4) if n else 0.0, "macro_f1": round(macro, 4),
            "per_class": per_class, "confusion": confusion}
