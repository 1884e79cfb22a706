"""Joining and getting back in, by following the pages and the mailed links: an invitation
sent from a handset, the sign-up form, the mobile address confirmed, a forgotten password
reset. Mail goes to the real SMTP mailbox of the test session; when mail is sent by the
worker from an outbox, each `mailbox.messages` below needs the queue drained first."""
from __future__ import annotations

import pytest

from simulator.mailbox import Mailbox
from tests.accounts.conftest import mail_link
from tests.journeys.browser import COOKIELESS, WITH_COOKIES, JourneyFactory, MemberFactory

PROFILE = {"nickname": "じろう", "real_name": "山田次郎", "birth_year": "1988",
           "birth_month": "7", "birth_day": "20", "password": "mizu-2008", "agree": "1"}


@pytest.mark.parametrize("inviter_profile, invitee_profile, address", [
    (WITH_COOKIES[0], COOKIELESS[0], "jiro@docomo.ne.jp"),
    (COOKIELESS[1], WITH_COOKIES[1], "jiro@softbank.ne.jp")])
def test_a_member_invites_a_friend_who_signs_up_from_the_mail_on_a_handset(
        member: MemberFactory, journey: JourneyFactory, mailbox: Mailbox, inviter_profile: str,
        invitee_profile: str, address: str) -> None:
    member("たろう", "taro@example.com")
    inviter = journey(inviter_profile).log_in("taro@example.com")
    inviter.click("友人を招待する")
    inviter.submit("招待メールを送る", {"email": address, "knows": "yes"})
    assert inviter.sees(f"{address} に招待メールを送りました")
    inviter.assert_still_logged_in("たろう")

    [invitation] = mailbox.messages(address)
    invitee = journey(invitee_profile).open(mail_link(invitation))
    assert invitee.sees("新規登録")
    invitee.submit("登録する", PROFILE)
    assert invitee.sees("登録が完了しました") and invitee.sees("じろうさんのホーム")
    invitee.logged_in = True
    invitee.click("日記を書く")
    invitee.submit("書き込む", {"title": "はじめまして", "body": "よろしくお願いします。"})
    invitee.go_home()
    invitee.click("プロフィール")
    invitee.click("日記")
    assert invitee.sees("はじめまして")
    invitee.assert_still_logged_in("じろう")


def test_a_pc_address_signs_up_and_the_handset_confirms_its_mobile_address(
        member: MemberFactory, journey: JourneyFactory, mailbox: Mailbox) -> None:
    member("たろう", "taro@example.com")
    inviter = journey("smartphone-iPhone").log_in("taro@example.com")
    inviter.click("友人を招待する")
    inviter.submit("招待メールを送る", {"email": "jiro@example.net", "knows": "no"})

    [invitation] = mailbox.messages("jiro@example.net")
    pc = journey("pc-Firefox").open(mail_link(invitation))
    pc.submit("登録する", {**PROFILE, "mobile_email": "jiro@docomo.ne.jp"})
    assert pc.sees("jiro@docomo.ne.jp に確認のメールを送りました")

    [confirmation] = mailbox.messages("jiro@docomo.ne.jp")
    phone = journey(COOKIELESS[0]).open(mail_link(confirmation))
    phone.submit("登録を完了する")
    assert phone.sees("登録が完了しました") and phone.sees("じろうさんのホーム")
    phone.logged_in = True
    phone.click("設定")
    assert phone.sees("jiro@example.net") and phone.sees("jiro@docomo.ne.jp")
    phone.assert_still_logged_in("じろう")


@pytest.mark.parametrize("profile", [COOKIELESS[0], WITH_COOKIES[0]])
def test_a_forgotten_password_is_reset_from_the_mailed_link_and_the_new_one_logs_in(
        member: MemberFactory, journey: JourneyFactory, mailbox: Mailbox, profile: str) -> None:
    member("たろう", "taro@docomo.ne.jp")
    taro = journey(profile)
    taro.open("/")
    taro.click("ログイン")
    taro.click("パスワードを忘れた方")
    taro.submit("メールを送る", {"email": "taro@docomo.ne.jp"})
    [message] = mailbox.messages("taro@docomo.ne.jp")
    taro.open(mail_link(message))
    taro.submit("変更する", {"new": "tanuki2010"})
    assert taro.sees("パスワードを変更しました")
    taro.log_in("taro@docomo.ne.jp", "tanuki2010")
    taro.click("マイミク", key="2")
    taro.assert_still_logged_in("たろう")
