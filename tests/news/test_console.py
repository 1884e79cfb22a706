"""The operators' console ニュース page: the newest items with ピックアップ / 解除 (each with
an audit row), the feeds with their state; clean HTML5 for the PC, in the console's menu."""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from keitai.db import db
from keitai.models import NewsItem
from tests.accounts.conftest import app, create_member, mail_server, mailbox  # noqa: F401
from tests.admin.conftest import (  # noqa: F401  (fixtures)
    Clock,
    Operator,
    audit_rows,
    clock,
    console_app,
    form_of,
    log_in,
    operator,
    pc,
)
from tests.admin.test_pages import no_checker_errors
from tests.handsets import page_forms
from tests.news.conftest import add_feed, add_item


def picked(app: Flask, item_id: int) -> bool:  # noqa: F811
    with app.app_context():
        found = db.session.get(NewsItem, item_id)
        db.session.remove()
        return found is not None and found.picked_at is not None


def test_an_operator_picks_and_unpicks_from_the_console_with_an_audit_row_each(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:  # noqa: F811
    item = add_item(app, "注目の記事")
    add_item(app, "ふつうの記事", minutes_ago=5)
    client = pc(app)
    who = operator()
    front = log_in(client, who, clock)
    assert "/admin/news" in front.text
    page = client.get("/admin/news")
    assert "注目の記事" in page.text and "ふつうの記事" in page.text
    done = client.submit(page, {}, form_of(page, f"/admin/news/{item}/pick"))
    assert done.status_int == 302 and picked(app, item)
    page = client.get("/admin/news")
    assert "ピックアップにしました。" in page.text
    done = client.submit(page, {}, form_of(page, f"/admin/news/{item}/unpick"))
    assert done.status_int == 302 and not picked(app, item)
    rows = [row for row in audit_rows(app) if row.target_kind == "news"]
    assert [(row.action, row.target_id, row.operator_id) for row in rows] == [
        ("news.pick", item, who.id), ("news.unpick", item, who.id)]
    assert rows[0].detail == {"title": "注目の記事"}


def test_a_pick_without_the_csrf_token_or_for_no_item_changes_nothing(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:  # noqa: F811
    item = add_item(app, "注目の記事")
    client = pc(app)
    log_in(client, operator(), clock)
    forged = client.post(f"/admin/news/{item}/pick", {}, expect_errors=True)
    assert forged.status_int in (400, 403) and not picked(app, item)
    page = client.get("/admin/news")
    fields = page_forms(page)[form_of(page, f"/admin/news/{item}/pick")].fields
    gone = client.post("/admin/news/999999/pick", fields, expect_errors=True)
    assert gone.status_int == 404
    odd = client.post(f"/admin/news/{item}/feature", fields, expect_errors=True)
    assert odd.status_int == 404 and not picked(app, item)
    done = client.post(f"/admin/news/{item}/pick", fields)
    assert done.status_int == 302 and picked(app, item)
    assert [row.action for row in audit_rows(app) if row.target_kind == "news"] == ["news.pick"]


def test_the_news_page_lists_the_feeds_with_their_state_and_is_clean_html5(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:  # noqa: F811
    from keitai.models import NewsFeed

    feed_id = add_feed(app, "https://feeds.example.com/broken.xml", "sports")
    with app.app_context():
        feed = db.session.get(NewsFeed, feed_id)
        assert feed is not None
        feed.failures, feed.last_error = 2, "接続できませんでした"
        db.session.commit()
    add_item(app, "記事<b>です</b>", picked_minutes_ago=3)
    client = pc(app)
    log_in(client, operator(), clock)
    page = client.get("/admin/news")
    assert page.text.startswith("<!DOCTYPE html>") and "<table>" in page.text
    assert "https://feeds.example.com/broken.xml" in page.text and "スポーツ" in page.text
    assert "接続できませんでした" in page.text and "記事&lt;b&gt;" in page.text
    assert "解除" in page.text
    no_checker_errors(app, "pc-Firefox", "/admin/news", page)


def test_the_console_news_page_is_for_operators_only(app: Flask,  # noqa: F811
                                                      create_member) -> None:  # noqa: F811
    client = pc(app)
    response = client.get("/admin/news")
    assert response.status_int == 302 and "/admin/login" in response.location
    outside = pc(app, "198.51.100.7").get("/admin/news", expect_errors=True)
    assert outside.status_int == 404
