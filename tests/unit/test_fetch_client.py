"""The guarded fetcher (tahqiq.fetch.client), against a local server started here.

Nothing reaches the network: a threaded pytest-httpserver on 127.0.0.1 serves every
answer, and the SSRF guard lets exactly that address through (``allow_addresses``).
Host names other than 127.0.0.1 are resolved by a fake resolver.  Timeouts are tiny,
and waits between requests and retries go to an injected clock, so each test is quick.
"""

from __future__ import annotations

import gzip
import hashlib
import random
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

import pytest

pytest.importorskip("httpx")
pytest.importorskip("pytest_httpserver")

from pytest_httpserver import HTTPServer  # noqa: E402
from werkzeug import Request, Response  # noqa: E402

from tahqiq.core.config import Settings  # noqa: E402
from tahqiq.core.errors import (  # noqa: E402
    BlockedAddressError,
    BlockedURLError,
    ContentTypeError,
    FetchConnectionError,
    FetchStatusError,
    FetchTimeoutError,
    FetchTooLargeError,
    RedirectError,
)
from tahqiq.core.types import FetchFailure, FetchResult  # noqa: E402
from tahqiq.fetch.client import Fetcher, FetchLimits  # noqa: E402
from tahqiq.fetch.guard import AddressPolicy  # noqa: E402

LOCAL = frozenset({"127.0.0.1"})
PAGE = "<html><head><title>خبر</title></head><body><p>نص الخبر</p></body></html>".encode()


