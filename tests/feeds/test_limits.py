"""Conditional GET, redirects, sizes, time, and what each HTTP answer means."""
from __future__ import annotations

import gzip
import logging
import socket

import pytest
from flask import Flask

from keitai.feeds import messages as say
from keitai.feeds.fetch import FetchFailed, fetch
from tests.feedserver import FeedServer, Route

RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
LAST_MODIFIED = "Sun, 06 Dec 2026 09:00:00 GMT"


def refusal(url: str, **validators: str) -> FetchFailed:
    """Fetch url, which must fail; return the failure."""
    with pytest.raises(FetchFailed) as refused:
        fetch(url, **validators)
    return refused.value


def test_the_request_says_who_asks_and_wants_no_compression(
        fetching: Flask, feed_server: FeedServer) -> None:
    fetching.config["BASE_URL"] = "https://sns.example.jp"
    fetch(feed_server.serve("/feed.xml", RSS))
    headers = feed_server.requests[0].headers
    assert headers["user-agent"] == "keitai-feeds/1.0 (+https://sns.example.jp)"
    assert headers["accept-encoding"] == "identity"
    assert "application/rss+xml" in headers["accept"]
    assert "application/atom+xml" in headers["accept"]
    assert "if-none-match" not in headers
    assert "if-modified-since" not in headers


def test_a_conditional_get_sends_the_validators_and_gets_304(
        fetching: Flask, feed_server: FeedServer) -> None:
    url = feed_server.serve("/feed.xml", RSS, etag='"v1"', last_modified=LAST_MODIFIED)
    first = fetch(url)
    assert (first.status, first.body) == (200, RSS)
    assert (first.etag, first.last_modified) == ('"v1"', LAST_MODIFIED)
    again = fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert (again.status, again.body) == (304, b"")
    assert (again.etag, again.last_modified) == ('"v1"', LAST_MODIFIED)
    asked = feed_server.requests[1].headers
    assert asked["if-none-match"] == '"v1"'
    assert asked["if-modified-since"] == LAST_MODIFIED


def test_a_304_keeps_the_validators_the_server_did_not_repeat(
        fetching: Flask, feed_server: FeedServer) -> None:
    url = feed_server.serve("/feed.xml", RSS, last_modified=LAST_MODIFIED)
    got = fetch(url, etag='"old"', last_modified=LAST_MODIFIED)
    assert (got.status, got.etag, got.last_modified) == (304, '"old"', LAST_MODIFIED)
    assert feed_server.requests[0].headers["if-none-match"] == '"old"'


def test_a_changed_feed_comes_whole_with_its_new_validators(
        fetching: Flask, feed_server: FeedServer) -> None:
    url = feed_server.serve("/feed.xml", RSS, etag='"v2"')
    got = fetch(url, etag='"v1"')
    assert (got.status, got.body, got.etag) == (200, RSS, '"v2"')


