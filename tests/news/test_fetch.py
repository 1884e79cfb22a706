"""The worker's news fetch against a real HTTP server: entries stored with their source and
time, a conditional GET the second time, one item per link across feeds, failures recorded
and backed off, old items deleted."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.news.refresh import ENTRIES_PER_FETCH, refresh
from keitai.jobs.worker import Worker
from keitai.models import Job, NewsFeed, NewsItem
from keitai.models.base import utcnow
from tests.friend_lists.test_every_page import no_checker_errors
from tests.news.conftest import add_feed, add_item
from tests.news.feeds import rss

HOUR = timedelta(hours=1)


def items(app) -> list[NewsItem]:
    """Return every item, newest first."""
    with app.app_context():
        rows = list(db.session.scalars(select(NewsItem).order_by(NewsItem.published_at.desc(),
                                                                  NewsItem.id.desc())))
        db.session.expunge_all()
        db.session.remove()
        return rows


def feed_row(app, feed_id: int) -> NewsFeed:
    with app.app_context():
        found = db.session.get(NewsFeed, feed_id)
        assert found is not None
        db.session.expunge_all()
        db.session.remove()
        return found


def fetch_now(app, feed_id: int, now: datetime | None = None):
    """Run one fetch as the job does, committed; return its outcome."""
    with app.app_context():
        outcome = refresh(feed_id, now)
        db.session.commit()
        db.session.remove()
        return outcome


@pytest.fixture()
def server(app, feed_server):
    feed_server.allow(app)
    return feed_server


def test_the_worker_fetches_a_due_feed_and_stores_its_entries(app, server) -> None:
    now = utcnow()
    url = server.serve("/news.xml", rss("みなと新聞", [
        ("新しい見出し", "https://news.example.com/a", now - HOUR),
        ("古い見出し", "https://news.example.com/b", now - 3 * HOUR)]))
    feed_id = add_feed(app, url, "economy")
    done = Worker(app).maintain()
    assert done["news_fetches"] == 1
    Worker(app).drain()
    stored = items(app)
    assert [item.title for item in stored] == ["新しい見出し", "古い見出し"]
    first = stored[0]
    assert (first.category, first.source, first.link, first.summary, first.feed_id) == (
        "economy", "みなと新聞", "https://news.example.com/a", "あらまし", feed_id)
    assert abs(first.published_at - (now - HOUR)) < timedelta(seconds=1)
    feed = feed_row(app, feed_id)
    assert feed.title == "みなと新聞" and feed.failures == 0 and feed.last_error is None
    assert feed.last_fetched_at is not None
    assert feed.next_fetch_at - feed.last_fetched_at == timedelta(
        minutes=app.config["NEWS_FETCH_MINUTES"])
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Job).where(
            Job.kind == "news.fetch", Job.state == "done")) == 1


def test_the_second_fetch_is_conditional_and_a_304_keeps_the_items(app, server) -> None:
    stamp = "Sun, 06 Dec 2026 09:00:00 GMT"
    url = server.serve("/cached.xml", rss("みなと新聞", [
        ("見出し", "https://news.example.com/c", utcnow() - HOUR)]),
        etag='"v1"', last_modified=stamp)
    feed_id = add_feed(app, url)
    assert fetch_now(app, feed_id).added == ["見出し"]
    feed = feed_row(app, feed_id)
    assert (feed.etag, feed.last_modified) == ('"v1"', stamp)
    outcome = fetch_now(app, feed_id)
    assert outcome.status == 304 and outcome.added == []
    second = server.requests[-1].headers
    assert second["if-none-match"] == '"v1"' and second["if-modified-since"] == stamp
    assert "if-none-match" not in server.requests[0].headers
    assert [item.title for item in items(app)] == ["見出し"]
    again = feed_row(app, feed_id)
    assert again.failures == 0 and again.etag == '"v1"'
    assert again.last_fetched_at is not None and feed.last_fetched_at is not None
    assert again.last_fetched_at >= feed.last_fetched_at


def test_a_link_two_feeds_share_is_one_item(app, server) -> None:
    now = utcnow()
    shared = "https://news.example.com/shared"
    one = add_feed(app, server.serve("/one.xml", rss("一の新聞", [
        ("共通の記事", shared, now - HOUR), ("一だけ", "https://news.example.com/1", now)])))
    two = add_feed(app, server.serve("/two.xml", rss("二の新聞", [
        ("共通の記事(別見出し)", shared, now), ("二だけ", "https://news.example.com/2", now)])),
        "world")
    fetch_now(app, one)
    outcome = fetch_now(app, two)
    assert outcome.added == ["二だけ"] and outcome.known == 1
    again = fetch_now(app, one)  # (no validators: fetched whole again) nothing is doubled
    assert again.added == [] and again.known == 2
    stored = items(app)
    assert sorted(item.title for item in stored) == ["一だけ", "二だけ", "共通の記事"]
    [kept] = [item for item in stored if item.link == shared]
    assert (kept.source, kept.category, kept.feed_id) == ("一の新聞", "domestic", one)


def test_a_failing_feed_is_recorded_and_backed_off_up_to_a_day(app, server) -> None:
    feed_id = add_feed(app, server.url("/gone.xml"))  # the server answers 404
    minutes = app.config["NEWS_FETCH_MINUTES"]
    Worker(app).maintain()
    Worker(app).drain()  # the job is done: a failing feed is no failing job
    feed = feed_row(app, feed_id)
    assert feed.failures == 1 and feed.last_error
    assert feed.next_fetch_at > utcnow() + timedelta(minutes=minutes * 2 - 1)
    with app.app_context():
        assert db.session.scalar(select(Job.state).where(Job.kind == "news.fetch")) == "done"
    at = utcnow()
    for tries in range(2, 12):
        outcome = fetch_now(app, feed_id, at)
        assert outcome.error
        feed = feed_row(app, feed_id)
        assert feed.failures == tries
        assert feed.next_fetch_at - at == min(timedelta(minutes=minutes * 2 ** tries),
                                              timedelta(days=1))
    # a fetch that works again clears the failures
    server.serve("/gone.xml", rss("もどった", []))
    assert fetch_now(app, feed_id).error is None
    back = feed_row(app, feed_id)
    assert back.failures == 0 and back.last_error is None


def test_an_address_the_fetcher_refuses_is_a_failure_like_any_other(app) -> None:
    feed_id = add_feed(app, "http://127.0.0.1:9/feed.xml")  # no FETCH_ALLOW_FOR_TESTS
    outcome = fetch_now(app, feed_id)
    assert outcome.error and feed_row(app, feed_id).failures == 1 and items(app) == []


def test_future_dates_are_clamped_and_only_the_newest_entries_kept(app, server) -> None:
    now = utcnow()
    entries = [(f"記事{n:02d}", f"https://news.example.com/{n}", now - n * HOUR)
               for n in range(ENTRIES_PER_FETCH + 10)]
    entries.append(("未来の記事", "https://news.example.com/future", now + 48 * HOUR))
    feed_id = add_feed(app, server.serve("/many.xml", rss("たくさん新聞", entries[::-1])))
    outcome = fetch_now(app, feed_id, now)
    assert len(outcome.added) == ENTRIES_PER_FETCH
    stored = items(app)
    assert stored[0].title == "未来の記事" and stored[0].published_at == now
    assert [item.title for item in stored[1:]] == [f"記事{n:02d}"
                                                   for n in range(ENTRIES_PER_FETCH - 1)]


def test_a_fetch_deletes_items_older_than_the_days_kept_but_not_picks(app, server) -> None:
    days = app.config["NEWS_KEEP_DAYS"]
    old = add_item(app, "古い記事", minutes_ago=(days + 1) * 24 * 60)
    old_pick = add_item(app, "古いピックアップ", minutes_ago=(days + 1) * 24 * 60,
                        picked_minutes_ago=60)
    recent = add_item(app, "最近の記事", minutes_ago=(days - 1) * 24 * 60)
    feed_id = add_feed(app, server.serve("/empty.xml", rss("しずか新聞", [])))
    fetch_now(app, feed_id)
    assert {item.id for item in items(app)} == {old_pick, recent}
    assert old not in {item.id for item in items(app)}


def test_a_shift_jis_feed_is_stored_in_characters_every_handset_shows(
        app, server, member, logged_in) -> None:
    url = server.serve_fixture("/sjis.xml", "rss2_shift_jis.xml",
                               "application/rss+xml; charset=Shift_JIS")
    feed_id = add_feed(app, url)
    outcome = fetch_now(app, feed_id, datetime(2026, 12, 7, tzinfo=UTC))
    assert outcome.error is None and outcome.added
    titles = [item.title for item in items(app)]
    # machine-dependent characters (①, ㈱, 髙), which docomo refuses, in standard ones
    assert "高橋選手が初優勝　全日本フィギュア" in titles
    assert "(1)日本海側で大雪のおそれ　週末にかけ警戒を" in titles
    assert "(株)みなと電機、折りたたみ型の新機種を発表" in titles
    assert {item.source for item in items(app)} == {"みなと新聞 ニュース速報"}
    browser = logged_in("docomo-N505i", member("わたし"))
    for path in ["/news/domestic", *(f"/news/{item.id}" for item in items(app))]:
        assert "みなと新聞" in browser.page(path)
        no_checker_errors(app, browser, path, browser.get(path))
