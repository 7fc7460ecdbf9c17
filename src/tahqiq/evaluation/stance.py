"""Training the shipped model and scoring a model on labelled data.

``train_stance`` reproduces the default model from the research data
(deterministic for a fixed seed); ``evaluate_baly``, ``evaluate_ans`` and
``evaluate_jsonl`` return print-ready reports in the JSON contract of
``tahqiq eval stance``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..stance.contrast import contrast_pairs, is_generated, outside_fold
from ..stance.data import (
    LabelledPair,
    data_sha256,
    read_ans,
    read_baly,
    read_folds,
    read_jsonl_pairs,
)
from ..stance.labels import LABELS
from ..stance.model import PreparedPair, StanceClassifier
from .metrics import classification_report

ANS_LABELS = ("agree", "disagree", "other")
Progress = Callable[[int, int], None]


def _prepare_all(model: StanceClassifier, pairs: Sequence[LabelledPair],
                 progress: Progress | None) -> list[PreparedPair]:
    out = []
    for i, pair in enumerate(pairs):
        out.append(model.prepare(pair.claim, pair.text))
        if progress:
            progress(i + 1, len(pairs))
    return out


def _as_stance(label: str) -> str:
    return "discuss" if label == "other" else label


def train_stance(data_dir: Path, *, seed: int = 13, cv: bool = True,
                 progress: Progress | None = None,
                 **params: Any) -> tuple[StanceClassifier, dict[str, Any]]:
    """Fit on every Baly claim file and ANS train under ``data_dir``.

    With ``cv``, first measure the same configuration by claim-level
    cross-validation over the Baly folds (``folds.txt``) and score ANS dev
    with the final model.  Returns the model and its manifest fields
    (training data hash and size, metrics).
    """
    from ..stance.weights import build_weights

    baly_dir = data_dir / "baly2018"
    baly_files = sorted((baly_dir / "claims").glob("*.json"))
    ans_file = data_dir / "ans" / "stance" / "train.csv"
    baly, ans = read_baly(baly_dir / "claims"), read_ans(ans_file)
    model = StanceClassifier(seed=seed, weights=build_weights(), **params)
    contrast = contrast_pairs(baly, seed) if model.params["contrast"] else []
    pairs = baly + ans + contrast
    prepared = _prepare_all(model, pairs, progress)
    metrics: dict[str, Any] = {}
    if cv and (baly_dir / "folds.txt").is_file():
        folds = read_folds(baly_dir / "folds.txt")
        n, m = len(baly), len(baly) + len(ans)
        metrics["baly_cv"] = cross_validate(model.params, model.weights, baly, prepared[:n],
                                            folds, ans, prepared[n:m], contrast, prepared[m:])
    _fit(model, pairs, prepared)
    dev = data_dir / "ans" / "stance" / "dev.csv"
    if cv and dev.is_file():
        metrics["ans_dev"] = _summary(evaluate_ans(model, dev))
    info = {"training_data": {"files": len(baly_files) + 1, "pairs": len(pairs) - len(contrast),
                              "generated_contrast_pairs": len(contrast),
                              "sha256": data_sha256([*baly_files, ans_file])},
            "metrics": metrics}
    return model, info


def _fit(model: StanceClassifier, pairs: Sequence[LabelledPair], prepared: Sequence[PreparedPair]) -> None:
    model.fit([(p.claim, p.text) for p in pairs], [_as_stance(p.stance) for p in pairs],
              groups=[p.claim_id for p in pairs], rationales=[p.rationale for p in pairs],
              prepared=prepared, generated=[is_generated(p) for p in pairs])


def cross_validate(params: dict[str, Any], weights: dict[str, float],
                   pairs: Sequence[LabelledPair], prepared: Sequence[PreparedPair],
                   folds: dict[str, int], extra: Sequence[LabelledPair] = (),
                   extra_prepared: Sequence[PreparedPair] = (),
                   generated: Sequence[LabelledPair] = (),
                   generated_prepared: Sequence[PreparedPair] = ()) -> dict[str, Any]:
    """Claim-level cross-validation: each fold's claims are scored by a model
    fitted on the other folds (plus ``extra`` pairs, e.g. ANS train, and the
    ``generated`` contrast pairs whose source claim is in the training folds)."""
    fold_of = np.array([folds[p.claim_id] for p in pairs])
    gold, predicted, hits = [], [], []
    for fold in sorted(set(fold_of)):
        train = np.flatnonzero(fold_of != fold)
        test = np.flatnonzero(fold_of == fold)
        model = StanceClassifier(weights=weights, **params)
        gen = outside_fold(generated, folds, fold)
        _fit(model, [pairs[i] for i in train] + list(extra) + [generated[i] for i in gen],
             [prepared[i] for i in train] + list(extra_prepared) + [generated_prepared[i] for i in gen])
        test_pairs, test_prep = [pairs[i] for i in test], [prepared[i] for i in test]
        predicted += model.predict([], prepared=test_prep)
        gold += [p.stance for p in test_pairs]
        hits.append((rationale_p_at_1(model, test_pairs, test_prep), _n_rationale(test_pairs)))
    report = _summary(classification_report(gold, predicted, LABELS))
    report["rationale_p_at_1"] = round(sum(p * n for p, n in hits) / max(sum(n for _, n in hits), 1), 4)
    report["folds"] = len(set(fold_of))
    return report


def _n_rationale(pairs: Sequence[LabelledPair]) -> int:
    return sum(p.stance in ("agree", "disagree") and bool(p.rationale) for p in pairs)


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    return {k: report[k] for k in ("n", "accuracy", "macro_f1", "per_class", "confusion")}


def evaluate_baly(model: StanceClassifier, directory: Path,
                  progress: Progress | None = None) -> dict[str, Any]:
    """Metrics over Baly-format claim files, with rationale precision@1."""
    pairs = read_baly(directory)
    prepared = _prepare_all(model, pairs, progress)
    predicted = model.predict([], prepared=prepared)
    report = classification_report([p.stance for p in pairs], predicted, LABELS)
    report["rationale_p_at_1"] = rationale_p_at_1(model, pairs, prepared)
    return report


def rationale_p_at_1(model: StanceClassifier, pairs: Sequence[LabelledPair],
                     prepared: Sequence[PreparedPair]) -> float:
    """Share of gold agree/disagree pairs whose top evidence sentence lies on a rationale line."""
    hits = total = 0
    for pair, prep in zip(pairs, prepared, strict=True):
        if pair.stance not in ("agree", "disagree") or not pair.rationale:
            continue
        total += 1
        if prep.units:
            relevance, _ = model.unit_scores(prep)
            hits += prep.units[int(np.argmax(relevance))].line in pair.rationale
    return round(hits / total, 4) if total else 0.0


def evaluate_ans(model: StanceClassifier, path: Path,
                 progress: Progress | None = None) -> dict[str, Any]:
    """Metrics over an ANS stance CSV; discuss and unrelated both count as ``other``."""
    pairs = read_ans(path)
    prepared = _prepare_all(model, pairs, progress)
    predicted = ["other" if lab in ("discuss", "unrelated") else lab
                 for lab in model.predict([], prepared=prepared)]
    return classification_report([p.stance for p in pairs], predicted, ANS_LABELS)


#: ``per_capability`` key of the pairs that carry no capability.
NO_CAPABILITY = "(none)"
_BATCH = 64


def evaluate_jsonl(model: StanceClassifier, pairs: Sequence[LabelledPair] | Path,
                   progress: Progress | None = None) -> dict[str, Any]:
    """Metrics over labelled pairs from a user's JSONL file (see :func:`read_jsonl_pairs`).

    ``pairs`` is a path or the pairs already read.  Uses only the public
    ``model.predict`` on ``(claim, text)`` pairs.  When any pair has a
    ``capability``, adds ``per_capability``: for each capability (pairs
    without one under ``"(none)"``), ``{"n", "correct", "accuracy",
    "misses": [{"id", "line", "expected", "predicted"}]}``, in name order.
    """
    if isinstance(pairs, (str, Path)):
        pairs = read_jsonl_pairs(Path(pairs))
    predicted: list[str] = []
    for start in range(0, len(pairs), _BATCH):
        batch = pairs[start:start + _BATCH]
        predicted += model.predict([(p.claim, p.text) for p in batch])
        if progress:
            progress(start + len(batch), len(pairs))
    report = classification_report([p.stance for p in pairs], predicted, LABELS)
    if any(p.capability is not None for p in pairs):
        report["per_capability"] = per_capability(pairs, predicted)
    return report


def per_capability(pairs: Sequence[LabelledPair], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy and misses of each capability (see :func:`evaluate_jsonl`)."""
    groups: dict[str, list[tuple[LabelledPair, str]]] = {}
    for pair, label in zip(pairs, predicted, strict=True):
        groups.setdefault(pair.capability or NO_CAPABILITY, []).append((pair, label))
    out = {}
    for name in sorted(groups):
        members = groups[name]
        correct = sum(pair.stance == label for pair, label in members)
        out[name] = {"n": len(members), "correct": correct,
                     "accuracy": round(correct / len(members), 4),
                     "misses": [{"id": pair.id, "line": pair.line, "expected": pair.stance,
                                 "predicted": label}
                                for pair, label in members if pair.stance != label]}
    return out
