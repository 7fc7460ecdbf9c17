"""The SSRF guard (tahqiq.fetch.guard): schemes, credentials, and every non-public address."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tahqiq.core.errors import (
    BlockedAddressError,
    BlockedURLError,
    FetchConnectionError,
    FetchError,
)
from tahqiq.fetch.guard import (
    AddressPolicy,
    blocked_reason,
    check_ip,
    check_scheme,
    check_target,
    check_url,
)

BLOCKED = {
    "127.0.0.1": "loopback", "127.255.0.9": "loopback", "::1": "loopback",
    "10.0.0.1": "private", "172.16.5.4": "private", "192.168.1.1": "private",
    "fc00::1": "private", "fd12:3456::1": "private",
    "169.254.1.1": "link-local", "fe80::1": "link-local",
    "169.254.169.254": "metadata", "fd00:ec2::254": "metadata",
    "100.64.0.1": "carrier-grade NAT", "100.127.255.254": "carrier-grade NAT",
    "224.0.0.1": "multicast", "ff02::1": "multicast",
    "0.0.0.0": "unspecified", "::": "unspecified",
    "240.0.0.1": "", "255.255.255.255": "", "192.0.2.10": "", "198.18.0.1": "",
    "::ffff:127.0.0.1": "loopback", "::ffff:10.0.0.1": "private",
    "::ffff:169.254.169.254": "metadata",
    "64:ff9b::a00:1": "private", "2002:7f00:1::": "loopback",
}
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("ip", sorted(BLOCKED))
def test_every_non_public_address_is_refused(ip: str) -> None:
    why = blocked_reason(ip)
    assert why is not None and BLOCKED[ip] in why
    with pytest.raises(BlockedAddressError, match="refused"):
        check_ip(ip)
    check_ip(ip, allow_private=True)  # the switch lifts the guard


@pytest.mark.parametrize("ip", PUBLIC)
def test_public_addresses_pass(ip: str) -> None:
    assert blocked_reason(ip) is None
    assert str(check_ip(ip)) == str(ipaddress.ip_address(ip))


def test_allow_addresses_lets_exactly_those_through() -> None:
    policy = AddressPolicy(allow_addresses=frozenset({"127.0.0.1"}))
    assert policy.reason("127.0.0.1") is None
    assert policy.reason("::ffff:127.0.0.1") is None
    assert policy.reason("127.0.0.2") is not None
    assert policy.reason("10.0.0.1") is not None and policy.reason("169.254.169.254") is not None


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/", "javascript:alert(1)",
    "example.com/no-scheme", "http://user:pw@example.com/", "http://user@example.com/",
    "http:///no-host", "http://example.com:99999/", "http://example.com:0/",
])
def test_bad_urls_are_refused_before_any_lookup(url: str) -> None:
    def resolve(host: str, port: int) -> list[str]:
        raise AssertionError("no lookup for a refused URL")

    with pytest.raises(BlockedURLError):
        check_url(url, resolve=resolve)


def test_check_scheme_is_a_fetch_error_with_a_message() -> None:
    with pytest.raises(FetchError, match="only http and https"):
        check_scheme("file:///etc/passwd")
    assert check_scheme("HTTPS://Example.com/a").hostname == "example.com"


def test_check_url_resolves_and_checks_every_address() -> None:
    answers = {"news.test": ["93.184.216.34"], "mixed.test": ["93.184.216.34", "10.0.0.7"],
               "inside.test": ["169.254.169.254"]}

    def resolve(host: str, port: int) -> list[str]:
        return answers[host]

    assert check_url("https://news.test/a", resolve=resolve) == ["93.184.216.34"]
    with pytest.raises(BlockedAddressError, match="10.0.0.7 is a private"):
        check_url("http://mixed.test/", resolve=resolve)  # a mixed answer is refused whole
    with pytest.raises(BlockedAddressError, match="metadata"):
        check_url("http://inside.test/", resolve=resolve)
    assert check_url("http://inside.test/", resolve=resolve, allow_private=True) == ["169.254.169.254"]


def test_literal_addresses_need_no_lookup_and_unknown_hosts_fail_cleanly() -> None:
    def resolve(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(BlockedAddressError):
        check_url("http://[::1]:8080/", resolve=resolve)
    with pytest.raises(BlockedAddressError):
        check_target("http://169.254.169.254/latest/meta-data/", AddressPolicy())
    assert check_url("http://[2606:4700::1]/", resolve=resolve) == ["2606:4700::1"]
    with pytest.raises(FetchConnectionError, match="cannot resolve"):
        check_url("http://nowhere.invalid/", resolve=resolve)


_PRIVATE_NETS = [ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16",
    "100.64.0.0/10", "fc00::/7", "fe80::/10", "::1/128", "224.0.0.0/4", "ff00::/8")]


@st.composite
def _private_ip(draw: st.DrawFn) -> str:
    net = draw(st.sampled_from(_PRIVATE_NETS))
    offset = draw(st.integers(0, net.num_addresses - 1))
    address = net.network_address + offset
    if draw(st.booleans()) and address.version == 4:
        return f"::ffff:{address}"  # the same, IPv4-mapped
    return str(address)


@settings(max_examples=300, deadline=None)
@given(_private_ip())
def test_random_private_addresses_are_always_refused(ip: str) -> None:
    assert blocked_reason(ip) is not None
    with pytest.raises(BlockedAddressError):
        check_url(f"http://{'[' + ip + ']' if ':' in ip else ip}/", resolve=lambda h, p: [ip])
    with pytest.raises(BlockedAddressError):
        check_url("http://rebound.test/", resolve=lambda h, p: [ip])


@pytest.mark.parametrize("url", ["http://2130706433/", "http://0x7f.1/", "http://127.1/",
                                 "http://0177.0.0.1/", "http://[::ffff:7f00:1]/"])
def test_numeric_spellings_of_loopback_are_refused(url: str) -> None:
    # the system resolver reads these numeric forms itself: no DNS query is made
    with pytest.raises(BlockedAddressError, match="loopback"):
        check_url(url)
