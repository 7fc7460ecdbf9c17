"""MinHash signatures of overlapping token windows, and their LSH band keys.

A copied passage is often a small part of both documents (an excerpt in a
longer article), so whole-document MinHash misses it: the Jaccard similarity
of the two documents is tiny.  We sign *windows* instead: ``window`` word
bigrams every ``stride`` bigrams.  Two windows that share most of their
bigrams agree on many of their ``bands * rows`` min-hashes, so they share a
band key with high probability; documents sharing a key are candidates for
alignment (:mod:`tahqiq.sources.align`).

Everything is vectorised with numpy and deterministic: hashes are seeded
constants, so signatures are identical across processes and machines (the
Dask path relies on that).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from .shingles import mix64, ngram_hashes

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass(frozen=True, slots=True)
class LshParams:
    """Window and banding parameters (see the module docstring)."""

    window: int = 24
    stride: int = 8
    bands: int = 6
    rows: int = 3
    shingle: int = 2

    @property
    def perms(self) -> int:
        """Number of min-hash functions."""
        return self.bands * self.rows


@cache
def _seeds(perms: int) -> np.ndarray:
    rng = np.random.default_rng(0x7A49)
    return rng.integers(1, 2**63, size=perms, dtype=np.uint64) | np.uint64(1)


def window_signatures(ids: np.ndarray, params: LshParams) -> np.ndarray:
    """``(windows, perms)`` min-hashes of the document's token windows.

    Windows start every ``stride`` shingles; a document shorter than one
    window gives one window over all its shingles; an empty one gives none.
    """
    shingles = ngram_hashes(ids, params.shingle)
    n = len(shingles)
    if n == 0:
        return np.zeros((0, params.perms), dtype=np.uint64)
    hashed = mix64(shingles[None, :] ^ _seeds(params.perms)[:, None])  # (perms, n)
    stride = params.stride
    blocks = np.minimum.reduceat(hashed, np.arange(0, n, stride), axis=1)  # (perms, nblocks)
    per_window = max(1, params.window // stride)
    count = max(1, blocks.shape[1] - per_window + 1)
    out = blocks[:, :count].copy()
    for offset in range(1, min(per_window, blocks.shape[1])):
        np.minimum(out, blocks[:, offset: offset + count], out=out)
    return out.T


def band_keys(signatures: np.ndarray, params: LshParams) -> np.ndarray:
    """``(windows, bands)`` signed 64-bit keys, one per band of each window's signature.

    The band index is mixed in, so equal values in different bands never
    collide.
    """
    if not len(signatures):
        return np.zeros((0, params.bands), dtype=np.int64)
    rows = signatures.reshape(len(signatures), params.bands, params.rows)
    with np.errstate(over="ignore"):
        acc = np.broadcast_to(np.arange(params.bands, dtype=np.uint64) + np.uint64(0x51ED),
                              rows.shape[:2]).copy()
        for r in range(params.rows):
            acc = mix64(acc * np.uint64(0x100000001B3) ^ rows[:, :, r])
    return acc.view(np.int64)


def document_keys(ids: np.ndarray, params: LshParams) -> np.ndarray:
    """The distinct band keys of a document (sorted ``int64``)."""
    return np.unique(band_keys(window_signatures(ids, params), params))


__all__ = ["LshParams", "band_keys", "document_keys", "window_signatures"]
