"""Reading feeds: any charset, broken XML as far as it goes, plain text, safe links, dates."""
from __future__ import annotations

import codecs
from datetime import UTC, datetime

import pytest

from keitai.feeds.charset import PROBLEM
from keitai.feeds.parse import (
    BROKEN,
    EMPTY,
    HTML_PAGE,
    NOT_A_FEED,
    SUMMARY_MAX,
    TITLE_MAX,
    FeedUnreadable,
    parse_feed,
)
from tests.data.feeds.make_fixtures import euc_jp_ms
from tests.feedserver import FIXTURES

TITLES = ["①今日は㈱髙橋商店へ", "ｹｰﾀｲで見てね", "ワンセグ～テレビ"]


def rss(titles: list[str], declaration: str = "", channel: str = "テスト") -> str:
    """Return an RSS 2.0 document with one item per title."""
    items = "".join(f"<item><title>{title}</title><link>http://example.jp/{number}</link>"
                    f"</item>" for number, title in enumerate(titles))
    return (f"{declaration}<rss version=\"2.0\"><channel><title>{channel}</title>"
            f"<link>http://example.jp/</link>{items}</channel></rss>")


def titles_of(body: bytes, content_type: str | None = None) -> list[str]:
    """Return the entry titles parse_feed reads in body."""
    return [entry.title for entry in parse_feed(body, content_type).entries]


@pytest.mark.parametrize("name", ["Shift_JIS", "SJIS", "x-sjis", "Windows-31J", "MS_Kanji",
                                  "shift-jis", "CP932"])
def test_every_name_of_shift_jis_reads_the_windows_extensions(name: str) -> None:
    body = rss(TITLES, f'<?xml version="1.0" encoding="{name}"?>').encode("cp932")
    assert titles_of(body) == TITLES


@pytest.mark.parametrize("name", ["EUC-JP", "euc-jp", "x-euc-jp", "eucJP-win", "CP51932"])
def test_every_name_of_euc_jp_reads_the_nec_and_ibm_extensions(name: str) -> None:
    body = euc_jp_ms(rss(TITLES, f'<?xml version="1.0" encoding="{name}"?>'))
    assert titles_of(body) == TITLES


def test_euc_jp_reads_jis_x_0212_and_plain_jis_x_0213() -> None:
    declared = '<?xml version="1.0" encoding="EUC-JP"?>'
    assert titles_of(rss(["丂と鷗"], declared).encode("euc_jp")) == ["丂と鷗"]
    assert titles_of(rss(["𠀋の字"], declared).encode("euc_jis_2004")) == ["𠀋の字"]


def test_the_content_type_charset_counts_when_the_document_declares_none() -> None:
    body = rss(TITLES).encode("cp932")
    assert titles_of(body, "application/rss+xml; charset=Shift_JIS") == TITLES
    assert titles_of(euc_jp_ms(rss(TITLES)), 'text/xml; charset="EUC-JP"') == TITLES


@pytest.mark.parametrize("codec", ["cp932", "euc_jp", "utf-8", "iso2022_jp"])
def test_an_undeclared_charset_is_guessed(codec: str) -> None:
    titles = ["今日のニュースをお届けします", "大雪のため電車が遅れています",
              "新しい携帯電話が発売"]
    assert titles_of(rss(titles, channel="みなと新聞のニュース").encode(codec)) == titles


def test_a_wrong_declaration_is_overruled_when_it_cannot_be_right() -> None:
    titles = ["今日のニュースをお届けします", "大雪のため電車が遅れています"]
    body = rss(titles, '<?xml version="1.0" encoding="UTF-8"?>').encode("cp932")
    assert titles_of(body) == titles
    latin = rss(titles, '<?xml version="1.0" encoding="ISO-8859-1"?>').encode("utf-8")
    assert titles_of(latin) == titles


