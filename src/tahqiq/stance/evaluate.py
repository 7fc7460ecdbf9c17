"""Training the shipped model and scoring a model on labelled data.

``train_stance`` reproduces the default model from the research data
(deterministic for a fixed seed); ``evaluate_baly`` and ``evaluate_ans``
print-ready reports in the JSON contract of ``tahqiq eval stance``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .data import LabelledPair, data_sha256, read_ans, read_baly
from .labels import LABELS
from .metrics import classification_report
from .model import Prepared, StanceClassifier

ANS_LABELS = ("agree", "disagree", "other")
Progress = Callable[[int, int], None]


def _prepare_all(model: StanceClassifier, pairs: Sequence[LabelledPair],
                 progress: Progress | None) -> list[Prepared]:
    out = []
    for i, pair in enumerate(pairs):
        out.append(model.prepare(pair.claim, pair.text))
        if progress:
            progress(i + 1, len(pairs))
    return out


def _as_stance(label: str) -> str:
    return "discuss" if label == "other" else label


def train_stance(data_dir: Path, *, seed: int = 13, progress: Progress | None = None,
                 **params: Any) -> tuple[StanceClassifier, dict[str, Any]]:
    """Fit on every Baly claim file and ANS train under ``data_dir``.

    Returns the model and the manifest fields describing its training data.
    """
    from .weights import build_weights

    baly_files = sorted((data_dir / "baly2018" / "claims").glob("*.json"))
    ans_file = data_dir / "ans" / "stance" / "train.csv"
    pairs = read_baly(data_dir / "baly2018" / "claims") + read_ans(ans_file)
    model = StanceClassifier(seed=seed, **params)
    model.weights = build_weights()
    prepared = _prepare_all(model, pairs, progress)
    model.fit([(p.claim, p.text) for p in pairs], [_as_stance(p.stance) for p in pairs],
              groups=[p.claim_id for p in pairs], rationales=[p.rationale for p in pairs],
              prepared=prepared)
    info = {"training_data": {"files": len(baly_files) + 1, "pairs": len(pairs),
                              "sha256": data_sha256([*baly_files, ans_file])}}
    return model, info


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
                     prepared: Sequence[Prepared]) -> float:
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
