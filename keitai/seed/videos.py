"""The demo's video: a few seconds of ffmpeg's test pattern and a tone, posted by the first
showcase member (premium), made by the worker like any upload.

Wire it after the showcase: `add_demo_video(showcase.logins[0])` in the same unit of work.
Without ffmpeg the demo has no video, and says so in the log.
"""
from __future__ import annotations

import logging
import subprocess
import tempfile
from pathlib import Path

from flask import current_app

from keitai.db import db
from keitai.features.videos import service
from keitai.models.video import Video
from keitai.privacy import Visibility

log = logging.getLogger(__name__)
TITLE = "テストパターン(デモ動画)"
SECONDS = 6


def demo_clip(seconds: int = SECONDS) -> bytes | None:
    """Return an MP4 of ffmpeg's test pattern and a 660 Hz tone, or None without ffmpeg."""
    with tempfile.TemporaryDirectory(prefix="keitai-demo-video-") as folder:
        target = Path(folder) / "demo.mp4"
        args = [current_app.config["FFMPEG"], "-hide_banner", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", f"testsrc2=size=320x240:rate=15:duration={seconds}",
                "-f", "lavfi", "-i", f"sine=frequency=660:duration={seconds}",
                "-c:v", "mpeg4", "-q:v", "5", "-c:a", "aac", str(target)]
        try:
            subprocess.run(args, check=True, capture_output=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as error:
            log.warning("no demo video: ffmpeg could not make one (%s)", error)
            return None
        return target.read_bytes()


def add_demo_video(owner_id: int) -> int | None:
    """Post the demo video for a premium member, seen by every member; return its id (the
    caller commits; the worker makes it)."""
    clip = demo_clip()
    if clip is None:
        return None
    video_id = service.add_video(owner_id, clip, title=TITLE, source="web")
    video = db.session.get(Video, video_id)
    if video is not None:
        video.visibility = Visibility.EVERYONE.value
    return video_id
