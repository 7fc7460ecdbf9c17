"""Small model heads stored as plain arrays: logistic regressions over dense
unit features plus hashed word n-grams.  Saved with numpy's ``.npz`` (no
pickle); fitted with scikit-learn, applied with numpy alone (scikit-learn and
scipy are never imported to predict: they cost most of a second to load)."""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Hashed n-gram space of the sentence-stance head.
HASH_FEATURES = 2**14


def _ngrams(text: str) -> list[str]:
    tokens = text.split()
    return tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]


@dataclass(frozen=True)
class Hashed:
    """L2-normalised hashed n-gram counts of several texts, in CSR layout."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """``rows @ weights`` for a dense ``(HASH_FEATURES, k)`` matrix."""
        out = np.zeros((len(self.indptr) - 1, weights.shape[1]), dtype=np.float32)
        for r in range(len(out)):
            lo, hi = self.indptr[r], self.indptr[r + 1]
            if hi > lo:
                out[r] = self.data[lo:hi] @ weights[self.indices[lo:hi]]
        return out

    def to_scipy(self):  # noqa: ANN201 - scipy.sparse.csr_matrix
        """The same rows as a scipy CSR matrix (for fitting)."""
        from scipy import sparse as sp

        return sp.csr_matrix((self.data, self.indices, self.indptr),
                             shape=(len(self.indptr) - 1, HASH_FEATURES))


def bucket(ngram: str) -> int:
    """The hashed column of an n-gram (CRC-32, stable across runs and platforms)."""
    return zlib.crc32(ngram.encode("utf-8")) % HASH_FEATURES


def hashed(texts: Sequence[str]) -> Hashed:
    """Hashed unigram+bigram counts of space-joined folded tokens, each row L2-normalised."""
    indptr, indices, data = [0], [], []
    for text in texts:
        counts = Counter(bucket(g) for g in _ngrams(text))
        cols = sorted(counts)
        vals = np.array([counts[c] for c in cols], dtype=np.float32)
        norm = float(np.sqrt((vals * vals).sum())) or 1.0
        indices.extend(cols)
        data.extend((vals / norm).tolist())
        indptr.append(len(indices))
    return Hashed(np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
                  np.asarray(data, dtype=np.float32))


@dataclass(frozen=True)
class LinearHead:
    """``softmax(x @ coef.T + intercept)`` (or a sigmoid for one output)."""

    coef: np.ndarray
    intercept: np.ndarray
    mean: np.ndarray
    scale: np.ndarray

    def scores(self, dense: np.ndarray, sparse: Hashed | None = None) -> np.ndarray:
        """Raw decision scores, one row per input."""
        x = (dense - self.mean) / self.scale
        n_dense = x.shape[1]
        out = x @ self.coef[:, :n_dense].T + self.intercept
        if sparse is not None:
            out = out + sparse.dot(np.ascontiguousarray(self.coef[:, n_dense:].T))
        return out

    def proba(self, dense: np.ndarray, sparse: Hashed | None = None) -> np.ndarray:
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


def fit_linear(dense: np.ndarray, y: np.ndarray, *, sparse: Hashed | None = None, c: float = 1.0,
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
        x = sp.hstack([sp.csr_matrix(x), sparse.to_scipy()]).tocsr()
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=500, random_state=seed)
    model.fit(x, y)
    return LinearHead(model.coef_.astype(np.float32), model.intercept_.astype(np.float32),
                      mean.astype(np.float32), scale.astype(np.float32))
