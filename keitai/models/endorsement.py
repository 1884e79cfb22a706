"""Endorsements (紹介文): what a friend writes about a member, shown on the profile."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class Endorsement(Base):
    """author_id's endorsement of subject_id; one per author and subject."""

    __tablename__ = "endorsements"
    __table_args__ = (
        UniqueConstraint("author_id", "subject_id"),
        Index("ix_endorsements_subject_id_updated_at", "subject_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    subject_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    #: how the author knows the subject (関係)
    relation: Mapped[str] = mapped_column(String(100))
    #: what the subject is like
    body: Mapped[str] = mapped_column(String(1000))
    #: the subject chose not to show it on their profile
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
