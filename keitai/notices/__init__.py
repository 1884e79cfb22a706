"""Notices by mail: tell a member, at their mobile address, that something happened.

notify() is called by the feature services in the caller's unit of work: it writes a notice
row (unless the member turned that kind off, or the actor is the member or a block stands
between them) and, when none is queued yet, a send job for the member's notices of that kind.
Nothing is mailed in the request. The job (keitai.notices.jobs) waits a short gather delay,
and at least NOTICE_BATCH_MINUTES after the last mail of that kind, then takes every notice
waiting and mails them as one: the item's page for one notice, a digest linking to the list
page of that kind for several. A member gets at most NOTICE_DAILY_CAP notice mails a Japan
day; beyond it the notices are dropped (the home page's badges still count what is new).
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, false, insert, or_, select, update

from keitai.db import db
from keitai.jobs import enqueue
from keitai.models.notice import Notice, NoticeOff, NoticeWindow
from keitai.notices import clock
from keitai.privacy import blocked_expr
from keitai.upsert import insert_ignore

#: the kinds of notice, in the order /settings/notices lists them
KINDS = ("message", "friend_request", "diary_comment", "topic_comment", "comment_reply",
         "event_tomorrow", "endorsement", "friend_joined")
#: the job that mails a member's waiting notices of one kind
JOB = "notice.send"
#: how long the first notice of a window waits for others to join it (a burst of comments
#: then goes as one digest); never longer than the batch window itself
GATHER_SECONDS = 60


def batch_window() -> timedelta:
    """Return the shortest time between two mails of one kind to one member."""
    return timedelta(minutes=float(current_app.config["NOTICE_BATCH_MINUTES"]))


def gather_delay() -> timedelta:
    """Return how long a notice that opens a window waits before its mail goes."""
    return min(timedelta(seconds=GATHER_SECONDS), batch_window())


def notify(recipient_id: int, kind: str, endpoint: str, values: dict[str, str | int],
           actor_id: int | None = None) -> None:
    """Note that something of kind happened for recipient_id, its page being endpoint with
    values (url_for arguments); the notice mail goes later, batched. actor_id: who did it
    (nobody is told of what they did themselves; a blocked actor tells nobody)."""
    if kind not in KINDS:
        raise ValueError(f"no notice of kind {kind!r}")
    if actor_id is not None and actor_id == recipient_id:
        return
    turned_off = exists().where(NoticeOff.member_id == recipient_id, NoticeOff.kind == kind)
    blocked = blocked_expr(actor_id, recipient_id) if actor_id is not None else false()
    if db.session.scalar(select(or_(turned_off, blocked))):
        return
    db.session.execute(insert(Notice).values(
        recipient_id=recipient_id, kind=kind, actor_id=actor_id, endpoint=endpoint,
        values=dict(values), created_at=clock.now()))
    _schedule(recipient_id, kind)


def _schedule(member_id: int, kind: str) -> None:
    """Queue the send job of the member's notices of kind, unless one is queued already.

    The window row is locked first: a job taking the notices holds the same lock, so a notice
    is either taken by a running job or sees that job's end and queues the next.
    """
    insert_ignore(NoticeWindow, {"member_id": member_id, "kind": kind, "scheduled": False,
                                 "last_sent_at": None})
    mine = (NoticeWindow.member_id == member_id, NoticeWindow.kind == kind)
    window = db.session.execute(select(NoticeWindow.scheduled, NoticeWindow.last_sent_at)
                                .where(*mine).with_for_update()).one()
    if window.scheduled:
        return
    db.session.execute(update(NoticeWindow).where(*mine).values(scheduled=True)
                       .execution_options(synchronize_session=False))
    now = clock.now()
    due = now + gather_delay()
    if window.last_sent_at is not None:
        due = max(due, window.last_sent_at + batch_window())
    enqueue(JOB, {"member_id": member_id, "kind": kind},
                 delay_seconds=(due - now).total_seconds())
