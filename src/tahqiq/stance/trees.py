"""Gradient-boosted trees applied with numpy alone.

LightGBM fits the article-level trees and saves them in its text format
(``trees.txt``: readable, diffable, no pickle).  Predicting does not need
LightGBM: this module reads that text into flat arrays and walks every tree
at once.  It supports what training produces (numerical splits, multiclass
softmax) and refuses anything else, so a model it cannot read exactly is
never applied approximately.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.errors import ModelArtifactError

#: decision_type bits LightGBM may set on a numerical split we can apply:
#: bit 1 = default left (only used for missing values, which we never pass).
_SUPPORTED_DECISIONS = {0, 2}


@dataclass(frozen=True)
class TreeEnsemble:
    """Trees of a multiclass model as padded arrays, one row per tree.

    Children ``>= 0`` are internal nodes; a leaf ``j`` is stored as ``~j``.
    Tree ``t`` adds to the raw score of class ``t % num_class``.
    """

    num_class: int
    feature: np.ndarray  # (trees, max_nodes) int32
    threshold: np.ndarray  # (trees, max_nodes) float64
    left: np.ndarray  # (trees, max_nodes) int32
    right: np.ndarray  # (trees, max_nodes) int32
    leaf: np.ndarray  # (trees, max_leaves) float64
    feature_names: tuple[str, ...]

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Raw scores ``(n, num_class)`` of the rows of ``x``."""
        x = np.nan_to_num(np.asarray(x, dtype=np.float64))
        n, trees = len(x), len(self.feature)
        node = np.zeros((n, trees), dtype=np.int32)
        cols = np.arange(trees)[None, :]
        active = np.broadcast_to(self.feature[:, 0] >= 0, (n, trees)).copy()  # not single-leaf
        while active.any():
            rows, tcols = np.nonzero(active)
            cur = node[rows, tcols]
            go_left = x[rows, self.feature[tcols, cur]] <= self.threshold[tcols, cur]
            nxt = np.where(go_left, self.left[tcols, cur], self.right[tcols, cur])
            node[rows, tcols] = nxt
            active[rows, tcols] = nxt >= 0
        leaf_index = np.where(self.feature[:, 0][None, :] >= 0, ~node, 0)
        values = self.leaf[cols, leaf_index]
        out = np.zeros((n, self.num_class))
        for k in range(self.num_class):
            out[:, k] = values[:, k :: self.num_class].sum(axis=1)
        return out

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Softmax class probabilities ``(n, num_class)``."""
        z = self.raw(x)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def _header(lines: list[str]) -> dict[str, str]:
    out = {}
    for line in lines:
        if line.startswith("Tree="):
            break
        if "=" in line:
            key, value = line.split("=", 1)
            out[key] = value
    return out


def _tree_blocks(lines: list[str]) -> list[dict[str, str]]:
    blocks, current = [], None
    for line in lines:
        if line.startswith("Tree="):
            current = {}
            blocks.append(current)
        elif line.startswith("end of trees"):
            break
        elif current is not None and "=" in line:
            key, value = line.split("=", 1)
            current[key] = value
    return blocks


def _numbers(block: dict[str, str], key: str, kind: type) -> list:
    value = block.get(key, "").strip()
    return [kind(v) for v in value.split()] if value else []


def parse_lightgbm(text: str) -> TreeEnsemble:
    """Read LightGBM's text model; raise :class:`ModelArtifactError` on anything unsupported."""
    lines = text.splitlines()
    header = _header(lines)
    if not header.get("objective", "").startswith("multiclass"):
        raise ModelArtifactError(f"unsupported tree objective: {header.get('objective')!r}")
    num_class = int(header["num_class"])
    blocks = _tree_blocks(lines)
    if not blocks or len(blocks) % num_class:
        raise ModelArtifactError("the tree file holds no complete boosting round")
    nodes = max(int(b["num_leaves"]) - 1 for b in blocks) or 1
    leaves = max(int(b["num_leaves"]) for b in blocks)
    shape = (len(blocks), nodes)
    feature = np.full(shape, -1, dtype=np.int32)
    threshold = np.zeros(shape)
    left = np.full(shape, ~0, dtype=np.int32)
    right = np.full(shape, ~0, dtype=np.int32)
    leaf = np.zeros((len(blocks), leaves))
    for t, block in enumerate(blocks):
        if int(block.get("num_cat", "0")) or block.get("is_linear", "0") != "0":
            raise ModelArtifactError("categorical or linear trees are not supported")
        if set(_numbers(block, "decision_type", int)) - _SUPPORTED_DECISIONS:
            raise ModelArtifactError("a tree uses a split type this reader does not support")
        values = _numbers(block, "leaf_value", float)
        leaf[t, : len(values)] = values
        k = len(_numbers(block, "split_feature", int))
        feature[t, :k] = _numbers(block, "split_feature", int)
        threshold[t, :k] = _numbers(block, "threshold", float)
        left[t, :k] = _numbers(block, "left_child", int)
        right[t, :k] = _numbers(block, "right_child", int)
    names = tuple(header.get("feature_names", "").split())
    return TreeEnsemble(num_class, feature, threshold, left, right, leaf, names)


__all__ = ["TreeEnsemble", "parse_lightgbm"]
