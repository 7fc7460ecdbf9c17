"""Overlap tests against many character spans in logarithmic time."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """Spans ``(start, end)``; :meth:`overlaps` asks whether any meets ``[lo, hi)``.

    Sorted by start with the running maximum of ends, so a test costs one
    binary search instead of a pass over every span (a long article has
    thousands of reported-speech spans and outlet mentions).
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(spans)
        self._starts = [start for start, _ in pairs]
        self._reach = list(accumulate((end for _, end in pairs), max))

    def overlaps(self, lo: int, hi: int) -> bool:
        """Whether some span has ``start < hi`` and ``end > lo``."""
        n = bisect_left(self._starts, hi)
        return n > 0 and self._reach[n - 1] > lo

    def __len__(self) -> int:
        return len(self._starts)
