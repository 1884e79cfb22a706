"""Friends (マイミク): one row per direction, requests, and the per-member friend counter."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class Friendship(Base):
    """member_id counts friend_id as a friend; every friendship has both directions."""

    __tablename__ = "friendships"
    __table_args__ = (
        # the member's friends by their latest diary, newest first: the friends' diaries feed
        # reads the first few entries, whatever the friend count
        Index("ix_friendships_feed", "member_id", "friend_diary_at"),
    )

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    friend_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when friend_id last wrote a diary a friend may read (not only_me), or None; kept by
    #: keitai.features.diary.feed on every diary write and every new friendship
    friend_diary_at: Mapped[datetime | None] = mapped_column()


class FriendRequest(Base):
    """A pending request: sender asks recipient to become friends; gone once answered."""

    __tablename__ = "friend_requests"
    __table_args__ = (UniqueConstraint("sender_id", "recipient_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True)
    #: the sender's note to the recipient
    message: Mapped[str] = mapped_column(String(500), default="")
    #: the sender's answer to "do you know this person?"
    knows_person: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FriendCount(Base):
    """The row locked while a friendship is added, holding the member's friend count.

    Accepting a request locks both members' rows (an UPDATE, in id order), then counts their
    friendships afresh and refuses beyond the limit: two accepts at once wait for each other.
    """

    __tablename__ = "friend_counts"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    #: friends when last written; recounted on every accept and removal
    count: Mapped[int] = mapped_column(Integer, default=0)
