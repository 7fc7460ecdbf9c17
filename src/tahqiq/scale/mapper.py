"""A :class:`~tahqiq.core.parallel.Mapper` over a Dask ``distributed.Client``."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

#: Chunks per worker for ``map`` (load balance, and small reruns after a fault).
CHUNKS_PER_WORKER = 4
#: Tasks in flight per worker for ``imap`` (bounds memory on the writer's side).
AHEAD_PER_WORKER = 4


class DaskMapper:
    """Runs batch functions on the workers of ``client``; results come back in order.

    A task that raises is run once more here: a function that fails in this
    process too raises as it would without a cluster (for the ingest
    functions, which turn bad input into failures, that never happens).
    Dask itself reruns the tasks of a worker that dies.
    """

    distributed = True

    def __init__(self, client: Any) -> None:
        self.client = client

    @property
    def workers(self) -> int:
        """Workers the scheduler knows now (at least 1)."""
        return max(1, len(self.client.scheduler_info()["workers"]))

    def map(self, fn: Callable[[Any, Sequence[T]], list[R]], items: Sequence[T], state: Any,
            min_items: int = 64) -> list[R]:
        """``fn(state, chunk)`` over chunks of ``items`` on the workers, concatenated in order.

        ``state`` is sent to every worker once per call.  ``min_items`` is
        ignored: on a cluster even a small batch goes to the workers.
        """
        items = list(items)
        if not items:
            return []
        size = max(1, -(-len(items) // (self.workers * CHUNKS_PER_WORKER)))
        chunks = [items[i: i + size] for i in range(0, len(items), size)]
        shared = self.client.scatter(state, broadcast=True, hash=False)
        futures = self.client.map(_apply, [fn] * len(chunks), chunks, state=shared, pure=False)
        out: list[R] = []
        for future, chunk in zip(futures, chunks, strict=True):
            out.extend(self._result(future, lambda chunk=chunk: fn(state, chunk)))
        return out

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn(item)`` on the workers, yielded in input order, a few tasks ahead."""
        ahead = self.workers * AHEAD_PER_WORKER
        pending: deque[tuple[Any, T]] = deque()
        for item in items:
            pending.append((self.client.submit(fn, item, pure=False), item))
            if len(pending) >= ahead:
                future, first = pending.popleft()
                yield self._result(future, lambda first=first: fn(first))
        while pending:
            future, first = pending.popleft()
            yield self._result(future, lambda first=first: fn(first))

    @staticmethod
    def _result(future: Any, here: Callable[[], R]) -> R:
        try:
            return future.result()
        except Exception as exc:
            log.warning("a cluster task failed (%s: %s); running it in this process",
                        type(exc).__name__, exc)
            return here()
        finally:
            future.release()


def _apply(fn: Callable[[Any, Sequence[Any]], list[Any]], chunk: Sequence[Any], state: Any) -> list[Any]:
    return fn(state, chunk)
