"""Diaries (日記) and their comments."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: the length of a submit key column (keitai.submit_keys)
SUBMIT_KEY_LENGTH = 24


class Diary(Base):
    """One diary entry: a title, a body with emoji, and who may read it."""

    __tablename__ = "diaries"
    __table_args__ = (
        # a member's diary list newest first (read backwards) and the friends' feed: with
        # the visibility and the id in it, the feed is chosen without reading diary rows
        Index("ix_diaries_author_timeline", "author_id", "created_at", "visibility", "id"),
        # a double submit of the same form creates one diary
        UniqueConstraint("author_id", "submit_key"),
        # the diaries whose author has comments to read: home counts new comments on these
        # alone, however many diaries the author wrote
        Index("ix_diaries_new_comments", "author_id",
              sqlite_where=text("commented_at > owner_read_at"),
              postgresql_where=text("commented_at > owner_read_at")),
        # 外部ブログ: an entry of the author's external blog is imported once
        Index("ux_diaries_author_blog_link", "author_id", "blog_link", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(50))
    body: Mapped[str] = mapped_column(Text)
    #: a keitai.privacy.Visibility value
    visibility: Mapped[str] = mapped_column(String(20), default="everyone")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column()
    #: comments by others after this are new to the author (the home page counts them)
    owner_read_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when someone other than the author last commented (it only moves forward; a deleted
    #: comment leaves it): the diary may have new comments while it is after owner_read_at
    commented_at: Mapped[datetime | None] = mapped_column()
    #: the one-time key of the form that created the diary (None for imported rows)
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))
    #: 外部ブログ: the address of the external blog entry this diary was imported from (None
    #: for a diary written here); such a diary is read on the blog, not edited or commented
    blog_link: Mapped[str | None] = mapped_column(String(1000))


class Comment(Base):
    """A comment on a diary, by a member who could read it."""

    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_diary_id_created_at", "diary_id", "created_at"),
        # one comment per form, and the index that deletes a member's comments with them
        UniqueConstraint("author_id", "submit_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    diary_id: Mapped[int] = mapped_column(ForeignKey("diaries.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))
