"""The numpy tree reader must give LightGBM's own probabilities, and refuse what it cannot read."""

from __future__ import annotations

import numpy as np
import pytest

from tahqiq.errors import ModelArtifactError
from tahqiq.stance.heads import HASH_FEATURES, hashed
from tahqiq.stance.trees import parse_lightgbm

lgb = pytest.importorskip("lightgbm")


def _booster(objective: str = "multiclass", **extra: object):  # noqa: ANN202
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 6)).astype(np.float32)
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int) + (x[:, 2] > 1).astype(int)
    params = {"objective": objective, "num_leaves": 7, "verbose": -1, "num_threads": 1,
              "deterministic": True, "seed": 1, "min_child_samples": 5, **extra}
    if objective == "multiclass":
        params["num_class"] = 4
    else:
        y = (y > 1).astype(int)
    data = lgb.Dataset(x, label=y, feature_name=[f"f{i}" for i in range(6)])
    return lgb.train(params, data, num_boost_round=40), x


def test_numpy_trees_match_lightgbm_exactly() -> None:
    booster, x = _booster()
    trees = parse_lightgbm(booster.model_to_string())
    probe = np.vstack([x, np.zeros((1, 6), np.float32), np.full((1, 6), 1e9, np.float32)])
    assert np.allclose(trees.predict_proba(probe), booster.predict(probe), atol=1e-12)
    assert trees.feature_names == tuple(f"f{i}" for i in range(6))


def test_unsupported_models_are_refused() -> None:
    booster, _ = _booster("binary")
    with pytest.raises(ModelArtifactError, match="objective"):
        parse_lightgbm(booster.model_to_string())
    text = _booster()[0].model_to_string().replace("decision_type=2", "decision_type=1", 1)
    with pytest.raises(ModelArtifactError, match="split type"):
        parse_lightgbm(text)
    with pytest.raises(ModelArtifactError):
        parse_lightgbm("tree\nobjective=multiclass num_class:4\nnum_class=4\n")


def test_hashed_rows_multiply_like_scipy() -> None:
    rows = hashed(["قال الوزير إن القوات انسحبت", "", "نفى الوزير نفى الوزير"])
    assert np.allclose(np.linalg.norm(rows.to_scipy().toarray(), axis=1), [1, 0, 1], atol=1e-6)
    weights = np.random.default_rng(0).normal(size=(HASH_FEATURES, 3)).astype(np.float32)
    assert np.allclose(rows.dot(weights), rows.to_scipy() @ weights, atol=1e-5)
    # stable across processes: CRC-32 buckets, not Python's salted hash()
    assert hashed(["نفى"]).indices.tolist() == [11008]  # a fixed bucket, whatever PYTHONHASHSEED
