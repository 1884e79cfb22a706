"""Diaries and comments, by following the pages: write, find it listed, a friend comments,
the author reads the comment; a diary too long for one page is read part by part."""
from __future__ import annotations

import pytest
from flask import Flask

from tests.diary.browsing import befriend
from tests.journeys.browser import COOKIELESS, WITH_COOKIES, JourneyFactory, MemberFactory


@pytest.mark.parametrize("profile, friend_profile", [
    (COOKIELESS[0], WITH_COOKIES[0]), (WITH_COOKIES[1], COOKIELESS[1]),
    (WITH_COOKIES[2], COOKIELESS[0])])
def test_a_diary_is_written_listed_commented_on_by_a_friend_and_the_comment_read(
        app: Flask, member: MemberFactory, journey: JourneyFactory, profile: str,
        friend_profile: str) -> None:
    taro = member("たろう", "taro@example.com")
    hanako = member("はなこ", "hanako@example.com")
    befriend(app, taro, hanako)

    author = journey(profile).log_in("taro@example.com")
    author.click("日記を書く")
    author.submit("書き込む", {"title": "雨の日", "body": "傘を忘れました。\n明日は晴れ。"})
    assert author.sees("雨の日") and author.sees("傘を忘れました。")
    author.click("たろうさんの日記")
    assert author.sees("雨の日")
    author.assert_still_logged_in("たろう")
    author.click("プロフィール")
    author.click("日記")
    assert author.sees("雨の日")

    friend = journey(friend_profile).log_in("hanako@example.com")
    assert friend.sees("雨の日")  # the friends' newest diaries on the home page
    friend.click("雨の日")
    friend.submit("コメントする", {"body": "風邪ひかないでね"})
    assert friend.sees("風邪ひかないでね")
    friend.assert_still_logged_in("はなこ")

    author.go_home()
    author.click("プロフィール")
    author.click("日記")
    assert author.sees("新着1")
    author.click("雨の日")
    assert author.sees("風邪ひかないでね") and author.sees("はなこ")
    author.click("たろうさんの日記")
    assert not author.sees("新着1")  # reading the diary marked its comments read
    author.assert_still_logged_in("たろう")


@pytest.mark.parametrize("profile", ["docomo-D501i", "au-HI01"])
def test_a_long_diary_is_read_part_by_part_and_commented_on_from_the_last_part(
        member: MemberFactory, journey: JourneyFactory, profile: str) -> None:
    member("たろう", "taro@example.com")
    body = "\n".join(f"{n}日目。今日も朝から雨が降っていて、駅まで歩くのが大変でした。"
                     for n in range(1, 120))
    taro = journey(profile).log_in("taro@example.com")
    taro.click("日記を書く")
    taro.submit("書き込む", {"title": "長い日記", "body": body})
    limit = taro.handset.page_limit_bytes
    assert limit is not None and len(body.encode("cp932")) > limit
    assert taro.sees("1日目。") and not taro.sees("119日目。")
    parts = 1
    while not taro.sees("119日目。"):
        taro.click(key="#")
        parts += 1
        assert parts < 40
    assert parts > 1
    taro.submit("コメントする", {"body": "最後まで読みました"})
    for _part in range(parts - 1):  # back on the first part: the comment is on the last one
        assert not taro.sees("最後まで読みました")
        taro.click(key="#")
    assert taro.sees("最後まで読みました")
    taro.assert_still_logged_in("たろう")
