"""Home: what is new first, then the friends' latest diaries, then the menu on number keys."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert

from keitai.db import db
from keitai.features.diary import feed
from keitai.models.base import utcnow
from keitai.models.diary import Comment, Diary
from keitai.models.friendship import FriendRequest
from keitai.models.message import Message
from tests.handsets import PAGE_PROFILES
from tests.social.conftest import access_key, befriend, crowd
from tests.sql import counting_sql

#: the home menu's keys: 4, 6 and 9 are the key map's (pager and back), so the menu's last
#: entries go without a key (None)
MENU = [("1", "日記を書く"), ("2", "マイミク"), ("3", "足あと"), ("7", "ミニメール"),
        ("5", "プロフィール"), (None, "お気に入り"), (None, "友人を招待する"), ("8", "設定"),
        (None, "ブロック")]


def diaries_by(app, authors: list[int], visibility: str = "everyone") -> None:
    with app.app_context():
        start = utcnow() - timedelta(days=1)
        db.session.execute(insert(Diary), [
            {"author_id": a, "title": f"にっき{i}", "body": "ほんぶん", "visibility": visibility,
             "created_at": start + timedelta(minutes=i), "owner_read_at": start}
            for i, a in enumerate(authors)])
        feed.refresh_all()
        db.session.commit()


def news_for(app, me: int, other: int) -> None:
    """One unread message, one request, one new comment on my diary, one footprint."""
    with app.app_context():
        db.session.add_all([
            Message(sender_id=other, recipient_id=me, subject="やあ", body="げんき?"),
            FriendRequest(sender_id=other, recipient_id=me, message="")])
        diary = Diary(author_id=me, title="わたしのにっき", body="x", visibility="everyone",
                      owner_read_at=utcnow() - timedelta(hours=1))
        db.session.add(diary)
        db.session.flush()
        db.session.add(Comment(diary_id=diary.id, author_id=other, body="いいね"))
        db.session.flush()
        feed.refresh_all()
        db.session.commit()


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_home_shows_news_first_then_friends_diaries_then_the_menu(app, member, logged_in,
                                                                  name) -> None:
    me, taro = member("わたし"), member("たろう")
    befriend(app, me, taro)
    diaries_by(app, [taro, taro])
    news_for(app, me, member("はなこ"))
    logged_in("pc-Firefox", taro).get(f"/members/{me}")
    text = logged_in(name, me).page("/")
    badges = ["新着ミニメール1件", "マイミク申請1件", "日記に新着コメント1件", "新しい足あと1件"]
    positions = [text.index(badge) for badge in badges]
    assert positions == sorted(positions)
    assert positions[-1] < text.index("にっき1") < text.index("にっき0") < text.index("日記を書く")
    for key, label in MENU:
        assert access_key(text, key, label) if key else f">{label}</a>" in text, label


def test_home_without_news_shows_no_badges(app, member, logged_in) -> None:
    text = logged_in("docomo-N505i", member("わたし")).page("/")
    assert "件" not in text and "まだありません。" in text


def test_visitors_still_get_the_top_page(app, handset) -> None:
    client = handset("docomo-N505i")
    text = client.text(client.get("/"))
    assert "ログイン" in text and "日記を書く" not in text


def test_friends_diaries_only_at_visibilities_that_let_me_read(app, member, logged_in) -> None:
    me, taro = member("わたし"), member("たろう")
    befriend(app, me, taro)
    diaries_by(app, [taro], visibility="only_me")
    assert "にっき0" not in logged_in("pc-Firefox", me).page("/")


def test_the_home_of_a_member_with_1000_friends_fits_a_5_kb_handset(app, member,
                                                                    logged_in) -> None:
    me = member("にんきもの")
    friends = crowd(app, 1000)
    befriend(app, me, *friends)
    diaries_by(app, friends[:50])
    browser = logged_in("docomo-D501i", me)
    response = browser.get("/")
    assert len(response.body) <= 5 * 1024 and "pp=2" not in browser.text(response)
    assert "にっき49" in browser.page("/")


def test_the_home_page_runs_the_same_statements_with_1_or_1000_friends(app, member,
                                                                      logged_in) -> None:
    small, large = member("すこし"), member("たくさん")
    friends = crowd(app, 1000)
    befriend(app, small, friends[0])
    befriend(app, large, *friends)
    diaries_by(app, friends[:30])
    counts = []
    for me in (small, large):
        browser = logged_in("docomo-N505i", me)
        browser.get("/")
        with counting_sql(app) as statements:
            browser.get("/")
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 12
