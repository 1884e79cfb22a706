"""Friends: a request with a message and "do you know this person?", accept, decline, remove."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.friends import service as friends
from keitai.models import FriendCount, FriendRequest, Friendship
from tests.handsets import PAGE_PROFILES, main_part
from tests.social.conftest import access_key, befriend, block


def count(app, model, **where):
    with app.app_context():
        statement = select(func.count()).select_from(model)
        for name, value in where.items():
            statement = statement.where(getattr(model, name) == value)
        return db.session.scalar(statement)


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_request_with_a_message_becomes_a_friendship_when_accepted(app, member, logged_in,
                                                                     name) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    sender, recipient = logged_in(name, taro), logged_in(name, hanako)
    form = sender.get(f"/members/{hanako}/request")
    assert "はなこさんにマイミク申請します。" in sender.page(f"/members/{hanako}/request")
    done = sender.send(form, {"message": b"yoroshiku" + sender.sun(), "knows": "0"})
    assert "はなこさんにマイミク申請を送りました。" in sender.text(done)

    inbox = recipient.page("/friends/requests")
    assert "たろう" in inbox and "知り合いではありません" in inbox
    page = recipient.get("/friends/requests")
    assert b"yoroshiku" + recipient.sun() in page.body
    recipient.send(page, {"accept": "承認"}).follow()
    assert count(app, Friendship) == 2 and count(app, FriendRequest) == 0
    friends = recipient.page("/friends")
    assert "マイミク(1人)" in friends and "たろう" in friends
    assert "はなこ" in sender.page("/friends")


def test_the_request_page_sends_the_emoji_the_handset_typed(app, member, logged_in) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    sender = logged_in("docomo-N505i", taro)
    sender.send(sender.get(f"/members/{hanako}/request"), {"message": b"hi" + sender.sun()})
    with app.app_context():
        assert db.session.scalar(select(FriendRequest.message)) == "hi☀"
    pc = logged_in("pc-Firefox", hanako)
    assert "hi☀" in pc.page("/friends/requests")
    au = logged_in("au-W53CA", hanako)
    assert b"hi\xf6\x60" in au.get("/friends/requests").body


def test_declining_and_cancelling_remove_the_request(app, member, logged_in) -> None:
    taro, hanako, jiro = member("たろう"), member("はなこ"), member("じろう")
    for sender in (taro, jiro):
        browser = logged_in("pc-Firefox", sender)
        browser.send(browser.get(f"/members/{hanako}/request"), {"message": ""})
    recipient = logged_in("pc-Firefox", hanako)
    recipient.send(recipient.get("/friends/requests"), {"decline": "お断り"})
    assert count(app, FriendRequest) == 1
    jiro_browser = logged_in("pc-Firefox", jiro)
    page = jiro_browser.get("/friends/requests")
    assert "返事待ち" in jiro_browser.text(page)
    jiro_browser.send(page, {})
    assert count(app, FriendRequest) == 0 and count(app, Friendship) == 0


@pytest.mark.parametrize("name", ["docomo-D501i", "softbank-930SH", "pc-Firefox"])
def test_a_double_submit_of_request_and_accept_makes_one_row(app, member, logged_in,
                                                            name) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    sender = logged_in(name, taro)
    form = sender.get(f"/members/{hanako}/request")
    sender.send(form, {"message": "a"})
    again = sender.send(form, {"message": "a"})
    assert again.status_int == 200
    assert count(app, FriendRequest) == 1
    recipient = logged_in(name, hanako)
    page = recipient.get("/friends/requests")
    recipient.send(page, {"accept": "承認"})
    second = recipient.send(page, {"accept": "承認"}).follow()
    assert "この申請はすでに処理されています。" in recipient.text(second)
    assert count(app, Friendship) == 2


def test_removing_a_friend_ends_it_both_ways_after_a_confirmation(app, member,
                                                                   logged_in) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    befriend(app, taro, hanako)
    browser = logged_in("docomo-N505i", taro)
    confirm = browser.get(f"/friends/{hanako}/remove")
    assert "はなこさんをマイミクから外しますか" in browser.text(confirm)
    done = browser.send(confirm, {}).follow()
    assert "はなこさんをマイミクから外しました。" in browser.text(done)
    assert count(app, Friendship) == 0
    with app.app_context():
        assert {row.member_id: row.count for row in db.session.scalars(
            select(FriendCount))} == {taro: 0, hanako: 0}


def test_a_blocked_member_can_send_no_request(app, member, logged_in) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    block(app, hanako, taro)
    browser = logged_in("docomo-N505i", taro)
    assert browser.get(f"/members/{hanako}/request", status=404).status_int == 404
    assert count(app, FriendRequest) == 0


def test_one_cannot_ask_a_friend_or_oneself_or_someone_who_asked_first(app, member,
                                                                      logged_in) -> None:
    taro, hanako, jiro = member("たろう"), member("はなこ"), member("じろう")
    befriend(app, taro, hanako)
    browser = logged_in("pc-Firefox", taro)
    assert "すでにマイミクです。" in browser.text(
        browser.send(browser.get(f"/members/{hanako}/request"), {}))
    assert "この人にはマイミク申請できません。" in browser.text(
        browser.send(browser.get(f"/members/{taro}/request"), {}))
    jiro_browser = logged_in("pc-Firefox", jiro)
    jiro_browser.send(jiro_browser.get(f"/members/{taro}/request"), {})
    refused = browser.send(browser.get(f"/members/{jiro}/request"), {})
    assert "この人からマイミク申請が届いています。" in browser.text(refused)
    assert count(app, FriendRequest) == 1


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_friend_list_pages_on_keys_4_and_6(app, member, logged_in, name) -> None:
    me = member("わたし")
    friends = [member(f"とも{i:02d}") for i in range(25)]
    befriend(app, me, *friends)
    browser = logged_in(name, me)
    first = browser.page("/friends")
    assert "マイミク(25人)" in first and access_key(first, "6", "次へ")
    shown = len(re.findall(r"とも\d\d", main_part(first)))  # not the friends beside it
    assert shown in (10, 20)
    second = browser.page("/friends?page=2")
    assert access_key(second, "4", "前へ")
    assert len(re.findall(r"とも\d\d", main_part(second))) == min(shown, 25 - shown)


def test_a_request_is_reported_sent_once_however_often_it_is_sent(app, member) -> None:
    me, taro = member("わたし"), member("たろう")
    with app.app_context():
        assert friends.send_request(me, taro, "", True) is True
        assert friends.send_request(me, taro, "", True) is False  # already there
        db.session.commit()
