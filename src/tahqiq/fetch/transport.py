"""The httpx plumbing of :class:`~tahqiq.fetch.client.Fetcher`: connections the SSRF
guard checks as they are made.

:class:`GuardedBackend` is an httpcore network backend that resolves the host itself,
checks every address with the guard's :class:`~tahqiq.fetch.guard.AddressPolicy`
and connects to a checked address: the address checked is the address connected to,
so a name that resolves to a public address for a check and to a private one for the
connection (DNS rebinding) gains nothing.  TLS still verifies the certificate for, and
sends SNI with, the host name of the URL.  :class:`GuardedTransport` is an httpx
transport over an httpcore pool using that backend; it never uses a proxy.

Only public httpx and httpcore APIs are used.  This module imports both, so it is
imported only when a fetcher sends its first request.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

from ..core.errors import (
    BlockedAddressError,
    BlockedURLError,
    FetchConnectionError,
    FetchTimeoutError,
)
from .guard import AddressPolicy, Resolver, addresses_of
from .limits import FetchLimits
from .pacing import Retry

_CORE_ERRORS = (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError,
                httpcore.UnsupportedProtocol, httpcore.ProxyError)


class GuardedBackend(httpcore.NetworkBackend):
    """Connects only to addresses ``policy`` allows, resolving host names with ``resolve``."""

    def __init__(self, policy: AddressPolicy, resolve: Resolver,
                 inner: httpcore.NetworkBackend | None = None) -> None:
        self.policy = policy
        self.resolve = resolve
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        """Resolve ``host``, refuse it if any address is refused, connect to the first
        address that answers."""
        try:
            addresses = addresses_of(host, port, self.resolve)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        checked = [self.policy.check(a, host) for a in addresses]  # before any connection
        error: Exception | None = None
        for address in checked:
            try:
                return self.inner.connect_tcp(str(address), port, timeout=timeout,
                                              local_address=local_address,
                                              socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error if error is not None else httpcore.ConnectError(f"cannot connect to {host}")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        """Never: a fetch goes over TCP only."""
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        """As the inner backend sleeps."""
        self.inner.sleep(seconds)


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport whose connections go through :class:`GuardedBackend`."""

    def __init__(self, policy: AddressPolicy, resolve: Resolver, *, max_connections: int = 20,
                 keepalive_expiry: float = 5.0) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=max_connections,
            max_keepalive_connections=max_connections, keepalive_expiry=keepalive_expiry,
            http1=True, http2=False, retries=0, network_backend=GuardedBackend(policy, resolve))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through the guarded pool; the body is streamed."""
        url = request.url
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port,
                             target=url.raw_path),
            headers=request.headers.raw, content=request.stream, extensions=request.extensions)
        with _mapped_errors():
            answer = self._pool.handle_request(core_request)
        return httpx.Response(status_code=answer.status, headers=answer.headers,
                              stream=_Body(answer.stream), extensions=answer.extensions)

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _mapped_errors():
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


@contextmanager
def _mapped_errors() -> Iterator[None]:
    """httpcore's errors as httpx's errors of the same name."""
    try:
        yield
    except _CORE_ERRORS as exc:
        for kind in type(exc).__mro__:
            mapped = getattr(httpx, kind.__name__, None)
            if isinstance(mapped, type) and issubclass(mapped, httpx.TransportError):
                raise mapped(str(exc)) from exc
        raise httpx.TransportError(str(exc)) from exc


@contextmanager
def mapped_errors(url: str, limits: FetchLimits) -> Iterator[None]:
    """httpx's errors as :class:`~tahqiq.core.errors.FetchError` (timeouts and
    connection errors wrapped in :class:`~.pacing.Retry`); the guard's, with ``url``."""
    try:
        yield
    except BlockedAddressError as exc:
        if exc.url == url:
            raise
        raise BlockedAddressError(url, exc.reason) from None
    except httpx.TimeoutException as exc:
        raise Retry(FetchTimeoutError(url, _timeout_reason(exc, limits))) from None
    except httpx.TransportError as exc:
        reason = " ".join((str(exc) or type(exc).__name__).split())[:500]
        raise Retry(FetchConnectionError(url, reason)) from None
    except httpx.InvalidURL as exc:
        raise BlockedURLError(url, f"not a usable URL: {exc}") from None


def _timeout_reason(exc: httpx.TimeoutException, limits: FetchLimits) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out connecting (connect timeout {limits.connect_timeout:g} s)"
    if isinstance(exc, httpx.ReadTimeout):
        return f"timed out waiting for the server (read timeout {limits.read_timeout:g} s)"
    return "timed out"


def build_client(policy: AddressPolicy, resolve: Resolver, user_agent: str,
                 max_connections: int = 20) -> httpx.Client:
    """An httpx client over :class:`GuardedTransport`: no redirects followed, no
    proxies or .netrc from the environment, no cookies kept."""
    from http.cookiejar import CookieJar, DefaultCookiePolicy

    jar = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    return httpx.Client(transport=GuardedTransport(policy, resolve, max_connections=max_connections),
                        follow_redirects=False, trust_env=False, cookies=jar,
                        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"})
