"""Handsets registered for easy login: a keyed hash of a terminal id, bound to one member."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class RegisteredHandset(Base):
    """A terminal id a member registered while logged in with their password."""

    __tablename__ = "registered_handsets"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True)
    #: the carrier whose gateway sent the id
    carrier: Mapped[str] = mapped_column(String(16))
    #: subscriber_id, card_id or serial
    id_kind: Mapped[str] = mapped_column(String(16))
    #: HMAC-SHA256 of carrier, kind and id; one id belongs to one member only
    id_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: the model it was registered from, so the member can tell their handsets apart
    model: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
