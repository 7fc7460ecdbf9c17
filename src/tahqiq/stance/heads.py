"""Small model heads stored as plain arrays: logistic regressions over dense
unit features plus hashed word n-grams.  Saved with numpy's ``.npz`` (no
pickle); fitted with scikit-learn, applied with numpy alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Hashed n-gram space of the sentence-stance head.
HASH_FEATURES = 2**14


def _ngrams(text: str) -> list[str]:
    tokens = text.split()
    return tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def hashed(texts: Sequence[str]):  # noqa: ANN201 - scipy sparse matrix
    """Hashed unigram+bigram features of space-joined folded tokens (stateless)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    hasher = HashingVectorizer(n_features=HASH_FEATURES, analyzer=_ngrams,
                               alternate_sign=False, norm="l2", lowercase=False)
    return hasher.transform(texts)


@dataclass
class LinearHead:
    """``softmax(x @ coef.T + intercept)`` (or a sigmoid for one output)."""

    coef: np.ndarray
    intercept: np.ndarray
    mean: np.ndarray
    scale: np.ndarray

    def scores(self, dense: np.ndarray, sparse=None) -> np.ndarray:  # noqa: ANN001
        """Raw decision scores, one row per input."""
        x = (dense - self.mean) / self.scale
        n_dense = x.shape[1]
        out = x @ self.coef[:, :n_dense].T + self.intercept
        if sparse is not None:
            out = out + np.asarray(sparse @ self.coef[:, n_dense:].T)
        return out

    def proba(self, dense: np.ndarray, sparse=None) -> np.ndarray:  # noqa: ANN001
        """Class probabilities (binary heads give P(positive) as one column)."""
        z = self.scores(dense, sparse)
        if z.shape[1] == 1:
            return 1.0 / (1.0 + np.exp(-z))
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The head's arrays, for ``np.savez``."""
        return {f"{prefix}_{k}": getattr(self, k).astype(np.float32)
                for k in ("coef", "intercept", "mean", "scale")}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> LinearHead:
        """Rebuild a head saved with :meth:`arrays`."""
        return cls(*(np.asarray(arrays[f"{prefix}_{k}"], dtype=np.float32)
                     for k in ("coef", "intercept", "mean", "scale")))


def fit_linear(dense: np.ndarray, y: np.ndarray, *, sparse=None, c: float = 1.0,  # noqa: ANN001
               seed: int = 0) -> LinearHead:
    """Fit a class-balanced logistic regression on standardized dense features
    (and optional sparse features appended after them)."""
    from scipy import sparse as sp
    from sklearn.linear_model import LogisticRegression

    mean = dense.mean(axis=0)
    scale = dense.std(axis=0)
    scale[scale < 1e-6] = 1.0
    x = (dense - mean) / scale
    if sparse is not None:
        x = sp.hstack([sp.csr_matrix(x), sparse]).tocsr()
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=500, random_state=seed)
    model.fit(x, y)
    return LinearHead(model.coef_.astype(np.float32), model.intercept_.astype(np.float32),
                      mean.astype(np.float32), scale.astype(np.float32))
