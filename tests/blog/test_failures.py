"""外部ブログ fetches that fail: an address on a private, loopback or link-local network (at
once or after a redirect) is refused and the blog paused, with the reason on the settings
page; failures in a row pause it too; 再開 fetches it again; broken XML is read as far as it
goes, with the parser's note shown."""
from __future__ import annotations

from datetime import timedelta

import pytest

from keitai.db import db
from keitai.features.blog import schedule
from keitai.models.base import utcnow
from tests.blog.conftest import (
    HANDSETS,
    blog_row,
    entries,
    imported,
    make_due,
    plain,
    register,
    rss,
    run_worker,
)
from tests.friend_lists.test_every_page import no_checker_errors
from tests.social.conftest import access_key

PRIVATE = ["http://127.0.0.2:{port}/rss.xml", "http://10.0.0.1/rss.xml",
           "http://169.254.169.254/latest/meta-data/"]


def _settings(app, browser) -> str:
    """Open the settings page, checked for the handset and by the site checker; its text."""
    text = browser.page("/settings/blog")
    no_checker_errors(app, browser, "/settings/blog", browser.get("/settings/blog"))
    return plain(text)


@pytest.mark.parametrize("target", PRIVATE)
@pytest.mark.parametrize("redirected", [False, True], ids=["direct", "redirected"])
def test_a_feed_on_a_private_address_is_refused_paused_and_the_reason_shown(
        app, member, logged_in, feed_server, target, redirected) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    address = target.format(port=feed_server.port)
    url = feed_server.redirect("/rss.xml", address) if redirected else address
    browser = logged_in("docomo-N505i", owner)
    register(browser, url)
    run_worker(app)
    blog = blog_row(app, owner)
    assert blog is not None and blog.state == "paused" and blog.failures == 1
    assert blog.last_error
    page = _settings(app, browser)
    assert "停止中" in page and "取得できませんでした" in page and blog.last_error in page
    assert imported(app, owner) == []
    if not redirected:
        assert feed_server.requests == []
    # paused: the schedule never fetches it again
    with app.app_context():
        assert schedule.enqueue_due(db.session(), utcnow().replace(year=2100)) == 0
        db.session.rollback()


@pytest.mark.parametrize("name", HANDSETS)
def test_failures_in_a_row_pause_the_blog_and_resume_fetches_it_again(
        app, member, logged_in, feed_server, name) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    app.config["BLOG_MAX_FAILURES"] = 3
    url = feed_server.serve("/rss.xml", b"oops", status=503, content_type="text/plain")
    browser = logged_in(name, owner)
    register(browser, url)
    run_worker(app)
    blog = blog_row(app, owner)
    assert blog is not None and blog.state == "active" and blog.failures == 1
    # the next try backs off: the 30 minutes doubled per failure in a row (60, 120, ...)
    assert blog.last_fetched_at is not None
    assert blog.next_fetch_at - blog.last_fetched_at == timedelta(minutes=60)
    page = _settings(app, browser)
    assert "取得できませんでした" in page and "停止中" not in page
    for _turn in range(2):  # its next turns, after the back-off
        make_due(app)
        run_worker(app)
    blog = blog_row(app, owner)
    assert blog is not None and blog.state == "paused" and blog.failures == 3
    text = browser.page("/settings/blog")
    assert "停止中" in plain(text) and "再開" in text and access_key(text, "0", "トップ")
    no_checker_errors(app, browser, "/settings/blog", browser.get("/settings/blog"))
    make_due(app)
    run_worker(app)
    assert len(feed_server.requests) == 3  # paused: no fetch

    feed_server.serve("/rss.xml", rss(entries(2)))
    form_index = 0  # the 再開 form comes first
    resumed = browser.submit(browser.get("/settings/blog"), {}, form_index)
    assert "再開しました" in browser.text(resumed.follow())
    run_worker(app)
    blog = blog_row(app, owner)
    assert blog is not None and blog.state == "active" and blog.failures == 0
    assert blog.last_error is None and len(imported(app, owner)) == 2
    page = _settings(app, browser)
    assert "取り込んだ記事: 2件" in page and "停止中" not in page


def test_a_missing_feed_is_a_permanent_failure_that_pauses_at_once(
        app, member, logged_in, feed_server) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    register(logged_in("pc-Firefox", owner), feed_server.url("/gone.xml"))
    run_worker(app)
    blog = blog_row(app, owner)
    assert blog is not None and blog.state == "paused" and blog.failures == 1


def test_a_page_that_is_no_feed_is_reported(app, member, logged_in, feed_server) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    url = feed_server.serve("/", "<html><body>ようこそ</body></html>",
                            content_type="text/html; charset=utf-8")
    browser = logged_in("au-W53CA", owner)
    register(browser, url)
    run_worker(app)
    blog = blog_row(app, owner)
    assert blog is not None and blog.failures == 1 and blog.last_error
    assert blog.last_error in _settings(app, browser)


def test_broken_but_readable_xml_imports_what_it_can_and_shows_the_note(
        app, member, logged_in, feed_server) -> None:
    owner = member("はなこ")
    feed_server.allow(app)
    body = rss(entries(2)).replace(b"</channel></rss>", b"<item><title>\xe5\xa3\x8a")
    url = feed_server.serve("/rss.xml", body)
    browser = logged_in("softbank-930SH", owner)
    register(browser, url)
    run_worker(app)
    blog = blog_row(app, owner)
    assert blog is not None and blog.state == "active" and blog.last_problem
    assert len(imported(app, owner)) == 2
    assert blog.last_problem in _settings(app, browser)
