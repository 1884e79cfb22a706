"""Which addresses and URLs the fetcher may reach, judged without any network."""
from __future__ import annotations

import ipaddress

import pytest

from keitai.feeds.addresses import AddressRefused, allowed_pairs, check_url, refused_because


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1",
    "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254",
    "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.1", "203.0.113.1", "224.0.0.1",
    "239.255.255.250", "240.0.0.1", "255.255.255.255",
    "::", "::1", "fe80::1", "fec0::1", "fc00::1", "fd00::1", "ff02::1", "ff0e::1",
    "2001:db8::1", "100::1", "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0",
    "::127.0.0.1", "::10.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe",
    "64:ff9b:1::1", "2002:7f00:1::1", "2002:a00:1::1", "2002:c0a8:101::1", "3fff::1",
    "5f00::1", "192.88.99.1", "fe80::1%1",
])
def test_an_address_inside_or_nowhere_is_refused(address: str) -> None:
    assert refused_because(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", [
    "8.8.8.8", "1.1.1.1", "93.184.216.34", "133.242.0.1", "2606:4700::1111",
    "2404:6800:4004:80a::2004", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
])
def test_a_global_address_may_be_reached(address: str) -> None:
    assert refused_because(ipaddress.ip_address(address)) is None


def test_a_url_is_split_into_what_is_sent() -> None:
    target = check_url("HTTP://ブログ.example.jp/日記/フィード.xml?tag=ケータイ&n=1#top")
    assert (target.scheme, target.host, target.port) == ("http", "xn--qckyd1c.example.jp", 80)
    assert target.path == ("/%E6%97%A5%E8%A8%98/%E3%83%95%E3%82%A3%E3%83%BC%E3%83%89.xml"
                           "?tag=%E3%82%B1%E3%83%BC%E3%82%BF%E3%82%A4&n=1")
    assert check_url("https://example.jp").path == "/"
    assert check_url("https://example.jp").port == 443
    assert check_url("https://[2606:4700::1111]:8443/a%20b").host == "2606:4700::1111"
    assert check_url("https://[2606:4700::1111]:8443/a%20b").path == "/a%20b"


@pytest.mark.parametrize("url", ["http://example.jp:0/", "http://exa\u3000mple.jp/",
                                 "http://./", "http://\u2028.jp/"])
def test_a_url_that_cannot_be_sent_is_refused(url: str) -> None:
    with pytest.raises(AddressRefused):
        check_url(url)


def test_only_literal_address_and_port_pairs_are_allowed_for_tests() -> None:
    assert allowed_pairs(["127.0.0.1:8080", "[::1]:80", " 10.0.0.1:1 ", "localhost:80",
                          "127.0.0.1", "nonsense"]) == {
        (ipaddress.ip_address("127.0.0.1"), 8080), (ipaddress.ip_address("::1"), 80),
        (ipaddress.ip_address("10.0.0.1"), 1)}
    assert allowed_pairs("127.0.0.1:8080") == set()  # a string is no list
    assert allowed_pairs(None) == set()
