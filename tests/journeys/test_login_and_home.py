"""Log in with the form, browse home and handset info, log out: only the pages' links."""
from __future__ import annotations

import pytest

from carriers.labels import kind_name
from tests.journeys.browser import COOKIELESS, WITH_COOKIES, JourneyFactory, MemberFactory


@pytest.mark.parametrize("profile", COOKIELESS + WITH_COOKIES)
def test_a_member_logs_in_walks_the_home_menu_and_logs_out(
        member: MemberFactory, journey: JourneyFactory, profile: str) -> None:
    member("たろう", "taro@example.com")
    taro = journey(profile).log_in("taro@example.com")
    for label, shows in [("マイミク", "まだマイミクがいません"),
                         ("足あと", "まだ足あとはありません"),
                         ("ミニメール", "ミニメールはありません"),
                         ("お気に入り", "お気に入りはまだ"),
                         ("ブロック", "ブロックしている人はいません"),
                         ("設定", "taro@example.com")]:
        taro.click(label)
        assert taro.sees(shows), (label, taro.text)
        taro.assert_still_logged_in("たろう")
    taro.click("この端末の情報")
    assert taro.sees(f"端末の種類: {kind_name(taro.handset)}")
    taro.submit("送信", {"sample": "かえる"})
    assert taro.sees("受信: かえる")
    taro.assert_still_logged_in("たろう")
    taro.click("ログアウト")
    taro.logged_in = False  # the page after it is a visitor's: no session to carry
    taro.submit("ログアウトする")
    assert taro.sees("ようこそ") and taro.sees("ログイン")
    taro.click("ログイン")
    assert not taro.sees("さんでログイン中です")
