"""Videos (動画) of premium members, and their files: the upload, renditions, poster."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: a video is being made (the job is queued), ready to watch, or failed (with a reason)
STATES = ("pending", "ready", "failed")


class Video(Base):
    """A member's video: its title, who may see it, and how far making it has come."""

    __tablename__ = "videos"
    __table_args__ = (Index("ix_videos_owner_id_created_at", "owner_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(50))
    #: a keitai.privacy.Visibility value
    visibility: Mapped[str] = mapped_column(String(20), default="everyone")
    #: one of STATES
    state: Mapped[str] = mapped_column(String(10), default="pending")
    #: why making it failed, in the member's words (state "failed")
    failure: Mapped[str | None] = mapped_column(String(200))
    #: "web" (uploaded from a form) or "mail" (sent by mail)
    source: Mapped[str] = mapped_column(String(10))
    #: bytes of the upload as it came (the quota counts these)
    upload_bytes: Mapped[int] = mapped_column(Integer)
    #: the upload's length in milliseconds, once the worker has read it
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    #: how many times a worker has started making it (a job killed again and again ends)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class VideoFile(Base):
    """One file of a video: "original", a rendition ("imotion"), "poster", or a poster
    variant ("poster-jpeg-240"), kept in the database so every app server serves it."""

    __tablename__ = "video_files"

    video_id: Mapped[int] = mapped_column(
        ForeignKey("videos.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    #: a rendition's length in milliseconds
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    #: the rendition was cut short to fit its carrier's size limit
    shortened: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
