"""Enqueue a fetch of each member's blog that is due (the worker's maintenance calls it).

Blogs are claimed as keitai.feeds.schedule.claim_due says, in the transaction that enqueues
their jobs, so two workers never queue one blog twice; the job then sets the next time from
how the fetch went. A paused blog is never due.
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy.orm import Session

from keitai import jobs
from keitai.features.blog.service import ACTIVE, JOB
from keitai.feeds.schedule import claim_due
from keitai.models.blog import MemberBlog

#: blogs queued per call (the maintenance calls again until nothing is left)
BATCH = 100


def enqueue_due(session: Session, now: datetime) -> int:
    """Enqueue a fetch of each member's blog that is due.

    Return how much this call did (0: nothing left to do now)."""
    claimed = claim_due(session, MemberBlog.member_id, MemberBlog.next_fetch_at,
                        MemberBlog.state == ACTIVE, now=now,
                        every_minutes=float(current_app.config["BLOG_FETCH_MINUTES"]),
                        batch=BATCH)
    for member_id in claimed:
        jobs.enqueue(JOB, {"member_id": member_id}, session=session)
    return len(claimed)
