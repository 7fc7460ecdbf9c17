"""Passage alignment between two token sequences: seed, chain, keep.

Seeds are token pairs (word bigrams in the search normalization) that both
documents hold.  Seeds are chained along near-diagonals: the next seed of a
chain lies at most ``gap`` tokens further in both documents, and the
offset between the documents drifts by at most ``drift`` tokens, so words
inserted, deleted or replaced inside a passage do not break it.  A chain
becomes a passage when its seeds cover at least ``min_tokens`` tokens.
Chains are independent, so reordered sentences and paragraphs give several
passages rather than none.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .shingles import ngram_hashes

#: Seeds from a bigram that occurs more often than this in either document are
#: dropped (lists, tables, repeated boilerplate would flood the chaining).
MAX_REPEATS = 6


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Alignment thresholds (token counts are in search tokens)."""

    seed: int = 2
    gap: int = 8
    drift: int = 4
    min_tokens: int = 12
    min_density: float = 0.35


@dataclass(frozen=True, slots=True)
class Passage:
    """An aligned passage: inclusive token ranges in both documents and tokens covered."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    matched: int

    @property
    def length_a(self) -> int:
        """Tokens spanned in document a."""
        return self.a_last - self.a_first + 1

    @property
    def length_b(self) -> int:
        """Tokens spanned in document b."""
        return self.b_last - self.b_first + 1


@dataclass(frozen=True, slots=True)
class PreparedNgrams:
    """A document's n-gram hashes, prepared once for aligning it with many others."""

    hashes: np.ndarray   # n-gram hash per position
    order: np.ndarray    # argsort of hashes
    sorted: np.ndarray   # hashes[order]
    common: np.ndarray   # sorted unique hashes that occur at most MAX_REPEATS times

    @property
    def length(self) -> int:
        """Number of n-gram positions."""
        return len(self.hashes)


def prepare(ids: np.ndarray, n: int = 2) -> PreparedNgrams:
    """:class:`PreparedNgrams` n-grams of a term-id sequence."""
    hashes = ngram_hashes(ids, n)
    order = np.argsort(hashes, kind="stable")
    ordered = hashes[order]
    unique, counts = np.unique(ordered, return_counts=True)
    return PreparedNgrams(hashes, order, ordered, unique[counts <= MAX_REPEATS])


def seeds(a: PreparedNgrams, b: PreparedNgrams, min_shared: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(i, j)`` where the n-gram at ``i`` in a equals the one at ``j`` in b.

    Sorted by ``i`` then ``j``.  N-grams repeated more than :data:`MAX_REPEATS`
    times in either document are left out.  When fewer than ``min_shared``
    distinct n-grams are shared, nothing is returned (no passage can form).
    """
    empty = np.zeros(0, dtype=np.int64)
    shared = np.intersect1d(a.common, b.common, assume_unique=True)
    if not len(shared) or len(shared) < min_shared:
        return empty, empty
    i_idx = np.nonzero(np.isin(a.hashes, shared))[0]
    left = np.searchsorted(b.sorted, a.hashes[i_idx], side="left")
    right = np.searchsorted(b.sorted, a.hashes[i_idx], side="right")
    reps = right - left
    ii = np.repeat(i_idx, reps)
    starts = np.repeat(left, reps)
    within = np.arange(len(ii)) - np.repeat(np.cumsum(reps) - reps, reps)
    jj = b.order[starts + within]
    lex = np.lexsort((jj, ii))
    return ii[lex].astype(np.int64), jj[lex].astype(np.int64)


def chain(ii: np.ndarray, jj: np.ndarray, params: AlignParams) -> list[Passage]:
    """Chain sorted seeds into passages (see the module docstring)."""
    chains: list[list[int]] = []  # [a_first, a_last, b_first, b_last, matched_a, last_cov_a]
    active: list[int] = []
    n = params.seed
    for i, j in zip(ii.tolist(), jj.tolist(), strict=True):
        active = [c for c in active if i - chains[c][1] <= params.gap]
        best, best_cost = -1, None
        for c in active:
            last_i, last_j = chains[c][1], chains[c][3]
            di, dj = i - last_i, j - last_j
            if 0 < di <= params.gap and 0 < dj <= params.gap and abs(dj - di) <= params.drift:
                cost = di + dj + abs(dj - di)
                if best_cost is None or cost < best_cost:
                    best, best_cost = c, cost
        if best < 0:
            chains.append([i, i, j, j, n, i + n - 1])
            active.append(len(chains) - 1)
            continue
        row = chains[best]
        row[4] += min(n, i + n - 1 - row[5])  # tokens newly covered in a
        row[5] = i + n - 1
        row[1], row[3] = i, max(row[3], j)
    return [_passage(row, n) for row in chains if _keep(row, n, params)]


def _passage(row: list[int], n: int) -> Passage:
    return Passage(row[0], row[1] + n - 1, row[2], row[3] + n - 1, row[4])


def _keep(row: list[int], n: int, params: AlignParams) -> bool:
    length = row[1] + n - row[0]
    return row[4] >= params.min_tokens and row[4] / length >= params.min_density


def align(a: np.ndarray | PreparedNgrams, b: np.ndarray | PreparedNgrams,
          params: AlignParams | None = None) -> list[Passage]:
    """Aligned passages between two documents (term ids, or :func:`prepare` d), by position in a."""
    params = params or AlignParams()
    pa = a if isinstance(a, PreparedNgrams) else prepare(a, params.seed)
    pb = b if isinstance(b, PreparedNgrams) else prepare(b, params.seed)
    ii, jj = seeds(pa, pb, min_shared=params.min_tokens // 2)
    needed = params.min_tokens - params.seed + 1
    if len(ii) < needed:
        return []
    keep = dense(ii, jj, params)
    if keep.sum() < needed:
        return []
    return _drop_overlaps(chain(ii[keep], jj[keep], params))


def dense(ii: np.ndarray, jj: np.ndarray, params: AlignParams) -> np.ndarray:
    """Seeds that sit in a cluster able to become a passage (a vectorised pre-filter).

    Seeds are bucketed by diagonal (``j - i``, buckets ``2 * drift + 1`` wide,
    at two offsets so no chain straddles both boundaries) and split where
    consecutive seeds of a bucket are more than ``gap`` apart in a.  Only
    clusters with enough seeds for ``min_tokens`` survive; the exact chaining
    then runs on far fewer seeds.
    """
    width = 2 * params.drift + 1
    needed = params.min_tokens - params.seed + 1
    keep = np.zeros(len(ii), dtype=bool)
    diagonal = jj - ii
    for offset in (0, width // 2):
        bucket = (diagonal + offset) // width
        order = np.lexsort((ii, bucket))
        b, i = bucket[order], ii[order]
        breaks = np.ones(len(order), dtype=bool)
        breaks[1:] = (b[1:] != b[:-1]) | (i[1:] - i[:-1] > params.gap)
        cluster = np.cumsum(breaks) - 1
        sizes = np.bincount(cluster)
        keep[order] |= sizes[cluster] >= needed
    return keep


def _drop_overlaps(passages: list[Passage]) -> list[Passage]:
    """Keep the best-covered passages whose ranges overlap no better one, in either document."""
    kept: list[Passage] = []
    for p in sorted(passages, key=lambda p: -p.matched):
        if all(p.a_last < q.a_first or p.a_first > q.a_last for q in kept) and \
                all(p.b_last < q.b_first or p.b_first > q.b_last for q in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.a_first)


__all__ = ["AlignParams", "Passage", "PreparedNgrams", "align", "chain", "dense", "prepare", "seeds"]
