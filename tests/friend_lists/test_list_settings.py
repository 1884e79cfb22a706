"""The setting of who sees my friend list: the form, what a POST stores, what it refuses."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import Profile
from tests.friend_lists.conftest import choose_level
from tests.handsets import page_forms
from tests.social.conftest import access_key

CHOICES = ["全体に公開", "マイミクまで公開", "非公開"]


def stored(app, member_id):
    """Return the member's profiles row as (friends_visibility, introduction), or None."""
    with app.app_context():
        row = db.session.execute(select(Profile.friends_visibility, Profile.introduction)
                                 .where(Profile.member_id == member_id)).first()
        return tuple(row) if row else None


def selected(text: str) -> str:
    """Return the label of the option the form has selected."""
    return re.findall(r'<option value="[^"]*" selected="selected">([^<]*)</option>', text)[0]


def test_the_settings_menu_offers_the_friend_list_off_the_pager_key(app, member, logged_in) -> None:
    text = logged_in("docomo-N505i", member()).page("/settings")
    assert "マイミク一覧の公開範囲</a>" in text  # 4 is only ever the pager's 前へ
    assert not access_key(text, "4", "マイミク一覧の公開範囲")


@pytest.mark.parametrize("name", ["docomo-D501i", "docomo-P903i", "au-W53CA", "softbank-930SH",
                                  "willcom-WX310SA", "pc-Firefox"])
def test_a_member_without_a_profile_chooses_friends_only_with_the_csrf_token(
        app, member, logged_in, name) -> None:
    me = member("わたし")
    browser = logged_in(name, me)
    text = browser.page("/settings/friend_list")
    assert re.findall(r"<option [^>]*>([^<]*)</option>", text) == CHOICES
    assert selected(text) == "全体に公開" and stored(app, me) is None
    form = browser.get("/settings/friend_list")
    assert page_forms(form)[0].fields["csrf_token"]
    done = browser.send(form, {"visibility": "friends"})
    assert done.status_int == 302
    again = browser.send(form, {"visibility": "friends"})  # a double submit changes nothing
    assert again.status_int == 302
    shown = browser.text(done.follow())
    assert "マイミク一覧の公開範囲を変更しました。" in shown
    assert selected(shown) == "マイミクまで公開"
    assert stored(app, me) == ("friends", "")
    browser.send(browser.get("/settings/friend_list"), {"visibility": "only_me"})
    assert stored(app, me) == ("only_me", "")
    assert selected(browser.page("/settings/friend_list")) == "非公開"


def test_the_setting_keeps_the_rest_of_the_profile(app, member, logged_in) -> None:
    me = member("わたし")
    with app.app_context():
        db.session.add(Profile(member_id=me, introduction="よろしく",
                               introduction_visibility="friends"))
        db.session.commit()
    browser = logged_in("pc-Firefox", me)
    browser.send(browser.get("/settings/friend_list"), {"visibility": "only_me"})
    with app.app_context():
        profile = db.session.get(Profile, me)
        assert (profile.friends_visibility, profile.introduction,
                profile.introduction_visibility) == ("only_me", "よろしく", "friends")


def test_a_post_without_the_csrf_token_changes_nothing(app, member, logged_in) -> None:
    me = member("わたし")
    choose_level(app, me, "friends")
    browser = logged_in("pc-Firefox", me)
    form = browser.get("/settings/friend_list")
    refused = browser.send(form, {"visibility": "everyone", "csrf_token": "forged"},
                           expect_errors=True)
    assert refused.status_int == 400
    assert stored(app, me) == ("friends", "")


@pytest.mark.parametrize("value", ["friends_of_friends", "bogus", ""])
def test_a_level_not_offered_is_refused_in_the_form(app, member, logged_in, value) -> None:
    me = member("わたし")
    choose_level(app, me, "friends")
    browser = logged_in("docomo-N505i", me)
    refused = browser.send(browser.get("/settings/friend_list"), {"visibility": value})
    assert refused.status_int == 200
    assert "公開範囲を選んでください。" in browser.text(refused)
    assert stored(app, me) == ("friends", "")


def test_the_setting_takes_effect_on_the_next_visit(app, member, logged_in) -> None:
    owner, stranger = member("はなこ"), member("たにん")
    owner_browser, visitor = logged_in("au-W53CA", owner), logged_in("au-W53CA", stranger)
    assert visitor.get(f"/members/{owner}/friends").status_int == 200
    owner_browser.send(owner_browser.get("/settings/friend_list"), {"visibility": "only_me"})
    assert visitor.get(f"/members/{owner}/friends", expect_errors=True).status_int == 403
    assert owner_browser.get(f"/members/{owner}/friends").status_int == 200
    own_profile = owner_browser.page(f"/members/{owner}")
    assert access_key(own_profile, "3", "マイミク0人")
