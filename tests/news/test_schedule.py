"""The worker's maintenance enqueues one fetch per due feed, in bounded batches, and none
twice: a feed is claimed by moving its next fetch forward in the same transaction."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, insert, select

from keitai.db import db
from keitai.features.news import schedule
from keitai.jobs.worker import Worker
from keitai.models import Job, NewsFeed
from keitai.models.base import utcnow
from keitai.uow import unit_of_work


def jobs_by_feed(app) -> list[int]:
    with app.app_context():
        payloads = db.session.scalars(select(Job.payload).where(Job.kind == schedule.JOB))
        return sorted(int(payload["feed_id"]) for payload in payloads)


def add_feeds(app, count: int, minutes_from_now: float = -1) -> list[int]:
    at = utcnow() + timedelta(minutes=minutes_from_now)
    with app.app_context():
        ids = list(db.session.scalars(insert(NewsFeed).returning(NewsFeed.id), [
            {"url": f"https://feeds.example.com/{minutes_from_now}/{n}.xml",
             "category": "domestic", "title": "", "failures": 0, "next_fetch_at": at,
             "created_at": at} for n in range(count)]))
        db.session.commit()
        return ids


def enqueue(app, now=None) -> int:
    with app.app_context(), unit_of_work() as session:
        return schedule.enqueue_due(session, now or utcnow())


def test_each_due_feed_is_enqueued_once_in_batches(app) -> None:
    due = add_feeds(app, schedule.BATCH + 5)
    later = add_feeds(app, 3, minutes_from_now=10)
    assert enqueue(app) == schedule.BATCH
    assert enqueue(app) == 5
    assert enqueue(app) == 0  # nothing left: the maintenance stops calling
    assert jobs_by_feed(app) == sorted(due)
    with app.app_context():
        moved = db.session.scalars(select(NewsFeed.next_fetch_at).where(
            NewsFeed.id.in_(due)))
        assert all(at > utcnow() for at in moved)
    # the later feeds come due in their time, once
    assert enqueue(app, utcnow() + timedelta(minutes=12)) == 3
    assert jobs_by_feed(app) == sorted(due + later)


def test_a_feed_claimed_by_another_worker_is_not_enqueued_again(app) -> None:
    [feed_id] = add_feeds(app, 1)
    now = utcnow()
    with app.app_context(), unit_of_work() as session:
        # as if another worker read the same due feed first and moved it on
        due = list(session.scalars(select(NewsFeed.id).where(NewsFeed.next_fetch_at <= now)))
        assert due == [feed_id]
        assert schedule.enqueue_due(session, now) == 1
        assert schedule.enqueue_due(session, now) == 0
    assert jobs_by_feed(app) == [feed_id]


def test_the_maintenance_enqueues_due_feeds_and_then_finds_nothing(app) -> None:
    add_feeds(app, 2)
    assert Worker(app).maintain()["news_fetches"] == 2
    assert Worker(app).maintain()["news_fetches"] == 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Job)) == 2
