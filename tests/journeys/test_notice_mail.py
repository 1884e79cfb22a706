"""A notice mail, by following the pages: a friend sends a mini mail, the worker mails a
notice to the recipient's handset address, and its one link, opened on the handset, leads
(through the login form on a handset that keeps no cookies) to that message."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask

from keitai import jobs
from keitai.models.base import utcnow
from keitai.notices import clock as notice_clock
from simulator.mailbox import Mailbox
from tests.diary.browsing import befriend
from tests.journeys.browser import (
    COOKIELESS,
    PASSWORD,
    WITH_COOKIES,
    JourneyFactory,
    MemberFactory,
)
from tests.outbox import run_jobs

#: the recipient's handset and the mail domain of its carrier
RECIPIENTS = [(COOKIELESS[0], "docomo.ne.jp"), (COOKIELESS[1], "docomo.ne.jp"),
              (WITH_COOKIES[0], "ezweb.ne.jp"), (WITH_COOKIES[1], "softbank.ne.jp")]


@pytest.mark.parametrize(("profile", "domain"), RECIPIENTS)
def test_the_link_of_a_notice_mail_opens_the_message_on_the_handset(
        app: Flask, member: MemberFactory, journey: JourneyFactory, mailbox: Mailbox,
        monkeypatch: pytest.MonkeyPatch, profile: str, domain: str) -> None:
    address = f"hanako@{domain}"
    befriend(app, member("たろう", "taro@example.com"), member("はなこ", address))
    sender = journey(WITH_COOKIES[0]).log_in("taro@example.com")
    sender.click("マイミク", key="2")
    sender.click("はなこ")
    sender.click("ミニメールを送る")
    sender.submit("送信する", {"subject": "週末", "body": "土曜日に映画どう?"})

    later = utcnow() + timedelta(minutes=2)  # past the notices' gather delay
    monkeypatch.setattr(notice_clock, "now", lambda: later)
    monkeypatch.setattr(jobs, "utcnow", lambda: later)
    run_jobs(app, later)
    [mail] = [message for message in mailbox.messages(address)
              if "ミニメール" in str(message["Subject"])]
    assert mail.get_content_charset() == "iso-2022-jp"
    page, _turn_off = re.findall(r"https?://\S+", mail.get_content())
    assert ("guid=ON" in page) == (domain == "docomo.ne.jp")
    assert page.startswith("http://keitai.test/messages/")

    recipient = journey(profile)
    if recipient.handset.cookies:  # logged in earlier: the cookie opens the page at once
        recipient.log_in(address)
    recipient.open(page.removeprefix("http://keitai.test"))
    if not recipient.handset.cookies:  # a mailed link carries no session: the login form,
        assert recipient.trail[-1] == "/login"  # which leads on to the page after it
        recipient.submit("ログイン", {"email": address, "password": PASSWORD})
    assert recipient.trail[-1].startswith("/messages/"), recipient.trail
    assert recipient.sees("土曜日に映画どう?") and recipient.sees("たろう"), recipient.text
    recipient.logged_in = True
    recipient.assert_still_logged_in("はなこ")
