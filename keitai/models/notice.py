"""Notices by mail: what waits to be mailed, each member's choices, and what was mailed."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: the length of a kind's name (keitai.notices.KINDS)
KIND_LENGTH = 20


class Notice(Base):
    """Something a member is to be told by mail; the row goes when its mail is queued."""

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_recipient_kind", "recipient_id", "kind", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    #: who did it (None: the site, or a member who withdrew since)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    #: the page the mail links to: an endpoint and its url_for values
    endpoint: Mapped[str] = mapped_column(String(80))
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NoticeOff(Base):
    """member_id turned notices of kind off (every kind is on without a row)."""

    __tablename__ = "notice_offs"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NoticeWindow(Base):
    """A member's mails of one kind: when the last went, and whether a job will send the next.

    The row is the lock that orders a new notice against the job taking the waiting ones.
    """

    __tablename__ = "notice_windows"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH), primary_key=True)
    last_sent_at: Mapped[datetime | None] = mapped_column()
    #: a send job is queued for the notices waiting
    scheduled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class NoticeDay(Base):
    """How many notice mails a member was sent on one day (Japan time): the daily cap."""

    __tablename__ = "notice_days"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    mails: Mapped[int] = mapped_column(Integer, default=0)


class EventReminder(Base):
    """The participants of an event were told, the day before, that it is tomorrow."""

    __tablename__ = "event_reminders"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.topic_id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
