"""News writes by operators: add and remove feeds, pick and unpick items.

Items themselves are written only by the worker (keitai.features.news.refresh). Every write
here forgets home's headlines once its unit of work commits.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from keitai.db import db
from keitai.domain import Conflict, DomainError, NotFound
from keitai.features.news import hot
from keitai.features.news.categories import BY_SLUG
from keitai.models.base import utcnow
from keitai.models.news import LINK_MAX, NewsFeed, NewsItem


class NewsItemNotFound(NotFound):
    """No such news item (or it was deleted as old)."""

    default_message = "このニュースは見つかりません。"


class NewsFeedNotFound(NotFound):
    """No such feed."""

    default_message = "このフィードは登録されていません。"


class BadFeed(DomainError):
    """A feed address or category an operator typed is not one we can use."""


class FeedExists(Conflict):
    """The feed is registered already."""

    default_message = "このフィードはもう登録されています。"


#: what an operator is told when a feed address is no http/https address with a host
BAD_URL = "フィードのURLは http:// か https:// で始まるアドレスにしてください。"


def checked_url(url: str) -> str:
    """Return a feed address as stored, or raise BadFeed: http/https with a host."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # a port that is no number, brackets that close nothing
        raise BadFeed(BAD_URL) from None
    if parts.scheme not in ("http", "https") or not host:
        raise BadFeed(BAD_URL)
    if len(url) > LINK_MAX:
        raise BadFeed(f"フィードのURLは{LINK_MAX}文字までにしてください。")
    return url


def checked_category(slug: str) -> str:
    """Return a category slug, or raise BadFeed naming the slugs there are."""
    slug = slug.strip().lower()
    if slug not in BY_SLUG:
        raise BadFeed("カテゴリは次のどれかにしてください: " + ", ".join(BY_SLUG))
    return slug


def add_feed(url: str, category: str) -> NewsFeed:
    """Register a feed of a category; its first fetch is due at once."""
    url, category = checked_url(url), checked_category(category)
    if db.session.scalar(select(NewsFeed.id).where(NewsFeed.url == url)) is not None:
        raise FeedExists()
    feed = NewsFeed(url=url, category=category, title="", failures=0, next_fetch_at=utcnow())
    db.session.add(feed)
    db.session.flush()
    return feed


def remove_feed(feed_id: int) -> NewsFeed:
    """Stop fetching a feed; the items it brought stay (their feed becomes None)."""
    feed = db.session.get(NewsFeed, feed_id)
    if feed is None:
        raise NewsFeedNotFound()
    db.session.delete(feed)
    db.session.flush()
    return feed


def feeds() -> list[NewsFeed]:
    """Return every feed, by id."""
    return list(db.session.scalars(select(NewsFeed).order_by(NewsFeed.id)))


def item(item_id: int) -> NewsItem:
    """Return an item, or raise NewsItemNotFound."""
    found = db.session.get(NewsItem, item_id)
    if found is None:
        raise NewsItemNotFound()
    return found


def pick(item_id: int) -> NewsItem:
    """Make an item ピックアップ (picking it again makes it the newest pick)."""
    found = item(item_id)
    found.picked_at = utcnow()
    hot.headlines_changed()
    return found


def unpick(item_id: int) -> NewsItem:
    """Take an item out of ピックアップ (nothing when it was not picked)."""
    found = item(item_id)
    if found.picked_at is not None:
        found.picked_at = None
        hot.headlines_changed()
    return found


def recent(limit: int) -> list[NewsItem]:
    """Return the newest items, as the operators' console lists them."""
    return list(db.session.scalars(select(NewsItem).order_by(
        NewsItem.published_at.desc(), NewsItem.id.desc()).limit(limit)))
