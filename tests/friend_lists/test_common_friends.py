"""The full list of friends in common, and the profile's links to both lists."""
from __future__ import annotations

import pytest

from tests.diary.browsing import rows_per_page
from tests.friend_lists.conftest import befriend_at, choose_level
from tests.friend_lists.test_member_friends import EXPECTED, LEVELS, listed
from tests.social.conftest import access_key, block


@pytest.fixture()
def pair(app, member):
    """わたし and はなこ, strangers who share 25 friends (共友00 ... 共友24)."""
    me, owner = member("わたし"), member("はなこ")
    common = [member(f"共友{n:02d}") for n in range(25)]
    befriend_at(app, me, common)
    befriend_at(app, owner, common)
    return {"me": me, "owner": owner, "common": common}


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "pc-Firefox"])
def test_the_profile_names_three_and_links_the_whole_list_a_page_at_a_time(app, pair,
                                                                           logged_in,
                                                                           name) -> None:
    browser = logged_in(name, pair["me"])
    profile = browser.get(f"/members/{pair['owner']}")
    text = browser.text(profile)
    assert listed(text, "共友") == ["共友00", "共友01", "共友02"] and "ほか22人" in text
    first = browser.click(profile, "共通のマイミクをすべて見る")
    assert first.request.path == f"/members/{pair['owner']}/common_friends"
    per, names = rows_per_page(browser), [f"共友{n:02d}" for n in range(25)]
    text = browser.page(f"/members/{pair['owner']}/common_friends")
    assert "はなこさんとの共通のマイミク(25人)" in text
    assert listed(text, "共友") == names[:per] and access_key(text, "6", "次へ")
    second = browser.page(f"/members/{pair['owner']}/common_friends?page=2")
    assert listed(second, "共友") == names[per:2 * per] and access_key(second, "4", "前へ")
    assert access_key(second, "9", "はなこさんのページ") and access_key(second, "0", "トップ")


def test_the_profile_links_the_whole_list_only_when_it_names_fewer(app, member,
                                                                   logged_in) -> None:
    me, owner, one, two = member("わたし"), member("はなこ"), member("共友1"), member("共友2")
    befriend_at(app, me, [one, two])
    befriend_at(app, owner, [one, two])
    text = logged_in("docomo-N505i", me).page(f"/members/{owner}")
    assert listed(text, "共友") == ["共友1", "共友2"]
    assert "共通のマイミクをすべて見る" not in text and "ほか" not in text


def test_friends_with_a_block_to_the_viewer_are_left_out(app, pair, logged_in) -> None:
    me, common = pair["me"], pair["common"]
    block(app, me, common[0])
    block(app, common[1], me)
    browser = logged_in("pc-Firefox", me)
    text = browser.page(f"/members/{pair['owner']}/common_friends")
    assert "(23人)" in text and listed(text, "共友")[:2] == ["共友02", "共友03"]
    assert listed(browser.page(f"/members/{pair['owner']}"), "共友")[0] == "共友02"


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: str(level))
def test_the_common_list_follows_the_owners_setting_and_blocks_as_the_friend_list(
        app, member, logged_in, level) -> None:
    owner, mutual = member("はなこ"), member("きょうつう")
    viewers = {"friend": member("とも"), "stranger": member("たにん"),
               "blocked": member("ブロックされた"), "blocker": member("ブロックした")}
    befriend_at(app, owner, [viewers["friend"], mutual])
    for viewer in viewers.values():
        befriend_at(app, viewer, [mutual])
    block(app, owner, viewers["blocked"])
    block(app, viewers["blocker"], owner)
    choose_level(app, owner, level)
    for who, viewer in viewers.items():
        browser = logged_in("softbank-930SH", viewer)
        response = browser.get(f"/members/{owner}/common_friends", expect_errors=True)
        assert response.status_int == EXPECTED[level][who], who
        if response.status_int == 200:
            assert listed(browser.text(response), "きょうつう") == ["きょうつう"]
        else:
            assert "きょうつう" not in browser.text(response)
        if who == "stranger":
            profile = browser.text(browser.get(f"/members/{owner}"))
            assert ("共通のマイミク: " in profile) is (response.status_int == 200)


def test_my_own_common_list_is_my_friend_list(app, member, logged_in) -> None:
    me = member("わたし")
    response = logged_in("pc-Firefox", me).get(f"/members/{me}/common_friends")
    assert response.status_int == 302 and response.location.endswith("/friends")
