"""Order-free reuse of specific details: rare words shared within a bounded window.

An outlet that rewrites a short agency passage swaps verbs and common nouns
for synonyms, drops the source clause and puts the phrases in another order,
so few word bigrams survive and alignment (:mod:`.align`) finds nothing.  What
survives are the *specific details*: names, rare words, the items of a list,
in any order.  This module finds them.

- **Rare tokens**: search tokens that no word of wordfreq's Arabic list at or
  above :attr:`DetailParams.common_zipf` folds to (:func:`common_ids`); numbers
  are left out (every number has one id in the search normalization).
  Corpus frequency is applied where the windows are sketched: a band key
  held by more than ``max_df`` documents is ignored (:class:`.lsh.LshTable`),
  so site boilerplate and names every article on a story repeats do not
  make candidates.
- **Sketch** (:func:`detail_signatures`): windows of ``window`` consecutive
  rare tokens every ``stride`` rare tokens, each signed by the MinHash of its
  *set* of rare tokens, so the order inside a window does not matter.  The
  windows join the word windows of :func:`.lsh.sketch` (their band keys never
  meet a word window's).
- **Verification** (:func:`shared_details`): the pair's shared rare tokens;
  the best pair of windows of ``span`` tokens, one on each side, holding the
  most shared tokens; kept when they hold at least ``min_shared`` of them and
  these are at least ``min_share`` of the rare tokens in the tighter of the
  two ranges they cover, and the two ranges share ``min_bigrams`` word bigrams
  (anywhere in them: topic siblings share names, rewrites keep some phrases).  Up to ``max_passages`` disjoint window pairs are
  reported as :class:`.align.Passage` s.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from .align import Passage
from .shingles import NUMBER_ID, mix64, ngram_hashes


@dataclass(frozen=True, slots=True)
class DetailParams:
    """Thresholds of the details path (see the module docstring and docs/sources.md)."""

    #: Words at or above this Zipf frequency are common (not details).
    common_zipf: float = 5.0
    #: Rare tokens per sketched window, and the step between windows.
    window: int = 10
    stride: int = 5
    #: A document with fewer rare tokens than this has no details window.
    min_window: int = 5
    #: Verification: tokens a window spans on each side.
    span: int = 45
    #: Shared rare tokens a window pair needs, and their share of the rare tokens there.
    min_shared: int = 6
    min_share: float = 0.7
    #: Distinct word bigrams the two ranges must share as well (in any order): topic
    #: siblings share names but rarely phrases.
    min_bigrams: int = 6
    max_passages: int = 4

    def to_json(self) -> dict[str, object]:
        """The parameters as recorded in the reuse index manifest."""
        return {"common_zipf": self.common_zipf, "window": self.window, "stride": self.stride,
                "min_window": self.min_window, "span": self.span, "min_shared": self.min_shared,
                "min_share": self.min_share, "min_bigrams": self.min_bigrams,
                "max_passages": self.max_passages,
                "wordlist": _wordlist_version()}


def _wordlist_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"wordfreq {version('wordfreq')}"
    except PackageNotFoundError:  # pragma: no cover - wordfreq is a dependency
        return "wordfreq unknown"


@cache
def common_ids(zipf: float) -> np.ndarray:
    """Sorted term ids of the words of wordfreq's Arabic list at or above Zipf ``zipf``."""
    import math

    from wordfreq import get_frequency_dict

    from .shingles import term_ids, token_spans

    words = [w for w, f in get_frequency_dict("ar").items() if math.log10(f) + 9 >= zipf]
    terms = [t for word in words for t in token_spans(word).terms]
    return np.unique(term_ids(terms))


