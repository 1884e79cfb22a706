"""What a posting mail cannot do: each refusal leaves nothing posted and a reply says why."""
from __future__ import annotations

import smtplib

import pytest
from flask import Flask
from sqlalchemy import select

from carriers import detect
from keitai.db import db
from keitai.features.albums import quota
from keitai.features.diary.service import BODY_MAX
from keitai.features.settings import service as settings_service
from keitai.mail_in import addresses
from keitai.models.base import utcnow
from keitai.models.member import Member
from simulator.mailcompose import Attached, carrier_mail
from tests.diary.browsing import PASSWORD
from tests.mail_in.posting import HANDSETS, Site, photo, site_fixture  # noqa: F401

AU = HANDSETS["au"]
AU_UA = "KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0"


def test_a_renewed_address_takes_mail_and_the_old_one_is_refused_at_once(site: Site) -> None:
    member = site.member("au")
    old = site.address(member)
    new = site.address(member)
    assert new != old and new.startswith("m-")
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        site.mail(AU, old, "古い", "本文")
    site.mail(AU, new, "新しい", "本文")
    site.work()
    assert [d.title for d in site.diaries(member)] == ["新しい"]


def test_a_password_change_renews_every_posting_address(site: Site) -> None:
    member = site.member("au")
    old = site.address(member)
    with site.app.app_context():
        settings_service.change_password(db.session.get(Member, member), PASSWORD,
                                         "another-pass-2026", detect(AU_UA), None)
        row = addresses.diary_address(member)
        assert row is not None
        new = addresses.address_of(row)
        db.session.commit()
    assert new != old
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        site.mail(AU, old, "古い", "本文")
    site.mail(AU, new, "新しい", "本文")
    site.work()
    assert [d.title for d in site.diaries(member)] == ["新しい"]


def test_a_mail_queued_before_its_address_was_renewed_is_dropped(site: Site) -> None:
    member = site.member("au")
    old = site.address(member)
    site.mail(AU, old, "古い", "本文")
    site.address(member)
    site.work()
    assert site.diaries(member) == []
    assert site.outcomes() == [("dropped", "address")]


def test_a_mail_over_the_size_limit_gets_a_reply_and_posts_nothing(site: Site) -> None:
    site.app.config["MAIL_IN_MAX_BYTES"] = 20_000
    member = site.member("au")
    site.mail(AU, site.address(member), "大きい", "本文", photo(width=1200, height=900,
                                                               color="navy"))
    site.work()
    assert site.diaries(member) == [] and site.pictures(member) == 0
    assert site.outcomes() == [("refused", "too_large")]
    [body] = site.reply_bodies(AU)
    assert "大きすぎます" in body


def test_a_mail_over_the_photo_quota_rolls_the_diary_back_and_says_why(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quota, "FREE", quota.Limits(pictures=1, bytes=10 * quota.MB))
    member = site.member("au")
    site.mail(AU, site.address(member), "二枚", "本文", photo(), photo("b.jpg", color="red"))
    site.work()
    assert site.diaries(member) == [] and site.pictures(member) == 0
    assert site.outcomes() == [("refused", "quota")]
    assert site.replies(AU) == ["メール投稿できませんでした"]
    assert "1枚まで" in site.reply_bodies(AU)[0]


