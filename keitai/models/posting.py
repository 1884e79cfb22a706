"""Posting by mail (メール投稿): members' secret posting addresses and the mail they receive."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, text
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: the longest address the site keeps (RFC 5321's path limit)
ADDRESS_LENGTH = 254


class PostingAddress(Base):
    """A member's secret posting address: for the diary (album_id None) or for one album.

    The token in the address's local part is never stored: it is derived from `nonce` with
    a key made from SECRET_KEY (keitai.mail_in.addresses), so a copy of the database alone
    cannot post. `token_hash` finds the address of an incoming mail's token.
    """

    __tablename__ = "posting_addresses"
    __table_args__ = (
        Index("ix_posting_addresses_member_id", "member_id"),
        # one diary address per member (album_id is unique on its own)
        Index("ix_posting_addresses_diary", "member_id", unique=True,
              sqlite_where=text("album_id IS NULL"), postgresql_where=text("album_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    album_id: Mapped[int | None] = mapped_column(
        ForeignKey("albums.id", ondelete="CASCADE"), unique=True)
    #: random; the token is derived from it, so a new nonce is a new address
    nonce: Mapped[str] = mapped_column(String(32), unique=True)
    #: SHA-256 of the token, hex: how an incoming mail finds its address
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReceivedMail(Base):
    """A mail delivered to a posting address: kept until the worker has posted or refused it.

    One row per (mail, recipient), keyed by `digest`, so a mail delivered twice (an MTA that
    retries after a lost answer) is posted once. The raw mail goes once the worker is done;
    the row stays as the record of what happened (`outcome`).
    """

    __tablename__ = "received_mails"
    __table_args__ = (
        Index("ix_received_mails_member_id_received_at", "member_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of the recipient and the Message-ID (or the raw bytes when there is none)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    #: the envelope recipient, lower case
    recipient: Mapped[str] = mapped_column(String(ADDRESS_LENGTH))
    address_id: Mapped[int | None] = mapped_column(
        ForeignKey("posting_addresses.id", ondelete="SET NULL"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    #: the mail as received; only its header when it was over the size limit; None once done
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: the size of the mail as delivered, in bytes
    size_bytes: Mapped[int] = mapped_column(Integer)
    #: "pending" until the worker decides: "posted", "refused" (a reply says why),
    #: "dropped" (no reply: forged sender, address renewed meanwhile)
    outcome: Mapped[str] = mapped_column(String(10), default="pending")
    #: why, in a word: "too_large", "sender", "rate_limit", "quota", ...
    reason: Mapped[str] = mapped_column(String(20), default="")
    #: what was posted: the diary, or the album the pictures went into
    diary_id: Mapped[int | None] = mapped_column(ForeignKey("diaries.id", ondelete="SET NULL"))
    album_id: Mapped[int | None] = mapped_column(ForeignKey("albums.id", ondelete="SET NULL"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column()


__all__ = ["ADDRESS_LENGTH", "PostingAddress", "ReceivedMail"]
