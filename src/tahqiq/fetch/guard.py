"""The SSRF guard: which URLs and addresses a fetch may reach.

A URL must be ``http`` or ``https``, name a host, and carry no user name or password.
Every address its host resolves to must be public: loopback, private (RFC 1918, ULA
``fc00::/7``), link-local, multicast, reserved, unspecified, shared (CGNAT
``100.64.0.0/10``) and cloud metadata addresses are refused, and so are IPv6 addresses
that embed such an IPv4 address (IPv4-mapped, NAT64, 6to4).  An
:class:`AddressPolicy` may allow every address (``allow_private``, for a desk's own
servers) or exactly some (``allow_addresses``, e.g. a test server on 127.0.0.1).

The fetcher checks the URL of every hop before its request (:func:`check_target`),
and checks the addresses it connects to when it connects (:func:`check_url`'s
resolution is repeated then, and the address checked is the one connected to): see
:mod:`tahqiq.fetch.transport`.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit

from ..core.errors import BlockedAddressError, BlockedURLError, FetchConnectionError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``resolve(host, port) -> addresses``; raises :class:`OSError` when the host is unknown.
Resolver = Callable[[str, int], list[str]]

SCHEMES = frozenset({"http", "https"})
#: Cloud instance metadata endpoints (AWS, GCP, Azure, OpenStack; AWS IPv6; ECS; Alibaba).
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200"))
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HINT = "(the SSRF guard; --allow-private or TAHQIQ_FETCH_ALLOW_PRIVATE=1 lifts it)"


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which addresses may be fetched: public ones, plus ``allow_addresses``, or all
    of them when ``allow_private``."""

    allow_private: bool = False
    allow_addresses: frozenset[str] = field(default_factory=frozenset)

    def reason(self, ip: str | IPAddress) -> str | None:
        """Why ``ip`` may not be fetched from, or ``None`` when it may."""
        address = _as_ip(ip)
        if self.allow_private or address in self._allowed() or \
                getattr(address, "ipv4_mapped", None) in self._allowed():
            return None
        return blocked_reason(address)

    def check(self, ip: str | IPAddress, url: str = "") -> IPAddress:
        """``ip`` parsed; :class:`BlockedAddressError` when it may not be fetched from."""
        address = _as_ip(ip)
        why = self.reason(address)
        if why is not None:
            raise BlockedAddressError(url or str(address), f"refused: {address} is {why} {_HINT}")
        return address

    def _allowed(self) -> frozenset[IPAddress]:
        return frozenset(_as_ip(a) for a in self.allow_addresses)


def blocked_reason(ip: str | IPAddress) -> str | None:
    """Why ``ip`` is not a public address (e.g. ``"a loopback address"``), or ``None``."""
    address = _as_ip(ip)
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return blocked_reason(address.ipv4_mapped)
        inner = _embedded_ipv4(address)
        if inner is not None and blocked_reason(inner) is not None:
            return f"{blocked_reason(inner)} inside an IPv6 address"
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    checks = (("is_unspecified", "an unspecified address"), ("is_loopback", "a loopback address"),
              ("is_link_local", "a link-local address"), ("is_multicast", "a multicast address"))
    for attribute, why in checks:
        if getattr(address, attribute):
            return why
    if address in _CGNAT:
        return "a shared (carrier-grade NAT) address"
    if address.is_private:
        return "a private address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "not a public address"
    return None


def check_ip(ip: str | IPAddress, allow_private: bool = False, *,
             allow_addresses: Iterable[str] = ()) -> IPAddress:
    """``ip`` parsed; :class:`BlockedAddressError` when the guard refuses it."""
    return AddressPolicy(allow_private, frozenset(allow_addresses)).check(ip)


def check_scheme(url: str) -> SplitResult:
    """``url`` split; :class:`BlockedURLError` unless it is http(s) with a host and no
    user name or password.  No name is resolved."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise BlockedURLError(url, f"not a usable URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise BlockedURLError(url, f"only http and https URLs are fetched, not {scheme or 'no scheme'!r}")
    if "@" in parts.netloc:
        raise BlockedURLError(url, "a URL with a user name or password is not fetched")
    if not parts.hostname:
        raise BlockedURLError(url, "the URL names no host")
    if port == 0:
        raise BlockedURLError(url, "port 0 is not fetched")
    return parts


def check_target(url: str, policy: AddressPolicy) -> tuple[str, int]:
    """``url``'s ``(host, port)`` after :func:`check_scheme`; a host written as an IP
    address is checked against ``policy`` too (no name is resolved)."""
    parts = check_scheme(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    if _literal_ip(host) is not None:
        policy.check(host, url)
    return host, port


def check_url(url: str, *, allow_private: bool = False, allow_addresses: Iterable[str] = (),
              resolve: Resolver | None = None) -> list[str]:
    """The addresses ``url``'s host resolves to, all checked by the guard.

    Raises :class:`BlockedURLError` (scheme, credentials), :class:`BlockedAddressError`
    (any address refused: a mixed answer is refused whole) or
    :class:`FetchConnectionError` (the host does not resolve).
    """
    policy = AddressPolicy(allow_private, frozenset(allow_addresses))
    host, port = check_target(url, policy)
    try:
        addresses = addresses_of(host, port, resolve or resolve_host)
    except OSError as exc:
        raise FetchConnectionError(url, f"cannot resolve {host}: {exc}") from None
    return [str(policy.check(a, url)) for a in addresses]


def addresses_of(host: str, port: int, resolve: Resolver) -> list[str]:
    """``host`` itself when it is an IP address, else what ``resolve`` answers (at
    least one address; :class:`OSError` otherwise)."""
    literal = _literal_ip(host)
    if literal is not None:
        return [str(literal)]
    addresses = list(dict.fromkeys(resolve(host, port)))
    if not addresses:
        raise OSError(f"no address for {host}")
    return addresses


def resolve_host(host: str, port: int) -> list[str]:
    """The system resolver's addresses for ``host`` (TCP), in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _literal_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _as_ip(ip: str | IPAddress) -> IPAddress:
    if isinstance(ip, ipaddress.IPv4Address | ipaddress.IPv6Address):
        return ip
    return ipaddress.ip_address(ip.strip("[]"))


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a NAT64 or 6to4 address routes to, if any."""
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour
