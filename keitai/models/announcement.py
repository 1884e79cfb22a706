"""お知らせ: the operators' announcements to every member, who read which, and the notices
addressed to one member (an operator's warning, or the site telling them something)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: the longest title of an announcement (home shows it on a 5 KB handset)
TITLE_MAX = 40
#: the longest body of an announcement, and of a notice to one member
BODY_MAX = 2000
NOTICE_MAX = 1000


class Announcement(Base):
    """An announcement an operator published to every member; retracted ones stay, unshown."""

    __tablename__ = "announcements"
    __table_args__ = (
        # the live ones, newest first: what home and /notices read
        Index("ix_announcements_live", "published_at",
              sqlite_where=text("retracted_at IS NULL"),
              postgresql_where=text("retracted_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the operator who wrote it; None once they are gone
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"))
    #: when an operator took it back; None while it is shown
    retracted_at: Mapped[datetime | None] = mapped_column()


class AnnouncementRead(Base):
    """member_id has opened announcement_id. A row exists only once read: millions of members
    times every announcement would be a table nobody needs; unread is the absence of a row."""

    __tablename__ = "announcement_reads"

    #: first in the key: a member's reads, by announcement, are one short range of it
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    announcement_id: Mapped[int] = mapped_column(
        ForeignKey("announcements.id", ondelete="CASCADE"), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(default=utcnow)


class MemberNotice(Base):
    """A notice to one member, shown on their home until they open it."""

    __tablename__ = "member_notices"
    __table_args__ = (
        Index("ix_member_notices_member_id_id", "member_id", "id"),
        # unread notices: a short range of this index, however many were read
        Index("ix_member_notices_unread", "member_id", "id",
              sqlite_where=text("read_at IS NULL"), postgresql_where=text("read_at IS NULL")),
        # an operator who goes sets theirs to NULL: found without reading the site's notices
        Index("ix_member_notices_operator_id", "operator_id",
              sqlite_where=text("operator_id IS NOT NULL"),
              postgresql_where=text("operator_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when the member opened it; None while unread
    read_at: Mapped[datetime | None] = mapped_column()
    #: the operator who wrote it (a warning); None when the site tells the member something
    operator_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"))
    #: an operator's warning (shown first, in red), even after that operator is gone
    warning: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
