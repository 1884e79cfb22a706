"""Reports (通報) of what members wrote, and the items operators hid."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: the longest item kind name (keitai.moderation.items.KINDS)
KIND_LENGTH = 20
#: the longest free text a report carries
REPORT_TEXT_MAX = 500


class Report(Base):
    """A member's report of an item: why, and whether an operator has dealt with it."""

    __tablename__ = "reports"
    __table_args__ = (
        # one report per member and item: a second one is refused with a message
        UniqueConstraint("reporter_id", "kind", "item_id"),
        # an item's reports, and the reported items grouped (open ones first)
        Index("ix_reports_item", "kind", "item_id", "handled_at"),
        Index("ix_reports_open", "handled_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    #: a keitai.moderation.items.KINDS value
    kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    item_id: Mapped[int] = mapped_column(Integer)
    #: who wrote the item when it was reported (None once they withdrew, or for none)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True)
    #: a keitai.features.reports.service.REASONS code
    reason: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when an operator closed it (None while open), and who (an operator's member id)
    handled_at: Mapped[datetime | None] = mapped_column()
    handled_by: Mapped[int | None] = mapped_column(Integer)


class HiddenItem(Base):
    """An item an operator hid: what it said, to give it back when it is shown again."""

    __tablename__ = "hidden_items"

    kind: Mapped[str] = mapped_column(String(KIND_LENGTH), primary_key=True)
    item_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: the visible fields as they were, as JSON ({"title": ..., "body": ...})
    original: Mapped[str] = mapped_column(Text)
    #: the operator's member id
    hidden_by: Mapped[int | None] = mapped_column(Integer)
    hidden_at: Mapped[datetime] = mapped_column(default=utcnow)
