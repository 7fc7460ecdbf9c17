"""Functions the Dask workers of tests/integration/test_scale.py import by name."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence


def slow_square(delay: float, chunk: Sequence[int]) -> list[tuple[int, int, int]]:
    """``(x, x*x, worker pid)`` for each item, ``delay`` seconds each."""
    out = []
    for x in chunk:
        time.sleep(delay)
        out.append((x, x * x, os.getpid()))
    return out
