"""The whole 外部ブログ flow: a member registers their blog's feed on /settings/blog, the worker
fetches it from a real HTTP server and imports its newest entries as their diaries, and they
show on their diary list, their friends' 「マイミクの日記」 and home, marked 外部ブログ, with
the link out through /exit, on every kind of handset."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.features.home.views import FeedEntry
from keitai.models.diary import Diary
from tests.blog.conftest import (
    HANDSETS,
    blog_row,
    entries,
    first_diary,
    imported,
    plain,
    register,
    rss,
    run_worker,
)
from tests.friend_lists.test_every_page import no_checker_errors
from tests.social.conftest import access_key, befriend


def _checked(app, browser, path: str) -> str:
    """Open a page as the handset, check it for the handset and the site checker."""
    text = browser.page(path)
    no_checker_errors(app, browser, path, browser.get(path))
    assert path == "/" or access_key(text, "0", "トップ"), path  # home is トップ itself
    return text


@pytest.mark.parametrize("name", HANDSETS)
def test_registered_blog_entries_show_marked_on_every_list_with_the_link_through_exit(
        app, member, logged_in, feed_server, name) -> None:
    owner, friend = member("はなこ"), member("とも")
    befriend(app, owner, friend)
    feed_server.allow(app)
    url = feed_server.serve("/rss.xml", rss(entries(8)))
    browser = logged_in(name, owner)
    page = browser.text(register(browser, url))
    assert "登録しました" in page and "確認中" in page
    _checked(app, browser, "/settings/blog")

    run_worker(app)
    # the first fetch imports the newest five, newest first
    assert [row[0] for row in imported(app, owner)] == [f"記事{n}" for n in (8, 7, 6, 5, 4)]
    settings = plain(_checked(app, browser, "/settings/blog"))
    assert "取り込んだ記事: 5件" in settings and "最終取得" in settings
    assert "花だより" in settings and "確認中" not in settings

    listing = _checked(app, browser, f"/members/{owner}/diary")
    line = next(row for row in plain(listing).split("\n") if "記事8" in row)
    assert "[外部ブログ]" in line and "記事3" not in listing

    friend_browser = logged_in(name, friend)
    for path in ("/diary/friends", "/"):
        text = _checked(app, friend_browser, path)
        line = next(row for row in plain(text).split("\n") if "記事8" in row)
        assert "[外部ブログ]" in line and "はなこ" in line, path

    diary_id = first_diary(listing)
    shown = _checked(app, friend_browser, f"/diary/{diary_id}")
    link = "http://blog.example.com/entry-8.html"
    assert "外部ブログ" in shown and "記事8の本文です。" in shown
    assert f"/exit?url={quote(link, safe='')}" in shown
    assert f'href="{link}' not in shown
    assert access_key(shown, "2", "続きを読む")
    assert "コメントする" not in shown and "<textarea" not in shown


def test_visibility_is_respected_and_a_change_applies_to_every_imported_entry(
        app, member, logged_in, feed_server) -> None:
    owner, friend, stranger = member("はなこ"), member("とも"), member("たにん")
    befriend(app, owner, friend)
    feed_server.allow(app)
    url = feed_server.serve("/rss.xml", rss(entries(3)))
    me = logged_in("pc-Firefox", owner)
    register(me, url, "friends")
    run_worker(app)
    assert {row[2] for row in imported(app, owner)} == {"friends"}

    other = logged_in("docomo-N505i", stranger)
    assert "記事3" not in other.page(f"/members/{owner}/diary")
    assert "記事3" in logged_in("au-W53CA", friend).page(f"/members/{owner}/diary")

    done = register(me, url, "everyone")
    assert "設定を保存しました" in me.text(done)
    assert {row[2] for row in imported(app, owner)} == {"everyone"}
    assert "記事3" in other.page(f"/members/{owner}/diary")
    register(me, url, "only_me")
    assert "記事3" not in logged_in("au-W53CA", friend).page("/diary/friends")


@pytest.mark.parametrize(("declared", "codec", "store_name", "stored"), [
    # as Japanese blogs write it, Windows' extensions too: stored in standard characters,
    # which every handset shows (docomo refuses the machine-dependent ones)
    ("Shift_JIS", "cp932", "髙島屋①", "高島屋(1)"),
    ("EUC-JP", "euc_jp", "高島屋", "高島屋")])
def test_shift_jis_and_euc_jp_feeds_are_imported_without_mojibake(
        app, member, logged_in, feed_server, declared, codec, store_name, stored) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    body = rss([("http://blog.example.com/a.html", "桜の開花・ソメイヨシノ",
                 f"今日は表参道で満開の桜を見ました。\n{store_name}の前も人でいっぱい。", None)],
               title="はなこの日記帳", encoding=declared, codec=codec)
    url = feed_server.serve("/jp.xml", body,
                            content_type=f"application/rss+xml; charset={declared}")
    browser = logged_in("docomo-N505i", owner)
    register(browser, url)
    run_worker(app)
    (title, text, _level, _link), = imported(app, owner)
    assert title == "桜の開花・ソメイヨシノ"
    # the summary is HTML: its line break is white space, one line of text
    assert text == f"今日は表参道で満開の桜を見ました。 {stored}の前も人でいっぱい。"
    assert "はなこの日記帳" in browser.page("/settings/blog")
    assert "桜の開花・ソメイヨシノ" in browser.page(f"/members/{owner}/diary")
    with app.app_context():
        diary_id = db.session.scalar(select(Diary.id).where(Diary.author_id == owner))
    path = f"/diary/{diary_id}"
    assert f"{stored}の前も" in browser.page(path)
    no_checker_errors(app, browser, path, browser.get(path))


def test_a_second_fetch_sends_the_validators_and_imports_nothing_twice(
        app, member, logged_in, feed_server) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    url = feed_server.serve("/rss.xml", rss(entries(3)), etag='"v1"',
                            last_modified="Mon, 07 Dec 2026 00:00:00 GMT")
    register(logged_in("pc-Firefox", owner), url)
    run_worker(app)
    assert len(imported(app, owner)) == 3
    run_worker(app, later_minutes=31)  # the next turn: 304, nothing changes
    asked = [request for request in feed_server.requests if request.path == "/rss.xml"]
    assert len(asked) == 2
    assert "if-none-match" not in asked[0].headers
    assert asked[1].headers["if-none-match"] == '"v1"'
    assert asked[1].headers["if-modified-since"] == "Mon, 07 Dec 2026 00:00:00 GMT"
    assert len(imported(app, owner)) == 3
    blog = blog_row(app, owner)
    assert blog is not None and blog.failures == 0 and blog.last_error is None

    run_worker(app)  # not due yet: no fetch at all
    assert len([r for r in feed_server.requests if r.path == "/rss.xml"]) == 2


def test_new_entries_are_imported_later_and_a_deleted_one_stays_deleted(
        app, member, logged_in, feed_server) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    url = feed_server.serve("/rss.xml", rss(entries(7)))
    browser = logged_in("pc-Firefox", owner)
    register(browser, url)
    run_worker(app)
    assert [row[0] for row in imported(app, owner)] == [f"記事{n}" for n in (7, 6, 5, 4, 3)]
    # the member deletes one imported entry; the blog writes two more
    page = browser.get(f"/members/{owner}/diary")
    diary_id = first_diary(browser.text(page))
    browser.submit(browser.get(f"/diary/{diary_id}/delete"), {})
    feed_server.serve("/rss.xml", rss(entries(9)))
    run_worker(app, later_minutes=31)
    titles = [row[0] for row in imported(app, owner)]
    assert titles[:2] == ["記事9", "記事8"] and len(titles) == 6  # 1 and 2 were never new
    assert "記事7" not in titles


def test_a_feed_with_more_than_20_new_entries_imports_the_newest_20(
        app, member, logged_in, feed_server) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    url = feed_server.serve("/rss.xml", rss(entries(2)))
    register(logged_in("pc-Firefox", owner), url)
    run_worker(app)
    feed_server.serve("/rss.xml", rss(entries(30, start=3) + entries(2)))
    run_worker(app, later_minutes=31)
    titles = [row[0] for row in imported(app, owner)]
    assert len(titles) == 22 and titles[0] == "記事32" and "記事12" not in titles


@pytest.mark.stores
def test_home_kept_hot_shows_an_imported_entry_at_once_and_reads_an_older_cached_feed(
        app, member, logged_in, feed_server, store) -> None:
    owner, friend = member("はなこ"), member("とも")
    befriend(app, owner, friend)
    feed_server.allow(app)
    browser = logged_in("docomo-P903i", friend)
    assert "記事1" not in browser.page("/")  # home's feed is now kept (in Redis, if any)
    register(logged_in("pc-Firefox", owner), feed_server.serve("/rss.xml", rss(entries(1))))
    run_worker(app)  # the import drops the friends' kept feeds when the job commits
    line = next(row for row in plain(browser.page("/")).split("\n") if "記事1" in row)
    assert "[外部ブログ]" in line
    # a feed kept before the flag existed (six fields) still loads, unmarked
    old = FeedEntry.from_json([1, "まえの日記", "12/07 09:00", owner, "はなこ", 2])
    assert old.from_blog is False and old.to_json()[-1] is False


def test_the_address_of_the_blog_page_itself_finds_its_feed(
        app, member, logged_in, feed_server) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    feed = feed_server.serve("/hanako/index.rdf", rss(entries(2)))
    page = feed_server.serve(
        "/hanako/", '<html><head><link rel="alternate" type="application/rss+xml" '
        'href="/hanako/index.rdf"></head><body>はなこのブログ</body></html>',
        content_type="text/html; charset=utf-8")
    browser = logged_in("au-W53CA", owner)
    register(browser, page)
    run_worker(app)
    assert len(imported(app, owner)) == 2
    blog = blog_row(app, owner)
    assert blog is not None and blog.feed_url == feed and blog.failures == 0
    assert f'value="{feed}"' in browser.page("/settings/blog")
