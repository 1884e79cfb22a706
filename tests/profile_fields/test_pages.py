"""Editing gender, birth date and prefecture from a handset, and what /more shows of them."""
from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.features.profile.choices import age_on
from keitai.models import Member, ProfileField
from keitai.timefmt import JST
from tests.social.conftest import befriend

HANDSETS = ["docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-J-SH51",
            "smartphone-iPhone", "pc-Firefox"]
BORN = date(1991, 7, 14)


def stored(app, member_id: int) -> dict[str, tuple[str, str]]:
    with app.app_context():
        return {row.name: (row.value, row.visibility) for row in db.session.execute(
            select(ProfileField).where(ProfileField.member_id == member_id)).scalars()}


def birth_date(app, member_id: int) -> date | None:
    with app.app_context():
        return db.session.get(Member, member_id).birth_date


@pytest.mark.parametrize("name", HANDSETS)
def test_a_member_chooses_gender_birth_date_and_prefecture_on_the_handset(app, member,
                                                                          logged_in,
                                                                          name) -> None:
    me, friend, stranger = member("はなこ"), member("とも"), member("たにん")
    befriend(app, me, friend)
    browser = logged_in(name, me)
    page = browser.get("/settings/profile/fields")
    text = browser.page("/settings/profile/fields")
    assert "生年月日" in text and "年齢の公開" in text and "誕生日の公開" in text
    assert text.index("北海道") < text.index("東京都") < text.index("沖縄県") < text.index("海外")
    browser.send(page, {"f_gender": "female", "v_gender": "everyone", "birth_year": "1991",
                        "birth_month": "7", "birth_day": "14", "v_age": "friends",
                        "v_birthday": "everyone"}, index=0)
    page = browser.get("/settings/profile/fields")
    form = 1 if "f_prefecture" not in browser.text(page).split("</form>")[0] else 0
    browser.send(page, {"f_prefecture": "13", "v_prefecture": "everyone",
                        "f_region": "世田谷区", "v_region": "friends"}, index=form)
    assert stored(app, me) == {
        "gender": ("female", "everyone"), "age": ("", "friends"),
        "birthday": ("", "everyone"), "prefecture": ("13", "everyone"),
        "region": ("世田谷区", "friends")}
    assert birth_date(app, me) == BORN
    age = f"{age_on(BORN, datetime.now(JST).date())}歳"
    own = browser.page(f"/members/{me}/more")
    assert "性別: 女性" in own and "現住所: 東京都" in own
    assert f"年齢: {age} [マイミクまで公開]" in own
    assert "誕生日: 7月14日" in own and "現住所(市区町村): 世田谷区" in own
    friends_view = logged_in(name, friend).page(f"/members/{me}/more")
    assert f"年齢: {age}" in friends_view and "世田谷区" in friends_view
    strangers_view = logged_in(name, stranger).page(f"/members/{me}/more")
    assert "女性" in strangers_view and "東京都" in strangers_view
    assert "年齢" not in strangers_view and "世田谷区" not in strangers_view
    assert "7月14日" in strangers_view


def test_the_form_shows_what_is_stored_and_the_age_starts_private(app, member,
                                                                    logged_in) -> None:
    me = member("はなこ")
    browser = logged_in("pc-Firefox", me)
    text = browser.text(browser.get("/settings/profile/fields"))
    for field in ("v_age", "v_birthday"):
        chosen = re.search(rf'<select id="f-{field}" name="{field}">.*?</select>', text, re.S)
        assert chosen and 'value="only_me" selected="selected"' in chosen.group()
    assert '<option value="">未回答</option>' in text
    with app.app_context():
        db.session.add(ProfileField(member_id=me, name="prefecture", value="27",
                                    visibility="friends"))
        db.session.commit()
    text = browser.text(browser.get("/settings/profile/fields"))
    assert '<option value="27" selected="selected">大阪府</option>' in text


def test_choosing_no_gender_removes_it(app, member, logged_in) -> None:
    me = member("はなこ")
    with app.app_context():
        db.session.add(ProfileField(member_id=me, name="gender", value="female"))
        db.session.commit()
    browser = logged_in("docomo-P903i", me)
    browser.send(browser.get("/settings/profile/fields"), {"f_gender": ""}, index=0)
    assert "gender" not in stored(app, me)


@pytest.mark.parametrize(("year", "month", "day", "message"), [
    ("2015", "1", "1", "18歳未満の方は登録できません。"),
    ("1991", "2", "30", "生年月日を正しく入力してください"),
    ("1991", "", "", "生年月日を正しく入力してください"),
])
def test_a_birth_date_under_18_or_no_date_is_refused(app, member, logged_in, year, month,
                                                     day, message) -> None:
    me = member("はなこ")
    browser = logged_in("docomo-N505i", me)
    refused = browser.send(browser.get("/settings/profile/fields"),
                           {"f_gender": "female", "birth_year": year, "birth_month": month,
                            "birth_day": day}, index=0)
    assert message in browser.text(refused)
    assert birth_date(app, me) is None and stored(app, me) == {}


def test_an_unknown_choice_is_refused(app, member, logged_in) -> None:
    me = member("はなこ")
    browser = logged_in("pc-Firefox", me)
    refused = browser.send(browser.get("/settings/profile/fields"), {"f_gender": "other"},
                           index=0)
    assert "性別は一覧から選んでください。" in browser.text(refused)
    assert stored(app, me) == {}


def test_saving_one_form_leaves_the_others_fields_alone(app, member, logged_in) -> None:
    me = member("はなこ")
    with app.app_context():
        db.session.add(ProfileField(member_id=me, name="hobbies", value="つり"))
        db.session.commit()
    browser = logged_in("pc-Firefox", me)
    browser.send(browser.get("/settings/profile/fields"),
                 {"f_gender": "male", "v_gender": "everyone", "v_age": "only_me",
                  "v_birthday": "only_me"}, index=0)
    assert stored(app, me) == {"gender": ("male", "everyone"), "hobbies": ("つり", "everyone"),
                               "age": ("", "only_me"), "birthday": ("", "only_me")}