def test_an_endless_body_is_cut_at_the_limit(fetching: Flask, feed_server: FeedServer,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    failure = refusal(feed_server.endless("/huge"))
    assert failure.reason == "フィードが大きすぎます(上限 2MB)"
    assert not failure.permanent
    assert "body read over 2097152" in caplog.text


def test_a_too_large_content_length_is_refused_before_reading(
        fetching: Flask, feed_server: FeedServer, caplog: pytest.LogCaptureFixture) -> None:
    fetching.config["FETCH_MAX_BYTES"] = 256 * 1024
    caplog.set_level(logging.INFO)
    failure = refusal(feed_server.serve("/big", RSS + b" " * (256 * 1024)))
    assert failure.reason == "フィードが大きすぎます(上限 256KB)"
    assert f"Content-Length {len(RSS) + 256 * 1024} over" in caplog.text
    assert fetch(feed_server.serve("/fits", RSS + b" " * (256 * 1024 - len(RSS)))).status == 200


def test_a_compressed_body_is_read_within_the_limit(
        fetching: Flask, feed_server: FeedServer) -> None:
    fetching.config["FETCH_MAX_BYTES"] = 64 * 1024
    url = feed_server.serve("/gz", gzip.compress(RSS), headers={"Content-Encoding": "gzip"})
    assert fetch(url).body == RSS
    bomb = feed_server.serve("/bomb", gzip.compress(b" " * (10 * 1024 * 1024)),
                             headers={"Content-Encoding": "gzip"})
    assert refusal(bomb).reason == "フィードが大きすぎます(上限 64KB)"
    odd = feed_server.serve("/br", b"\x1b\x00", headers={"Content-Encoding": "br"})
    assert refusal(odd).reason == say.BAD_ANSWER


def test_a_server_that_does_not_answer_in_time_fails_for_a_while(
        fetching: Flask, feed_server: FeedServer) -> None:
    fetching.config["FETCH_TIMEOUT_SECONDS"] = 0.5
    failure = refusal(feed_server.stall("/slow", seconds=5))
    assert failure.reason == "時間内に応答がありませんでした"
    assert not failure.permanent


def test_redirects_on_the_feed_server_are_followed(
        fetching: Flask, feed_server: FeedServer) -> None:
    final = feed_server.serve("/feed.xml", RSS)
    feed_server.redirect("/c", "/feed.xml", status=308)
    feed_server.redirect("/b", "/c", status=307)
    feed_server.routes["/a"] = Route(301, b"", {"Location": "b"})  # relative to the URL
    got = fetch(feed_server.url("/a"))
    assert (got.status, got.url, got.body) == (200, final, RSS)
    assert [asked.path for asked in feed_server.requests] == ["/a", "/b", "/c", "/feed.xml"]


def test_more_redirects_than_allowed_fail(fetching: Flask, feed_server: FeedServer) -> None:
    feed_server.serve("/feed.xml", RSS)
    for number in range(4):
        feed_server.redirect(f"/{number}", f"/{number + 1}" if number < 3 else "/feed.xml",
                             status=302 if number % 2 else 303)
    failure = refusal(feed_server.url("/0"))
    assert failure.reason == "転送(リダイレクト)が多すぎます"
    assert [asked.path for asked in feed_server.requests] == ["/0", "/1", "/2", "/3"]
    fetching.config["FETCH_MAX_REDIRECTS"] = 4
    assert fetch(feed_server.url("/0")).body == RSS


def test_a_redirect_loop_fails(fetching: Flask, feed_server: FeedServer) -> None:
    feed_server.redirect("/a", "/b")
    feed_server.redirect("/b", "/a")
    failure = refusal(feed_server.url("/a"))
    assert failure.reason == "転送(リダイレクト)が繰り返されています"
    assert len(feed_server.requests) == 2


def test_a_redirect_without_location_fails(fetching: Flask, feed_server: FeedServer) -> None:
    feed_server.serve("/moved", b"", status=302, content_type="text/html")
    assert refusal(feed_server.url("/moved")).reason == "サーバーの応答が正しくありません(302)"


@pytest.mark.parametrize(("status", "reason", "permanent"), [
    (404, "ページが見つかりません(404)", True),
    (410, "ページが見つかりません(410)", True),
    (500, "サーバーのエラーです(500)", False),
    (503, "サーバーのエラーです(503)", False),
    (429, "アクセスが多すぎると断られました(429)", False),
    (403, "アクセスが許可されていません(403)", False),
    (204, "サーバーの応答が正しくありません(204)", False),
])
def test_each_failing_answer_says_why(fetching: Flask, feed_server: FeedServer, status: int,
                                      reason: str, permanent: bool) -> None:
    failure = refusal(feed_server.serve("/feed.xml", b"", status=status))
    assert (failure.reason, failure.permanent) == (reason, permanent)


def test_a_port_where_nothing_listens_cannot_be_connected(fetching: Flask) -> None:
    with socket.socket() as probe:  # a port free a moment ago, where nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetching.config["FETCH_ALLOW_FOR_TESTS"] = [f"127.0.0.1:{port}"]
    failure = refusal(f"http://127.0.0.1:{port}/feed.xml")
    assert failure.reason == "接続できませんでした"
    assert not failure.permanent
