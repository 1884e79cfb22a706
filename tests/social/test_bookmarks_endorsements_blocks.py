"""Bookmarks, endorsements and blocks, as members use them from their handsets."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.models import Block, Bookmark, Endorsement, FriendRequest, Friendship
from tests.handsets import PAGE_PROFILES, page_forms
from tests.social.conftest import access_key, befriend, block


def rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_bookmarks_a_member_once_and_removes_it(app, member, logged_in,
                                                         name) -> None:
    me, hanako = member("わたし"), member("はなこ")
    browser = logged_in(name, me)
    profile = browser.get(f"/members/{hanako}")
    index = next(i for i, form in enumerate(page_forms(profile))
                 if form.action.startswith(f"/members/{hanako}/bookmark"))
    browser.send(profile, {}, index=index)
    browser.send(profile, {}, index=index)
    assert rows(app, Bookmark) == 1
    page = browser.get("/bookmarks")
    assert "はなこ" in browser.page("/bookmarks")
    browser.send(page, {})
    assert rows(app, Bookmark) == 0 and "はなこ" not in browser.page("/bookmarks")


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_friend_writes_an_endorsement_shown_newest_first(app, member, logged_in,
                                                           name) -> None:
    me, taro, hanako = member("わたし"), member("たろう"), member("はなこ")
    befriend(app, me, taro, hanako)
    for author, relation in ((taro, "大学の友人"), (hanako, "会社の同僚")):
        browser = logged_in(name, author)
        form = browser.get(f"/members/{me}/endorsements/write")
        browser.send(form, {"relation": relation, "body": b"good" + browser.sun()})
        browser.send(form, {"relation": relation, "body": b"good" + browser.sun()})
    assert rows(app, Endorsement) == 2
    viewer = logged_in(name, member("たにん"))
    text = viewer.page(f"/members/{me}/endorsements")
    assert text.index("会社の同僚") < text.index("大学の友人")
    assert viewer.get(f"/members/{me}/endorsements").body.count(b"good" + viewer.sun()) == 2
    assert "会社の同僚" in viewer.page(f"/members/{me}")


def test_the_author_edits_and_deletes_and_the_subject_hides(app, member, logged_in) -> None:
    me, taro = member("わたし"), member("たろう")
    befriend(app, me, taro)
    author = logged_in("docomo-N505i", taro)
    author.send(author.get(f"/members/{me}/endorsements/write"),
                {"relation": "幼なじみ", "body": "やさしい"})
    edit = author.get(f"/members/{me}/endorsements/write")
    assert "やさしい" in author.text(edit)
    author.send(edit, {"relation": "幼なじみ", "body": "とてもやさしい"})
    subject = logged_in("docomo-N505i", me)
    page = subject.get(f"/members/{me}/endorsements")
    subject.send(page, {"hide": "非表示にする"})
    stranger = logged_in("docomo-N505i", member("たにん"))
    assert "とてもやさしい" not in stranger.page(f"/members/{me}/endorsements")
    assert "とてもやさしい" not in stranger.page(f"/members/{me}")
    assert "非表示中" in subject.page(f"/members/{me}/endorsements")
    own = author.get(f"/members/{me}/endorsements")
    assert "とてもやさしい" in author.text(own)
    author.send(own, {})
    assert rows(app, Endorsement) == 0


def test_only_friends_write_endorsements(app, member, logged_in) -> None:
    me, stranger = member("わたし"), member("たにん")
    browser = logged_in("pc-Firefox", stranger)
    refused = browser.send(browser.get(f"/members/{me}/endorsements/write"),
                           {"relation": "x", "body": "y"})
    assert "紹介文はマイミクだけが書けます。" in browser.text(refused)
    assert rows(app, Endorsement) == 0


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_blocking_from_a_profile_ends_the_friendship_and_shuts_them_out(app, member,
                                                                       logged_in,
                                                                       name) -> None:
    me, taro = member("わたし"), member("たろう")
    befriend(app, me, taro)
    browser = logged_in(name, me)
    confirm = browser.get(f"/members/{taro}/block")
    assert "たろうさんをブロックしますか" in browser.page(f"/members/{taro}/block")
    browser.send(confirm, {})
    browser.send(confirm, {})
    assert rows(app, Block) == 1 and rows(app, Friendship) == 0
    listing = browser.page("/settings/blocks")
    assert "たろう" in listing and access_key(listing, "0", "トップ")
    blocked = logged_in(name, taro)
    assert blocked.get(f"/members/{me}", status=404).status_int == 404
    assert blocked.get(f"/members/{me}/request", status=404).status_int == 404
    assert blocked.get(f"/members/{me}/endorsements/write", status=404).status_int == 404
    assert blocked.get(f"/members/{me}/endorsements", status=404).status_int == 404
    browser.send(browser.get("/settings/blocks"), {})
    assert rows(app, Block) == 0
    assert blocked.get(f"/members/{me}").status_int == 200


def test_a_block_clears_requests_bookmarks_and_endorsements(app, member, logged_in) -> None:
    me, taro = member("わたし"), member("たろう")
    befriend(app, me, taro)
    with app.app_context():
        db.session.add_all([Bookmark(member_id=taro, target_id=me),
                            Endorsement(author_id=taro, subject_id=me, relation="a", body="b"),
                            FriendRequest(sender_id=taro, recipient_id=me, message="")])
        db.session.commit()
    browser = logged_in("pc-Firefox", me)
    browser.send(browser.get(f"/members/{taro}/block"), {})
    for model in (Bookmark, Endorsement, FriendRequest, Friendship):
        assert rows(app, model) == 0, model


def test_a_blocked_members_endorsements_and_bookmarks_stay_out_of_sight(app, member,
                                                                       logged_in) -> None:
    me, taro, viewer = member("わたし"), member("たろう"), member("みるひと")
    befriend(app, me, taro)
    with app.app_context():
        db.session.add(Endorsement(author_id=taro, subject_id=me, relation="a", body="ひみつ"))
        db.session.add(Bookmark(member_id=viewer, target_id=taro))
        db.session.commit()
    block(app, viewer, taro)
    browser = logged_in("pc-Firefox", viewer)
    assert "ひみつ" not in browser.page(f"/members/{me}/endorsements")
    assert "たろう" not in browser.page("/bookmarks")