def rare_positions(ids: np.ndarray, params: DetailParams) -> np.ndarray:
    """Positions of the rare tokens of a term-id sequence (``int64``, ascending)."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64)
    common = common_ids(params.common_zipf)
    at = np.minimum(np.searchsorted(common, ids), len(common) - 1)
    rare = (common[at] != ids) & (ids != np.uint64(NUMBER_ID))
    return np.flatnonzero(rare).astype(np.int64)


@cache
def _seeds(perms: int) -> np.ndarray:
    rng = np.random.default_rng(0xD37A)
    return rng.integers(1, 2**63, size=perms, dtype=np.uint64) | np.uint64(1)


def detail_signatures(ids: np.ndarray, params: DetailParams, perms: int) -> np.ndarray:
    """``(windows, perms)`` min-hashes of the sets of rare tokens in each window."""
    rare = ids[rare_positions(ids, params)]
    n = len(rare)
    if n < params.min_window:
        return np.zeros((0, perms), dtype=np.uint64)
    hashed = mix64(rare[None, :] ^ _seeds(perms)[:, None])  # (perms, n)
    blocks = np.minimum.reduceat(hashed, np.arange(0, n, params.stride), axis=1)
    per_window = max(1, params.window // params.stride)
    count = max(1, blocks.shape[1] - per_window + 1)
    out = blocks[:, :count].copy()
    for offset in range(1, min(per_window, blocks.shape[1])):
        np.minimum(out, blocks[:, offset: offset + count], out=out)
    return out.T


def shared_details(ids_a: np.ndarray, ids_b: np.ndarray, params: DetailParams,
                   pos_a: np.ndarray | None = None, pos_b: np.ndarray | None = None
                   ) -> list[Passage]:
    """Window pairs sharing enough rare tokens, in any order (see the module docstring).

    ``pos_a`` / ``pos_b``: the sides' :func:`rare_positions`, when already known.
    """
    pos_a = rare_positions(ids_a, params) if pos_a is None else pos_a
    pos_b = rare_positions(ids_b, params) if pos_b is None else pos_b
    shared = np.intersect1d(ids_a[pos_a], ids_b[pos_b])
    if len(shared) < params.min_shared:
        return []
    in_a, in_b = _windows(ids_a, pos_a, shared, params), _windows(ids_b, pos_b, shared, params)
    counts = in_a[2] @ in_b[2].T  # shared ids present in both windows, per window pair
    out: list[Passage] = []
    while len(out) < params.max_passages and counts.size and counts.max() >= params.min_shared:
        i, k = np.unravel_index(int(np.argmax(counts)), counts.shape)
        both = in_a[2][i] & in_b[2][k]
        found = _passage(both, (in_a, i, ids_a[pos_a], pos_a), (in_b, k, ids_b[pos_b], pos_b),
                         params)
        counts[i, k] = 0
        if found is None or _bigrams(ids_a, ids_b, found) < params.min_bigrams:
            continue
        out.append(found)
        counts[_overlapping(in_a, found.a_first, found.a_last, params.span)] = 0
        counts[:, _overlapping(in_b, found.b_first, found.b_last, params.span)] = 0
    return sorted(out, key=lambda p: p.a_first)


def _windows(ids: np.ndarray, pos: np.ndarray, shared: np.ndarray, params: DetailParams
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Window starts (every ``span // 3`` tokens), the shared tokens' positions and ids
    (index into ``shared``), and which shared ids each window holds (``(windows, S)``)."""
    hit = pos[np.isin(ids[pos], shared)]
    which = np.searchsorted(shared, ids[hit])
    step = max(1, params.span // 3)
    starts = np.arange(0, max(1, int(hit[-1]) + 1 if len(hit) else 1), step)
    holds = np.zeros((len(starts), len(shared)), dtype=np.int32)
    for offset in range(params.span // step):  # the windows that start up to span before it
        row = hit // step - offset
        ok = row >= 0
        holds[row[ok], which[ok]] = 1
    return starts, np.stack([hit, which]), holds


def _passage(both: np.ndarray, side_a: tuple, side_b: tuple, params: DetailParams
             ) -> Passage | None:
    """The passage of one window pair, or ``None`` when its details are too diluted.

    ``side_*``: the side's windows, the window, and its rare ids and their positions.
    """
    ranges, rare = [], []
    for windows, at, rare_ids, pos in (side_a, side_b):
        first, last = _range(windows, at, both, params.span)
        ranges.append((first, last))
        rare.append(len(np.unique(rare_ids[(pos >= first) & (pos <= last)])))
    n = int(both.sum())
    if n < params.min_shared or n < params.min_share * min(rare):
        return None
    return Passage(ranges[0][0], ranges[0][1], ranges[1][0], ranges[1][1], n)


def _bigrams(ids_a: np.ndarray, ids_b: np.ndarray, p: Passage) -> int:
    """Distinct word bigrams the passage's two ranges share."""
    a = ngram_hashes(ids_a[p.a_first: p.a_last + 1], 2)
    b = ngram_hashes(ids_b[p.b_first: p.b_last + 1], 2)
    return len(np.intersect1d(a, b))


def _range(side: tuple, anchor: int, both: np.ndarray, span: int) -> tuple[int, int]:
    """First and last position of the window's tokens whose ids are in ``both``."""
    starts, (hit, which), _ = side
    start = starts[anchor]
    inside = (hit >= start) & (hit < start + span) & (both[which] > 0)
    return int(hit[inside].min()), int(hit[inside].max())


def _overlapping(side: tuple, first: int, last: int, span: int) -> np.ndarray:
    """Windows that overlap tokens ``first..last``."""
    starts = side[0]
    return (starts <= last) & (starts + span > first)


__all__ = ["DetailParams", "common_ids", "detail_signatures", "rare_positions", "shared_details"]
