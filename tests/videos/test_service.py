"""add_video, the contract the upload form and posting by mail use: premium only, within the
size and the quota, the upload stored and the job queued in the caller's transaction."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.domain import DomainError
from keitai.features.videos import service
from keitai.models import Job, Member, Video, VideoFile
from keitai.models.base import utcnow
from tests.outbox import jobs_in
from tests.videos.conftest import add, make_premium, video_state


def test_a_premium_members_upload_is_stored_and_its_making_queued(app, clips,
                                                                   premium_member) -> None:
    owner = premium_member()
    video_id = add(app, owner, clips["short"], title="  うちの   ねこ ", source="mail")
    assert video_state(app, video_id) == ("pending", None, ["original"])
    (job,) = jobs_in(app)
    assert (job.kind, job.payload) == ("video.transcode", {"video_id": video_id})
    with app.app_context():
        video = db.session.get(Video, video_id)
        assert video is not None
        assert (video.title, video.source, video.owner_id) == ("うちの ねこ", "mail", owner)
        assert video.upload_bytes == len(clips["short"])


def test_a_video_without_a_title_is_named_by_when_it_came(app, clips, premium_member) -> None:
    video_id = add(app, premium_member(), clips["short"])
    with app.app_context():
        video = db.session.get(Video, video_id)
        assert video is not None and video.title.endswith("の動画")


def test_a_member_who_is_not_premium_is_refused(app, clips, member) -> None:
    with app.app_context():
        with pytest.raises(service.NotPremium) as refused:
            service.add_video(member("たろう"), clips["short"], title="", source="web")
        assert "プレミアム" in str(refused.value)
        assert isinstance(refused.value, DomainError)


def test_the_service_never_commits(app, clips, premium_member) -> None:
    owner = premium_member()
    with app.app_context():
        service.add_video(owner, clips["short"], title="", source="web")
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(Video)) == 0
        assert db.session.scalar(select(func.count()).select_from(VideoFile)) == 0
        assert db.session.scalar(select(func.count()).select_from(Job).where(
            Job.kind == service.JOB)) == 0


@pytest.mark.parametrize(("setting", "value", "words"), [
    ("VIDEO_MAX_BYTES", 1000, "大きすぎます"),
    ("VIDEO_QUOTA_COUNT", 1, "1本まで"),
    ("VIDEO_QUOTA_BYTES", 150_000, "容量"),
])
def test_an_upload_too_large_or_over_the_quota_is_refused(app, clips, premium_member, setting,
                                                          value, words) -> None:
    owner = premium_member()
    app.config[setting] = value
    if setting != "VIDEO_MAX_BYTES":
        add(app, owner, clips["short"])
    with app.app_context():
        with pytest.raises(DomainError, match=words):
            service.add_video(owner, clips["short"], title="", source="web")


def test_an_empty_upload_or_an_unknown_source_is_refused(app, premium_member) -> None:
    owner = premium_member()
    with app.app_context():
        with pytest.raises(DomainError):
            service.add_video(owner, b"", title="", source="web")
        with pytest.raises(ValueError, match="source"):
            service.add_video(owner, b"x", title="", source="ftp")


def test_a_failed_video_leaves_room_in_the_quota(app, clips, premium_member) -> None:
    owner = premium_member()
    app.config["VIDEO_QUOTA_COUNT"] = 1
    video_id = add(app, owner, clips["short"])
    with app.app_context():
        found = db.session.get(Video, video_id)
        assert found is not None
        found.state = "failed"
        db.session.commit()
    add(app, owner, clips["short"])


def test_premium_that_ended_refuses_new_videos(app, clips, member) -> None:
    owner = member("はなこ")
    make_premium(app, owner)
    add(app, owner, clips["short"])
    with app.app_context():
        found = db.session.get(Member, owner)
        assert found is not None
        found.premium_until = utcnow() - timedelta(minutes=1)
        db.session.commit()
        with pytest.raises(service.NotPremium):
            service.add_video(owner, clips["short"], title="", source="web")
