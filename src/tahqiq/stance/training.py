"""Fitting the stance classifier: labelled pairs in, a frozen :class:`StanceState` out
(used by :meth:`StanceClassifier.fit`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .features import ARTICLE_FEATURES
from .heads import LinearHead, fit_linear, hashed
from .labels import LABELS, SENTENCE_LABELS, label_index
from .state import Level1, StanceState, article_features
from .units import SHORT_PAIR_UNITS

if TYPE_CHECKING:
    from .model import Pair, PreparedPair

Params = Mapping[str, Any]


def fit_state(params: Params, weights: Mapping[str, float], X: Sequence[Pair], y: Sequence[str], *,
              groups: Sequence[str] | None, rationales: Sequence[Sequence[int] | None] | None,
              prepared: Sequence[PreparedPair] | None,
              generated: Sequence[bool] | None = None) -> StanceState:
    """Fit the level-1 heads and the level-2 trees; returns the fitted state.

    ``generated`` marks contrast pairs (:mod:`tahqiq.stance.contrast`): they
    are left out of the articles' class balance and weigh
    ``params["contrast_weight"]`` times their class weight.
    """
    from .model import PreparedPair

    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} pairs but y has {len(y)} labels")
    prepared = list(prepared) if prepared is not None else [
        PreparedPair(c, t, weights, params["encoder"], params["short_encoder"]) for c, t in X]
    labels = np.array([label_index(lab) for lab in y])
    rats = list(rationales) if rationales is not None else [None] * len(X)
    groups = list(groups) if groups is not None else [str(i) for i in range(len(X))]
    vectors, last = cross_fitted(params, prepared, labels, rats, groups)
    level1 = fit_heads(params, prepared, labels, rats, np.arange(len(prepared)), last)
    gen = np.array(list(generated) if generated is not None else [False] * len(X), dtype=bool)
    long_text = np.array([len(p.units) > SHORT_PAIR_UNITS for p in prepared]) & ~gen
    scale = np.where(gen, params["contrast_weight"], 1.0)
    trees = fit_trees(params, vectors, labels, long_text, scale=scale).model_to_string()
    return StanceState.with_trees(dict(params), weights, level1, trees,
                                  fit_headline_head(params, prepared, labels, gen))


def fit_headline_head(params: Params, prepared: Sequence[PreparedPair], labels: np.ndarray,
                      generated: np.ndarray) -> LinearHead | None:
    """The pair head (:mod:`tahqiq.stance.pairhead`) over the headline pairs that
    were not generated; ``None`` without an encoder or enough such pairs."""
    from .pairhead import fit_pair_head, pair_features

    rows = [i for i, p in enumerate(prepared) if p.headline_vectors() is not None and not generated[i]]
    if not rows:
        return None
    features = np.vstack([pair_features(*prepared[i].headline_vectors()) for i in rows])
    return fit_pair_head(features, [LABELS[labels[i]] for i in rows], params["pair_c"],
                         seed=params["seed"])


def cross_fitted_vectors(params: Params, prepared: Sequence[PreparedPair], labels: np.ndarray,
                         rats: list, groups: list[str]) -> np.ndarray:
    """Article vectors whose level-1 scores come from heads fitted without their claim."""
    return cross_fitted(params, prepared, labels, rats, groups)[0]


def cross_fitted(params: Params, prepared: Sequence[PreparedPair], labels: np.ndarray,
                 rats: list, groups: list[str]) -> tuple[np.ndarray, Level1 | None]:
    """:func:`cross_fitted_vectors`, and the heads of the last fold."""
    from sklearn.model_selection import GroupKFold

    vectors = np.zeros((len(prepared), len(ARTICLE_FEATURES)), dtype=np.float32)
    folds = min(params["inner_folds"], len(set(groups)))
    level1: Level1 | None = None
    for train, test in GroupKFold(n_splits=folds).split(np.zeros(len(groups)), groups=groups):
        level1 = fit_heads(params, prepared, labels, rats, train, level1)
        for i in test:
            vectors[i] = article_features(params, level1, prepared[i])[0]
    return vectors, level1


def fit_heads(params: Params, prepared: Sequence[PreparedPair], labels: np.ndarray,
              rats: list, index: np.ndarray, previous: Level1 | None = None) -> Level1:
    """Fit the relevance and sentence-stance heads on the pairs at ``index``.

    When the pairs hold one sentence label only, the sentence head of
    ``previous`` (an earlier fold's) is kept, as it was before there was a state.
    """
    rel_x, rel_y, sen_x, sen_t, sen_y = [], [], [], [], []
    weak = not any(rats[i] for i in index)  # no rationale lines: weak labels instead
    for i in index:
        prep, label = prepared[i], LABELS[labels[i]]
        if not prep.units:
            continue
        rationale = set(rats[i] or ()) or (_weak_rationale(prep) if weak else set())
        if rationale and label in ("agree", "disagree"):
            hit = np.array([u.line in rationale for u in prep.units])
            rel_x.append(prep.matrix)
            rel_y.append(hit)
            if hit.any():
                sen_x.append(prep.matrix[hit])
                sen_t.extend(t for t, h in zip(prep.texts, hit, strict=True) if h)
                sen_y.extend([label] * int(hit.sum()))
        elif label != "unrelated" and (len(prep.units) <= SHORT_PAIR_UNITS or label == "discuss"):
            top = np.argsort(-prep.matrix[:, 1])[:2]
            sen_x.append(prep.matrix[top])
            sen_t.extend(prep.texts[j] for j in top)
            sen_y.extend([label] * len(top))
    seed = params["seed"]
    relevance = fit_linear(np.vstack(rel_x), np.concatenate(rel_y).astype(int),
                           c=params["relevance_c"], seed=seed)
    sentence = previous.sentence if previous is not None else None
    if params["use_sentence_head"] and len(set(sen_y)) > 1:
        sparse = hashed(sen_t) if params["use_ngrams"] else None
        y = np.array([SENTENCE_LABELS.index(lab) for lab in sen_y])
        sentence = fit_linear(np.vstack(sen_x), y, sparse=sparse, c=params["sentence_c"], seed=seed)
    return Level1(relevance, sentence)


def _weak_rationale(prep: PreparedPair) -> set[int]:
    """The line of the unit covering most of the claim (weighted), as a stand-in rationale."""
    return {prep.units[int(np.argmax(prep.matrix[:, 1]))].line}


def class_weights(labels: np.ndarray, long_text: np.ndarray, power: float = 1.0) -> np.ndarray:
    """Per-pair weights that balance the classes, among articles on their own.

    Every pair first gets the weight of its class over all pairs.  Pairs whose
    text is an article (``long_text``) are then re-weighted by class balance
    among articles only: otherwise the many contradicting headline pairs make
    disagree look common, and the rare denying article (3% of news pairs)
    loses its weight.  ``power`` tempers the weights (0 = none, 1 = balanced).
    """
    def balanced(y: np.ndarray) -> np.ndarray:
        counts = np.bincount(y, minlength=len(LABELS)).astype(float)
        counts[counts == 0] = 1.0
        return (counts.sum() / (len(LABELS) * counts)) ** power

    weights = balanced(labels)[labels]
    if long_text.any():
        weights[long_text] = balanced(labels[long_text])[labels[long_text]]
    return weights


def fit_trees(params: Params, vectors: np.ndarray, labels: np.ndarray,  # noqa: ANN201 - Booster
              long_text: np.ndarray | None = None, names: Sequence[str] = ARTICLE_FEATURES,
              scale: np.ndarray | None = None):
    """Gradient-boosted trees over article vectors (columns ``names``), weighted by
    :func:`class_weights` (times ``scale`` per pair, when given)."""
    import lightgbm as lgb

    long_text = long_text if long_text is not None else np.zeros(len(labels), dtype=bool)
    weights = class_weights(labels, long_text, params["class_weight_power"])
    if scale is not None:
        weights = weights * scale
    data = lgb.Dataset(vectors, label=labels, weight=weights,
                       feature_name=list(names), free_raw_data=False)
    booster_params = {
        "objective": "multiclass", "num_class": len(LABELS), "learning_rate": params["learning_rate"],
        "num_leaves": params["num_leaves"], "min_child_samples": params["min_child_samples"],
        "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1,
        "lambda_l2": 1.0, "seed": params["seed"], "deterministic": True, "force_row_wise": True,
        "num_threads": 1, "verbose": -1,
    }
    return lgb.train(booster_params, data, num_boost_round=params["n_estimators"])
