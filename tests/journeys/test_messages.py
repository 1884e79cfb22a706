"""Mini mail, by following the pages: sent from a profile, found unread in the inbox, read,
answered; the answer arrives in the sender's inbox."""
from __future__ import annotations

import pytest
from flask import Flask

from tests.diary.browsing import befriend
from tests.journeys.browser import COOKIELESS, WITH_COOKIES, JourneyFactory, MemberFactory


@pytest.mark.parametrize("sender_profile, recipient_profile", [
    (COOKIELESS[0], WITH_COOKIES[2]), (WITH_COOKIES[1], COOKIELESS[1])])
def test_a_message_is_sent_read_and_answered(
        app: Flask, member: MemberFactory, journey: JourneyFactory, sender_profile: str,
        recipient_profile: str) -> None:
    befriend(app, member("たろう", "taro@example.com"), member("はなこ", "hanako@example.com"))

    sender = journey(sender_profile).log_in("taro@example.com")
    sender.click("マイミク", key="2")
    sender.click("はなこ")
    sender.click("ミニメールを送る")
    sender.submit("送信する", {"subject": "週末", "body": "土曜日に映画どう?"})
    sender.go_home()
    sender.click("ミニメール")
    sender.click("送信箱")
    assert sender.sees("週末") and sender.sees("未読")
    sender.assert_still_logged_in("たろう")

    recipient = journey(recipient_profile).log_in("hanako@example.com")
    recipient.click("ミニメール", key="7")
    assert recipient.sees("未読") and recipient.sees("週末")
    recipient.click("週末")
    assert recipient.sees("土曜日に映画どう?") and recipient.sees("たろう")
    recipient.click("受信箱")
    assert not recipient.sees("未読")  # opening it marked it read
    recipient.click("週末")
    recipient.click("返信する")
    recipient.submit("送信する", {"body": "いいね、行こう!"})
    recipient.assert_still_logged_in("はなこ")

    sender.click("ミニメール", key="7")
    assert sender.sees("未読") and sender.sees("Re:")
    sender.click("Re:")
    assert sender.sees("いいね、行こう!") and sender.sees("はなこ")
    sender.assert_still_logged_in("たろう")
