"""Profile photos, stored in the database so every app server sees them, and their variants."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow


class Photo(Base):
    """A member's profile photo: the upload, normalised once (orientation, no metadata)."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), unique=True)
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