class FakeTime:
    """A clock that moves only when slept on."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture(scope="module")
def _server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def web(_server: HTTPServer) -> Iterator[HTTPServer]:
    _server.clear()
    yield _server
    _server.clear()


def _fetcher(time_: FakeTime | None = None, resolve: Any = None, **limits: Any) -> Fetcher:
    base: dict[str, Any] = {"connect_timeout": 1.0, "read_timeout": 1.0, "total_timeout": 3.0,
                            "host_interval": 0.0, "retries": 0}
    base.update(limits)
    clock = time_ or FakeTime()
    return Fetcher(FetchLimits(**base), allow_addresses=LOCAL, respect_robots=False,
                   resolve=resolve, clock=clock.clock, sleep=clock.sleep, rng=random.Random(7))


def _html(web: HTTPServer, path: str, body: bytes = PAGE, **kw: Any) -> str:
    web.expect_request(path).respond_with_data(body, content_type="text/html; charset=utf-8", **kw)
    return web.url_for(path)


# -- a page, its bytes and types ---------------------------------------------------------------
def test_a_page_is_fetched_with_its_headers_digest_and_peer(web: HTTPServer) -> None:
    seen: dict[str, str] = {}

    def handler(request: Request) -> Response:
        seen.update(request.headers)
        return Response(PAGE, content_type="text/html; charset=utf-8", headers={"ETag": '"a1"'})

    web.expect_request("/news/1").respond_with_handler(handler)
    with _fetcher(user_agent="tahqiq-test/1") as fetcher:
        result = fetcher.fetch(web.url_for("/news/1"))
    assert isinstance(result, FetchResult)
    assert result.status == 200 and result.body == PAGE and not result.not_modified
    assert result.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert result.content_type == "text/html; charset=utf-8" and result.header("etag") == '"a1"'
    assert result.peer == "127.0.0.1" and result.redirects == ()
    assert result.url == result.final_url == web.url_for("/news/1")
    assert result.fetched_at.endswith("+00:00")
    assert seen["User-Agent"] == "tahqiq-test/1" and "text/html" in seen["Accept"]


@pytest.mark.parametrize("kind", ["image/png", "application/pdf", "application/octet-stream"])
def test_other_content_types_are_refused_and_named(web: HTTPServer, kind: str) -> None:
    web.expect_request("/file").respond_with_data(b"\x89PNG....", content_type=kind)
    with pytest.raises(ContentTypeError, match=kind):
        _fetcher().fetch(web.url_for("/file"))


def test_a_malformed_feed_is_still_just_bytes(web: HTTPServer) -> None:
    broken = b"<?xml version='1.0'?><rss><channel><item><title>\xd8\xae\xd8\xa8\xd8\xb1</ti"
    web.expect_request("/feed.xml").respond_with_data(broken, content_type="application/rss+xml")
    assert _fetcher().fetch(web.url_for("/feed.xml")).body == broken


def test_bytes_stay_bytes_whatever_the_charset_and_empty_bodies_pass(web: HTTPServer) -> None:
    cp1256 = "<p>الأردن</p>".encode("cp1256")
    web.expect_request("/a").respond_with_data(cp1256, content_type="text/html; charset=no-such")
    web.expect_request("/empty").respond_with_data(b"", content_type="text/html")
    fetcher = _fetcher()
    assert fetcher.fetch(web.url_for("/a")).body == cp1256
    empty = fetcher.fetch(web.url_for("/empty"))
    assert empty.body == b"" and empty.sha256 == hashlib.sha256(b"").hexdigest()


def test_no_content_type_passes_only_for_markup(web: HTTPServer) -> None:
    def bare(body: bytes) -> Any:
        return lambda request: Response(body, headers={"Content-Type": ""})

    web.expect_request("/markup").respond_with_handler(bare(b"\xef\xbb\xbf <html>x</html>"))
    web.expect_request("/binary").respond_with_handler(bare(b"\x00\x01\x02"))
    fetcher = _fetcher()
    assert fetcher.fetch(web.url_for("/markup")).content_type == ""
    with pytest.raises(ContentTypeError, match="no content type"):
        fetcher.fetch(web.url_for("/binary"))


# -- time limits -------------------------------------------------------------------------------
def test_a_slow_answer_hits_the_read_timeout(web: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.5)
        return Response(PAGE, content_type="text/html")

    web.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="read timeout"):
        _fetcher(read_timeout=0.1).fetch(web.url_for("/slow"))
    assert time.monotonic() - started < 0.45


def test_a_host_that_never_accepts_hits_the_connect_timeout() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):  # fill the accept queue: the next SYN goes unanswered
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    try:
        started = time.monotonic()
        with pytest.raises(FetchTimeoutError, match="connect timeout"):
            _fetcher(connect_timeout=0.2).fetch(f"http://127.0.0.1:{port}/")
        assert time.monotonic() - started < 1.0
    finally:
        for sock in [*fillers, listener]:
            sock.close()


def test_a_body_that_never_ends_hits_the_total_deadline(web: HTTPServer) -> None:
    def trickle(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            yield b"<html>"
            for _ in range(60):
                time.sleep(0.05)
                yield b"x"

        return Response(chunks(), content_type="text/html")

    web.expect_request("/forever").respond_with_handler(trickle)
    started = time.monotonic()
    fetcher = Fetcher(FetchLimits(read_timeout=0.3, total_timeout=0.4, host_interval=0, retries=2),
                      allow_addresses=LOCAL, respect_robots=False)
    with pytest.raises(FetchTimeoutError, match="took longer than the 0.4 s"):
        fetcher.fetch(web.url_for("/forever"))
    assert time.monotonic() - started < 1.2  # once: a deadline is not retried


# -- size limits -------------------------------------------------------------------------------
def test_a_content_length_over_the_limit_is_refused_unread(web: HTTPServer) -> None:
    url = _html(web, "/big", b"x" * 5000)
    with pytest.raises(FetchTooLargeError, match="Content-Length 5,000"):
        _fetcher(max_bytes=1000).fetch(url)


def test_a_streamed_body_over_the_limit_is_cut(web: HTTPServer) -> None:
    def stream(request: Request) -> Response:  # chunked: no Content-Length to refuse early
        return Response((b"y" * 500 for _ in range(10)), content_type="text/html")

    web.expect_request("/stream").respond_with_handler(stream)
    with pytest.raises(FetchTooLargeError, match="body is over the 1,000 bytes"):
        _fetcher(max_bytes=1000).fetch(web.url_for("/stream"))
    assert _fetcher(max_bytes=5000).fetch(web.url_for("/stream")).body == b"y" * 5000


def test_a_gzip_bomb_is_cut_at_the_decompressed_limit(web: HTTPServer) -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)
    assert len(bomb) < 30_000
    web.expect_request("/bomb").respond_with_data(bomb, content_type="text/html",
                                                  headers={"Content-Encoding": "gzip"})
    started = time.monotonic()
    with pytest.raises(FetchTooLargeError, match="1,000,000"):
        _fetcher(max_bytes=1_000_000).fetch(web.url_for("/bomb"))
    assert time.monotonic() - started < 1.0


def test_gzip_and_deflate_bodies_are_decoded(web: HTTPServer) -> None:
    import zlib

    web.expect_request("/gz").respond_with_data(gzip.compress(PAGE), content_type="text/html",
                                                headers={"Content-Encoding": "gzip"})
    web.expect_request("/raw-deflate").respond_with_data(
        zlib.compress(PAGE)[2:-4], content_type="text/html", headers={"Content-Encoding": "deflate"})
    fetcher = _fetcher()
    assert fetcher.fetch(web.url_for("/gz")).body == PAGE
    assert fetcher.fetch(web.url_for("/raw-deflate")).body == PAGE


# -- redirects and the guard at every hop ------------------------------------------------------
def _redirects(web: HTTPServer, hops: int) -> str:
    for n in range(hops):
        web.expect_request(f"/r{n}").respond_with_data("", status=302,
                                                       headers={"Location": f"r{n + 1}"})
    _html(web, f"/r{hops}")
    return web.url_for("/r0")


def test_five_redirects_are_followed_relative_locations_resolved(web: HTTPServer) -> None:
    result = _fetcher().fetch(_redirects(web, 5))
    assert result.final_url == web.url_for("/r5") and result.url == web.url_for("/r0")
    assert result.redirects == tuple(web.url_for(f"/r{n}") for n in range(5))


def test_six_redirects_are_too_many(web: HTTPServer) -> None:
    with pytest.raises(RedirectError, match="more than 5 redirects"):
        _fetcher().fetch(_redirects(web, 6))


def test_a_redirect_loop_is_refused(web: HTTPServer) -> None:
    web.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    web.expect_request("/b").respond_with_data("", status=307, headers={"Location": "/a#top"})
    with pytest.raises(RedirectError, match="redirect loop"):
        _fetcher().fetch(web.url_for("/a"))


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every TCP connection opened (httpcore opens them with socket.create_connection)."""
    opened: list[tuple[str, int]] = []
    real = socket.create_connection

    def spy(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        opened.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", spy)
    return opened


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/",
                                    "http://[::1]:80/", "http://[fd00:ec2::254]/"])
