"""Time in a fetch: per-host politeness (:class:`HostThrottle`), the deadline of one
fetch (:class:`Deadline`) and the waits between retries (:func:`backoff`,
:func:`retry_after`).  Clocks and sleeps are injectable, so tests need not wait.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from ..core.errors import FetchError, FetchTimeoutError

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class HostThrottle:
    """At most ``concurrency`` requests to one host at once, and at least ``interval``
    seconds between the starts of two requests to it (thread-safe).

    Turns are handed out in order under a lock, so threads waiting on one host queue
    rather than race; hosts never wait on each other.
    """

    def __init__(self, interval: float, concurrency: int, *, clock: Clock = time.monotonic,
                 sleep: Sleep = time.sleep) -> None:
        self.interval = max(0.0, interval)
        self.concurrency = max(1, concurrency)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def acquire(self, host: str) -> float:
        """Wait for a turn at ``host``; returns the seconds slept for the interval."""
        self._semaphore(host).acquire()
        try:
            with self._lock:
                now = self._clock()
                start = max(now, self._next.get(host, now))
                self._next[host] = start + self.interval
            if start > now:
                self._sleep(start - now)
            return start - now
        except BaseException:
            self._semaphore(host).release()
            raise

    def release(self, host: str) -> None:
        """End a turn taken by :meth:`acquire`."""
        self._semaphore(host).release()

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """:meth:`acquire` then :meth:`release` around the block."""
        self.acquire(host)
        try:
            yield
        finally:
            self.release(host)

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._slots.get(host)
            if slot is None:
                slot = self._slots[host] = threading.BoundedSemaphore(self.concurrency)
            return slot


class Deadline:
    """The end of one fetch: ``seconds`` from now, not counting paused time."""

    def __init__(self, seconds: float, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._end = clock() + seconds
        self.seconds = seconds

    def remaining(self) -> float:
        """Seconds left (0 or more)."""
        return max(0.0, self._end - self._clock())

    def check(self, url: str) -> float:
        """Seconds left; :class:`FetchTimeoutError` when none are."""
        left = self.remaining()
        if left <= 0:
            raise FetchTimeoutError(url, f"took longer than the {self.seconds:g} s a fetch may take")
        return left

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Time spent in the block (a turn at a host, a robots.txt) is not counted."""
        start = self._clock()
        try:
            yield
        finally:
            self._end += self._clock() - start


class Retry(Exception):
    """A failure worth another attempt: ``error`` is raised when none is left;
    ``after`` is the server's Retry-After in seconds, if it sent one."""

    def __init__(self, error: FetchError, after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.after = after


def backoff(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds before retry ``attempt`` (0 for the first): ``min(cap, base * 2**attempt)``,
    of which the second half is random when ``rng`` is given (jitter)."""
    delay = min(cap, base * 2 ** min(attempt, 30))
    return delay if rng is None else delay / 2 + rng.uniform(0, delay / 2)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """The seconds a ``Retry-After`` header asks for (a number, or an HTTP date), or
    ``None`` when it is absent or unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
