"""Enqueue a fetch of each news feed that is due (the worker's maintenance calls it).

Feeds are claimed as keitai.feeds.schedule.claim_due says, in the transaction that enqueues
their jobs, so two workers never enqueue one feed twice; the job itself sets the next fetch
once it knows how the fetch went.
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy.orm import Session

from keitai import jobs
from keitai.feeds.schedule import claim_due
from keitai.models.news import NewsFeed

#: the job that fetches one feed: {"feed_id": id}
JOB = "news.fetch"
#: feeds claimed per call (the maintenance calls again until one claims none)
BATCH = 50


def enqueue_due(session: Session, now: datetime) -> int:
    """Enqueue a fetch of each news feed that is due.

    Return how much this call did (0: nothing left to do now)."""
    claimed = claim_due(session, NewsFeed.id, NewsFeed.next_fetch_at, now=now,
                        every_minutes=float(current_app.config["NEWS_FETCH_MINUTES"]),
                        batch=BATCH)
    for feed_id in claimed:
        jobs.enqueue(JOB, {"feed_id": feed_id}, session=session)
    return len(claimed)
