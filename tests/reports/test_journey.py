"""Reporting, by following the pages: from a friend's page to her diary, its 通報 link, the
form, the thank-you page and back to the diary, on a cookie-less docomo handset and on one
that keeps cookies."""
from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from keitai import submit_keys
from keitai.db import db
from keitai.features.diary import service as diary
from keitai.models import Report
from tests.diary.browsing import befriend
from tests.journeys.browser import COOKIELESS, WITH_COOKIES, JourneyFactory, MemberFactory
from tests.journeys.conftest import app, journey, mail_server, mailbox, member  # noqa: F401


@pytest.mark.parametrize("profile", [COOKIELESS[1], WITH_COOKIES[0]])
def test_a_diary_is_reported_from_its_page(app: Flask, member: MemberFactory,  # noqa: F811
                                           journey: JourneyFactory,  # noqa: F811
                                           profile: str) -> None:
    taro, hanako = member("たろう", "taro@example.com"), member("はなこ", "hanako@example.com")
    befriend(app, taro, hanako)
    with app.app_context():
        diary_id = diary.create_diary(hanako, "儲かる話", "このURLから登録してね", "everyone",
                                      submit_keys.new_key())
        db.session.commit()

    person = journey(profile).log_in("taro@example.com")
    person.click("マイミク", key="2")
    person.click("はなこ")
    person.click("日記", key="5")
    person.click("儲かる話")
    person.click("通報")
    assert person.sees("日記「儲かる話」") and person.sees("迷惑行為・スパム")
    person.submit("通報する", {"reason": "spam", "text": "勧誘です"})
    assert person.sees("通報を受け付けました")
    person.click("元のページへ戻る", key="9")
    assert person.sees("このURLから登録してね")
    person.click("通報")
    assert person.sees("すでに通報済み")
    person.assert_still_logged_in("たろう")
    with app.app_context():
        stored = db.session.scalars(select(Report)).all()
        assert [(r.reporter_id, r.kind, r.item_id, r.author_id, r.reason, r.text)
                for r in stored] == [(taro, "diary", diary_id, hanako, "spam", "勧誘です")]
