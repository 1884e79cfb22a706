"""Home kept hot in Redis: served without the database's feed and counts, yet fresh after
every write that changes what it shows (and exactly the same without Redis)."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import delete

from keitai.db import db
from keitai.features.blocks import service as blocks
from keitai.features.communities import service as communities
from keitai.features.communities import topics
from keitai.features.communities.access import community_access
from keitai.features.diary import service as diaries
from keitai.features.friends import service as friends
from keitai.features.messages import service as messages
from keitai.features.profile import service as profiles
from keitai.models.diary import Diary
from keitai.models.member import Member
from keitai.models.message import Message
from tests.social.conftest import Browser, befriend
from tests.sql import counting_sql

pytestmark = pytest.mark.stores


def _write(app: Flask, action: Callable[[], object]) -> None:
    """Run one write as its own committed unit, as a request by another member would."""
    with app.app_context():
        action()
        db.session.commit()


def _home(app: Flask, browser: Browser) -> tuple[str, int]:
    """Return the home page's text and how many SQL statements it ran."""
    with counting_sql(app) as statements:
        text = browser.page("/")
    return text, len(statements)


def test_home_is_fresh_after_each_write_that_changes_it(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser],
        store: str) -> None:
    me, taro, hanako = member("わたし"), member("たろう"), member("はなこ")
    befriend(app, me, taro)
    browser = logged_in("docomo-P903i", me)
    _home(app, browser)
    text, first = _home(app, browser)
    assert "たろうの日記" not in text and "新着ミニメール" not in text
    # the member's card, the feed and the counts come from Redis once it keeps them, and so
    # does the session: home then needs no database at all (without Redis: the session, the
    # card, the counts, the feed, the topics, the announcements, the member's reads of them
    # and their unread notices, the news headlines)
    assert first == (0 if store == "redis" else 9)

    _write(app, lambda: diaries.create_diary(taro, "たろうの日記", "本文", "friends", "k1"))
    assert "たろうの日記" in _home(app, browser)[0]

    with app.app_context():
        diary = db.session.get(Diary, db.session.query(Diary.id).scalar())
        assert diary is not None
        diaries.update_diary(diary, diary.title, diary.body, "only_me")
        db.session.commit()
    assert "たろうの日記" not in _home(app, browser)[0]

    _write(app, lambda: diaries.create_diary(taro, "二つ目", "本文", "everyone", "k2"))
    assert "二つ目" in _home(app, browser)[0]
    _write(app, lambda: friends.remove_friend(me, taro))
    assert "二つ目" not in _home(app, browser)[0]

    _write(app, lambda: messages.send(hanako, me, "やあ", "げんき?", "m1"))
    assert "新着ミニメール1件" in _home(app, browser)[0]
    with app.app_context():
        message = db.session.query(Message).one()
        messages.mark_read(message, me)
        db.session.commit()
    assert "新着ミニメール" not in _home(app, browser)[0]

    _write(app, lambda: friends.send_request(hanako, me, "", True))
    assert "マイミク申請1件" in _home(app, browser)[0]
    _write(app, lambda: blocks.block(me, hanako))
    assert "マイミク申請" not in _home(app, browser)[0]


def test_home_is_fresh_after_joining_a_community_and_answering_a_request(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser],
        store: str) -> None:
    me, admin = member("わたし"), member("管理")

    def access(community_id: int, member_id: int):  # type: ignore[no-untyped-def]
        return community_access(community_id, member_id)

    with app.app_context():
        open_one = communities.create_community(admin, "開いた会", "pets", "説明", "open",
                                                "all", "members", "key-open-community1")
        mine = communities.create_community(me, "私の会", "pets", "説明", "approval", "all",
                                            "members", "key-my-community-01")
        topics.create_topic(access(open_one, admin), admin, "新しい話題", "本文",
                            "key-topic-000001")
        db.session.commit()
    browser = logged_in("docomo-P903i", me)
    assert "新しい話題" not in _home(app, browser)[0]
    _write(app, lambda: communities.join(access(open_one, me), me))
    assert "新しい話題" in _home(app, browser)[0]
    _write(app, lambda: communities.join(access(mine, admin), admin, "入れてください"))
    assert "参加承認待ち1件" in _home(app, browser)[0]
    _write(app, lambda: communities.approve(access(mine, me), admin))
    assert "参加承認待ち" not in _home(app, browser)[0]
    _write(app, lambda: communities.leave(access(open_one, me), me))
    assert "新しい話題" not in _home(app, browser)[0]


def test_a_refused_write_leaves_the_kept_home_as_it_was(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser]
) -> None:
    me, taro = member("わたし"), member("たろう")
    befriend(app, me, taro)
    _write(app, lambda: diaries.create_diary(taro, "残る日記", "本文", "friends", "k1"))
    browser = logged_in("pc-Firefox", me)
    assert "残る日記" in _home(app, browser)[0]
    with app.app_context():
        diaries.delete_diary(db.session.query(Diary.id).scalar() or 0, taro)
        db.session.rollback()
    assert "残る日記" in _home(app, browser)[0]


def test_home_shows_a_changed_nickname_at_once(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser]
) -> None:
    me = member("わたし")
    browser = logged_in("docomo-P903i", me)
    assert "わたしさんのホーム" in _home(app, browser)[0]
    _write(app, lambda: profiles.update_introduction(me, "あたらしい名前", "", "everyone"))
    text = _home(app, browser)[0]
    assert "あたらしい名前さんのホーム" in text and "わたしさんのホーム" not in text


def test_a_session_whose_member_is_gone_gets_the_top_page(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser]
) -> None:
    me = member("わたし")
    browser = logged_in("docomo-P903i", me)
    with app.app_context():  # gone without the session ended (an operator's delete)
        db.session.execute(delete(Member).where(Member.id == me))
        db.session.commit()
    text, _statements = _home(app, browser)
    assert "さんのホーム" not in text and 'href="/login' in text
