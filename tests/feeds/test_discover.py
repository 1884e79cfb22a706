"""Finding the feed of a page a member pasted instead of the feed."""
from __future__ import annotations

from keitai.feeds.discover import discover_feed
from tests.data.feeds.make_fixtures import euc_jp_ms
from tests.feedserver import FIXTURES


def page(head: str) -> str:
    """Return a Japanese page with head inside <head>."""
    return (f"<!DOCTYPE html><html lang='ja'><head><title>日記</title>{head}</head>"
            "<body><p>こんにちは</p></body></html>")


def test_the_first_rss_or_atom_link_of_the_head_is_found() -> None:
    assert discover_feed((FIXTURES / "not_a_feed.html").read_bytes(),
                         "http://blog.example.jp/hanako/") == "http://blog.example.jp/hanako/index.rdf"
    atom = page('<link rel="stylesheet" href="/s.css">'
                '<LINK REL="Alternate" TYPE="application/atom+xml; charset=utf-8" HREF="atom">')
    assert discover_feed(atom.encode(), "https://example.jp/blog/") == "https://example.jp/blog/atom"


def test_the_page_base_and_charset_are_honoured() -> None:
    html = page('<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">'
                '<base href="http://other.example.jp/日記/">'
                '<link rel="alternate" type="application/rss+xml" title="①の記事" href="rss.xml">')
    assert discover_feed(euc_jp_ms(html), "http://example.jp/") == (
        "http://other.example.jp/日記/rss.xml")


def test_a_page_without_a_usable_feed_link_gives_none() -> None:
    assert discover_feed(page("").encode(), "http://example.jp/") is None
    assert discover_feed(page('<link rel="alternate" type="text/html" href="/m/">').encode(),
                         "http://example.jp/") is None
    assert discover_feed(page('<link rel="alternate" type="application/rss+xml" '
                              'href="javascript:alert(1)">').encode(), "http://example.jp/") is None
    body_only = "<html><body><link rel='alternate' type='application/rss+xml' href='/x'></body>"
    assert discover_feed(body_only.encode(), "http://example.jp/") is None
    assert discover_feed(b"\x00\xff<<<>>>", "http://example.jp/") is None
