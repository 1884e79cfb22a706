"""Only the open internet: loopback, private, link-local and the like are refused, as the
first URL and as a redirect target, whatever spelling or DNS answer leads there; only the
feed server's exact address passes, through the setting meant for tests."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from keitai.feeds.addresses import BAD_URL, INTERNAL, NOT_HTTP
from keitai.feeds.fetch import FetchFailed, fetch
from tests.feedserver import FeedServer

RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"

#: hosts that resolve to the feed server's own address, refused on another port
SAME_ADDRESS = ["127.0.0.1", "localhost", "2130706433", "0x7f000001", "0x7f.1", "127.1",
                "0177.0.0.1"]
#: addresses refused on any port, the feed server's included
INSIDE = ["127.0.0.2", "[::1]", "10.0.0.1", "192.168.1.1", "172.16.0.1", "169.254.169.254",
          "100.64.0.1", "0.0.0.0", "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
          "[::127.0.0.1]", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "224.0.0.1",
          "255.255.255.255", "192.0.2.1", "198.18.0.1", "240.0.0.1", "[2002:7f00:1::1]",
          "[2002:a00:1::1]", "[64:ff9b::a00:1]", "[64:ff9b::7f00:1]", "[ff02::1]",
          "[2001:db8::1]", "[::ffff:10.0.0.1]", "[::ffff:169.254.169.254]"]


def refusal(url: str) -> FetchFailed:
    """Fetch url, which must be refused; return the refusal."""
    with pytest.raises(FetchFailed) as refused:
        fetch(url)
    return refused.value


def refused_address(url: str) -> None:
    """Fetch url, which must be refused for its address (not for a failed connection)."""
    failure = refusal(url)
    assert failure.reason == INTERNAL
    assert failure.permanent


def not_refused(urls: list[str], reason: str = INTERNAL) -> list[str]:
    """Fetch each url; return those not refused for reason, permanently."""
    passed = []
    for url in urls:
        try:
            fetch(url)
        except FetchFailed as failure:
            if failure.reason == reason and failure.permanent:
                continue
        passed.append(url)
    return passed


def test_the_feed_server_is_reached_through_the_setting_meant_for_tests(
        fetching: Flask, feed_server: FeedServer) -> None:
    url = feed_server.serve("/feed.xml", RSS)
    assert fetch(url).body == RSS


def test_without_the_setting_the_feed_server_itself_is_refused(
        app: Flask, feed_server: FeedServer) -> None:
    url = feed_server.serve("/feed.xml", RSS)
    with app.app_context():
        refused_address(url)
    assert feed_server.requests == []


def test_the_feed_servers_address_on_another_port_is_refused(
        fetching: Flask, feed_server: FeedServer, other_server: FeedServer) -> None:
    assert not_refused([f"http://{host}:{other_server.port}/feed.xml"
                        for host in SAME_ADDRESS]) == []
    assert other_server.requests == []


def test_an_inside_address_is_refused_even_on_the_feed_servers_port(
        fetching: Flask, feed_server: FeedServer) -> None:
    assert not_refused([f"http://{host}:{feed_server.port}/feed.xml" for host in INSIDE]) == []
    assert not_refused([f"https://{host}/feed.xml" for host in INSIDE]) == []


def test_a_redirect_to_an_inside_address_is_refused(
        fetching: Flask, feed_server: FeedServer, other_server: FeedServer) -> None:
    targets = ([f"http://{host}:{other_server.port}/feed.xml" for host in SAME_ADDRESS]
               + [f"http://{host}:{feed_server.port}/feed.xml" for host in INSIDE])
    redirects = [feed_server.redirect(f"/{number}", target, status=(301, 302, 303, 307, 308)[
        number % 5]) for number, target in enumerate(targets)]
    assert not_refused(redirects) == []
    assert [asked.path for asked in feed_server.requests] == [
        f"/{number}" for number in range(len(targets))]
    assert other_server.requests == []


def test_a_url_that_is_no_http_or_https_url_is_refused(fetching: Flask) -> None:
    assert not_refused([
        "file:///etc/passwd", "ftp://ftp.example.jp/pub/feed.xml", "gopher://example.jp/1/",
        "javascript:alert(1)", "data:text/xml,<rss/>", "feed://example.jp/rss",
        "//example.jp/rss", "/rss.xml", "rss.xml", "", "FILE:///etc/passwd",
    ], NOT_HTTP) == []


def test_a_redirect_to_another_scheme_is_refused(
        fetching: Flask, feed_server: FeedServer) -> None:
    assert not_refused([feed_server.redirect(f"/{number}", location) for number, location in
                        enumerate(["file:///etc/passwd", "ftp://ftp.example.jp/pub/feed.xml",
                                   "gopher://127.0.0.1:70/1/", "javascript:alert(1)"])],
                       NOT_HTTP) == []


def test_a_url_with_credentials_no_host_or_too_long_is_refused(fetching: Flask) -> None:
    assert not_refused([
        "http://user:secret@news.example.jp/rss", "http://user@news.example.jp/rss",
        "http://:secret@news.example.jp/rss", "http:///rss", "http://:80/rss",
        "http://news.example.jp:99999/rss", "http://news.example.jp:port/rss",
        "http://news.example.jp/" + "a" * 2048, "http://news example.jp/rss",
        "http://news.example.jp/\x00rss", "http://[::1/rss",
    ], BAD_URL) == []


def test_credentials_in_a_redirect_are_refused(fetching: Flask, feed_server: FeedServer) -> None:
    url = feed_server.redirect("/feed.xml", f"http://user:pw@{feed_server.address}/x")
    assert refusal(url).reason == BAD_URL


def test_a_name_is_looked_up_once_and_the_checked_address_is_the_one_connected(
        fetching: Flask, feed_server: FeedServer,
        dns: Callable[[dict[str, list[str]]], list[str]]) -> None:
    asked = dns({"feeds.example.jp": ["127.0.0.1"]})
    feed_server.serve("/feed.xml", RSS)
    assert fetch(f"http://feeds.example.jp:{feed_server.port}/feed.xml").body == RSS
    assert asked == ["feeds.example.jp"]  # connected without a second look-up
    assert feed_server.requests[0].headers["host"] == f"feeds.example.jp:{feed_server.port}"


def test_a_name_that_resolves_to_a_private_address_is_refused(
        fetching: Flask, feed_server: FeedServer,
        dns: Callable[[dict[str, list[str]]], list[str]]) -> None:
    dns({"intranet.example.jp": ["10.1.2.3"], "metadata.example.jp": ["169.254.169.254"],
         "v6.example.jp": ["fd00::5"], "mapped.example.jp": ["::ffff:192.168.0.1"]})
    for name in ("intranet.example.jp", "metadata.example.jp", "v6.example.jp",
                 "mapped.example.jp"):
        refused_address(f"http://{name}/rss.xml")
        refused_address(feed_server.redirect(f"/{name}", f"http://{name}/rss.xml"))


def test_a_name_with_one_public_and_one_private_address_is_refused(
        fetching: Flask, feed_server: FeedServer,
        dns: Callable[[dict[str, list[str]]], list[str]]) -> None:
    dns({"mixed.example.jp": ["203.0.113.10", "93.184.216.34", "192.168.1.20"],
         "mixed6.example.jp": ["2606:4700::1111", "::1"]})
    refused_address("http://mixed.example.jp/rss.xml")
    refused_address("http://mixed6.example.jp/rss.xml")
    refused_address(feed_server.redirect("/mixed", "http://mixed.example.jp/rss.xml"))


def test_a_name_that_resolves_to_the_feed_server_on_another_port_is_refused(
        fetching: Flask, other_server: FeedServer,
        dns: Callable[[dict[str, list[str]]], list[str]]) -> None:
    dns({"feeds.example.jp": ["127.0.0.1"]})
    refused_address(f"http://feeds.example.jp:{other_server.port}/feed.xml")
    assert other_server.requests == []


def test_localhost_resolves_for_real_and_is_refused_without_the_setting(
        app: Flask, feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", RSS)
    with app.app_context():
        refused_address(f"http://localhost:{feed_server.port}/feed.xml")
    assert feed_server.requests == []


def test_a_name_that_does_not_resolve_is_a_failure_for_a_while(
        fetching: Flask, dns: Callable[[dict[str, list[str]]], list[str]]) -> None:
    dns({})
    failure = refusal("http://no-such-host.invalid/rss.xml")
    assert failure.reason == "サーバーが見つかりません"
    assert not failure.permanent
