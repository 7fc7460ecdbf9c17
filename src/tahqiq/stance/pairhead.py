"""The headline-pair head: a claim and a one-line text compared by meaning.

Two headlines share too little text for the sentence relations or the
article trees to see how they stand: "X يفوز" and "X يخسر" differ by one
word.  For a headline pair (:func:`tahqiq.stance.policy.is_headline`) the
claim and the text are already encoded whole by multilingual-e5; this head
is a class-balanced logistic regression over ``[c, t, |c - t|, c * t, c . t]``
of those two vectors, giving agree / disagree / other, and its probabilities
are averaged with the trees' (:func:`blend`).

Trained on the headline pairs of the training data (ANS train), never on
generated pairs.  The regularisation (``params["pair_c"]``) and the share of
the head in the blend (``params["pair_weight"]``) were chosen by grouped
5-fold CV on ANS train, with the trees' out-of-fold probabilities
(docs/benchmarks.md, "Headline pairs by meaning").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .heads import LinearHead, fit_linear
from .labels import LABELS

#: The head's classes: ANS's three (discuss and unrelated are "other").
PAIR_LABELS = ("agree", "disagree", "other")
_OTHER = (LABELS.index("discuss"), LABELS.index("unrelated"))


def pair_features(claim: np.ndarray, text: np.ndarray) -> np.ndarray:
    """``[c, t, |c - t|, c * t, c . t]`` for rows of claim and text embeddings."""
    claim, text = np.atleast_2d(claim), np.atleast_2d(text)
    cosine = (claim * text).sum(axis=1, keepdims=True)
    return np.hstack([claim, text, np.abs(claim - text), claim * text, cosine]).astype(np.float32)


def pair_label(label: str) -> int:
    """The head's class index of a stance label."""
    return PAIR_LABELS.index(label if label in ("agree", "disagree") else "other")


def fit_pair_head(features: np.ndarray, labels: Sequence[str], c: float,
                  seed: int = 0) -> LinearHead | None:
    """Fit the head on pair features and stance labels (``None`` unless all three
    of :data:`PAIR_LABELS` occur)."""
    y = np.array([pair_label(lab) for lab in labels])
    if len(set(y.tolist())) < len(PAIR_LABELS):
        return None
    return fit_linear(features, y, c=c, seed=seed)


def blend(proba: np.ndarray, head: np.ndarray, weight: float) -> np.ndarray:
    """The trees' probabilities (columns in :data:`LABELS` order) averaged with
    the head's (``weight`` its share); the head's "other" is split between
    discuss and unrelated as the trees split them."""
    out = (1.0 - weight) * np.asarray(proba, dtype=np.float64)
    for label in ("agree", "disagree"):
        out[LABELS.index(label)] += weight * head[PAIR_LABELS.index(label)]
    rest = proba[list(_OTHER)]
    share = rest / rest.sum() if rest.sum() > 0 else np.full(len(_OTHER), 1.0 / len(_OTHER))
    out[list(_OTHER)] += weight * head[PAIR_LABELS.index("other")] * share
    return out


__all__ = ["PAIR_LABELS", "blend", "fit_pair_head", "pair_features", "pair_label"]
