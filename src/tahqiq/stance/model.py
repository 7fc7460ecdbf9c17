"""The stance classifier: sentence relevance and stance, then an article decision.

Level 1 (per sentence): a relevance head scores how likely each sentence is
to be the rationale for a stance toward the claim (trained on the rationale
lines of Baly et al.), and a sentence-stance head gives its own agree /
disagree / discuss leaning from cues and hashed word n-grams.
Level 2 (per article): gradient-boosted trees over article features that
aggregate the sentences, led by the most relevant ones.  Level-2 training
features are cross-fitted (level-1 heads never see the claim they score).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..types import Evidence, Judgement
from .features import ARTICLE_FEATURES, ClaimContext, article_vector, unit_matrix
from .heads import LinearHead, hashed
from .labels import LABELS, SENTENCE_LABELS
from .trees import TreeEnsemble
from .units import SHORT_PAIR_UNITS, Unit, article_units, view_claim

Pair = tuple[str, str]

DEFAULT_PARAMS: dict[str, Any] = {
    "seed": 13, "inner_folds": 3, "n_estimators": 500, "learning_rate": 0.02,
    "num_leaves": 7, "min_child_samples": 10, "class_weight_power": 1.0,
    "relevance_c": 0.5, "sentence_c": 1.0, "use_ngrams": True, "use_sentence_head": True,
    "encoder": "use", "short_encoder": "e5",
}


#: Sentences per article compared with the claim by the encoder (the lexically closest).
SEMANTIC_TOP = 5


class Prepared:
    """A pair's claim context, units and unit features (computed once).

    With an ``encoder``, the claim is compared by cosine with its
    :data:`SEMANTIC_TOP` lexically closest units (the ``semantic`` feature).
    With a ``short_encoder``, a headline-length text (at most
    :data:`SHORT_PAIR_UNITS` units) is also compared whole with the claim
    (``short_semantic``; 0 for articles).  e5 separates agreeing from
    contradicting paraphrases better than USE but costs ~25 ms a sentence,
    too much for every sentence of every article.
    """

    __slots__ = ("ctx", "units", "matrix", "texts", "short_semantic")

    def __init__(self, claim: str, text: str, weights: dict[str, float],
                 encoder: str | None = None, short_encoder: str | None = None) -> None:
        self.ctx = ClaimContext(view_claim(claim), weights)
        self.units: list[Unit] = article_units(text)
        self.matrix = unit_matrix(self.ctx, self.units)
        self.texts = [" ".join(u.tokens) for u in self.units]
        self.short_semantic = 0.0
        if encoder and self.units:
            self._add_semantic(claim, encoder)
        if short_encoder and 0 < len(self.units) <= SHORT_PAIR_UNITS:
            from .encoders import encode_claim, encode_sentences

            whole = " ".join(u.text for u in self.units)
            self.short_semantic = float(encode_sentences(short_encoder, [whole])[0]
                                        @ encode_claim(short_encoder, claim)[0])

    def _add_semantic(self, claim: str, encoder: str) -> None:
        from .encoders import encode_claim, encode_sentences
        from .features import UNIT_FEATURES

        top = np.argsort(-self.matrix[:, 1], kind="stable")[:SEMANTIC_TOP]
        sims = encode_sentences(encoder, [self.units[i].text for i in top]) @ encode_claim(encoder, claim).T
        self.matrix[top, UNIT_FEATURES.index("semantic")] = sims[:, 0]


class StanceClassifier:
    """4-way stance of an article toward a claim, scikit-learn style.

    ``X`` is a sequence of ``(claim, article_text)`` pairs and ``y`` their
    labels (:data:`~tahqiq.stance.labels.LABELS`).  ``fit`` also takes
    ``groups`` (claim ids, for cross-fitting) and ``rationales`` (per pair,
    the 0-based article lines that justify an agree/disagree label).
    """

    def __init__(self, **params: Any) -> None:
        unknown = set(params) - set(DEFAULT_PARAMS)
        if unknown:
            raise TypeError(f"unknown parameters: {sorted(unknown)}")
        self.params = {**DEFAULT_PARAMS, **params}
        self.weights: dict[str, float] = {}
        self.relevance_head: LinearHead | None = None
        self.sentence_head: LinearHead | None = None
        self.trees_text: str = ""
        self.trees: TreeEnsemble | None = None
        self.manifest: dict[str, Any] = {}

    # -- scikit-learn contract ------------------------------------------------
    def fit(self, X: Sequence[Pair], y: Sequence[str], *, groups: Sequence[str] | None = None,
            rationales: Sequence[Sequence[int] | None] | None = None,
            prepared: Sequence[Prepared] | None = None) -> StanceClassifier:
        """Fit both levels on labelled pairs; returns ``self``."""
        from .training import fit_classifier

        fit_classifier(self, X, y, groups=groups, rationales=rationales, prepared=prepared)
        return self

    def predict_proba(self, X: Sequence[Pair], *, prepared: Sequence[Prepared] | None = None) -> np.ndarray:
        """One row of probabilities per pair, columns in :data:`LABELS` order."""
        self._check_fitted()
        prepared = prepared if prepared is not None else [self.prepare(c, t) for c, t in X]
        vectors = np.stack([self.article_features(p)[0] for p in prepared]) if prepared else \
            np.zeros((0, len(ARTICLE_FEATURES)), dtype=np.float32)
        return self._proba(vectors)

    def _proba(self, vectors: np.ndarray) -> np.ndarray:
        return self.trees.predict_proba(vectors)

    def predict(self, X: Sequence[Pair], **kw: Any) -> list[str]:
        """The most probable label of each pair."""
        return [LABELS[i] for i in self.predict_proba(X, **kw).argmax(axis=1)]

    # -- evidence ---------------------------------------------------------------
    def judge(self, claim: str, text: str, k: int = 3) -> Judgement:
        """The stance of one article toward ``claim``, with its ``k`` most relevant sentences.

        Evidence items unpack as ``(sentence_index, sentence, stance, score)``
        and also carry the article line they came from.
        """
        self._check_fitted()
        prep = self.prepare(claim, text)
        vector, relevance, sentence = self.article_features(prep)
        proba = self._proba(vector[None, :])[0]
        best = int(proba.argmax())
        order = np.argsort(-relevance, kind="stable")[:k]
        evidence = tuple(
            Evidence(int(i), prep.units[i].text, SENTENCE_LABELS[int(sentence[i].argmax())],
                     round(float(relevance[i]), 4), prep.units[i].line)
            for i in order
        )
        return Judgement(LABELS[best], round(float(proba[best]), 4),
                         {lab: round(float(p), 4) for lab, p in zip(LABELS, proba, strict=True)},
                         evidence)

    def prepare(self, claim: str, text: str) -> Prepared:
        """Units and unit features of one pair (reusable across calls)."""
        return Prepared(claim, text, self.weights, self.params["encoder"],
                        self.params["short_encoder"])

    def unit_scores(self, prep: Prepared) -> tuple[np.ndarray, np.ndarray]:
        """Relevance (n,) and sentence stance (n, 3) of a pair's units."""
        n = len(prep.units)
        if n == 0:
            return np.zeros(0, dtype=np.float32), np.zeros((0, 3), dtype=np.float32)
        relevance = self.relevance_head.proba(prep.matrix)[:, 0]
        if self.params["use_sentence_head"] and self.sentence_head is not None:
            sparse = hashed(prep.texts) if self.params["use_ngrams"] else None
            sentence = self.sentence_head.proba(prep.matrix, sparse)
        else:
            sentence = np.full((n, 3), 1 / 3, dtype=np.float32)
        return relevance, sentence

    def article_features(self, prep: Prepared) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Article vector, unit relevance and unit stance of a prepared pair."""
        relevance, sentence = self.unit_scores(prep)
        vector = article_vector(prep.ctx, prep.units, prep.matrix, relevance, sentence,
                                prep.short_semantic)
        return vector, relevance, sentence

    def _check_fitted(self) -> None:
        if self.trees is None or self.relevance_head is None:
            from ..errors import ModelArtifactError

            raise ModelArtifactError("the stance model is not fitted or loaded")

    def set_trees(self, text: str) -> None:
        """Use the article-level trees in LightGBM's text format ``text``."""
        from .trees import parse_lightgbm

        trees = parse_lightgbm(text)
        if trees.feature_names != ARTICLE_FEATURES:
            from ..errors import ModelArtifactError

            raise ModelArtifactError("the trees were fitted on other article features")
        self.trees_text, self.trees = text, trees

    # -- persistence ------------------------------------------------------------
    def save(self, directory: str | Path, **manifest: Any) -> Path:
        """Write the model to ``directory`` (manifest, arrays, trees; no pickle)."""
        from .artifacts import save_model

        return save_model(self, Path(directory), manifest)


def load_model(directory: str | Path) -> StanceClassifier:
    """Load a model saved by :meth:`StanceClassifier.save`, checking its manifest."""
    from .artifacts import load_model as _load

    return _load(Path(directory))


def load_default() -> StanceClassifier:
    """The stance model shipped inside the package."""
    from .artifacts import default_model_dir

    with default_model_dir() as path:
        return load_model(path)


__all__ = ["StanceClassifier", "load_default", "load_model"]
