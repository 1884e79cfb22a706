"""Settings, by following the pages: a new password (this handset stays logged in, the old
password stops working), the mail address changed through its mailed link, easy login
registered and used, and withdrawal."""
from __future__ import annotations

import pytest

from simulator.mailbox import Mailbox
from tests.accounts.conftest import mail_link
from tests.journeys.browser import COOKIELESS, PASSWORD, WITH_COOKIES, JourneyFactory, MemberFactory

NEW_PASSWORD = "tanuki2010"


@pytest.mark.parametrize("profile", [COOKIELESS[0], WITH_COOKIES[1]])
def test_a_member_changes_the_password_and_stays_logged_in_on_this_handset(
        member: MemberFactory, journey: JourneyFactory, profile: str) -> None:
    member("たろう", "taro@example.com")
    taro = journey(profile).log_in("taro@example.com")
    taro.click("設定")
    taro.click("パスワードの変更")
    taro.submit("変更する", {"current": PASSWORD, "new": NEW_PASSWORD})
    assert taro.sees("パスワードを変更しました") and taro.sees("たろうさんのホーム")
    taro.assert_still_logged_in("たろう")

    later = journey(profile)
    later.open("/")
    later.click("ログイン")
    later.submit("ログイン", {"email": "taro@example.com", "password": PASSWORD})
    assert later.sees("メールアドレスかパスワードが違います")
    later.log_in("taro@example.com", NEW_PASSWORD)


@pytest.mark.parametrize("profile", [COOKIELESS[1], WITH_COOKIES[0]])
def test_a_member_changes_the_mail_address_through_the_mailed_link(
        member: MemberFactory, journey: JourneyFactory, mailbox: Mailbox, profile: str) -> None:
    member("たろう", "taro@example.com")
    taro = journey(profile).log_in("taro@example.com")
    taro.click("設定")
    taro.click("メールアドレスの変更")
    taro.submit("確認メールを送る", {"email": "taro2@example.net", "password": PASSWORD})
    assert taro.sees("taro2@example.net に確認のメールを送りました")
    [message] = mailbox.messages("taro2@example.net")  # a queue drain goes here with an outbox
    taro.open(mail_link(message))
    taro.submit()
    assert taro.sees("メールアドレスを taro2@example.net に変更しました")
    if taro.handset.cookies:  # the cookie came along to the mailed link
        taro.logged_in = True
        taro.assert_still_logged_in("たろう")
    else:  # the mailed link carried no session: log in again, with the new address
        taro.log_in("taro2@example.net")
    taro.click("設定")
    assert taro.sees("taro2@example.net")


@pytest.mark.parametrize("profile", ["docomo-P903i", "au-W53CA", "softbank-930SH"])
def test_a_member_registers_easy_login_logs_out_and_comes_back_with_one_button(
        member: MemberFactory, journey: JourneyFactory, profile: str) -> None:
    member("たろう", "taro@example.com")
    taro = journey(profile).log_in("taro@example.com")
    taro.click("設定")
    taro.click("かんたんログイン")
    assert taro.sees("まだありません")
    taro.submit("この端末を登録", {"password": PASSWORD})
    assert not taro.sees("まだありません")
    taro.assert_still_logged_in("たろう")
    taro.click("ログアウト")
    taro.logged_in = False  # the page after it is a visitor's: no session to carry
    taro.submit("ログアウトする")
    assert taro.sees("ようこそ")
    taro.submit("かんたんログイン")
    taro.logged_in = True
    assert taro.sees("たろうさんのホーム")
    taro.click("設定")
    taro.click("かんたんログイン")
    taro.submit("解除")
    assert taro.sees("まだありません")
    taro.assert_still_logged_in("たろう")


@pytest.mark.parametrize("profile", [COOKIELESS[0], WITH_COOKIES[2]])
def test_a_member_withdraws_and_can_no_longer_log_in(
        member: MemberFactory, journey: JourneyFactory, profile: str) -> None:
    member("たろう", "taro@example.com")
    taro = journey(profile).log_in("taro@example.com")
    taro.click("設定")
    taro.click("退会")
    taro.logged_in = False  # the session ends with the withdrawal
    taro.submit("退会する", {"password": PASSWORD, "confirm": "1"})
    assert taro.sees("退会しました")
    again = journey(profile)
    again.open("/")
    again.click("ログイン")
    again.submit("ログイン", {"email": "taro@example.com", "password": PASSWORD})
    assert again.sees("メールアドレスかパスワードが違います")