def test_a_redirect_to_a_private_address_is_refused_before_connecting(
        web: HTTPServer, connections: list[tuple[str, int]], target: str) -> None:
    web.expect_request("/go").respond_with_data("", status=302, headers={"Location": target})
    with pytest.raises(BlockedAddressError, match="refused") as caught:
        _fetcher().fetch(web.url_for("/go"))
    assert caught.value.url == target
    assert {host for host, _port in connections} == {"127.0.0.1"}


def test_a_name_resolving_to_a_private_address_is_refused_when_connecting(
        web: HTTPServer, connections: list[tuple[str, int]]) -> None:
    answers = {"news.test": ["127.0.0.1"], "intranet.test": ["10.1.2.3"],
               "rebind.test": ["127.0.0.1", "192.168.0.9"]}
    port = web.port
    web.expect_request("/hop").respond_with_data(
        "", status=302, headers={"Location": f"http://intranet.test:{port}/admin"})
    _html(web, "/ok")
    fetcher = _fetcher(resolve=lambda host, _port: answers[host])
    assert fetcher.fetch(f"http://news.test:{port}/ok").peer == "127.0.0.1"
    with pytest.raises(BlockedAddressError, match="10.1.2.3 is a private address"):
        fetcher.fetch(f"http://news.test:{port}/hop")
    with pytest.raises(BlockedAddressError, match="192.168.0.9"):  # a mixed answer: refused whole
        fetcher.fetch(f"http://rebind.test:{port}/ok")
    assert {host for host, _port in connections} == {"127.0.0.1"}


def test_a_redirect_to_another_scheme_is_refused(web: HTTPServer) -> None:
    web.expect_request("/file").respond_with_data("", status=301,
                                                  headers={"Location": "file:///etc/passwd"})
    with pytest.raises(BlockedURLError, match="only http and https"):
        _fetcher().fetch(web.url_for("/file"))


def test_the_loopback_server_is_refused_without_allow_addresses(web: HTTPServer,
                                                                connections: list) -> None:
    url = _html(web, "/x")
    with pytest.raises(BlockedAddressError, match="loopback"):
        Fetcher(FetchLimits(host_interval=0), respect_robots=False).fetch(url)
    assert connections == []
    allowed = Fetcher(FetchLimits(host_interval=0, allow_private=True), respect_robots=False)
    assert allowed.fetch(url).status == 200


def test_the_peer_address_is_checked_after_connecting() -> None:
    class Stream:
        def get_extra_info(self, name: str) -> Any:
            return ("10.0.0.1", 80) if name == "server_addr" else None

    class Answer:
        extensions = {"network_stream": Stream()}

    fetcher = Fetcher(FetchLimits(), allow_addresses=LOCAL)
    with pytest.raises(BlockedAddressError, match="10.0.0.1"):
        fetcher._peer(Answer(), "http://news.test/")  # type: ignore[arg-type]


