"""The job that makes a video: every rendition of carriers.video.FORMATS and the poster.

Idempotent: a video that is no longer waiting (made, failed or deleted) is left alone, so a
second run does nothing. The upload is read, then the transaction ends while ffmpeg works
(minutes, on a long upload), and the files and the "ready" state are written at the end in
the job's unit of work, all or nothing.

A permanent failure (transcode.Unplayable: not a video, too long, refused by ffmpeg) deletes
every file of the video, the upload with them, records the reason on the video (its page
shows it) and commits, then raises jobs.Permanent. A run cut short (transcode.Interrupted)
raises, and the queue tries again later; each start is counted on the video, and after
MAX_STARTS the video fails with a reason instead of waiting for ever.
"""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import delete, update

from carriers.video import FORMATS
from keitai import jobs, mail
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.profile import images
from keitai.features.videos import transcode
from keitai.features.videos.service import JOB
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.video import Video, VideoFile
from keitai.upsert import insert_ignore

#: starts of the job for one video before it fails for good
MAX_STARTS = 3
TRIED_TOO_OFTEN = "変換に時間がかかりすぎたため、動画にできませんでした。短い動画でお試しください。"


def too_long(seconds: float) -> str:
    """Return the reason shown for an upload longer than the site takes."""
    return f"動画が長すぎます。{_minutes(seconds)}までの動画を送ってください。"


def _minutes(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}分" if whole % 60 == 0 else f"{whole}秒"


def tools() -> transcode.Tools:
    """Return the programs and timeout the app is configured with."""
    config = current_app.config
    return transcode.Tools(config["FFMPEG"], config["FFPROBE"], float(config["FFMPEG_TIMEOUT"]))


def fail(video_id: int, reason: str) -> None:
    """Delete every file of a waiting video, record why it failed, and commit.

    The page of a video shows why it failed; a member who mailed the video is not looking
    at it, so they are told by mail too (in the same transaction, through the outbox).
    """
    session = db.session()
    session.rollback()
    session.execute(delete(VideoFile).where(VideoFile.video_id == video_id))
    failed = session.execute(
        update(Video).where(Video.id == video_id, Video.state == "pending")
        .values(state="failed", failure=reason[:200], updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if getattr(failed, "rowcount", 0):
        _tell_by_mail(video_id, reason)
    session.commit()


def _tell_by_mail(video_id: int, reason: str) -> None:
    """Mail the owner of a video that came by mail why it failed (to their mobile address)."""
    video = db.session.get(Video, video_id)
    if video is None or video.source != "mail":
        return
    member = db.session.get(Member, video.owner_id)
    if member is None or not member.mobile_email:
        return
    to = member.mobile_email
    mail.send(to, "mail/video_failed.txt", member=member, title=video.title, reason=reason,
              url=mail.link("videos.mine", to))


@jobs.handler(JOB)
def make_video(payload: dict[str, Any]) -> None:
    """Make a waiting video's renditions and poster, or record why it cannot be made."""
    video_id = int(payload["video_id"])
    session = db.session()
    video = session.get(Video, video_id)
    if video is None or video.state != "pending":
        return
    video.attempts += 1
    starts = video.attempts
    session.commit()  # the start counts even if this run is killed
    if starts > MAX_STARTS:
        fail(video_id, TRIED_TOO_OFTEN)
        raise jobs.Permanent(TRIED_TOO_OFTEN)
    original = session.get(VideoFile, (video_id, "original"))
    if original is None:  # deleted meanwhile
        return
    upload = bytes(original.data)
    session.commit()  # no transaction stays open while ffmpeg works
    try:
        made, poster, duration = _make(upload)
        stored = images.normalise(poster)
    except (transcode.Unplayable, DomainError) as error:
        reason = str(error)
        fail(video_id, reason)
        raise jobs.Permanent(reason) from None
    _store(video_id, made, stored, duration)


def _make(upload: bytes) -> tuple[dict[str, transcode.Made], bytes, float]:
    """Return the renditions, a poster JPEG and the upload's length in seconds."""
    run = tools()
    longest = float(current_app.config["VIDEO_MAX_SECONDS"])
    with tempfile.TemporaryDirectory(prefix="keitai-video-") as folder:
        work = Path(folder)
        source = work / "upload"
        source.write_bytes(upload)
        probed = transcode.probe(source, run)
        if probed.duration > longest:
            raise transcode.Unplayable(too_long(longest))
        made = {fmt.name: transcode.make_rendition(source, work, fmt, probed, run)
                for fmt in FORMATS.values()}
        poster = transcode.poster_frame(source, work, probed, run)
    return made, poster, probed.duration


def _store(video_id: int, made: dict[str, transcode.Made], poster: images.Stored,
           duration: float) -> None:
    """Write the files and mark the video ready, if it is still waiting (in the job's unit)."""
    session = db.session()
    now = utcnow()
    ready = session.execute(
        update(Video).where(Video.id == video_id, Video.state == "pending")
        .values(state="ready", failure=None, duration_ms=round(duration * 1000),
                updated_at=now)
        .execution_options(synchronize_session=False))
    if not getattr(ready, "rowcount", 0):  # deleted, or made by another run meanwhile
        session.rollback()
        return
    rows = [{"video_id": video_id, "name": name, "content_type": FORMATS[name].content_type,
             "data": file.data, "size": len(file.data),
             "duration_ms": round(file.seconds * 1000), "shortened": file.shortened,
             "created_at": now} for name, file in made.items()]
    rows.append({"video_id": video_id, "name": "poster", "content_type": poster.content_type,
                 "data": poster.data, "size": len(poster.data), "duration_ms": None,
                 "shortened": False, "created_at": now})
    insert_ignore(VideoFile, rows)
