"""Albums (フォトアルバム), their pictures (also a diary's photos), variants and comments."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow
from keitai.models.diary import SUBMIT_KEY_LENGTH
from keitai.privacy import VISIBILITY_LENGTH

#: an album's title fits one line of a handset's list; a caption a short line under a photo
ALBUM_TITLE_LENGTH, CAPTION_LENGTH = 50, 100


class Album(Base):
    """A member's album: a title, a description and who may see its pictures."""

    __tablename__ = "albums"
    __table_args__ = (
        # a member's albums, newest first
        Index("ix_albums_owner_id_created_at", "owner_id", "created_at"),
        # a double submit of the form creates one album
        UniqueConstraint("owner_id", "submit_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(ALBUM_TITLE_LENGTH))
    description: Mapped[str] = mapped_column(Text, default="")
    #: a keitai.privacy.Visibility value
    visibility: Mapped[str] = mapped_column(String(VISIBILITY_LENGTH), default="everyone")
    #: how many pictures the album holds (kept by the service in the same unit of work)
    picture_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the one-time key of the form that created the album (None for seeded rows)
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))


class Picture(Base):
    """A photo in an album or a diary: the upload normalised once (upright, no metadata)."""

    __tablename__ = "pictures"
    __table_args__ = (
        # an album's pictures in order, a diary's, and a member's usage (count and bytes)
        Index("ix_pictures_album_id_id", "album_id", "id"),
        Index("ix_pictures_diary_id_id", "diary_id", "id"),
        Index("ix_pictures_owner_id_size_bytes", "owner_id", "size_bytes"),
        # a double submit of the same upload form stores one picture
        UniqueConstraint("owner_id", "submit_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    album_id: Mapped[int | None] = mapped_column(ForeignKey("albums.id", ondelete="CASCADE"))
    diary_id: Mapped[int | None] = mapped_column(ForeignKey("diaries.id", ondelete="CASCADE"))
    #: random; names the picture in its image addresses
    key: Mapped[str] = mapped_column(String(32), unique=True)
    caption: Mapped[str] = mapped_column(String(CAPTION_LENGTH), default="")
    #: the normalised master (keitai.features.profile.images.normalise): a baseline JPEG
    content_type: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    #: bytes of the master, which the member's quota counts
    size_bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the one-time key of the upload form (None for mail and seeded pictures)
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))


class PictureVariant(Base):
    """A picture resized and encoded for one kind of screen ("jpeg-120", "gif-96")."""

    __tablename__ = "picture_variants"

    picture_id: Mapped[int] = mapped_column(
        ForeignKey("pictures.id", ondelete="CASCADE"), primary_key=True)
    variant: Mapped[str] = mapped_column(String(24), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(20))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PictureComment(Base):
    """A comment on a picture, by a member who could see it."""

    __tablename__ = "picture_comments"
    __table_args__ = (
        Index("ix_picture_comments_picture_id_created_at", "picture_id", "created_at"),
        # one comment per form, and the index that deletes a member's comments with them
        UniqueConstraint("author_id", "submit_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    picture_id: Mapped[int] = mapped_column(ForeignKey("pictures.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submit_key: Mapped[str | None] = mapped_column(String(SUBMIT_KEY_LENGTH))
