"""A diary's date: a premium member sets it (past times only) when writing or editing; a free
member's form has no date and the server refuses a date sent anyway; lists, the friends'
feeds and home follow the date."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.diary import Diary
from keitai.models.friendship import Friendship
from keitai.privacy import Visibility
from keitai.timefmt import JST
from tests.diary.factories import add_diaries
from tests.handsets import PAGE_PROFILES
from tests.outbox import run_jobs
from tests.search.conftest import hits, search
from tests.social.conftest import befriend

DATE_FIELDS = ("date_year", "date_month", "date_day", "date_hour", "date_minute")
#: 2024/05/01 12:30 in Japan
MAY_DAY = {"date_year": "2024", "date_month": "5", "date_day": "1", "date_hour": "12",
           "date_minute": "30"}
MAY_DAY_UTC = datetime(2024, 5, 1, 3, 30, tzinfo=UTC)


def date_of(app, diary_id: int) -> datetime:
    with app.app_context():
        return db.session.get_one(Diary, diary_id).created_at


def diary_count(app, author_id: int) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(Diary)
                                     .where(Diary.author_id == author_id)) or 0)


def titles_in_order(text: str, *titles: str) -> bool:
    """Tell whether the titles appear on the page in this order."""
    places = [text.find(title) for title in titles]
    return -1 not in places and places == sorted(places)


def fields_of(when: datetime) -> dict[str, str]:
    local = when.astimezone(JST)
    return {"date_year": str(local.year), "date_month": str(local.month),
            "date_day": str(local.day), "date_hour": str(local.hour),
            "date_minute": str(local.minute)}


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_premium_member_writes_a_diary_dated_in_the_past(app, premium_member, logged_in,
                                                           name) -> None:
    me = premium_member("ぷれみ")
    add_diaries(app, me, ["きのう"], minutes_ago=60 * 24)
    browser = logged_in(name, me)
    form = browser.get("/diary/new")
    text = browser.page("/diary/new")
    assert all(f'name="{field}"' in text for field in DATE_FIELDS) and "空欄なら今" in text
    done = browser.submit(form, {"title": "むかしの日記", "body": "本文", **MAY_DAY})
    assert done.status_int == 302, browser.text(done)
    diary_id = int(re.search(r"/diary/(\d+)", done.headers["Location"]).group(1))
    assert date_of(app, diary_id) == MAY_DAY_UTC
    assert "2024/05/01 12:30" in browser.page(f"/diary/{diary_id}")
    listed = browser.page(f"/members/{me}/diary")
    assert titles_in_order(listed, "きのう", "むかしの日記") and "05/01 12:30" in listed


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_premium_member_moves_a_diary_and_the_lists_follow(app, premium_member, member,
                                                             logged_in, name) -> None:
    me, friend = premium_member("ぷれみ"), member("とも")
    befriend(app, me, friend)
    older, newer = add_diaries(app, me, ["ふるい", "あたらしい"], visibility="friends")
    browser = logged_in(name, me)
    form = browser.get(f"/diary/{newer}/edit")
    assert 'name="date_year"' in browser.text(form)
    done = browser.submit(form, {"title": "あたらしい", "body": "本文", **MAY_DAY})
    assert done.status_int == 302, browser.text(done)
    assert date_of(app, newer) == MAY_DAY_UTC
    assert titles_in_order(browser.page(f"/members/{me}/diary"), "ふるい", "あたらしい")
    reader = logged_in(name, friend)
    assert titles_in_order(reader.page("/diary/friends"), "ふるい", "あたらしい")
    assert titles_in_order(reader.page("/"), "ふるい", "あたらしい")
    with app.app_context():  # the feed's index holds the newest readable date again
        kept = db.session.scalar(select(Friendship.friend_diary_at).where(
            Friendship.member_id == friend, Friendship.friend_id == me))
        assert kept == db.session.get_one(Diary, older).created_at


@pytest.mark.stores
def test_the_friends_home_kept_in_redis_follows_a_moved_diary(app, premium_member, member,
                                                              logged_in, store) -> None:
    me, friend = premium_member("ぷれみ"), member("とも")
    befriend(app, me, friend)
    _older, newer = add_diaries(app, me, ["ふるい", "あたらしい"], visibility="friends")
    reader = logged_in("docomo-P903i", friend)
    assert titles_in_order(reader.page("/"), "あたらしい", "ふるい")
    reader.page("/")  # kept now, where there is a Redis
    browser = logged_in("pc-Firefox", me)
    done = browser.submit(browser.get(f"/diary/{newer}/edit"),
                          {"title": "あたらしい", "body": "本文", **MAY_DAY})
    assert done.status_int == 302
    assert titles_in_order(reader.page("/"), "ふるい", "あたらしい")


def test_saving_without_touching_the_date_keeps_it_to_the_second(app, premium_member,
                                                                 logged_in) -> None:
    me = premium_member()
    [diary_id] = add_diaries(app, me, ["そのまま"], minutes_ago=90)
    before = date_of(app, diary_id)
    browser = logged_in("docomo-P903i", me)
    form = browser.get(f"/diary/{diary_id}/edit")
    local = before.astimezone(JST)
    assert f'value="{local.minute:02d}"' in browser.text(form)
    done = browser.submit(form, {"title": "なおした", "body": "本文", **fields_of(before)})
    assert done.status_int == 302, browser.text(done)
    assert date_of(app, diary_id) == before
    blank = browser.submit(browser.get(f"/diary/{diary_id}/edit"),
                           {"title": "なおした", "body": "本文", "date_month": "",
                            "date_day": "", "date_hour": "", "date_minute": ""})
    assert blank.status_int == 302 and date_of(app, diary_id) == before


@pytest.mark.parametrize("name", ["docomo-N505i", "au-C5001T", "softbank-J-SH51",
                                  "pc-Firefox"])
def test_a_date_in_the_future_or_that_does_not_exist_is_refused(app, premium_member,
                                                                logged_in, name) -> None:
    me = premium_member()
    [diary_id] = add_diaries(app, me, ["にっき"])
    before = date_of(app, diary_id)
    browser = logged_in(name, me)
    tomorrow = fields_of(utcnow() + timedelta(days=1))
    refused = browser.submit(browser.get(f"/diary/{diary_id}/edit"),
                             {"title": "にっき", "body": "本文", **tomorrow})
    assert refused.status_int == 200 and "未来の日時は指定できません" in browser.text(refused)
    assert date_of(app, diary_id) == before
    refused = browser.submit(browser.get("/diary/new"),
                             {"title": "あした", "body": "本文", **tomorrow})
    assert "未来の日時は指定できません" in browser.text(refused)
    no_day = {**MAY_DAY, "date_month": "2", "date_day": "30"}
    refused = browser.submit(browser.get("/diary/new"), {"title": "ない日", "body": "本文",
                                                         **no_day})
    text = browser.text(refused)
    assert "2024年2月30日はありません" in text and 'value="30"' in text
    assert diary_count(app, me) == 1


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_free_members_form_has_no_date_and_a_forged_date_is_refused(app, member,
                                                                      logged_in,
                                                                      name) -> None:
    me = member("ふつう")
    [diary_id] = add_diaries(app, me, ["にっき"])
    before = date_of(app, diary_id)
    browser = logged_in(name, me)
    for url in ("/diary/new", f"/diary/{diary_id}/edit"):
        assert "date_year" not in browser.page(url)
    refused = browser.submit(browser.get(f"/diary/{diary_id}/edit"),
                             {"title": "かえた", "body": "本文", **MAY_DAY})
    text = browser.text(refused)
    assert refused.status_int == 200 and "プレミアム会員だけ" in text
    assert date_of(app, diary_id) == before
    with app.app_context():
        assert db.session.get_one(Diary, diary_id).title == "にっき"
    refused = browser.submit(browser.get("/diary/new"),
                             {"title": "むかし", "body": "本文", **MAY_DAY})
    assert "プレミアム会員だけ" in browser.text(refused) and diary_count(app, me) == 1
    done = browser.submit(browser.get("/diary/new"), {"title": "いま", "body": "本文"})
    assert done.status_int == 302 and diary_count(app, me) == 2


def test_when_premium_lapses_the_date_fields_go_and_the_date_stays(app, premium_member,
                                                                   logged_in) -> None:
    me = premium_member(lapsed=True)
    [diary_id] = add_diaries(app, me, ["にっき"])
    browser = logged_in("docomo-P903i", me)
    assert "date_year" not in browser.page(f"/diary/{diary_id}/edit")
    refused = browser.submit(browser.get(f"/diary/{diary_id}/edit"),
                             {"title": "にっき", "body": "本文", **MAY_DAY})
    assert "プレミアム会員だけ" in browser.text(refused)


def test_a_moved_diary_is_still_found_by_search(app, premium_member, member,
                                                logged_in) -> None:
    me, reader = premium_member(), member("よむひと")
    [diary_id] = add_diaries(app, me, ["らーめん日記"], visibility=Visibility.EVERYONE.value)
    browser = logged_in("pc-Firefox", me)
    done = browser.submit(browser.get(f"/diary/{diary_id}/edit"),
                          {"title": "らーめん日記", "body": "本文", **MAY_DAY})
    assert done.status_int == 302 and date_of(app, diary_id) == MAY_DAY_UTC
    run_jobs(app)
    assert hits(search(logged_in("pc-Firefox", reader), "らーめん")) == ["らーめん日記"]
