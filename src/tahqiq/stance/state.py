"""What a fitted stance model is: one frozen value.

Training returns a :class:`StanceState`, :mod:`tahqiq.stance.artifacts` saves and
loads one, and :class:`~tahqiq.stance.model.StanceClassifier` wraps one.  Nothing
sets a fitted model's parts from outside: a changed model is a new state
(:func:`dataclasses.replace`).

The level-1 scores (:func:`unit_scores`, :func:`article_features`) are pure
functions of the heads and a prepared pair, so training can score with the heads
of one fold without a classifier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .features import ARTICLE_FEATURES, article_vector, relation_summary
from .heads import LinearHead, hashed
from .trees import TreeEnsemble

if TYPE_CHECKING:
    from .model import PreparedPair


@dataclass(frozen=True)
class Level1:
    """The sentence heads: relevance (is this the rationale?) and sentence stance."""

    relevance: LinearHead
    sentence: LinearHead | None = None


@dataclass(frozen=True)
class StanceState:
    """A fitted stance model: parameters, stem weights, heads and trees.

    ``trees`` is parsed from ``trees_text`` (LightGBM's text format) by
    :meth:`with_trees`, which also refuses trees fitted on other features.
    ``manifest`` is what the saved model's manifest said (empty until saved or loaded).
    """

    params: Mapping[str, Any]
    weights: Mapping[str, float]
    level1: Level1
    trees_text: str
    trees: TreeEnsemble
    pair_head: LinearHead | None = None
    manifest: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def with_trees(cls, params: Mapping[str, Any], weights: Mapping[str, float], level1: Level1,
                   trees_text: str, pair_head: LinearHead | None = None,
                   manifest: Mapping[str, Any] | None = None) -> StanceState:
        """A state whose trees are parsed from ``trees_text`` and checked."""
        from .trees import parse_lightgbm

        trees = parse_lightgbm(trees_text)
        if trees.feature_names != ARTICLE_FEATURES:
            from ..core.errors import ModelArtifactError

            raise ModelArtifactError("the trees were fitted on other article features")
        return cls(params, weights, level1, trees_text, trees, pair_head, manifest or {})


def unit_scores(params: Mapping[str, Any], level1: Level1,
                prep: PreparedPair) -> tuple[np.ndarray, np.ndarray]:
    """Relevance (n,) and sentence stance (n, 3) of a prepared pair's units."""
    n = len(prep.units)
    if n == 0:
        return np.zeros(0, dtype=np.float32), np.zeros((0, 3), dtype=np.float32)
    relevance = level1.relevance.proba(prep.matrix)[:, 0]
    if params["use_sentence_head"] and level1.sentence is not None:
        sparse = hashed(prep.texts) if params["use_ngrams"] else None
        sentence = level1.sentence.proba(prep.matrix, sparse)
    else:
        sentence = np.full((n, 3), 1 / 3, dtype=np.float32)
    return relevance, sentence


def article_features(params: Mapping[str, Any], level1: Level1,
                     prep: PreparedPair) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Article vector, unit relevance and unit stance of a prepared pair."""
    relevance, sentence = unit_scores(params, level1, prep)
    summary = relation_summary(prep.relations, prep.decision,
                               any(d is not None for d in prep.denials), prep.frame.negative)
    vector = article_vector(prep.ctx, prep.units, prep.matrix, relevance, sentence,
                            prep.short_semantic, summary)
    return vector, relevance, sentence
