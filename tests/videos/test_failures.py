"""Uploads that can never be a video end as a failed video with a reason, and nothing else:
no renditions, no upload kept. A run cut short is tried again; a second run does nothing."""
from __future__ import annotations

import email
import random
from datetime import timedelta

import pytest

from keitai.db import db
from keitai.features.videos import jobs as video_jobs
from keitai.features.videos import transcode
from keitai.features.videos.service import JOB
from keitai.jobs import enqueue
from keitai.models.base import utcnow
from keitai.models.member import Member
from tests.outbox import jobs_in, run_jobs
from tests.videos.conftest import add, count_files, video_state


def garbled(clip: bytes) -> bytes:
    """Return a moov-first clip with its header intact and its streams replaced by noise."""
    start = clip.find(b"mdat") + 4
    assert clip.find(b"moov") < start
    return clip[:start] + random.Random(15).randbytes(len(clip) - start)


def failed_with(app, video_id: int) -> str:
    """Assert the video failed with no file left; return its reason."""
    state, reason, names = video_state(app, video_id)
    assert state == "failed"
    assert names == []
    assert reason
    return reason


@pytest.mark.parametrize(("upload", "reason"), [
    ("corrupt", transcode.NOT_A_VIDEO),
    ("random", transcode.NOT_A_VIDEO),
    ("garbled", transcode.CANNOT_CONVERT),
    ("sound_only", transcode.NO_PICTURE),
    ("too_long", video_jobs.too_long(180)),
])
def test_an_upload_that_is_no_video_fails_with_a_reason_and_leaves_nothing(
        app, clips, premium_member, upload, reason) -> None:
    data = {"corrupt": clips["short"][: len(clips["short"]) // 2],
            "random": random.Random(3).randbytes(4000),
            "garbled": garbled(clips["moov_first"]),
            "sound_only": clips["sound_only"],
            "too_long": clips["too_long"]}[upload]
    video_id = add(app, premium_member(), data)
    run_jobs(app)
    assert failed_with(app, video_id) == reason
    assert count_files(app) == 0
    (job,) = jobs_in(app)
    assert job.state == "dead"  # permanent: not tried again
    assert reason in (job.last_error or "")


def test_the_failure_reason_is_on_the_video_page_and_the_list(app, clips, premium_member,
                                                             logged_in) -> None:
    owner = premium_member()
    video_id = add(app, owner, clips["too_long"], title="ながい")
    run_jobs(app)
    browser = logged_in("docomo-N505i", owner)
    assert "3分までの動画" in browser.page(f"/videos/{video_id}")
    assert "失敗" in browser.page("/videos")


def test_a_longer_limit_is_read_from_the_settings(app, clips, premium_member) -> None:
    app.config["VIDEO_MAX_SECONDS"] = 1
    video_id = add(app, premium_member(), clips["short"])
    run_jobs(app)
    assert failed_with(app, video_id) == video_jobs.too_long(1)


def test_a_run_cut_short_is_tried_again_and_then_succeeds(app, clips, premium_member) -> None:
    app.config["FFMPEG_TIMEOUT"] = 0.0001  # every run of ffprobe or ffmpeg times out
    video_id = add(app, premium_member(), clips["short"])
    run_jobs(app)
    (job,) = jobs_in(app)
    assert job.state == "pending" and "Interrupted" in (job.last_error or "")
    assert video_state(app, video_id) == ("pending", None, ["original"])
    app.config["FFMPEG_TIMEOUT"] = 60
    run_jobs(app, now=utcnow() + timedelta(hours=2))
    assert video_state(app, video_id)[0] == "ready"
    assert jobs_in(app)[0].state == "done"


def test_a_video_whose_runs_are_always_cut_short_fails_after_its_starts(
        app, clips, premium_member) -> None:
    app.config["FFMPEG_TIMEOUT"] = 0.0001
    video_id = add(app, premium_member(), clips["short"])
    later = utcnow()
    for _start in range(video_jobs.MAX_STARTS + 1):
        later += timedelta(hours=2)
        run_jobs(app, now=later)
    assert failed_with(app, video_id) == video_jobs.TRIED_TOO_OFTEN
    assert jobs_in(app)[0].state == "dead"


def test_ffmpeg_that_cannot_be_started_is_tried_again(app, clips, premium_member) -> None:
    app.config["FFPROBE"] = "/nonexistent/ffprobe"
    video_id = add(app, premium_member(), clips["short"])
    run_jobs(app)
    assert video_state(app, video_id)[0] == "pending"
    assert jobs_in(app)[0].state == "pending"


def test_a_second_run_of_the_job_does_nothing(app, clips, premium_member,
                                              shared_transcoding) -> None:
    video_id = add(app, premium_member(), clips["short"])
    run_jobs(app)
    before = video_state(app, video_id)
    with app.app_context():
        enqueue(JOB, {"video_id": video_id})
        enqueue(JOB, {"video_id": 10**6})  # a video deleted meanwhile
        db.session.commit()
    run_jobs(app)
    assert video_state(app, video_id) == before
    assert [job.state for job in jobs_in(app)] == ["done", "done", "done"]


def test_a_mailed_video_that_fails_is_reported_by_mail_to_the_mobile_address(
        app, clips, premium_member) -> None:
    owner = premium_member()
    with app.app_context():
        found = db.session.get(Member, owner)
        assert found is not None
        found.mobile_email = "hanako.video@ezweb.ne.jp"
        db.session.commit()
    video_id = add(app, owner, clips["sound_only"], title="花火", source="mail")
    run_jobs(app)
    assert failed_with(app, video_id) == transcode.NO_PICTURE
    (notice,) = [job for job in jobs_in(app) if job.kind == "mail"]
    assert notice.payload["recipient"] == "hanako.video@ezweb.ne.jp"
    assert notice.payload["template"] == "mail/video_failed.txt"
    message = email.message_from_string(notice.payload["message"])
    body = message.get_payload(decode=True).decode(message.get_content_charset())
    assert "花火" in body and transcode.NO_PICTURE in body


def test_a_video_uploaded_on_the_web_that_fails_sends_no_mail(app, clips,
                                                              premium_member) -> None:
    owner = premium_member()
    video_id = add(app, owner, clips["sound_only"], source="web")
    run_jobs(app)
    assert failed_with(app, video_id) == transcode.NO_PICTURE
    assert [job.kind for job in jobs_in(app)] == [JOB]
