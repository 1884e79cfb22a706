"""Fetch one news feed and store what is new: the worker's job and `keitai news fetch`.

The feed's validators are read, and the read transaction ended, before the network is
touched: no transaction stays open while another site answers. What came is then written in
the caller's unit of work (the job's, committed with the job; the command's): the new items
(an item whose link is known already, from any feed, is not added again), the feed's state,
and old items deleted. Machine-dependent characters (①, ㈱, 髙), which docomo handsets refuse,
are stored in standard ones. A fetch that fails is recorded on the feed and tried again later,
backed off; it never raises.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import delete, update

from keitai.db import db
from keitai.features.news import hot
from keitai.feeds.fetch import FetchFailed, fetch
from keitai.feeds.parse import Entry, Feed, FeedUnreadable, parse_feed
from keitai.feeds.schedule import wait_after_failures
from keitai.feeds.standard import standard_characters
from keitai.models.base import utcnow
from keitai.models.news import (
    ERROR_MAX,
    FEED_TITLE_MAX,
    ITEM_TITLE_MAX,
    LINK_MAX,
    SOURCE_MAX,
    NewsFeed,
    NewsItem,
)
from keitai.upsert import dialect_insert

#: at most this many entries of one fetch are kept (the newest)
ENTRIES_PER_FETCH = 30


@dataclass
class Outcome:
    """What one fetch of a feed did."""

    feed_id: int
    url: str
    #: 200 or 304 when the fetch worked; None when it failed
    status: int | None = None
    #: the titles of the items added
    added: list[str] = field(default_factory=list)
    #: entries the feed had that were known already (by link)
    known: int = 0
    #: why it failed (None when it worked), or the parser's note on broken XML
    error: str | None = None
    problem: str | None = None


def fetch_minutes() -> float:
    """Return how often a feed is fetched, in minutes (NEWS_FETCH_MINUTES)."""
    return float(current_app.config["NEWS_FETCH_MINUTES"])


def backoff(failures: int) -> timedelta:
    """Return how long a feed that failed `failures` times in a row waits for its next try."""
    return wait_after_failures(fetch_minutes(), failures)


def refresh(feed_id: int, now: datetime | None = None) -> Outcome | None:
    """Fetch a feed now and store what came, in the caller's unit of work; None when the
    feed is gone. The caller's session must have nothing unwritten: its read transaction is
    ended before the fetch."""
    session = db.session()
    feed = session.get(NewsFeed, feed_id)
    if feed is None:
        return None
    url, etag, last_modified = feed.url, feed.etag, feed.last_modified
    session.rollback()  # nothing of ours stays open while the other site answers
    outcome = Outcome(feed_id, url)
    parsed: Feed | None = None
    try:
        got = fetch(url, etag=etag, last_modified=last_modified)
        if got.status != 304:
            parsed = parse_feed(got.body, got.content_type)
    except (FetchFailed, FeedUnreadable) as failed:
        outcome.error = failed.reason[:ERROR_MAX]
        _failed(feed_id, outcome.error, now or utcnow())
        return outcome
    at = now or utcnow()
    outcome.status = got.status
    values: dict[str, Any] = {"etag": _cut(got.etag, 200), "failures": 0, "last_error": None,
                              "last_modified": _cut(got.last_modified, 100),
                              "last_fetched_at": at,
                              "next_fetch_at": at + timedelta(minutes=fetch_minutes())}
    if parsed is not None:
        outcome.problem = parsed.problem
        values["last_error"] = _cut(parsed.problem, ERROR_MAX)
        if parsed.title:
            values["title"] = standard_characters(parsed.title)[:FEED_TITLE_MAX]
        _store(feed_id, parsed, url, at, outcome)
    session.execute(update(NewsFeed).where(NewsFeed.id == feed_id).values(**values)
                    .execution_options(synchronize_session=False))
    forget_old(at)
    return outcome


def _cut(text: str | None, limit: int) -> str | None:
    return text[:limit] if text else None


def _failed(feed_id: int, reason: str, at: datetime) -> None:
    """Record a failed fetch: why, one more failure, the next try backed off."""
    session = db.session()
    feed = session.get(NewsFeed, feed_id)
    if feed is None:  # removed while it was being fetched
        return
    feed.failures += 1
    feed.last_error = reason
    feed.next_fetch_at = at + backoff(feed.failures)


def newest_entries(entries: list[Entry], limit: int = ENTRIES_PER_FETCH) -> list[Entry]:
    """Return at most `limit` entries with a link we can keep, the newest first (those
    without a date keep the feed's order, after the dated ones)."""
    usable = [entry for entry in entries if len(entry.link) <= LINK_MAX]
    dated = sorted((entry for entry in usable if entry.published is not None),
                   key=lambda entry: entry.published or utcnow(), reverse=True)
    return (dated + [entry for entry in usable if entry.published is None])[:limit]


def source_of(feed: Feed, url: str) -> str:
    """Return the name an item's source is shown as: the feed's title, else its host."""
    return standard_characters(feed.title or urlsplit(url).hostname or "")[:SOURCE_MAX]


def _store(feed_id: int, parsed: Feed, url: str, at: datetime, outcome: Outcome) -> None:
    """Add the entries whose link is new; note the titles added and how many were known."""
    feed = db.session.get(NewsFeed, feed_id)
    if feed is None:  # removed while it was being fetched
        return
    source = source_of(parsed, url)
    rows, seen = [], set()
    for entry in newest_entries(parsed.entries):
        if entry.link in seen:
            continue
        seen.add(entry.link)
        # a date in the future (a wrong clock, a scheduled post) would stay on top for days
        published = entry.published if entry.published and entry.published < at else at
        rows.append({"feed_id": feed_id, "category": feed.category,
                     "title": standard_characters(entry.title)[:ITEM_TITLE_MAX],
                     "summary": standard_characters(entry.summary),
                     "source": source, "link": entry.link, "published_at": published,
                     "created_at": at, "picked_at": None})
    if not rows:
        return
    # an existing link (from this feed or another) is skipped, on SQLite and PostgreSQL alike
    statement = (dialect_insert(NewsItem).values(rows).on_conflict_do_nothing()
                 .returning(NewsItem.title))
    outcome.added = list(db.session.scalars(statement))
    outcome.known = len(rows) - len(outcome.added)
    if outcome.added:
        hot.headlines_changed()


def forget_old(now: datetime) -> int:
    """Delete the items older than NEWS_KEEP_DAYS that are not picked; return how many."""
    cutoff = now - timedelta(days=int(current_app.config["NEWS_KEEP_DAYS"]))
    result = db.session.execute(
        delete(NewsItem).where(NewsItem.published_at < cutoff, NewsItem.picked_at.is_(None))
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)
