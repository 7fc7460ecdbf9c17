"""Fetching the news: a guarded HTTP client, robots.txt, sitemaps and the WARC archive.

- :mod:`.client`: :class:`Fetcher`, which fetches pages and feeds within
  :class:`FetchLimits` (:mod:`.limits`): timeouts, size, redirects, content types,
  retries, politeness, conditional GET;
- :mod:`.guard`: the SSRF guard (schemes, credentials, private and metadata addresses);
- :mod:`.transport`: the httpx transport whose connections the guard checks;
- :mod:`.body`: reading a body within its limits (gzip bombs included);
- :mod:`.pacing`: per-host politeness, deadlines, retry waits;
- :mod:`.robots`: robots.txt, honoured and cached per origin;
- :mod:`.sitemaps`: sitemaps (and Google News sitemaps) parsed safely, bounded;
- :mod:`.warc`: every fetched response archived as WARC.

This layer imports only :mod:`tahqiq.core` and third-party packages (httpx, warcio:
the ``fetch`` extra), and those only when used.  Importing this package does no work:
names resolve lazily.
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

_LAZY = {
    "Fetcher": "client",
    "FetchLimits": "limits",
    "DEFAULT_ACCEPT": "limits",
    "AddressPolicy": "guard",
    "check_ip": "guard",
    "check_scheme": "guard",
    "check_url": "guard",
    "RobotsCache": "robots",
    "SitemapEntry": "sitemaps",
    "is_sitemap": "sitemaps",
    "parse_sitemap": "sitemaps",
    "WarcArchive": "warc",
}

__all__ = sorted(_LAZY)

__getattr__ = lazy_exports(__name__, _LAZY)