def test_the_backend_checks_addresses_before_the_inner_connect() -> None:
    from tahqiq.fetch.transport import GuardedBackend

    class Inner:
        calls: list[str] = []

        def connect_tcp(self, host: str, port: int, **kw: Any) -> None:
            self.calls.append(host)

    inner = Inner()
    backend = GuardedBackend(AddressPolicy(), lambda host, port: ["93.184.216.34", "169.254.169.254"],
                             inner=inner)  # type: ignore[arg-type]
    with pytest.raises(BlockedAddressError, match="metadata"):
        backend.connect_tcp("evil.test", 80)
    assert inner.calls == []


# -- politeness --------------------------------------------------------------------------------
def test_two_fetches_to_one_host_wait_the_interval_two_hosts_do_not(web: HTTPServer) -> None:
    clock = FakeTime()
    _html(web, "/p")
    fetcher = _fetcher(clock, resolve=lambda host, _port: ["127.0.0.1"], host_interval=5.0)
    port = web.port
    fetcher.fetch(f"http://a.test:{port}/p")
    fetcher.fetch(f"http://b.test:{port}/p")
    assert clock.sleeps == []
    fetcher.fetch(f"http://a.test:{port}/p")
    assert clock.sleeps == [5.0]
    clock.now += 10
    fetcher.fetch(f"http://a.test:{port}/p")
    assert clock.sleeps == [5.0]  # the interval had passed


def test_requests_to_one_host_are_capped_at_its_concurrency(web: HTTPServer) -> None:
    lock = threading.Lock()
    state = {"now": 0, "most": 0}

    def handler(request: Request) -> Response:
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.12)
        with lock:
            state["now"] -= 1
        return Response(PAGE, content_type="text/html")

    web.expect_request("/busy").respond_with_handler(handler)
    fetcher = Fetcher(FetchLimits(host_interval=0, host_concurrency=2), allow_addresses=LOCAL,
                      respect_robots=False)
    results = fetcher.fetch_many([web.url_for("/busy")] * 6, workers=6)
    assert all(isinstance(r, FetchResult) for r in results)
    assert state["most"] == 2


