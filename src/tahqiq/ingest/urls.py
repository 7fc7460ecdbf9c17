"""Outlet names from URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

#: Host prefixes that name a flavour of a site, not the outlet.
_HOST_PREFIXES = ("www.", "www2.", "m.", "mobile.", "amp.")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet (registered host) a URL belongs to, or ``None``.

    ``www.``, ``m.``, ``mobile.`` and ``amp.`` prefixes and any port are
    dropped and the host is lower-cased::

        >>> outlet_from_url("https://www.aljazeera.net/news/2024/1/1/x")
        'aljazeera.net'
        >>> outlet_from_url("m.alarabiya.net/ar/politics")
        'alarabiya.net'
    """
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if "://" not in url and not url.startswith("//"):
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.strip(".").lower()
    changed = True
    while changed:
        changed = False
        for prefix in _HOST_PREFIXES:
            rest = host[len(prefix) :]
            if host.startswith(prefix) and "." in rest:
                host, changed = rest, True
    if "." not in host or any(ch.isspace() for ch in host):
        return None
    return host
