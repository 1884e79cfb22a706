"""Footprints, bookmarks, endorsements and blocks, by following the pages."""
from __future__ import annotations

import pytest
from flask import Flask

from tests.diary.browsing import befriend
from tests.journeys.browser import COOKIELESS, WITH_COOKIES, JourneyFactory, MemberFactory

PAIRS = [(COOKIELESS[0], WITH_COOKIES[1]), (WITH_COOKIES[0], COOKIELESS[1])]


@pytest.fixture()
def friends(app: Flask, member: MemberFactory) -> None:
    """たろう and はなこ, friends."""
    befriend(app, member("たろう", "taro@example.com"), member("はなこ", "hanako@example.com"))


@pytest.mark.parametrize("visitor_profile, owner_profile", PAIRS)
def test_a_profile_visit_leaves_a_footprint_the_owner_sees(
        friends: None, journey: JourneyFactory, visitor_profile: str, owner_profile: str) -> None:
    visitor = journey(visitor_profile).log_in("taro@example.com")
    visitor.click("マイミク", key="2")
    visitor.click("はなこ")
    assert visitor.sees("はなこさん")
    visitor.assert_still_logged_in("たろう")

    owner = journey(owner_profile).log_in("hanako@example.com")
    owner.click("足あと")
    assert owner.sees("たろう")
    owner.click("たろう")  # the footprint leads to the visitor's page
    assert owner.sees("たろうさん")
    owner.assert_still_logged_in("はなこ")


@pytest.mark.parametrize("profile", [COOKIELESS[0], WITH_COOKIES[2]])
def test_a_member_bookmarks_a_friend_and_removes_the_bookmark(
        friends: None, journey: JourneyFactory, profile: str) -> None:
    taro = journey(profile).log_in("taro@example.com")
    taro.click("マイミク", key="2")
    taro.click("はなこ")
    taro.submit("お気に入りに追加")
    taro.go_home()
    taro.click("お気に入り")
    assert taro.sees("はなこ")
    taro.submit("外す")
    assert taro.sees("お気に入りはまだありません")
    taro.assert_still_logged_in("たろう")


@pytest.mark.parametrize("writer_profile, subject_profile", PAIRS)
def test_an_endorsement_is_written_shown_on_the_profile_and_hidden_by_its_subject(
        friends: None, journey: JourneyFactory, writer_profile: str, subject_profile: str) -> None:
    writer = journey(writer_profile).log_in("taro@example.com")
    writer.click("マイミク", key="2")
    writer.click("はなこ")
    writer.click("紹介文を書く")
    writer.submit("書く", {"relation": "高校の同級生", "body": "いつも元気な人です。"})
    assert writer.sees("いつも元気な人です。")
    writer.assert_still_logged_in("たろう")

    subject = journey(subject_profile).log_in("hanako@example.com")
    subject.click("プロフィール")
    assert subject.sees("いつも元気な人です。") and subject.sees("高校の同級生")
    subject.click("紹介文をすべて見る")
    subject.submit("非表示にする")
    assert subject.sees("非表示中")
    subject.assert_still_logged_in("はなこ")

    writer.click("マイミク", key="2")
    writer.click("はなこ")
    assert not writer.sees("いつも元気な人です。")


@pytest.mark.parametrize("profile", [COOKIELESS[1], WITH_COOKIES[0]])
def test_a_member_blocks_a_friend_and_lifts_the_block(
        friends: None, journey: JourneyFactory, profile: str) -> None:
    taro = journey(profile).log_in("taro@example.com")
    taro.click("マイミク", key="2")
    taro.click("はなこ")
    taro.click("ブロックする")
    taro.submit("ブロックする")
    taro.go_home()
    taro.click("ブロック")  # no key of its own on the home menu
    assert taro.sees("はなこ")
    taro.go_home()
    taro.click("マイミク", key="2")
    assert taro.sees("まだマイミクがいません")  # a block ends the friendship
    taro.go_home()
    taro.click("ブロック")  # no key of its own on the home menu
    taro.submit("解除")
    assert taro.sees("ブロックしている人はいません")
    taro.assert_still_logged_in("たろう")
