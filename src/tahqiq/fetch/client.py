"""The guarded fetcher: pages and feeds over HTTP(S), within limits.

:meth:`Fetcher.fetch` gets one URL or raises a :class:`~tahqiq.core.errors.FetchError`;
:meth:`Fetcher.fetch_many` gets many, each failure recorded as a
:class:`~tahqiq.core.types.FetchFailure`.  Every fetch:

- passes the SSRF guard (:mod:`.guard`) at every hop: the URL before the request, the
  address when connecting (:mod:`.transport`), the peer once connected;
- follows at most ``max_redirects`` redirects by hand (relative ones resolved, loops
  refused);
- honours robots.txt (:mod:`.robots`) unless ``respect_robots=False``;
- waits its turn at the host (:class:`~.pacing.HostThrottle`), then has
  ``connect_timeout`` to connect, ``read_timeout`` per read and ``total_timeout`` for
  the whole fetch (redirects, bodies, retries and their waits; turns at a host aside);
- refuses a Content-Length over ``max_bytes`` unread, and cuts a longer body while
  streaming it (counted decompressed: :mod:`.body`);
- accepts only the content types asked for (HTML and feeds by default);
- sends If-None-Match / If-Modified-Since when given: 304 gives ``not_modified``;
- retries connection errors, connect/read timeouts, 429 and 5xx with growing,
  jittered waits (a Retry-After is honoured up to ``retry_after_cap``), while the
  deadline allows; never another 4xx, nor a fetch that ran out of time.

The body is left as bytes, whatever the charset says: decoding is the ingest layer's.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from types import ModuleType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..core.clock import utc_now
from ..core.errors import (
    BlockedURLError,
    FetchError,
    FetchStatusError,
    MissingExtraError,
    RedirectError,
)
from ..core.types import FetchFailure, FetchResult
from .body import check_length, check_sniffed, check_type, read_body
from .guard import AddressPolicy, Resolver, check_target, resolve_host
from .limits import DEFAULT_ACCEPT, FetchLimits
from .pacing import Clock, Deadline, HostThrottle, Retry, Sleep, backoff, retry_after
from .robots import RobotsCache

if TYPE_CHECKING:  # pragma: no cover
    import httpx

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: The most of an error page's body kept (it is archived, never ingested).
ERROR_BODY_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class _Job:
    """One fetch as asked: its headers and limits."""

    url: str
    headers: tuple[tuple[str, str], ...]
    accept: Collection[str] | None
    max_bytes: int
    retries: int
    robots: bool
    truncate: bool = False


class Fetcher:
    """Fetch pages and feeds within :class:`FetchLimits` (see the module docstring).

    ``allow_addresses`` lets exactly those addresses past the SSRF guard (a test
    server on 127.0.0.1, say); ``resolve``, ``clock``, ``sleep`` and ``rng`` (the
    jitter of retry waits) may be replaced in tests.  Thread-safe; close it (or use it
    as a context manager) to close its connections.
    """

    def __init__(self, limits: FetchLimits | None = None, *,
                 allow_addresses: Iterable[str] = frozenset(), respect_robots: bool = True,
                 resolve: Resolver | None = None, clock: Clock = time.monotonic,
                 sleep: Sleep = time.sleep, rng: random.Random | None = None) -> None:
        self.limits = limits or FetchLimits()
        self.policy = AddressPolicy(self.limits.allow_private, frozenset(allow_addresses))
        self.respect_robots = respect_robots
        self.throttle = HostThrottle(self.limits.host_interval, self.limits.host_concurrency,
                                     clock=clock, sleep=sleep)
        self.robots = RobotsCache(self._fetch_robots, user_agent=self.limits.user_agent,
                                  ignore_hosts=self.limits.robots_ignore, ttl=self.limits.robots_ttl,
                                  error_ttl=self.limits.robots_error_ttl, clock=clock)
        self._resolve = resolve or resolve_host
        self._clock = clock
        self._sleep = sleep
        self._rng = rng if rng is not None else random.Random()
        self._client: httpx.Client | None = None
        self._client_lock = threading.Lock()

    # -- public ---------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              accept: Collection[str] | None = DEFAULT_ACCEPT) -> FetchResult:
        """Fetch ``url``; ``accept`` lists the media types taken (``None``: any).

        Raises a :class:`~tahqiq.core.errors.FetchError` subclass when it fails.
        """
        headers = [("Accept", ", ".join(sorted(accept)) if accept is not None else "*/*")]
        if etag:
            headers.append(("If-None-Match", etag))
        if last_modified:
            headers.append(("If-Modified-Since", last_modified))
        return self._run(_Job(url, tuple(headers), accept, self.limits.max_bytes,
                              self.limits.retries, self.respect_robots))

    def fetch_many(self, urls: Iterable[str], *, workers: int = 4,
                   accept: Collection[str] | None = DEFAULT_ACCEPT) -> list[FetchResult | FetchFailure]:
        """Fetch every URL (``workers`` at once, per-host limits still holding): a result
        or a failure per URL, in order; one bad URL never stops the others."""
        todo = list(urls)
        if not todo:
            return []
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(todo)))) as pool:
            return list(pool.map(lambda url: self._fetch_or_fail(url, accept), todo))

    def close(self) -> None:
        """Close the connections kept open."""
        with self._client_lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- attempts and redirects -------------------------------------------------------------
    def _fetch_or_fail(self, url: str, accept: Collection[str] | None) -> FetchResult | FetchFailure:
        try:
            return self.fetch(url, accept=accept)
        except FetchError as exc:
            return FetchFailure(url, _one_line(exc.reason), utc_now(), exc.status)
        except Exception as exc:  # one bad URL never stops the others; say what it was
            return FetchFailure(url, _one_line(f"{type(exc).__name__}: {exc}"), utc_now())

    def _fetch_robots(self, robots_url: str) -> FetchResult:
        """robots.txt: guarded and polite as any fetch, any type, cut at its own limit."""
        job = _Job(robots_url, (("Accept", "text/plain, */*;q=0.5"),), None,
                   self.limits.robots_max_bytes, retries=0, robots=False, truncate=True)
        return self._run(job)

    def _run(self, job: _Job) -> FetchResult:
        """Attempts until one succeeds, the retries run out, or the next wait would pass
        the deadline (which counts every attempt and wait, not turns at a host)."""
        deadline = Deadline(self.limits.total_timeout, self._clock)
        for attempt in range(job.retries + 1):
            try:
                return self._follow(job, deadline)
            except Retry as retry:
                if retry.after is not None:
                    wait = min(retry.after, self.limits.retry_after_cap)
                else:
                    wait = backoff(attempt, self.limits.backoff_base, self.limits.backoff_cap, self._rng)
                if attempt >= job.retries or wait >= deadline.remaining():
                    raise retry.error from None
                self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _follow(self, job: _Job, deadline: Deadline) -> FetchResult:
        url, hops = job.url, []
        seen = {_key(url)}
        for _ in range(self.limits.max_redirects + 1):
            answer = self._exchange(job, url, deadline)
            if isinstance(answer, FetchResult):
                return replace(answer, url=job.url, redirects=tuple(hops))
            hops.append(url)
            if _key(answer) in seen:
                raise RedirectError(job.url, f"redirect loop: {url} sends back to {answer}")
            seen.add(_key(answer))
            url = answer
        raise RedirectError(job.url, f"more than {self.limits.max_redirects} redirects")

    # -- one request ------------------------------------------------------------------------
    def _exchange(self, job: _Job, url: str, deadline: Deadline) -> FetchResult | str:
        """One request: the result, or the URL a redirect points to."""
        host, _port = check_target(url, self.policy)  # before any connection
        with deadline.paused():  # robots.txt has a deadline of its own; turns do not count
            if job.robots:
                self._check_robots(url)
            self.throttle.acquire(host)
        try:
            with _transport().mapped_errors(url, self.limits):
                left = deadline.check(url)
                response = self._send(job, url, left)
                try:
                    return self._answer(job, url, response, deadline)
                finally:
                    response.close()
        finally:
            self.throttle.release(host)

    def _check_robots(self, url: str) -> None:
        try:
            self.robots.check(url)
        except BlockedURLError as exc:  # robots.txt's host is the page's: say it of the page
            raise type(exc)(url, exc.reason) from None

    def _send(self, job: _Job, url: str, left: float) -> httpx.Response:
        import httpx

        limits = self.limits
        timeout = httpx.Timeout(connect=min(limits.connect_timeout, left),
                                read=min(limits.read_timeout, left),
                                write=min(limits.read_timeout, left), pool=left)
        client = self._http()
        request = client.build_request("GET", url, headers=list(job.headers), timeout=timeout)
        return client.send(request, stream=True)

    def _answer(self, job: _Job, url: str, response: httpx.Response,
                deadline: Deadline) -> FetchResult | str:
        peer = self._peer(response, url)
        status = response.status_code
        if status in REDIRECT_STATUSES:
            location = response.headers.get("location", "").strip()
            if not location:
                raise RedirectError(url, f"HTTP {status} redirect without a Location", status)
            return urljoin(url, location)
        if status == 304:
            return self._result(url, response, b"", peer, not_modified=True)
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        if status == 429 or status >= 500:
            raise Retry(self._status_error(url, reason, response, peer, deadline),
                        retry_after(response.headers.get("retry-after")))
        if not 200 <= status < 300:
            raise self._status_error(url, reason, response, peer, deadline)
        content_type = response.headers.get("content-type")
        check_type(content_type, job.accept, url)
        if not job.truncate:
            check_length(response.headers.get("content-length"), job.max_bytes, url)
        body = read_body(response.iter_raw(), content_encoding=response.headers.get(
            "content-encoding", ""), max_bytes=job.max_bytes, deadline=deadline, url=url,
            truncate=job.truncate)
        check_sniffed(content_type, job.accept, body, url)
        return self._result(url, response, body, peer)

    def _status_error(self, url: str, reason: str, response: httpx.Response, peer: str,
                      deadline: Deadline) -> FetchStatusError:
        """The error of an answer with an error status, carrying that answer (its body
        cut at :data:`ERROR_BODY_BYTES`) for the archive."""
        error = FetchStatusError(url, reason, response.status_code)
        try:
            body = read_body(response.iter_raw(), content_encoding=response.headers.get(
                "content-encoding", ""), max_bytes=ERROR_BODY_BYTES, deadline=deadline, url=url,
                truncate=True)
        except FetchError:  # an error page that cannot be read is still an error
            body = b""
        error.answer = self._result(url, response, body, peer)
        return error

    def _peer(self, response: httpx.Response, url: str) -> str:
        """The address that answered, checked again by the guard (``""`` if unknown)."""
        stream = response.extensions.get("network_stream")
        address = stream.get_extra_info("server_addr") if stream is not None else None
        if not address:
            return ""
        ip = address[0] if isinstance(address, tuple | list) else address
        return str(self.policy.check(str(ip), url))

    @staticmethod
    def _result(url: str, response: httpx.Response, body: bytes, peer: str,
                not_modified: bool = False) -> FetchResult:
        return FetchResult(url=url, final_url=url, status=response.status_code,
                           headers=tuple(response.headers.multi_items()), body=body,
                           content_type=response.headers.get("content-type", "").strip(),
                           fetched_at=utc_now(), sha256=hashlib.sha256(body).hexdigest(),
                           not_modified=not_modified, peer=peer)

    def _http(self) -> httpx.Client:
        with self._client_lock:
            if self._client is None:
                self._client = _transport().build_client(
                    self.policy, self._resolve, self.limits.user_agent,
                    max_connections=max(10, 4 * self.limits.host_concurrency))
            return self._client


def _transport() -> ModuleType:
    """:mod:`.transport`, imported on first use (it imports httpx)."""
    try:
        from . import transport
    except ImportError as exc:
        raise MissingExtraError("httpx", "fetch", "Fetching pages") from exc
    return transport

def _key(url: str) -> str:
    """A URL as redirect loops are detected: without its fragment."""
    return urlsplit(url)._replace(fragment="").geturl()




def _one_line(text: str) -> str:
    return " ".join(text.split())[:500]


__all__ = ["REDIRECT_STATUSES", "FetchLimits", "Fetcher"]
