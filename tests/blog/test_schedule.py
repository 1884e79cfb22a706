"""The blog schedule (the worker's maintenance) and how entries become diaries."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from keitai.db import db
from keitai.features.blog import imports, schedule
from keitai.feeds.parse import Entry
from keitai.models.base import utcnow
from keitai.models.blog import MemberBlog
from keitai.models.job import Job
from keitai.uow import unit_of_work


def _blogs(app, member, count: int, *, state: str = "active", due_minutes: float = -1) -> None:
    ids = [member(f"ぶろぐ{n}") for n in range(count)]
    with app.app_context():
        for member_id in ids:
            db.session.add(MemberBlog(member_id=member_id, feed_url="http://blog.example.com/",
                                      visibility="friends", state=state, failures=0,
                                      next_fetch_at=utcnow() + timedelta(minutes=due_minutes)))
        db.session.commit()


def _jobs(app) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Job).where(
            Job.kind == "blog.fetch")))


def _enqueue(app, now: datetime) -> int:
    with app.app_context(), unit_of_work() as session:
        return schedule.enqueue_due(session, now)


def test_due_blogs_are_queued_in_batches_once_each_and_not_before_the_next_turn(
        app, member) -> None:
    schedule_batch, schedule.BATCH = schedule.BATCH, 3
    try:
        _blogs(app, member, 5)
        _blogs(app, member, 2, state="paused")
        _blogs(app, member, 2, due_minutes=10)
        now = utcnow()
        assert [_enqueue(app, now) for _ in range(3)] == [3, 2, 0]
        assert _jobs(app) == 5
        assert _enqueue(app, now + timedelta(minutes=20)) == 2  # the two not due before
        later = now + timedelta(minutes=31)  # the next turn of the first five
        assert [_enqueue(app, later) for _ in range(3)] == [3, 2, 0]
    finally:
        schedule.BATCH = schedule_batch


def test_two_workers_at_once_queue_each_blog_once(app, member) -> None:
    _blogs(app, member, 30)
    now, counts, start = utcnow(), [], threading.Barrier(2)

    def work() -> None:
        start.wait()
        total = 0
        while (done := _enqueue(app, now)) > 0:
            total += done
        counts.append(total)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 30 and _jobs(app) == 30


def _entry(n: int, *, title: str = "", summary: str = "", hours: float | None = 1) -> Entry:
    return Entry(link=f"http://blog.example.com/{n}", title=title or f"記事{n}",
                 summary=summary, guid=None,
                 published=None if hours is None else utcnow() - timedelta(hours=hours))


def test_an_entry_becomes_a_title_within_the_limit_and_its_first_lines() -> None:
    long_title = "あ" * 80
    assert imports.title_of(_entry(1, title=long_title)) == "あ" * 49 + "…"
    assert imports.title_of(_entry(1, title="  二つの\n 行  ")) == "二つの 行"
    text = "一行目\n\n  二行目  です\n" + "長" * 300
    body = imports.body_of(_entry(1, summary=text))
    assert body.startswith("一行目\n二行目 です\n長") and body.endswith("…")
    assert len(body) == imports.BODY_CHARS
    many = "\n".join(f"{n}行" for n in range(10))
    assert imports.body_of(_entry(1, summary=many)) == "0行\n1行\n2行\n3行\n4行…"
    assert imports.body_of(_entry(1, summary="短い")) == "短い"
    assert imports.body_of(_entry(1, summary="🌸" * 250)) == "🌸" * 199 + "…"


def test_entries_are_newest_first_and_a_future_date_is_clamped_to_now() -> None:
    entries = [_entry(1, hours=5), _entry(2, hours=None), _entry(3, hours=1),
               _entry(3, hours=1), _entry(4, hours=-48)]
    assert [e.link[-1] for e in imports.usable(entries)] == ["4", "2", "3", "1"]
    now = datetime(2026, 12, 7, tzinfo=UTC)
    future = _entry(4, hours=-48)
    assert future.published is not None and min(future.published, now) == now
