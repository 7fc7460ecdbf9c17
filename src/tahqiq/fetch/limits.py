"""The limits of a fetch (:class:`FetchLimits`) and the content types it accepts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.config import DEFAULT_FETCH_MAX_BYTES, DEFAULT_USER_AGENT

if TYPE_CHECKING:  # pragma: no cover
    from ..core.config import Settings

#: Web pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Feeds and sitemaps.
FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml", "application/feed+json",
})
#: What :meth:`Fetcher.fetch <tahqiq.fetch.client.Fetcher.fetch>` accepts by default.
DEFAULT_ACCEPT = HTML_TYPES | FEED_TYPES
#: The most of a robots.txt read (RFC 9309 asks crawlers to parse at least 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Every limit of a :class:`~tahqiq.fetch.client.Fetcher`.

    The first fields mirror :class:`~tahqiq.core.config.Settings` (``fetch_*``) and
    default to the same values; the rest tune retries and robots.txt.
    """

    #: Seconds to connect, and to wait for each read of a response.
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    #: Seconds one fetch may take: redirects, bodies, retries and their waits included,
    #: waiting for one's turn at a host (politeness) excluded.
    total_timeout: float = 60.0
    #: Largest body read, decompressed.
    max_bytes: int = DEFAULT_FETCH_MAX_BYTES
    max_redirects: int = 5
    #: Seconds between the starts of two requests to one host; requests to one host at once.
    host_interval: float = 1.0
    host_concurrency: int = 2
    #: Retries after a connection error, a timeout, 429 or 5xx (never after another 4xx).
    retries: int = 2
    #: Allow loopback, private, link-local and metadata addresses (the SSRF guard off).
    allow_private: bool = False
    #: Hosts (``host`` or ``host:port``, lower case) whose robots.txt is not honoured:
    #: meant for the user's own sites only.
    robots_ignore: frozenset[str] = frozenset()
    user_agent: str = DEFAULT_USER_AGENT
    #: Backoff before retry n (from 0): ``min(cap, base * 2**n)``, with jitter.
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    #: A server's Retry-After is honoured up to this many seconds.
    retry_after_cap: float = 30.0
    robots_max_bytes: int = ROBOTS_MAX_BYTES
    #: Seconds a robots.txt is trusted (RFC 9309: at most a day), and seconds a
    #: failed one (5xx, unreachable: everything disallowed) is kept before asking again.
    robots_ttl: float = 86400.0
    robots_error_ttl: float = 600.0

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchLimits:
        """The limits that ``settings`` (its ``fetch_*`` fields) ask for."""
        return cls(
            connect_timeout=settings.fetch_connect_timeout,
            read_timeout=settings.fetch_read_timeout,
            total_timeout=settings.fetch_total_timeout,
            max_bytes=settings.fetch_max_bytes,
            max_redirects=settings.fetch_max_redirects,
            host_interval=settings.fetch_host_interval,
            host_concurrency=settings.fetch_host_concurrency,
            retries=settings.fetch_retries,
            allow_private=settings.fetch_allow_private,
            robots_ignore=parse_hosts(settings.fetch_robots_ignore),
            user_agent=settings.fetch_user_agent,
        )


def parse_hosts(text: str) -> frozenset[str]:
    """``"a.com, B.com:8080"`` -> ``{"a.com", "b.com:8080"}`` (blank entries dropped)."""
    return frozenset(h.strip().lower() for h in text.split(",") if h.strip())


def media_type(content_type: str | None) -> str:
    """``"Text/HTML; charset=utf-8"`` -> ``"text/html"`` (``""`` when absent)."""
    return (content_type or "").split(";", 1)[0].strip().lower()
