"""The worker's side of notices by mail: take a member's waiting notices of a kind, mail them.

The job claims the batch atomically: it locks the member's window row of that kind (on
PostgreSQL with SKIP LOCKED: when another worker or a request holds it, the job comes back a
moment later), then deletes the waiting notices it read (locked with SKIP LOCKED) in the same
transaction that queues their mail and marks the job done. Two workers never mail the same
notice, and a notice is never lost: if anything fails, the transaction rolls back with it.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import Row, case, delete, exists, or_, select, update
from sqlalchemy.orm import Session

from keitai import jobs, mail
from keitai.db import db
from keitai.jobs import enqueue
from keitai.models.member import Member
from keitai.models.notice import Notice, NoticeDay, NoticeWindow
from keitai.notices import JOB, batch_window, clock, prefs, unsubscribe
from keitai.notices import KINDS as NOTICE_KINDS
from keitai.notices.kinds import BY_NAME
from keitai.timefmt import JST
from keitai.upsert import insert_ignore

log = logging.getLogger(__name__)


#: when another worker or a request holds a member's window, the job looks again this much later
BUSY_RETRY_SECONDS = 10


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _again(member_id: int, kind: str, seconds: float) -> None:
    """Queue this job again, in the handler's transaction: it is not this job's turn yet."""
    enqueue(JOB, {"member_id": member_id, "kind": kind}, delay_seconds=max(seconds, 1.0))


def claim(session: Session, member_id: int, kind: str) -> list[Row[Any]]:
    """Take the member's waiting notices of kind out of the table (uncommitted); return them.

    None are taken while another worker or a request holds the window (the job comes back
    in a moment), nor before the window since the last mail of this kind is over (the job
    comes back then): a duplicate job can neither send a batch twice nor early.
    """
    mine = (NoticeWindow.member_id == member_id, NoticeWindow.kind == kind)
    lock = select(NoticeWindow.last_sent_at).where(*mine)
    window = session.execute(lock.with_for_update(skip_locked=True) if _postgresql(session)
                             else lock).first()
    if window is None:
        if session.scalar(select(exists().where(*mine))):
            _again(member_id, kind, BUSY_RETRY_SECONDS)
        return []  # else the member is gone, and their notices with them
    now = clock.now()
    if window.last_sent_at is not None and now < window.last_sent_at + batch_window():
        _again(member_id, kind, (window.last_sent_at + batch_window() - now).total_seconds())
        return []
    session.execute(update(NoticeWindow).where(*mine).values(scheduled=False)
                    .execution_options(synchronize_session=False))
    waiting = (select(Notice.id, Notice.actor_id, Notice.endpoint, Notice.values)
               .where(Notice.recipient_id == member_id, Notice.kind == kind)
               .order_by(Notice.id))
    rows = list(session.execute(waiting.with_for_update(skip_locked=True)
                                if _postgresql(session) else waiting).all())
    if rows:
        session.execute(delete(Notice).where(Notice.id.in_([row.id for row in rows]))
                        .execution_options(synchronize_session=False))
    return rows


def take_daily_slot(session: Session, member_id: int, now: datetime) -> bool:
    """Count one more notice mail today (Japan time); False when the member had the cap."""
    cap = int(current_app.config["NOTICE_DAILY_CAP"])
    if cap <= 0:
        return False
    today = now.astimezone(JST).date()
    insert_ignore(NoticeDay, {"member_id": member_id, "day": today, "mails": 0})
    counted = session.execute(
        update(NoticeDay)
        .where(NoticeDay.member_id == member_id,
               or_(NoticeDay.day != today, NoticeDay.mails < cap))
        .values(mails=case((NoticeDay.day == today, NoticeDay.mails + 1), else_=1), day=today)
        .execution_options(synchronize_session=False))
    return getattr(counted, "rowcount", 0) == 1


def _link(endpoint: str, address: str, values: dict[str, Any]) -> str:
    return mail.link(endpoint, address, **{key: str(value) for key, value in values.items()})


def send_batch(session: Session, member_id: int, kind: str, batch: list[Row[Any]]) -> bool:
    """Queue the mail of a claimed batch (one notice, or a digest); False when none goes."""
    member = session.get(Member, member_id)
    now = clock.now()
    if member is None or kind in prefs.kinds_off(member_id):
        return False  # gone, or turned that kind off while the notices waited
    if not take_daily_slot(session, member_id, now):
        log.info("notice mails of member %s: the daily cap is reached, %d dropped",
                 member_id, len(batch))
        return False
    session.execute(update(NoticeWindow)
                    .where(NoticeWindow.member_id == member_id, NoticeWindow.kind == kind)
                    .values(last_sent_at=now).execution_options(synchronize_session=False))
    address = member.mobile_email or member.email
    actor = None
    if len(batch) == 1:
        url = _link(batch[0].endpoint, address, batch[0].values)
        if batch[0].actor_id is not None:
            actor = session.scalar(select(Member.nickname).where(Member.id == batch[0].actor_id))
    else:
        about = BY_NAME[kind]
        url = _link(about.list_endpoint, address, about.list_values(member_id))
    off_url = mail.link("notices.off", address, t=unsubscribe.token(member_id, kind))
    mail.send(address, f"mail/notice_{kind}.txt", count=len(batch), actor=actor, url=url,
              off_url=off_url, member=member)
    return True


@jobs.handler(JOB)
def send_waiting(payload: dict[str, Any]) -> None:
    """Mail a member's waiting notices of one kind (the payload names both)."""
    member_id, kind = int(payload["member_id"]), str(payload["kind"])
    if kind not in NOTICE_KINDS:
        raise jobs.Permanent(f"no notice of kind {kind!r}")
    session = db.session()
    batch = claim(session, member_id, kind)
    if batch:
        send_batch(session, member_id, kind, batch)
