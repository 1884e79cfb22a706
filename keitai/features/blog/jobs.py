"""The blog job: fetch one member's blog and import its new entries as their diaries.

The fetch runs outside any database transaction (the blog's address and validators are read
first, that read ends, then the network). A failed fetch raises nothing: the blog records
why (the member reads it on /settings/blog), its next fetch backs off, and a failure no retry
can mend (a refused address, 404/410), or BLOG_MAX_FAILURES in a row, pauses it until the
member resumes it. Only database trouble raises, and the worker tries the job again.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app

from keitai import jobs
from keitai.db import db
from keitai.features.blog import imports
from keitai.features.blog.service import ACTIVE, JOB, PAUSED
from keitai.feeds.discover import discover_feed
from keitai.feeds.fetch import Fetched, FetchFailed, fetch
from keitai.feeds.parse import Feed, FeedUnreadable, parse_feed
from keitai.feeds.schedule import wait_after_failures
from keitai.models.base import utcnow
from keitai.models.blog import NOTE_MAX, URL_MAX, MemberBlog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What a fetch came to: a feed (None after a 304), or a failure's reason."""

    fetched: Fetched | None = None
    feed: Feed | None = None
    #: the feed's address when it was found on the blog page the member registered
    feed_url: str | None = None
    reason: str | None = None
    permanent: bool = False


def _discovered(fetched: Fetched) -> str | None:
    """Return the feed address a blog page (HTML) names, if it names one."""
    if "html" not in (fetched.content_type or "").lower():
        return None
    found = discover_feed(fetched.body, fetched.url)
    return found if found and len(found.encode("utf-8")) <= URL_MAX else None


def _fetch(url: str, etag: str | None, last_modified: str | None,
           may_discover: bool) -> Outcome:
    """Fetch and parse the feed at url (or the one its blog page names); never raise for the
    network or the feed."""
    try:
        fetched = fetch(url, etag=etag, last_modified=last_modified)
        if fetched.status == 304:
            return Outcome(fetched)
        try:
            return Outcome(fetched, parse_feed(fetched.body, fetched.content_type))
        except FeedUnreadable:
            found = _discovered(fetched) if may_discover else None
            if found is None:
                raise
        again = fetch(found)
        return Outcome(again, parse_feed(again.body, again.content_type), feed_url=found)
    except FetchFailed as failed:
        return Outcome(reason=failed.reason, permanent=failed.permanent)
    except FeedUnreadable as unreadable:
        return Outcome(reason=unreadable.reason)


def _backoff(failures: int) -> timedelta:
    """Return the wait before the next fetch after failures in a row."""
    return wait_after_failures(float(current_app.config["BLOG_FETCH_MINUTES"]), failures)


def record(blog: MemberBlog, outcome: Outcome, now: datetime) -> int:
    """Write what the fetch came to on the blog (and its new entries); return how many
    entries were imported."""
    blog.last_fetched_at = now
    if outcome.reason is not None:
        blog.failures += 1
        blog.last_error, blog.last_error_at = outcome.reason[:NOTE_MAX], now
        blog.next_fetch_at = now + _backoff(blog.failures)
        if outcome.permanent or blog.failures >= current_app.config["BLOG_MAX_FAILURES"]:
            blog.state = PAUSED
        return 0
    blog.failures, blog.last_error, blog.last_error_at = 0, None, None
    blog.next_fetch_at = now + timedelta(minutes=current_app.config["BLOG_FETCH_MINUTES"])
    if outcome.feed_url is not None:
        blog.feed_url = outcome.feed_url
    if outcome.fetched is not None:
        blog.etag = (outcome.fetched.etag or "")[:NOTE_MAX] or None
        blog.last_modified = (outcome.fetched.last_modified or "")[:100] or None
    added = 0
    if outcome.feed is not None:
        blog.site_title = outcome.feed.title[:200] or blog.site_title
        blog.last_problem = (outcome.feed.problem or "")[:NOTE_MAX] or None
        added = imports.import_entries(blog, outcome.feed.entries, now)
    blog.last_success_at = now
    return added


@jobs.handler(JOB)
def fetch_blog(payload: dict[str, Any]) -> None:
    """Fetch a member's blog and import its new entries (nothing when it is gone or paused)."""
    member_id = int(payload["member_id"])
    session = db.session()
    blog = session.get(MemberBlog, member_id)
    if blog is None or blog.state != ACTIVE:
        session.rollback()
        return
    url, etag, last_modified = blog.feed_url, blog.etag, blog.last_modified
    first = blog.last_success_at is None
    session.rollback()  # no transaction stays open while the network is slow
    outcome = _fetch(url, etag, last_modified, may_discover=first)
    blog = session.get(MemberBlog, member_id, with_for_update=True)
    if blog is None or blog.state != ACTIVE or blog.feed_url != url:
        return  # removed, paused or given a new address meanwhile: that fetch is queued
    added = record(blog, outcome, utcnow())
    log.info("blog of member %s fetched: %s", member_id,
             outcome.reason or f"{added} entries imported")
