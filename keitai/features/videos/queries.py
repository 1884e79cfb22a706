"""Video reads: privacy is decided in SQL (keitai.privacy.can_see), blocks both ways."""
from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, func, literal, or_, select

from keitai.db import db
from keitai.models.member import Member
from keitai.models.video import Video, VideoFile
from keitai.pagination import Page, fetch_page
from keitai.privacy import can_see
from keitai.rows import AnyRow

#: the files that are a rendition or a poster, as listed on a video's page
FILE_COLUMNS = (VideoFile.name, VideoFile.size, VideoFile.duration_ms, VideoFile.shortened)


def may_see(viewer_id: int) -> ColumnElement[bool]:
    """Return a WHERE expression on Video: the viewer, still a member, may see it.

    The owner sees their own in every state; others see a ready video the visibility lets
    them see, with no block between them and the owner.
    """
    viewer = literal(viewer_id)
    return and_(exists().where(Member.id == viewer),
                or_(Video.owner_id == viewer,
                    and_(Video.state == "ready",
                         can_see(Video.owner_id, Video.visibility, viewer_id))))


def visible_video(video_id: int, viewer_id: int) -> AnyRow | None:
    """Return (Video, owner nickname) when the viewer may see the video, else None."""
    row = db.session.execute(
        select(Video, Member.nickname).join(Member, Member.id == Video.owner_id)
        .where(Video.id == video_id, may_see(viewer_id))).first()
    return row


def video_files(video_id: int) -> dict[str, AnyRow]:
    """Return the renditions and poster of a video (no bytes), by name."""
    rows = db.session.execute(select(*FILE_COLUMNS).where(
        VideoFile.video_id == video_id, VideoFile.name != "original")).all()
    return {row.name: row for row in rows}


def member_videos(owner_id: int, viewer_id: int, number: int, per_page: int) -> Page:
    """Return a page of a member's videos the viewer may see, newest first."""
    return fetch_page(
        select(Video.id, Video.title, Video.state, Video.created_at, Video.visibility)
        .where(Video.owner_id == owner_id, may_see(viewer_id))
        .order_by(Video.created_at.desc(), Video.id.desc()), number, per_page)


def file_info(video_id: int, name: str, viewer_id: int) -> AnyRow | None:
    """Return (size, content_type, created_at, visibility) of a ready video's file the viewer
    may fetch, without its bytes; None when there is none or the viewer may not."""
    return db.session.execute(
        select(VideoFile.size, VideoFile.content_type, VideoFile.created_at,
               Video.visibility)
        .join(Video, Video.id == VideoFile.video_id)
        .where(VideoFile.video_id == video_id, VideoFile.name == name,
               Video.state == "ready", may_see(viewer_id))).first()


def file_bytes(video_id: int, name: str, start: int, length: int) -> bytes:
    """Return length bytes of a file from start (0-based), read in the database."""
    data = db.session.scalar(
        select(func.substr(VideoFile.data, start + 1, length))
        .where(VideoFile.video_id == video_id, VideoFile.name == name))
    return bytes(data or b"")
