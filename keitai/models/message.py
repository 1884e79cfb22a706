"""Messages (ミニメール): one row shared by sender and recipient, each deleting their copy."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow
from keitai.models.diary import SUBMIT_KEY_LENGTH


class Message(Base):
    """A message from sender to recipient; the row goes when both have deleted it."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_inbox", "recipient_id", "recipient_deleted", "created_at"),
        Index("ix_messages_outbox", "sender_id", "sender_deleted", "created_at"),
        # unread messages: a short range of this index, however large the inbox
        Index("ix_messages_unread", "recipient_id", "read_at"),
        UniqueConstraint("sender_id", "submit_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(50))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: when the recipient first opened it; None while unread
    read_at: Mapped[datetime | None] = mapped_column()
    sender_deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    recipient_deleted: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false())
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))
