"""Enqueue a fetch of each member's blog that is due (the worker's maintenance calls it).

A due blog is claimed by moving its next_fetch_at a full interval forward in the same
statement that finds it due (on PostgreSQL the candidates are locked with SKIP LOCKED), so
two workers never queue the same blog twice; the job then sets the next time from how the
fetch went. A paused blog is never due.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from keitai import jobs
from keitai.features.blog.service import ACTIVE, JOB
from keitai.models.blog import MemberBlog

#: blogs queued per call (the maintenance calls again until nothing is left)
BATCH = 100


def enqueue_due(session: Session, now: datetime) -> int:
    """Enqueue a fetch of each member's blog that is due.

    Return how much this call did (0: nothing left to do now)."""
    due = (MemberBlog.state == ACTIVE, MemberBlog.next_fetch_at <= now)
    candidates = (select(MemberBlog.member_id).where(*due)
                  .order_by(MemberBlog.next_fetch_at).limit(BATCH))
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list(session.scalars(candidates))
    if not ids:
        return 0
    later = now + timedelta(minutes=current_app.config["BLOG_FETCH_MINUTES"])
    claimed = session.scalars(
        update(MemberBlog).where(MemberBlog.member_id.in_(ids), *due)
        .values(next_fetch_at=later).returning(MemberBlog.member_id)
        .execution_options(synchronize_session=False)).all()
    for member_id in claimed:
        jobs.enqueue(JOB, {"member_id": int(member_id)}, session=session)
    return len(claimed)
