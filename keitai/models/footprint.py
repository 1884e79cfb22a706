"""Footprints (足あと): who visited a member's profile, one row per visitor."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class Footprint(Base):
    """visitor_id last visited member_id's profile at visited_at."""

    __tablename__ = "footprints"
    __table_args__ = (Index("ix_footprints_member_id_visited_at", "member_id", "visited_at"),)

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    visitor_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True)
    visited_at: Mapped[datetime] = mapped_column(default=utcnow)
