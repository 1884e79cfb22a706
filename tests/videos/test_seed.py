"""The demo's video: made with ffmpeg at seed time, then by the worker like any upload."""
from __future__ import annotations

from keitai.db import db
from keitai.seed.videos import TITLE, add_demo_video
from tests.outbox import run_jobs
from tests.videos.conftest import video_state


def test_the_demo_video_is_posted_for_everyone_and_made_by_the_worker(
        app, premium_member, logged_in, member) -> None:
    owner = premium_member()
    with app.app_context():
        video_id = add_demo_video(owner)
        db.session.commit()
    assert video_id is not None
    run_jobs(app)
    assert video_state(app, video_id)[0] == "ready"
    text = logged_in("au-W53CA", member("たろう")).page(f"/videos/{video_id}")
    assert TITLE in text and "video/3gpp2" in text


def test_without_ffmpeg_the_demo_has_no_video(app, premium_member) -> None:
    app.config["FFMPEG"] = "/nonexistent/ffmpeg"
    with app.app_context():
        assert add_demo_video(premium_member()) is None
