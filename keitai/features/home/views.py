"""The home page. `/` renders it for a logged-in member (keitai.features.top asks for it)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from flask import render_template, url_for
from sqlalchemy import Select, bindparam, select

from keitai import hot, kv, premium
from keitai.cache import cached_many
from keitai.db import db
from keitai.features.announcements import home as announcement_board
from keitai.features.communities.queries import latest_posts, pending_count_expr
from keitai.features.diary.queries import friends_latest, new_comment_count_expr
from keitai.features.footprints.queries import new_footprint_count_expr
from keitai.features.friends.queries import request_count_expr
from keitai.features.messages.queries import unread_count_expr
from keitai.features.news import home as news_board
from keitai.features.social import small_page
from keitai.models.member import Member
from keitai.moderation import bans
from keitai.replica import read_session
from keitai.timefmt import jst_time

#: friends' diaries on the home page of a small handset, and of the others
SHORT_FEED, LONG_FEED = hot.FEED_SIZES


@dataclass(frozen=True)
class Badge:
    """One "you have N new ..." line at the top of the home page."""

    count: int
    text: str
    url: str


@cache
def _counts() -> Select[tuple[int, int, int, int, int]]:
    """Build, once, the statement that counts the five kinds of news in one round trip."""
    member = bindparam("member_id", type_=Member.id.type)
    return select(unread_count_expr(member), request_count_expr(member),
                  new_comment_count_expr(member), new_footprint_count_expr(member),
                  pending_count_expr(member))


def _read_counts(member_id: int) -> list[int]:
    """Read the four counts from the database."""
    row = db.session.execute(_counts(), {"member_id": member_id}).one()
    return [int(value or 0) for value in row]


@dataclass(frozen=True, slots=True)
class Card:
    """What home shows of the member themself."""

    id: int
    nickname: str
    #: premium now: home shows the badge (keitai.premium)
    premium: bool = False


def _read_card(member_id: int) -> list[Any] | None:
    """Read the member's card from the database (the nickname, the premium period, the end
    of a suspension); None when the member is gone."""
    row = db.session.execute(_card(), {"member_id": member_id}).first()
    return None if row is None else [row.nickname, *premium.period_to_json(
        row.premium_since, row.premium_until), bans.suspension_to_json(row.suspended_until)]


@cache
def _card() -> Select[str, datetime | None, datetime | None, datetime | None]:
    """Build, once, the statement that reads a member's card."""
    return (select(Member.nickname, Member.premium_since, Member.premium_until,
                   Member.suspended_until)
            .where(Member.id == bindparam("member_id")))


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One of the friends' latest diaries, as home shows it; the time as the page shows it
    (Japan time, made once when the feed is read, not on every page)."""

    id: int
    title: str
    time: str
    author_id: int
    author_nickname: str
    comment_count: int
    #: 外部ブログ: imported from the author's external blog (last, with a default: a list
    #: cached before the field existed still loads)
    from_blog: bool = False

    def to_json(self) -> list[Any]:
        """Return the entry as a JSON list."""
        return [self.id, self.title, self.time, self.author_id, self.author_nickname,
                self.comment_count, self.from_blog]

    @classmethod
    def from_json(cls, item: list[Any]) -> FeedEntry:
        """Return the entry a JSON list holds."""
        return cls(*item)


def _read_feed(member_id: int, size: int) -> list[list[Any]]:
    """Read the first `size` diaries of the member's friends' feed, as JSON lists."""
    # a feed kept in Redis outlives any replica's lag: it is read from the primary
    session = db.session() if kv.keyvalue() is not None else read_session()
    return [FeedEntry(row.id, row.title, jst_time(row.created_at), row.author_id,
                      row.author_nickname, row.comment_count,
                      row.blog_link is not None).to_json()
            for row in friends_latest(member_id, size, session)]


@dataclass(frozen=True, slots=True)
class PostEntry:
    """One of the latest topics of the member's communities, as home shows it (the time as
    the page shows it, like FeedEntry's)."""

    id: int
    #: "topic" or "event": the page the entry links to
    kind: str
    title: str
    time: str
    comment_count: int
    community_name: str

    def to_json(self) -> list[Any]:
        """Return the entry as a JSON list."""
        return [self.id, self.kind, self.title, self.time, self.comment_count,
                self.community_name]

    @classmethod
    def from_json(cls, item: list[Any]) -> PostEntry:
        """Return the entry a JSON list holds."""
        return cls(*item)


def _read_posts(member_id: int, size: int) -> list[list[Any]]:
    """Read the latest `size` topics of the member's communities, as JSON lists."""
    session = db.session() if kv.keyvalue() is not None else read_session()
    return [PostEntry(row.id, row.kind, row.title, jst_time(row.bumped_at),
                      row.comment_count, row.community_name).to_json()
            for row in latest_posts(member_id, size, session)]


def badges(member_id: int, counts: list[int]) -> list[Badge]:
    """Return the lines of what is new for the member (from their five counts: unread
    messages, friend requests, new comments, new visits, join requests to approve), only
    those with something new."""
    unread, requests, comments, visits, pending = counts
    lines = [
        Badge(unread, "新着ミニメール{}件", url_for("messages.inbox")),
        Badge(requests, "マイミク申請{}件", url_for("friends.requests")),
        Badge(comments, "日記に新着コメント{}件",
              url_for("diary.member_list", member_id=member_id)),
        Badge(visits, "新しい足あと{}件", url_for("footprints.index")),
        Badge(pending, "参加承認待ち{}件", url_for("communities.index")),
    ]
    return [badge for badge in lines if badge.count]


def home(member_id: int, notice: str | None) -> str | None:
    """Render the member's home page; None when there is no such member any more.

    Its card, counts and feed are read together: from Redis in one round trip when it keeps
    them all, without touching the database.
    """
    size = SHORT_FEED if small_page() else LONG_FEED
    card, news, feed, posts, announced, own, headlines = cached_many([
        (hot.card_key(member_id), hot.CARD_SECONDS, lambda: _read_card(member_id)),
        (hot.news_key(member_id), hot.NEWS_SECONDS, lambda: _read_counts(member_id)),
        (hot.feed_key(member_id, size), hot.FEED_SECONDS, lambda: _read_feed(member_id, size)),
        (hot.communities_key(member_id, size), hot.COMMUNITIES_SECONDS,
         lambda: _read_posts(member_id, size)),
        *announcement_board.entries(member_id, size),
        *news_board.entries(),
    ])
    if card is None or bans.suspended_in_json(card[3:]):  # a session outliving a suspension
        return None
    return render_template("home.html", member=Card(member_id, str(card[0]),
                                                    premium.active_in_json(card[1:3])),
                           badges=badges(member_id, [int(count) for count in news]),
                           diaries=[FeedEntry.from_json(item) for item in feed],
                           posts=[PostEntry.from_json(item) for item in posts], notice=notice,
                           board=announcement_board.area(announced, own),
                           headlines=news_board.area(headlines))
