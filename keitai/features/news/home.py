"""Home's ニュース area: the top headlines, the operators' latest picks first, then the newest.

Home reads it in its one round trip to Redis (keitai.cache.cached_many) under one site-wide
key (keitai.features.news.hot); without Redis it costs one statement.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, literal, select, union_all

from keitai.db import db
from keitai.features.news import hot
from keitai.features.news.texts import SOURCE_SHOWN, headline
from keitai.models.base import utcnow
from keitai.models.news import NewsItem

#: a pick leads home for this long after it was picked (it stays on /news/pickup)
HOME_PICK_HOURS = 24
#: one cache entry as keitai.cache.cached_many takes it: key, seconds, compute
Entry = tuple[str, int, Callable[[], Any]]


@dataclass(frozen=True, slots=True)
class Headline:
    """One headline as home shows it."""

    id: int
    title: str
    source: str
    picked: bool


@cache
def _top() -> Select[Any]:
    """Build, once, the statement that reads the latest picks and the newest items together."""
    columns = (NewsItem.id, NewsItem.title, NewsItem.source, NewsItem.published_at,
               NewsItem.picked_at)
    picks = (select(*columns, literal(1).label("picked"))
             .where(NewsItem.picked_at >= bindparam("since"))
             .order_by(NewsItem.picked_at.desc()).limit(bindparam("size")).subquery())
    newest = (select(*columns, literal(0).label("picked"))
              .order_by(NewsItem.published_at.desc(), NewsItem.id.desc())
              .limit(bindparam("size")).subquery())
    return select(union_all(select(*picks.c), select(*newest.c)).subquery())


def _order(row: Any) -> tuple[int, float, int]:
    """Sort picks first (newest pick first), then items newest first."""
    at = row.picked_at if row.picked else row.published_at
    return (0 if row.picked else 1, -at.timestamp(), -row.id)


def read_top(size: int = hot.HOME_SIZE) -> list[list[Any]]:
    """Read the top `size` headlines as JSON lists: id, title (cut), source, picked."""
    since = utcnow() - timedelta(hours=HOME_PICK_HOURS)
    rows = sorted(db.session.execute(_top(), {"since": since, "size": size}), key=_order)
    seen: set[int] = set()
    top: list[list[Any]] = []
    for row in rows:
        if row.id not in seen and len(top) < size:
            seen.add(row.id)
            top.append([row.id, headline(row.title), headline(row.source, SOURCE_SHOWN),
                        bool(row.picked)])
    return top


def entries() -> list[Entry]:
    """Return the cache entry home reads for its ニュース area."""
    return [(hot.home_key(), hot.HOME_SECONDS, read_top)]


def area(found: list[list[Any]]) -> list[Headline]:
    """Return the headlines from what `entries` gave."""
    return [Headline(int(item[0]), str(item[1]), str(item[2]), bool(item[3]))
            for item in found]
