"""ニュース: the operators' RSS/Atom feeds and the items fetched from them.

An item keeps its feed's category at the time it came; its link is unique across every feed,
so the same story from two feeds is one item. The operators' ピックアップ is picked_at.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: the longest feed address and item link kept (an index on them stays inside the B-tree's
#: row limit on PostgreSQL whatever the characters); an entry with a longer link is skipped
LINK_MAX = 600
#: the longest feed title, item title, source name and last error kept
FEED_TITLE_MAX = 200
ITEM_TITLE_MAX = 200
SOURCE_MAX = 100
ERROR_MAX = 200
#: the longest category slug
CATEGORY_MAX = 20


class NewsFeed(Base):
    """A feed an operator added (`keitai news add-feed`); the worker fetches it when due."""

    __tablename__ = "news_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(LINK_MAX), unique=True)
    category: Mapped[str] = mapped_column(String(CATEGORY_MAX))
    #: the feed's own title, from its last good fetch ("" before the first)
    title: Mapped[str] = mapped_column(String(FEED_TITLE_MAX), default="")
    #: the validators of the last good fetch, sent back for a conditional GET
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    #: when the worker next enqueues a fetch (moved forward when it does)
    next_fetch_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: the last fetch that worked (a 304 included)
    last_fetched_at: Mapped[datetime | None] = mapped_column()
    #: fetches failed in a row (0 after one that worked), and why the last one failed
    failures: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(ERROR_MAX))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NewsItem(Base):
    """One headline: what the list, the item's page and home show."""

    __tablename__ = "news_items"
    __table_args__ = (
        # a category's headlines, newest first
        Index("ix_news_items_category_published_at", "category", "published_at"),
        # every category's newest (/news and home), and the old ones the worker deletes
        Index("ix_news_items_published_at", "published_at"),
        # the operators' picks, newest pick first
        Index("ix_news_items_picked_at", "picked_at",
              sqlite_where=text("picked_at IS NOT NULL"),
              postgresql_where=text("picked_at IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the feed it came from; None once an operator removed that feed (the item stays)
    feed_id: Mapped[int | None] = mapped_column(
        ForeignKey("news_feeds.id", ondelete="SET NULL"), index=True)
    category: Mapped[str] = mapped_column(String(CATEGORY_MAX))
    title: Mapped[str] = mapped_column(String(ITEM_TITLE_MAX))
    summary: Mapped[str] = mapped_column(Text, default="")
    #: who published it (the feed's title, else its host)
    source: Mapped[str] = mapped_column(String(SOURCE_MAX), default="")
    link: Mapped[str] = mapped_column(String(LINK_MAX), unique=True)
    #: the entry's own time (never in the future), else when it was fetched
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when an operator made it ピックアップ; None when it is not one
    picked_at: Mapped[datetime | None] = mapped_column()
