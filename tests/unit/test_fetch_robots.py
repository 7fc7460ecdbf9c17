"""robots.txt (tahqiq.fetch.robots): rules, caching per origin, failures, the override."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from tahqiq.core.errors import (
    BlockedAddressError,
    FetchConnectionError,
    FetchStatusError,
    RedirectError,
    RobotsDisallowedError,
)
from tahqiq.core.types import FetchResult
from tahqiq.fetch.robots import RobotsCache, parse_robots

UA = "tahqiq/0.1 (news verification)"
LOOPBACK = frozenset({"127.0.0.1", "::1"})  # where pytest-httpserver's "localhost" may be
RULES = b"User-agent: *\nDisallow: /private/\n"
#: A group naming tahqiq replaces the ``*`` group for it.
OWN_GROUP = b"User-agent: *\nDisallow: /\n\nUser-agent: tahqiq\nDisallow: /no-bots\n"


def _result(url: str, body: bytes) -> FetchResult:
    return FetchResult(url, url, 200, (), body, "text/plain", "2026-01-01T00:00:00+00:00", "")


class Site:
    """A fake fetch function: answers per robots URL, counting calls."""

    def __init__(self, **answers: Any) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, url: str) -> FetchResult:
        self.calls.append(url)
        answer = self.answers.get(url.split("/")[2], RULES)
        if isinstance(answer, Exception):
            raise answer
        return _result(url, answer)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rules_are_applied_to_our_user_agent() -> None:
    robots = RobotsCache(Site(), user_agent=UA)
    assert robots.allowed("https://news.test/world/1.html")
    assert not robots.allowed("https://news.test/private/x.html")
    with pytest.raises(RobotsDisallowedError, match="robots.txt"):
        robots.check("https://news.test/private/x.html")
    assert robots.state("https://news.test/") == "rules"


def test_a_group_naming_tahqiq_replaces_the_star_group() -> None:
    robots = RobotsCache(Site(**{"own.test": OWN_GROUP}), user_agent=UA)
    assert robots.allowed("https://own.test/world/1.html")
    assert not robots.allowed("https://own.test/no-bots/1.html")
    assert not RobotsCache(Site(**{"own.test": OWN_GROUP}), user_agent="otherbot/2").allowed(
        "https://own.test/world/1.html")


def test_robots_txt_is_fetched_once_per_origin_and_kept_for_its_ttl() -> None:
    site, clock = Site(), Clock()
    robots = RobotsCache(site, user_agent=UA, ttl=100.0, clock=clock)
    for path in ("/a", "/b", "/private/c"):
        robots.allowed(f"https://news.test{path}")
    robots.allowed("http://news.test/a")  # another scheme, another origin
    robots.allowed("https://news.test:8443/a")  # another port too
    assert site.calls == ["https://news.test/robots.txt", "http://news.test/robots.txt",
                          "https://news.test:8443/robots.txt"]
    clock.now = 101.0
    robots.allowed("https://news.test/a")
    assert site.calls[-1] == "https://news.test/robots.txt" and len(site.calls) == 4


def test_4xx_allows_everything_5xx_and_unreachable_disallow_for_a_while() -> None:
    url = "http://{}/robots.txt"
    site = Site(**{
        "gone.test": FetchStatusError(url.format("gone.test"), "HTTP 404 Not Found", 404),
        "forbidden.test": FetchStatusError(url.format("forbidden.test"), "HTTP 403", 403),
        "loops.test": RedirectError(url.format("loops.test"), "more than 5 redirects"),
        "broken.test": FetchStatusError(url.format("broken.test"), "HTTP 503", 503),
        "busy.test": FetchStatusError(url.format("busy.test"), "HTTP 429", 429),
        "down.test": FetchConnectionError(url.format("down.test"), "connection refused"),
    })
    clock = Clock()
    robots = RobotsCache(site, user_agent=UA, ttl=1000.0, error_ttl=60.0, clock=clock)
    for host in ("gone.test", "forbidden.test", "loops.test"):
        assert robots.allowed(f"http://{host}/private/x"), host
    for host in ("broken.test", "busy.test", "down.test"):
        assert not robots.allowed(f"http://{host}/anything"), host
    with pytest.raises(RobotsDisallowedError, match="unreachable .*HTTP 503"):
        robots.check("http://broken.test/x")
    calls = len(site.calls)
    clock.now = 61.0  # failures are asked again after error_ttl; the 4xx answers are kept
    robots.allowed("http://broken.test/x")
    robots.allowed("http://gone.test/x")
    assert len(site.calls) == calls + 1


def test_ignored_hosts_skip_the_check_entirely() -> None:
    site = Site()
    robots = RobotsCache(site, user_agent=UA, ignore_hosts=["My.Desk.test", "other.test:8080"])
    assert robots.allowed("https://my.desk.test/private/x")
    assert robots.allowed("http://other.test:8080/private/x")
    assert not robots.allowed("http://other.test/private/x")  # the override names a port
    assert site.calls == ["http://other.test/robots.txt"]


def test_guard_refusals_are_raised_not_cached() -> None:
    site = Site(**{"intranet.test": BlockedAddressError("http://intranet.test/robots.txt",
                                                        "refused: 10.0.0.1 is a private address")})
    robots = RobotsCache(site, user_agent=UA)
    for _ in range(2):
        with pytest.raises(BlockedAddressError):
            robots.allowed("http://intranet.test/")
    assert len(site.calls) == 2


def test_a_bom_and_bad_bytes_do_not_break_parsing() -> None:
    parser = parse_robots(b"\xef\xbb\xbfUser-agent: *\nDisallow: /x\xff\n")
    assert not parser.can_fetch(UA, "http://a.test/x\ufffd")
    assert parser.can_fetch(UA, "http://a.test/y")


# -- through the fetcher, against a local server ----------------------------------------------
@pytest.fixture
def web(httpserver: Any) -> Iterator[Any]:
    pytest.importorskip("httpx")
    yield httpserver


def _fetcher(**limits: Any) -> Any:
    from tahqiq.fetch.client import Fetcher, FetchLimits

    return Fetcher(FetchLimits(host_interval=0.0, retries=0, **limits),
                   allow_addresses=LOOPBACK, rng=random.Random(1))


def test_the_fetcher_honours_robots_txt_and_its_override(web: Any) -> None:
    web.expect_request("/robots.txt").respond_with_data(RULES, content_type="text/plain")
    for path in ("/news/1", "/private/1"):
        web.expect_request(path).respond_with_data("<p>x</p>", content_type="text/html")
    fetcher = _fetcher()
    assert fetcher.fetch(web.url_for("/news/1")).status == 200
    with pytest.raises(RobotsDisallowedError, match="robots.txt"):
        fetcher.fetch(web.url_for("/private/1"))
    assert [r.path for r, _ in web.log].count("/robots.txt") == 1
    assert "/private/1" not in [r.path for r, _ in web.log]

    own_site = _fetcher(robots_ignore=frozenset({web.host.lower()}))  # the user's own site
    assert own_site.fetch(web.url_for("/private/1")).status == 200

    from tahqiq.fetch.client import Fetcher, FetchLimits

    careless = Fetcher(FetchLimits(host_interval=0.0), allow_addresses=LOOPBACK,
                       respect_robots=False)
    assert careless.fetch(web.url_for("/private/1")).status == 200


def test_a_missing_robots_txt_allows_and_a_failing_one_disallows(web: Any) -> None:
    web.expect_request("/robots.txt").respond_with_data("none", status=404)
    web.expect_request("/page").respond_with_data("<p>x</p>", content_type="text/html")
    assert _fetcher().fetch(web.url_for("/page")).status == 200
    web.clear()
    web.expect_request("/robots.txt").respond_with_data("oops", status=500)
    web.expect_request("/page").respond_with_data("<p>x</p>", content_type="text/html")
    with pytest.raises(RobotsDisallowedError, match="HTTP 500"):
        _fetcher().fetch(web.url_for("/page"))


def test_a_huge_robots_txt_is_read_up_to_its_own_limit(web: Any) -> None:
    body = RULES + b"# filler\n" * 10_000  # about 90 KB, served as HTML by a careless server
    web.expect_request("/robots.txt").respond_with_data(body, content_type="text/html")
    web.expect_request("/private/1").respond_with_data("<p>x</p>", content_type="text/html")
    with pytest.raises(RobotsDisallowedError):
        _fetcher(robots_max_bytes=1024).fetch(web.url_for("/private/1"))
