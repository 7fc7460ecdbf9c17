"""The LSH segment's key lookup: a bucket table over the distinct keys' top bits."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tahqiq.sources.lsh import Segment, Sketch

KEYS = st.lists(st.integers(0, 2**32 - 1), max_size=300)


def _segment(keys: list[int]) -> Segment:
    ordered = np.sort(np.array(keys, dtype=np.uint32))
    n = len(ordered)
    return Segment(ordered, np.arange(n, dtype=np.int64), np.zeros(n, np.int32),
                   np.zeros(0, np.int64), np.zeros(1, np.int64), np.zeros((0, 4), np.uint8))


@settings(max_examples=200, deadline=None)
@given(stored=KEYS, asked=KEYS, shared=st.integers(0, 50))
def test_lookup_finds_exactly_the_postings_of_each_key(stored: list[int], asked: list[int],
                                                       shared: int) -> None:
    """Every posting of every asked key, and nothing else, as a binary search finds them."""
    segment = _segment(stored + stored[:shared])  # some keys twice: several postings
    query = np.unique(np.array(asked + stored[:shared], dtype=np.uint32))
    which, docs, _ = segment.lookup(query)
    got = sorted(zip(query[which].tolist(), docs.tolist(), strict=True))
    keys = segment.keys
    want = sorted((int(k), int(d)) for k in query for d in
                  range(np.searchsorted(keys, k, "left"), np.searchsorted(keys, k, "right")))
    assert got == want


def test_an_empty_segment_finds_nothing() -> None:
    segment = Segment.build([Sketch(1, np.zeros((0, 8), np.uint32), np.zeros((0, 16), np.uint8))], 16)
    which, docs, wins = segment.lookup(np.array([1, 2, 3], dtype=np.uint32))
    assert len(which) == len(docs) == len(wins) == 0