def test_a_body_over_the_limit_is_refused_with_the_limit_in_the_reply(site: Site) -> None:
    member = site.member("softbank")
    long_body = ("あ" * 99 + "\n") * (BODY_MAX // 100 + 1)
    site.mail(HANDSETS["softbank"], site.address(member), "長い", long_body)
    site.work()
    assert site.diaries(member) == []
    assert f"{BODY_MAX}文字" in site.reply_bodies(HANDSETS["softbank"])[0]


def test_an_empty_mail_is_refused(site: Site) -> None:
    member = site.member("softbank")
    site.mail(HANDSETS["softbank"], site.address(member), "", "")
    site.work()
    assert site.diaries(member) == []
    assert site.outcomes() == [("refused", "empty")]
    assert "本文も写真もない" in site.reply_bodies(HANDSETS["softbank"])[0]


def test_a_broken_photo_refuses_the_whole_mail(site: Site) -> None:
    member = site.member("au")
    fake = Attached("broken.jpg", "image/jpeg", photo().data[:300])
    site.mail(AU, site.address(member), "写真", "本文", photo(), fake)
    site.work()
    assert site.diaries(member) == [] and site.pictures(member) == 0
    assert site.outcomes()[0][0] == "refused"


def test_mail_in_is_limited_per_member_and_hour_with_one_reply(site: Site) -> None:
    site.app.config["MAIL_IN_PER_HOUR"] = 2
    member = site.member("au")
    to = site.address(member)
    for number in range(4):
        site.mail(AU, to, f"日記{number}", "本文")
    site.work()
    assert len(site.diaries(member)) == 2
    assert [outcome for outcome, _reason in site.outcomes()] == [
        "posted", "posted", "refused", "refused"]
    assert site.replies(AU).count("メール投稿できませんでした") == 1


def test_a_video_from_a_free_member_is_left_out_and_the_rest_posted(site: Site) -> None:
    member = site.member("au")
    video = Attached("movie.3g2", "video/3gpp2", b"\x00\x00\x00\x18ftyp3g2a" + b"\x00" * 200)
    site.mail(AU, site.address(member), "動画つき", "本文です", video)
    site.work()
    [diary] = site.diaries(member)
    assert diary.title == "動画つき"
    assert "プレミアム" in site.reply_bodies(AU)[0]


def test_without_a_subject_the_first_line_is_the_title(site: Site) -> None:
    member = site.member("docomo")
    site.mail(HANDSETS["docomo"], site.address(member), "", "一行目\n二行目")
    site.work()
    [diary] = site.diaries(member)
    assert (diary.title, diary.body) == ("一行目", "一行目\n二行目")


def test_photos_past_three_are_left_out_and_the_reply_says_so(site: Site) -> None:
    member = site.member("softbank")
    site.mail(HANDSETS["softbank"], site.address(member), "四枚", "",
              *[photo(f"{n}.jpg") for n in range(4)])
    site.work()
    [diary] = site.diaries(member)
    assert site.pictures(member) == 3
    assert diary.body == "(写真・動画のみ)"
    assert "1枚は載せていません" in site.reply_bodies(HANDSETS["softbank"])[0]


def test_a_member_whose_mobile_address_changed_can_no_longer_post_from_the_old_one(
        site: Site, app: Flask) -> None:
    member = site.member("au")
    to = site.address(member)
    with app.app_context():
        found = db.session.get(Member, member)
        assert found is not None
        found.mobile_email = "new-one@ezweb.ne.jp"
        db.session.commit()
    site.mail(AU, to, "旧アドレス", "本文")
    site.work()
    assert site.diaries(member) == []
    assert site.outcomes() == [("dropped", "sender")]


def test_a_sender_header_of_another_address_is_dropped(site: Site) -> None:
    member = site.member("softbank")
    to = site.address(member)
    raw = carrier_mail(HANDSETS["softbank"], to, "送信者違い", "本文")
    forged = raw.replace(b"Sender: " + HANDSETS["softbank"].encode(), b"Sender: evil@example.com")
    assert forged != raw
    site.send(forged, HANDSETS["softbank"], to)
    site.work()
    assert site.diaries(member) == []
    assert site.outcomes() == [("dropped", "sender")]


def test_a_mail_job_run_again_posts_nothing_more(site: Site) -> None:
    from keitai.mail_in.process import process
    from keitai.models.posting import ReceivedMail

    member = site.member("au")
    site.mail(AU, site.address(member), "一度だけ", "本文")
    site.work()
    with site.app.app_context():
        mail_id = db.session.scalars(select(ReceivedMail.id)).one()
        assert process(mail_id) == "posted"
        db.session.commit()
    assert len(site.diaries(member)) == 1
    with site.app.app_context():
        row = db.session.get(ReceivedMail, mail_id)
        assert row is not None and row.raw is None and row.diary_id is not None


def test_a_premium_members_mailed_video_goes_to_their_videos(site: Site, app: Flask) -> None:
    from datetime import timedelta

    from keitai.models.video import Video

    member = site.member("au")
    with app.app_context():
        found = db.session.get(Member, member)
        assert found is not None
        found.premium_since = utcnow() - timedelta(days=1)
        found.premium_until = utcnow() + timedelta(days=30)
        db.session.commit()
    clip = b"\x00\x00\x00\x18ftyp3gp4\x00\x00\x02\x00isom3gp4" + b"\x00" * 400
    site.mail(AU, site.address(member), "動画です", "見てね", Attached("m.3gp", "video/3gpp", clip))
    site.work()
    [diary] = site.diaries(member)
    with app.app_context():
        titles = list(db.session.scalars(select(Video.title).where(Video.owner_id == member)))
    assert titles == ["動画です"]
    assert "動画1本" in site.reply_bodies(AU)[0]