# -- conditional GET ---------------------------------------------------------------------------
def test_conditional_get_gives_not_modified(web: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v2"' or \
                request.headers.get("If-Modified-Since") == "Mon, 01 Dec 2026 10:00:00 GMT":
            return Response(status=304, headers={"ETag": '"v2"'})
        return Response(PAGE, content_type="text/html", headers={"ETag": '"v2"'})

    web.expect_request("/feed").respond_with_handler(handler)
    fetcher, url = _fetcher(), web.url_for("/feed")
    fresh = fetcher.fetch(url)
    assert fresh.status == 200 and fresh.body == PAGE
    by_etag = fetcher.fetch(url, etag=fresh.header("etag"))
    assert by_etag.not_modified and by_etag.status == 304 and by_etag.body == b""
    by_date = fetcher.fetch(url, last_modified="Mon, 01 Dec 2026 10:00:00 GMT")
    assert by_date.not_modified and by_date.sha256 == hashlib.sha256(b"").hexdigest()


# -- retries -----------------------------------------------------------------------------------
def test_503_is_retried_with_growing_jittered_waits_then_succeeds(web: HTTPServer) -> None:
    for _ in range(2):
        web.expect_ordered_request("/flaky").respond_with_data("busy", status=503)
    web.expect_ordered_request("/flaky").respond_with_data(PAGE, content_type="text/html")
    clock = FakeTime()
    result = _fetcher(clock, retries=2, backoff_base=1.0, total_timeout=60).fetch(web.url_for("/flaky"))
    assert result.status == 200
    first, second = clock.sleeps
    assert 0.5 <= first <= 1.0 and 1.0 <= second <= 2.0


def test_404_is_not_retried(web: HTTPServer) -> None:
    web.expect_request("/gone").respond_with_data("no", status=404)
    clock = FakeTime()
    with pytest.raises(FetchStatusError, match="HTTP 404") as caught:
        _fetcher(clock, retries=3).fetch(web.url_for("/gone"))
    assert caught.value.status == 404 and clock.sleeps == []
    assert len(web.log) == 1


def test_retry_after_is_honoured_up_to_the_cap(web: HTTPServer) -> None:
    web.expect_ordered_request("/busy").respond_with_data("", status=429, headers={"Retry-After": "3"})
    web.expect_ordered_request("/busy").respond_with_data("", status=503,
                                                          headers={"Retry-After": "3600"})
    web.expect_ordered_request("/busy").respond_with_data(PAGE, content_type="text/html")
    clock = FakeTime()
    fetcher = _fetcher(clock, retries=2, retry_after_cap=10.0, total_timeout=60)
    assert fetcher.fetch(web.url_for("/busy")).status == 200
    assert clock.sleeps == [3.0, 10.0]


def test_no_retry_waits_past_the_deadline(web: HTTPServer) -> None:
    web.expect_request("/later").respond_with_data("", status=503, headers={"Retry-After": "20"})
    clock = FakeTime()
    with pytest.raises(FetchStatusError, match="HTTP 503"):
        _fetcher(clock, retries=3, total_timeout=5.0).fetch(web.url_for("/later"))
    assert clock.sleeps == [] and len(web.log) == 1


def test_retries_run_out_with_the_last_error(web: HTTPServer) -> None:
    web.expect_request("/down").respond_with_data("", status=502)
    clock = FakeTime()
    with pytest.raises(FetchStatusError, match="HTTP 502") as caught:
        _fetcher(clock, retries=2, backoff_base=0.5, total_timeout=60).fetch(web.url_for("/down"))
    assert caught.value.status == 502 and len(clock.sleeps) == 2 and len(web.log) == 3


def test_a_refused_connection_is_retried_then_reported() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    clock = FakeTime()
    with pytest.raises(FetchConnectionError):
        _fetcher(clock, retries=1).fetch(f"http://127.0.0.1:{port}/")
    assert len(clock.sleeps) == 1


# -- many URLs ---------------------------------------------------------------------------------
def test_fetch_many_records_failures_and_returns_the_others(web: HTTPServer) -> None:
    good = _html(web, "/good")
    web.expect_request("/missing").respond_with_data("", status=404)
    urls = [good, web.url_for("/missing"), "ftp://example.com/x", "http://10.0.0.1/", good]
    results = _fetcher().fetch_many(urls, workers=3)
    assert [type(r).__name__ for r in results] == ["FetchResult", "FetchFailure", "FetchFailure",
                                                   "FetchFailure", "FetchResult"]
    failures = [r for r in results if isinstance(r, FetchFailure)]
    assert [f.url for f in failures] == urls[1:4]
    assert failures[0].status == 404 and "404" in failures[0].reason
    assert "only http and https" in failures[1].reason and "private" in failures[2].reason
    assert all("\n" not in f.reason and f.at for f in failures)
    assert _fetcher().fetch_many([]) == []


# -- limits ------------------------------------------------------------------------------------
def test_limits_default_to_the_settings_defaults() -> None:
    assert FetchLimits.from_settings(Settings()) == FetchLimits()
    limits = FetchLimits.from_settings(Settings(fetch_robots_ignore=" My.Site , other.site:8080,",
                                                fetch_max_bytes=1234))
    assert limits.robots_ignore == frozenset({"my.site", "other.site:8080"})
    assert limits.max_bytes == 1234
    settings_fields = {f.name for f in fields(Settings) if f.name.startswith("fetch_")}
    assert {f"fetch_{n}" for n in ("connect_timeout", "max_redirects", "user_agent")} <= settings_fields


def test_importing_the_package_does_no_work() -> None:
    import subprocess
    import sys

    code = ("import sys, tahqiq.fetch as f; f.Fetcher; f.parse_sitemap; f.check_url;"
            "print('httpx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_throttle_keeps_hosts_apart_and_pauses_the_deadline() -> None:
    from tahqiq.fetch.pacing import Deadline, HostThrottle

    clock = FakeTime()
    throttle = HostThrottle(2.0, 1, clock=clock.clock, sleep=clock.sleep)
    throttle.acquire("a.test")  # a.test's only slot is taken...
    done = threading.Event()
    other = threading.Thread(target=lambda: (throttle.acquire("b.test"), done.set()))
    other.start()
    assert done.wait(1.0)  # ...and b.test does not wait for it
    other.join()
    throttle.release("a.test")
    deadline = Deadline(1.0, clock.clock)
    with deadline.paused():
        waited = throttle.acquire("a.test")
    assert waited == 2.0 and deadline.remaining() == 1.0
    throttle.release("a.test")
