"""Enqueue a fetch of each news feed that is due (the worker's maintenance calls it).

A feed is claimed by moving its next_fetch_at forward with a conditional UPDATE in the same
transaction that enqueues its job: of two workers looking at once, only the one whose UPDATE
changed the row enqueues it (on PostgreSQL the second skips the rows the first has locked).
The job itself sets the next fetch once it knows how the fetch went.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from keitai import jobs
from keitai.models.news import NewsFeed

#: the job that fetches one feed: {"feed_id": id}
JOB = "news.fetch"
#: feeds claimed per call (the maintenance calls again until one claims none)
BATCH = 50


def enqueue_due(session: Session, now: datetime) -> int:
    """Enqueue a fetch of each news feed that is due.

    Return how much this call did (0: nothing left to do now)."""
    due = (select(NewsFeed.id).where(NewsFeed.next_fetch_at <= now)
           .order_by(NewsFeed.next_fetch_at, NewsFeed.id).limit(BATCH))
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    # never `now` itself: the maintenance calls again until a call claims nothing
    later = now + max(timedelta(minutes=float(current_app.config["NEWS_FETCH_MINUTES"])),
                      timedelta(seconds=1))
    claimed = 0
    for feed_id in list(session.scalars(due)):
        moved = session.execute(
            update(NewsFeed).where(NewsFeed.id == feed_id, NewsFeed.next_fetch_at <= now)
            .values(next_fetch_at=later).execution_options(synchronize_session=False))
        if getattr(moved, "rowcount", 0):
            jobs.enqueue(JOB, {"feed_id": feed_id}, session=session)
            claimed += 1
    return claimed
