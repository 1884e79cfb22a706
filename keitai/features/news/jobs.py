"""The news jobs: fetch one feed and store what is new (keitai.features.news.refresh).

A fetch that fails is no failed job: it is recorded on the feed, and the schedule tries the
feed again later, backed off. Only an error of our own (the database) makes the job retry.
"""
from __future__ import annotations

import logging
from typing import Any

from keitai import jobs
from keitai.features.news.refresh import refresh
from keitai.features.news.schedule import JOB

log = logging.getLogger(__name__)


@jobs.handler(JOB)
def fetch_feed(payload: dict[str, Any]) -> None:
    """Fetch the feed and store its new items; record a failure on the feed."""
    outcome = refresh(int(payload["feed_id"]))
    if outcome is not None and outcome.error is not None:
        log.info("news feed %s failed: %s", outcome.url, outcome.error)
