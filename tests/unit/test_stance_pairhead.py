"""The headline-pair head: features, fitting, the blend with the trees, persistence."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from stance_fixtures import TINY_WEIGHTS, sample_pairs  # noqa: E402
from tahqiq.stance import LABELS, StanceClassifier, load_model
from tahqiq.stance.pairhead import PAIR_LABELS, blend, fit_pair_head, pair_features, pair_label


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_pair_features_hold_both_vectors_their_difference_product_and_cosine() -> None:
    rng = np.random.default_rng(0)
    c, t = _unit(rng.normal(size=(3, 8))), _unit(rng.normal(size=(3, 8)))
    x = pair_features(c, t)
    assert x.shape == (3, 4 * 8 + 1)
    assert np.allclose(x[:, 16:24], np.abs(c - t))
    assert np.allclose(x[:, -1], (c * t).sum(axis=1), atol=1e-6)
    assert pair_features(c[0], t[0]).shape == (1, 33)


def test_pair_labels_fold_discuss_and_unrelated_into_other() -> None:
    assert [PAIR_LABELS[pair_label(lab)] for lab in LABELS] == ["agree", "disagree", "other", "other"]


def test_the_blend_is_a_distribution_that_keeps_the_trees_split_of_the_rest() -> None:
    trees = np.array([0.1, 0.1, 0.6, 0.2])
    head = np.array([0.7, 0.1, 0.2])
    out = blend(trees, head, 0.5)
    assert out.sum() == pytest.approx(1.0)
    assert out[0] == pytest.approx(0.4) and out[1] == pytest.approx(0.1)
    assert out[2] / out[3] == pytest.approx(3.0)
    assert np.allclose(blend(trees, head, 0.0), trees)


def test_missing_classes_fit_no_head_and_a_separable_set_is_learned() -> None:
    rng = np.random.default_rng(1)
    claims = _unit(rng.normal(size=(90, 16)))
    noise = 0.2 * rng.normal(size=(90, 16))
    texts = _unit(np.vstack([claims[:30] + noise[:30], -claims[30:60] + noise[30:60],
                             rng.normal(size=(30, 16))]))
    labels = ["agree"] * 30 + ["disagree"] * 30 + ["unrelated"] * 30
    x = pair_features(claims, texts)
    assert fit_pair_head(x[:60], labels[:60], c=1.0) is None
    head = fit_pair_head(x, labels, c=1.0)
    predicted = head.proba(x).argmax(axis=1)
    assert (predicted == np.repeat([0, 1, 2], 30)).mean() >= 0.95


def test_a_saved_pair_head_is_loaded_and_moves_only_headline_pairs(tmp_path: Path) -> None:
    pairs = sample_pairs()
    model = StanceClassifier(n_estimators=20, inner_folds=2, seed=3, encoder=None, weights=TINY_WEIGHTS)
    model.fit([(c, t) for _, c, t, _ in pairs], [s for *_, s in pairs], groups=[i for i, *_ in pairs])
    rng = np.random.default_rng(2)
    x = rng.normal(size=(40, 4 * 384 + 1)).astype(np.float32)
    model = StanceClassifier.from_state(replace(model.state, pair_head=fit_pair_head(
        x, ["agree", "disagree", "discuss", "unrelated"] * 10, c=1.0)))
    model.save(tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    assert loaded.pair_head is not None
    assert np.allclose(loaded.pair_head.coef, model.pair_head.coef)
    claim = "الجيش يعلن انسحاب قواته من المدينة"
    headline = (claim, "الجيش ينفي انسحاب قواته من المدينة")
    article = (claim, "\n".join(["قال مصدر عسكري إن القوات ما زالت في مواقعها داخل المدينة."] * 4))
    with_head = loaded.predict_proba([headline, article])
    loaded = StanceClassifier.from_state(replace(loaded.state, pair_head=None))
    without = loaded.predict_proba([headline, article])
    assert not np.allclose(with_head[0], without[0])
    assert np.allclose(with_head[1], without[1])
