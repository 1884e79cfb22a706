"""Invitations: the only way in. A member (or an operator) invites one mail address."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class Invitation(Base):
    """A single-use, expiring invitation mailed to one address."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: who invited; None for an operator's `keitai invite` or after the inviter withdrew
    inviter_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True)
    #: the invited address (lower case)
    email: Mapped[str] = mapped_column(String(254))
    #: the inviter's answer to "do you know this person?"; None for operators
    knows_invitee: Mapped[bool | None] = mapped_column(Boolean)
    #: SHA-256 of the token in the mailed link; the token itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    #: when a sign-up used it up
    used_at: Mapped[datetime | None] = mapped_column()
    #: the member who signed up with it
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True)
    #: how many times the invitation mail went (the first mail and each resend)
    sent_count: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    #: when the latest resend went; None while only the first mail went (created_at)
    last_sent_at: Mapped[datetime | None] = mapped_column()
    #: when the inviter cancelled it: its link no longer opens, the row stays for operators
    cancelled_at: Mapped[datetime | None] = mapped_column()

    @property
    def sent_at(self) -> datetime:
        """Return when the latest mail of the invitation went."""
        return self.last_sent_at or self.created_at
