"""Server-side sessions: the only copy of a session lives in the database."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class WebSession(Base):
    """One browsing session of one handset, found by the hash of its token."""

    __tablename__ = "web_sessions"

    #: SHA-256 of the token; the token itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: the member logged in with this session, if any (no foreign key: withdrawal deletes
    #: the member's sessions itself, and a session of a vanished member counts as logged out)
    member_id: Mapped[int | None] = mapped_column(index=True)
    #: carrier and model the session was made for; a token from another handset is refused
    binding: Mapped[str] = mapped_column(String(120))
    #: secret that every POST form of this session carries
    csrf_token: Mapped[str] = mapped_column(String(64))
    #: small values kept between requests (flash messages, sign-up progress)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_web_sessions_last_seen_at", "last_seen_at"),)
