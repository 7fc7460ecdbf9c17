"""Map a pure function over chunks in forked worker processes that share the parent's memory.

Linking a large batch is CPU-bound Python and numpy; two cores nearly halve
it.  The LSH table and the documents being linked are large, so they are
not sent to workers: the workers are forked after the state is set and read
it copy-on-write.  Only the chunks' results (small) travel back.  Where
``fork`` is unavailable (Windows, macOS defaults) or one worker is asked
for, the function runs in-process: results are identical either way.

A process that runs other Python threads never forks (the threaded API
server, a caller's thread pool): a forked child inherits every lock those
threads held at that instant, and can wait on one forever.  It then runs
in-process too.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: What a forked worker of :func:`fork_map` runs (set in the worker only, by :func:`_adopt`).
_WORKER: Any = None


def default_workers() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def fork_map(fn: Callable[[Any, Sequence[T]], list[R]], items: Sequence[T], state: Any,
             workers: int, min_items: int = 64) -> list[R]:
    """``fn(state, chunk)`` over chunks of ``items``, results concatenated in order.

    ``fn`` must be a module-level function.  Runs in-process for one worker,
    few items, no ``fork``, or other threads running in this process.
    """
    if workers <= 1 or len(items) < min_items or not can_fork():
        return fn(state, items)
    size = max(1, -(-len(items) // (workers * 4)))
    chunks = [items[i: i + size] for i in range(0, len(items), size)]
    # Forked workers inherit ``fn`` and ``state`` through the initializer's arguments
    # (fork copies them; nothing is pickled) and keep them in their own memory only.
    with multiprocessing.get_context("fork").Pool(workers, _adopt, (fn, state)) as pool:
        parts = pool.map(_run, chunks)
    return [result for part in parts for result in part]


def can_fork() -> bool:
    """Whether forking workers is safe here: ``fork`` exists and this is the only Python thread."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _adopt(fn: Callable[[Any, Sequence[Any]], list[Any]], state: Any) -> None:
    """In a forked worker: remember the function and state of :func:`fork_map`."""
    global _WORKER
    _WORKER = (fn, state)


def _run(chunk: Sequence[Any]) -> list[Any]:
    fn, state = _WORKER
    return fn(state, chunk)


class Mapper(Protocol):
    """Where batch functions run: in this process (forked workers), or on a cluster.

    ``map(fn, items, state)`` returns ``fn(state, chunk)`` over chunks of
    ``items``, concatenated in order; ``imap(fn, items)`` yields
    ``fn(item)`` for each item, in order, while later items are computed.
    ``fn`` is a module-level function and ``state`` and the items pickle.
    ``distributed`` says whether work leaves this process's memory (then
    large shared state such as the LSH table stays with the caller).
    """

    distributed: bool
    workers: int

    def map(self, fn: Callable[[Any, Sequence[T]], list[R]], items: Sequence[T], state: Any,
            min_items: int = 64) -> list[R]: ...

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...


class LocalMapper:
    """The in-process :class:`Mapper`: :func:`fork_map` for ``map``, a plain loop for ``imap``."""

    distributed = False

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)

    def map(self, fn: Callable[[Any, Sequence[T]], list[R]], items: Sequence[T], state: Any,
            min_items: int = 64) -> list[R]:
        """``fn(state, chunk)`` over chunks of ``items`` (see :func:`fork_map`)."""
        return fork_map(fn, items, state, self.workers, min_items)

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn(item)`` for each item, here and in order."""
        for item in items:
            yield fn(item)


def as_mapper(workers: int | Mapper) -> Mapper:
    """A :class:`Mapper` for a worker count (or the mapper itself)."""
    return LocalMapper(workers) if isinstance(workers, int) else workers


__all__ = ["LocalMapper", "Mapper", "as_mapper", "default_workers", "fork_map"]
