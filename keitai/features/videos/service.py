"""Video writes: add an upload (premium only, within the quota), edit, delete.

add_video stores the upload as it came (a row of video_files, in the database so every app
server and worker sees it) and queues the job that makes the renditions, in the caller's
transaction; it never commits. The mail-in helper calls it for video attachments.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, func, select

from keitai import jobs
from keitai.db import db
from keitai.domain import DomainError, NotAllowed, NotFound, checked_text
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.video import Video, VideoFile
from keitai.moderation.hidden import refuse_if_hidden
from keitai.premium import is_premium
from keitai.privacy import Visibility
from keitai.timefmt import jst_time

#: the job kind that makes a video's renditions and poster
JOB = "video.transcode"
#: where an upload comes from
SOURCES = ("web", "mail")
TITLE_MAX = 50
#: a new video's visibility: friends, until the member says otherwise
DEFAULT_VISIBILITY = Visibility.FRIENDS
MB = 1024 * 1024


class NotPremium(DomainError):
    """Videos are for premium members (the page links to /premium)."""

    status = 403
    default_message = "動画の投稿はプレミアム会員の機能です。"


class VideoNotFound(NotFound):
    """No such video, or the member may not see it (the two look alike on purpose)."""

    default_message = "動画が見つからないか、公開されていません。"


class NotYourVideo(NotAllowed):
    """Only the owner edits or deletes a video."""

    default_message = "自分の動画だけ編集・削除できます。"


@dataclass(frozen=True)
class Usage:
    """How many videos, and how many bytes of uploads, a member keeps; and the limits."""

    count: int
    bytes: int
    count_limit: int
    bytes_limit: int

    @property
    def megabytes(self) -> str:
        """Return the bytes kept in MB, one decimal."""
        return f"{self.bytes / MB:.1f}"

    @property
    def limit_megabytes(self) -> int:
        """Return the byte limit in whole MB."""
        return self.bytes_limit // MB


def usage(owner_id: int) -> Usage:
    """Return what the member keeps (videos that failed count for nothing)."""
    config = current_app.config
    count, total = db.session.execute(
        select(func.count(), func.coalesce(func.sum(Video.upload_bytes), 0))
        .where(Video.owner_id == owner_id, Video.state != "failed")).one()
    return Usage(int(count), int(total), config["VIDEO_QUOTA_COUNT"],
                 config["VIDEO_QUOTA_BYTES"])


def default_title() -> str:
    """Return the title of a video sent without one: when it came, in Japan time."""
    return f"{jst_time(utcnow())}の動画"


def clean_title(title: str) -> str:
    """Return the title as stored: one line, not empty, at most TITLE_MAX characters."""
    return checked_text("タイトル", " ".join(title.split()), TITLE_MAX)


def add_video(owner_id: int, upload: bytes, *, title: str, source: str) -> int:
    """Store an upload as the member's new video and queue its making; return its id.

    Raise NotPremium for a member who is not premium now, DomainError for an empty or too
    large upload or one over the quota. Never commits.
    """
    if source not in SOURCES:
        raise ValueError(f"unknown video source {source!r}")
    if not is_premium(owner_id):
        raise NotPremium()
    if not upload:
        raise DomainError("動画のファイルを選んでください。")
    largest = current_app.config["VIDEO_MAX_BYTES"]
    if len(upload) > largest:
        raise DomainError(f"動画が大きすぎます。{largest // MB}MBまでの動画を送ってください。")
    # two uploads at once by one member wait for each other here (PostgreSQL), so the quota
    # is counted once each
    db.session.execute(select(Member.id).where(Member.id == owner_id).with_for_update())
    kept = usage(owner_id)
    if kept.count >= kept.count_limit:
        raise DomainError(f"動画は{kept.count_limit}本までです。古い動画を削除してから"
                          "送ってください。")
    if kept.bytes + len(upload) > kept.bytes_limit:
        raise DomainError(f"動画の容量({kept.limit_megabytes}MB)を超えます。古い動画を"
                          "削除してから送ってください。")
    now = utcnow()
    video = Video(owner_id=owner_id, title=clean_title(title or default_title()),
                  visibility=DEFAULT_VISIBILITY.value, state="pending", source=source,
                  upload_bytes=len(upload), attempts=0, created_at=now, updated_at=now)
    db.session.add(video)
    db.session.flush()
    db.session.add(VideoFile(video_id=video.id, name="original",
                             content_type="application/octet-stream", data=upload,
                             size=len(upload), shortened=False, created_at=now))
    jobs.enqueue(JOB, {"video_id": video.id})
    return video.id


def own_video_or_refuse(video_id: int, member_id: int) -> Video:
    """Return the member's own video; refuse someone else's, hide one they cannot see."""
    from keitai.features.videos.queries import visible_video

    video = db.session.get(Video, video_id)
    if video is not None and video.owner_id == member_id:
        return video
    if visible_video(video_id, member_id) is not None:
        raise NotYourVideo()
    raise VideoNotFound()


def update_video(video: Video, title: str, visibility: str) -> None:
    """Change the title and who may see the member's own video (refused while an operator
    hides it)."""
    refuse_if_hidden("video", video.id, video.created_at)
    video.title = clean_title(title)
    video.visibility = Visibility.parse(visibility, Visibility(video.visibility)).value
    video.updated_at = utcnow()


def delete_video(video_id: int, member_id: int) -> bool:
    """Delete the member's own video and its files; return False when there was none."""
    owned = select(Video.id).where(Video.id == video_id, Video.owner_id == member_id)
    if db.session.scalar(owned) is None:
        return False
    db.session.execute(delete(VideoFile).where(VideoFile.video_id == video_id))
    db.session.execute(delete(Video).where(Video.id == video_id))
    return True
