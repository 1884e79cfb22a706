"""Profiles: what each handset sees of a member, and who may see which field."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.models import Footprint, Profile, ProfileField
from keitai.privacy import Visibility
from tests.handsets import PAGE_PROFILES, main_part
from tests.social.conftest import access_key, befriend, block

#: one field per visibility: the value shows whether the viewer saw that level
FIELD_LEVELS = {"gender": "everyone", "prefecture": "friends",
                "hometown": "friends_of_friends", "occupation": "only_me"}
#: what is stored (codes for the chosen fields), and what the page shows of it
VALUES = {"gender": "female", "prefecture": "13", "hometown": "大阪府", "occupation": "会社員"}
SHOWN = {"gender": "女性", "prefecture": "東京都", "hometown": "大阪府", "occupation": "会社員"}
SEES = {
    "owner": {"gender", "prefecture", "hometown", "occupation"},
    "friend": {"gender", "prefecture", "hometown"},
    "friend_of_friend": {"gender", "hometown"},
    "stranger": {"gender"},
}


def set_profile(app, member_id, introduction="", level="everyone", fields=FIELD_LEVELS):
    with app.app_context():
        db.session.merge(Profile(member_id=member_id, introduction=introduction,
                                 introduction_visibility=level))
        for name, visibility in fields.items():
            db.session.merge(ProfileField(member_id=member_id, name=name, value=VALUES[name],
                                          visibility=visibility))
        db.session.commit()


@pytest.mark.parametrize("relation", list(SEES))
@pytest.mark.parametrize("blocked", ["no block", "owner blocked viewer", "viewer blocked owner"])
def test_profile_fields_show_by_visibility_friendship_and_block(app, people, logged_in,
                                                               relation, blocked) -> None:
    owner, viewer = people["owner"], people[relation]
    set_profile(app, owner)
    if blocked != "no block" and relation != "owner":
        block(app, *((owner, viewer) if blocked == "owner blocked viewer" else (viewer, owner)))
        browser = logged_in("docomo-P903i", viewer)
        assert browser.get(f"/members/{owner}", status=404).status_int == 404
        assert "このメンバーのページは表示できません。" in browser.text(
            browser.get(f"/members/{owner}/more", status=404))
        return
    text = logged_in("docomo-P903i", viewer).page(f"/members/{owner}/more")
    shown = {name for name, value in SHOWN.items() if value in text}
    assert shown == SEES[relation]


@pytest.mark.parametrize("level", list(Visibility))
@pytest.mark.parametrize("relation", list(SEES))
def test_the_introduction_shows_by_its_visibility(app, people, logged_in, level,
                                                  relation) -> None:
    owner = people["owner"]
    set_profile(app, owner, introduction="はじめまして、はなこです。", level=level.value, fields={})
    text = logged_in("pc-Firefox", people[relation]).page(f"/members/{owner}")
    expected = {"owner": True, "friend": level is not Visibility.ONLY_ME,
                "friend_of_friend": level in (Visibility.EVERYONE,
                                              Visibility.FRIENDS_OF_FRIENDS),
                "stranger": level is Visibility.EVERYONE}[relation]
    assert ("はじめまして" in text) is expected


def test_logged_out_visitors_are_sent_to_the_login_page(app, people, handset) -> None:
    response = handset("docomo-N505i").get(f"/members/{people['owner']}")
    assert response.status_int == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_strangers_page_shows_friends_in_common_and_the_keys(app, people, member, logged_in,
                                                              name) -> None:
    owner, stranger = people["owner"], people["stranger"]
    set_profile(app, owner, introduction="よろしく☀" + "あ" * 100)
    befriend(app, stranger, people["friend"])
    browser = logged_in(name, stranger)
    text = browser.page(f"/members/{owner}")
    assert "はなこさん" in text and "よろしく" in text and "あ" * 61 not in text
    assert browser.sun() in browser.get(f"/members/{owner}").body
    assert "共通のマイミク: " in text and "とも" in text
    assert access_key(text, "1", "マイミクに追加")
    assert access_key(text, "8", "プロフィールの続き")
    assert access_key(text, "7", "紹介文をすべて見る")
    assert access_key(text, "0", "トップ")


def test_shared_friends_name_three_and_count_the_rest(app, member, logged_in) -> None:
    me, other = member("わたし"), member("あいて")
    common = [member(f"きょうつう{i}") for i in range(5)]
    befriend(app, me, *common)
    befriend(app, other, *common)
    text = main_part(logged_in("pc-Firefox", me).page(f"/members/{other}"))
    assert text.count("きょうつう") == 3 and "ほか2人" in text


def test_a_friends_page_offers_an_endorsement_and_my_own_page_the_editors(app, people,
                                                                        logged_in) -> None:
    friend_view = logged_in("docomo-N505i", people["friend"]).page(f"/members/{people['owner']}")
    assert access_key(friend_view, "1", "紹介文を書く") and "マイミクです" in friend_view
    own = logged_in("docomo-N505i", people["owner"]).page(f"/members/{people['owner']}")
    assert access_key(own, "1", "自己紹介を編集") and "写真</a>" in own
    assert access_key(own, "3", "人")  # マイミクN人, the own 写真 left without a key
    assert "ブロックする" not in own


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-J-SH51",
                                  "smartphone-iPhone"])
def test_a_member_edits_nickname_introduction_and_fields_from_the_handset(app, member,
                                                                         logged_in,
                                                                         name) -> None:
    me = member("まえのなまえ")
    browser = logged_in(name, me)
    form = browser.get("/settings/profile")
    assert browser.page("/settings/profile")
    done = browser.send(form, {"nickname": "あたらしい", "introduction": b"hi" + browser.sun(),
                               "visibility": "friends"})
    browser.send(form, {"nickname": "あたらしい", "introduction": b"hi" + browser.sun(),
                        "visibility": "friends"})
    assert "プロフィールを変更しました。" in browser.text(done.follow())
    fields = browser.get("/settings/profile/fields")
    assert browser.page("/settings/profile/fields")
    browser.send(fields, {"f_hobbies": "つり", "v_hobbies": "only_me", "f_gender": ""})
    browser.send(fields, {"f_hobbies": "つり", "v_hobbies": "only_me", "f_gender": ""})
    with app.app_context():
        profile = db.session.get(Profile, me)
        assert (profile.introduction, profile.introduction_visibility) == ("hi☀", "friends")
        assert db.session.scalar(select(func.count()).select_from(Profile)) == 1
        rows = db.session.execute(select(ProfileField.name, ProfileField.value,
                                         ProfileField.visibility)).all()
        assert [tuple(row) for row in rows] == [("hobbies", "つり", "only_me")]
    more = browser.page(f"/members/{me}/more")
    assert "趣味: つり [非公開]" in more and "あたらしい" in more


def test_a_too_long_nickname_is_refused_and_nothing_changes(app, member, logged_in) -> None:
    me = member("たろう")
    browser = logged_in("pc-Firefox", me)
    refused = browser.send(browser.get("/settings/profile"), {"nickname": "な" * 21})
    assert "ニックネームは20文字以内で入力してください。" in browser.text(refused)
    assert "たろうさん" in browser.page(f"/members/{me}")


def test_viewing_a_profile_leaves_one_footprint_however_often(app, people, logged_in) -> None:
    browser = logged_in("docomo-N505i", people["stranger"])
    for _ in range(3):
        browser.get(f"/members/{people['owner']}")
    browser.get(f"/members/{people['stranger']}")
    with app.app_context():
        rows = db.session.execute(select(Footprint.member_id, Footprint.visitor_id)).all()
    assert [tuple(row) for row in rows] == [(people["owner"], people["stranger"])]
