"""Friends, by following the pages: a stranger found through a friend's diary is asked, the
request is accepted, and later the friend is removed."""
from __future__ import annotations

import pytest
from flask import Flask

from tests.diary.browsing import befriend
from tests.diary.factories import add_comment, add_diaries
from tests.journeys.browser import COOKIELESS, WITH_COOKIES, JourneyFactory, MemberFactory


@pytest.mark.parametrize("asker_profile, answerer_profile", [
    (COOKIELESS[0], WITH_COOKIES[0]), (WITH_COOKIES[2], COOKIELESS[1])])
def test_a_friend_request_is_sent_accepted_and_the_friend_removed_later(
        app: Flask, member: MemberFactory, journey: JourneyFactory, asker_profile: str,
        answerer_profile: str) -> None:
    taro = member("たろう", "taro@example.com")
    hanako = member("はなこ", "hanako@example.com")
    jiro = member("じろう", "jiro@example.com")
    befriend(app, taro, jiro)
    befriend(app, hanako, jiro)
    [diary] = add_diaries(app, jiro, ["花見"], visibility="friends")
    add_comment(app, diary, hanako, "きれいでしたね")

    asker = journey(asker_profile).log_in("taro@example.com")
    asker.click("花見")
    asker.click("はなこ")
    assert asker.sees("はなこさん")
    asker.click("マイミクに追加")
    asker.submit("申請する", {"message": "花見でご一緒しました"})
    assert asker.sees("はなこさんにマイミク申請を送りました")
    asker.assert_still_logged_in("たろう")

    answerer = journey(answerer_profile).log_in("hanako@example.com")
    assert answerer.sees("マイミク申請")  # the home page says a request waits
    answerer.click("マイミク", key="2")
    answerer.click("マイミク申請が1件あります")
    assert answerer.sees("たろう") and answerer.sees("花見でご一緒しました")
    answerer.submit("承認")
    answerer.click("マイミク一覧")
    assert answerer.sees("たろう") and answerer.sees("じろう")
    answerer.assert_still_logged_in("はなこ")

    asker.click("マイミク", key="2")
    assert asker.sees("はなこ")
    asker.click("はなこ")
    assert asker.sees("マイミクです")
    asker.click("マイミクから外す")
    asker.submit("外す")
    asker.go_home()
    asker.click("マイミク", key="2")
    assert asker.sees("じろう") and not asker.sees("はなこ")
    asker.assert_still_logged_in("たろう")
