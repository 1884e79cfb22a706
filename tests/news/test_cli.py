"""`keitai news add-feed | feeds | remove-feed | fetch | pick | unpick` on the test database."""
from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import select

import keitai
from keitai.cli import main
from keitai.db import db
from keitai.models import NewsFeed, NewsItem
from keitai.models.base import utcnow
from tests.news.conftest import add_item
from tests.news.feeds import rss


def run(app: Flask, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["news", *args],
                                env={"KEITAI_DATABASE_URL": app.config["DATABASE_URL"]})
    return result.exit_code, result.output


def feeds(app: Flask) -> list[NewsFeed]:
    with app.app_context():
        rows = list(db.session.scalars(select(NewsFeed).order_by(NewsFeed.id)))
        db.session.expunge_all()
        db.session.remove()
        return rows


def picked_at(app: Flask, item_id: int):  # type: ignore[no-untyped-def]
    with app.app_context():
        found = db.session.get(NewsItem, item_id)
        db.session.remove()
        assert found is not None
        return found.picked_at


def test_add_feed_prints_its_id_and_the_first_fetch_is_due_at_once(app) -> None:
    code, output = run(app, "add-feed", "https://news.example.com/rss.xml", "--category", "it")
    assert code == 0, output
    [feed] = feeds(app)
    assert output.strip() == str(feed.id)
    assert (feed.url, feed.category, feed.failures) == ("https://news.example.com/rss.xml",
                                                         "it", 0)
    assert feed.next_fetch_at <= utcnow()


@pytest.mark.parametrize(("url", "category", "said"), [
    ("ftp://news.example.com/rss.xml", "it", "http://"),
    ("news.example.com/rss.xml", "it", "http://"),
    ("https://news.example.com/rss.xml", "weather", "domestic, world"),
    ("https://news.example.com/" + "a" * 700, "it", "600文字"),
])
def test_add_feed_refuses_a_bad_url_or_category(app, url, category, said) -> None:
    code, output = run(app, "add-feed", url, "--category", category)
    assert code != 0 and said in output
    assert feeds(app) == []


def test_a_feed_is_added_once(app) -> None:
    run(app, "add-feed", "https://news.example.com/rss.xml", "--category", "it")
    code, output = run(app, "add-feed", "https://news.example.com/rss.xml", "--category",
                       "world")
    assert code != 0 and "もう登録されています" in output and len(feeds(app)) == 1


def test_feeds_lists_each_feed_with_its_state_and_remove_feed_keeps_its_items(app) -> None:
    run(app, "add-feed", "https://news.example.com/a.xml", "--category", "sports")
    run(app, "add-feed", "https://news.example.com/b.xml", "--category", "economy")
    first, second = feeds(app)
    with app.app_context():
        broken = db.session.get(NewsFeed, second.id)
        assert broken is not None
        broken.failures, broken.last_error = 3, "接続できませんでした"
        broken.last_fetched_at = utcnow() - timedelta(hours=1)
        db.session.add(NewsItem(feed_id=first.id, category="sports", title="残る記事",
                                summary="", source="s", link="https://news.example.com/x"))
        db.session.commit()
    code, output = run(app, "feeds")
    assert code == 0, output
    lines = output.strip().split("\n")
    assert lines[0].split("\t") == [str(first.id), "sports", "https://news.example.com/a.xml",
                                    "-", "0", ""]
    fields = lines[1].split("\t")
    assert fields[:3] == [str(second.id), "economy", "https://news.example.com/b.xml"]
    assert fields[3].startswith("20") and fields[4:] == ["3", "接続できませんでした"]
    code, output = run(app, "remove-feed", str(first.id))
    assert code == 0 and "a.xml" in output
    assert [feed.id for feed in feeds(app)] == [second.id]
    with app.app_context():
        kept = db.session.scalar(select(NewsItem).where(NewsItem.title == "残る記事"))
        assert kept is not None and kept.feed_id is None
    code, output = run(app, "remove-feed", str(first.id))
    assert code != 0 and "登録されていません" in output


def test_fetch_fetches_now_and_prints_what_came(app, feed_server, monkeypatch) -> None:
    real = keitai.create_app

    def allowing(*args, **kwargs):  # type: ignore[no-untyped-def]
        made = real(*args, **kwargs)
        made.config["FETCH_ALLOW_FOR_TESTS"] = [feed_server.address]
        return made

    monkeypatch.setattr(keitai, "create_app", allowing)
    url = feed_server.serve("/news.xml", rss("みなと新聞", [
        ("初雪を観測", "https://news.example.com/snow", utcnow())]), etag='"a"')
    run(app, "add-feed", url, "--category", "local")
    run(app, "add-feed", feed_server.url("/missing.xml"), "--category", "local")
    [good, bad] = feeds(app)
    code, output = run(app, "fetch", "--feed", str(good.id))
    assert code == 0, output
    assert "1 new, 0 known" in output and "+ 初雪を観測" in output
    code, output = run(app, "fetch")
    assert code == 1  # a feed failed
    assert f"feed {good.id} {url}: not modified" in output
    assert f"feed {bad.id}" in output and "failed" in output
    assert feeds(app)[1].failures == 1
    code, output = run(app, "fetch", "--feed", "999")
    assert code != 0 and "no feed" in output


def test_pick_and_unpick(app) -> None:
    item = add_item(app, "注目の記事")
    code, output = run(app, "pick", str(item))
    assert code == 0 and "picked" in output and "注目の記事" in output
    assert picked_at(app, item) is not None
    code, output = run(app, "unpick", str(item))
    assert code == 0 and picked_at(app, item) is None
    code, output = run(app, "pick", "999999")
    assert code != 0 and "見つかりません" in output
