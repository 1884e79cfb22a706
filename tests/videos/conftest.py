"""Video tests: small real clips made by ffmpeg in the test, premium members, the worker.

Clips come from ffmpeg's lavfi sources (a test pattern and a sine tone), a few seconds at
QCIF or smaller, so every test works on real files. Page tests share what the worker made of
the same clip (see `shared_transcoding`): the files are real, and made once per session.
"""
from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.videos import jobs as video_jobs
from keitai.features.videos import service
from keitai.models import Member, Video, VideoFile
from keitai.models.base import utcnow
from tests.outbox import run_jobs
from tests.social.conftest import befriend, block, logged_in, member  # noqa: F401

FFMPEG = "ffmpeg"
FFPROBE = "ffprobe"


def make_clip(folder: Path, name: str, *, seconds: float = 3, size: str = "176x144",
              rate: int = 10, audio: bool = True, video: bool = True,
              container: str = "mp4", faststart: bool = False) -> bytes:
    """Return a clip made by ffmpeg: a moving test pattern and (or) a 440 Hz tone."""
    target = folder / f"{name}.{container}"
    args = [FFMPEG, "-hide_banner", "-v", "error", "-y"]
    if video:
        args += ["-f", "lavfi", "-i", f"testsrc=size={size}:rate={rate}:duration={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    if video:
        args += ["-c:v", "mpeg4"]
    if audio:
        args += ["-c:a", "aac"]
    if faststart:
        args += ["-movflags", "+faststart"]
    subprocess.run([*args, str(target)], check=True, timeout=60)
    return target.read_bytes()


def ffprobe(data: bytes, folder: Path) -> dict[str, Any]:
    """Return what ffprobe reads of a file: its format (with tags) and streams."""
    path = folder / "probed"
    path.write_bytes(data)
    done = subprocess.run([FFPROBE, "-v", "error", "-show_format", "-show_streams", "-of",
                           "json", str(path)], capture_output=True, check=True, timeout=60)
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def top_boxes(data: bytes) -> list[str]:
    """Return the names of an MP4 file's top-level boxes, in order."""
    names, pos = [], 0
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        names.append(data[pos + 4:pos + 8].decode("latin-1"))
        if size == 1:
            size = int.from_bytes(data[pos + 8:pos + 16], "big")
        if size < 8:
            break
        pos += size
    return names


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The clips the tests send: a short one with sound, one without, one far too long."""
    folder = tmp_path_factory.mktemp("clips")
    made = {
        "short": make_clip(folder, "short", seconds=3),
        # its moov first: its streams can be garbled leaving the header readable
        "moov_first": make_clip(folder, "moov_first", seconds=3, faststart=True),
        "silent": make_clip(folder, "silent", seconds=2, audio=False),
        "ten_seconds": make_clip(folder, "ten", seconds=10, size="128x96", rate=15),
        # 200 seconds made cheaply: a 32x32 picture once a second, no sound
        "too_long": make_clip(folder, "long", seconds=200, size="32x32", rate=1, audio=False),
        "sound_only": make_clip(folder, "sound", seconds=2, video=False, container="m4a"),
    }
    return made


@pytest.fixture(scope="session")
def made_files() -> dict[bytes, Any]:
    """What the worker made of each upload, kept for the session."""
    return {}


@pytest.fixture()
def shared_transcoding(monkeypatch: pytest.MonkeyPatch,
                       made_files: dict[bytes, Any]) -> None:
    """Let the worker make each clip once a session: the job runs as it does, but ffmpeg's
    work on an upload already made is taken from the first run."""
    make = video_jobs._make

    def once(upload: bytes) -> Any:
        if upload not in made_files:
            made_files[upload] = make(upload)
        return made_files[upload]

    monkeypatch.setattr(video_jobs, "_make", once)


def make_premium(app: Flask, member_id: int) -> None:
    """Make a member premium from yesterday for a month."""
    with app.app_context():
        found = db.session.get(Member, member_id)
        assert found is not None
        found.premium_since = utcnow() - timedelta(days=1)
        found.premium_until = utcnow() + timedelta(days=30)
        db.session.commit()


@pytest.fixture()
def premium_member(app: Flask, member: Callable[..., int]) -> Callable[..., int]:  # noqa: F811
    """Return a factory: premium_member("はなこ") adds a premium member; returns the id."""

    def make(nickname: str = "はなこ") -> int:
        made = member(nickname)
        make_premium(app, made)
        return made

    return make


def add(app: Flask, owner_id: int, data: bytes, *, title: str = "",
        visibility: str | None = None, source: str = "web") -> int:
    """Add a video as the service does for an upload, committed; return its id."""
    with app.app_context():
        video_id = service.add_video(owner_id, data, title=title, source=source)
        if visibility is not None:
            found = db.session.get(Video, video_id)
            assert found is not None
            found.visibility = visibility
        db.session.commit()
        return video_id


def video_state(app: Flask, video_id: int) -> tuple[str, str | None, list[str]]:
    """Return a video's state, failure reason and the names of its files."""
    with app.app_context():
        found = db.session.get(Video, video_id)
        assert found is not None
        names = list(db.session.scalars(select(VideoFile.name).where(
            VideoFile.video_id == video_id).order_by(VideoFile.name)))
        state = (found.state, found.failure, names)
        db.session.remove()
        return state


def file_bytes(app: Flask, video_id: int, name: str) -> bytes:
    """Return the bytes of one of a video's files."""
    with app.app_context():
        data = db.session.scalar(select(VideoFile.data).where(
            VideoFile.video_id == video_id, VideoFile.name == name))
        db.session.remove()
        assert data is not None
        return bytes(data)


def count_files(app: Flask) -> int:
    """Return how many video files the database holds."""
    with app.app_context():
        found = db.session.scalar(select(func.count()).select_from(VideoFile))
        db.session.remove()
        return int(found or 0)


@pytest.fixture()
def ready_video(app: Flask, clips: dict[str, bytes], premium_member: Callable[..., int],
                shared_transcoding: None) -> Callable[..., tuple[int, int]]:
    """Return a factory: ready_video(visibility) adds a made video; returns (owner, video)."""

    def make(visibility: str = "everyone", owner: int | None = None) -> tuple[int, int]:
        owner_id = owner if owner is not None else premium_member()
        video_id = add(app, owner_id, clips["short"], title="ねこ", visibility=visibility)
        run_jobs(app)
        assert video_state(app, video_id)[0] == "ready"
        return owner_id, video_id

    return make
