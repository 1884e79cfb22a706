"""Batching: one mail of a kind per member per window, the rest as one digest; the daily cap;
and two workers never mailing one batch twice."""
from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta

from flask import Flask
from sqlalchemy import func, select

from keitai.db import db
from keitai.jobs import enqueue
from keitai.jobs.worker import Worker
from keitai.models.job import Job
from keitai.models.notice import Notice
from keitai.notices import JOB
from keitai.notices import jobs as notice_jobs
from keitai.timefmt import JST
from keitai.uow import unit_of_work
from simulator.mailbox import Mailbox
from tests.notices import actions
from tests.notices.conftest import Clock, links, notice_mails, path_of

Person = Callable[..., tuple[int, str]]


def subjects(mailbox: Mailbox, address: str) -> list[str]:
    """Return the subjects of the mails the address received, oldest first."""
    return [str(mail["Subject"]) for mail in notice_mails(mailbox, address)]


def waiting(app: Flask) -> int:
    """Return how many notices wait to be mailed."""
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Notice)) or 0)


def test_a_burst_of_50_comments_is_one_digest_mail_linking_to_my_diaries(
        app: Flask, logged_in, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    me, address = person("はなこ", "au")
    diary_id = actions.write_diary(app, me)
    commenters = [person(f"ファン{n}")[0] for n in range(5)]
    for n in range(50):
        actions.comment_on_diary(app, diary_id, commenters[n % 5], f"コメント{n}")
    clock.run(seconds=59)
    assert subjects(mailbox, address) == []
    clock.run(seconds=2)
    clock.run(hours=3)
    [mail] = notice_mails(mailbox, address)
    assert mail["Subject"] == "新着コメントが50件あります"
    assert "あなたの日記に新着コメントが50件あります。" in mail.get_content()
    page, _off = links(mail)
    assert "guid=ON" not in page  # au: nothing to add
    assert path_of(page) == f"/members/{me}/diary"
    assert "きょうの日記" in logged_in("au-W53CA", me).page(path_of(page))
    assert waiting(app) == 0


def test_a_notice_after_a_mail_waits_for_the_window_and_others_join_it(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    me, address = person("はなこ")
    other, _ = person("たろう")
    diary_id = actions.write_diary(app, me)
    actions.comment_on_diary(app, diary_id, other)
    clock.run(minutes=2)
    assert subjects(mailbox, address) == ["日記にコメントがありました"]
    actions.comment_on_diary(app, diary_id, other, "二つ目")
    clock.run(minutes=10)
    actions.comment_on_diary(app, diary_id, other, "三つ目")
    clock.run(minutes=19)  # 29 minutes after the first mail: the window of 30 is still shut
    assert len(subjects(mailbox, address)) == 1
    assert waiting(app) == 2
    clock.run(minutes=2)
    assert subjects(mailbox, address) == ["日記にコメントがありました", "新着コメントが2件あります"]
    # a kind of its own has a window of its own
    actions.friend_joined(app, me, other)
    clock.run(minutes=2)
    assert subjects(mailbox, address)[-1] == "招待した友人が参加しました"


def test_the_window_follows_the_batch_minutes_setting(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    app.config["NOTICE_BATCH_MINUTES"] = 5
    me, address = person("はなこ")
    other, _ = person("たろう")
    diary_id = actions.write_diary(app, me)
    actions.comment_on_diary(app, diary_id, other)
    clock.run(minutes=2)
    actions.comment_on_diary(app, diary_id, other, "二つ目")
    clock.run(minutes=2)  # 2 minutes after the mail
    assert len(subjects(mailbox, address)) == 1
    clock.run(minutes=4)  # 6 minutes after it
    assert len(subjects(mailbox, address)) == 2


def _next_japan_noon(now: datetime) -> datetime:
    return datetime.combine(now.astimezone(JST).date() + timedelta(days=1), time(12), JST)


def test_no_more_than_the_daily_cap_of_notice_mails_a_japan_day(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    app.config.update(NOTICE_DAILY_CAP=3, NOTICE_BATCH_MINUTES=1)
    clock.now = _next_japan_noon(clock.now)
    me, address = person("はなこ")
    other, _ = person("たろう")
    diary_id = actions.write_diary(app, me)
    for n in range(4):
        actions.comment_on_diary(app, diary_id, other, f"コメント{n}")
        clock.run(minutes=2)
    actions.send_message_by_service(app, other, me, "こんにちは")  # another kind: same cap
    clock.run(minutes=2)
    assert len(subjects(mailbox, address)) == 3
    assert waiting(app) == 0  # dropped, not kept for later
    clock.now = _next_japan_noon(clock.now) - timedelta(hours=12, minutes=1)  # 23:59
    actions.comment_on_diary(app, diary_id, other, "日付の変わる前")
    clock.run(seconds=30)
    assert len(subjects(mailbox, address)) == 3
    clock.run(minutes=2)  # 00:01 the next day in Japan: a new day's mails
    assert subjects(mailbox, address)[-1] == "日記にコメントがありました"


def _three_waiting_and_a_second_job(app: Flask, person: Person) -> tuple[int, str]:
    me, address = person("はなこ")
    other, _ = person("たろう")
    diary_id = actions.write_diary(app, me)
    for n in range(3):
        actions.comment_on_diary(app, diary_id, other, f"コメント{n}")
    with app.app_context(), unit_of_work():  # as a duplicate or a retried job would be
        enqueue(JOB, {"member_id": me, "kind": "diary_comment"})
    return me, address


def test_two_send_jobs_of_one_batch_mail_it_once(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    _me, address = _three_waiting_and_a_second_job(app, person)
    clock.run(minutes=2)
    clock.run(hours=2)
    assert subjects(mailbox, address) == ["新着コメントが3件あります"]


def test_two_workers_at_once_never_mail_the_same_batch_twice(
        app: Flask, database_url: str, person: Person, mailbox: Mailbox, clock: Clock,
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One worker holds the batch it claimed (on PostgreSQL the other runs meanwhile and
    finds it taken; SQLite has one writer at a time, so there the other runs after)."""
    _me, address = _three_waiting_and_a_second_job(app, person)
    claimed, go = threading.Event(), threading.Event()
    original = notice_jobs.send_batch

    def held(*args):  # type: ignore[no-untyped-def]
        if not claimed.is_set():
            claimed.set()
            go.wait(60)
        return original(*args)

    monkeypatch.setattr(notice_jobs, "send_batch", held)
    at = clock.advance(minutes=2)
    first = threading.Thread(target=Worker(app).drain, args=(at,))
    first.start()
    assert claimed.wait(60)
    if database_url.startswith("postgresql"):
        Worker(app).drain(at)  # the second job finds the batch held: it comes back later
        with app.app_context():
            states = list(db.session.scalars(select(Job.state).where(Job.kind == JOB)))
        assert sorted(states) == ["done", "pending", "running"]
    go.set()
    first.join(60)
    clock.run(hours=2)
    assert subjects(mailbox, address) == ["新着コメントが3件あります"]
    assert waiting(app) == 0


def test_a_stray_send_job_never_mails_before_the_window_is_over(
        app: Flask, person: Person, mailbox: Mailbox, clock: Clock) -> None:
    me, address = person("はなこ")
    other, _ = person("たろう")
    diary_id = actions.write_diary(app, me)
    actions.comment_on_diary(app, diary_id, other)
    clock.run(minutes=2)
    actions.comment_on_diary(app, diary_id, other, "二つ目")
    with app.app_context(), unit_of_work():
        enqueue(JOB, {"member_id": me, "kind": "diary_comment"})
    clock.run(minutes=1)
    assert len(subjects(mailbox, address)) == 1
    assert waiting(app) == 1
    clock.run(minutes=30)
    clock.run(hours=1)
    assert subjects(mailbox, address) == ["日記にコメントがありました"] * 2
