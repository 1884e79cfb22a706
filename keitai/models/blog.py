"""外部ブログ: the external blog a member has resyndicated into their diary.

Each imported entry is a Diary row whose `blog_link` is the entry's address
(keitai.models.diary); this table holds the blog itself and how its fetches go.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: the longest feed address a member may register (and an entry's link we import)
URL_MAX = 1000
#: the longest reason or note kept from a fetch
NOTE_MAX = 300


class MemberBlog(Base):
    """One member's external blog: where its feed is, who reads its entries, how it fares."""

    __tablename__ = "member_blogs"
    __table_args__ = (
        # the worker's maintenance: the active blogs due a fetch, oldest due first
        Index("ix_member_blogs_due", "state", "next_fetch_at"),
    )

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    #: the feed's address (the member's blog page's, until its feed is discovered)
    feed_url: Mapped[str] = mapped_column(String(URL_MAX))
    #: the blog's own title, as its feed gives it (None before the first good fetch)
    site_title: Mapped[str | None] = mapped_column(String(200))
    #: a keitai.privacy.Visibility value: every imported entry's
    visibility: Mapped[str] = mapped_column(String(20))
    #: "active" (fetched every BLOG_FETCH_MINUTES) or "paused" (not until 再開)
    state: Mapped[str] = mapped_column(String(10), default="active")
    #: consecutive failed fetches
    failures: Mapped[int] = mapped_column(default=0)
    #: why the last fetch failed, in words for the member (None once a fetch succeeds)
    last_error: Mapped[str | None] = mapped_column(String(NOTE_MAX))
    last_error_at: Mapped[datetime | None] = mapped_column()
    #: the parser's note when the last good fetch read a broken feed as far as it went
    last_problem: Mapped[str | None] = mapped_column(String(NOTE_MAX))
    last_fetched_at: Mapped[datetime | None] = mapped_column()
    last_success_at: Mapped[datetime | None] = mapped_column()
    next_fetch_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the validators of the last good fetch, sent with the next (a conditional GET)
    etag: Mapped[str | None] = mapped_column(String(NOTE_MAX))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    #: short hashes of the entry links the last good fetch saw, space-separated: an entry
    #: seen once is never imported later (one the member deleted stays deleted)
    seen_links: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
