"""The limits of a fetch (:class:`FetchLimits`) and the content types it accepts."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

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


#: The limits that mirror a ``fetch_<name>`` setting (and take its default from there).
MIRRORED = ("connect_timeout", "read_timeout", "total_timeout", "max_bytes", "max_redirects",
            "host_interval", "host_concurrency", "retries", "allow_private", "robots_ignore",
            "user_agent")


def _setting(name: str) -> Any:
    """The default of :class:`~tahqiq.core.config.Settings` field ``fetch_<name>``."""
    return next(f.default for f in fields(Settings) if f.name == f"fetch_{name}")


def parse_hosts(text: str) -> frozenset[str]:
    """``"a.com, B.com:8080"`` -> ``{"a.com", "b.com:8080"}`` (blank entries dropped)."""
    return frozenset(h.strip().lower() for h in text.split(",") if h.strip())


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Every limit of a :class:`~tahqiq.fetch.client.Fetcher`.

    The first fields (:data:`MIRRORED`) mirror :class:`~tahqiq.core.config.Settings`
    (``fetch_*``) and take their defaults from it; the rest tune retries and robots.txt.
    """

    #: Seconds to connect, and to wait for each read of a response.
    connect_timeout: float = _setting("connect_timeout")
    read_timeout: float = _setting("read_timeout")
    #: Seconds one fetch may take: redirects, bodies, retries and their waits included,
    #: waiting for one's turn at a host (politeness) excluded.
    total_timeout: float = _setting("total_timeout")
    #: Largest body read, decompressed.
    max_bytes: int = _setting("max_bytes")
    max_redirects: int = _setting("max_redirects")
    #: Seconds between the starts of two requests to one host; requests to one host at once.
    host_interval: float = _setting("host_interval")
    host_concurrency: int = _setting("host_concurrency")
    #: Retries after a connection error, a timeout, 429 or 5xx (never after another 4xx).
    retries: int = _setting("retries")
    #: Allow loopback, private, link-local and metadata addresses (the SSRF guard off).
    allow_private: bool = _setting("allow_private")
    #: Hosts (``host`` or ``host:port``, lower case) whose robots.txt is not honoured:
    #: meant for the user's own sites only.
    robots_ignore: frozenset[str] = parse_hosts(_setting("robots_ignore"))
    user_agent: str = _setting("user_agent")
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
        values = {name: getattr(settings, f"fetch_{name}") for name in MIRRORED}
        values["robots_ignore"] = parse_hosts(values["robots_ignore"])
        return cls(**values)


def media_type(content_type: str | None) -> str:
    """``"Text/HTML; charset=utf-8"`` -> ``"text/html"`` (``""`` when absent)."""
    return (content_type or "").split(";", 1)[0].strip().lower()
