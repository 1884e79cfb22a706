"""Single-use, expiring links sent by mail: sign-up verification, address change, reset."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: what a mail token may be used for
PURPOSES = ("signup", "email_change", "password_reset")


class MailToken(Base):
    """A link mailed to an address; following it proves the address is the member's."""

    __tablename__ = "mail_tokens"

    #: SHA-256 of the token in the link; the token itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: one of PURPOSES
    purpose: Mapped[str] = mapped_column(String(20))
    #: the address the link was mailed to (lower case)
    email: Mapped[str] = mapped_column(String(254))
    #: the member it belongs to (address change, password reset)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True)
    #: the invitation a pending sign-up uses
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitations.id", ondelete="CASCADE"), index=True)
    #: what completing it needs (a pending sign-up's profile and password hash; never a password)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()
