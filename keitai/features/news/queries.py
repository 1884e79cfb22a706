"""News reads for the pages: a category's headlines, every category's newest, the picks."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from keitai.db import db
from keitai.models.news import NewsItem
from keitai.pagination import AnySelect

#: what a headline line needs
_LINE = (NewsItem.id, NewsItem.title, NewsItem.source, NewsItem.published_at)


def category_lines(slug: str) -> AnySelect:
    """Return the headlines of a category, newest first (to be paged)."""
    return (select(*_LINE).where(NewsItem.category == slug)
            .order_by(NewsItem.published_at.desc(), NewsItem.id.desc()))


def newest_lines() -> AnySelect:
    """Return every category's headlines, newest first (to be paged)."""
    return select(*_LINE).order_by(NewsItem.published_at.desc(), NewsItem.id.desc())


def picked_lines() -> AnySelect:
    """Return the operators' picks, the newest pick first (to be paged)."""
    return (select(*_LINE).where(NewsItem.picked_at.is_not(None))
            .order_by(NewsItem.picked_at.desc(), NewsItem.id.desc()))


def latest_picks(size: int) -> list[Any]:
    """Return the newest `size` picks."""
    return list(db.session.execute(picked_lines().limit(size)))
