"""Posting a diary by mail, end to end: a handset's mail over real SMTP to the site's mailbox,
the worker posts it, the member reads the diary on their handset and gets a reply mail."""
from __future__ import annotations

import re

import pytest

from tests.diary.browsing import check_page, log_in, sun_bytes
from tests.mail_in import corpus
from tests.mail_in.posting import HANDSETS, Site, jpeg, photo, site_fixture  # noqa: F401

#: the handset each carrier's member reads their diary on
READER = {"docomo": "docomo-P903i", "au": "au-W53CA", "softbank": "softbank-930SH"}


#: how each carrier's handset writes the mail (media_mail_facts.md B.1): au ISO-2022-JP with
#: its JIS emoji, docomo Shift_JIS with its emoji, SoftBank UTF-8 with its private-use emoji
CHARSET = {"au": "iso-2022-jp", "docomo": "shift_jis", "softbank": "utf-8"}


@pytest.mark.parametrize("carrier", ["au", "docomo", "softbank"])
def test_a_mailed_diary_with_emoji_and_a_photo_is_posted_and_the_member_is_told(
        site: Site, carrier: str) -> None:
    member = site.member(carrier)
    to = site.address(member)
    raw = corpus.carrier_mail(carrier, HANDSETS[carrier], to, "今日の空\u2600",
                              "晴れました\u2600\n散歩しました。", [("DSC0001.JPG", jpeg())],
                              charset=CHARSET[carrier])
    site.send(raw, HANDSETS[carrier], to)
    site.work()
    [diary] = site.diaries(member)
    assert (diary.title, diary.body) == ("今日の空\u2600", "晴れました\u2600\n散歩しました。")
    assert diary.visibility == "everyone"
    assert site.pictures(member) == 1
    assert site.replies(HANDSETS[carrier]) == ["日記を投稿しました"]
    [body] = site.reply_bodies(HANDSETS[carrier])
    assert f"/diary/{diary.id}" in body

    browser = log_in(site.app, READER[carrier], HANDSETS[carrier])
    response = browser.get(f"/diary/{diary.id}")
    page = check_page(browser, response)
    assert "今日の空" in page and "散歩しました。" in page
    assert response.body.count(sun_bytes(READER[carrier])) >= 2  # title and body
    images = re.findall(r'<img[^>]+src="([^"]+)"', page)
    assert images, "the diary shows its photo"
    picture = browser.client.get(images[-1].replace("&amp;", "&"))
    assert picture.content_type in ("image/jpeg", "image/png", "image/gif")


def test_a_mail_from_the_simulators_encoder_posts_too(site: Site) -> None:
    member = site.member("au")
    site.mail(HANDSETS["au"], site.address(member), "エンコーダ", "本文\u2600", photo())
    site.work()
    [diary] = site.diaries(member)
    assert (diary.title, diary.body, site.pictures(member)) == ("エンコーダ", "本文\u2600", 1)


def test_a_mail_to_a_wrong_token_is_refused_at_rcpt(site: Site) -> None:
    import smtplib

    member = site.member("au")
    to = site.address(member)
    wrong = "m-" + "a" * 16 + "@" + to.partition("@")[2]
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        site.mail(HANDSETS["au"], wrong, "件名", "本文")
    site.work()
    assert site.diaries(member) == []
    assert site.outcomes() == []


def test_a_mail_from_another_address_is_dropped_without_a_reply(site: Site) -> None:
    member = site.member("au")
    to = site.address(member)
    site.mail("someone@ezweb.ne.jp", to, "なりすまし", "本文")
    site.work()
    assert site.diaries(member) == []
    assert site.outcomes() == [("dropped", "sender")]
    assert site.replies("someone@ezweb.ne.jp") == []
    assert site.replies(HANDSETS["au"]) == []


def test_the_same_mail_delivered_twice_posts_one_diary(site: Site) -> None:
    from simulator.mailcompose import carrier_mail

    member = site.member("softbank")
    to = site.address(member)
    raw = carrier_mail(HANDSETS["softbank"], to, "二度", "届きました", message_id="<x1@sb>")
    site.send(raw, HANDSETS["softbank"], to)
    site.send(raw, HANDSETS["softbank"], to)
    site.work()
    site.send(raw, HANDSETS["softbank"], to)
    site.work()
    assert len(site.diaries(member)) == 1
    assert site.replies(HANDSETS["softbank"]) == ["日記を投稿しました"]


def test_photos_mailed_to_an_album_address_go_into_that_album(site: Site) -> None:
    from sqlalchemy import select

    from keitai.db import db
    from keitai.features.albums.service import create_album
    from keitai.models.album import Album, Picture

    member = site.member("docomo")
    with site.app.app_context():
        album_id = create_album(member, "旅行", "", "everyone", "k" * 16)
        db.session.commit()
    to = site.address(member, album_id)
    assert to.startswith("a-")
    site.mail(HANDSETS["docomo"], to, "海にて", "本文は使われません", photo(), photo("2.jpg"))
    site.work()
    assert site.diaries(member) == []
    with site.app.app_context():
        album = db.session.get(Album, album_id)
        assert album is not None and album.picture_count == 2
        captions = list(db.session.scalars(
            select(Picture.caption).where(Picture.album_id == album_id)))
    assert captions == ["海にて", "海にて"]
    assert site.replies(HANDSETS["docomo"]) == ["アルバムに写真を追加しました"]
    assert f"/albums/{album_id}" in site.reply_bodies(HANDSETS["docomo"])[0]
