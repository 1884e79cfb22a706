"""Profile photos, stored in the database so every app server sees them, and their variants."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: a member has up to this many profile photos (mixi had three), one of them the main one
PHOTO_SLOTS = 3


class Photo(Base):
    """One of a member's profile photos: the upload, normalised once (orientation, no
    metadata), in a slot 1..PHOTO_SLOTS; the main one is shown wherever the member is."""

    __tablename__ = "photos"
    __table_args__ = (
        UniqueConstraint("member_id", "slot"),
        CheckConstraint(f"slot BETWEEN 1 AND {PHOTO_SLOTS}", name="slot_range"),
        # at most one main photo a member
        Index("ix_photos_main", "member_id", unique=True,
              sqlite_where=text("is_main"), postgresql_where=text("is_main")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    #: where the photo sits among the member's photos, 1..PHOTO_SLOTS
    slot: Mapped[int] = mapped_column(Integer, default=1)
    #: the photo shown wherever the member is shown (exactly one when they have any)
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)
    #: random; names the photo in its URL and changes with every upload
    key: Mapped[str] = mapped_column(String(32), unique=True)
    #: the normalised image (JPEG or PNG, at most 640 pixels a side)
    content_type: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PhotoVariant(Base):
    """The photo resized and encoded for one kind of screen, made on first request."""

    __tablename__ = "photo_variants"

    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True)
    #: format and width, such as "gif-120" or "jpeg-240"
    variant: Mapped[str] = mapped_column(String(24), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
