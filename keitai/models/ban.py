"""Bans of handsets and mobile addresses, and the terminal ids each member's handsets showed."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class MemberTerminal(Base):
    """A terminal id a member's handset sent through its carrier's gateway, as a keyed hash.

    Written at password login, easy login and sign-up (one upsert each), so that banning a
    member can ban every handset they used.
    """

    __tablename__ = "member_terminals"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    #: HMAC-SHA256 of carrier, kind and id: the hash easy login stores (keitai.security)
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: the carrier whose gateway sent the id
    carrier: Mapped[str] = mapped_column(String(16))
    #: subscriber_id, card_id or serial
    id_kind: Mapped[str] = mapped_column(String(16))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class Ban(Base):
    """A handset (one terminal id) or a mobile address that may not sign up or log in."""

    __tablename__ = "bans"
    __table_args__ = (Index("ix_bans_id_hash", "id_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "terminal" or "mobile_address"
    kind: Mapped[str] = mapped_column(String(16))
    #: keyed hash of the terminal id (as easy login's) or of the address; never in clear
    id_hash: Mapped[str] = mapped_column(String(64))
    #: the carrier of a terminal id; None for an address
    carrier: Mapped[str | None] = mapped_column(String(16))
    #: the member it was made against; the ban outlives them (their withdrawal nulls it)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True)
    #: why, for operators only: never shown to the banned handset
    reason: Mapped[str] = mapped_column(Text, default="")
    #: the operator who made it, and who lifted it
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: None: until lifted
    expires_at: Mapped[datetime | None] = mapped_column()
    lifted_at: Mapped[datetime | None] = mapped_column()
    lifted_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))

    def active(self, now: datetime | None = None) -> bool:
        """Tell whether the ban applies now: not lifted, not run out."""
        now = now or utcnow()
        return self.lifted_at is None and (self.expires_at is None or self.expires_at > now)
