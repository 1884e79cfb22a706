"""A member's friend list: who may open it, what it lists, in which order, a page at a time."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import insert

from keitai.db import db
from keitai.models import Friendship
from keitai.models.base import utcnow
from tests.diary.browsing import rows_per_page
from tests.friend_lists.conftest import LEVELS, befriend_at, choose_level
from tests.handsets import PAGE_PROFILES
from tests.social.conftest import access_key, block

#: what each viewer gets from /members/<owner>/friends, by the owner's setting
#: (200 the list, 403 "not shown", 404 as the profile page)
EXPECTED = {
    "everyone": {"owner": 200, "friend": 200, "stranger": 200, "blocked": 404, "blocker": 404},
    "friends": {"owner": 200, "friend": 200, "stranger": 403, "blocked": 404, "blocker": 404},
    "only_me": {"owner": 200, "friend": 403, "stranger": 403, "blocked": 404, "blocker": 404},
    None: {"owner": 200, "friend": 200, "stranger": 200, "blocked": 404, "blocker": 404},
}
_LINK = re.compile(r'<a href="[^"]*?/members/(\d+)[^"]*"[^>]*>([^<]*)</a>')


def listed(text: str, prefix: str) -> list[str]:
    """Return the names of the members a page links to whose names start with prefix."""
    return [name for _id, name in _LINK.findall(text) if name.startswith(prefix)]


@pytest.fixture()
def world(app, member):
    """はなこ (the owner), her friend, a stranger, one she blocked, one who blocked her, and
    a friend every one of them shares."""
    found = {"owner": member("はなこ"), "friend": member("とも"), "stranger": member("たにん"),
             "blocked": member("ブロックされた"), "blocker": member("ブロックした"),
             "mutual": member("きょうつう")}
    befriend_at(app, found["owner"], [found["friend"], found["mutual"]])
    for who in ("friend", "stranger", "blocked", "blocker"):
        befriend_at(app, found[who], [found["mutual"]])
    block(app, found["owner"], found["blocked"])
    block(app, found["blocker"], found["owner"])
    return found


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: str(level))
def test_who_may_open_the_friend_list_follows_the_owners_setting_and_blocks(
        app, world, logged_in, level) -> None:
    owner = world["owner"]
    choose_level(app, owner, level)
    for who, status in EXPECTED[level].items():
        browser = logged_in("docomo-P903i", world[who])
        response = browser.get(f"/members/{owner}/friends", expect_errors=True)
        text = browser.text(response)
        assert response.status_int == status, (who, text)
        profile = browser.get(f"/members/{owner}", expect_errors=True)
        offers_the_list = f"/members/{owner}/friends" in browser.text(profile)
        if status == 200:
            assert "はなこさんのマイミク(2人)" in text
            assert listed(text, "と") == ["とも"] and listed(text, "き") == ["きょうつう"]
            assert offers_the_list and access_key(browser.text(profile), "3", "マイミク2人")
        elif status == 403:
            assert "はなこさんのマイミク一覧は公開されていません。" in text
            assert "とも" not in text and "きょうつう" not in text
            assert profile.status_int == 200 and not offers_the_list
            assert "マイミク2人" in browser.text(profile)
        else:
            assert profile.status_int == 404 and response.body == profile.body


def test_the_list_is_newest_friendship_first_and_ties_by_the_newer_member(app, member,
                                                                         logged_in) -> None:
    owner = member("はなこ")
    first, second, third, fourth = (member(f"友{n}") for n in "一二三四")
    then = utcnow() - timedelta(days=3)
    made = {first: then, second: then + timedelta(days=1), third: then + timedelta(days=2),
            fourth: then + timedelta(days=2)}
    with app.app_context():
        db.session.execute(insert(Friendship), [
            {"member_id": x, "friend_id": y, "created_at": at}
            for friend, at in made.items() for x, y in ((owner, friend), (friend, owner))])
        db.session.commit()
    text = logged_in("pc-Firefox", member("たにん")).page(f"/members/{owner}/friends")
    assert listed(text, "友") == ["友四", "友三", "友二", "友一"]


@pytest.mark.parametrize("name", ["docomo-N505i", "softbank-930SH", "pc-Firefox"])
def test_a_long_list_comes_a_page_at_a_time_on_keys_4_and_6(app, member, logged_in,
                                                            name) -> None:
    owner = member("はなこ")
    friends = [member(f"友{n:02d}") for n in range(25)]
    befriend_at(app, owner, friends)
    browser = logged_in(name, member("たにん"))
    per = rows_per_page(browser)
    newest_first = [f"友{n:02d}" for n in reversed(range(25))]
    first = browser.page(f"/members/{owner}/friends")
    assert "はなこさんのマイミク(25人)" in first
    assert listed(first, "友") == newest_first[:per]
    assert access_key(first, "6", "次へ") and not access_key(first, "4", "前へ")
    second = browser.page(f"/members/{owner}/friends?page=2")
    assert listed(second, "友") == newest_first[per:2 * per]
    assert access_key(second, "4", "前へ")
    assert access_key(second, "6", "次へ") is (2 * per < 25)
    beyond = browser.page(f"/members/{owner}/friends?page=9")
    assert listed(beyond, "友") == [] and "このページにはありません。" in beyond


def test_members_with_a_block_either_way_to_the_viewer_are_left_out(app, member,
                                                                    logged_in) -> None:
    owner, viewer = member("はなこ"), member("わたし")
    i_blocked, blocks_me, shown = member("友あ"), member("友い"), member("友う")
    befriend_at(app, owner, [i_blocked, blocks_me, shown])
    block(app, viewer, i_blocked)
    block(app, blocks_me, viewer)
    text = logged_in("docomo-N505i", viewer).page(f"/members/{owner}/friends")
    assert listed(text, "友") == ["友う"] and "はなこさんのマイミク(1人)" in text
    own = logged_in("docomo-N505i", owner).page(f"/members/{owner}/friends")
    assert listed(own, "友") == ["友う", "友い", "友あ"] and "(3人)" in own


def test_a_member_without_friends_or_who_does_not_exist(app, member, logged_in) -> None:
    owner = member("はなこ")
    browser = logged_in("au-W53CA", member("たにん"))
    text = browser.page(f"/members/{owner}/friends")
    assert "はなこさんのマイミク(0人)" in text and "マイミクはいません。" in text
    assert browser.get("/members/999999/friends", expect_errors=True).status_int == 404


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_list_links_each_friend_the_profile_and_home(app, member, logged_in,
                                                         name) -> None:
    owner, friend = member("はなこ"), member("とも")
    befriend_at(app, owner, [friend])
    browser = logged_in(name, member("たにん"))
    text = browser.page(f"/members/{owner}/friends")
    assert [int(found) for found, label in _LINK.findall(text) if label == "とも"] == [friend]
    assert access_key(text, "9", "はなこさんのページ") and access_key(text, "0", "トップ")
    assert "公開範囲の設定" not in text
    own = logged_in(name, owner).page(f"/members/{owner}/friends")
    assert access_key(own, "5", "公開範囲の設定")
