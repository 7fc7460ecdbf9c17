"""robots.txt, honoured (RFC 9309), cached per origin.

:class:`RobotsCache` fetches ``/robots.txt`` once per origin (scheme, host, port)
through a fetch function (the :class:`~tahqiq.fetch.client.Fetcher` passes its own,
so the robots.txt request goes through the same SSRF guard, politeness and limits,
with a size limit of its own and any content type), parses it with
:mod:`urllib.robotparser` and keeps it for a while:

- 2xx: its rules, for ``ttl`` seconds;
- 4xx (none there, forbidden...), or too many redirects: everything allowed, ``ttl``;
- 5xx or 429, unreachable, timed out: everything disallowed, for ``error_ttl``
  seconds, then asked again;
- refused by the SSRF guard: the guard's error is raised (the page would be refused too).

Hosts in ``ignore_hosts`` (``fetch_robots_ignore``) are not checked at all: the
override is meant for the user's own sites, not for other people's.

Limitation: :mod:`urllib.robotparser` applies the first matching rule of a group,
where RFC 9309 applies the longest; a robots.txt that lists a broad ``Disallow``
before a narrower ``Allow`` is read more strictly than the RFC reads it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from ..core.errors import (
    BlockedURLError,
    FetchError,
    FetchStatusError,
    RedirectError,
    RobotsDisallowedError,
)
from ..core.types import FetchResult
from .pacing import Clock

#: Origins kept at most; the oldest are forgotten first.
MAX_ORIGINS = 10_000


@dataclass(frozen=True, slots=True)
class _Entry:
    parser: RobotFileParser
    expires: float
    #: ``rules``, or why everything is allowed or disallowed.
    state: str


class RobotsCache:
    """Whether robots.txt lets ``user_agent`` fetch a URL (see the module docstring)."""

    def __init__(self, fetch: Callable[[str], FetchResult], *, user_agent: str,
                 ignore_hosts: Iterable[str] = (), ttl: float = 86400.0,
                 error_ttl: float = 600.0, clock: Clock = time.monotonic) -> None:
        self._fetch = fetch
        self.user_agent = user_agent
        self.ignore_hosts = frozenset(h.strip().lower() for h in ignore_hosts if h.strip())
        self.ttl = ttl
        self.error_ttl = error_ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str, int], _Entry] = {}
        self._origin_locks: dict[tuple[str, str, int], threading.Lock] = {}

    def allowed(self, url: str) -> bool:
        """Whether ``url`` may be fetched (always, for an ignored host)."""
        if self.ignored(url):
            return True
        return self._entry(url).parser.can_fetch(self.user_agent, url)

    def check(self, url: str) -> None:
        """:class:`~tahqiq.core.errors.RobotsDisallowedError` unless :meth:`allowed`."""
        if self.ignored(url):
            return
        entry = self._entry(url)
        if not entry.parser.can_fetch(self.user_agent, url):
            detail = "" if entry.state == "rules" else f": {entry.state}"
            raise RobotsDisallowedError(url, f"disallowed by the site's robots.txt{detail}")

    def ignored(self, url: str) -> bool:
        """Whether ``url``'s host is one whose robots.txt is not honoured."""
        _scheme, host, port = _origin(url)
        return host in self.ignore_hosts or f"{host}:{port}" in self.ignore_hosts

    def state(self, url: str) -> str:
        """How ``url``'s robots.txt was read: ``rules``, or why everything is allowed
        or disallowed (fetching it if needed)."""
        return self._entry(url).state

    def clear(self) -> None:
        """Forget every robots.txt."""
        with self._lock:
            self._entries.clear()

    def _entry(self, url: str) -> _Entry:
        origin = _origin(url)
        with self._lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin, however many threads ask
            with self._lock:
                entry = self._entries.get(origin)
            if entry is not None and entry.expires > self._clock():
                return entry
            entry = self._load(origin)
            with self._lock:
                self._entries.pop(origin, None)
                self._entries[origin] = entry
                while len(self._entries) > MAX_ORIGINS:
                    oldest = next(iter(self._entries))
                    del self._entries[oldest]
                    self._origin_locks.pop(oldest, None)
            return entry

    def _load(self, origin: tuple[str, str, int]) -> _Entry:
        scheme, host, port = origin
        default = 443 if scheme == "https" else 80
        netloc = f"[{host}]" if ":" in host else host
        robots_url = f"{scheme}://{netloc}{'' if port == default else f':{port}'}/robots.txt"
        try:
            result = self._fetch(robots_url)
        except BlockedURLError:
            raise  # the guard refuses the host: the page's fetch says so, nothing is cached
        except (FetchStatusError, RedirectError) as exc:
            if isinstance(exc, RedirectError) or (exc.status or 500) < 500 and exc.status != 429:
                return self._fixed(allow=True, why=exc.reason, ttl=self.ttl)
            return self._fixed(allow=False, why=exc.reason, ttl=self.error_ttl)
        except FetchError as exc:
            return self._fixed(allow=False, why=exc.reason, ttl=self.error_ttl)
        return _Entry(parse_robots(result.body), self._clock() + self.ttl, "rules")

    def _fixed(self, *, allow: bool, why: str, ttl: float) -> _Entry:
        parser = RobotFileParser()
        if allow:
            parser.allow_all = True
        else:
            parser.disallow_all = True
        state = (f"not available ({why}), so everything is allowed" if allow else
                 f"unreachable ({why}), so everything is disallowed for now")
        return _Entry(parser, self._clock() + ttl, state)


def parse_robots(body: bytes) -> RobotFileParser:
    """A parser holding the rules of a robots.txt (UTF-8, bad bytes replaced)."""
    parser = RobotFileParser()
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff")
    parser.parse(text.splitlines())
    return parser


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or (443 if scheme == "https" else 80)