@pytest.mark.parametrize(("bom", "codec"), [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_a_byte_order_mark_decides(bom: bytes, codec: str) -> None:
    body = bom + rss(TITLES, '<?xml version="1.0" encoding="Shift_JIS"?>').encode(codec)
    assert titles_of(body) == TITLES


def test_bytes_no_charset_reads_become_geta_and_a_problem() -> None:
    body = rss(["前半", "後半"], '<?xml version="1.0" encoding="Shift_JIS"?>').encode("cp932")
    broken = body.replace("後半".encode("cp932"), "後".encode("cp932") + b"\x81\x20\xa0")
    feed = parse_feed(broken)
    assert feed.problem == PROBLEM
    assert [entry.title for entry in feed.entries][0] == "前半"
    assert feed.entries[1].title.startswith("後")
    assert "〓" in feed.entries[1].title or feed.entries[1].title == "後"


@pytest.mark.parametrize("body", [
    b"", b"   \r\n", b"\x00\x01\x02\xff" * 100, b'{"items": []}', b"Not Found",
    b"/etc/passwd", str(FIXTURES / "atom_utf8.xml").encode(),
])
def test_a_body_with_nothing_usable_is_unreadable(body: bytes) -> None:
    with pytest.raises(FeedUnreadable) as refused:
        parse_feed(body, "application/rss+xml")
    assert refused.value.reason in (EMPTY, NOT_A_FEED)
    assert refused.value.reason == (EMPTY if not body.strip() else NOT_A_FEED)


def test_an_html_page_is_unreadable_as_a_page() -> None:
    with pytest.raises(FeedUnreadable) as refused:
        parse_feed((FIXTURES / "not_a_feed.html").read_bytes(), "text/html")
    assert refused.value.reason == HTML_PAGE


def test_a_feed_with_no_entries_yet_is_a_feed() -> None:
    feed = parse_feed(rss([]).encode())
    assert (feed.title, feed.link, feed.entries, feed.problem) == (
        "テスト", "http://example.jp/", [], None)


@pytest.mark.parametrize("damage", [
    ("<title>一</title>", "<title>一 & 二</title>"),     # an unescaped &
    ("<title>一</title>", "<title><b>一</title>"),        # an unclosed tag
    ("<title>一</title>", "<title>一&copy;&bogus;</title>"),  # entities XML lacks
    ("</channel></rss>", ""),                             # the end missing
])
def test_broken_xml_is_read_as_far_as_it_goes(damage: tuple[str, str]) -> None:
    text = rss(["一", "二", "三"]).replace(*damage)
    feed = parse_feed(text.encode())
    assert feed.problem == BROKEN
    assert [entry.link for entry in feed.entries] == [
        "http://example.jp/0", "http://example.jp/1", "http://example.jp/2"]
    assert feed.entries[0].title.startswith("一")


def test_an_external_entity_is_never_read() -> None:
    body = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<rss version="2.0"><channel><title>t&x;</title><item><title>a&x;</title>'
            b'<link>http://example.jp/1</link></item></channel></rss>')
    feed = parse_feed(body)
    assert "root" not in feed.title + feed.entries[0].title


def test_titles_and_summaries_become_one_line_of_plain_text() -> None:
    body = ("<rss version='2.0'><channel><title>t</title><item>"
            "<title>&lt;b&gt;太字&lt;/b&gt; &amp;amp; &#x2460;\t\n  改行\u0007\u202e</title>"
            "<link>http://example.jp/1</link>"
            "<description>&lt;p&gt;一段落目&lt;/p&gt;&lt;p&gt;二段落&lt;br&gt;目"
            "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;&lt;!-- メモ --&gt;"
            "か\u3099&#xE001;　全角の空白</description></item></channel></rss>")
    entry = parse_feed(body.encode()).entries[0]
    assert entry.title == "太字 & ① 改行"  # an RSS title is HTML: &amp;amp; was meant as &
    assert entry.summary == "一段落目 二段落 目 が　全角の空白"


def test_long_titles_and_summaries_are_cut() -> None:
    body = (f"<rss version='2.0'><channel><title>{'長' * 500}</title><item>"
            f"<title>{'題' * 500}</title><link>http://example.jp/1</link>"
            f"<description>{'本文' * 1000}</description></item></channel></rss>")
    feed = parse_feed(body.encode())
    assert feed.title == "長" * (TITLE_MAX - 1) + "…"
    assert feed.entries[0].title == "題" * (TITLE_MAX - 1) + "…"
    assert len(feed.entries[0].summary) == SUMMARY_MAX
    assert feed.entries[0].summary.endswith("…")


def test_entries_keep_only_http_links_resolved_against_the_site() -> None:
    links = ["javascript:alert(1)", "data:text/html,x", "", "/news/1.html", "2.html",
             "https://other.example.jp/3", "ftp://example.jp/4", "http://u:p@example.jp/5",
             "http://example.jp/" + "x" * 3000]
    items = "".join(f"<item><title>{number}</title><link>{link}</link></item>"
                    for number, link in enumerate(links)) + "<item><title>無</title></item>"
    body = (f"<rss version='2.0'><channel><title>t</title><link>http://example.jp/site/</link>"
            f"{items}</channel></rss>")
    feed = parse_feed(body.encode())
    assert [(entry.title, entry.link) for entry in feed.entries] == [
        ("3", "http://example.jp/news/1.html"), ("4", "http://example.jp/site/2.html"),
        ("5", "https://other.example.jp/3")]


def test_a_relative_site_link_is_resolved_against_the_feeds_url() -> None:
    body = (b"<rss version='2.0'><channel><title>t</title><link>/blog/</link>"
            b"<item><title>a</title><link>1.html</link></item></channel></rss>")
    feed = parse_feed(body, base_url="https://example.jp/blog/rss.xml")
    assert feed.link == "https://example.jp/blog/"
    assert feed.entries[0].link == "https://example.jp/blog/1.html"


def test_dates_become_aware_utc_or_none() -> None:
    dates = ["<pubDate>Sun, 06 Dec 2026 18:00:00 +0900</pubDate>",
             "<dc:date>2026-12-05T21:15:42+09:00</dc:date>",
             "<pubDate>いつか</pubDate>", "", "<pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate>",
             "<pubDate>Sat, 01 Jan 1972 00:00:00 GMT</pubDate>"]
    items = "".join(f"<item><title>{number}</title><link>http://example.jp/{number}</link>"
                    f"{date}</item>" for number, date in enumerate(dates))
    body = ("<rss version='2.0' xmlns:dc='http://purl.org/dc/elements/1.1/'><channel>"
            f"<title>t</title>{items}</channel></rss>")
    assert [entry.published for entry in parse_feed(body.encode()).entries] == [
        datetime(2026, 12, 6, 9, 0, tzinfo=UTC), datetime(2026, 12, 5, 12, 15, 42, tzinfo=UTC),
        None, None, None, None]


def test_an_entry_without_title_is_untitled_and_a_long_guid_is_dropped() -> None:
    body = (f"<rss version='2.0'><channel><title></title><item><link>http://example.jp/1</link>"
            f"<guid isPermaLink='false'>{'g' * 600}</guid></item><item><title>b</title>"
            f"<link>http://example.jp/2</link><guid isPermaLink='false'> id-2 </guid></item>"
            f"</channel></rss>")
    feed = parse_feed(body.encode())
    assert feed.title == "(無題)"
    assert [(entry.title, entry.guid) for entry in feed.entries] == [
        ("(無題)", None), ("b", "id-2")]
