"""The real-world-shaped fixtures, fetched from the feed server and parsed."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask

from keitai.feeds.discover import discover_feed
from keitai.feeds.fetch import fetch
from keitai.feeds.parse import BROKEN, HTML_PAGE, FeedUnreadable, parse_feed
from tests.feedserver import FIXTURES, FeedServer


def fetched_feed(server: FeedServer, name: str, content_type: str):  # type: ignore[no-untyped-def]
    """Serve a fixture, fetch it and parse what came."""
    url = server.serve_fixture(f"/{name}", name, content_type)
    got = fetch(url)
    assert got.status == 200
    assert got.url == url
    assert got.body == (FIXTURES / name).read_bytes()
    return parse_feed(got.body, got.content_type, base_url=got.url)


def test_a_shift_jis_news_feed_reads_with_the_windows_extension_characters(
        fetching: Flask, feed_server: FeedServer) -> None:
    feed = fetched_feed(feed_server, "rss2_shift_jis.xml", "application/rss+xml")
    assert feed.title == "みなと新聞 ニュース速報"
    assert feed.link == "http://www.minato-shinbun.example/"
    assert feed.problem is None
    assert [entry.title for entry in feed.entries] == [
        "①日本海側で大雪のおそれ\u3000週末にかけ警戒を",
        "㈱みなと電機、折りたたみ型の新機種を発表",
        "髙橋選手が初優勝\u3000全日本フィギュア",
        "ｹｰﾀｲ向けｻｲﾄ、来年３月で終了へ",
        "R&B歌手が来日公演～全国５都市で",
    ]
    first = feed.entries[0]
    assert first.link == "http://www.minato-shinbun.example/news/20261206/k001.html"
    assert first.published == datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    assert first.guid == "minato-20261206-k001"
    assert first.summary == ("強い寒気の影響で、日本海側を中心に大雪となるおそれがあります。"
                             " 気象庁は交通障害に警戒するよう呼びかけています。")
    assert feed.entries[4].published == datetime(2026, 12, 5, 0, 0, tzinfo=UTC)


def test_the_shift_jis_feed_reads_alike_whatever_the_header_says(
        fetching: Flask, feed_server: FeedServer) -> None:
    wrong = fetched_feed(feed_server, "rss2_shift_jis.xml", "text/xml; charset=ISO-8859-1")
    assert wrong.entries[2].title == "髙橋選手が初優勝\u3000全日本フィギュア"


def test_an_euc_jp_blog_feed_reads_with_nec_and_ibm_extensions(
        fetching: Flask, feed_server: FeedServer) -> None:
    feed = fetched_feed(feed_server, "rss1_euc_jp.rdf", "application/rdf+xml")
    assert feed.title == "はなこの毎日ブログ"
    assert feed.link == "http://blog.example.jp/hanako/"
    assert feed.problem is None
    assert [entry.title for entry in feed.entries] == [
        "①今日のお弁当は唐揚げ",
        "㈱ひよこ商会のセールに行ってきた",
        "髙島屋でクリスマスケーキを予約",
        "ｹｰﾀｲを機種変しました(ﾟ∀ﾟ)",
        "寒くなってきましたね",
    ]
    entry = feed.entries[0]
    assert entry.link == "http://blog.example.jp/hanako/archives/51234571.html"
    assert entry.published == datetime(2026, 12, 5, 12, 15, 42, tzinfo=UTC)  # dc:date
    assert entry.summary == "朝から唐揚げを揚げました。"
    # no description: the content:encoded, as plain text
    assert feed.entries[2].summary == "今年はいちごのケーキにしました…楽しみ！"
    assert feed.entries[4].published == datetime(2026, 12, 1, 14, 59, 59, tzinfo=UTC)


def test_an_atom_feed_resolves_relative_links_and_keeps_emoji(
        fetching: Flask, feed_server: FeedServer) -> None:
    feed = fetched_feed(feed_server, "atom_utf8.xml", "application/atom+xml")
    assert feed.title == "ケータイ開発メモ"
    assert feed.link == "https://dev.example.org/memo/"
    assert [(entry.title, entry.link) for entry in feed.entries] == [
        ("絵文字の変換表を作った 🎉", "https://dev.example.org/memo/posts/emoji-table"),
        ("i-modeのCSSは使える？", "https://dev.example.org/memo/posts/imode-css"),
        ("Shift_JISとUTF-8の境目", "https://dev.example.org/memo/posts/charsets"),
        ("かんたんログインの仕組み",
         "https://dev.example.org/memo/posts/easy-login?from=feed&n=2"),
        ("ブログはじめました", "https://dev.example.org/memo/posts/hello"),
    ]
    assert [entry.summary for entry in feed.entries] == [
        "三キャリアの絵文字を対応表にしました。",
        "XHTML対応機種ならインラインでOK。",
        "文字化けの話。 ①や㈱に注意。",
        "端末IDを使います。",
        "よろしくお願いします 😀",
    ]
    assert feed.entries[0].published == datetime(2026, 12, 6, 0, 30, tzinfo=UTC)
    assert feed.entries[2].published == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)  # updated
    assert feed.entries[0].guid == "tag:dev.example.org,2026:memo/5"


def test_a_broken_feed_is_read_as_far_as_it_goes_and_says_so(
        fetching: Flask, feed_server: FeedServer) -> None:
    feed = fetched_feed(feed_server, "broken.xml", "application/rss+xml")
    assert feed.problem == BROKEN
    assert feed.title == "下町グルメ & 散歩日記"
    titles = [entry.title for entry in feed.entries]
    assert titles[:3] == ["もんじゃ&お好み焼きの店", "老舗のたい焼き 屋さん", "銭湯のあとの牛乳"]
    assert feed.entries[0].summary == "月島の人気店に行きました"
    assert feed.entries[1].summary == "あんこがぎっしり♥"
    assert feed.entries[2].published == datetime(2026, 12, 1, 10, 30, tzinfo=UTC)


def test_a_page_that_is_no_feed_is_unreadable_but_names_its_feed(
        fetching: Flask, feed_server: FeedServer) -> None:
    url = feed_server.serve_fixture("/hanako/", "not_a_feed.html", "text/html")
    got = fetch(url)
    with pytest.raises(FeedUnreadable) as refused:
        parse_feed(got.body, got.content_type, base_url=got.url)
    assert refused.value.reason == HTML_PAGE
    assert discover_feed(got.body, got.url) == feed_server.url("/hanako/index.rdf")
